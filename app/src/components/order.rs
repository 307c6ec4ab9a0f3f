//! How an order reads wherever one is shown, to its customer, its seller
//! or an admin: the status badge, the shipping address, one store's part.

use leptos::prelude::*;

use crate::api::orders::{PartView, status_label};

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
/// `money` the fee and the seller's net as well; with `receipt_href` a link
/// to its receipt once it has one.
#[component]
pub fn OrderPart(
    part: PartView,
    #[prop(optional)] money: bool,
    #[prop(optional, into)] receipt_href: Option<String>,
) -> impl IntoView {
    let receipt = receipt_href
        .zip(part.receipt_number.clone())
        .map(|(href, number)| {
            view! {
                <p class="no-print">
                    <a href=href>{format!("Receipt {number}")}</a>
                    <span class="visually-hidden">{format!(" from {}", part.store_name)}</span>
                </p>
            }
        });
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
            {receipt}
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
                <dt>"Shipping"</dt>
                <dd>
                    {if part.shipping_method.is_empty() {
                        part.shipping.clone()
                    } else {
                        format!("{} ({})", part.shipping, part.shipping_method)
                    }}
                </dd>
                <dt>"Of which VAT"</dt>
                <dd>{part.vat}</dd>
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
