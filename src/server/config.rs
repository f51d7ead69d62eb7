//! The deployment's settings: `Leptos.toml`, then environment variables on top.

use crate::portal::delivery::Counter;
use crate::portal::types::LocalizedText;
use crate::server::portal::dossier::{AgencyCode, OfficeHours};
use crate::server::portal::officer::OfficerTokens;
use crate::site::SiteInfo;
use serde::Deserialize;
use std::path::PathBuf;

/// Short enough that a catalogue change shows within a minute (with the client's own 60 s cache
/// of portal answers at most 90 s), long enough to absorb bursts on popular searches.
const DEFAULT_PAGE_CACHE_SECONDS: u64 = 30;

/// Eight requests in flight per core: at 200 connections on two cores, 16 to 24 kept the slowest
/// hundredth of step saves under 45 ms where an open door let it reach 65 ms, for ~20% fewer
/// saves a second (bench/RESULTS.md, session 12); 8 cut the rate more, 64 the tail less.
fn default_in_flight() -> usize {
    8 * std::thread::available_parallelism().map_or(2, usize::from)
}

/// A reference receiving-agency code in the legal shape, so a checkout runs as it is; a
/// deployment sets its own (Leptos.toml says so).
const DEFAULT_AGENCY_CODE: &str = "000.00.01.H25";

#[derive(Clone, Debug)]
pub struct Settings {
    pub site_url: String,
    pub addr: String,
    /// `None`: run the embedded portal and call it (in-process, or on our own address when
    /// `portal_in_process` is off).
    pub portal_api_url: Option<String>,
    pub embedded_portal: bool,
    /// Whether the front end calls the embedded portal in-process (default) rather than over
    /// HTTP on its own address; `false` is the loopback path, kept for comparing the two.
    pub portal_in_process: bool,
    pub database_url: String,
    pub data_dir: PathBuf,
    pub extra_catalogue: Option<PathBuf>,
    pub province_code: String,
    pub province_units: String,
    pub site: SiteInfo,
    /// How long a rendered catalogue page is reused; 0 turns the page cache off.
    pub page_cache_seconds: u64,
    /// How many requests are worked on at once; the others queue in order of arrival
    /// (`http::admission`).
    pub max_in_flight: usize,
    /// Requests arrive through a reverse proxy that appends the client to `X-Forwarded-For`
    /// (rate limits then count that address, not the proxy's).
    pub behind_proxy: bool,
    pub dossier: DossierSettings,
    /// The receiving agency's one-stop counter, where results are collected.
    pub counter: Counter,
    pub attachments: AttachmentSettings,
    /// Bearer tokens of the officer API (`[officer] tokens`, `OFFICER_TOKENS`); none by default.
    pub officers: OfficerTokens,
    /// The key of the site's signed cookies ("dossiers on this device"), `COOKIE_KEY`: 32
    /// characters or more; unset, a random one per start.
    pub cookie_key: Option<String>,
}

/// Where uploaded documents are kept and how much a draft may hold.
#[derive(Clone, Debug)]
pub struct AttachmentSettings {
    /// A local directory (created if missing), or `s3://bucket[/prefix]` with the standard
    /// `AWS_*` variables (endpoint, region, keys) for any S3-compatible store.
    pub store: String,
    pub limits: crate::portal::attachment::UploadLimits,
}

