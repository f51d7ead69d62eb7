//! The component kit every journey is built from: one vocabulary of page parts, so a citizen
//! meets the same header, buttons, notices and labels everywhere.

mod forget;
pub mod form;
pub mod head;
pub mod islands;
mod layout;
mod notice;
pub mod procedure_card;

pub use forget::{ForgetThisBrowser, ForgottenPage};
pub use head::{PageHead, SiteStylesheet};
pub use islands::IslandScripts;
pub use layout::Layout;
pub use notice::{ErrorNotice, NotFound, PortalProblem};
pub use procedure_card::{OnlineLevelBadge, ProcedureCard, ProcessingTimeText};
