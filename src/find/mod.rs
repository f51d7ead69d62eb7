//! Journey 1, find: search the catalogue and read what a procedure needs.

mod home;
mod live_search;
mod procedure;
mod results;
mod search_form;

pub use home::HomePage;
pub use live_search::LiveSearch;
pub use procedure::{procedure_description, ProcedurePage, WithProcedure};
pub use results::ResultsPage;
pub use search_form::SearchForm;
