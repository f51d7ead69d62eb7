//! Dossiers (hồ sơ) in the embedded portal. For now the foundations the apply journey builds on:
//! the working-day calendar that dates a receipt, and the legal dossier code with its gapless
//! daily numbering.

pub mod calendar;
pub mod code;
pub mod due;
pub mod sequence;

pub use calendar::{CalendarError, WorkingCalendar, YearStatus};
pub use code::{AgencyCode, DossierCode, DossierCodeError};
pub use due::{DueDate, OfficeHours, OfficeHoursError, VIETNAM};
pub use sequence::{begin_submission, next_dossier_code, DossierError};
