//! Month figures drawn as SVG on the server, each with a table beside it:
//! they read without JavaScript and without a chart library.

use leptos::prelude::*;
use leptos_router::components::Form;
use serde::{Deserialize, Serialize};

/// One bar of a chart or row of a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesView {
    pub name: String,
    pub units: i64,
    pub revenue: String,
    pub revenue_cents: i64,
}

/// One money figure, and how it moved since the month before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub change: String,
}

/// The month shown and the ways to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthNav {
    /// `2026-11`, and `November 2026`.
    pub month: String,
    pub label: String,
    pub previous: String,
    /// `None` for the current month: the future has no figures.
    pub next: Option<String>,
    /// The months with sales, as (value, label), newest first.
    pub months: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
mod ssr {
    use server::{
        money::Money,
        seller::stats::{Month, Sales},
    };

    use super::{Figure, MonthNav, SalesView};

    impl From<Sales> for SalesView {
        fn from(sales: Sales) -> Self {
            Self {
                name: sales.name,
                units: sales.units,
                revenue: sales.revenue.to_string(),
                revenue_cents: sales.revenue.cents(),
            }
        }
    }

    impl MonthNav {
        pub fn new(month: Month, current: Month, with_sales: Vec<Month>) -> Self {
            Self {
                month: month.to_string(),
                label: month.label(),
                previous: month.previous().to_string(),
                next: (month < current).then(|| month.next().to_string()),
                months: with_sales
                    .into_iter()
                    .map(|month| (month.to_string(), month.label()))
                    .collect(),
            }
        }
    }

    impl Figure {
        /// `now` against `before`, the figure of the `previous` month.
        pub fn money(label: &str, now: Money, before: Money, previous: Month) -> Self {
            Self {
                label: label.to_owned(),
                value: now.to_string(),
                change: change(now.cents(), before.cents(), previous),
            }
        }

        /// A count against the `previous` month's.
        pub fn count(label: &str, now: i64, before: i64, previous: Month) -> Self {
            Self {
                label: label.to_owned(),
                value: now.to_string(),
                change: change(now, before, previous),
            }
        }
    }

    /// `+12.5% on October 2026`, in words when there is nothing to compare.
    fn change(now: i64, before: i64, previous: Month) -> String {
        let month = previous.label();
        match (now, before) {
            (now, before) if now == before => format!("same as {month}"),
            (_, 0) => format!("none in {month}"),
            (now, before) => {
                let percent = (now - before) as f64 * 100.0 / before.abs() as f64;
                format!("{percent:+.1}% on {month}")
            }
        }
    }
}

/// The month's figures, each with its change.
#[component]
pub fn Figures(figures: Vec<Figure>) -> impl IntoView {
    view! {
        <dl class="figures">
            {figures.into_iter().map(|figure| view! {
                <div class="figure" data-testid="stats-figure">
                    <dt>{figure.label}</dt>
                    <dd class="figure-value">{figure.value}</dd>
                    <dd class="muted">{figure.change}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
}

/// Previous and next month, and a choice among the months with sales; a
/// plain GET form, so it works without JavaScript.
#[component]
pub fn MonthPicker(nav: MonthNav, path: &'static str) -> impl IntoView {
    let current = nav.month.clone();
    let mut months = nav.months.clone();
    if !months.iter().any(|(value, _)| *value == current) {
        months.insert(0, (current.clone(), nav.label.clone()));
    }
    view! {
        <nav class="toolbar" aria-label="Choose the month">
            <a href=format!("{path}?month={}", nav.previous) rel="prev">"← Previous month"</a>
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
            {nav.next.map(|next| view! {
                <a href=format!("{path}?month={next}") rel="next">"Next month →"</a>
            })}
        </nav>
    }
}

const CHART_WIDTH: i64 = 600;

/// Horizontal bars, one per named value, longest for the largest.
#[component]
pub fn BarChart(label: &'static str, bars: Vec<(String, i64, String)>) -> impl IntoView {
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
pub fn DayChart(days: Vec<SalesView>) -> impl IntoView {
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

/// The rows of a chart as a table, for every reader.
#[component]
pub fn SalesTable(
    caption: &'static str,
    first: &'static str,
    rows: Vec<SalesView>,
) -> impl IntoView {
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
