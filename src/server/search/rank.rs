//! Ranking: how well each procedure answers a parsed query, and in what order.
//!
//! 1. Each query word is a *position* with weighted expansions (see `query`).
//! 2. Postings of the expansions are added up per procedure (BM25F, precomputed in the index); per
//!    position only the best expansion counts, so a word never scores twice.
//! 3. Procedures whose name or alias keeps the query's word order get a multiplicative bonus:
//!    adjacent pairs, the whole query as a phrase, and most when the name *is* the query. Request
//!    phrasing around the name ("thủ tục ... như thế nào") is left out of that comparison.
//! 4. Order: a pinned code hit, then procedures matching every required word, then by score, then
//!    catalogue order so equal scores never shuffle between runs. Once some procedure matches every
//!    required word, the partial matches are dropped.
//!
//! Typo corrections among the expansions are tried only when the words as typed complete no
//! procedure.

use std::cmp::Ordering;

use super::index::{InvertedIndex, FIELD_END};
use super::query::Query;

/// Bonuses, as fractions added to the multiplier (1.0 = none).
const ADJACENT_PAIRS_BONUS: f32 = 0.3;
const PHRASE_BONUS: f32 = 0.5;
const EXACT_NAME_BONUS: f32 = 1.0;

/// One matching procedure and its sort key.
#[derive(Clone, Copy, Debug)]
pub(super) struct Hit {
    pub doc: u32,
    /// A procedure code typed as the query: always first.
    pub pinned: bool,
    /// Every required query word matched.
    pub complete: bool,
    pub score: f32,
}

impl Query {
    /// Scores every procedure matching at least one word and accepted by `keep` (the filters).
    ///
    /// Typo corrections are a fallback, as in Typesense: they join only when the words as typed
    /// complete no procedure. A correctly typed query is then not diluted by near-miss words (most
    /// short syllables are one edit from another real one), and a typo still finds its procedure.
    ///
    /// Scores are final for the best `top` hits (what [`sort_top`] will order); the others may
    /// lack their word-order bonus, which could not lift them into the top anyway.
    pub fn run(&self, index: &InvertedIndex, doc_count: usize, keep: impl Fn(usize) -> bool, top: usize) -> Vec<Hit> {
        let required = self.required_mask();
        let typed_can_complete = self
            .positions
            .iter()
            .enumerate()
            .all(|(i, p)| required & (1 << i) == 0 || p.expansions.iter().any(|e| !e.corrected));
        if typed_can_complete {
            let hits = self.score(index, doc_count, &keep, top, required, false);
            if hits.iter().any(|h| h.complete) {
                // Once some procedures match every word, the ones matching only some ("học sinh"
                // for "khai sinh") are noise a citizen has to read past: leave them out.
                return hits.into_iter().filter(|h| h.complete || h.pinned).collect();
            }
        }
        self.score(index, doc_count, &keep, top, required, true)
    }

    fn score(
        &self,
        index: &InvertedIndex,
        doc_count: usize,
        keep: impl Fn(usize) -> bool,
        top: usize,
        required: u32,
        corrections: bool,
    ) -> Vec<Hit> {
        #[derive(Clone, Copy, Default)]
        struct Acc {
            score: f32,
            /// Best expansion of the current position; scores are positive, so 0 means untouched.
            best: f32,
            /// Bit set of the positions matched.
            matched: u32,
        }
        // Dense accumulators: one allocation per query, then only postings are touched.
        let mut acc = vec![Acc::default(); doc_count];
        let (mut touched, mut candidates) = (Vec::new(), Vec::new());
        for (i, position) in self.positions.iter().enumerate() {
            for e in position.expansions.iter().filter(|e| corrections || !e.corrected) {
                for p in index.postings(e.term) {
                    let a = &mut acc[p.doc as usize];
                    if a.best == 0.0 {
                        touched.push(p.doc);
                    }
                    a.best = a.best.max(p.score * e.factor);
                }
            }
            for doc in touched.drain(..) {
                let a = &mut acc[doc as usize];
                if a.matched == 0 {
                    candidates.push(doc);
                }
                a.score += a.best;
                a.best = 0.0;
                a.matched |= 1 << i;
            }
        }

        let mut hits: Vec<Hit> = candidates
            .into_iter()
            .filter(|&doc| keep(doc as usize))
            .map(|doc| {
                let a = &acc[doc as usize];
                Hit { doc, pinned: false, complete: a.matched & required == required, score: a.score }
            })
            .collect();

        // Word-order bonuses cost a scan of the name and aliases. Skip it where the bonus is
        // impossible, or where even the largest possible one leaves the hit below the `top`-th
        // unbonused score, so it cannot reach the page: most hits of a query of common words.
        let threshold = (top > 0 && top < hits.len()).then(|| *hits.select_nth_unstable_by(top - 1, better).1);
        let n = self.core_len;
        let masks = self.term_positions(index.vocab.len(), corrections);
        for hit in &mut hits {
            let matched = (acc[hit.doc as usize].matched & self.core_mask).count_ones() as usize;
            let bound = bonus_bound(matched, n, index.has_field_of_len(hit.doc, n));
            let reachable = threshold.is_none_or(|t| {
                (hit.complete && !t.complete) || (hit.complete == t.complete && hit.score * bound >= t.score)
            });
            if n > 0 && bound > 1.0 && reachable {
                hit.score *= order_bonus(index.phrase_tokens(hit.doc), &masks, n);
            }
        }
        hits
    }
}

