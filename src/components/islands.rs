//! The script that wakes islands up, emitted only by pages that have one: a page without an
//! island then costs a phone no JavaScript or WebAssembly at all.

use leptos::prelude::*;

/// Place once on any page that contains an island (after it, so the HTML above renders first),
/// never inside an island: it renders on the server only.
///
/// Leptos' own `HydrationScripts` also preloads the JS and the wasm with `<link>`s, which a
/// browser fetches even with JavaScript off: 55 KB for nothing on a weak signal. Islands wake on
/// idle anyway, so the preloads gain a JS user nothing visible; this keeps Leptos' loader script
/// and drops the links.
#[component]
pub fn IslandScripts() -> impl IntoView {
    let options = use_context::<LeptosOptions>()?;
    Some(match loader(&options) {
        Some(script) => view! { <script type="module" inner_html=script.as_str()></script> }.into_any(),
        // Leptos changed its markup: keep hydration working, preload and all.
        None => view! { <HydrationScripts options islands=true/> }.into_any(),
    })
}

/// Leptos' loader script for this build, worked out once: `HydrationScripts` reads `hash.txt`
/// from disk on every page it is on, and the build's file names cannot change while the server
/// runs. (The split-wasm manifest it also provides as context is read only to preload lazy
/// functions' chunks, which no page here registers.)
fn loader(options: &LeptosOptions) -> &'static Option<String> {
    static LOADER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    LOADER.get_or_init(|| {
        let owner = Owner::new();
        let html = owner.with(|| view! { <HydrationScripts options=options.clone() islands=true/> }.to_html());
        loader_script(&html)
    })
}

/// The hydration data leptos_axum writes into every page (hydration_context's `pending_data`)
/// when no resource or error is serialised, which is true of every page here: islands read
/// these globals when they wake.
#[cfg(feature = "ssr")]
const EMPTY_HYDRATION_DATA: [&str; 2] = [
    "__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];__PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];",
    "__INCOMPLETE_CHUNKS=[];",
];

/// SHA-256 (base64) of every inline script a page of this build may carry, for the
/// Content-Security-Policy: the islands loader [`IslandScripts`] writes (it depends only on the
/// build's file names) and Leptos' empty hydration data. Computed once at start-up. A page that
/// ever carries another inline script is blocked by the browser, and the CSP tests say which.
#[cfg(feature = "ssr")]
pub fn inline_script_hashes(options: &LeptosOptions) -> Vec<String> {
    use base64::Engine;
    use sha2::Digest;
    let scripts = loader(options).iter().map(String::as_str).chain(EMPTY_HYDRATION_DATA);
    scripts.map(|s| base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(s.as_bytes()))).collect()
}

/// The inline loader script of Leptos' hydration markup.
fn loader_script(html: &str) -> Option<String> {
    let script = &html[html.find("<script type=\"module\"")?..];
    let body = script[script.find('>')? + 1..].split("</script>").next()?;
    (body.contains(".js") && body.contains(".wasm")).then(|| body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_loader_script() {
        let owner = Owner::new();
        owner.set();
        let options = LeptosOptions::builder().output_name("dichvucong").build();
        let full = view! { <HydrationScripts options islands=true/> }.to_html();
        assert!(full.contains("rel=\"preload\""), "Leptos still preloads the wasm: {full}");
        let script = loader_script(&full).expect("the markup is understood");
        // (The wasm's name depends on whether cargo-leptos set LEPTOS_OUTPUT_NAME at build time.)
        assert!(script.contains("hydrate") && script.contains("\"dichvucong"), "{script}");
        assert!(!script.contains("<link"));
    }
}
