//! The cart: what the pages show of it, and adding, changing and counting
//! its lines for a visitor or a signed-in shopper, over `server::cart`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    crate::{error::state, forms::ssr as form, session},
    server::{
        cart::{self, Owner},
        shipping::Quote,
    },
};

/// Form names for the one-time feedback of plain form posts.
pub mod forms {
    pub const ADD: &str = "cart-add";
    pub const CART: &str = "cart";
    pub const SHIPPING: &str = "cart-shipping";
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

/// A shipping method offered for a store's part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingOption {
    pub method_id: i64,
    pub name: String,
    /// Such as "2–4 days".
    pub delivery: String,
    pub price: String,
    pub chosen: bool,
}

/// How a store's part of the cart is delivered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShippingView {
    /// No country chosen yet.
    NoCountry,
    /// The store does not deliver to the cart's country.
    NotDelivered,
    Offered(Vec<ShippingOption>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreView {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub subtotal: String,
    pub shipping: ShippingView,
    /// The subtotal with shipping.
    pub total: String,
    pub lines: Vec<LineView>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartView {
    pub stores: Vec<StoreView>,
    /// The delivery country's ISO code, once known.
    pub country: Option<String>,
    /// Every country Bazaar delivers to: ISO code and name.
    pub countries: Vec<(String, String)>,
    /// Items and shipping of every store that delivers to the country.
    pub total: String,
    /// The VAT the total holds, once the country is known.
    pub vat: Option<String>,
    pub notices: Vec<String>,
}

impl CartView {
    /// The name of the delivery country.
    pub fn country_name(&self) -> Option<String> {
        let code = self.country.as_deref()?;
        self.countries
            .iter()
            .find(|(known, _)| known == code)
            .map(|(_, name)| name.clone())
    }
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
    let lang = crate::i18n::request_lang();
    Ok(CartView {
        total: cart.total.localized(lang),
        vat: cart.country.is_some().then(|| cart.vat.localized(lang)),
        notices: cart.notices.iter().map(|notice| notice.say(lang)).collect(),
        country: cart.country,
        countries: countries(),
        stores: cart
            .stores
            .into_iter()
            .map(|store| StoreView {
                total: store.total().localized(lang),
                shipping: match &store.shipping {
                    Quote::NoCountry => ShippingView::NoCountry,
                    Quote::NotDelivered => ShippingView::NotDelivered,
                    Quote::Offered { offers, chosen } => ShippingView::Offered(
                        offers
                            .iter()
                            .enumerate()
                            .map(|(index, offer)| ShippingOption {
                                method_id: offer.method.id,
                                name: offer.method.name.clone(),
                                delivery: offer.method.delivery(lang),
                                price: offer.price.localized(lang),
                                chosen: index == *chosen,
                            })
                            .collect(),
                    ),
                },
                id: store.store_id,
                name: store.store_name,
                slug: store.store_slug,
                subtotal: store.subtotal.localized(lang),
                lines: store
                    .lines
                    .into_iter()
                    .map(|line| LineView {
                        total: line.total().localized(lang),
                        variant_id: line.variant_id,
                        product_slug: line.product_slug,
                        title: line.title,
                        options: line.options,
                        sku: line.sku,
                        unit_price: line.unit_price.localized(lang),
                        quantity: line.quantity,
                        image: line.image_key.map(|key| server::media::url(&key, 200)),
                        available: line.available,
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// Every country Bazaar delivers to, as the forms list them.
#[cfg(feature = "ssr")]
pub fn countries() -> Vec<(String, String)> {
    server::shipping::COUNTRIES
        .iter()
        .map(|(code, name)| ((*code).to_owned(), (*name).to_owned()))
        .collect()
}

/// Where the cart is to be delivered; shipping is priced for it.
#[server]
pub async fn ship_cart_to(country: String) -> Result<Feedback, AppError> {
    let owner = owner(true).await?.ok_or(AppError::Internal)?;
    let outcome = cart::ship_to(&state()?.db, owner, &country).await;
    form::answer(
        forms::SHIPPING,
        outcome,
        "Shipping updated.",
        &[("country", &country)],
    )
    .await
}

/// Picks how one store's part of the cart is delivered.
#[server]
pub async fn pick_shipping(store_id: i64, method_id: i64) -> Result<Feedback, AppError> {
    let owner = owner(false).await?.ok_or(AppError::NotFound)?;
    let outcome = cart::pick_shipping(&state()?.db, owner, store_id, method_id).await;
    form::answer(forms::SHIPPING, outcome, "Shipping updated.", &[]).await
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
