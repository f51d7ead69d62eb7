//! Writes a synthetic catalogue of any size for scale tests, apart from the real seed:
//!
//!     gen-catalogue --procedures 10000 --out target/catalogue-10000.json
//!
//! Start the server with `PORTAL_EXTRA_CATALOGUE=<file>` and a fresh database to serve it beside
//! the real procedures. Synthetic codes start with `9.` and never collide with real ones.

use dichvucong::server::search::synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut count, mut out) = (10_000usize, None::<String>);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--procedures" => count = args.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| usage()),
            "--out" => out = Some(args.next().unwrap_or_else(|| usage())),
            _ => usage(),
        }
    }
    let json = serde_json::to_string(&synthetic::catalogue(count)).expect("procedures serialise");
    match out {
        Some(path) => std::fs::write(&path, json).unwrap_or_else(|e| {
            eprintln!("gen-catalogue: cannot write {path}: {e}");
            std::process::exit(1)
        }),
        None => println!("{json}"),
    }
}

fn usage() -> ! {
    eprintln!("usage: gen-catalogue [--procedures N] [--out FILE]");
    std::process::exit(2)
}
