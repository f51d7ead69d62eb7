//! A dossier after submission, as the portal and the tracking pages see it: the national status
//! set, the events of its timeline, the actions that move it ([`Transition`]) and the read model
//! a status page renders ([`DossierStatus`]). The state machine itself is the embedded portal's
//! (`server::portal::workflow`); these types cross `/portal/v1` and are compiled for the browser.

use super::delivery::Counter;
use super::dossier::ReturnMethod;
use super::types::LocalizedText;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// The national status set of a dossier (Decision 870/QĐ-VPCP's TrangThaiHoSo), codes 1 to 10.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Status {
    NewlyRegistered = 1,
    Accepted = 2,
    NotAccepted = 3,
    Processing = 4,
    SupplementRequested = 5,
    PaymentRequired = 6,
    WithdrawalRequested = 7,
    ProcessingStopped = 8,
    ProcessingComplete = 9,
    ResultReturned = 10,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::NewlyRegistered,
        Status::Accepted,
        Status::NotAccepted,
        Status::Processing,
        Status::SupplementRequested,
        Status::PaymentRequired,
        Status::WithdrawalRequested,
        Status::ProcessingStopped,
        Status::ProcessingComplete,
        Status::ResultReturned,
    ];

    /// The national code, 1 to 10.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: i64) -> Option<Status> {
        Status::ALL.into_iter().find(|s| i64::from(s.code()) == code)
    }

    /// The office has finished with the dossier one way or another: no due date is running.
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            Status::NotAccepted | Status::ProcessingStopped | Status::ProcessingComplete | Status::ResultReturned
        )
    }

    /// No result will come (refused, withdrawn, stopped): a due date would only mislead.
    pub fn ends_without_result(self) -> bool {
        matches!(self, Status::NotAccepted | Status::WithdrawalRequested | Status::ProcessingStopped)
    }

    /// The citizen may still ask to withdraw (→ 7): the state machine's rule, and the pages'.
    pub fn withdrawable(self) -> bool {
        matches!(
            self,
            Status::NewlyRegistered
                | Status::Accepted
                | Status::Processing
                | Status::SupplementRequested
                | Status::PaymentRequired
        )
    }

    /// How the result comes back may still change: before completion (while the dossier is
    /// live), or once complete until VNPost has it (`with_post`: a tracking number was given).
    pub fn return_changeable(self, with_post: bool) -> bool {
        self.withdrawable() || (self == Status::ProcessingComplete && !with_post)
    }

    /// The locale key of the status's name (`workflow-status-1` …).
    pub fn label_key(self) -> String {
        format!("workflow-status-{}", self.code())
    }
}

/// What moves a dossier: the officers' actions and the citizen's two. The JSON names the action
/// in `action`, e.g. `{"action": "request_supplement", "reason": "…", "documents": ["…"]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Transition {
    /// 1 → 2: the dossier is complete and valid; processing time runs.
    Accept,
    /// 1 → 3, with the reason the citizen is told.
    NotAccept { reason: String },
    /// 2 → 4.
    StartProcessing,
    /// 2 or 4 → 5: the documents asked for, and until when (ISO date; default 3 working days).
    RequestSupplement {
        reason: String,
        documents: Vec<String>,
        #[serde(default)]
        deadline: Option<String>,
    },
    /// 4 → 6: a fee or charge to pay before processing goes on.
    RequirePayment { amount_vnd: u64, purpose: String },
    /// 6 → 4.
    RecordPayment,
    /// 4 → 9, with the documents the citizen receives.
    Complete { result_documents: Vec<String> },
    /// 9 → 10, for a result collected at the counter.
    ReturnAtCounter,
    /// 9 → 9: the result is with VNPost (return by post only).
    HandToPost { tracking_number: String },
    /// 9 → 10 once handed to the post.
    MarkDelivered,
    /// 4, 5 or 7 → 8.
    StopProcessing { reason: String },
    /// The due date moves once, before it passes (Mẫu 04): status unchanged.
    Apologise { new_due_date: String, note: String },
    /// Citizen: 5 → 4, the documents asked for were uploaded.
    Supplied,
    /// Citizen: 1, 2, 4, 5 or 6 → 7.
    Withdraw {
        #[serde(default)]
        reason: Option<String>,
    },
    /// Citizen: the result comes back another way (status unchanged; 1, 2, 4, 5, 6, or 9 before
    /// VNPost has it). Built by the portal from the return page's answers, checked as at
    /// submission: the address as the receipt would state it, the postal fee quoted again.
    ChangeReturn {
        method: ReturnMethod,
        address: String,
        #[serde(default)]
        postal_fee_vnd: Option<u64>,
    },
}

