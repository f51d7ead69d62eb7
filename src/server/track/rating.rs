//! `POST /track/{token}/rate`: the rating form. Every question answered: sent to the portal once
//! (a second send finds it rated), then the page shows the stored rating. Some missing: the
//! answers are kept in the page's cookie and the page shows what is missing and what was chosen.

use super::delivery::{with_cookie, MAX_COOKIE_BYTES};
use crate::portal::draft::SectionAnswers;
use crate::portal::rating::{RatingAnswers, Satisfaction};
use crate::portal::PortalError;
use crate::server::apply::{same_site, ApplyError, ApplyState};
use crate::track::delivery::encode_answers;
use crate::track::rating::{rate_url, unanswered, RATING_COOKIE};
use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
    Form,
};

/// The answers as posted, one value a question (the last wins), blank ones dropped.
fn answers_of(posted: Vec<(String, String)>) -> SectionAnswers {
    let names = crate::portal::rating::SCORED.into_iter().chain(crate::portal::rating::SATISFACTION).chain(["comment"]);
    let names: Vec<&str> = names.collect();
    let mut answers = SectionAnswers::new();
    for (name, value) in posted {
        if names.contains(&name.as_str()) && !value.trim().is_empty() {
            answers.insert(name, vec![value]);
        }
    }
    answers
}

/// The portal's request from complete answers; `None` when one is missing or not a choice.
fn rating_of(answers: &SectionAnswers) -> Option<RatingAnswers> {
    let first = |name: &str| answers.get(name).and_then(|v| v.first()).map(|v| v.trim().to_string());
    let score = |name: &str| first(name)?.parse::<u8>().ok().filter(|s| *s <= 2);
    let feeling = |name: &str| Satisfaction::parse(&first(name)?);
    Some(RatingAnswers {
        contacts: score("contacts")?,
        offices: score("offices")?,
        attitude: score("attitude")?,
        ease: feeling("ease")?,
        overall: feeling("overall")?,
        comment: first("comment"),
    })
}

pub async fn rate(
    State(state): State<ApplyState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    let page = rate_url(&token);
    let answers = answers_of(posted);
    let Some(rating) = rating_of(&answers).filter(|_| unanswered(&answers).is_empty()) else {
        // A bad token is the one "not found" page, not a form to fill in.
        state.portal.rating(&token).await?;
        let mut kept = answers;
        if let Some(comment) = kept.get_mut("comment") {
            // The cookie holds the choices and as much of the comment as fits.
            comment[0] = comment[0].chars().take(crate::portal::rating::MAX_COMMENT_CHARS).collect();
        }
        let mut encoded = encode_answers(&kept);
        if encoded.len() > MAX_COOKIE_BYTES {
            kept.remove("comment");
            encoded = encode_answers(&kept);
        }
        return Ok(with_cookie(&format!("{page}?check"), RATING_COOKIE, &page, Some(&encoded), state.https));
    };
    match state.portal.rate(&token, &rating).await {
        // Rated now, or before (a double tap): the page shows the stored rating; not complete
        // yet: the page says so.
        Ok(_) | Err(PortalError::Conflict) => Ok(with_cookie(&page, RATING_COOKIE, &page, None, state.https)),
        Err(e) => Err(e.into()),
    }
}
