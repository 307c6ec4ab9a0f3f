//! Pieces several pages share.

pub mod error_view;
pub mod layout;
pub mod listing;
pub mod product_grid;