impl Transition {
    /// The action's name, as in the JSON's `action` and the events' `kind`.
    pub fn action(&self) -> &'static str {
        match self {
            Transition::Accept => "accept",
            Transition::NotAccept { .. } => "not_accept",
            Transition::StartProcessing => "start_processing",
            Transition::RequestSupplement { .. } => "request_supplement",
            Transition::RequirePayment { .. } => "require_payment",
            Transition::RecordPayment => "record_payment",
            Transition::Complete { .. } => "complete",
            Transition::ReturnAtCounter => "return_at_counter",
            Transition::HandToPost { .. } => "hand_to_post",
            Transition::MarkDelivered => "mark_delivered",
            Transition::StopProcessing { .. } => "stop_processing",
            Transition::Apologise { .. } => "apologise",
            Transition::Supplied => "supplied",
            Transition::Withdraw { .. } => "withdraw",
            Transition::ChangeReturn { .. } => "change_return",
        }
    }

    /// Only the citizen takes these (through the tracking pages), never an officer.
    pub fn is_citizens(&self) -> bool {
        matches!(self, Transition::Supplied | Transition::Withdraw { .. } | Transition::ChangeReturn { .. })
    }

    /// The free text the timeline shows beside the event.
    pub fn note(&self) -> &str {
        match self {
            Transition::NotAccept { reason }
            | Transition::RequestSupplement { reason, .. }
            | Transition::StopProcessing { reason } => reason,
            Transition::RequirePayment { purpose, .. } => purpose,
            Transition::Apologise { note, .. } => note,
            Transition::Withdraw { reason } => reason.as_deref().unwrap_or(""),
            _ => "",
        }
    }
}

/// One event of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Event {
    /// 1 for the submission, then one more per event.
    pub seq: u32,
    /// The status after the event.
    pub status: Status,
    /// `submitted`, or the action's name (`accept`, `request_supplement`, …).
    pub kind: String,
    /// `citizen`, or the officer's name.
    pub actor: String,
    /// The office that acted.
    pub office: LocalizedText,
    /// ISO 8601 in Vietnam time, like the receipt's times.
    pub at: String,
    pub note: String,
}

/// What the office asked the citizen to add (status 5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct SupplementRequest {
    pub reason: String,
    pub documents: Vec<String>,
    /// ISO date (`2025-03-19`).
    pub deadline: String,
}

/// What the citizen must pay before processing goes on (status 6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct PaymentDue {
    pub amount_vnd: u64,
    pub purpose: String,
}

/// The agency's apology for a late result (Mẫu 04) and the new date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Apology {
    pub note: String,
    /// The new due date, ISO in Vietnam time.
    pub new_due_at: String,
    pub issued_at: String,
}

/// The one thing the citizen should do next, decided by [`NextAction::decide`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NextAction {
    /// Upload the documents asked for.
    Supplement,
    /// Pay the amount due.
    Pay,
    /// Collect the result at this counter.
    Collect { counter: Counter },
    /// The result comes by post; the tracking number once VNPost has it.
    AwaitDelivery { tracking_number: Option<String> },
    /// Rate the service (once).
    Rate,
    /// Nothing is asked; the citizen may still ask to withdraw.
    CanWithdraw,
    /// Nothing is asked or possible.
    #[serde(rename = "none")]
    NothingToDo,
}

