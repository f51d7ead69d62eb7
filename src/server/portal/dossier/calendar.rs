//! Which days public offices work, from `data/calendar/vn-holidays.toml`.
//!
//! Weekends are the rule (Decision 188/1999/QĐ-TTg: Saturday and Sunday off); holidays and the
//! Government's swapped days change every year, so they are data, never code. A year the file
//! does not cover is an error: a due date computed without Tết would be a promise the office
//! cannot keep.

use super::due::OfficeHours;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use time::{Date, Month, Weekday};

/// The longest run of days one entry may span (Tết with its weekends is 9): a longer one is
/// almost certainly a typo in a date.
const MAX_SPAN_DAYS: i64 = 16;

#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error("cannot read the holiday calendar {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("the holiday calendar is not valid: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("holiday calendar, year {year}, entry \"{entry}\": {problem}")]
    Invalid { year: i32, entry: String, problem: &'static str },
    #[error(
        "the holiday calendar has no data for {year}: add that year's days off and swapped days \
         (from the Government's notice) to the calendar file"
    )]
    YearMissing { year: i32 },
    #[error("a processing time of {amount} is not a usable duration")]
    InvalidProcessingTime { amount: f32 },
}

/// Whether a year's days all come from the law and published decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum YearStatus {
    Official,
    /// Some days (Tết, a swap) are estimates until the Government publishes them.
    Provisional,
}

#[derive(Clone, Debug)]
struct Year {
    status: YearStatus,
    off: BTreeSet<Date>,
    worked: BTreeSet<Date>,
}

/// Working days and office hours of the receiving agency.
#[derive(Clone, Debug)]
pub struct WorkingCalendar {
    years: BTreeMap<i32, Year>,
    pub(super) hours: OfficeHours,
}

impl WorkingCalendar {
    /// Reads the calendar file; office hours are the default until [`Self::with_office_hours`].
    pub fn load(path: &Path) -> Result<WorkingCalendar, CalendarError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| CalendarError::Read { path: path.to_owned(), source })?;
        WorkingCalendar::from_toml(&text)
    }

    /// Parses and checks the calendar file's text.
    pub fn from_toml(text: &str) -> Result<WorkingCalendar, CalendarError> {
        let file: File = toml::from_str(text)?;
        let mut years = BTreeMap::new();
        for data in file.year {
            let year = data.year;
            if years.contains_key(&year) {
                return Err(invalid(year, "", "the year is listed twice"));
            }
            years.insert(year, data.check()?);
        }
        Ok(WorkingCalendar { years, hours: OfficeHours::default() })
    }

    pub fn with_office_hours(mut self, hours: OfficeHours) -> WorkingCalendar {
        self.hours = hours;
        self
    }

    pub fn office_hours(&self) -> &OfficeHours {
        &self.hours
    }

    /// The years the file covers, first to last.
    pub fn years(&self) -> impl Iterator<Item = (i32, YearStatus)> + '_ {
        self.years.iter().map(|(y, data)| (*y, data.status))
    }

    /// Whether any year from `from` to `to` (inclusive) holds estimated days.
    pub fn provisional_between(&self, from: Date, to: Date) -> bool {
        self.years.range(from.year()..=to.year()).any(|(_, y)| y.status == YearStatus::Provisional)
    }

    pub fn is_working_day(&self, date: Date) -> Result<bool, CalendarError> {
        let year = self.years.get(&date.year()).ok_or(CalendarError::YearMissing { year: date.year() })?;
        Ok(year.worked.contains(&date)
            || (!year.off.contains(&date) && !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)))
    }

    /// The first working day after `date` (never `date` itself).
    pub fn next_working_day(&self, date: Date) -> Result<Date, CalendarError> {
        let mut day = date;
        loop {
            // `Date::MAX` is far beyond any year in the file, so this only fails as YearMissing.
            day = day.next_day().ok_or(CalendarError::YearMissing { year: date.year() + 1 })?;
            if self.is_working_day(day)? {
                return Ok(day);
            }
        }
    }

    /// The `n`-th working day after `from`; `from` itself is not counted, whatever it is (the
    /// day a period starts from is not part of it: Civil Code 2015 art. 147). `n = 0` is `from`.
    pub fn add_working_days(&self, from: Date, n: u32) -> Result<Date, CalendarError> {
        let mut day = from;
        for _ in 0..n {
            day = self.next_working_day(day)?;
        }
        Ok(day)
    }
}

