//! The catalog as pages show it: serialisable views of products and
//! categories, and the server functions that load them.

mod api;
mod filters;

pub use api::{
    category_title, get_product, list_products, listing_facets, navigation_categories,
    related_products, store_front,
};
pub use filters::{Filters, SORTS};
use serde::{Deserialize, Serialize};

/// A stored picture in the widths the browser may choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    pub src: String,
    pub srcset: String,
    pub alt: String,
    pub width: i32,
    pub height: i32,
}

/// A product on a listing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub slug: String,
    pub title: String,
    pub store_name: String,
    /// The lowest price, formatted.
    pub price: String,
    /// Whether other variants cost more.
    pub price_is_from: bool,
    pub in_stock: bool,
    pub picture: Option<Picture>,
}

/// One page of products and where it sits in the whole result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductListing {
    pub items: Vec<ProductCard>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
}

/// A choice on the product page's variant picker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantChoice {
    pub id: i64,
    pub label: String,
    pub sku: String,
    pub price: String,
    pub compare_at_price: Option<String>,
    pub stock: i32,
}

/// Everything the product page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductView {
    pub slug: String,
    pub title: String,
    /// Sanitised HTML rendered from the seller's Markdown.
    pub description_html: String,
    pub summary: String,
    pub store_name: String,
    pub store_slug: String,
    pub category_name: String,
    pub category_slug: String,
    /// (label, value) pairs such as ("Material", "wool").
    pub attributes: Vec<(String, String)>,
    pub variants: Vec<VariantChoice>,
    pub pictures: Vec<Picture>,
    /// The page's absolute URL, for the canonical link and sharing.
    pub url: String,
    /// The first picture's absolute URL, for sharing.
    pub image_url: Option<String>,
    /// schema.org `Product` with its offers, safe to put in a script element.
    pub json_ld: String,
}

/// A link in the category navigation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLink {
    pub slug: String,
    pub name: String,
}

/// The choices of a listing's filter form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetsView {
    /// `(slug, name, depth)` in tree order.
    pub categories: Vec<(String, String, i32)>,
    /// `(slug, name)`.
    pub stores: Vec<(String, String)>,
    pub materials: Vec<String>,
}

/// What a store address leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StoreLookup {
    Found(StoreView),
    /// The store's current address, reached from a former one.
    Moved(String),
}

/// A store's page header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreView {
    pub slug: String,
    pub name: String,
    pub description_html: String,
    pub summary: String,
    /// The logo's URL, when the store has one.
    pub logo: Option<String>,
}
