//! The platform admin under `/admin`.

pub mod home;
