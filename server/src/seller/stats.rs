//! A store's figures for one calendar month, in the platform's time zone.
//!
//! Sales count in the month a store order was paid; a refund counts in the
//! month it was made, with the platform's fee on the refunded amount given
//! back. Orders never paid (expired, cancelled before payment) never count.
//! Every figure is summed from the store's own order lines, so the page,
//! the CSV export and the orders agree to the cent. Units and revenue come
//! from the sales sums `monthly_sales` and `daily_sales`, so a busy month
//! costs no more than a quiet one. No Rust code writes them: the triggers
//! `store_orders_paid`, `order_lines_added`, `order_lines_removed` and
//! `store_order_deleted` (migration `0008_sales_sums.sql`) keep them in the
//! transaction that pays an order or changes its lines, and [`align_sums`]
//! recomputes them when the time zone changed. docs/architecture.md walks
//! one order from checkout to these figures.

use std::{collections::BTreeMap, fmt};

use chrono::{DateTime, Datelike, Months, NaiveDate, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use sqlx::PgPool;

use super::StoreScope;
use crate::{Error, Result, money::Money, orders::platform_fee, vat::Rate};

/// Products listed among the best sellers.
pub const BEST_SELLERS: usize = 10;

/// A calendar month, written `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month(pub(crate) NaiveDate);

impl Month {
    /// `2026-11`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)?;
        Some(Self(date))
    }

    /// The month it is now in `time_zone`.
    pub fn current(time_zone: Tz) -> Self {
        let today = Utc::now().with_timezone(&time_zone).date_naive();
        Self(today.with_day(1).unwrap_or(today))
    }

    /// The month a request asks for: `text` as `YYYY-MM`, or `current`
    /// when it is empty. Months to come have no figures yet, so they are
    /// "not found", as is anything that is not a month.
    pub fn chosen(text: &str, current: Self) -> Result<Self> {
        match text.trim() {
            "" => Ok(current),
            text => Self::parse(text)
                .filter(|month| *month <= current)
                .ok_or(Error::NotFound),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        self.0
    }

    pub fn previous(self) -> Self {
        Self(self.0 - Months::new(1))
    }

    pub fn next(self) -> Self {
        Self(self.0 + Months::new(1))
    }

    /// How many days the month has.
    pub fn days(self) -> u32 {
        (self.next().0 - self.0).num_days().unsigned_abs() as u32
    }

    /// `November 2026`.
    pub fn label(self) -> String {
        self.0.format("%B %Y").to_string()
    }

    /// The instants the month starts and ends at in `time_zone`. Queries
    /// compare times with these, so PostgreSQL reads the month from an
    /// index whatever plan it keeps for the statement.
    pub fn span(self, time_zone: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            start_of_day(self.0, time_zone),
            start_of_day(self.next().0, time_zone),
        )
    }
}

/// The first instant of `day` in `time_zone`: midnight, or the end of the
/// clock change where a zone skips midnight.
pub fn start_of_day(day: NaiveDate, time_zone: Tz) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    (0..=4)
        .find_map(|quarters| {
            let local = midnight + TimeDelta::minutes(15 * quarters);
            time_zone.from_local_datetime(&local).earliest()
        })
        .map_or_else(|| midnight.and_utc(), |start| start.with_timezone(&Utc))
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m"))
    }
}

/// Money in and out over a month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Income {
    /// What shoppers paid for the store's items.
    pub gross: Money,
    /// What shoppers paid for the store's shipping.
    pub shipping: Money,
    /// The VAT held in what was paid, less the VAT of what was given back.
    pub vat: Money,
    /// What was given back.
    pub refunds: Money,
    /// The platform's fees, less those returned with refunds.
    pub fees: Money,
    /// What the store keeps: gross + shipping − refunds − fees.
    pub net: Money,
    /// Store orders paid.
    pub orders: i64,
}

/// A paid store order touching a month: paid in it, refunded in it, or both.
#[derive(Clone, Copy, Debug)]
struct Charged {
    pub subtotal: i64,
    pub shipping: i64,
    pub vat: i64,
    pub refunded: i64,
    pub fee_basis_points: i32,
    pub platform_fee: i64,
    pub paid_in_month: bool,
    pub refunded_in_month: bool,
}

