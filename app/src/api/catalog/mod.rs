//! The storefront catalog: what shoppers browse by, the products they find,
//! and the listing filters that travel in the query string.

pub mod facets;
pub mod filters;
pub mod products;
