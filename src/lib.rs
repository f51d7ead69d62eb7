//! The citizen front door of a provincial public-service portal.
//!
//! Journeys live in their own modules (`find`, `apply`, `track`), built from one small
//! component kit. They reach the portal only through `portal`, whose client runs on the server
//! and in the browser. `server` holds what never ships to the browser.

// Deeply nested view types of whole pages exceed the default limit.
#![recursion_limit = "256"]

pub mod app;
pub mod apply;
pub mod components;
pub mod cookie;
pub mod error;
pub mod find;
pub mod i18n;
pub mod portal;
#[cfg(feature = "ssr")]
pub mod server;
pub mod site;
pub mod track;

/// Browser entry point: only the islands hydrate; everything else stays server-rendered HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
