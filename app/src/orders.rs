//! Checkout and a customer's orders: server functions, what the pages show
//! of an order, and the order's parts as both customers and sellers see them.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{api::cart::CartView, error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    crate::{error::state, forms::ssr as form, session},
    server::orders::{self, Address, checkout, customer, payment},
};

/// Form names for the one-time feedback of plain form posts.
pub mod forms {
    pub const CHECKOUT: &str = "checkout";
    pub const PAY: &str = "order-pay";
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub title: String,
    pub options: String,
    pub sku: String,
    pub unit_price: String,
    pub quantity: i32,
    pub total: String,
}

/// One store's part of an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartView {
    pub id: i64,
    pub store_name: String,
    pub store_slug: String,
    pub status: String,
    pub subtotal: String,
    /// Empty when nothing was refunded.
    pub refunded: Option<String>,
    pub platform_fee: Option<String>,
    pub seller_net: Option<String>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub lines: Vec<LineView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    pub number: String,
    pub status: String,
    pub placed: String,
    pub total: String,
    pub email: String,
    /// The shipping address, one line per entry.
    pub address: Vec<String>,
    pub awaiting_payment: bool,
    /// When the order stops waiting for payment and gives its stock back.
    pub pay_before: String,
    pub payment_problem: Option<String>,
    pub parts: Vec<PartView>,
}

/// How a date and time reads on order pages.
#[cfg(feature = "ssr")]
pub fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %b %Y, %H:%M UTC").to_string()
}

