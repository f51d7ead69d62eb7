//! Office hours, and the due date (ngày hẹn trả) of a dossier from its processing time.
//!
//! The rules, in order:
//! 1. A dossier received outside office hours or on a day off counts as received at the next
//!    working day's opening; one received before opening or over lunch, at the next session.
//! 2. A period in days does not count the day it starts from and ends at the end of its last
//!    day (Civil Code 2015 arts. 147–148), here the office's closing time. So 3 working days
//!    from Monday are Tuesday, Wednesday and Thursday: due Thursday at closing.
//! 3. A period in calendar days whose last day is a day off ends on the next working day
//!    (Civil Code 2015 art. 148).
//! 4. 0 (trong ngày, "the same working day") is due at closing on the day counting starts.
//! 5. Working hours run through office sessions only.

use super::calendar::{CalendarError, WorkingCalendar};
use crate::portal::types::{ProcessingTime, TimeUnit};
use std::fmt;
use std::str::FromStr;
use time::{Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Vietnam time: UTC+7 all year, no daylight saving.
pub const VIETNAM: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("UTC+7 is a valid offset"),
};

/// Longer than any processing time in the national database; beyond it the number is a mistake.
const MAX_AMOUNT: f32 = 10_000.0;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OfficeHoursError {
    #[error("office hours are written like \"07:30-11:30, 13:30-17:00\"; \"{0}\" is not a time range")]
    BadRange(String),
    #[error("office hours must list at least one session")]
    Empty,
    #[error("office hours sessions must be in order of the day and must not overlap")]
    Overlap,
}

/// The sessions of an office day, e.g. 07:30–11:30 and 13:30–17:00: in order, not overlapping,
/// never empty (so counting always moves forward).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficeHours {
    sessions: Vec<(Time, Time)>,
}

impl Default for OfficeHours {
    /// The hours most provincial one-stop counters keep.
    fn default() -> Self {
        "07:30-11:30, 13:30-17:00".parse().expect("the default office hours are valid")
    }
}

impl FromStr for OfficeHours {
    type Err = OfficeHoursError;

    /// `"07:30-11:30, 13:30-17:00"`; spaces and an en dash are accepted.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut sessions: Vec<(Time, Time)> = Vec::new();
        for range in text.split(',').map(str::trim).filter(|r| !r.is_empty()) {
            let bad = || OfficeHoursError::BadRange(range.chars().take(40).collect());
            let (open, close) = range.split_once(['-', '–']).ok_or_else(bad)?;
            let (open, close) = (parse_time(open).ok_or_else(bad)?, parse_time(close).ok_or_else(bad)?);
            if close <= open {
                return Err(bad());
            }
            if sessions.last().is_some_and(|&(_, previous_close)| open < previous_close) {
                return Err(OfficeHoursError::Overlap);
            }
            sessions.push((open, close));
        }
        if sessions.is_empty() {
            return Err(OfficeHoursError::Empty);
        }
        Ok(OfficeHours { sessions })
    }
}

impl fmt::Display for OfficeHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (open, close)) in self.sessions.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{:02}:{:02}-{:02}:{:02}", open.hour(), open.minute(), close.hour(), close.minute())?;
        }
        Ok(())
    }
}

/// `HH:MM`, 24-hour clock.
fn parse_time(text: &str) -> Option<Time> {
    let (h, m) = text.trim().split_once(':')?;
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u8>().ok()).flatten()
    };
    Time::from_hms(number(h)?, number(m)?, 0).ok()
}

impl OfficeHours {
    pub fn opening(&self) -> Time {
        self.sessions[0].0
    }

    pub fn closing(&self) -> Time {
        self.sessions[self.sessions.len() - 1].1
    }

    /// `time` moved forward to the first moment an office session is open, or `None` when the
    /// day's last session has ended.
    fn place(&self, time: Time) -> Option<Time> {
        self.sessions.iter().find(|&&(_, close)| time < close).map(|&(open, _)| time.max(open))
    }
}

/// What a receipt (Mẫu 01) states about time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueDate {
    /// When the count started: the moment received, or the next opening (rule 1).
    pub counted_from: OffsetDateTime,
    /// The appointment for the result, in Vietnam time.
    pub due: OffsetDateTime,
    /// The count ran through a year whose days off are partly estimates: say "expected".
    pub provisional: bool,
}