fn invalid(year: i32, entry: &str, problem: &'static str) -> CalendarError {
    CalendarError::Invalid { year, entry: entry.to_string(), problem }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    year: Vec<YearData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearData {
    year: i32,
    status: YearStatus,
    /// Where the days come from; for people, not read by the code.
    #[serde(default)]
    #[allow(dead_code)]
    sources: Vec<String>,
    #[serde(default)]
    off: Vec<Entry>,
    #[serde(default)]
    worked: Vec<Entry>,
}

/// One day (`date`) or a run of days (`from`, `to`), with what it is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    date: Option<toml::value::Datetime>,
    from: Option<toml::value::Datetime>,
    to: Option<toml::value::Datetime>,
}

impl YearData {
    fn check(self) -> Result<Year, CalendarError> {
        let year = self.year;
        let mut off = BTreeSet::new();
        for entry in &self.off {
            off.extend(entry.days(year)?);
        }
        let mut worked = BTreeSet::new();
        for entry in &self.worked {
            for day in entry.days(year)? {
                // A swap only ever moves work onto a weekend day; anything else is a typo.
                if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
                    return Err(invalid(year, &entry.name, "an extra working day must be a Saturday or a Sunday"));
                }
                if off.contains(&day) {
                    return Err(invalid(year, &entry.name, "the day is listed both as off and as worked"));
                }
                worked.insert(day);
            }
        }
        Ok(Year { status: self.status, off, worked })
    }
}

impl Entry {
    fn days(&self, year: i32) -> Result<Vec<Date>, CalendarError> {
        let bad = |problem| invalid(year, &self.name, problem);
        let (first, last) = match (&self.date, &self.from, &self.to) {
            (Some(d), None, None) => (to_date(d).ok_or_else(|| bad("`date` must be a date like 2025-01-01"))?, None),
            (None, Some(f), Some(t)) => (
                to_date(f).ok_or_else(|| bad("`from` must be a date like 2025-01-25"))?,
                Some(to_date(t).ok_or_else(|| bad("`to` must be a date like 2025-02-02"))?),
            ),
            _ => return Err(bad("give either `date`, or both `from` and `to`")),
        };
        let last = last.unwrap_or(first);
        if first.year() != year || last.year() != year {
            return Err(bad("the date is not in this year"));
        }
        let length = (last - first).whole_days();
        if length < 0 {
            return Err(bad("`to` is before `from`"));
        }
        if length >= MAX_SPAN_DAYS {
            return Err(bad("the run of days is implausibly long"));
        }
        Ok((0..=length).map(|i| first + time::Duration::days(i)).collect())
    }
}

