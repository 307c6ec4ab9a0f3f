//! How an order reads wherever one is shown, to its customer, its seller
//! or an admin: the status badge, the shipping address, one store's part.

use leptos::prelude::*;

use crate::{
    api::orders::{PartView, status_label},
    i18n::{msg, use_lang},
};

/// A status badge.
#[component]
pub fn StatusBadge(status: String) -> impl IntoView {
    let label = status_label(use_lang(), &status);
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
/// `money` the fee and the seller's net as well; with `receipt_href` a link
/// to its receipt once it has one.
#[component]
pub fn OrderPart(
    part: PartView,
    #[prop(optional)] money: bool,
    #[prop(optional, into)] receipt_href: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let receipt = receipt_href
        .zip(part.receipt_number.clone())
        .map(|(href, number)| {
            view! {
                <p class="no-print">
                    <a href=href>{lang.t_args(msg::RECEIPT_NUMBER, &[("number", number.into())])}</a>
                    <span class="visually-hidden">
                        {format!(" {}", lang.t_args(msg::RECEIPT_FROM, &[("store", part.store_name.clone().into())]))}
                    </span>
                </p>
            }
        });
    let heading = format!("part-{}", part.id);
    let labelled_by = heading.clone();
    view! {
        <section class="card stack order-part" aria-labelledby=labelled_by data-testid="order-part">
            <div class="page-heading">
                <h2 id=heading>
                    {lang.t(msg::FROM_STORE)} " "
                    <a href=lang.path(&format!("/s/{}", part.store_slug))>{part.store_name.clone()}</a>
                </h2>
                <StatusBadge status=part.status.clone() />
            </div>
            {receipt}
            {part.tracking_number.clone().map(|tracking| view! {
                <p data-testid="tracking">
                    {lang.t_args(msg::SHIPPED_WITH, &[("carrier", part.carrier.clone().unwrap_or_default().into())])}
                    " " <strong>{tracking}</strong>
                </p>
            })}
            <div class="table-wrap" tabindex="0" role="region" aria-label=lang.t_args(msg::ITEMS_FROM, &[("store", part.store_name.clone().into())])>
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{lang.t(msg::COLUMN_ITEM)}</th>
                            <th scope="col">{lang.t(msg::COLUMN_SKU)}</th>
                            <th scope="col">{lang.t(msg::COLUMN_PRICE)}</th>
                            <th scope="col">{lang.t(msg::COLUMN_QUANTITY)}</th>
                            <th scope="col">{lang.t(msg::COLUMN_TOTAL)}</th>
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
                <dt>{lang.t(msg::PART_SUBTOTAL)}</dt>
                <dd>{part.subtotal}</dd>
                <dt>{lang.t(msg::PART_SHIPPING)}</dt>
                <dd>
                    {if part.shipping_method.is_empty() {
                        part.shipping.clone()
                    } else {
                        format!("{} ({})", part.shipping, part.shipping_method)
                    }}
                </dd>
                <dt>{lang.t(msg::PART_VAT)}</dt>
                <dd>{part.vat}</dd>
                {part.refunded.map(|refunded| view! { <dt>{lang.t(msg::PART_REFUNDED)}</dt> <dd>{refunded}</dd> })}
                {money.then(|| view! {
                    <dt>{lang.t(msg::PART_PLATFORM_FEE)}</dt>
                    <dd>{part.platform_fee.unwrap_or_default()}</dd>
                    <dt>{lang.t(msg::PART_YOUR_NET)}</dt>
                    <dd data-testid="seller-net">{part.seller_net.unwrap_or_default()}</dd>
                })}
            </dl>
        </section>
    }
}