impl WorkingCalendar {
    /// When the processing time of a dossier received at `received_at` starts to run (rule 1).
    pub fn counting_starts(&self, received_at: OffsetDateTime) -> Result<PrimitiveDateTime, CalendarError> {
        let local = received_at.to_offset(VIETNAM);
        let date = local.date();
        if self.is_working_day(date)? {
            if let Some(time) = self.hours.place(local.time()) {
                return Ok(PrimitiveDateTime::new(date, time));
            }
        }
        Ok(PrimitiveDateTime::new(self.next_working_day(date)?, self.hours.opening()))
    }

    /// The due date of a dossier received at `received_at` with the catalogue's processing time.
    /// A fractional number of days is rounded up: the count ends at closing either way.
    pub fn due_date(&self, received_at: OffsetDateTime, time: &ProcessingTime) -> Result<DueDate, CalendarError> {
        let amount = time.amount;
        if !amount.is_finite() || !(0.0..=MAX_AMOUNT).contains(&amount) {
            return Err(CalendarError::InvalidProcessingTime { amount });
        }
        let start = self.counting_starts(received_at)?;
        let closing = self.hours.closing();
        let due = match time.unit {
            TimeUnit::WorkingDays => {
                PrimitiveDateTime::new(self.add_working_days(start.date(), amount.ceil() as u32)?, closing)
            }
            TimeUnit::Days => {
                let last = start.date() + Duration::days(amount.ceil() as i64);
                let last = if self.is_working_day(last)? { last } else { self.next_working_day(last)? };
                PrimitiveDateTime::new(last, closing)
            }
            TimeUnit::WorkingHours => self.add_working_minutes(start, (amount * 60.0).ceil() as u32)?,
        };
        Ok(DueDate {
            counted_from: start.assume_offset(VIETNAM),
            due: due.assume_offset(VIETNAM),
            provisional: self.provisional_between(start.date(), due.date()),
        })
    }

    /// `minutes` of office time after `start`, through sessions and working days only.
    fn add_working_minutes(
        &self,
        start: PrimitiveDateTime,
        mut minutes: u32,
    ) -> Result<PrimitiveDateTime, CalendarError> {
        let (mut date, mut time) = (start.date(), start.time());
        loop {
            for &(open, close) in &self.hours.sessions {
                if close <= time {
                    continue;
                }
                let from = time.max(open);
                let available = (close - from).whole_minutes() as u32;
                if minutes <= available {
                    return Ok(PrimitiveDateTime::new(date, from + Duration::minutes(i64::from(minutes))));
                }
                minutes -= available;
            }
            date = self.next_working_day(date)?;
            time = Time::MIDNIGHT;
        }
    }
}

