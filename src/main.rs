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
