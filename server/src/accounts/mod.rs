//! Accounts: who people are, how they prove it, and what they may do.

pub mod email;
pub mod password;
pub mod users;

pub use email::Email;
pub use users::Role;
