//! `/seller/products`: the store's products with search, a status filter,
//! pages, and publishing or archiving several at once.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::{
        flash::take_flash,
        seller::products::{BulkStatus, ProductList, ProductRow, forms, seller_products},
    },
    components::{
        error_view::ErrorView,
        list_page::{ListFilters, ListTable, page_number},
        pagination::Pagination,
    },
    forms::{FormStatus, feedback},
};

#[component]
pub fn SellerProductsPage() -> impl IntoView {
    let query = use_query_map();
    let bulk = ServerAction::<BulkStatus>::new();
    let read = move || {
        query.with(|q| {
            (
                q.get("q").unwrap_or_default(),
                q.get("status").unwrap_or_default(),
                page_number(q),
            )
        })
    };
    let list = Resource::new(
        move || (read(), bulk.version().get()),
        |((q, status, page), _)| seller_products(q, status, page),
    );
    let flash = Resource::new(|| (), |_| take_flash(forms::BULK.into()));
    view! {
        <Title text="Products · Seller admin" />
        <section class="container section stack">
            <div class="page-heading">
                <h1>"Products"</h1>
                <a class="button button--primary" href="/seller/products/new">"New product"</a>
            </div>
            <p><a href="/seller">"Back to your store"</a></p>
            <ListFilters label="Find products">
                <div class="field">
                    <label for="seller-search">"Title, address or SKU"</label>
                    <input id="seller-search" class="input" type="search" name="q" value=move || read().0 />
                </div>
                <div class="field">
                    <label for="seller-status">"Status"</label>
                    <select id="seller-status" class="input" name="status">
                        {[("", "Any status"), ("draft", "Draft"), ("published", "Published"), ("archived", "Archived")]
                            .into_iter()
                            .map(|(value, label)| view! {
                                <option value=value selected=move || read().1 == value>{label}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
            </ListFilters>
            <Transition fallback=|| view! { <p class="loading">"Loading products…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match list.await {
                        Ok(list) => view! { <ProductTable list bulk flash /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ProductTable(
    list: ProductList,
    bulk: ServerAction<BulkStatus>,
    flash: Option<crate::forms::Feedback>,
) -> impl IntoView {
    let feedback = feedback(bulk.value(), flash);
    if list.rows.is_empty() {
        return view! {
            <FormStatus feedback />
            <div class="empty">
                <p>"No products here yet."</p>
                <p><a href="/seller/products/new">"Add your first product"</a> " or clear the search."</p>
            </div>
        }
        .into_any();
    }
    view! {
        <ActionForm action=bulk attr:class="stack" attr:aria-labelledby="products-count">
            <FormStatus feedback />
            <ListTable
                rows=list.rows
                columns=&["Select", "Product", "Status", "Price", "Stock", "Variants", "Changed"]
                hidden=&["Select"]
                count=format!("{} products", list.total)
                labelled_by="products-count"
                row=|row: ProductRow| view! {
                    <tr>
                        <td>
                            <input
                                type="checkbox"
                                id=format!("select-{}", row.id)
                                name="ids[]"
                                value=row.id.to_string()
                                aria-label=format!("Select {}", row.title)
                            />
                        </td>
                        <td><a href=format!("/seller/products/{}", row.id)>{row.title.clone()}</a></td>
                        <td><span class=format!("badge badge--{}", row.status)>{row.status.clone()}</span></td>
                        <td>{row.price.clone()}</td>
                        <td>{row.stock_total}</td>
                        <td>{row.variants}</td>
                        <td>{row.updated.clone()}</td>
                    </tr>
                }
            />
            <div class="toolbar">
                <button class="button" type="submit" name="status" value="published">"Publish selected"</button>
                <button class="button" type="submit" name="status" value="archived">"Archive selected"</button>
            </div>
        </ActionForm>
        <Pagination path="/seller/products" keys=&["q", "status"] page=list.page page_count=list.page_count />
    }
    .into_any()
}
