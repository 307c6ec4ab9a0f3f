//! Account pages: `/register`, `/login`, `/verify-email`, `/forgot-password`,
//! `/reset-password`, `/account`, `/account/security`, `/account/tokens`, `/account/orders`, `/account/orders/{number}`.

pub mod account;
pub mod addresses;
pub mod api_tokens;
pub mod forgot_password;
pub mod login;
pub mod orders;
pub mod passkeys;
pub mod receipt;
pub mod register;
pub mod reset_password;
pub mod security;
pub mod verify_email;
