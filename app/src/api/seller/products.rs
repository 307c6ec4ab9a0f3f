//! The seller's product list: finding products, publishing or archiving
//! several at once, and deleting one, over `server::seller::products`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    crate::{error::state, forms::ssr as form, session},
    server::seller::products,
    texts::msg,
};

/// Form names for the one-time feedback of plain form posts.
pub mod forms {
    pub const PRODUCT: &str = "product";
    pub const BULK: &str = "product-bulk";
    pub const IMAGES: &str = "product-images";
    pub const DELETE: &str = "product-delete";
}

/// A row of the seller's product list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRow {
    pub id: i64,
    pub title: String,
    pub slug: String,
    pub status: String,
    pub variants: i64,
    pub stock_total: i32,
    pub price: String,
    pub updated: String,
}

/// One page of the seller's product list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductList {
    pub rows: Vec<ProductRow>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
}

#[server]
pub async fn seller_products(
    q: String,
    status: String,
    page: i64,
) -> Result<ProductList, AppError> {
    let scope = session::store_scope().await?;
    let query = products::ListQuery {
        text: q,
        status: products::Status::parse(&status),
        page,
        ..products::ListQuery::default()
    };
    let page = products::list(&state()?.db, scope, &query).await?;
    Ok(ProductList {
        total: page.total,
        page: page.page,
        page_count: page.page_count(),
        rows: page
            .items
            .into_iter()
            .map(|row| ProductRow {
                id: row.id,
                price: match (row.price_from, row.price_to) {
                    (Some(from), Some(to)) if from != to => format!("{from}–{to}"),
                    (Some(from), _) => from.to_string(),
                    _ => "—".into(),
                },
                title: row.title,
                slug: row.slug,
                status: row.status,
                variants: row.variants,
                stock_total: row.stock_total,
                updated: row.updated_at.format("%-d %b %Y, %H:%M").to_string(),
            })
            .collect(),
    })
}

/// Publishes or archives the ticked products.
#[server]
pub async fn bulk_status(
    #[server(default)] ids: Vec<i64>,
    status: String,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let Some(status) = products::Status::parse(&status) else {
        return Err(AppError::NotFound);
    };
    if ids.is_empty() {
        return form::refused(
            forms::BULK,
            server::Error::invalid("", msg::PROBLEM_PRODUCTS_NONE_TICKED),
            &[],
        )
        .await;
    }
    let changed = products::set_status(&state()?.db, &session::meta(), scope, &ids, status).await?;
    let noun = if changed == 1 { "product" } else { "products" };
    form::done(
        forms::BULK,
        format!("{changed} {noun} now {}.", status.as_str()),
    )
    .await
}

/// Deletes a product, or archives it when it has been ordered.
#[server]
pub async fn delete_product(
    id: i64,
    #[server(default)] confirm: Option<String>,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    if confirm.is_none() {
        return form::refused(
            forms::DELETE,
            server::Error::invalid("confirm", msg::PROBLEM_CONFIRM_TICK),
            &[],
        )
        .await;
    }
    let removal = products::remove(&state()?, &session::meta(), scope, id).await?;
    let message = match removal {
        products::Removal::Deleted => "Product deleted.",
        products::Removal::Archived => {
            "The product has orders, so it was archived instead of deleted."
        }
    };
    form::done(forms::BULK, message).await?;
    crate::i18n::redirect("/seller/products");
    Ok(Feedback::notice(message))
}
