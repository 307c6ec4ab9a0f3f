//! A receipt as the customer and the seller read and print it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::orders::receipts::ReceiptView;

#[component]
pub fn ReceiptDocument(
    receipt: ReceiptView,
    back: String,
    back_label: &'static str,
) -> impl IntoView {
    let title = format!(
        "Receipt {} · order {}",
        receipt.number, receipt.order_number
    );
    view! {
        <Title text=title />
        <p class="no-print link-row">
            <a href=back>{back_label}</a>
            <a href=receipt.pdf.clone() download="">"Download as PDF"</a>
        </p>
        <article class="receipt card stack" aria-labelledby="receipt-heading">
            <header class="receipt__head">
                <div>
                    <h1 id="receipt-heading">{format!("Receipt {}", receipt.number)}</h1>
                    <p>{format!("Order {} · paid {}", receipt.order_number, receipt.paid)}</p>
                </div>
            </header>
            <div class="receipt__parties">
                <section aria-labelledby="receipt-seller">
                    <h2 id="receipt-seller">"Seller"</h2>
                    <address>
                        <span>{receipt.seller_name.clone()}</span>
                        {receipt.trading_as.clone().map(|name| view! { <span>{format!("trading as {name}")}</span> })}
                        {receipt.seller_address.iter().map(|line| view! { <span>{line.clone()}</span> }).collect_view()}
                        {(!receipt.vat_number.is_empty()).then(|| view! { <span>{format!("VAT number {}", receipt.vat_number)}</span> })}
                    </address>
                </section>
                <section aria-labelledby="receipt-buyer">
                    <h2 id="receipt-buyer">"Buyer"</h2>
                    <address>
                        {receipt.buyer.iter().map(|line| view! { <span>{line.clone()}</span> }).collect_view()}
                    </address>
                </section>
                {receipt.delivered_to.clone().map(|lines| view! {
                    <section aria-labelledby="receipt-delivery">
                        <h2 id="receipt-delivery">"Delivered to"</h2>
                        <address>
                            {lines.into_iter().map(|line| view! { <span>{line}</span> }).collect_view()}
                        </address>
                    </section>
                })}
            </div>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Items">
                <table class="table receipt__lines">
                    <thead>
                        <tr>
                            <th scope="col">"Item"</th>
                            <th scope="col">"Qty"</th>
                            <th scope="col">"Unit price"</th>
                            <th scope="col">"VAT"</th>
                            <th scope="col">"Total"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {receipt.lines.iter().cloned().map(|line| view! {
                            <tr>
                                <td>{line.item}</td>
                                <td>{line.quantity}</td>
                                <td>{line.unit_price}</td>
                                <td>{line.vat_rate}</td>
                                <td>{line.total}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="order-figures receipt__totals">
                {receipt.vat.iter().cloned().map(|row| view! { <dt>{row.label}</dt> <dd>{row.vat}</dd> }).collect_view()}
                <dt>"Total excluding VAT"</dt>
                <dd>{receipt.total_excluding_vat.clone()}</dd>
                <dt>"VAT"</dt>
                <dd>{receipt.total_vat.clone()}</dd>
                <dt>"Total paid"</dt>
                <dd><strong data-testid="receipt-total">{receipt.total.clone()}</strong></dd>
                {receipt.refunded.clone().map(|refunded| view! { <dt>"Refunded"</dt> <dd>{refunded}</dd> })}
            </dl>
        </article>
        <p class="muted no-print">"To print it, use your browser's print command: the page prints as the receipt alone."</p>
    }
}
