//! One module per page, named after its URL.

pub mod accounts;
pub mod admin;
pub mod cart;
pub mod category;
pub mod checkout;
pub mod dev_mail;
pub mod home;
pub mod not_found;
pub mod product;
pub mod products;
pub mod seller;
pub mod store;