impl Income {
    /// Sales count in the month they are paid; refunds, and the fee they
    /// give back, in the month they are made.
    fn tally(orders: impl IntoIterator<Item = Charged>) -> Self {
        let mut income = Self::default();
        for order in orders {
            let charged_fee = platform_fee(order.subtotal, order.fee_basis_points);
            if order.paid_in_month {
                income.gross += Money::from_cents(order.subtotal);
                income.shipping += Money::from_cents(order.shipping);
                income.vat += Money::from_cents(order.vat);
                income.fees += Money::from_cents(charged_fee);
                income.orders += 1;
            }
            if order.refunded_in_month {
                income.refunds += Money::from_cents(order.refunded);
                income.vat -= Money::from_cents(share(
                    order.vat,
                    order.refunded,
                    order.subtotal + order.shipping,
                ));
                // The fee now on the order is the fee on what was kept.
                income.fees -= Money::from_cents(charged_fee - order.platform_fee);
            }
        }
        income.net = income.gross + income.shipping - income.refunds - income.fees;
        income
    }

    /// What the store sold, shipping included, less refunds and the VAT
    /// it holds.
    pub fn sales_excluding_vat(self) -> Money {
        self.gross + self.shipping - self.refunds - self.vat
    }

    /// Gross per order; zero without orders.
    pub fn average_order(self) -> Money {
        Money::from_cents(if self.orders == 0 {
            0
        } else {
            self.gross.cents() / self.orders
        })
    }
}

/// Units and revenue of one group: a category, a product, a variant, a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sales {
    pub name: String,
    pub units: i64,
    pub revenue: Money,
}

/// A best-selling product and how its variants sold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BestSeller {
    pub product_id: i64,
    pub sales: Sales,
    pub variants: Vec<Sales>,
}

#[derive(Clone, Debug)]
pub struct MonthStats {
    pub month: Month,
    pub income: Income,
    pub previous: Income,
    /// Units sold per category, most first.
    pub categories: Vec<Sales>,
    pub best_by_units: Vec<BestSeller>,
    pub best_by_revenue: Vec<BestSeller>,
    /// One entry per day of the month, named by its number.
    pub days: Vec<Sales>,
    /// The months with paid orders, newest first.
    pub months_with_sales: Vec<Month>,
}

/// The store's figures for `month`.
pub async fn month(
    db: &PgPool,
    scope: StoreScope,
    time_zone: Tz,
    month: Month,
) -> Result<MonthStats> {
    // Independent reads, each on its own connection.
    let (sold, days, income, previous, months_with_sales) = tokio::try_join!(
        sold(db, scope, month),
        days(db, Some(scope), month),
        income(db, Some(scope), time_zone, month),
        income(db, Some(scope), time_zone, month.previous()),
        months_with_sales(db, scope),
    )?;
    let best_by_units = top(sold.products.clone(), |sales| (sales.units, sales.revenue));
    let best_by_revenue = top(sold.products, |sales| (sales.revenue, sales.units));
    Ok(MonthStats {
        month,
        income,
        previous,
        categories: sold.categories,
        best_by_units,
        best_by_revenue,
        days,
        months_with_sales,
    })
}

