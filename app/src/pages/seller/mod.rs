//! The seller admin under `/seller`.

pub mod home;
pub mod onboarding;
