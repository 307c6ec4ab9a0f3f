//! Pieces several pages share.

pub mod address;
pub mod canonical;
pub mod charts;
pub mod error_view;
pub mod layout;
pub mod list_page;
pub mod listing;
pub mod order;
pub mod pagination;
pub mod product_grid;
pub mod receipt;
pub mod shipping;
