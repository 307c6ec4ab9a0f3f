//! Monthly statistics against orders built across month boundaries in the
//! platform's time zone (Europe/Paris): every figure to the cent, the CSV
//! adding up to the page, and each seller seeing only their own store.

use fixtures::{owner_scope, unique_email};
use http::StatusCode;
use server::{
    accounts::Role,
    money::Money,
    seller::{
        StoreScope,
        stats::{self, Income, Month},
    },
};
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use crate::support::{Browser, app, config, database, location, signed_in, verified_user};

pub(crate) const PARIS: chrono_tz::Tz = chrono_tz::Europe::Paris;

pub(crate) struct Market {
    pub(crate) alpha_owner: String,
    pub(crate) beta_owner: String,
    alpha: StoreScope,
    beta: StoreScope,
}

/// Alpha sells a mug (Home, €12.00) and a scarf (Clothing, €33.33); Beta a
/// print (Home, €25.00). Fee 10 % throughout.
pub(crate) async fn market(db: &PgPool) -> Market {
    sqlx::raw_sql(
        "INSERT INTO categories (slug, name) VALUES ('home', 'Home'), ('clothing', 'Clothing');
         INSERT INTO stores (slug, name) VALUES ('alpha', 'Alpha'), ('beta', 'Beta');
         INSERT INTO products (store_id, category_id, slug, title, status, published_at) VALUES
           ((SELECT id FROM stores WHERE slug = 'alpha'), (SELECT id FROM categories WHERE slug = 'home'), 'mug', 'Mug, \"blue\"', 'published', now()),
           ((SELECT id FROM stores WHERE slug = 'alpha'), (SELECT id FROM categories WHERE slug = 'clothing'), 'scarf', '=Scarf', 'published', now()),
           ((SELECT id FROM stores WHERE slug = 'beta'), (SELECT id FROM categories WHERE slug = 'home'), 'print', 'Print', 'published', now());
         INSERT INTO product_variants (product_id, store_id, sku, options, price, stock) VALUES
           ((SELECT id FROM products WHERE slug = 'mug'), (SELECT id FROM stores WHERE slug = 'alpha'), 'MUG', '{}', 1200, 50),
           ((SELECT id FROM products WHERE slug = 'scarf'), (SELECT id FROM stores WHERE slug = 'alpha'), 'SCARF', '{}', 3333, 50),
           ((SELECT id FROM products WHERE slug = 'print'), (SELECT id FROM stores WHERE slug = 'beta'), 'PRINT', '{}', 2500, 50);",
    )
    .execute(db)
    .await
    .unwrap();
    let mut owners = Vec::new();
    for store in ["alpha", "beta"] {
        let email = unique_email(store);
        let user = verified_user(db, &email, &[Role::Customer, Role::Seller]).await;
        sqlx::query(
            "INSERT INTO store_members (store_id, user_id, role)
             VALUES ((SELECT id FROM stores WHERE slug = $1), $2, 'owner')",
        )
        .bind(store)
        .bind(user)
        .execute(db)
        .await
        .unwrap();
        owners.push((email, scope(db, store, user).await));
    }
    let (beta_owner, beta) = owners.pop().unwrap();
    let (alpha_owner, alpha) = owners.pop().unwrap();
    Market {
        alpha_owner,
        beta_owner,
        alpha,
        beta,
    }
}

async fn scope(db: &PgPool, store: &str, user: i64) -> StoreScope {
    let store_id: i64 = sqlx::query_scalar("SELECT id FROM stores WHERE slug = $1")
        .bind(store)
        .fetch_one(db)
        .await
        .unwrap();
    owner_scope(user, store_id)
}

