//! Query parsing: what the typed words may mean.
//!
//! Each query word becomes a *position* with weighted expansions: the word itself, completions of
//! the last word (search as you type), corrections within a small edit distance ("khia" ->
//! "khai"), and an acronym ("attp"). Words of request phrasing around a procedure's name ("thủ tục
//! ... như thế nào") are told apart from the words naming it.

use super::index::InvertedIndex;
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
/// Weight of request-phrasing words (see [`FILLERS`]) relative to the words naming a procedure.
const FILLER_FACTOR: f32 = 0.3;

/// How people phrase a request around the procedure's name ("làm", "thủ tục", "hồ sơ", "như thế
/// nào"). These words still score (a little) where a name contains them, but a procedure lacking
/// them is neither incomplete nor denied "the name is the query". Function words of names ("cho",
/// "của") are deliberately not here: they tell procedures apart ("... cho trẻ em dưới 6 tuổi").
const FILLERS: &[&[&str]] =
    &[&["thu", "tuc"], &["ho", "so"], &["lam"], &["xin"], &["cach"], &["muon"], &["nhu", "the", "nao"], &["o", "dau"]];

/// A term a query word stands for.
#[derive(Clone, Copy)]
pub(super) struct Expansion {
    pub term: u32,
    pub factor: f32,
    /// Reached by a typo correction rather than as typed (or its completion).
    pub corrected: bool,
}

pub(super) struct Position {
    /// One entry per term.
    pub expansions: Vec<Expansion>,
    /// Index among the words naming the procedure; `None` for request phrasing.
    pub core: Option<u32>,
}

/// A parsed query, ready to run against the index it was parsed with.
pub(super) struct Query {
    pub positions: Vec<Position>,
    /// Positions naming the procedure (not request phrasing), as a bit set and a count.
    pub core_mask: u32,
    pub core_len: usize,
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
    pub fn required_mask(&self) -> u32 {
        let live = self.positions.iter().enumerate().filter(|(_, p)| !p.expansions.is_empty());
        live.fold(0u32, |m, (i, _)| m | 1 << i) & self.core_mask
    }

    /// For every term, the bit set of core positions (numbered among core words) it can stand for
    /// (dense, indexed by term id).
    pub fn term_positions(&self, vocabulary_len: usize, corrections: bool) -> Vec<u32> {
        let mut masks = vec![0u32; vocabulary_len];
        for p in &self.positions {
            let Some(core) = p.core else { continue };
            for e in p.expansions.iter().filter(|e| corrections || !e.corrected) {
                masks[e.term as usize] |= 1 << core;
            }
        }
        masks
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
        let mut completions: Vec<u32> =
            vocab.with_prefix(word).iter().copied().filter(|&id| Some(id) != exact).collect();
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
}