/// What numbering and dating dossiers needs: who receives them, when the office is open, and
/// which days it works.
#[derive(Clone, Debug)]
pub struct DossierSettings {
    pub agency_code: AgencyCode,
    pub office_hours: OfficeHours,
    /// The holiday calendar file, under `data_dir`.
    pub calendar: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct File {
    site: SiteSection,
    portal: PortalSection,
    province: ProvinceSection,
    dossier: DossierSection,
    counter: CounterSection,
    attachments: AttachmentsSection,
    officer: OfficerSection,
}

/// `[officer]`: who may call the officer API.
#[derive(Deserialize, Default)]
#[serde(default)]
struct OfficerSection {
    tokens: String,
}

#[derive(Deserialize)]
#[serde(default)]
struct AttachmentsSection {
    store: String,
    max_file_bytes: u64,
    max_dossier_bytes: u64,
    max_files_per_slot: u32,
}

impl Default for AttachmentsSection {
    fn default() -> Self {
        let limits = crate::portal::attachment::UploadLimits::default();
        AttachmentsSection {
            store: "target/attachments".into(),
            max_file_bytes: limits.max_file_bytes,
            max_dossier_bytes: limits.max_dossier_bytes,
            max_files_per_slot: limits.max_files_per_slot,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SiteSection {
    url: String,
    addr: String,
    page_cache_seconds: Option<u64>,
    max_in_flight: Option<usize>,
    apply_online: bool,
    behind_proxy: bool,
}

#[derive(Deserialize)]
#[serde(default)]
struct PortalSection {
    api_url: String,
    embedded: bool,
    in_process: bool,
    database_url: String,
    data_dir: String,
    extra_catalogue: String,
}

impl Default for PortalSection {
    fn default() -> Self {
        PortalSection {
            api_url: String::new(),
            embedded: true,
            in_process: true,
            database_url: "sqlite://target/dichvucong.db".into(),
            data_dir: "data".into(),
            extra_catalogue: String::new(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProvinceSection {
    code: String,
    name: String,
    units: String,
    service_centre: String,
    service_centre_en: String,
    support_phone: String,
}

#[derive(Deserialize)]
#[serde(default)]
struct DossierSection {
    agency_code: String,
    office_hours: String,
    calendar: String,
}

impl Default for DossierSection {
    fn default() -> Self {
        DossierSection {
            agency_code: DEFAULT_AGENCY_CODE.into(),
            office_hours: OfficeHours::default().to_string(),
            calendar: "calendar/vn-holidays.toml".into(),
        }
    }
}

/// `[counter]`: the one-stop counter's name, address and opening hours, as citizens read them.
#[derive(Deserialize)]
#[serde(default)]
struct CounterSection {
    name: String,
    name_en: String,
    address: String,
    hours: String,
    hours_en: String,
}

impl Default for CounterSection {
    /// REFERENCE values for Phú Thọ, so a checkout runs as it is; a deployment sets its own.
    fn default() -> Self {
        CounterSection {
            name: "Bộ phận Một cửa – Trung tâm Phục vụ hành chính công tỉnh Phú Thọ".into(),
            name_en: "One-stop counter – Phú Thọ Provincial Public Administrative Service Centre".into(),
            address: "Đường Trần Phú, phường Việt Trì, tỉnh Phú Thọ".into(),
            hours: "Thứ Hai đến Thứ Sáu: sáng 7:30–11:30, chiều 13:30–17:00 (trừ ngày lễ, Tết)".into(),
            hours_en: "Monday to Friday: 7:30–11:30 and 13:30–17:00 (closed on public holidays)".into(),
        }
    }
}

/// The counter of the reference settings (what a checkout without `[counter]` shows).
pub fn reference_counter() -> Counter {
    counter(CounterSection::default(), |_| None).expect("the reference counter is complete")
}

/// The counter from `[counter]` and the environment; its name, address and hours are required
/// (a citizen choosing to collect the result must know where and when).
fn counter(section: CounterSection, env: impl Fn(&str) -> Option<String>) -> Result<Counter, String> {
    let pick = |key: &str, value: String| env(key).unwrap_or(value).trim().to_string();
    let counter = Counter {
        name: LocalizedText { vi: pick("COUNTER_NAME", section.name), en: pick("COUNTER_NAME_EN", section.name_en) },
        address: pick("COUNTER_ADDRESS", section.address),
        hours: LocalizedText {
            vi: pick("COUNTER_HOURS", section.hours),
            en: pick("COUNTER_HOURS_EN", section.hours_en),
        },
    };
    match [&counter.name.vi, &counter.address, &counter.hours.vi].iter().any(|v| v.is_empty()) {
        true => {
            Err("[counter] name, address and hours (COUNTER_NAME, COUNTER_ADDRESS, COUNTER_HOURS) must be set".into())
        }
        false => Ok(counter),
    }
}

impl Settings {
    /// Reads `path` (missing file: defaults) and applies environment overrides.
    pub fn load(path: &str) -> Result<Settings, String> {
        let file: File = match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| format!("{path}: {e}"))?,
            Err(_) => File::default(),
        };
        Settings::from_parts(file, |key| std::env::var(key).ok())
    }

    /// Fails on a setting that would only break later, at a citizen's submission.
    fn from_parts(file: File, env: impl Fn(&str) -> Option<String>) -> Result<Settings, String> {
        let pick = |key: &str, value: String| env(key).unwrap_or(value);
        let non_empty = |s: String| Some(s).filter(|s| !s.trim().is_empty());
        let addr = pick("LEPTOS_SITE_ADDR", non_empty(file.site.addr).unwrap_or("127.0.0.1:3000".into()));
        let portal_api_url = non_empty(pick("PORTAL_API_URL", file.portal.api_url));
        let embedded = pick("EMBEDDED_PORTAL", file.portal.embedded.to_string());
        let in_process = pick("PORTAL_IN_PROCESS", file.portal.in_process.to_string());
        let page_cache = file.site.page_cache_seconds.unwrap_or(DEFAULT_PAGE_CACHE_SECONDS).to_string();
        let dossier = DossierSettings {
            agency_code: pick("DOSSIER_AGENCY_CODE", file.dossier.agency_code)
                .parse()
                .map_err(|e| format!("[dossier] agency_code (DOSSIER_AGENCY_CODE): {e}"))?,
            office_hours: pick("DOSSIER_OFFICE_HOURS", file.dossier.office_hours)
                .parse()
                .map_err(|e| format!("[dossier] office_hours (DOSSIER_OFFICE_HOURS): {e}"))?,
            calendar: pick("DOSSIER_CALENDAR", file.dossier.calendar),
        };
        let counter = counter(file.counter, &env)?;
        let number = |key: &str, value: u64| -> Result<u64, String> {
            let text = pick(key, value.to_string());
            text.trim().parse().ok().filter(|n| *n > 0).ok_or(format!("[attachments] {key}: not a positive number"))
        };
        let attachments = AttachmentSettings {
            store: pick("ATTACHMENTS_STORE", file.attachments.store),
            limits: crate::portal::attachment::UploadLimits {
                max_file_bytes: number("ATTACHMENTS_MAX_FILE_BYTES", file.attachments.max_file_bytes)?,
                max_dossier_bytes: number("ATTACHMENTS_MAX_DOSSIER_BYTES", file.attachments.max_dossier_bytes)?,
                max_files_per_slot: number(
                    "ATTACHMENTS_MAX_FILES_PER_SLOT",
                    file.attachments.max_files_per_slot.into(),
                )?
                .min(1000) as u32,
            },
        };
        Ok(Settings {
            site_url: pick("SITE_URL", non_empty(file.site.url).unwrap_or(format!("http://{addr}"))),
            // Without an external portal the embedded one must run, whatever the flag says.
            embedded_portal: portal_api_url.is_none() || embedded.trim() == "true",
            portal_api_url,
            portal_in_process: in_process.trim() == "true",
            addr,
            database_url: pick("DATABASE_URL", file.portal.database_url),
            data_dir: pick("PORTAL_DATA_DIR", file.portal.data_dir).into(),
            extra_catalogue: non_empty(pick("PORTAL_EXTRA_CATALOGUE", file.portal.extra_catalogue)).map(PathBuf::from),
            province_code: pick("PROVINCE_CODE", file.province.code),
            province_units: pick("PROVINCE_UNITS", file.province.units),
            site: SiteInfo {
                province_name: pick("PROVINCE_NAME", file.province.name),
                service_centre: pick("SERVICE_CENTRE", file.province.service_centre),
                service_centre_en: pick("SERVICE_CENTRE_EN", file.province.service_centre_en),
                support_phone: pick("SUPPORT_PHONE", file.province.support_phone),
                apply_online: pick("APPLY_ONLINE", file.site.apply_online.to_string()).trim() == "true",
            },
            page_cache_seconds: pick("PAGE_CACHE_SECONDS", page_cache)
                .trim()
                .parse()
                .unwrap_or(DEFAULT_PAGE_CACHE_SECONDS),
            max_in_flight: pick("MAX_IN_FLIGHT", file.site.max_in_flight.unwrap_or(0).to_string())
                .trim()
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .unwrap_or_else(default_in_flight),
            behind_proxy: pick("BEHIND_PROXY", file.site.behind_proxy.to_string()).trim() == "true",
            dossier,
            counter,
            attachments,
            officers: pick("OFFICER_TOKENS", file.officer.tokens)
                .parse()
                .map_err(|e| format!("[officer] tokens (OFFICER_TOKENS): {e}"))?,
            cookie_key: env("COOKIE_KEY").filter(|k| !k.trim().is_empty()),
        })
    }

    /// Whether the front end reaches the portal by calling the embedded portal's router directly.
    /// An external portal (`PORTAL_API_URL`) is always called over HTTP, even if the embedded one
    /// runs too.
    pub fn calls_portal_in_process(&self) -> bool {
        self.embedded_portal && self.portal_api_url.is_none() && self.portal_in_process
    }

    /// The portal API base the front end calls over HTTP.
    pub fn portal_base(&self) -> String {
        match &self.portal_api_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}{}", self.addr, crate::portal::API_PREFIX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_the_file_and_empty_url_means_embedded() {
        let file: File = toml::from_str(include_str!("../../Leptos.toml")).unwrap();
        let s = Settings::from_parts(file, |k| (k == "PROVINCE_NAME").then(|| "Hòa Bình".to_string())).unwrap();
        assert_eq!(s.site.province_name, "Hòa Bình");
        assert!(s.embedded_portal);
        assert!(s.calls_portal_in_process());
        assert_eq!(s.portal_base(), "http://127.0.0.1:3000/portal/v1");

        let file: File = toml::from_str(include_str!("../../Leptos.toml")).unwrap();
        let s = Settings::from_parts(file, |k| match k {
            "PORTAL_API_URL" => Some("https://dvc.example.gov.vn/portal/v1/".into()),
            "EMBEDDED_PORTAL" => Some("false".into()),
            _ => None,
        })
        .unwrap();
        assert!(!s.embedded_portal);
        assert!(!s.calls_portal_in_process());
        assert_eq!(s.portal_base(), "https://dvc.example.gov.vn/portal/v1");
    }

    #[test]
    fn the_embedded_portal_can_be_forced_onto_loopback_http() {
        let load = |env: &[(&str, &str)]| {
            let file: File = toml::from_str(include_str!("../../Leptos.toml")).unwrap();
            let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            Settings::from_parts(file, move |k| env.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone())).unwrap()
        };
        let s = load(&[("PORTAL_IN_PROCESS", "false")]);
        assert!(s.embedded_portal && !s.calls_portal_in_process());
        assert_eq!(s.portal_base(), "http://127.0.0.1:3000/portal/v1");
        // An external portal is called over HTTP even when the embedded one runs beside it.
        let s = load(&[("PORTAL_API_URL", "https://dvc.example.gov.vn/portal/v1"), ("EMBEDDED_PORTAL", "true")]);
        assert!(s.embedded_portal && !s.calls_portal_in_process());
        assert_eq!(s.portal_base(), "https://dvc.example.gov.vn/portal/v1");
    }

    #[test]
    fn dossier_settings_are_checked_at_start_up() {
        let load = |env: &'static [(&'static str, &'static str)]| {
            let file: File = toml::from_str(include_str!("../../Leptos.toml")).unwrap();
            Settings::from_parts(file, move |k| env.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string()))
        };
        let s = load(&[]).unwrap();
        assert_eq!(s.dossier.agency_code.as_str(), "000.00.01.H25");
        assert_eq!(s.dossier.office_hours.to_string(), "07:30-11:30, 13:30-17:00");
        assert_eq!(s.dossier.calendar, "calendar/vn-holidays.toml");
        let s = load(&[("DOSSIER_AGENCY_CODE", "000.00.12.h17"), ("DOSSIER_OFFICE_HOURS", "08:00-16:00")]).unwrap();
        assert_eq!(s.dossier.agency_code.as_str(), "000.00.12.H17");
        assert_eq!(s.dossier.office_hours.to_string(), "08:00-16:00");
        let err = load(&[("DOSSIER_AGENCY_CODE", "H25")]).unwrap_err();
        assert!(err.contains("DOSSIER_AGENCY_CODE"), "{err}");
        let err = load(&[("DOSSIER_OFFICE_HOURS", "all day")]).unwrap_err();
        assert!(err.contains("DOSSIER_OFFICE_HOURS"), "{err}");
        // Without a settings file the reference values still start the portal.
        assert!(Settings::from_parts(File::default(), |_| None).is_ok());
    }

    #[test]
    fn the_counter_comes_from_the_file_or_the_environment_and_must_be_complete() {
        let load = |env: &'static [(&'static str, &'static str)]| {
            let file: File = toml::from_str(include_str!("../../Leptos.toml")).unwrap();
            Settings::from_parts(file, move |k| env.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string()))
        };
        let s = load(&[]).unwrap();
        assert_eq!(s.counter, reference_counter(), "Leptos.toml holds the reference values");
        assert!(s.counter.name.vi.contains("Một cửa") && !s.counter.hours.en.is_empty());
        let s = load(&[("COUNTER_ADDRESS", "Số 2 đường Hùng Vương"), ("COUNTER_NAME_EN", "")]).unwrap();
        assert_eq!(s.counter.address, "Số 2 đường Hùng Vương");
        assert_eq!(s.counter.name.en, "", "English falls back to Vietnamese when shown");
        let err = load(&[("COUNTER_HOURS", " ")]).unwrap_err();
        assert!(err.contains("COUNTER_HOURS"), "{err}");
    }
}
