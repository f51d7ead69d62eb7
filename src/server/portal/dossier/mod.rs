//! Dossiers (hồ sơ) in the embedded portal: the working-day calendar that dates a receipt, the
//! legal dossier code with its gapless daily numbering, and the signed links that open a
//! dossier's tracking page. The submission itself is `super::submission`.

pub mod calendar;
/// The code's parser is shared with the tracking pages (`crate::portal::dossier_code`).
pub use crate::portal::dossier_code as code;
pub mod due;
pub mod link;
pub mod sequence;

pub use calendar::{CalendarError, WorkingCalendar, YearStatus};
pub use code::{AgencyCode, DossierCode, DossierCodeError};
pub use due::{from_iso, iso, iso_date, DueDate, OfficeHours, OfficeHoursError, VIETNAM};
pub use sequence::{begin_submission, give_back, next_dossier_code, numbering_day, reserve, DossierError};