#[cfg(feature = "ssr")]
impl From<customer::Order> for OrderView {
    fn from(order: customer::Order) -> Self {
        let address = &order.address;
        let country = orders::COUNTRIES
            .iter()
            .find(|(code, _)| *code == address.country)
            .map_or(address.country.as_str(), |(_, name)| name);
        Self {
            awaiting_payment: order.awaiting_payment(),
            number: order.number,
            status: order.status,
            placed: when(order.created_at),
            pay_before: when(order.expires_at),
            total: order.total.to_string(),
            email: order.email,
            address: [
                address.name.clone(),
                address.line1.clone(),
                address.line2.clone(),
                format!("{} {}", address.postal_code, address.city),
                country.to_owned(),
                address.phone.clone(),
            ]
            .into_iter()
            .filter(|line| !line.is_empty())
            .collect(),
            payment_problem: order.payment_problem,
            parts: order
                .parts
                .into_iter()
                .map(|part| PartView {
                    id: part.id,
                    store_name: part.store_name,
                    store_slug: part.store_slug,
                    status: part.status,
                    subtotal: part.subtotal.to_string(),
                    refunded: (part.refunded.cents() > 0).then(|| part.refunded.to_string()),
                    platform_fee: part.platform_fee.map(|fee| fee.to_string()),
                    seller_net: part.seller_net.map(|net| net.to_string()),
                    carrier: part.carrier,
                    tracking_number: part.tracking_number,
                    lines: part
                        .lines
                        .into_iter()
                        .map(|line| LineView {
                            title: line.title,
                            options: line.options,
                            sku: line.sku,
                            unit_price: line.unit_price.to_string(),
                            quantity: line.quantity,
                            total: line.total.to_string(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// What the checkout page needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutView {
    pub verified: bool,
    pub email: String,
    pub cart: CartView,
    /// The address used last time, to fill the form.
    pub address: Option<AddressFields>,
    pub countries: Vec<(String, String)>,
}

/// The checkout form's address fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressFields {
    pub name: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub postal_code: String,
    pub country: String,
    pub phone: String,
}

#[cfg(feature = "ssr")]
impl From<Address> for AddressFields {
    fn from(address: Address) -> Self {
        let Address {
            name,
            line1,
            line2,
            city,
            postal_code,
            country,
            phone,
        } = address;
        Self {
            name,
            line1,
            line2,
            city,
            postal_code,
            country,
            phone,
        }
    }
}

#[server]
pub async fn checkout_details() -> Result<CheckoutView, AppError> {
    let user = session::signed_in().await?;
    let db = &state()?.db;
    Ok(CheckoutView {
        verified: user.verified,
        cart: crate::api::cart::my_cart().await?,
        address: checkout::saved_address(db, user.id).await?.map(Into::into),
        email: user.email,
        countries: orders::COUNTRIES
            .iter()
            .map(|(code, name)| ((*code).to_owned(), (*name).to_owned()))
            .collect(),
    })
}

/// Places the order from the cart and sends the shopper to the payment page.
/// Whatever is wrong comes back next to its field, with the input kept.
#[server]
pub async fn place_order(
    name: String,
    line1: String,
    #[server(default)] line2: String,
    city: String,
    postal_code: String,
    country: String,
    phone: String,
) -> Result<Feedback, AppError> {
    let user = session::signed_in().await?;
    let values = [
        ("name", name.as_str()),
        ("line1", line1.as_str()),
        ("line2", line2.as_str()),
        ("city", city.as_str()),
        ("postal_code", postal_code.as_str()),
        ("country", country.as_str()),
        ("phone", phone.as_str()),
    ];
    if !user.verified {
        let error = server::Error::invalid(
            "",
            "Confirm your email address before checking out: we send your order there.",
        );
        return form::refused(forms::CHECKOUT, error, &values).await;
    }
    let address = Address {
        name: name.clone(),
        line1: line1.clone(),
        line2: line2.clone(),
        city: city.clone(),
        postal_code: postal_code.clone(),
        country: country.clone(),
        phone: phone.clone(),
    };
    let state = state()?;
    let placed =
        match checkout::place(&state.db, &state.config, user.id, &user.email, address).await {
            Ok(placed) => placed,
            Err(error) => return form::refused(forms::CHECKOUT, error, &values).await,
        };
    match checkout::payment_url(&state, user.id, &placed.number).await {
        Ok(url) => leptos_axum::redirect(&url),
        // The order is kept: its page offers to pay again.
        Err(error) => {
            tracing::warn!(%error, order = placed.number, "no payment page for a placed order");
            leptos_axum::redirect(&format!(
                "/account/orders/{}?payment=unavailable",
                placed.number
            ));
        }
    }
    Ok(Feedback::default())
}

/// Sends the customer to the payment page of an order waiting for payment.
#[server]
pub async fn pay_order(number: String) -> Result<Feedback, AppError> {
    let user = session::signed_in().await?;
    match checkout::payment_url(&state()?, user.id, &number).await {
        Ok(url) => {
            leptos_axum::redirect(&url);
            Ok(Feedback::default())
        }
        Err(error) => form::refused(forms::PAY, error, &[]).await,
    }
}

/// Gives up an unpaid order; its items go back to the cart.
#[server]
pub async fn cancel_order(number: String) -> Result<Feedback, AppError> {
    let user = session::signed_in().await?;
    match customer::cancel_unpaid(&state()?, user.id, &number).await {
        Ok(()) => {
            leptos_axum::redirect("/cart");
            Ok(Feedback::notice(
                "Order cancelled: its items are back in your cart.",
            ))
        }
        Err(error) => form::refused(forms::PAY, error, &[]).await,
    }
}

/// The shopper's return from the payment page: the payment is confirmed
/// from Stripe right away, whether or not its webhook came first.
#[server]
pub async fn checkout_result(session_id: String) -> Result<OrderView, AppError> {
    let user = session::signed_in().await?;
    let state = state()?;
    let number = payment::reconcile(&state, user.id, &session_id).await?;
    Ok(customer::find(&state.db, user.id, &number).await?.into())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    pub number: String,
    pub status: String,
    pub placed: String,
    pub total: String,
    pub items: i64,
    pub stores: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderList {
    pub rows: Vec<OrderRow>,
    pub page: i64,
    pub more: bool,
}

#[server]
pub async fn my_orders(page: i64) -> Result<OrderList, AppError> {
    let user = session::signed_in().await?;
    let page = page.max(1);
    let (rows, more) = customer::list(&state()?.db, user.id, page).await?;
    Ok(OrderList {
        rows: rows
            .into_iter()
            .map(|row| OrderRow {
                number: row.number,
                status: row.status,
                placed: when(row.created_at),
                total: row.total.to_string(),
                items: row.items,
                stores: row.stores,
            })
            .collect(),
        page,
        more,
    })
}

#[server]
pub async fn my_order(number: String) -> Result<OrderView, AppError> {
    let user = session::signed_in().await?;
    Ok(customer::find(&state()?.db, user.id, &number).await?.into())
}

/// A status as people read it.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "pending_payment" => "Waiting for payment",
        "paid" => "Paid",
        "shipped" => "Shipped",
        "delivered" => "Delivered",
        "cancelled" => "Cancelled",
        "refunded" => "Refunded",
        "expired" => "Expired unpaid",
        _ => "Unknown",
    }
}

/// A status badge.
#[component]
pub fn StatusBadge(status: String) -> impl IntoView {
    let label = status_label(&status);
    view! { <span class=format!("badge badge--{status}")>{label}</span> }
}

/// The shipping address block.
#[component]
pub fn ShippingAddress(address: Vec<String>) -> impl IntoView {
    view! {
        <address class="order-address">
            {address.into_iter().map(|line| view! { <span>{line}</span> }).collect_view()}
        </address>
    }
}

/// One store's part of an order: its lines, status and tracking; with
/// `money` the fee and the seller's net as well.
#[component]
pub fn OrderPart(part: PartView, #[prop(optional)] money: bool) -> impl IntoView {
    let heading = format!("part-{}", part.id);
    let labelled_by = heading.clone();
    view! {
        <section class="card stack order-part" aria-labelledby=labelled_by data-testid="order-part">
            <div class="page-heading">
                <h2 id=heading>
                    "From " <a href=format!("/s/{}", part.store_slug)>{part.store_name.clone()}</a>
                </h2>
                <StatusBadge status=part.status.clone() />
            </div>
            {part.tracking_number.clone().map(|tracking| view! {
                <p data-testid="tracking">
                    "Shipped with " {part.carrier.clone().unwrap_or_default()} ", tracking number "
                    <strong>{tracking}</strong>
                </p>
            })}
            <div class="table-wrap" tabindex="0" role="region" aria-label=format!("Items from {}", part.store_name)>
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">"Item"</th>
                            <th scope="col">"SKU"</th>
                            <th scope="col">"Price"</th>
                            <th scope="col">"Quantity"</th>
                            <th scope="col">"Total"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {part.lines.into_iter().map(|line| view! {
                            <tr>
                                <td>
                                    {line.title}
                                    {(!line.options.is_empty()).then(|| view! { <span class="muted">" · " {line.options}</span> })}
                                </td>
                                <td>{line.sku}</td>
                                <td>{line.unit_price}</td>
                                <td>{line.quantity}</td>
                                <td>{line.total}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="order-figures">
                <dt>"Subtotal"</dt>
                <dd>{part.subtotal}</dd>
                {part.refunded.map(|refunded| view! { <dt>"Refunded"</dt> <dd>{refunded}</dd> })}
                {money.then(|| view! {
                    <dt>"Platform fee"</dt>
                    <dd>{part.platform_fee.unwrap_or_default()}</dd>
                    <dt>"Your net"</dt>
                    <dd data-testid="seller-net">{part.seller_net.unwrap_or_default()}</dd>
                })}
            </dl>
        </section>
    }
}