/// Makes sure the sales sums (`monthly_sales`, `daily_sales`) count months
/// and days in `time_zone`, recomputing them once after the platform's
/// time zone setting changed. Run at start-up, before any figure is read.
pub async fn align_sums(db: &PgPool, time_zone: Tz) -> Result<()> {
    sqlx::query!(
        "SELECT rebuild_sales($1)
         WHERE NOT EXISTS (SELECT 1 FROM sales_time_zone WHERE name = $1)",
        time_zone.name()
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The month's sales summed three ways.
struct Sold {
    categories: Vec<Sales>,
    products: Vec<BestSeller>,
}

/// Units and revenue of the store orders paid in `month`, by category, by
/// product and by variant, from the month's sums: the page costs the same
/// whatever the number of lines sold.
async fn sold(db: &PgPool, scope: StoreScope, month: Month) -> Result<Sold> {
    let rows = sqlx::query!(
        r#"SELECT category AS "category?", product_id AS "product_id?", sku AS "sku?",
                  options AS "options?",
                  GROUPING(category) = 0 AS "by_category!",
                  GROUPING(sku) = 0 AS "by_variant!",
                  min(title) AS "title!",
                  sum(units)::bigint AS "units!",
                  sum(revenue)::bigint AS "revenue!"
           FROM monthly_sales
           WHERE store_id = $1 AND month = $2
           GROUP BY GROUPING SETS ((category), (product_id), (product_id, sku, options))"#,
        scope.store_id(),
        month.first_day()
    )
    .fetch_all(db)
    .await?;
    let mut categories = Vec::new();
    let mut products: BTreeMap<i64, BestSeller> = BTreeMap::new();
    let mut variants: Vec<(i64, Sales)> = Vec::new();
    for row in rows {
        let sales = |name: String| Sales {
            name,
            units: row.units,
            revenue: Money::from_cents(row.revenue),
        };
        match (row.by_category, row.product_id) {
            (true, _) => categories.push(sales(row.category.unwrap_or_default())),
            (_, Some(product_id)) if row.by_variant => {
                let sku = row.sku.clone().unwrap_or_default();
                let name = match row.options.as_deref() {
                    None | Some("") => sku,
                    Some(options) => format!("{sku} ({options})"),
                };
                variants.push((product_id, sales(name)));
            }
            (_, Some(product_id)) => {
                let best = BestSeller {
                    product_id,
                    sales: sales(row.title.clone()),
                    variants: Vec::new(),
                };
                products.insert(product_id, best);
            }
            (_, None) => {}
        }
    }
    for (product_id, variant) in variants {
        if let Some(product) = products.get_mut(&product_id) {
            product.variants.push(variant);
        }
    }
    let mut products: Vec<BestSeller> = products.into_values().collect();
    for product in &mut products {
        most_units_first(&mut product.variants);
    }
    most_units_first(&mut categories);
    Ok(Sold {
        categories,
        products,
    })
}

/// One entry per day of `month`, named by its number, zero on days without
/// sales: the store's, or every store's together for `None`.
pub async fn days(db: &PgPool, store: Option<StoreScope>, month: Month) -> Result<Vec<Sales>> {
    let sold = sqlx::query!(
        r#"SELECT day, sum(units)::bigint AS "units!", sum(revenue)::bigint AS "revenue!"
           FROM daily_sales
           WHERE ($1::bigint IS NULL OR store_id = $1) AND day >= $2 AND day < $3
           GROUP BY day"#,
        store.map(StoreScope::store_id),
        month.first_day(),
        month.next().first_day()
    )
    .fetch_all(db)
    .await?;
    let mut days: Vec<Sales> = (1..=month.days())
        .map(|day| Sales {
            name: day.to_string(),
            units: 0,
            revenue: Money::from_cents(0),
        })
        .collect();
    for row in sold {
        if let Some(slot) = days.get_mut(row.day.day0() as usize) {
            slot.units = row.units;
            slot.revenue = Money::from_cents(row.revenue);
        }
    }
    Ok(days)
}

/// The months in which the store had orders paid, newest first.
async fn months_with_sales(db: &PgPool, scope: StoreScope) -> Result<Vec<Month>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT DISTINCT date_trunc('month', day)::date AS "month!"
           FROM daily_sales WHERE store_id = $1
           ORDER BY 1 DESC"#,
        scope.store_id()
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(Month)
    .collect())
}

/// One line of a store order paid in the month, as the CSV shows it.
#[derive(Clone, Debug)]
pub struct Line {
    pub paid_on: NaiveDate,
    pub order_number: String,
    pub product_id: i64,
    pub title: String,
    pub sku: String,
    pub options: String,
    pub category: String,
    pub quantity: i32,
    pub unit_price: i64,
    pub line_total: i64,
    pub vat_rate: Rate,
    pub vat: i64,
    /// The line's share of its store order's fee, as charged at payment.
    pub fee: i64,
    /// The store order's shipping, on its first line (0 on the others), so
    /// the column adds up to what shoppers paid for shipping.
    pub shipping: i64,
    /// The VAT of that shipping, on the same line.
    pub shipping_vat: i64,
    /// The line's share of what was refunded of its store order, whenever.
    pub refund: i64,
    pub refunded_on: Option<NaiveDate>,
}

