//! Construction of the inverted index, with each posting's BM25F score computed up front.
//!
//! Everything that depends only on the catalogue (term frequencies, field lengths, IDF) is folded
//! into one number per (term, procedure) at start-up, so answering a query is adding up postings.

use std::collections::HashMap;

use super::normalize::tokenize;
use super::vocab::{Vocabulary, SYNTHETIC_MARK};
use crate::portal::types::Procedure;

/// BM25 term-frequency saturation: a word repeated in a name counts a little more, not double.
const K1: f32 = 1.2;

/// Where a term was found; each kind of field has its own weight and length normalisation.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    /// The official Vietnamese name: what the citizen most likely typed.
    Name,
    /// Folk names ("sổ đỏ"); each alias is its own instance, the best one counts.
    Alias,
    /// The English name, for the English site.
    English,
    /// The sector name (both languages): makes "hộ tịch" find the civil-status procedures, but
    /// weakly, since every procedure of a sector shares it.
    Sector,
    /// Initials of runs of 3-6 name words, so "ATTP" finds "an toàn thực phẩm".
    Acronym,
}

impl Field {
    const ALL: [Field; 5] = [Field::Name, Field::Alias, Field::English, Field::Sector, Field::Acronym];

    /// (weight, b): b is BM25's length normalisation, 0 where length says nothing about focus.
    fn params(self) -> (f32, f32) {
        match self {
            Field::Name => (3.0, 0.75),
            Field::Alias => (2.5, 0.5),
            Field::English => (1.2, 0.75),
            Field::Sector => (0.4, 0.0),
            Field::Acronym => (1.5, 0.0),
        }
    }
}

/// A term's contribution to one procedure's score.
#[derive(Clone, Copy, Debug)]
pub(super) struct Posting {
    pub doc: u32,
    pub score: f32,
}

/// Ends the name and each alias in a document's phrase tokens.
pub(super) const FIELD_END: u32 = u32::MAX;

pub(super) struct InvertedIndex {
    pub vocab: Vocabulary,
    /// All postings, grouped by term and in catalogue order within a term (compressed rows).
    postings: Vec<Posting>,
    posting_starts: Vec<u32>,
    /// Term ids of each procedure's name and aliases in order, each ended by [`FIELD_END`], for
    /// phrase and adjacency bonuses, which need word order.
    phrase_tokens: Vec<u32>,
    phrase_starts: Vec<u32>,
    /// Per procedure, bit `k` set when its name or an alias has exactly `k` words (k < 32): tells
    /// without a scan whether "the name is the query" is possible.
    field_lengths: Vec<u32>,
}

/// A procedure's searchable fields as sequences of term ids.
type Fields = Vec<(Field, Vec<u32>)>;

impl InvertedIndex {
    pub fn build(procedures: &[Procedure]) -> InvertedIndex {
        let mut vocab = Vocabulary::default();
        let docs: Vec<Fields> = procedures.iter().map(|p| fields(p, &mut vocab)).collect();
        vocab.finish();
        let (postings, posting_starts) = postings(&pseudo_frequencies(&docs), vocab.len());
        let (phrase_tokens, phrase_starts, field_lengths) = phrase_layout(&docs);
        InvertedIndex { vocab, postings, posting_starts, phrase_tokens, phrase_starts, field_lengths }
    }

    pub fn postings(&self, term: u32) -> &[Posting] {
        let t = term as usize;
        &self.postings[self.posting_starts[t] as usize..self.posting_starts[t + 1] as usize]
    }

    /// Number of procedures containing `term`.
    pub fn doc_freq(&self, term: u32) -> usize {
        self.postings(term).len()
    }

    /// The name and aliases of procedure `doc` as term ids, each ended by [`FIELD_END`].
    pub fn phrase_tokens(&self, doc: u32) -> &[u32] {
        let d = doc as usize;
        &self.phrase_tokens[self.phrase_starts[d] as usize..self.phrase_starts[d + 1] as usize]
    }

    /// Whether procedure `doc` has a name or alias of exactly `words` words.
    pub fn has_field_of_len(&self, doc: u32, words: usize) -> bool {
        words < 32 && self.field_lengths[doc as usize] & (1 << words) != 0
    }
}

