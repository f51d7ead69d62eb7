//! The tracking pages' form handlers: plain POSTs beside the Leptos routes (they work without
//! JavaScript), each `303` back to a page (post/redirect/get).

pub mod actions;
pub mod delivery;
pub mod rating;

pub use actions::routes;
