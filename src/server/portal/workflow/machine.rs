//! The dossier state machine: one pure function from a dossier's state and an action to the new
//! state, with only the legal transitions of the national status set. Storage is `super::store`.

use super::WorkflowError;
use crate::portal::dossier::ReturnMethod;
use crate::portal::workflow::{Status, Transition};
use crate::server::portal::dossier::{iso_date, WorkingCalendar, VIETNAM};
use time::{OffsetDateTime, PrimitiveDateTime};

/// Working days a citizen has to answer a supplement request when the officer sets no deadline.
pub const SUPPLEMENT_WORKING_DAYS: u32 = 3;

/// Longest free text an action carries (a reason, a note, a document's name).
const MAX_TEXT: usize = 2000;

/// What the state machine needs to know about a dossier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DossierState {
    pub status: Status,
    pub return_method: ReturnMethod,
    pub tracking_number: Option<String>,
    pub apologised: bool,
    /// The due date in force (the moved one after an apology).
    pub due_at: OffsetDateTime,
}

/// A legal transition's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    /// The action as recorded in the event: defaults filled in (a supplement's deadline).
    pub applied: Transition,
    /// VNPost's tracking number, when this action gave one.
    pub tracking_number: Option<String>,
    /// The new due date, when an apology moved it.
    pub new_due_at: Option<OffsetDateTime>,
    /// The citizen should hear about it (an outbox record).
    pub notify: bool,
}

/// Applies `t` to a dossier in state `current` at `now`, or says why it may not.
pub fn apply(
    current: &DossierState,
    t: &Transition,
    now: OffsetDateTime,
    calendar: &WorkingCalendar,
) -> Result<Outcome, WorkflowError> {
    use Status::*;
    let from = current.status;
    let mut applied = t.clone();
    let (mut tracking_number, mut new_due_at) = (None, None);
    let status = match (from, t) {
        (NewlyRegistered, Transition::Accept) => Accepted,
        (NewlyRegistered, Transition::NotAccept { reason }) => {
            text("reason", reason)?;
            NotAccepted
        }
        (Accepted, Transition::StartProcessing) => Processing,
        (Accepted | Processing, Transition::RequestSupplement { reason, documents, deadline }) => {
            text("reason", reason)?;
            list("documents", documents)?;
            let today = now.to_offset(VIETNAM).date();
            let deadline = match deadline {
                Some(given) => {
                    let date =
                        iso_date(given).ok_or(WorkflowError::Invalid { field: "deadline", problem: "not a date" })?;
                    if date < today {
                        return Err(WorkflowError::Invalid { field: "deadline", problem: "is in the past" });
                    }
                    date
                }
                None => calendar.add_working_days(today, SUPPLEMENT_WORKING_DAYS)?,
            };
            applied = Transition::RequestSupplement {
                reason: reason.clone(),
                documents: documents.clone(),
                deadline: Some(deadline.to_string()),
            };
            SupplementRequested
        }
        (Processing, Transition::RequirePayment { amount_vnd, purpose }) => {
            text("purpose", purpose)?;
            if *amount_vnd == 0 {
                return Err(WorkflowError::Invalid { field: "amount_vnd", problem: "must be more than 0" });
            }
            PaymentRequired
        }
        (PaymentRequired, Transition::RecordPayment) => Processing,
        (Processing, Transition::Complete { result_documents }) => {
            list("result_documents", result_documents)?;
            ProcessingComplete
        }
        (ProcessingComplete, Transition::ReturnAtCounter) if current.return_method == ReturnMethod::Counter => {
            ResultReturned
        }
        (ProcessingComplete, Transition::HandToPost { tracking_number: number })
            if current.return_method == ReturnMethod::Post && current.tracking_number.is_none() =>
        {
            let number = number.trim();
            let valid = (4..=40).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_alphanumeric());
            if !valid {
                return Err(WorkflowError::Invalid { field: "tracking_number", problem: "4 to 40 letters or digits" });
            }
            tracking_number = Some(number.to_ascii_uppercase());
            applied = Transition::HandToPost { tracking_number: number.to_ascii_uppercase() };
            ProcessingComplete
        }
        (ProcessingComplete, Transition::MarkDelivered) if current.tracking_number.is_some() => ResultReturned,
        (Processing | SupplementRequested | WithdrawalRequested, Transition::StopProcessing { reason }) => {
            text("reason", reason)?;
            ProcessingStopped
        }
        (SupplementRequested, Transition::Supplied) => Processing,
        (_, Transition::Withdraw { reason }) if from.withdrawable() => {
            if let Some(reason) = reason {
                optional_text("reason", reason)?;
            }
            WithdrawalRequested
        }
        // Until VNPost has the result: then it has left.
        (_, Transition::ChangeReturn { address, .. }) if from.return_changeable(current.tracking_number.is_some()) => {
            text("address", address)?;
            from
        }
        (_, Transition::Apologise { new_due_date, note }) if !from.is_finished() => {
            if current.apologised {
                return Err(WorkflowError::Apology("the due date was moved once already"));
            }
            if now >= current.due_at {
                return Err(WorkflowError::Apology("the due date has passed: an apology comes before it"));
            }
            text("note", note)?;
            let date = iso_date(new_due_date)
                .ok_or(WorkflowError::Invalid { field: "new_due_date", problem: "not a date" })?;
            let moved = PrimitiveDateTime::new(date, calendar.office_hours().closing()).assume_offset(VIETNAM);
            if moved <= current.due_at {
                return Err(WorkflowError::Invalid { field: "new_due_date", problem: "must be after the due date" });
            }
            new_due_at = Some(moved);
            from
        }
        _ => return Err(WorkflowError::Illegal { from, action: t.action() }),
    };
    // Not for the citizen's own sending and withdrawing: they just did it, on the page. A change
    // of where the result goes is told to the contact phone: anyone holding the link may make it.
    let notify = !matches!(t, Transition::StartProcessing | Transition::Supplied | Transition::Withdraw { .. });
    Ok(Outcome { status, applied, tracking_number, new_due_at, notify })
}

