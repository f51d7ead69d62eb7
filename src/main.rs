// Rendering a page is mostly small allocations; profiling showed a third of the server's time in
// glibc's malloc/free (bench/RESULTS.md). mimalloc's per-thread heaps cut that.
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("officer") {
        match dichvucong::server::officer_cli::run(&args[1..]).await {
            Ok(out) => println!("{out}"),
            Err(e) => {
                eprintln!("dichvucong officer: {e}");
                std::process::exit(1);
            }
        }
        return;
    }
    if let Err(e) = dichvucong::server::serve().await {
        eprintln!("dichvucong: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(feature = "ssr"))]
fn main() {}