/// Multiplier rewarding names and aliases that keep the query's word order.
///
/// `tokens` are a procedure's name and aliases (each ended by [`FIELD_END`]); `masks[t]` tells which
/// query positions term `t` stands for. A shift-and automaton finds the whole query as a run of
/// consecutive words in one pass, with no allocation.
fn order_bonus(tokens: &[u32], masks: &[u32], n: usize) -> f32 {
    let last = 1u32 << (n - 1);
    let (mut run, mut previous, mut field_len) = (0u32, 0u32, 0usize);
    let (mut pairs, mut phrase, mut equal) = (0u32, false, false);
    for &t in tokens {
        if t == FIELD_END {
            equal |= field_len == n && run & last != 0;
            (run, previous, field_len) = (0, 0, 0);
            continue;
        }
        let m = masks[t as usize];
        run = ((run << 1) | 1) & m;
        phrase |= run & last != 0;
        pairs |= previous & (m >> 1);
        previous = m;
        field_len += 1;
    }
    let mut bonus = 1.0;
    if n > 1 {
        bonus += ADJACENT_PAIRS_BONUS * pairs.count_ones() as f32 / (n - 1) as f32;
        if phrase {
            bonus += PHRASE_BONUS;
        }
    }
    if equal {
        bonus += EXACT_NAME_BONUS;
    }
    bonus
}

/// The largest multiplier [`order_bonus`] can give a procedure matching `matched` of the `n` query
/// positions, with or without a name or alias of exactly `n` words.
fn bonus_bound(matched: usize, n: usize, has_field_of_len_n: bool) -> f32 {
    let mut bound = 1.0;
    if n > 1 {
        bound += ADJACENT_PAIRS_BONUS * matched.saturating_sub(1) as f32 / (n - 1) as f32;
        if matched == n {
            bound += PHRASE_BONUS;
        }
    }
    if matched == n && has_field_of_len_n {
        bound += EXACT_NAME_BONUS;
    }
    bound
}

/// Best first: pinned, complete, higher score, then catalogue order.
fn better(a: &Hit, b: &Hit) -> Ordering {
    (b.pinned, b.complete).cmp(&(a.pinned, a.complete)).then(b.score.total_cmp(&a.score)).then(a.doc.cmp(&b.doc))
}

/// Puts the best `top` hits first, in order; the rest stay unordered (a page never needs them).
pub(super) fn sort_top(hits: &mut [Hit], top: usize) {
    if top == 0 {
        return;
    }
    if top < hits.len() {
        hits.select_nth_unstable_by(top - 1, better);
    }
    let top = top.min(hits.len());
    hits[..top].sort_unstable_by(better);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_bonus_finds_phrases() {
        // Query positions 0, 1 map to terms 10, 11; term 12 is unrelated.
        let mut masks = vec![0u32; 16];
        masks[10] = 0b01;
        masks[11] = 0b10;
        let equal = order_bonus(&[10, 11, FIELD_END], &masks, 2);
        let inside = order_bonus(&[12, 10, 11, 12, FIELD_END], &masks, 2);
        let scattered = order_bonus(&[10, 12, 11, FIELD_END], &masks, 2);
        let across_fields = order_bonus(&[12, 10, FIELD_END, 11, FIELD_END], &masks, 2);
        assert!(equal > inside && inside > scattered, "{equal} {inside} {scattered}");
        assert_eq!(scattered, 1.0);
        assert_eq!(across_fields, 1.0, "a phrase does not span the name and an alias");
    }
}
