//! Everything Bazaar runs on the server and nothing of Leptos: configuration,
//! domain services and their repositories, integrations and machine routes.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod audit;
pub mod cart;
pub mod catalog;
pub mod config;
pub mod dates;
pub mod db;
pub mod email;
pub mod error;
pub mod http;
#[cfg(test)]
mod layers;
pub mod live;
pub mod mail;
pub mod media;
pub mod money;
pub mod orders;
pub mod paging;
pub mod payments;
pub mod redis;
pub mod request;
pub mod secrets;
pub mod seed;
pub mod seller;
pub mod shipping;
pub mod state;
pub mod storefront;
pub mod stores;
pub mod telemetry;
pub mod text;
pub mod vat;
pub mod webhooks;

pub use config::Config;
pub use error::{Error, Problem, Problems, Result, UniqueRefusal};
pub use secrecy;
pub use state::AppState;
