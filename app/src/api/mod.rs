//! The server functions pages call, and the views they answer with, one
//! module per domain as in `server`: each checks the caller and calls one service.

pub mod accounts;
pub mod admin;
pub mod cart;
pub mod catalog;
pub mod dev_mail;
pub mod flash;
pub mod orders;
pub mod request;
pub mod seller;

/// A moment as the admin pages show it, to the minute.
#[cfg(feature = "ssr")]
pub fn to_the_minute(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}
