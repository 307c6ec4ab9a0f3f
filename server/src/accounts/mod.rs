//! Accounts: who people are, how they prove it, and what they may do.

pub mod api_tokens;
pub mod login;
pub mod messages;
pub mod passkeys;
pub mod password;
pub mod permissions;
pub mod profile;
pub mod recovery;
pub mod registration;
pub mod sessions;
pub mod throttle;
pub mod tokens;
pub mod two_step;
pub mod users;

pub use crate::email::Email;
pub use permissions::Permission;
pub use sessions::{AuthUser, Session};
pub use users::Role;
