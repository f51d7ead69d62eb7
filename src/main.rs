// Rendering a page is mostly small allocations; profiling showed a third of the server's time in
// glibc's malloc/free (bench/RESULTS.md). mimalloc's per-thread heaps cut that.
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    if let Err(e) = dichvucong::server::serve().await {
        eprintln!("dichvucong: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(feature = "ssr"))]
fn main() {}