/// A TOML local date (no time, no offset) as a calendar date.
fn to_date(value: &toml::value::Datetime) -> Option<Date> {
    if value.time.is_some() || value.offset.is_some() {
        return None;
    }
    let d = value.date?;
    Date::from_calendar_date(i32::from(d.year), Month::try_from(d.month).ok()?, d.day).ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn d(y: i32, m: u8, day: u8) -> Date {
        Date::from_calendar_date(y, Month::try_from(m).unwrap(), day).unwrap()
    }

    pub fn real() -> WorkingCalendar {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/calendar/vn-holidays.toml");
        WorkingCalendar::load(&path).expect("the shipped calendar loads")
    }

    #[test]
    fn the_shipped_file_covers_2025_to_2027_and_says_which_years_are_estimates() {
        let years: Vec<_> = real().years().collect();
        assert_eq!(
            years,
            [(2025, YearStatus::Official), (2026, YearStatus::Official), (2027, YearStatus::Provisional)]
        );
    }

    #[test]
    fn weekends_are_off_and_weekdays_work() {
        let cal = real();
        assert!(cal.is_working_day(d(2025, 3, 14)).unwrap()); // Friday
        assert!(!cal.is_working_day(d(2025, 3, 15)).unwrap()); // Saturday
        assert!(!cal.is_working_day(d(2025, 3, 16)).unwrap()); // Sunday
        assert!(cal.is_working_day(d(2025, 3, 17)).unwrap()); // Monday
    }

    #[test]
    fn the_2025_and_2026_holidays_and_swaps_are_as_the_notices_say() {
        let cal = real();
        let off = |y, m, day| assert!(!cal.is_working_day(d(y, m, day)).unwrap(), "{y}-{m}-{day} is off");
        let on = |y, m, day| assert!(cal.is_working_day(d(y, m, day)).unwrap(), "{y}-{m}-{day} is worked");
        // 2025: Tết 25/1–2/2, Hùng Kings 7/4, 30/4–4/5 with Saturday 26/4 worked, 1–2/9.
        on(2025, 1, 24);
        (27..=31).for_each(|day| off(2025, 1, day));
        on(2025, 2, 3);
        off(2025, 4, 7);
        on(2025, 4, 26);
        off(2025, 5, 2);
        on(2025, 5, 5);
        off(2025, 9, 1);
        off(2025, 9, 2);
        on(2025, 9, 3);
        // 2026: 2/1 off and 10/1 worked; Tết 16–20/2; Hùng Kings made up on 27/4; 31/8 off and
        // 22/8 worked; 24/11.
        off(2026, 1, 2);
        on(2026, 1, 10);
        (16..=20).for_each(|day| off(2026, 2, day));
        on(2026, 2, 23);
        off(2026, 4, 27);
        on(2026, 4, 28);
        on(2026, 8, 22);
        off(2026, 8, 31);
        off(2026, 9, 1);
        on(2026, 9, 3);
        off(2026, 11, 24);
    }

    #[test]
    fn adding_working_days_skips_weekends_holidays_and_counts_swapped_saturdays() {
        let cal = real();
        // Friday → the next working day is Monday.
        assert_eq!(cal.add_working_days(d(2025, 3, 14), 1).unwrap(), d(2025, 3, 17));
        // Friday before Tết 2025 → Monday after it.
        assert_eq!(cal.add_working_days(d(2025, 1, 24), 1).unwrap(), d(2025, 2, 3));
        // Thursday 24 April 2025: Fri 25, Sat 26 (worked), Mon 28, Tue 29, then 30/4–4/5 off.
        assert_eq!(cal.add_working_days(d(2025, 4, 24), 2).unwrap(), d(2025, 4, 26));
        assert_eq!(cal.add_working_days(d(2025, 4, 24), 5).unwrap(), d(2025, 5, 5));
        // From a day off: the day itself is not counted.
        assert_eq!(cal.add_working_days(d(2026, 2, 17), 1).unwrap(), d(2026, 2, 23));
        assert_eq!(cal.add_working_days(d(2025, 3, 14), 0).unwrap(), d(2025, 3, 14));
    }

    #[test]
    fn counting_crosses_the_year_boundary() {
        let cal = real();
        // Wed 31/12/2025 + 1: 1/1 and 2/1/2026 off, the weekend, so Monday 5 January.
        assert_eq!(cal.add_working_days(d(2025, 12, 31), 1).unwrap(), d(2026, 1, 5));
        // Mon 5/1/2026 + 5: 6, 7, 8, 9, then Saturday 10 January (worked).
        assert_eq!(cal.add_working_days(d(2026, 1, 5), 5).unwrap(), d(2026, 1, 10));
        // The last days of 2027 lead into 2028, which the file does not have.
        match cal.add_working_days(d(2027, 12, 30), 3) {
            Err(CalendarError::YearMissing { year: 2028 }) => {}
            other => panic!("expected 2028 to be missing, got {other:?}"),
        }
    }

    #[test]
    fn a_year_missing_from_the_file_is_an_error_not_a_guess() {
        let cal = real();
        let err = cal.is_working_day(d(2024, 6, 3)).unwrap_err();
        assert!(matches!(err, CalendarError::YearMissing { year: 2024 }));
        assert!(err.to_string().contains("2024"), "{err}");
        assert!(matches!(cal.next_working_day(d(2028, 1, 3)), Err(CalendarError::YearMissing { year: 2028 })));
    }

    #[test]
    fn mistakes_in_the_file_are_refused_with_the_year_and_entry() {
        let with =
            |body: &str| WorkingCalendar::from_toml(&format!("[[year]]\nyear = 2025\nstatus = \"official\"\n{body}"));
        let problem = |body: &str| match with(body) {
            Err(CalendarError::Invalid { year: 2025, problem, .. }) => problem,
            other => panic!("{body}: expected Invalid, got {other:?}"),
        };
        assert!(with("off = [{ date = 2025-01-01, name = \"ok\" }]").is_ok());
        problem("off = [{ date = 2026-01-01, name = \"wrong year\" }]");
        problem("off = [{ from = 2025-02-02, to = 2025-01-25, name = \"backwards\" }]");
        problem("off = [{ from = 2025-01-25, to = 2025-12-02, name = \"typo\" }]");
        problem("off = [{ name = \"no date\" }]");
        problem("off = [{ date = 2025-01-01T08:00:00, name = \"a time\" }]");
        problem("worked = [{ date = 2025-04-25, name = \"a Friday\" }]");
        problem("off = [{ date = 2025-04-26, name = \"x\" }]\nworked = [{ date = 2025-04-26, name = \"both\" }]");
        assert!(matches!(with("holidays = []"), Err(CalendarError::Syntax(_))));
        assert!(matches!(
            WorkingCalendar::from_toml(
                "[[year]]\nyear = 2025\nstatus = \"official\"\n[[year]]\nyear = 2025\nstatus = \"official\""
            ),
            Err(CalendarError::Invalid { year: 2025, .. })
        ));
        assert!(matches!(
            WorkingCalendar::load(Path::new("/nonexistent/vn-holidays.toml")),
            Err(CalendarError::Read { .. })
        ));
    }
}
