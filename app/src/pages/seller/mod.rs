//! The seller admin under `/seller`.

pub mod home;
pub mod onboarding;
pub mod orders;
pub mod product_editor;
pub mod products;
pub mod settings;
pub mod stats;
pub mod webhooks;
