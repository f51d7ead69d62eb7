//! What a dossier is made of, worked out from a draft's answers and files before the write
//! lock is taken: whether it is complete, and the receipt's documents, return and contact details.

use super::SubmitError;
use crate::portal::delivery::fields;
use crate::portal::dossier::{Incomplete, ReceivedDocument, ReturnMethod};
use crate::portal::form::{self, date::Date, Answers};
use crate::portal::types::{ChannelKind, Procedure, ProcessingTime};
use crate::server::portal::PortalState;
use std::collections::HashMap;

/// Every answer valid by the procedure's form, and a file for every document that must be
/// uploaded (`RequiredDocument::must_upload`: not the e-form itself, not one only for a case).
pub(super) fn check_complete(
    state: &PortalState,
    procedure: &Procedure,
    answers: &Answers,
    files: &HashMap<u32, u32>,
) -> Result<(), SubmitError> {
    let form = state.forms.form_for(&procedure.code);
    let ctx = form::Context { today: Date::today_in_vietnam(), province: Some(&state.province) };
    let mut fields: Vec<String> = Vec::new();
    for error in form::validate(&form, answers, &ctx).errors {
        if !fields.contains(&error.input) {
            fields.push(error.input);
        }
    }
    let documents: Vec<u32> = (0u32..)
        .zip(&procedure.documents)
        .filter(|(slot, doc)| doc.must_upload(!form.generic) && files.get(slot).copied().unwrap_or(0) == 0)
        .map(|(slot, _)| slot)
        .collect();
    if fields.is_empty() && documents.is_empty() {
        return Ok(());
    }
    Err(SubmitError::Incomplete(Incomplete {
        code: "incomplete".into(),
        message: "some answers or documents are missing or wrong".into(),
        fields,
        documents,
    }))
}

pub(super) fn online_channel(procedure: &Procedure) -> Option<&crate::portal::types::Channel> {
    procedure.channels.iter().find(|c| c.kind == ChannelKind::Online).or(procedure.channels.first())
}

/// The online channel's processing time (the one a dossier sent online is held to).
pub(super) fn processing_time(procedure: &Procedure) -> Result<ProcessingTime, SubmitError> {
    online_channel(procedure).map(|c| c.processing_time.clone()).ok_or(SubmitError::NoProcessingTime)
}

pub(super) fn documents(procedure: &Procedure, files: &HashMap<u32, u32>) -> Vec<ReceivedDocument> {
    (0u32..)
        .zip(&procedure.documents)
        .map(|(slot, doc)| ReceivedDocument {
            name: doc.name.clone(),
            originals: doc.originals,
            copies: doc.copies,
            files: files.get(&slot).copied().unwrap_or(0),
        })
        .collect()
}

/// The applicant page's Zalo question (`data/forms/common/applicant.json`): one checkbox, whose
/// value is `yes` when ticked.
const ZALO: &str = "applicant_zalo";

/// The number whose Zalo account gets the messages too: the contact phone (Zalo accounts are
/// keyed by the mobile number), only when the citizen ticked the box; `None` (NULL) otherwise.
pub(super) fn zalo_number(answers: &Answers, phone: &str) -> Option<String> {
    (first(answers, ZALO) == form::YES && !phone.is_empty()).then(|| phone.to_string())
}

pub(super) fn first(answers: &Answers, name: &str) -> String {
    answers.get(name).and_then(|v| v.first()).map(|v| v.trim().to_string()).unwrap_or_default()
}

/// The "how to receive the result" page's choice (`data/forms/common/return.json`); the counter
/// when the form does not ask.
pub(crate) fn return_method(answers: &Answers) -> ReturnMethod {
    if first(answers, fields::METHOD) == fields::BY_POST {
        ReturnMethod::Post
    } else {
        ReturnMethod::Counter
    }
}

/// By post: recipient, street, commune and province as answered (units by name); at the
/// counter: the one-stop counter's name and address.
pub(crate) fn return_address(state: &PortalState, answers: &Answers) -> String {
    if return_method(answers) == ReturnMethod::Counter {
        return format!("{}, {}", state.counter.name.vi, state.counter.address);
    }
    let commune = first(answers, "return_address.commune");
    let commune = state.province.units.iter().find(|u| u.code == commune).map_or(commune, |u| u.name.clone());
    let province = first(answers, "return_address.province");
    let province = if province == state.province.code { state.province.name.clone() } else { province };
    let place = [first(answers, "return_address.street"), commune, province]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    match first(answers, "return_recipient") {
        name if name.is_empty() => place,
        name => format!("{name} — {place}"),
    }
}

/// The postal charge for sending the result, quoted as the return page showed it (the same
/// tariff, commune and originals choice); `None` at the counter.
pub(crate) fn postal_fee(state: &PortalState, answers: &Answers) -> Option<u64> {
    if return_method(answers) != ReturnMethod::Post {
        return None;
    }
    let originals = first(answers, fields::ORIGINALS) == crate::portal::form::YES;
    crate::server::portal::delivery::quote(&state.tariff, &state.province, &first(answers, fields::COMMUNE), originals)
        .ok()
        .map(|q| q.fee_vnd)
}
