//! The index vocabulary: exact, prefix and typo-tolerant lookup of folded tokens.
//!
//! Queries never scan documents; they are expanded against the vocabulary (a few thousand distinct
//! syllables and English words even for 10,000 procedures), and only the postings of the terms
//! found are read.

use std::collections::HashMap;

/// Terms beginning with this byte are synthetic (acronyms of names): looked up exactly only, never
/// offered as prefix completions or typo corrections.
pub(super) const SYNTHETIC_MARK: char = '#';

/// Longest term (in bytes) that takes part in fuzzy matching; the distance rows live on the stack.
const MAX_FUZZY_LEN: usize = 48;

#[derive(Default)]
pub(super) struct Vocabulary {
    ids: HashMap<String, u32>,
    terms: Vec<String>,
    /// Word term ids in lexicographic order: a prefix is a contiguous range.
    sorted: Vec<u32>,
    /// Word term ids by byte length: a typo of a token of length `n` can only be a term of length
    /// `n - d ..= n + d`, so fuzzy lookup reads a few buckets instead of the whole vocabulary.
    by_len: Vec<Vec<u32>>,
}

impl Vocabulary {
    /// The id of `term`, adding it when new. Call [`Vocabulary::finish`] after the last one.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(term.to_owned(), id);
        self.terms.push(term.to_owned());
        id
    }

    /// Builds the prefix and length tables once every term is interned.
    pub fn finish(&mut self) {
        let words = || (0..self.terms.len() as u32).filter(|&id| !self.term(id).starts_with(SYNTHETIC_MARK));
        let mut sorted: Vec<u32> = words().collect();
        sorted.sort_unstable_by(|&a, &b| self.term(a).cmp(self.term(b)));
        let mut by_len: Vec<Vec<u32>> = Vec::new();
        for id in words() {
            let len = self.term(id).len();
            if len <= MAX_FUZZY_LEN {
                if by_len.len() <= len {
                    by_len.resize_with(len + 1, Vec::new);
                }
                by_len[len].push(id);
            }
        }
        self.sorted = sorted;
        self.by_len = by_len;
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    pub fn get(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// Word terms starting with `prefix` (including `prefix` itself when it is a term).
    pub fn with_prefix(&self, prefix: &str) -> &[u32] {
        let start = self.sorted.partition_point(|&id| self.term(id) < prefix);
        let len = self.sorted[start..].partition_point(|&id| self.term(id).starts_with(prefix));
        &self.sorted[start..start + len]
    }

    /// Calls `found(id, distance)` for every word term within `max` edits of `token`, an edit being
    /// an insertion, deletion, substitution or swap of two adjacent letters ("khia" -> "khai").
    pub fn for_each_within(&self, token: &str, max: usize, mut found: impl FnMut(u32, usize)) {
        let t = token.as_bytes();
        if t.len() > MAX_FUZZY_LEN {
            return;
        }
        let lengths = t.len().saturating_sub(max)..=t.len() + max;
        for bucket in lengths.filter_map(|len| self.by_len.get(len)) {
            for &id in bucket {
                if let Some(d) = edit_distance_within(t, self.term(id).as_bytes(), max) {
                    found(id, d);
                }
            }
        }
    }
}

/// Optimal-string-alignment distance between `a` and `b` if it is at most `max`, else `None`.
///
/// Gives up as soon as a whole row exceeds `max`, so most vocabulary terms cost a row or two.
/// Works on bytes: folded Vietnamese and English are ASCII.
fn edit_distance_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max || a.len() > MAX_FUZZY_LEN || b.len() > MAX_FUZZY_LEN {
        return None;
    }
    const W: usize = MAX_FUZZY_LEN + 1;
    let (mut before, mut prev, mut cur) = ([0u8; W], [0u8; W], [0u8; W]);
    for (j, cell) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j as u8;
    }
    for i in 1..=a.len() {
        cur[0] = i as u8;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if usize::from(row_min) > max {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = usize::from(prev[b.len()]);
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocabulary {
        let mut v = Vocabulary::default();
        for w in words {
            v.intern(w);
        }
        v.finish();
        v
    }

    #[test]
    fn distances() {
        let d = |a: &str, b: &str| edit_distance_within(a.as_bytes(), b.as_bytes(), 2);
        assert_eq!(d("khia", "khai"), Some(1), "adjacent swap is one edit");
        assert_eq!(d("sinh", "sinh"), Some(0));
        assert_eq!(d("thuong", "thuon"), Some(1));
        assert_eq!(d("xay", "xaydung"), None);
        assert_eq!(d("sinh", "xin"), Some(2));
        assert_eq!(edit_distance_within(b"sinh", b"xin", 1), None);
        assert_eq!(d("chung", "thuc"), None);
    }

    #[test]
    fn prefix_and_fuzzy_lookup() {
        let v = vocab(&["sinh", "si", "sieu", "khai", "khao", "#attp", "sa"]);
        let words: Vec<&str> = v.with_prefix("si").iter().map(|&id| v.term(id)).collect();
        assert_eq!(words, ["si", "sieu", "sinh"]);
        assert!(v.with_prefix("#").is_empty(), "acronyms are not completions");
        let mut near = Vec::new();
        v.for_each_within("khia", 1, |id, d| near.push((v.term(id).to_owned(), d)));
        near.sort();
        assert_eq!(near, [("khai".to_owned(), 1)]);
    }
}