/// Every line of the store's orders paid in `month`, oldest first. A store
/// order's fee and refund are shared out over its lines in proportion to
/// their totals, the last line taking the rounding, so the lines add up to
/// the store order exactly.
pub async fn lines(
    db: &PgPool,
    scope: StoreScope,
    time_zone: Tz,
    month: Month,
) -> Result<Vec<Line>> {
    let (start, end) = month.span(time_zone);
    let rows = sqlx::query!(
        r#"SELECT so.id AS store_order_id, o.number, so.subtotal, so.shipping, so.shipping_vat, so.refunded,
                  so.fee_basis_points AS "fee_basis_points!",
                  (so.paid_at AT TIME ZONE $2)::date AS "paid_on!",
                  (so.refunded_at AT TIME ZONE $2)::date AS refunded_on,
                  l.product_id, l.title, l.sku, l.options, l.category, l.quantity,
                  l.unit_price, l.line_total, l.vat_rate, l.vat
           FROM store_orders so
           JOIN orders o ON o.id = so.order_id,
           -- Kept apart (OFFSET 0) so each store order's lines come from the
           -- index rather than a scan of every line.
           LATERAL (SELECT * FROM order_lines l WHERE l.store_order_id = so.id OFFSET 0) l
           WHERE so.store_id = $1 AND so.paid_at >= $3 AND so.paid_at < $4
           ORDER BY so.paid_at, so.id, l.id"#,
        scope.store_id(),
        time_zone.name(),
        start,
        end
    )
    .fetch_all(db)
    .await?;
    let mut lines = Vec::with_capacity(rows.len());
    let mut index = 0;
    while index < rows.len() {
        let store_order = rows[index].store_order_id;
        let end = rows[index..]
            .iter()
            .position(|row| row.store_order_id != store_order)
            .map_or(rows.len(), |n| index + n);
        let first = &rows[index];
        let fee = platform_fee(first.subtotal, first.fee_basis_points);
        let mut fee_left = fee;
        let mut refund_left = first.refunded;
        for (n, row) in rows[index..end].iter().enumerate() {
            let last = index + n + 1 == end;
            let share = |total: i64| {
                if first.subtotal == 0 {
                    0
                } else {
                    (i128::from(total) * i128::from(row.line_total) / i128::from(first.subtotal))
                        as i64
                }
            };
            let (line_fee, line_refund) = if last {
                (fee_left, refund_left)
            } else {
                (share(fee), share(first.refunded))
            };
            fee_left -= line_fee;
            refund_left -= line_refund;
            lines.push(Line {
                paid_on: row.paid_on,
                order_number: row.number.clone(),
                product_id: row.product_id,
                title: row.title.clone(),
                sku: row.sku.clone(),
                options: row.options.clone(),
                category: row.category.clone(),
                quantity: row.quantity,
                unit_price: row.unit_price,
                line_total: row.line_total,
                vat_rate: Rate::from_basis_points(row.vat_rate).unwrap_or_default(),
                vat: row.vat,
                fee: line_fee,
                shipping: if n == 0 { first.shipping } else { 0 },
                shipping_vat: if n == 0 { first.shipping_vat } else { 0 },
                refund: line_refund,
                refunded_on: row.refunded_on,
            });
        }
        index = end;
    }
    Ok(lines)
}

/// Gross and orders of the store orders paid in `month`, and the refunds
/// made in it with the fees they gave back: the store's, or every store's
/// together for `None`.
pub async fn income(
    db: &PgPool,
    store: Option<StoreScope>,
    time_zone: Tz,
    month: Month,
) -> Result<Income> {
    let (start, end) = month.span(time_zone);
    let rows = sqlx::query!(
        r#"SELECT so.subtotal, so.shipping, so.vat, so.refunded, so.fee_basis_points AS "fee_basis_points!",
                  so.platform_fee AS "platform_fee!",
                  so.paid_at >= $2 AND so.paid_at < $3 AS "paid_in_month!",
                  coalesce(so.refunded_at >= $2 AND so.refunded_at < $3, false) AS "refunded_in_month!"
           FROM store_orders so
           WHERE ($1::bigint IS NULL OR so.store_id = $1) AND so.paid_at IS NOT NULL
             AND ((so.paid_at >= $2 AND so.paid_at < $3) OR (so.refunded_at >= $2 AND so.refunded_at < $3))"#,
        store.map(StoreScope::store_id),
        start,
        end
    )
    .fetch_all(db)
    .await?;
    Ok(Income::tally(rows.into_iter().map(|row| Charged {
        subtotal: row.subtotal,
        shipping: row.shipping,
        vat: row.vat,
        refunded: row.refunded,
        fee_basis_points: row.fee_basis_points,
        platform_fee: row.platform_fee,
        paid_in_month: row.paid_in_month,
        refunded_in_month: row.refunded_in_month,
    })))
}

