//! The catalog: categories, products, their variants and images, as shoppers
//! see them on the storefront.

pub mod categories;
pub mod facets;
pub mod markdown;
pub mod products;
pub mod sku;

pub use products::{Image, ProductDetail, ProductQuery, ProductSummary, Variant};
pub use sku::Sku;
