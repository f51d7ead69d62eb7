//! Facts about the deployment that pages show (province, who to call). They come from
//! `Leptos.toml` and the environment on the server, never from code.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub province_name: String,
    pub service_centre: String,
    pub support_phone: String,
}

/// The deployment's facts for the page being rendered.
pub fn use_site() -> SiteInfo {
    leptos::prelude::use_context::<SiteInfo>().unwrap_or_default()
}
