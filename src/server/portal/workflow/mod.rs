//! A dossier's life after submission on the embedded portal: the state machine ([`machine`]),
//! the one transaction that applies an action and writes its event and messages ([`store`]),
//! the read model a status page shows ([`read`]) and the notification outbox ([`outbox`]).
//! The officer API and the `dichvucong officer` command both call these: one code path.

pub mod citizen;
pub mod lookup;
pub mod machine;
pub mod outbox;
pub mod rating;
pub mod read;
pub mod store;

use super::dossier::{CalendarError, WorkingCalendar};
use crate::portal::delivery::Counter;
use crate::portal::workflow::Status;
use axum::http::StatusCode;
use std::sync::Arc;

pub use machine::{apply, DossierState, Outcome};

/// Why an action or a read did not happen. Nothing is changed by a refused action.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    #[error("no dossier has this code")]
    NotFound,
    #[error("a dossier in status {} ({from:?}) cannot take the action `{action}`", .from.code())]
    Illegal { from: Status, action: &'static str },
    #[error("the due date cannot be moved: {0}")]
    Apology(&'static str),
    #[error("`{field}` {problem}")]
    Invalid { field: &'static str, problem: &'static str },
    #[error("no file was given for the documents asked for at {0:?} (by index in the request's `documents`)")]
    MissingDocuments(Vec<u32>),
    #[error("only the citizen takes the action `{0}`")]
    CitizensOnly(&'static str),
    #[error("the dossier changed while this action was applied; read it again")]
    Busy,
    #[error("cannot count working days: {0}")]
    Calendar(#[from] CalendarError),
    #[error("the database failed: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the stored dossier cannot be read")]
    Damaged,
    #[error("the action stopped: {0}")]
    Stopped(#[from] tokio::task::JoinError),
}

impl WorkflowError {
    pub fn status(&self) -> StatusCode {
        match self {
            WorkflowError::NotFound => StatusCode::NOT_FOUND,
            WorkflowError::Illegal { .. }
            | WorkflowError::Apology(_)
            | WorkflowError::Busy
            | WorkflowError::MissingDocuments(_) => StatusCode::CONFLICT,
            WorkflowError::Invalid { .. } => StatusCode::BAD_REQUEST,
            WorkflowError::CitizensOnly(_) => StatusCode::FORBIDDEN,
            WorkflowError::Calendar(_)
            | WorkflowError::Database(_)
            | WorkflowError::Damaged
            | WorkflowError::Stopped(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The `code` of the JSON error.
    pub fn code(&self) -> &'static str {
        match self {
            WorkflowError::NotFound => "not_found",
            WorkflowError::Illegal { .. } => "illegal_transition",
            WorkflowError::Apology(_) => "apology_refused",
            WorkflowError::Invalid { .. } => "bad_request",
            WorkflowError::CitizensOnly(_) => "forbidden",
            WorkflowError::Busy => "busy",
            WorkflowError::MissingDocuments(_) => "missing_documents",
            _ => "internal_error",
        }
    }
}

/// What the workflow needs beyond the database: the calendar (supplement deadlines, apologies),
/// the counter (where to collect), and the site's address (the links in messages).
#[derive(Clone)]
pub struct Workflow {
    pub db: crate::server::portal::store::Db,
    pub calendar: Arc<WorkingCalendar>,
    pub counter: Arc<Counter>,
    /// The public address of the front end, without a trailing slash.
    pub site_url: Arc<str>,
}

/// The actor of the citizen's own events.
pub const CITIZEN: &str = "citizen";

/// Who acted: an officer (by the token's name) or the citizen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    Officer(String),
    Citizen,
}

impl Actor {
    pub fn name(&self) -> &str {
        match self {
            Actor::Officer(name) => name,
            Actor::Citizen => CITIZEN,
        }
    }
}
