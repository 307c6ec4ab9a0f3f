//! `/account/orders/{number}/receipts/{id}`: the receipt of one store's part
//! of the customer's order, to print or download as PDF.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::orders::receipts::my_receipt,
    components::{error_view::ErrorView, receipt::ReceiptDocument},
};

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("number").unwrap_or_default(),
                p.get("id")
                    .and_then(|id| id.parse::<i64>().ok())
                    .unwrap_or_default(),
            )
        })
    };
    let receipt = Resource::new(key, |(number, id)| my_receipt(number, id));
    view! {
        <section class="container section stack">
            <Suspense fallback=|| view! { <p class="loading">"Loading the receipt…"</p> }>
                {move || Suspend::new(async move {
                    match receipt.await {
                        Ok(receipt) => {
                            let back = format!("/account/orders/{}", receipt.order_number);
                            view! { <ReceiptDocument receipt back back_label="Back to the order" /> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
