//! The script that wakes islands up, emitted only by pages that have one: a page without an
//! island then costs a phone no JavaScript or WebAssembly at all.

use leptos::prelude::*;

/// Place once on any page that contains an island (after it, so the HTML above renders first).
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<LeptosOptions>().map(|options| view! { <HydrationScripts options islands=true/> })
}
