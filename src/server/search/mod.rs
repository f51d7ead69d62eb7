//! Full-text search over the procedure catalogue.
//!
//! The catalogue is small enough to keep in memory (thousands of procedures) and changes only on
//! deployment, so the index is built once at start-up and then only read, from any thread.
//! Layout: `normalize` folds text into search keys, `vocab` looks words up (exact, prefix,
//! typos), `index` builds the postings with BM25F scores, `query` reads what was typed, `rank`
//! scores and orders.

mod index;
mod normalize;
mod query;
mod rank;
pub mod synthetic;
#[cfg(test)]
mod tests;
mod vocab;

use std::collections::HashMap;

pub use normalize::{normalize, tokenize};

use crate::portal::input::{clean_text, MAX_SEARCH_CHARS};
use crate::portal::types::{ImplementingLevel, OnlineLevel, Procedure, ProcedureSummary, SearchPage, SearchQuery};
use index::InvertedIndex;
use query::Query;
use rank::Hit;

/// Page size when the query names none.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// Largest page a client may ask for (the portal API refuses larger ones; other callers are clamped).
pub const MAX_PER_PAGE: u32 = SearchQuery::MAX_PER_PAGE;

/// What the filters need of a procedure, kept apart from the procedure to stay cache-friendly.
struct Facets {
    sector: u32,
    /// Bit set of `ImplementingLevel as u8`.
    levels: u8,
    online_level: OnlineLevel,
}

/// The searchable catalogue.
pub struct SearchIndex {
    procedures: Vec<Procedure>,
    /// Folded procedure code -> position in `procedures`.
    by_code: HashMap<String, usize>,
    /// Sector code -> the id used in [`Facets`].
    sectors: HashMap<String, u32>,
    facets: Vec<Facets>,
    index: InvertedIndex,
}

impl SearchIndex {
    /// Indexes `procedures`, whose order is the catalogue order (listing and tie-break).
    pub fn new(procedures: Vec<Procedure>) -> SearchIndex {
        let mut by_code = HashMap::new();
        let mut sectors = HashMap::new();
        let mut facets = Vec::with_capacity(procedures.len());
        for (i, p) in procedures.iter().enumerate() {
            // A duplicated code keeps its first procedure, as the catalogue lists it first.
            by_code.entry(code_key(&p.code)).or_insert(i);
            let next = sectors.len() as u32;
            let sector = *sectors.entry(p.sector.code.clone()).or_insert(next);
            let levels = p.levels.iter().fold(0u8, |bits, &l| bits | level_bit(l));
            facets.push(Facets { sector, levels, online_level: p.online_level });
        }
        let index = InvertedIndex::build(&procedures);
        SearchIndex { procedures, by_code, sectors, facets, index }
    }

    /// Ranked, filtered, paginated procedures for `query`; an empty `q` lists the filtered
    /// catalogue in its order.
    pub fn search(&self, query: &SearchQuery) -> SearchPage {
        let page = query.page.unwrap_or(1).max(1);
        let per_page = query.per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE);
        let start = (page as usize - 1).saturating_mul(per_page as usize);
        let end = start.saturating_add(per_page as usize);

        // An unknown sector matches nothing, rather than silently dropping the filter; an empty
        // one is an HTML form's "all sectors".
        let sector = match query.sector.as_deref().filter(|code| !code.is_empty()) {
            Some(code) => match self.sectors.get(code) {
                Some(&id) => Some(id),
                None => return SearchPage { total: 0, page, per_page, items: Vec::new() },
            },
            None => None,
        };
        let keep = |doc: usize| {
            let f = &self.facets[doc];
            sector.is_none_or(|s| f.sector == s)
                && query.level.is_none_or(|l| f.levels & level_bit(l) != 0)
                && query.online_level.is_none_or(|o| f.online_level == o)
        };

        // Any API client may send anything: search what a person could have meant.
        let q = clean_text(&query.q, MAX_SEARCH_CHARS);
        let parsed = Query::parse(&q, &self.index);
        let pinned = self.position_of(&q).filter(|&doc| keep(doc));
        let (total, docs): (usize, Vec<usize>) = if parsed.is_empty() && pinned.is_none() {
            let listed = || (0..self.procedures.len()).filter(|&doc| keep(doc));
            let page = listed().skip(start).take(per_page as usize).collect();
            (listed().count(), page)
        } else {
            let mut hits = parsed.run(&self.index, self.procedures.len(), keep, end);
            if let Some(doc) = pinned {
                match hits.iter_mut().find(|h| h.doc as usize == doc) {
                    Some(hit) => hit.pinned = true,
                    None => hits.push(Hit { doc: doc as u32, pinned: true, complete: true, score: 0.0 }),
                }
            }
            rank::sort_top(&mut hits, end);
            let docs = hits.iter().take(end).skip(start).map(|h| h.doc as usize).collect();
            (hits.len(), docs)
        };
        let items = docs.into_iter().map(|doc| ProcedureSummary::from(&self.procedures[doc])).collect();
        SearchPage { total: total as u32, page, per_page, items }
    }

    /// The procedure with this code (surrounding spaces and letter case forgiven).
    pub fn get(&self, code: &str) -> Option<&Procedure> {
        self.position_of(code).map(|i| &self.procedures[i])
    }

    /// All procedures in catalogue order.
    pub fn procedures(&self) -> &[Procedure] {
        &self.procedures
    }

    pub fn len(&self) -> usize {
        self.procedures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.procedures.is_empty()
    }

    /// Catalogue position of the procedure whose code `s` is, as typed.
    fn position_of(&self, s: &str) -> Option<usize> {
        let key = code_key(s);
        (!key.is_empty()).then(|| self.by_code.get(&key).copied()).flatten()
    }
}

/// A procedure code as typed: spaces anywhere dropped ("1. 001193 "), letters lowercased.
fn code_key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

fn level_bit(level: ImplementingLevel) -> u8 {
    1 << level as u8
}
