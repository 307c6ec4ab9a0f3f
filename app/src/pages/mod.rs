//! One module per page, named after its URL.

pub mod home;
pub mod not_found;
pub mod product;
pub mod products;