/// A store order as checkout and payment leave it: `status` with its
/// timestamps (UTC), lines of `(sku, quantity)` at catalog prices, a 10 %
/// fee fixed when paid, and a whole refund when `refunded_at` is given.
async fn order(
    db: &PgPool,
    status: &str,
    paid_at: Option<&str>,
    refunded_at: Option<&str>,
    lines: &[(&str, i32)],
) {
    let customer: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name) VALUES ($1, 'x', 'Buyer') RETURNING id",
    )
    .bind(unique_email("buyer"))
    .fetch_one(db)
    .await
    .unwrap();
    let subtotal: i64 = sqlx::query_scalar(
        "SELECT sum(price * q)::bigint FROM product_variants v
         JOIN unnest($1::text[], $2::int[]) AS l(sku, q) ON l.sku = v.sku",
    )
    .bind(lines.iter().map(|(sku, _)| *sku).collect::<Vec<_>>())
    .bind(lines.iter().map(|(_, q)| *q).collect::<Vec<_>>())
    .fetch_one(db)
    .await
    .unwrap();
    let fee = server::orders::platform_fee(subtotal, 1000);
    let (refunded, kept_fee) = match refunded_at {
        Some(_) => (subtotal, 0),
        None => (0, fee),
    };
    let order_status = if paid_at.is_some() { "paid" } else { status };
    let order: i64 = sqlx::query_scalar(
        "INSERT INTO orders (customer_id, email, status, ship_name, ship_line1, ship_city,
                             ship_postal_code, ship_country, ship_phone, total, expires_at, paid_at)
         VALUES ($1, 'buyer@example.com', $2, 'B', 'L', 'C', '75002', 'FR', '+33 1', $3,
                 now(), $4::timestamptz)
         RETURNING id",
    )
    .bind(customer)
    .bind(order_status)
    .bind(subtotal)
    .bind(paid_at)
    .fetch_one(db)
    .await
    .unwrap();
    let store_order: i64 = sqlx::query_scalar(
        "INSERT INTO store_orders (order_id, store_id, status, subtotal, fee_basis_points,
                                   platform_fee, refunded, seller_net, paid_at, refunded_at)
         SELECT $1, p.store_id, $2, $3, CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE 1000 END,
                CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE $5 END, $6,
                CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE $3 - $6 - $5 END,
                $4::timestamptz, $7::timestamptz
         FROM product_variants v JOIN products p ON p.id = v.product_id WHERE v.sku = $8
         RETURNING id",
    )
    .bind(order)
    .bind(status)
    .bind(subtotal)
    .bind(paid_at)
    .bind(kept_fee)
    .bind(refunded)
    .bind(refunded_at)
    .bind(lines[0].0)
    .fetch_one(db)
    .await
    .unwrap();
    for (sku, quantity) in lines {
        sqlx::query(
            "INSERT INTO order_lines (store_order_id, variant_id, product_id, title, sku, category,
                                      unit_price, quantity, line_total)
             SELECT $1, v.id, p.id, p.title, v.sku, c.name, v.price, $3, v.price * $3
             FROM product_variants v JOIN products p ON p.id = v.product_id
             JOIN categories c ON c.id = p.category_id WHERE v.sku = $2",
        )
        .bind(store_order)
        .bind(sku)
        .bind(quantity)
        .execute(db)
        .await
        .unwrap();
    }
}

/// March and April 2025 for Alpha, with orders on both sides of each
/// boundary (Paris is UTC+1 until 30 March, UTC+2 after), a refund made the
/// month after its sale, and orders that never count; Beta sells in March.
pub(crate) async fn spring(db: &PgPool) {
    // 1 March, 00:30 in Paris.
    order(db, "paid", Some("2025-02-28 23:30Z"), None, &[("MUG", 1)]).await;
    order(
        db,
        "shipped",
        Some("2025-03-10 12:00Z"),
        None,
        &[("MUG", 2), ("SCARF", 1)],
    )
    .await;
    // Sold in March, refunded in April.
    order(
        db,
        "refunded",
        Some("2025-03-15 09:00Z"),
        Some("2025-04-02 10:00Z"),
        &[("SCARF", 1)],
    )
    .await;
    // 1 April, 00:30 in Paris.
    order(
        db,
        "delivered",
        Some("2025-03-31 22:30Z"),
        None,
        &[("MUG", 1)],
    )
    .await;
    // Never paid: they never count.
    order(db, "cancelled", None, None, &[("MUG", 5)]).await;
    order(db, "expired", None, None, &[("SCARF", 3)]).await;
    order(db, "paid", Some("2025-03-20 12:00Z"), None, &[("PRINT", 4)]).await;
}

