//! Ranking: what the typed words may mean, how well each procedure answers them, in what order.
//!
//! 1. Each query word becomes a *position* with weighted expansions: the word itself, completions
//!    of the last word (search as you type), corrections within a small edit distance ("khia" ->
//!    "khai"), and an acronym ("attp").
//! 2. Postings of the expansions are added up per procedure (BM25F, precomputed in the index); per
//!    position only the best expansion counts, so a word never scores twice.
//! 3. Procedures whose name or alias keeps the query's word order get a multiplicative bonus:
//!    adjacent pairs, the whole query as a phrase, and most when the name *is* the query. Request
//!    phrasing around the name ("thủ tục ... như thế nào") is left out of that comparison.
//! 4. Order: a pinned code hit, then procedures matching every required word, then by score, then
//!    catalogue order so equal scores never shuffle between runs.
//!
//! Corrections (step 1) are tried only when the words as typed complete no procedure.

use std::cmp::Ordering;

use super::index::{InvertedIndex, FIELD_END};
use super::normalize::tokenize;
use super::vocab::SYNTHETIC_MARK;

/// Query words beyond this are ignored (positions are bits of a `u32`, and no name is longer).
const MAX_POSITIONS: usize = 16;
/// Weight of a completion of the last word relative to the word typed in full.
const PREFIX_FACTOR: f32 = 0.7;
/// At most this many completions (the most frequent) for a short last word like "k".
const MAX_COMPLETIONS: usize = 24;
/// Weight of a correction by edit distance (index 0, the word as typed, for completeness).
const TYPO_FACTOR: [f32; 3] = [1.0, 0.6, 0.4];
/// At most this many corrections per word (the closest, then the most frequent).
const MAX_CORRECTIONS: usize = 12;
/// Bonuses, as fractions added to the multiplier (1.0 = none).
const ADJACENT_PAIRS_BONUS: f32 = 0.3;
const PHRASE_BONUS: f32 = 0.5;
const EXACT_NAME_BONUS: f32 = 1.0;
/// Weight of request-phrasing words (see [`FILLERS`]) relative to the words naming a procedure.
const FILLER_FACTOR: f32 = 0.3;

/// How people phrase a request around the procedure's name ("làm", "thủ tục", "hồ sơ", "như thế
/// nào"). These words still score (a little) where a name contains them, but a procedure lacking
/// them is neither incomplete nor denied "the name is the query". Function words of names ("cho",
/// "của") are deliberately not here: they tell procedures apart ("... cho trẻ em dưới 6 tuổi").
const FILLERS: &[&[&str]] = &[
    &["thu", "tuc"],
    &["ho", "so"],
    &["lam"],
    &["xin"],
    &["cach"],
    &["muon"],
    &["nhu", "the", "nao"],
    &["o", "dau"],
];

/// A term a query word stands for.
#[derive(Clone, Copy)]
struct Expansion {
    term: u32,
    factor: f32,
    /// Reached by a typo correction rather than as typed (or its completion).
    corrected: bool,
}

struct Position {
    /// One entry per term.
    expansions: Vec<Expansion>,
    /// Index among the words naming the procedure; `None` for request phrasing.
    core: Option<u32>,
}