/// Most units first; ties by name.
fn most_units_first(groups: &mut [Sales]) {
    groups.sort_by(|a, b| (b.units, &a.name).cmp(&(a.units, &b.name)));
}

/// The best sellers by `rank`, highest first; ties go by name.
fn top<K: Ord>(mut products: Vec<BestSeller>, rank: impl Fn(&Sales) -> K) -> Vec<BestSeller> {
    products.sort_by(|a, b| {
        rank(&b.sales)
            .cmp(&rank(&a.sales))
            .then_with(|| a.sales.name.cmp(&b.sales.name))
    });
    products.truncate(BEST_SELLERS);
    products
}

/// The month's lines as CSV, one row per order line. Cells that a
/// spreadsheet would run as a formula are prefixed with `'`.
pub fn csv(lines: &[Line]) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let internal = |error: csv::Error| crate::Error::Internal(Box::new(error));
    writer
        .write_record([
            "date",
            "order",
            "product",
            "sku",
            "options",
            "category",
            "quantity",
            "unit_price",
            "line_total",
            "vat_rate",
            "vat",
            "fee",
            "shipping",
            "shipping_vat",
            "refund",
            "refunded_on",
        ])
        .map_err(internal)?;
    let amount = |cents: i64| Money::from_cents(cents).decimal();
    for line in lines {
        writer
            .write_record([
                line.paid_on.to_string(),
                line.order_number.clone(),
                inert(&line.title),
                inert(&line.sku),
                inert(&line.options),
                inert(&line.category),
                line.quantity.to_string(),
                amount(line.unit_price),
                amount(line.line_total),
                percent(line.vat_rate),
                amount(line.vat),
                amount(line.fee),
                amount(line.shipping),
                amount(line.shipping_vat),
                amount(line.refund),
                line.refunded_on
                    .map(|day| day.to_string())
                    .unwrap_or_default(),
            ])
            .map_err(internal)?;
    }
    writer
        .into_inner()
        .map_err(|error| crate::Error::Internal(Box::new(error.into_error())))
}

/// A rate as a plain decimal percentage, `5.50`.
fn percent(rate: Rate) -> String {
    let basis_points = rate.basis_points();
    format!("{}.{:02}", basis_points / 100, basis_points % 100)
}

/// `amount` in the proportion `of` / `whole`, rounded down; all of
/// it when `of` is the whole.
fn share(amount: i64, of: i64, whole: i64) -> i64 {
    if whole == 0 {
        0
    } else {
        i64::try_from(i128::from(amount) * i128::from(of) / i128::from(whole)).unwrap_or(0)
    }
}

/// Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a
/// tab or carriage return before one) gets a leading `'`.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_step() {
        let month = Month::parse("2026-01").unwrap();
        assert_eq!(month.to_string(), "2026-01");
        assert_eq!(month.previous().to_string(), "2025-12");
        assert_eq!(month.next().to_string(), "2026-02");
        assert_eq!(month.next().days(), 28);
        assert_eq!(Month::parse("2024-02").unwrap().days(), 29);
        assert_eq!(month.label(), "January 2026");
        for bad in [
            "",
            "2026",
            "2026-13",
            "2026-1",
            "26-01",
            "2026-01-01",
            "abcd-ef",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn months_span_their_days_in_the_time_zone() {
        let (start, end) = Month::parse("2026-10")
            .unwrap()
            .span(chrono_tz::Europe::Paris);
        assert_eq!(start.to_rfc3339(), "2026-09-30T22:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-10-31T23:00:00+00:00");
        // Santiago's clocks go from midnight straight to one on 6 September 2026.
        let day = NaiveDate::from_ymd_opt(2026, 9, 6).unwrap();
        let start = start_of_day(day, chrono_tz::America::Santiago);
        assert_eq!(start.to_rfc3339(), "2026-09-06T04:00:00+00:00");
    }

    #[test]
    fn formula_cells_are_made_inert() {
        for risky in ["=1+1", "+33", "-2", "@SUM(A1)", "\t=x"] {
            assert!(inert(risky).starts_with('\''), "{risky:?}");
        }
        assert_eq!(inert("Wool scarf"), "Wool scarf");
    }
}
