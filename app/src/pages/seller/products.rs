//! `/seller/products`: the store's products with search, a status filter,
//! pages, and publishing or archiving several at once.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::{
        flash::take_flash,
        seller::products::{BulkStatus, ProductList, forms, seller_products},
    },
    components::error_view::ErrorView,
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
                q.get("page")
                    .and_then(|p| p.parse::<i64>().ok())
                    .unwrap_or(1),
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
            <Form method="get" action="" attr:class="toolbar" attr:role="search" attr:aria-label="Find products">
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
                <button class="button" type="submit">"Show"</button>
            </Form>
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
    let pages = Pagination(&list);
    view! {
        <ActionForm action=bulk attr:class="stack" attr:aria-labelledby="products-count">
            <FormStatus feedback />
            <p id="products-count">{format!("{} products", list.total)}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="products-count">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col"><span class="visually-hidden">"Select"</span></th>
                            <th scope="col">"Product"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Price"</th>
                            <th scope="col">"Stock"</th>
                            <th scope="col">"Variants"</th>
                            <th scope="col">"Changed"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {list.rows.into_iter().map(|row| {
                            let checkbox = format!("select-{}", row.id);
                            view! {
                                <tr>
                                    <td>
                                        <input
                                            type="checkbox"
                                            id=checkbox.clone()
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
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="toolbar">
                <button class="button" type="submit" name="status" value="published">"Publish selected"</button>
                <button class="button" type="submit" name="status" value="archived">"Archive selected"</button>
            </div>
        </ActionForm>
        {pages}
    }
    .into_any()
}

/// Previous and next links that keep the search and status.
#[allow(non_snake_case)]
fn Pagination(list: &ProductList) -> impl IntoView + use<> {
    let query = use_query_map();
    let href = move |page: i64| {
        query.with_untracked(|q| {
            let mut url = form_urlencoded::Serializer::new(String::new());
            for key in ["q", "status"] {
                if let Some(value) = q.get(key).filter(|v| !v.is_empty()) {
                    url.append_pair(key, &value);
                }
            }
            url.append_pair("page", &page.to_string());
            format!("/seller/products?{}", url.finish())
        })
    };
    let previous = (list.page > 1).then(|| href(list.page - 1));
    let next = (list.page < list.page_count).then(|| href(list.page + 1));
    (list.page_count > 1).then(|| {
        view! {
            <nav class="pagination" aria-label="Pages">
                {previous.map(|href| view! { <a class="button" href=href rel="prev">"Previous page"</a> })}
                <span>{format!("Page {} of {}", list.page, list.page_count)}</span>
                {next.map(|href| view! { <a class="button" href=href rel="next">"Next page"</a> })}
            </nav>
        }
    })
}