/// BM25F pseudo term frequency of every term in every procedure: field weights and length
/// normalisation applied, sorted by term.
fn pseudo_frequencies(docs: &[Fields]) -> Vec<Vec<(u32, f32)>> {
    // Average length of each kind of field, over the procedures that have it.
    let mut totals = [(0usize, 0usize); Field::ALL.len()];
    for (field, tokens) in docs.iter().flatten() {
        totals[*field as usize].0 += tokens.len();
        totals[*field as usize].1 += 1;
    }
    let avg_len = totals.map(|(sum, n)| (sum as f32 / n.max(1) as f32).max(1.0));

    let (mut doc_tf, mut alias_tf, mut instance_tf) = (HashMap::new(), HashMap::new(), HashMap::new());
    let mut out = Vec::with_capacity(docs.len());
    for instances in docs {
        for (field, tokens) in instances {
            let (weight, b) = field.params();
            let norm = 1.0 - b + b * tokens.len() as f32 / avg_len[*field as usize];
            for &t in tokens {
                *instance_tf.entry(t).or_insert(0.0) += weight / norm;
            }
            for (t, tf) in instance_tf.drain() {
                if *field == Field::Alias {
                    let best: &mut f32 = alias_tf.entry(t).or_insert(0.0);
                    *best = best.max(tf);
                } else {
                    *doc_tf.entry(t).or_insert(0.0) += tf;
                }
            }
        }
        for (t, tf) in alias_tf.drain() {
            *doc_tf.entry(t).or_insert(0.0) += tf;
        }
        let mut terms: Vec<(u32, f32)> = doc_tf.drain().collect();
        terms.sort_unstable_by_key(|&(t, _)| t);
        out.push(terms);
    }
    out
}

/// The postings of every term (saturated and IDF-weighted) and where each term's run starts.
/// Walking procedures in order keeps each run in catalogue order.
fn postings(frequencies: &[Vec<(u32, f32)>], vocabulary_len: usize) -> (Vec<Posting>, Vec<u32>) {
    let mut df = vec![0u32; vocabulary_len];
    for &(t, _) in frequencies.iter().flatten() {
        df[t as usize] += 1;
    }
    let n = frequencies.len() as f32;
    let idf: Vec<f32> = df.iter().map(|&d| (1.0 + (n - d as f32 + 0.5) / (d as f32 + 0.5)).ln()).collect();
    let mut starts = Vec::with_capacity(df.len() + 1);
    starts.push(0u32);
    for &d in &df {
        starts.push(starts.last().unwrap() + d);
    }
    let mut fill = starts.clone();
    let mut postings = vec![Posting { doc: 0, score: 0.0 }; *starts.last().unwrap() as usize];
    for (doc, terms) in frequencies.iter().enumerate() {
        for &(t, tf) in terms {
            let score = idf[t as usize] * tf * (K1 + 1.0) / (tf + K1);
            postings[fill[t as usize] as usize] = Posting { doc: doc as u32, score };
            fill[t as usize] += 1;
        }
    }
    (postings, starts)
}

/// Names and aliases in word order (see [`InvertedIndex::phrase_tokens`]), where each procedure's
/// run starts, and the bit sets of their lengths.
fn phrase_layout(docs: &[Fields]) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
    let mut tokens = Vec::new();
    let mut starts = vec![0u32];
    let mut lengths = Vec::with_capacity(docs.len());
    for instances in docs {
        let mut doc_lengths = 0u32;
        for (_, field) in instances.iter().filter(|(f, _)| matches!(f, Field::Name | Field::Alias)) {
            tokens.extend_from_slice(field);
            tokens.push(FIELD_END);
            doc_lengths |= 1u32.checked_shl(field.len() as u32).unwrap_or(0);
        }
        starts.push(tokens.len() as u32);
        lengths.push(doc_lengths);
    }
    (tokens, starts, lengths)
}

/// The searchable fields of `p` as sequences of interned terms.
fn fields(p: &Procedure, vocab: &mut Vocabulary) -> Fields {
    let mut intern = |text: &str| -> Vec<u32> { tokenize(text).iter().map(|t| vocab.intern(t)).collect() };
    let mut out = vec![(Field::Name, intern(&p.name.vi))];
    out.extend(p.aliases.iter().map(|a| (Field::Alias, intern(a))));
    out.push((Field::English, intern(&p.name.en)));
    out.push((Field::Sector, intern(&format!("{} {}", p.sector.name.vi, p.sector.name.en))));
    let mut acronyms: Vec<u32> = acronyms(&tokenize(&p.name.vi)).iter().map(|a| vocab.intern(a)).collect();
    acronyms.sort_unstable();
    acronyms.dedup();
    out.push((Field::Acronym, acronyms));
    out
}

/// Initials of every run of 3 to 6 consecutive words, marked as synthetic terms.
///
/// Officials and citizens abbreviate long noun phrases by initials (ATTP, GPLX, QSDĐ, ĐKKD); runs
/// of two are left out as too ambiguous ("ĐK", "HS").
fn acronyms(words: &[String]) -> Vec<String> {
    let initials: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
    let mut out = Vec::new();
    for start in 0..initials.len() {
        for len in 3..=6.min(initials.len() - start) {
            let mut acronym = String::with_capacity(len + 1);
            acronym.push(SYNTHETIC_MARK);
            acronym.extend(&initials[start..start + len]);
            out.push(acronym);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_of_word_runs() {
        let words = tokenize("Cấp giấy chứng nhận an toàn thực phẩm");
        let found = acronyms(&words);
        assert!(found.contains(&"#attp".to_owned()));
        assert!(found.contains(&"#cgcn".to_owned()));
        assert!(!found.iter().any(|a| a.len() < 4), "no two-letter acronyms");
        assert!(acronyms(&tokenize("khai sinh")).is_empty());
    }
}
