//! The server's integration tests, one module per area, linked into one
//! binary: each test gets its own database from `#[sqlx::test]`.

mod account_flows;
mod accounts;
mod addresses;
mod api_tokens;
mod cart;
mod catalog;
mod checkout;
mod database_roles;
mod guest;
mod http_shell;
mod passkeys;
mod receipts;
mod seed;
mod seller;
mod shipping;
mod storage;
mod storefront_changes;
mod stripe_emulator;
mod support;
mod two_step;
mod vat;
mod webhooks;
