//! The seller admin under `/seller`.

pub mod home;
pub mod onboarding;
pub mod orders;
pub mod product_editor;
pub mod products;
pub mod receipt;
pub mod settings;
pub mod shipping;
pub mod stats;
pub mod webhooks;

use leptos::prelude::*;

use crate::live::use_live;

/// A counter that moves when one of the store's orders changes: a new one
/// paid, or one shipped or refunded by a colleague.
fn orders_changed() -> ReadSignal<u32> {
    use_live(|change| change.kind == "store_order")
}

/// Tells the seller, politely and to screen readers too, that new orders
/// arrived while the page was open: `unopened` is the store's count of paid
/// orders nobody has opened, read again with each live update. The region
/// is on the page from the start, as announcements need.
#[component]
fn NewOrdersNotice(unopened: Signal<Option<i64>>) -> impl IntoView {
    let notice = RwSignal::new(None::<String>);
    // Effects run in the browser only: the first figure it sees is the one
    // the page was loaded with, and only a rise after it is news.
    Effect::new(move |seen: Option<Option<i64>>| {
        let now = unopened.get();
        if let (Some(Some(before)), Some(now)) = (seen, now)
            && now > before
        {
            let arrived = now - before;
            notice.set(Some(if arrived == 1 {
                "A new order arrived.".to_owned()
            } else {
                format!("{arrived} new orders arrived.")
            }));
        }
        now.or(seen.flatten())
    });
    view! {
        <p class="live-notice" role="status" aria-live="polite" data-testid="new-orders-notice">
            {move || notice.get()}
        </p>
    }
}
