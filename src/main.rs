// Rendering a page is mostly small allocations; profiling showed a third of the server's time in
// glibc's malloc/free (bench/RESULTS.md). mimalloc's per-thread heaps cut that.
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    no_transparent_huge_pages();
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

/// mimalloc asks Linux for transparent huge pages, so a burst of uploads faults whole 2 MiB pages
/// into memory: 20 concurrent 10 MB uploads grew the server by ~80 MiB, and by ~49 MiB without
/// them (make bench, phase apply), for no measurable speed. The flag covers the whole process,
/// mappings made before `main` included; a kernel without it just keeps huge pages.
#[cfg(all(feature = "ssr", target_os = "linux"))]
fn no_transparent_huge_pages() {
    // SAFETY: prctl with PR_SET_THP_DISABLE reads only its integer arguments.
    unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
}

#[cfg(all(feature = "ssr", not(target_os = "linux")))]
fn no_transparent_huge_pages() {}

#[cfg(not(feature = "ssr"))]
fn main() {}
