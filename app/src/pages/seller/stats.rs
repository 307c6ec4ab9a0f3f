//! `/seller/stats?month=YYYY-MM`: a store's month in figures, with charts
//! drawn as SVG on the server and a table beside each for every reader.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    components::error_view::ErrorView,
    seller::stats::{BestSellerView, SalesView, StatsView, seller_stats},
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
    let csv = format!("/seller/stats.csv?month={}", stats.month);
    let has_sales = stats.orders > 0;
    view! {
        <MonthPicker stats=stats.clone() />
        <h2 data-testid="stats-month">{stats.label.clone()}</h2>
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
                    <p>{format!("No sales in {}.", stats.label)}</p>
                    {(!stats.months.is_empty()).then(|| view! {
                        <p>"Pick a month with sales above."</p>
                    })}
                </div>
            }
                .into_any()
        }}
        <dl class="figures">
            {stats.figures.into_iter().map(|figure| view! {
                <div class="figure" data-testid="stats-figure">
                    <dt>{figure.label}</dt>
                    <dd class="figure-value">{figure.value}</dd>
                    <dd class="muted">{figure.change}</dd>
                </div>
            }).collect_view()}
        </dl>
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

/// Previous and next month, and a choice among the months with sales; a
/// plain GET form, so it works without JavaScript.
#[component]
fn MonthPicker(stats: StatsView) -> impl IntoView {
    let current = stats.month.clone();
    let mut months = stats.months.clone();
    if !months.iter().any(|(value, _)| *value == current) {
        months.insert(0, (current.clone(), stats.label.clone()));
    }
    view! {
        <nav class="toolbar" aria-label="Choose the month">
            <a href=format!("/seller/stats?month={}", stats.previous) rel="prev">"← Previous month"</a>
            <Form method="get" action="" attr:class="toolbar">
                <div class="field">
                    <label for="stats-month-choice">"Month"</label>
                    <select id="stats-month-choice" class="input" name="month">
                        {months.into_iter().map(|(value, label)| {
                            let selected = value == current;
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button class="button" type="submit">"Show"</button>
            </Form>
            {stats.next.map(|next| view! {
                <a href=format!("/seller/stats?month={next}") rel="next">"Next month →"</a>
            })}
        </nav>
    }
}

const CHART_WIDTH: i64 = 600;

/// Horizontal bars, one per named value, longest for the largest.
#[component]
fn BarChart(label: &'static str, bars: Vec<(String, i64, String)>) -> impl IntoView {
    const ROW: i64 = 32;
    const LABEL: i64 = 170;
    let largest = bars
        .iter()
        .map(|(_, value, _)| *value)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * bars.len() as i64;
    view! {
        <svg
            class="chart"
            role="group"
            aria-label=label
            viewBox=format!("0 0 {CHART_WIDTH} {height}")
            width="100%"
            preserveAspectRatio="xMinYMin meet"
        >
            {bars.into_iter().enumerate().map(|(n, (name, value, text))| {
                let y = n as i64 * ROW;
                let width = (CHART_WIDTH - LABEL - 110) * value / largest;
                let described = format!("{name}: {text}");
                let label = described.clone();
                view! {
                    <g class="bar" tabindex="0" role="img" aria-label=label>
                        <title>{described}</title>
                        <text x="0" y=y + 20 class="chart-label">{name}</text>
                        <rect x=LABEL y=y + 6 width=width.max(2) height=ROW - 12 rx="3" />
                        <text x=LABEL + width.max(2) + 8 y=y + 20 class="chart-value">{text}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// Revenue of each day of the month as columns; hovering or focusing one
/// shows its figures.
#[component]
fn DayChart(days: Vec<SalesView>) -> impl IntoView {
    const HEIGHT: i64 = 180;
    const TOP: i64 = 24;
    let step = CHART_WIDTH / days.len().max(1) as i64;
    let largest = days
        .iter()
        .map(|d| d.revenue_cents)
        .max()
        .unwrap_or(0)
        .max(1);
    view! {
        <svg
            class="chart"
            role="group"
            aria-label="Revenue by day"
            viewBox=format!("0 0 {CHART_WIDTH} {}", HEIGHT + 24)
            width="100%"
            preserveAspectRatio="xMinYMin meet"
        >
            <line x1="0" x2=CHART_WIDTH y1=HEIGHT y2=HEIGHT class="chart-axis" />
            {days.into_iter().enumerate().map(|(n, day)| {
                let x = n as i64 * step;
                let height = (HEIGHT - TOP) * day.revenue_cents / largest;
                let described = format!("Day {}: {}, {} units", day.name, day.revenue, day.units);
                let label = described.clone();
                let label_x = (x + step / 2).clamp(40, CHART_WIDTH - 40);
                view! {
                    <g class="bar" tabindex="0" role="img" aria-label=label>
                        <title>{described}</title>
                        <rect x=x + 2 y=HEIGHT - height width=(step - 4).max(1) height=height.max(1) />
                        <text x=label_x y="16" text-anchor="middle" class="chart-tip">
                            {format!("{}: {}", day.name, day.revenue)}
                        </text>
                        {(n % 5 == 0).then(|| view! {
                            <text x=x + step / 2 y=HEIGHT + 18 text-anchor="middle" class="chart-label">
                                {day.name.clone()}
                            </text>
                        })}
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

#[component]
fn SalesTable(caption: &'static str, first: &'static str, rows: Vec<SalesView>) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=caption>
            <table class="table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        <th scope="col">"Units"</th>
                        <th scope="col">"Revenue"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>
                            <th scope="row">{row.name}</th>
                            <td>{row.units}</td>
                            <td>{row.revenue}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
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
