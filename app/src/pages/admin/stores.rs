//! `/admin/stores` and `/admin/stores/{id}`: stores, suspending and
//! reactivating them, and a read-only look at their products and orders.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::AdminNav;
use crate::{
    api::{
        admin::{
            Listing, forms,
            stores::{AdminStoreStatus, StoreDetail, StoreView, admin_store, admin_stores},
        },
        flash::take_flash,
    },
    components::{
        error_view::ErrorView,
        list_page::{ListFilters, ListTable, NoMatch, Pages, page_number},
        order::StatusBadge,
    },
    error::AppError,
    forms::{Feedback, Field, FormStatus, Submit, feedback},
};

const FILTERS: &[&str] = &["q", "status"];

#[component]
pub fn AdminStoresPage() -> impl IntoView {
    let query = use_query_map();
    let read = move || {
        query.with(|q| {
            (
                q.get("q").unwrap_or_default(),
                q.get("status").unwrap_or_default(),
                page_number(q),
            )
        })
    };
    let list = Resource::new(read, |(text, status, page)| {
        admin_stores(text, status, page)
    });
    // Shown with the data only: a refused visitor gets the error page alone.
    let header = move || {
        view! {
            <h1>"Stores"</h1>
            <AdminNav />
            <ListFilters label="Find stores">
                <div class="field">
                    <label for="stores-q">"Name or address"</label>
                    <input id="stores-q" class="input" type="search" name="q" value=move || read().0 />
                </div>
                <div class="field">
                    <label for="stores-status">"Status"</label>
                    <select id="stores-status" class="input" name="status">
                        <option value="">"Any status"</option>
                        {["active", "suspended", "closed"].into_iter().map(|status| view! {
                            <option value=status selected=move || read().1 == status>{store_status(status)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </ListFilters>
        }
    };
    view! {
        <Title text="Stores · Platform admin" />
        <section class="container section stack">
            <Transition fallback=|| view! { <p class="loading">"Loading stores…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { {header()} <StoreTable list /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn StoreTable(list: Listing<StoreView>) -> impl IntoView {
    view! {
        <ListTable
            rows=list.rows
            columns=&["Store", "Owner", "Products", "Paid orders", "Sales", "Status"]
            count=format!("{} stores", list.total)
            labelled_by="stores-count"
            pages=Pages { path: "/admin/stores", keys: FILTERS, page: list.page, page_count: list.page_count }
            empty=|| view! { <NoMatch message="No store matches." all_href="/admin/stores" all_label="Show every store" /> }
            row=|store: StoreView| view! {
                <tr data-testid="store-row">
                    <td><a href=format!("/admin/stores/{}", store.id)>{store.name.clone()}</a></td>
                    <td>{store.owner}</td>
                    <td>{store.products}</td>
                    <td>{store.orders}</td>
                    <td>{store.sales}</td>
                    <td>{store_status(&store.status)}</td>
                </tr>
            }
        />
    }
}

#[component]
pub fn AdminStorePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let act = ServerAction::<AdminStoreStatus>::new();
    let detail = Resource::new(
        move || (id(), act.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => admin_store(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let flash = Resource::new(|| (), |_| take_flash(forms::STORE.into()));
    view! {
        <section class="container section stack">
            <p><a href="/admin/stores">"All stores"</a></p>
            <Transition fallback=|| view! { <p class="loading">"Loading the store…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match detail.await {
                        Ok(detail) => {
                            let feedback = feedback(act.value(), flash);
                            view! { <Store detail feedback act /> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Store(
    detail: StoreDetail,
    feedback: Signal<Feedback>,
    act: ServerAction<AdminStoreStatus>,
) -> impl IntoView {
    let store = detail.store;
    let id = store.id.to_string();
    let pending: Signal<bool> = act.pending().into();
    let confirm_problem = move || feedback.with(|f| f.problem("confirm"));
    let status_form = match store.status.as_str() {
        "active" => view! {
            <ActionForm action=act attr:class="stack card" attr:aria-labelledby="suspend-heading">
                <h2 id="suspend-heading">"Suspend"</h2>
                <p>"A suspended store's products leave the storefront; its sellers see the reason below. Orders stay."</p>
                <input type="hidden" name="id" value=id.clone() />
                <input type="hidden" name="suspend" value="true" />
                <Field feedback name="reason" label="Reason" kind="textarea" required=true hint="Shown to the store's sellers." />
                <div class="field" class:field--invalid=move || confirm_problem().is_some()>
                    <label>
                        <input type="checkbox" name="confirm" value="yes" />
                        " I understand the store's products leave the storefront"
                    </label>
                    {move || confirm_problem().map(|message| view! { <p class="field__error">{message}</p> })}
                </div>
                <Submit label="Suspend the store" pending class="button button--danger" />
            </ActionForm>
        }
        .into_any(),
        "suspended" => view! {
            <ActionForm action=act attr:class="stack card">
                <input type="hidden" name="id" value=id.clone() />
                <input type="hidden" name="suspend" value="false" />
                <Submit label="Reactivate the store" pending />
            </ActionForm>
        }
        .into_any(),
        _ => view! { <p class="muted">"Its owner closed this store."</p> }.into_any(),
    };
    view! {
        <Title text=format!("{} · Stores · Platform admin", store.name) />
        <h1>{store.name.clone()}</h1>
        <dl class="details">
            <dt>"Status"</dt><dd data-testid="store-status">{store_status(&store.status)}</dd>
            {(!store.status_reason.is_empty()).then(|| view! {
                <dt>"Reason"</dt><dd>{store.status_reason.clone()}</dd>
            })}
            <dt>"Address"</dt><dd><a href=format!("/s/{}", store.slug)>{format!("/s/{}", store.slug)}</a></dd>
            <dt>"Owner"</dt><dd>{store.owner.clone()}</dd>
            <dt>"Sales"</dt><dd>{format!("{} from {} paid orders", store.sales, store.orders)}</dd>
        </dl>
        <FormStatus feedback />
        {status_form}
        <h2 id="store-products">"Products"</h2>
        {if detail.products.is_empty() {
            view! { <p class="empty">"No products yet."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="store-products">
                    <table class="table">
                        <thead>
                            <tr><th scope="col">"Product"</th><th scope="col">"Status"</th><th scope="col">"Stock"</th><th scope="col">"Price"</th></tr>
                        </thead>
                        <tbody>
                            {detail.products.into_iter().map(|product| view! {
                                <tr><td>{product.title}</td><td>{product.status}</td><td>{product.stock}</td><td>{product.price}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        <h2 id="store-orders">"Latest orders"</h2>
        {if detail.orders.is_empty() {
            view! { <p class="empty">"No paid orders yet."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="store-orders">
                    <table class="table">
                        <thead>
                            <tr><th scope="col">"Order"</th><th scope="col">"Paid"</th><th scope="col">"Subtotal"</th><th scope="col">"Status"</th></tr>
                        </thead>
                        <tbody>
                            {detail.orders.into_iter().map(|order| view! {
                                <tr>
                                    <td><a href=format!("/admin/orders/{}", order.number)>{order.number.clone()}</a></td>
                                    <td>{order.paid}</td>
                                    <td>{order.subtotal}</td>
                                    <td><StatusBadge status=order.status /></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}

fn store_status(status: &str) -> &'static str {
    match status {
        "active" => "Active",
        "suspended" => "Suspended",
        "closed" => "Closed",
        "pending" => "Pending",
        _ => "Other",
    }
}