fn sales(list: &[stats::Sales]) -> Vec<(&str, i64, i64)> {
    list.iter()
        .map(|s| (s.name.as_str(), s.units, s.revenue.cents()))
        .collect()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn monthly_figures_agree_with_the_orders_to_the_cent(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let market = market(&db).await;
    spring(&db).await;
    let march = Month::parse("2025-03").unwrap();

    let figures = stats::month(&db, market.alpha, PARIS, march).await.unwrap();
    // Gross 12.00 + 57.33 + 33.33; fees 1.20 + 5.73 + 3.33 (half up).
    assert_eq!(
        figures.income,
        Income {
            gross: Money::from_cents(10266),
            shipping: Money::from_cents(0),
            vat: Money::from_cents(0),
            refunds: Money::from_cents(0),
            fees: Money::from_cents(1026),
            net: Money::from_cents(9240),
            orders: 3,
        }
    );
    assert_eq!(figures.income.average_order(), Money::from_cents(3422));
    assert_eq!(figures.previous, Income::default());
    assert_eq!(
        sales(&figures.categories),
        [("Home", 3, 3600), ("Clothing", 2, 6666)]
    );
    let best = |list: &[stats::BestSeller]| {
        list.iter()
            .map(|b| b.sales.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(best(&figures.best_by_units), ["Mug, \"blue\"", "=Scarf"]);
    assert_eq!(best(&figures.best_by_revenue), ["=Scarf", "Mug, \"blue\""]);
    assert_eq!(
        sales(&figures.best_by_units[0].variants),
        [("MUG", 3, 3600)]
    );
    assert_eq!(figures.days.len(), 31);
    let busy: Vec<_> = sales(&figures.days)
        .into_iter()
        .filter(|(_, units, _)| *units > 0)
        .collect();
    assert_eq!(busy, [("1", 1, 1200), ("10", 3, 5733), ("15", 1, 3333)]);
    assert_eq!(
        figures
            .months_with_sales
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["2025-04", "2025-03"]
    );

    // April: one sale, and March's refund with the fee it gave back.
    let april = stats::month(&db, market.alpha, PARIS, march.next())
        .await
        .unwrap();
    assert_eq!(
        april.income,
        Income {
            gross: Money::from_cents(1200),
            shipping: Money::from_cents(0),
            vat: Money::from_cents(0),
            refunds: Money::from_cents(3333),
            fees: Money::from_cents(120 - 333),
            net: Money::from_cents(1200 - 3333 + 213),
            orders: 1,
        }
    );
    assert_eq!(april.previous, figures.income);

    // The CSV lines add up to the page, fees and refunds included.
    let lines = stats::lines(&db, market.alpha, PARIS, march).await.unwrap();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines.iter().map(|l| l.line_total).sum::<i64>(), 10266);
    assert_eq!(lines.iter().map(|l| l.fee).sum::<i64>(), 1026);
    assert_eq!(lines.iter().map(|l| l.refund).sum::<i64>(), 3333);

    // Beta's numbers are Beta's alone.
    let beta = stats::month(&db, market.beta, PARIS, march).await.unwrap();
    assert_eq!(beta.income.gross, Money::from_cents(10000));
    assert_eq!(sales(&beta.categories), [("Home", 4, 10000)]);
}

/// A store's sales in a month, as the page shows them on a platform started
/// in `zone`.
async fn sold_in(db: &PgPool, scope: StoreScope, zone: chrono_tz::Tz, month: &str) -> Sold {
    stats::align_sums(db, zone).await.unwrap();
    let figures = stats::month(db, scope, zone, Month::parse(month).unwrap())
        .await
        .unwrap();
    Sold {
        categories: sales(&figures.categories)
            .into_iter()
            .map(|(name, units, revenue)| (name.to_owned(), units, revenue))
            .collect(),
        busy_days: sales(&figures.days)
            .into_iter()
            .filter(|(_, units, _)| *units > 0)
            .map(|(day, units, revenue)| (day.to_owned(), units, revenue))
            .collect(),
        months: figures
            .months_with_sales
            .iter()
            .map(ToString::to_string)
            .collect(),
    }
}

#[derive(Debug, PartialEq)]
struct Sold {
    categories: Vec<(String, i64, i64)>,
    busy_days: Vec<(String, i64, i64)>,
    months: Vec<String>,
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn sales_follow_payments_and_the_platform_time_zone(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let market = market(&db).await;
    spring(&db).await;
    let in_paris = sold_in(&db, market.alpha, PARIS, "2025-03").await;

    // An order placed, then paid on 5 March: it counts from its payment on.
    order(&db, "pending_payment", None, None, &[("SCARF", 2)]).await;
    assert_eq!(sold_in(&db, market.alpha, PARIS, "2025-03").await, in_paris);
    sqlx::query(
        "UPDATE store_orders SET status = 'paid', paid_at = '2025-03-05 12:00Z',
                fee_basis_points = 1000, platform_fee = 667, seller_net = subtotal - 667
         WHERE status = 'pending_payment'",
    )
    .execute(&db)
    .await
    .unwrap();
    let paid = sold_in(&db, market.alpha, PARIS, "2025-03").await;
    assert_eq!(
        paid.categories,
        [
            ("Clothing".to_owned(), 4, 13332),
            ("Home".to_owned(), 3, 3600)
        ]
    );
    assert_eq!(paid.busy_days[1], ("5".to_owned(), 2, 6666));

    // In UTC, the sale of 1 March 00:30 in Paris is February's, and the one
    // of 1 April 00:30 is March's.
    let utc = sold_in(&db, market.alpha, chrono_tz::UTC, "2025-03").await;
    assert_eq!(
        utc.busy_days,
        [
            ("5".to_owned(), 2, 6666),
            ("10".to_owned(), 3, 5733),
            ("15".to_owned(), 1, 3333),
            ("31".to_owned(), 1, 1200)
        ]
    );
    assert_eq!(utc.months, ["2025-03", "2025-02"]);

    // Back in Paris, the figures are Paris's again.
    assert_eq!(sold_in(&db, market.alpha, PARIS, "2025-03").await, paid);
    assert_eq!(paid.months, ["2025-04", "2025-03"]);
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn each_seller_exports_only_their_own_month(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let market = market(&db).await;
    spring(&db).await;
    let (app, _) = app(db.clone(), config(&[("TIME_ZONE", PARIS.name())])).await;

    let mut alpha = signed_in(&app, &market.alpha_owner).await;
    let (status, headers, body) = alpha.get("/seller/stats.csv?month=2025-03").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("alpha-2025-03.csv")
    );
    let rows = parse_csv(&body);
    assert_eq!(rows.len(), 4);
    // Commas and quotes survive; a formula-like title is made inert.
    assert!(rows.iter().any(|row| row[2] == "Mug, \"blue\""));
    assert!(rows.iter().any(|row| row[2] == "'=Scarf"));
    assert!(rows.iter().all(|row| row[3] != "PRINT"));
    let cents = |text: &str| Money::parse(text).unwrap().cents();
    assert_eq!(rows.iter().map(|row| cents(&row[8])).sum::<i64>(), 10266);

    // The page shows the same month.
    let (status, _, page) = alpha.get("/seller/stats?month=2025-03").await;
    assert_eq!(status, StatusCode::OK);
    for figure in [
        "March 2025",
        "€102.66",
        "€10.26",
        "€92.40",
        "3 orders",
        "5 units sold",
    ] {
        assert!(page.contains(figure), "{figure} missing");
    }

    // Beta's owner gets Beta's lines from the same address.
    let mut beta = signed_in(&app, &market.beta_owner).await;
    let (_, _, body) = beta.get("/seller/stats.csv?month=2025-03").await;
    let rows = parse_csv(&body);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][3], "PRINT");

    // Months to come have no figures; a made-up one is not found.
    for month in ["2999-01", "2025-13", "March"] {
        let (status, _, _) = alpha.get(&format!("/seller/stats.csv?month={month}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{month}");
    }

    // Visitors sign in first; customers are refused.
    let (status, headers, _) = Browser::new(app.clone())
        .get("/seller/stats.csv?month=2025-03")
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location(&headers),
        "/login?next=%2Fseller%2Fstats%3Fmonth%3D2025-03"
    );
    let shopper = unique_email("shopper");
    verified_user(&db, &shopper, &[Role::Customer]).await;
    let (status, _, _) = signed_in(&app, &shopper)
        .await
        .get("/seller/stats.csv?month=2025-03")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_platform_month_adds_up_every_store(_: PgPoolOptions, connect: PgConnectOptions) {
    let db = database(connect).await;
    let market = market(&db).await;
    spring(&db).await;
    let march = Month::parse("2025-03").unwrap();

    let platform = server::admin::dashboard::month(&db, PARIS, march)
        .await
        .unwrap();
    let alpha = stats::income(&db, Some(market.alpha), PARIS, march)
        .await
        .unwrap();
    let beta = stats::income(&db, Some(market.beta), PARIS, march)
        .await
        .unwrap();
    assert_eq!(
        platform.income,
        Income {
            gross: Money::from_cents(10266 + 10000),
            shipping: Money::from_cents(0),
            vat: Money::from_cents(0),
            refunds: Money::from_cents(0),
            fees: Money::from_cents(1026 + 1000),
            net: Money::from_cents(9240 + 9000),
            orders: 4,
        }
    );
    assert_eq!(platform.income.gross, alpha.gross + beta.gross);
    let busy: Vec<_> = sales(&platform.days)
        .into_iter()
        .filter(|(_, units, _)| *units > 0)
        .collect();
    assert_eq!(
        busy,
        [
            ("1", 1, 1200),
            ("10", 3, 5733),
            ("15", 1, 3333),
            ("20", 4, 10000)
        ]
    );
    let april = server::admin::dashboard::month(&db, PARIS, march.next())
        .await
        .unwrap();
    assert_eq!(
        (april.income.gross, april.income.refunds, april.income.fees),
        (
            Money::from_cents(1200),
            Money::from_cents(3333),
            Money::from_cents(120 - 333)
        )
    );
    assert_eq!(april.previous, platform.income);

    // Every order was placed this month (the fixtures keep the default
    // creation time): two owners and seven buyers joined, two stores opened.
    let now = server::admin::dashboard::month(&db, PARIS, Month::current(PARIS))
        .await
        .unwrap();
    assert_eq!(
        now.orders_by_status,
        [
            ("pending_payment".to_owned(), 0),
            ("paid".to_owned(), 5),
            ("cancelled".to_owned(), 1),
            ("expired".to_owned(), 1)
        ]
    );
    assert_eq!((now.new_users, now.new_stores), (9, 2));

    // The admin page shows the same GMV; a seller cannot open it.
    let (app, _) = app(db.clone(), config(&[("TIME_ZONE", PARIS.name())])).await;
    let admin = unique_email("admin");
    verified_user(&db, &admin, &[Role::Customer, Role::Admin]).await;
    let (status, _, page) = signed_in(&app, &admin)
        .await
        .get("/admin?month=2025-03")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("€202.66") && page.contains("€20.26"),
        "GMV and fees"
    );
    let (status, _, _) = signed_in(&app, &market.alpha_owner)
        .await
        .get("/admin?month=2025-03")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn the_seller_dashboard_shows_today_the_month_and_low_stock(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let market = market(&db).await;
    spring(&db).await;
    // PostgreSQL reads 'now' as the current time.
    order(&db, "paid", Some("now"), None, &[("MUG", 2)]).await;
    sqlx::query("UPDATE product_variants SET stock = 2 WHERE sku = 'SCARF'")
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("UPDATE product_variants SET stock = 1 WHERE sku = 'PRINT'")
        .execute(&db)
        .await
        .unwrap();

    let alpha = server::seller::dashboard::dashboard(&db, market.alpha, PARIS)
        .await
        .unwrap();
    assert_eq!(
        (alpha.today, alpha.today_orders),
        (Money::from_cents(2400), 1)
    );
    assert_eq!(
        (alpha.month.gross, alpha.month.orders),
        (Money::from_cents(2400), 1)
    );
    assert_eq!(alpha.to_ship, 2, "March's unshipped order and today's");
    let low: Vec<_> = alpha
        .low_stock
        .iter()
        .map(|l| (l.sku.as_str(), l.stock))
        .collect();
    assert_eq!(low, [("SCARF", 2)], "only its own variants at or under 5");

    let (app, _) = app(db.clone(), config(&[("TIME_ZONE", PARIS.name())])).await;
    let (status, _, page) = signed_in(&app, &market.beta_owner)
        .await
        .get("/seller")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("PRINT · 1 left"));
    assert!(
        !page.contains("SCARF"),
        "another store's stock stays hidden"
    );
}
