//! Facts about the deployment that pages show (province, who to call). They come from
//! `Leptos.toml` and the environment on the server, never from code.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub province_name: String,
    pub service_centre: String,
    /// The centre's English name; empty: the Vietnamese name is shown on English pages too.
    pub service_centre_en: String,
    pub support_phone: String,
    /// The apply wizard is open (issue 8, in progress: off until a dossier can be submitted, so
    /// nobody fills in a form that cannot be sent). Off: `/apply/{code}` says how to apply today.
    pub apply_online: bool,
}

impl SiteInfo {
    /// The service centre's name in the page's language.
    pub fn service_centre(&self, lang: Lang) -> &str {
        if lang.is_english() && !self.service_centre_en.trim().is_empty() {
            &self.service_centre_en
        } else {
            &self.service_centre
        }
    }
}

/// The site's public address (`SITE_URL`, e.g. `https://dichvucong.phutho.gov.vn`), for links
/// that are read away from the page: the QR code printed on a receipt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteUrl(pub String);

/// The site's public address, without a trailing slash.
pub fn use_site_url() -> String {
    leptos::prelude::use_context::<SiteUrl>().map(|u| u.0.trim_end_matches('/').to_string()).unwrap_or_default()
}

/// The deployment's facts for the page being rendered.
pub fn use_site() -> SiteInfo {
    leptos::prelude::use_context::<SiteInfo>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_centre_is_named_in_the_page_language_when_configured() {
        let mut site = SiteInfo { service_centre: "Trung tâm".into(), ..Default::default() };
        assert_eq!(site.service_centre(Lang::En), "Trung tâm", "no English name: the official one");
        site.service_centre_en = "Centre".into();
        assert_eq!(site.service_centre(Lang::En), "Centre");
        assert_eq!(site.service_centre(Lang::Vi), "Trung tâm");
    }
}
