//! Search latency on a synthetic 10,000-procedure catalogue (five times a province's real one).
//!
//! The query set mixes what the portal sees: full names with and without diacritics, folk names,
//! half-typed words (search as you type sends one query per keystroke), typos, acronyms, a code,
//! one-letter prefixes (the worst case: many completions), and filters.
//! Run with `cargo bench --features ssr --bench search`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dichvucong::portal::types::{ImplementingLevel, OnlineLevel, SearchQuery};
use dichvucong::server::search::{synthetic, SearchIndex};

const CATALOGUE_SIZE: usize = 10_000;

const QUERIES: &[&str] = &[
    "dang ky khai sinh",
    "Đăng ký kết hôn có yếu tố nước ngoài",
    "giay phep xay dung nha o rieng le",
    "sổ đỏ",
    "khai si",
    "c",
    "dang ky khia sinh",
    "trợ cấp thất nghiệp",
    "ATTP",
    "karaoke",
    "9.004321",
    "giay chung nhan quyen su dung dat lan dau cho ho gia dinh ca nhan",
];

fn queries() -> Vec<SearchQuery> {
    let mut queries: Vec<SearchQuery> =
        QUERIES.iter().map(|q| SearchQuery { q: q.to_string(), ..SearchQuery::default() }).collect();
    queries.push(SearchQuery { q: String::new(), page: Some(3), ..SearchQuery::default() });
    queries.push(SearchQuery {
        q: "cấp giấy phép".into(),
        level: Some(ImplementingLevel::Province),
        online_level: Some(OnlineLevel::Full),
        ..SearchQuery::default()
    });
    queries
}

fn search(c: &mut Criterion) {
    let index = SearchIndex::new(synthetic::catalogue(CATALOGUE_SIZE));
    let queries = queries();

    // The whole mix, one iteration = every query once: the number to watch across changes.
    c.bench_function("search_10k/mix", |b| {
        b.iter(|| {
            for q in &queries {
                black_box(index.search(black_box(q)));
            }
        })
    });

    let mut group = c.benchmark_group("search_10k");
    for q in &queries {
        let label = if q.q.is_empty() { "<all>".to_owned() } else { q.q.clone() };
        group.bench_function(label, |b| b.iter(|| index.search(black_box(q))));
    }
    group.finish();
}

fn build(c: &mut Criterion) {
    let procedures = synthetic::catalogue(CATALOGUE_SIZE);
    let mut group = c.benchmark_group("index_10k");
    group.sample_size(10);
    group.bench_function("build", |b| b.iter(|| SearchIndex::new(black_box(procedures.clone()))));
    group.finish();
}

criterion_group!(benches, search, build);
criterion_main!(benches);
