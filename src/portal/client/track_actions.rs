//! The citizen's actions on a dossier through its signed tracking token (the status page's
//! forms): sending a supplement, withdrawing. (The status read is `status_by_token`.)

use super::{encode_component, request_target, ssr, PortalClient, PortalError};
use crate::portal::workflow::DossierStatus;

impl PortalClient {
    /// Sends the supplement's files to the office; safe to repeat. `Refused { code }` says why
    /// not (`missing_documents`, `illegal_transition`).
    pub async fn send_supplement(&self, token: &str) -> Result<DossierStatus, PortalError> {
        let path = format!("/dossiers/by-token/{}/supplement/send", encode_component(token));
        let target = request_target(&self.base, &path, &[]);
        let empty = futures::stream::empty::<Result<axum::body::Bytes, std::io::Error>>();
        ssr::call_streamed(&self.transport, self.timeout, http::Method::POST, &target, empty).await?.parse()
    }

    /// Changes how the result comes back with the return page's answers; safe to repeat.
    /// `Incomplete` when an answer is wrong, `Conflict` once the result has left.
    pub async fn change_return(
        &self,
        token: &str,
        answers: crate::portal::form::Answers,
    ) -> Result<DossierStatus, PortalError> {
        let path = format!("/dossiers/by-token/{}/return", encode_component(token));
        let body = crate::portal::draft::SaveSection { fields: answers };
        self.send_json(http::Method::PUT, &path, Some(&body)).await
    }

    /// Asks to withdraw the dossier; safe to repeat. `Conflict` once it is finished.
    pub async fn withdraw(&self, token: &str, reason: Option<String>) -> Result<DossierStatus, PortalError> {
        #[derive(serde::Serialize)]
        struct Body {
            #[serde(skip_serializing_if = "Option::is_none")]
            reason: Option<String>,
        }
        let path = format!("/dossiers/by-token/{}/withdraw", encode_component(token));
        self.send_json(http::Method::POST, &path, Some(&Body { reason })).await
    }
}

impl PortalClient {
    /// Whether the dossier can be rated, its time score, and the rating once given.
    pub async fn rating(&self, token: &str) -> Result<crate::portal::rating::RatingView, PortalError> {
        let path = format!("/dossiers/by-token/{}/rating", encode_component(token));
        self.send_json::<(), _>(http::Method::GET, &path, None).await
    }

    /// Rates the service, once. `Conflict` when rated already or not yet complete (the rating
    /// page says which).
    pub async fn rate(
        &self,
        token: &str,
        answers: &crate::portal::rating::RatingAnswers,
    ) -> Result<crate::portal::rating::Rating, PortalError> {
        let path = format!("/dossiers/by-token/{}/rating", encode_component(token));
        self.send_json(http::Method::POST, &path, Some(answers)).await
    }
}
