//! The provincial portal's API: its types and the one client both the server and the browser use.
//! Nothing else in the front end knows how the portal is reached.

pub mod attachment;
pub mod client;
pub mod delivery;
pub mod dossier;
/// The legal dossier code, read as people type it: one parser for the portal and the pages.
#[cfg(feature = "ssr")]
pub mod dossier_code;
pub mod draft;
pub mod form;
pub mod input;
pub mod lookup;
pub mod rating;
pub mod types;
pub mod workflow;

pub use client::{PortalClient, PortalError};

/// The path every version-1 endpoint lives under, on the embedded portal and on a real one.
pub const API_PREFIX: &str = "/portal/v1";
