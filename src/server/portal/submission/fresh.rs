//! The receipts of the dossiers sent in the last few minutes, kept in memory.
//!
//! Every submission is followed at once by its receipt page (the 303 leads there), and a citizen
//! often reloads or prints it right away. A stored receipt and its link key never change, so the
//! page may be answered from here instead of a trip to the database: one of the four a
//! submission and its receipt made. Bounded in count (the oldest go first) and in age; a miss
//! reads the database as before, so a receipt sent by another instance, or kept longer, is found
//! all the same. Should a dossier's link key ever be replaced (to revoke its links), the code
//! doing it must also drop the dossier from here.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Enough for the submissions of the few seconds between a submission and its receipt at the
/// busiest rate measured (~2,300 a second), a few KB each.
const CAPACITY: usize = 4096;
/// Longer than a citizen takes to read, reload and print the receipt just issued.
const MAX_AGE: Duration = Duration::from_secs(10 * 60);

/// A stored receipt (JSON as issued) and the key its tracking links are signed with.
#[derive(Clone)]
pub struct Kept {
    pub link_key: Arc<str>,
    pub receipt: Arc<str>,
}

#[derive(Clone, Default)]
pub struct FreshReceipts(Arc<Mutex<Inner>>);

#[derive(Default)]
struct Inner {
    by_code: HashMap<String, (Instant, Kept)>,
    /// Codes in the order they were kept: the oldest is evicted first.
    order: VecDeque<String>,
}

impl FreshReceipts {
    /// Keeps a dossier's receipt once its transaction has committed.
    pub fn keep(&self, code: &str, link_key: &str, receipt: &str) {
        let kept = Kept { link_key: link_key.into(), receipt: receipt.into() };
        let mut inner = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if inner.by_code.insert(code.to_string(), (Instant::now(), kept)).is_none() {
            inner.order.push_back(code.to_string());
        }
        while inner.order.len() > CAPACITY {
            if let Some(oldest) = inner.order.pop_front() {
                inner.by_code.remove(&oldest);
            }
        }
    }

    /// The receipt kept for `code`, if it was kept less than [`MAX_AGE`] ago.
    pub fn get(&self, code: &str) -> Option<Kept> {
        let inner = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let (at, kept) = inner.by_code.get(code)?;
        (at.elapsed() < MAX_AGE).then(|| kept.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_receipts_go_first_and_the_count_stays_bounded() {
        let fresh = FreshReceipts::default();
        for n in 0..CAPACITY + 10 {
            fresh.keep(&format!("code-{n}"), "key", &format!("receipt-{n}"));
        }
        assert!(fresh.get("code-0").is_none());
        assert!(fresh.get("code-9").is_none());
        assert_eq!(&*fresh.get("code-10").unwrap().receipt, "receipt-10");
        assert_eq!(
            &*fresh.get(&format!("code-{}", CAPACITY + 9)).unwrap().receipt,
            format!("receipt-{}", CAPACITY + 9)
        );
        let inner = fresh.0.lock().unwrap();
        assert_eq!((inner.by_code.len(), inner.order.len()), (CAPACITY, CAPACITY));
    }

    #[test]
    fn keeping_a_code_twice_keeps_one_entry() {
        let fresh = FreshReceipts::default();
        fresh.keep("a", "key", "one");
        fresh.keep("a", "key", "two");
        assert_eq!(&*fresh.get("a").unwrap().receipt, "two");
        assert_eq!(fresh.0.lock().unwrap().order.len(), 1);
    }
}