impl NextAction {
    /// The one place that decides what a status page offers.
    pub fn decide(
        status: Status,
        return_method: ReturnMethod,
        tracking_number: Option<&str>,
        rated: bool,
        counter: &Counter,
    ) -> NextAction {
        match status {
            Status::SupplementRequested => NextAction::Supplement,
            Status::PaymentRequired => NextAction::Pay,
            Status::NewlyRegistered | Status::Accepted | Status::Processing => NextAction::CanWithdraw,
            Status::ProcessingComplete => match return_method {
                ReturnMethod::Counter => NextAction::Collect { counter: counter.clone() },
                ReturnMethod::Post => {
                    NextAction::AwaitDelivery { tracking_number: tracking_number.map(str::to_string) }
                }
            },
            Status::ResultReturned if !rated => NextAction::Rate,
            Status::ResultReturned | Status::NotAccepted | Status::WithdrawalRequested | Status::ProcessingStopped => {
                NextAction::NothingToDo
            }
        }
    }
}

/// A dossier's state as its tracking page shows it. `overdue` is computed when read, never
/// stored; `due_at` is the moved date when an apology moved it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct DossierStatus {
    pub dossier_code: String,
    pub procedure_code: String,
    pub procedure_name: LocalizedText,
    pub received_at: String,
    pub due_at: String,
    /// The due date on the receipt.
    pub original_due_at: String,
    pub apology: Option<Apology>,
    pub overdue: bool,
    pub status: Status,
    /// The national code of `status`, 1 to 10.
    pub status_code: u8,
    /// Every event, oldest first.
    pub events: Vec<Event>,
    /// The open request, while the status is 5.
    pub supplement: Option<SupplementRequest>,
    /// The amount due, while the status is 6.
    pub payment: Option<PaymentDue>,
    /// The documents of the result, once complete.
    pub result_documents: Vec<String>,
    pub return_method: ReturnMethod,
    /// Where the result goes: the recipient and address by post, or the counter (the receipt's,
    /// or the citizen's later change).
    pub return_address: String,
    /// What the post costs, quoted when the method was chosen; `None` at the counter.
    pub postal_fee_vnd: Option<u64>,
    pub tracking_number: Option<String>,
    /// Returned: collected at the counter or delivered by the post.
    pub delivered: bool,
    pub next_action: NextAction,
    pub rated: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counter() -> Counter {
        Counter { name: LocalizedText::default(), address: String::new(), hours: LocalizedText::default() }
    }

    #[test]
    fn codes_are_the_national_ones() {
        let codes: Vec<u8> = Status::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, (1..=10).collect::<Vec<u8>>());
        assert_eq!(Status::from_code(5), Some(Status::SupplementRequested));
        assert_eq!(Status::from_code(11), None);
    }

    #[test]
    fn transitions_are_tagged_by_action() {
        let t: Transition =
            serde_json::from_str(r#"{"action":"hand_to_post","tracking_number":"EB123456789VN"}"#).unwrap();
        assert_eq!(t, Transition::HandToPost { tracking_number: "EB123456789VN".into() });
        assert_eq!(t.action(), "hand_to_post");
        assert!(serde_json::from_str::<Transition>(r#"{"action":"teleport"}"#).is_err());
        assert!(serde_json::from_str::<Transition>(r#"{"action":"not_accept"}"#).is_err(), "the reason is needed");
    }

    #[test]
    fn one_next_action_per_state() {
        let next = |s, m, t, r| NextAction::decide(s, m, t, r, &counter());
        use ReturnMethod::{Counter as AtCounter, Post};
        assert_eq!(next(Status::SupplementRequested, Post, None, false), NextAction::Supplement);
        assert_eq!(next(Status::Processing, Post, None, false), NextAction::CanWithdraw);
        assert_eq!(
            next(Status::ProcessingComplete, AtCounter, None, false),
            NextAction::Collect { counter: counter() }
        );
        assert_eq!(
            next(Status::ProcessingComplete, Post, Some("EB1"), false),
            NextAction::AwaitDelivery { tracking_number: Some("EB1".into()) }
        );
        assert_eq!(next(Status::ResultReturned, Post, None, false), NextAction::Rate);
        assert_eq!(next(Status::ResultReturned, Post, None, true), NextAction::NothingToDo);
        assert_eq!(next(Status::NotAccepted, Post, None, false), NextAction::NothingToDo);
    }
}
