//! The embedded reference portal: implements `/portal/v1` on sqlx so one command runs everything.
//! A real provincial portal replaces it by setting `PORTAL_API_URL`; the front end cannot tell.

mod api;
pub mod attachments;
mod base32;
pub mod delivery;
pub mod dossier;
pub mod drafts;
pub mod forms;
pub mod officer;
pub mod store;
pub mod submission;
pub mod workflow;

use crate::portal::delivery::Counter;
use crate::portal::types::{Province, SectorCount};
use crate::server::{config::Settings, search::SearchIndex};
use dossier::{AgencyCode, WorkingCalendar, YearStatus};
use std::sync::Arc;

pub use api::ApiDoc;

/// What the portal's handlers read. The catalogue is immutable once loaded, so no locks.
#[derive(Clone)]
pub struct PortalState {
    pub index: Arc<SearchIndex>,
    pub popular: Arc<Vec<String>>,
    pub sectors: Arc<Vec<SectorCount>>,
    pub province: Arc<Province>,
    /// Dates receipts; loaded and checked at start-up so a broken file stops the server, not a
    /// submission.
    pub calendar: Arc<WorkingCalendar>,
    /// The receiving agency whose code starts every dossier code.
    pub agency: AgencyCode,
    /// Drafts and dossiers.
    pub db: store::Db,
    pub forms: Arc<forms::FormCatalogue>,
    /// The one-stop counter where results are collected.
    pub counter: Arc<Counter>,
    /// What delivering a result by post costs (reference values on the embedded portal).
    pub tariff: Arc<delivery::Tariff>,
    /// Where uploaded documents' bytes go, and the limits on them.
    pub attachments: attachments::AttachmentStore,
    /// Dossiers after submission: status, events, outbox.
    pub workflow: workflow::Workflow,
    pub officers: Arc<officer::OfficerTokens>,
    /// Submissions waiting for the writer (`submission::group`).
    pub submissions: submission::Queue,
    /// The receipts of the dossiers sent in the last minutes, for the page that follows.
    pub fresh_receipts: submission::FreshReceipts,
    /// Lookups per dossier code (`POST /dossiers/lookup`), whoever asks.
    pub lookups: crate::server::http::rate_limit::KeyedLimit,
}

/// Opens the database, seeds it on first start and loads the catalogue into the search index.
pub async fn start(settings: &Settings) -> Result<axum::Router, String> {
    let db = store::connect(&settings.database_url).await?;
    let opened = |e: sqlx::Error| format!("cannot use the database: {e}");
    store::seed_if_empty(
        &mut *db.writer().await.map_err(opened)?,
        &settings.data_dir,
        settings.extra_catalogue.as_deref(),
    )
    .await?;
    let (procedures, popular) = store::load_catalogue(&mut *db.reader().await.map_err(opened)?).await?;
    let province: Province = store::read_json(&settings.data_dir.join("units").join(&settings.province_units))?;
    let sectors = sector_counts(&procedures);
    let calendar = Arc::new(load_calendar(settings)?);
    let attachments = attachments::AttachmentStore::open(&settings.attachments)?;
    let count = procedures.len();
    let index = SearchIndex::new(procedures);
    // A broken form file stops the start here, naming the file: better than a citizen
    // meeting it half-way through an application.
    let forms = forms::load(&settings.data_dir.join("forms"), index.procedures())
        .map_err(|e| format!("cannot load the e-forms: {e}"))?;
    let tariff = delivery::Tariff::load(&settings.data_dir.join(delivery::TARIFF_FILE)).map_err(|e| e.to_string())?;
    tracing::info!(
        procedures = count,
        units = province.units.len(),
        forms = forms.declared().count(),
        "embedded portal ready"
    );
    let state = PortalState {
        index: Arc::new(index),
        popular: Arc::new(popular),
        sectors: Arc::new(sectors),
        province: Arc::new(province),
        calendar: calendar.clone(),
        agency: settings.dossier.agency_code.clone(),
        db: db.clone(),
        forms: Arc::new(forms),
        counter: Arc::new(settings.counter.clone()),
        tariff: Arc::new(tariff),
        attachments: attachments.clone(),
        workflow: workflow::Workflow {
            db: db.clone(),
            calendar,
            counter: Arc::new(settings.counter.clone()),
            site_url: settings.site_url.trim_end_matches('/').into(),
        },
        officers: Arc::new(settings.officers.clone()),
        lookups: crate::server::http::rate_limit::KeyedLimit::lookups_per_code(),
        submissions: submission::Queue::start(&db, &settings.dossier.agency_code),
        fresh_receipts: submission::FreshReceipts::default(),
    };
    // Expired drafts go at start-up and then daily, their files first (a draft's files find
    // their draft by its row); a failed purge only delays it.
    tokio::spawn(async move {
        loop {
            if let Err(e) = attachments::purge_expired(&db, &attachments).await {
                tracing::warn!(error = %e, "expired drafts' files were not purged");
            }
            if let Err(e) = drafts::purge_expired(&db).await {
                tracing::warn!(error = %e, "expired drafts were not purged");
            }
            tokio::time::sleep(std::time::Duration::from_secs(24 * 60 * 60)).await;
        }
    });
    Ok(api::router(state, settings.behind_proxy))
}

/// The working-day calendar with the configured office hours. Warns when next year is missing or
/// estimated: by December, due dates reach into it.
pub fn load_calendar(settings: &Settings) -> Result<WorkingCalendar, String> {
    let path = settings.data_dir.join(&settings.dossier.calendar);
    let calendar = WorkingCalendar::load(&path)
        .map_err(|e| e.to_string())?
        .with_office_hours(settings.dossier.office_hours.clone());
    let next_year = time::OffsetDateTime::now_utc().to_offset(dossier::VIETNAM).year() + 1;
    match calendar.years().find(|(year, _)| *year == next_year) {
        None => tracing::warn!(year = next_year, "the holiday calendar does not cover next year yet: add it"),
        Some((_, YearStatus::Provisional)) => {
            tracing::warn!(year = next_year, "next year's holidays are estimates: replace them with the notice")
        }
        Some(_) => {}
    }
    Ok(calendar)
}

/// Sectors in order of first appearance in the catalogue, with their procedure counts.
fn sector_counts(procedures: &[crate::portal::types::Procedure]) -> Vec<SectorCount> {
    let mut out: Vec<SectorCount> = Vec::new();
    for p in procedures {
        match out.iter_mut().find(|s| s.sector.code == p.sector.code) {
            Some(s) => s.procedures += 1,
            None => out.push(SectorCount { sector: p.sector.clone(), procedures: 1 }),
        }
    }
    out
}

/// Bytes as lower-case hexadecimal (SHA-256 digests, keys).
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
