//! The cart: what the pages show of it, and adding, changing and counting
//! its lines for a visitor or a signed-in shopper, over `server::cart`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    crate::{error::state, forms::ssr as form, session},
    server::cart::{self, Owner},
};

/// Form names for the one-time feedback of plain form posts.
pub mod forms {
    pub const ADD: &str = "cart-add";
    pub const CART: &str = "cart";
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub variant_id: i64,
    pub product_slug: String,
    pub title: String,
    pub options: String,
    pub sku: String,
    pub unit_price: String,
    pub quantity: i32,
    pub total: String,
    pub image: Option<String>,
    pub available: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreView {
    pub name: String,
    pub slug: String,
    pub subtotal: String,
    pub lines: Vec<LineView>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartView {
    pub stores: Vec<StoreView>,
    pub total: String,
    pub notices: Vec<String>,
}

/// Whose cart this request works on; `create` gives a visitor one.
#[cfg(feature = "ssr")]
async fn owner(create: bool) -> Result<Option<Owner>, AppError> {
    let user = session::user().await?;
    let session = session::current().await?;
    Ok(Owner::of(&session, user.map(|user| user.id), create).await?)
}

/// How many items are in the cart; 0 when the session store is down.
#[server]
pub async fn cart_count() -> Result<i64, AppError> {
    match owner(false).await {
        Ok(Some(owner)) => Ok(cart::count(&state()?.db, owner).await?),
        Ok(None) | Err(AppError::Unavailable(_)) => Ok(0),
        Err(error) => Err(error),
    }
}

#[server]
pub async fn my_cart() -> Result<CartView, AppError> {
    let Some(owner) = owner(false).await? else {
        return Ok(CartView::default());
    };
    let cart = cart::view(&state()?.db, owner).await?;
    Ok(CartView {
        total: cart.total.to_string(),
        notices: cart.notices,
        stores: cart
            .stores
            .into_iter()
            .map(|store| StoreView {
                name: store.store_name,
                slug: store.store_slug,
                subtotal: store.subtotal.to_string(),
                lines: store
                    .lines
                    .into_iter()
                    .map(|line| LineView {
                        total: line.total().to_string(),
                        variant_id: line.variant_id,
                        product_slug: line.product_slug,
                        title: line.title,
                        options: line.options,
                        sku: line.sku,
                        unit_price: line.unit_price.to_string(),
                        quantity: line.quantity,
                        image: line.image_key.map(|key| server::media::url(&key, 200)),
                        available: line.available,
                    })
                    .collect(),
            })
            .collect(),
    })
}

#[server]
pub async fn add_to_cart(variant_id: i64, quantity: String) -> Result<Feedback, AppError> {
    let owner = owner(true).await?.ok_or(AppError::Internal)?;
    let db = &state()?.db;
    let outcome = match cart::Quantity::parse(&quantity) {
        Ok(quantity) => cart::add(db, owner, variant_id, quantity).await,
        Err(error) => Err(error),
    };
    form::answer(
        forms::ADD,
        outcome,
        "Added to your cart.",
        &[("quantity", &quantity)],
    )
    .await
}

/// Sets a line's quantity; 0 removes it.
#[server]
pub async fn update_cart_line(variant_id: i64, quantity: String) -> Result<Feedback, AppError> {
    let owner = owner(false).await?.ok_or(AppError::NotFound)?;
    let db = &state()?.db;
    let quantity = match cart::Quantity::parse_line(&quantity) {
        Ok(quantity) => quantity,
        Err(error) => return form::refused(forms::CART, error, &[]).await,
    };
    let outcome = cart::set_quantity(db, owner, variant_id, quantity).await;
    let message = if quantity.is_none() {
        "Removed from your cart."
    } else {
        "Cart updated."
    };
    form::answer(forms::CART, outcome, message, &[]).await
}
