//! Per-call latency distribution of `SearchIndex::search` over the 10,000-procedure synthetic
//! catalogue, for the same queries as benches/search.rs (criterion gives means and confidence
//! intervals; the budget is about the p99 of single calls, which this measures).
//!
//! Not a cargo target: scripts/bench.sh compiles it with rustc against the `dichvucong` rlib that
//! `cargo bench --features ssr --bench search --no-run` just built:
//!   rustc --edition 2021 -O scripts/bench/search_latency.rs \
//!     --extern dichvucong=target/release/deps/libdichvucong.rlib -L dependency=target/release/deps
//! Queries: one per stdin line (the free-text QUERIES of benches/search.rs); the bench's two
//! special queries (empty query page 3; "cấp giấy phép" with filters) are added here.
//! Output: one JSON object per query on stdout.

use std::hint::black_box;
use std::io::BufRead;
use std::time::{Duration, Instant};

use dichvucong::portal::types::{ImplementingLevel, OnlineLevel, SearchQuery};
use dichvucong::server::search::{synthetic, SearchIndex};

fn main() {
    let size: usize = std::env::var("CATALOGUE_SIZE").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let min_calls: usize = std::env::var("MIN_CALLS").ok().and_then(|s| s.parse().ok()).unwrap_or(2_000);
    let min_time = Duration::from_millis(std::env::var("MIN_MS").ok().and_then(|s| s.parse().ok()).unwrap_or(400));

    let mut queries: Vec<(String, SearchQuery)> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .filter(|l| !l.trim().is_empty())
        .map(|q| (q.clone(), SearchQuery { q, ..SearchQuery::default() }))
        .collect();
    queries.push(("<all> page 3".into(), SearchQuery { q: String::new(), page: Some(3), ..SearchQuery::default() }));
    queries.push((
        "cấp giấy phép +province +full-online".into(),
        SearchQuery {
            q: "cấp giấy phép".into(),
            level: Some(ImplementingLevel::Province),
            online_level: Some(OnlineLevel::Full),
            ..SearchQuery::default()
        },
    ));

    let t = Instant::now();
    let index = SearchIndex::new(synthetic::catalogue(size));
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    println!("{{\"index_build_ms\":{build_ms:.1},\"procedures\":{}}}", index.len());

    for (label, q) in &queries {
        for _ in 0..200 {
            black_box(index.search(black_box(q)));
        }
        let mut samples: Vec<u64> = Vec::with_capacity(min_calls * 2);
        let start = Instant::now();
        let mut total = 0u32;
        while samples.len() < min_calls || start.elapsed() < min_time {
            let t = Instant::now();
            let page = black_box(index.search(black_box(q)));
            samples.push(t.elapsed().as_nanos() as u64);
            total = page.total;
        }
        samples.sort_unstable();
        let pct = |p: f64| samples[((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1] as f64 / 1e3;
        let mean = samples.iter().sum::<u64>() as f64 / samples.len() as f64 / 1e3;
        println!(
            "{{\"query\":{},\"hits\":{total},\"calls\":{},\"mean_us\":{mean:.2},\"p50_us\":{:.2},\"p90_us\":{:.2},\"p99_us\":{:.2},\"max_us\":{:.2}}}",
            json_str(label),
            samples.len(),
            pct(0.50),
            pct(0.90),
            pct(0.99),
            *samples.last().unwrap() as f64 / 1e3
        );
    }
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