/// A parsed query, ready to run against the index it was parsed with.
pub(super) struct Query {
    positions: Vec<Position>,
    /// Positions naming the procedure (not request phrasing), as a bit set and a count.
    core_mask: u32,
    core_len: usize,
}

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
    pub fn parse(text: &str, index: &InvertedIndex) -> Query {
        let mut words = tokenize(text);
        words.truncate(MAX_POSITIONS);
        let mut filler = filler_positions(&words);
        if filler.iter().all(|&f| f) {
            // A query of request words only: they are what was asked for.
            filler.fill(false);
        }
        let last = words.len().saturating_sub(1);
        let mut core_len = 0;
        let mut core_mask = 0;
        let mut positions = Vec::with_capacity(words.len());
        for (i, word) in words.iter().enumerate() {
            let mut expansions = expand(word, i == last, index);
            let core = if filler[i] {
                expansions.iter_mut().for_each(|e| e.factor *= FILLER_FACTOR);
                None
            } else {
                core_mask |= 1 << i;
                core_len += 1;
                Some(core_len as u32 - 1)
            };
            positions.push(Position { expansions, core });
        }
        Query { positions, core_mask, core_len }
    }

    /// True when nothing searchable was typed: the caller lists the catalogue instead.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// Positions a complete match must cover: the core words the index knows at all (an unknown
    /// word would otherwise leave every procedure incomplete).
    fn required_mask(&self) -> u32 {
        let live = self.positions.iter().enumerate().filter(|(_, p)| !p.expansions.is_empty());
        live.fold(0u32, |m, (i, _)| m | 1 << i) & self.core_mask
    }

    /// For every term, the bit set of core positions (numbered among core words) it can stand for
    /// (dense, indexed by term id).
    fn term_positions(&self, vocabulary_len: usize, corrections: bool) -> Vec<u32> {
        let mut masks = vec![0u32; vocabulary_len];
        for p in &self.positions {
            let Some(core) = p.core else { continue };
            for e in p.expansions.iter().filter(|e| corrections || !e.corrected) {
                masks[e.term as usize] |= 1 << core;
            }
        }
        masks
    }

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
        let typed_can_complete = self.positions.iter().enumerate().all(|(i, p)| {
            required & (1 << i) == 0 || p.expansions.iter().any(|e| !e.corrected)
        });
        if typed_can_complete {
            let hits = self.score(index, doc_count, &keep, top, required, false);
            if hits.iter().any(|h| h.complete) {
                return hits;
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
                hit.complete > t.complete || (hit.complete == t.complete && hit.score * bound >= t.score)
            });
            if n > 0 && bound > 1.0 && reachable {
                hit.score *= order_bonus(index.phrase_tokens(hit.doc), &masks, n);
            }
        }
        hits
    }
}

/// The weighted terms a typed word stands for.
fn expand(word: &str, is_last: bool, index: &InvertedIndex) -> Vec<Expansion> {
    let vocab = &index.vocab;
    let as_typed = |term, factor| Expansion { term, factor, corrected: false };
    let mut out = Vec::new();
    let exact = vocab.get(word);
    out.extend(exact.map(|id| as_typed(id, 1.0)));
    if is_last {
        let mut completions: Vec<u32> = vocab.with_prefix(word).iter().copied().filter(|&id| Some(id) != exact).collect();
        if completions.len() > MAX_COMPLETIONS {
            completions.sort_by_key(|&id| (std::cmp::Reverse(index.doc_freq(id)), id));
            completions.truncate(MAX_COMPLETIONS);
        }
        out.extend(completions.into_iter().map(|id| as_typed(id, PREFIX_FACTOR)));
    }
    // Corrections even for words the catalogue uses: a typo often lands on another real syllable
    // ("thuong" for "truong"). `Query::run` uses them only as a fallback.
    let len = word.len();
    if len >= 4 {
        let max_distance = if len >= 8 { 2 } else { 1 };
        let mut corrections = Vec::new();
        vocab.for_each_within(word, max_distance, |id, d| {
            if d > 0 {
                corrections.push((d, id));
            }
        });
        corrections.sort_by_key(|&(d, id)| (d, std::cmp::Reverse(index.doc_freq(id)), id));
        corrections.truncate(MAX_CORRECTIONS);
        let corrected = |(d, term): (usize, u32)| Expansion { term, factor: TYPO_FACTOR[d], corrected: true };
        out.extend(corrections.into_iter().map(corrected));
    }
    out.extend(vocab.get(&format!("{SYNTHETIC_MARK}{word}")).map(|id| as_typed(id, 1.0)));
    // A term reached two ways (say completion and correction) keeps its best reading, once.
    out.sort_by(|a, b| a.term.cmp(&b.term).then(b.factor.total_cmp(&a.factor)));
    out.dedup_by_key(|e| e.term);
    out
}

/// Which words are request phrasing (see [`FILLERS`]).
fn filler_positions(words: &[String]) -> Vec<bool> {
    let mut optional = vec![false; words.len()];
    for start in 0..words.len() {
        for filler in FILLERS {
            let end = start + filler.len();
            if end <= words.len() && words[start..end].iter().zip(filler.iter()).all(|(w, f)| w == f) {
                optional[start..end].fill(true);
            }
        }
    }
    optional
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
    fn fillers_are_optional() {
        let words = tokenize("làm thủ tục đăng ký khai sinh ở đâu");
        let optional = filler_positions(&words);
        assert_eq!(optional, [true, true, true, false, false, false, false, true, true]);
        assert_eq!(filler_positions(&tokenize("đăng ký hộ kinh doanh")), [false; 5]);
    }

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