fn text(field: &'static str, value: &str) -> Result<(), WorkflowError> {
    if value.trim().is_empty() {
        return Err(WorkflowError::Invalid { field, problem: "must not be empty" });
    }
    optional_text(field, value)
}

fn optional_text(field: &'static str, value: &str) -> Result<(), WorkflowError> {
    if value.chars().count() > MAX_TEXT || value.chars().any(|c| c.is_control() && c != '\n') {
        return Err(WorkflowError::Invalid { field, problem: "too long, or holds control characters" });
    }
    Ok(())
}

fn list(field: &'static str, values: &[String]) -> Result<(), WorkflowError> {
    if values.is_empty() || values.len() > 50 {
        return Err(WorkflowError::Invalid { field, problem: "must list 1 to 50 items" });
    }
    values.iter().try_for_each(|v| text(field, v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::portal::dossier::calendar::tests::{d, real};
    use time::Time;

    fn vn(y: i32, m: u8, day: u8, h: u8) -> OffsetDateTime {
        PrimitiveDateTime::new(d(y, m, day), Time::from_hms(h, 0, 0).unwrap()).assume_offset(VIETNAM)
    }

    /// Monday 10 March 2025, 10:00; the dossier is due Thursday 13 March at closing.
    fn now() -> OffsetDateTime {
        vn(2025, 3, 10, 10)
    }

    fn state(status: Status, method: ReturnMethod, tracking: Option<&str>) -> DossierState {
        DossierState {
            status,
            return_method: method,
            tracking_number: tracking.map(str::to_string),
            apologised: false,
            due_at: vn(2025, 3, 13, 17),
        }
    }

    /// One well-formed example of every action.
    fn every_action() -> Vec<Transition> {
        let s = |v: &str| v.to_string();
        vec![
            Transition::Accept,
            Transition::NotAccept { reason: s("thiếu chữ ký") },
            Transition::StartProcessing,
            Transition::RequestSupplement { reason: s("ảnh mờ"), documents: vec![s("CCCD")], deadline: None },
            Transition::RequirePayment { amount_vnd: 50_000, purpose: s("lệ phí") },
            Transition::RecordPayment,
            Transition::Complete { result_documents: vec![s("Giấy xác nhận")] },
            Transition::ReturnAtCounter,
            Transition::HandToPost { tracking_number: s("eb123456789vn") },
            Transition::MarkDelivered,
            Transition::StopProcessing { reason: s("công dân rút") },
            Transition::Apologise { new_due_date: s("2025-03-20"), note: s("cần xác minh thêm") },
            Transition::Supplied,
            Transition::Withdraw { reason: None },
            Transition::ChangeReturn {
                method: ReturnMethod::Post,
                address: s("Lan — 1 Hùng Vương"),
                postal_fee_vnd: Some(30_000),
            },
        ]
    }

    /// The legal (status, action, tracking number given, return method) → status table.
    fn legal(status: Status, action: &str, method: ReturnMethod, tracking: bool) -> Option<Status> {
        use Status::*;
        let post = method == ReturnMethod::Post;
        Some(match (status.code(), action) {
            (1, "accept") => Accepted,
            (1, "not_accept") => NotAccepted,
            (2, "start_processing") => Processing,
            (2 | 4, "request_supplement") => SupplementRequested,
            (4, "require_payment") => PaymentRequired,
            (6, "record_payment") => Processing,
            (4, "complete") => ProcessingComplete,
            (9, "return_at_counter") if !post => ResultReturned,
            (9, "hand_to_post") if post && !tracking => ProcessingComplete,
            (9, "mark_delivered") if tracking => ResultReturned,
            (4 | 5 | 7, "stop_processing") => ProcessingStopped,
            (1 | 2 | 4 | 5 | 6 | 7, "apologise") => status,
            (5, "supplied") => Processing,
            (1 | 2 | 4 | 5 | 6, "withdraw") => WithdrawalRequested,
            (1 | 2 | 4 | 5 | 6, "change_return") => status,
            (9, "change_return") if !tracking => status,
            _ => return None,
        })
    }

    #[test]
    fn every_pair_of_status_and_action_is_legal_or_refused() {
        let cal = real();
        let mut legal_pairs = 0;
        for status in Status::ALL {
            for method in [ReturnMethod::Counter, ReturnMethod::Post] {
                for tracking in [None, Some("EB1234VN")] {
                    let current = state(status, method, tracking);
                    for t in every_action() {
                        let got = apply(&current, &t, now(), &cal);
                        match legal(status, t.action(), method, tracking.is_some()) {
                            Some(expected) => {
                                legal_pairs += 1;
                                let outcome = got.unwrap_or_else(|e| panic!("{status:?} {t:?}: {e}"));
                                assert_eq!(outcome.status, expected, "{status:?} {t:?}");
                            }
                            None => assert!(
                                matches!(&got, Err(WorkflowError::Illegal { from, action }) if *from == status && *action == t.action()),
                                "{status:?} {method:?} {tracking:?} {t:?} must be refused: {got:?}"
                            ),
                        }
                    }
                }
            }
        }
        assert!(legal_pairs > 40, "{legal_pairs}");
    }

    #[test]
    fn a_supplement_deadline_defaults_to_three_working_days() {
        // Friday 24 January 2025, before Tết: 3, 4 and 5 February.
        let current = state(Status::Processing, ReturnMethod::Counter, None);
        let t = Transition::RequestSupplement { reason: "x".into(), documents: vec!["CCCD".into()], deadline: None };
        let outcome = apply(&current, &t, vn(2025, 1, 24, 10), &real()).unwrap();
        assert!(
            matches!(outcome.applied, Transition::RequestSupplement { deadline: Some(ref d), .. } if d == "2025-02-05")
        );
        let past = Transition::RequestSupplement {
            reason: "x".into(),
            documents: vec!["CCCD".into()],
            deadline: Some("2025-01-01".into()),
        };
        assert!(matches!(apply(&current, &past, vn(2025, 1, 24, 10), &real()), Err(WorkflowError::Invalid { .. })));
    }

    #[test]
    fn an_apology_moves_the_due_date_once_and_only_before_it_passes() {
        let cal = real();
        let mut current = state(Status::Processing, ReturnMethod::Counter, None);
        let t = Transition::Apologise { new_due_date: "2025-03-20".into(), note: "cần xác minh".into() };
        let outcome = apply(&current, &t, now(), &cal).unwrap();
        assert_eq!(outcome.new_due_at, Some(vn(2025, 3, 20, 17)));
        assert_eq!(outcome.status, Status::Processing);
        assert!(matches!(apply(&current, &t, vn(2025, 3, 14, 9), &cal), Err(WorkflowError::Apology(_))), "too late");
        let earlier = Transition::Apologise { new_due_date: "2025-03-12".into(), note: "x".into() };
        assert!(matches!(apply(&current, &earlier, now(), &cal), Err(WorkflowError::Invalid { .. })));
        current.apologised = true;
        assert!(matches!(apply(&current, &t, now(), &cal), Err(WorkflowError::Apology(_))), "only once");
    }

    #[test]
    fn bad_input_is_refused_before_anything_changes() {
        let cal = real();
        let current = state(Status::NewlyRegistered, ReturnMethod::Post, None);
        let blank = Transition::NotAccept { reason: "  ".into() };
        assert!(matches!(apply(&current, &blank, now(), &cal), Err(WorkflowError::Invalid { field: "reason", .. })));
        let done = state(Status::ProcessingComplete, ReturnMethod::Post, None);
        let bad = Transition::HandToPost { tracking_number: "<script>".into() };
        assert!(matches!(apply(&done, &bad, now(), &cal), Err(WorkflowError::Invalid { .. })));
        let ok = apply(&done, &Transition::HandToPost { tracking_number: " eb123vn ".into() }, now(), &cal).unwrap();
        assert_eq!(ok.tracking_number.as_deref(), Some("EB123VN"));
    }
}
