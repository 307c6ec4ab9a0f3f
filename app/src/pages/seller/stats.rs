//! `/seller/stats?month=YYYY-MM`: a store's month in figures, with charts
//! drawn as SVG on the server and a table beside each for every reader.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::seller::stats::{BestSellerView, StatsView, seller_stats},
    components::{
        charts::{BarChart, DayChart, Figures, MonthPicker, SalesTable},
        error_view::ErrorView,
    },
};

#[component]
pub fn SellerStatsPage() -> impl IntoView {
    let query = use_query_map();
    let month = move || query.with(|q| q.get("month").unwrap_or_default());
    let stats = Resource::new(month, seller_stats);
    view! {
        <Title text="Statistics · Seller admin" />
        <section class="container section stack">
            <h1>"Statistics"</h1>
            <p><a href="/seller">"Back to your store"</a></p>
            <Transition fallback=|| view! { <p class="loading">"Loading the figures…"</p> }>
                {move || Suspend::new(async move {
                    match stats.await {
                        Ok(stats) => view! { <Month stats /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Month(stats: StatsView) -> impl IntoView {
    let csv = format!("/seller/stats.csv?month={}", stats.nav.month);
    let has_sales = stats.orders > 0;
    view! {
        <MonthPicker nav=stats.nav.clone() path="/seller/stats" />
        <h2 data-testid="stats-month">{stats.nav.label.clone()}</h2>
        {if has_sales {
            view! {
                <p>
                    <span data-testid="stats-orders">{format!("{} orders", stats.orders)}</span>
                    ", "
                    <span data-testid="stats-units">{format!("{} units sold", stats.units)}</span>
                    ". "
                    <a href=csv download="" rel="external">"Download the month as CSV"</a>
                </p>
            }
                .into_any()
        } else {
            view! {
                <div class="empty">
                    <p>{format!("No sales in {}.", stats.nav.label)}</p>
                    {(!stats.nav.months.is_empty()).then(|| view! {
                        <p>"Pick a month with sales above."</p>
                    })}
                </div>
            }
                .into_any()
        }}
        <Figures figures=stats.figures />
        {has_sales.then(|| view! {
            <section class="stack" aria-labelledby="stats-categories">
                <h3 id="stats-categories">"Units sold by category"</h3>
                <BarChart
                    label="Units sold by category"
                    bars=stats.categories.iter().map(|c| (c.name.clone(), c.units, format!("{} units", c.units))).collect()
                />
                <SalesTable caption="Units sold by category" first="Category" rows=stats.categories.clone() />
            </section>
            <section class="stack" aria-labelledby="stats-days">
                <h3 id="stats-days">"Revenue by day"</h3>
                <DayChart days=stats.days.clone() />
                <details>
                    <summary>"Revenue and units of every day"</summary>
                    <SalesTable caption="Revenue by day" first="Day" rows=stats.days.clone() />
                </details>
            </section>
            <section class="stack" aria-labelledby="stats-best-units">
                <h3 id="stats-best-units">"Best sellers by units"</h3>
                <BestSellers caption="Best sellers by units" products=stats.best_by_units.clone() />
            </section>
            <section class="stack" aria-labelledby="stats-best-revenue">
                <h3 id="stats-best-revenue">"Best sellers by revenue"</h3>
                <BestSellers caption="Best sellers by revenue" products=stats.best_by_revenue.clone() />
            </section>
        })}
    }
}

/// The top products, each with its variants behind a disclosure.
#[component]
fn BestSellers(caption: &'static str, products: Vec<BestSellerView>) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=caption>
            <table class="table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Product"</th>
                        <th scope="col">"Units"</th>
                        <th scope="col">"Revenue"</th>
                    </tr>
                </thead>
                <tbody>
                    {products.into_iter().map(|product| view! {
                        <tr data-testid="best-seller">
                            <th scope="row">
                                <details>
                                    <summary>{product.sales.name}</summary>
                                    <ul class="plain">
                                        {product.variants.into_iter().map(|variant| view! {
                                            <li>{format!("{}: {} units, {}", variant.name, variant.units, variant.revenue)}</li>
                                        }).collect_view()}
                                    </ul>
                                </details>
                            </th>
                            <td>{product.sales.units}</td>
                            <td>{product.sales.revenue}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