/// `2025-03-14T10:05:00+07:00`: the moment in Vietnam time, as receipts and timelines state it.
pub fn iso(at: OffsetDateTime) -> String {
    let t = at.to_offset(VIETNAM);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Reads what [`iso`] writes (the stored receipts' and due dates' shape); `None` for anything else.
pub fn from_iso(text: &str) -> Option<OffsetDateTime> {
    let date = iso_date(text.get(0..10)?)?;
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u8>().ok();
    let time = Time::from_hms(number(11..13)?, number(14..16)?, number(17..19)?).ok()?;
    (text.get(10..11)? == "T" && text.get(19..)? == "+07:00")
        .then(|| PrimitiveDateTime::new(date, time).assume_offset(VIETNAM))
}

/// An ISO date, `2025-03-19`.
pub fn iso_date(text: &str) -> Option<time::Date> {
    let bytes = text.as_bytes();
    if text.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = text.get(0..4)?.parse::<i32>().ok()?;
    let month = time::Month::try_from(text.get(5..7)?.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(year, month, text.get(8..10)?.parse::<u8>().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::super::calendar::tests::{d, real};
    use super::*;
    use crate::portal::types::LocalizedText;

    /// A moment in Vietnam time.
    fn vn(y: i32, m: u8, day: u8, h: u8, min: u8) -> OffsetDateTime {
        PrimitiveDateTime::new(d(y, m, day), Time::from_hms(h, min, 0).unwrap()).assume_offset(VIETNAM)
    }

    fn took(amount: f32, unit: TimeUnit) -> ProcessingTime {
        ProcessingTime { amount, unit, note: LocalizedText::default() }
    }

    fn due(received: OffsetDateTime, amount: f32, unit: TimeUnit) -> OffsetDateTime {
        real().due_date(received, &took(amount, unit)).unwrap().due
    }

    #[test]
    fn times_are_written_and_read_in_vietnam_time() {
        let utc = OffsetDateTime::from_unix_timestamp(1_741_946_700).unwrap(); // 2025-03-14 10:05 UTC
        assert_eq!(iso(utc), "2025-03-14T17:05:00+07:00");
        assert_eq!(from_iso(&iso(utc)), Some(utc));
        assert_eq!(iso_date("2025-03-19"), Some(d(2025, 3, 19)));
        for bad in ["2025-3-19", "2025-02-30", "x", "2025-03-19T", "+2025-03-1"] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
        assert_eq!(from_iso("2025-03-14T17:05:00Z"), None);
    }

    #[test]
    fn office_hours_are_read_forgivingly_and_checked() {
        let hours: OfficeHours = " 07:30 – 11:30 ,13:30-17:00 ".parse().unwrap();
        assert_eq!(hours, OfficeHours::default());
        assert_eq!(hours.to_string(), "07:30-11:30, 13:30-17:00");
        assert_eq!("8:00-17:00".parse::<OfficeHours>().unwrap().to_string(), "08:00-17:00");
        assert_eq!("".parse::<OfficeHours>(), Err(OfficeHoursError::Empty));
        assert_eq!("13:30-17:00, 07:30-11:30".parse::<OfficeHours>(), Err(OfficeHoursError::Overlap));
        for bad in ["7:30", "17:00-07:30", "25:00-26:00", "07:30-11:30;13:30-17:00", "07:3a-11:30", "-"] {
            assert!(matches!(bad.parse::<OfficeHours>(), Err(OfficeHoursError::BadRange(_))), "{bad}");
        }
    }

    #[test]
    fn counting_starts_at_the_next_open_moment() {
        let cal = real();
        let starts = |at| cal.counting_starts(at).unwrap().assume_offset(VIETNAM);
        // In hours: at once. Before opening or over lunch: the next session, same day.
        assert_eq!(starts(vn(2025, 3, 14, 9, 15)), vn(2025, 3, 14, 9, 15));
        assert_eq!(starts(vn(2025, 3, 14, 6, 0)), vn(2025, 3, 14, 7, 30));
        assert_eq!(starts(vn(2025, 3, 14, 12, 0)), vn(2025, 3, 14, 13, 30));
        // Friday 17:30, Saturday, Sunday: Monday's opening.
        assert_eq!(starts(vn(2025, 3, 14, 17, 30)), vn(2025, 3, 17, 7, 30));
        assert_eq!(starts(vn(2025, 3, 15, 10, 0)), vn(2025, 3, 17, 7, 30));
        // On a holiday (30/4/2025, the start of five days off): Monday 5 May.
        assert_eq!(starts(vn(2025, 4, 30, 10, 0)), vn(2025, 5, 5, 7, 30));
        // The clock is Vietnam's whatever the offset given: 10:30 UTC is 17:30 in Hà Nội.
        let utc = PrimitiveDateTime::new(d(2025, 3, 14), Time::from_hms(10, 30, 0).unwrap()).assume_utc();
        assert_eq!(starts(utc), vn(2025, 3, 17, 7, 30));
    }

    #[test]
    fn working_days_end_at_closing_on_the_last_day() {
        use TimeUnit::WorkingDays;
        // Monday 9:00, 3 working days: Tuesday, Wednesday, Thursday.
        assert_eq!(due(vn(2025, 3, 10, 9, 0), 3.0, WorkingDays), vn(2025, 3, 13, 17, 0));
        // "The same working day", received Friday after closing: Monday.
        let result = real().due_date(vn(2025, 3, 14, 17, 30), &took(0.0, WorkingDays)).unwrap();
        assert_eq!(result.counted_from, vn(2025, 3, 17, 7, 30));
        assert_eq!(result.due, vn(2025, 3, 17, 17, 0));
        assert!(!result.provisional);
        // Friday before Tết 2025, 3 working days: 3, 4 and 5 February.
        assert_eq!(due(vn(2025, 1, 24, 10, 0), 3.0, WorkingDays), vn(2025, 2, 5, 17, 0));
        // Thursday 24 April 2025, 2 working days: Friday 25 and the swapped Saturday 26.
        assert_eq!(due(vn(2025, 4, 24, 10, 0), 2.0, WorkingDays), vn(2025, 4, 26, 17, 0));
        // Received on 2/9/2025: counts from Wednesday 3/9; 1 working day is Thursday.
        assert_eq!(due(vn(2025, 9, 2, 10, 0), 1.0, WorkingDays), vn(2025, 9, 4, 17, 0));
        // A half day is rounded up to a whole one.
        assert_eq!(due(vn(2025, 3, 10, 9, 0), 2.5, WorkingDays), vn(2025, 3, 13, 17, 0));
    }

    #[test]
    fn due_dates_cross_the_year_boundary() {
        use TimeUnit::WorkingDays;
        // Wednesday 24/12/2025: 25, 26, 29, 30, 31 December; the 6th is Monday 5 January 2026.
        assert_eq!(due(vn(2025, 12, 24, 10, 0), 5.0, WorkingDays), vn(2025, 12, 31, 17, 0));
        assert_eq!(due(vn(2025, 12, 24, 10, 0), 6.0, WorkingDays), vn(2026, 1, 5, 17, 0));
        // Monday 28/12/2026: 29, 30, 31, then 1/1/2027 off and the weekend: 4 and 5 January.
        // 2027's Tết is an estimate, so the receipt must say "expected".
        let result = real().due_date(vn(2026, 12, 28, 10, 0), &took(5.0, WorkingDays)).unwrap();
        assert_eq!(result.due, vn(2027, 1, 5, 17, 0));
        assert!(result.provisional);
    }

    #[test]
    fn calendar_days_ending_on_a_day_off_move_to_the_next_working_day() {
        use TimeUnit::Days;
        assert_eq!(due(vn(2025, 3, 3, 10, 0), 15.0, Days), vn(2025, 3, 18, 17, 0));
        // Wednesday 5/3/2025 + 10 days is Saturday 15 March: Monday 17 March.
        assert_eq!(due(vn(2025, 3, 5, 10, 0), 10.0, Days), vn(2025, 3, 17, 17, 0));
        // Wednesday 4/2/2026 + 10 days is Saturday 14 February, the first day of Tết: 23 February.
        assert_eq!(due(vn(2026, 2, 4, 10, 0), 10.0, Days), vn(2026, 2, 23, 17, 0));
    }

    #[test]
    fn working_hours_run_through_office_sessions_only() {
        use TimeUnit::WorkingHours;
        // Friday 16:00 + 4 h: one hour on Friday, three from Monday's opening.
        assert_eq!(due(vn(2025, 3, 14, 16, 0), 4.0, WorkingHours), vn(2025, 3, 17, 10, 30));
        // Monday 07:30 + 8 h: the day holds 7.5 h, so Tuesday 08:00.
        assert_eq!(due(vn(2025, 3, 17, 7, 30), 8.0, WorkingHours), vn(2025, 3, 18, 8, 0));
        // Ending exactly at the end of the morning session stays there.
        assert_eq!(due(vn(2025, 3, 17, 7, 30), 4.0, WorkingHours), vn(2025, 3, 17, 11, 30));
        // Received over lunch: from 13:30.
        assert_eq!(due(vn(2025, 3, 17, 12, 10), 1.0, WorkingHours), vn(2025, 3, 17, 14, 30));
    }

    #[test]
    fn other_office_hours_change_the_closing_time() {
        let cal = real().with_office_hours("08:00-12:00, 13:00-16:30".parse().unwrap());
        let result = cal.due_date(vn(2025, 3, 14, 16, 45), &took(0.0, TimeUnit::WorkingDays)).unwrap();
        assert_eq!(result.counted_from, vn(2025, 3, 17, 8, 0));
        assert_eq!(result.due, vn(2025, 3, 17, 16, 30));
    }

    #[test]
    fn bad_amounts_and_missing_years_are_typed_errors() {
        let cal = real();
        for amount in [f32::NAN, f32::INFINITY, -1.0, 1e9] {
            assert!(
                matches!(
                    cal.due_date(vn(2025, 3, 10, 9, 0), &took(amount, TimeUnit::WorkingDays)),
                    Err(CalendarError::InvalidProcessingTime { .. })
                ),
                "{amount}"
            );
        }
        let received_in_2024 = cal.due_date(vn(2024, 12, 30, 9, 0), &took(3.0, TimeUnit::WorkingDays));
        assert!(matches!(received_in_2024, Err(CalendarError::YearMissing { year: 2024 })));
        let beyond_the_data = cal.due_date(vn(2027, 12, 20, 9, 0), &took(30.0, TimeUnit::WorkingDays));
        assert!(matches!(beyond_the_data, Err(CalendarError::YearMissing { year: 2028 })));
    }
}
