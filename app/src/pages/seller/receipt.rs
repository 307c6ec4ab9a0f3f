//! `/seller/orders/{id}/receipt`: the receipt of one of the store's orders.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::orders::receipts::store_receipt,
    components::{error_view::ErrorView, receipt::ReceiptDocument},
};

#[component]
pub fn SellerReceiptPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or_default()
        })
    };
    let receipt = Resource::new(id, store_receipt);
    view! {
        <section class="container section stack">
            <Suspense fallback=|| view! { <p class="loading">"Loading the receipt…"</p> }>
                {move || Suspend::new(async move {
                    match receipt.await {
                        Ok(receipt) => {
                            let back = format!("/seller/orders/{}", id());
                            view! { <ReceiptDocument receipt back back_label="Back to the order" /> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
