//! The embedded reference portal: implements `/portal/v1` on sqlx so one command runs everything.
//! A real provincial portal replaces it by setting `PORTAL_API_URL`; the front end cannot tell.

mod api;
pub mod forms;
pub mod store;

use crate::portal::types::{Province, SectorCount};
use crate::server::{config::Settings, search::SearchIndex};
use std::sync::Arc;

pub use api::ApiDoc;

/// What the portal's handlers read. The catalogue is immutable once loaded, so no locks.
#[derive(Clone)]
pub struct PortalState {
    pub index: Arc<SearchIndex>,
    pub popular: Arc<Vec<String>>,
    pub sectors: Arc<Vec<SectorCount>>,
    pub province: Arc<Province>,
    pub forms: Arc<forms::FormCatalogue>,
}

/// Opens the database, seeds it on first start and loads the catalogue into the search index.
pub async fn start(settings: &Settings) -> Result<axum::Router, String> {
    let pool = store::connect(&settings.database_url).await?;
    store::seed_if_empty(&pool, &settings.data_dir, settings.extra_catalogue.as_deref()).await?;
    let (procedures, popular) = store::load_catalogue(&pool).await?;
    let province: Province = store::read_json(&settings.data_dir.join("units").join(&settings.province_units))?;
    let sectors = sector_counts(&procedures);
    let count = procedures.len();
    let index = SearchIndex::new(procedures);
    // A broken form file stops the start here, naming the file: better than a citizen
    // meeting it half-way through an application.
    let forms = forms::load(&settings.data_dir.join("forms"), |code| index.get(code).is_some())
        .map_err(|e| format!("cannot load the e-forms: {e}"))?;
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
        forms: Arc::new(forms),
    };
    Ok(api::router(state))
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
