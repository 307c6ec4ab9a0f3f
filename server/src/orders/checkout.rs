//! Placing an order from the cart: in one transaction the order, its store
//! orders and lines are written from current prices and the stock is
//! reserved with guarded updates; then a Checkout Session takes the payment.

use std::{collections::BTreeMap, net::IpAddr};

use chrono::Utc;
use sqlx::{PgConnection, PgPool};
use texts::{Lang, Text, msg};

use super::{Destination, addresses, guest};
use crate::{
    AppState, Config, Error, Problem, Result,
    cart::{self, Owner, Quantity, options_label},
    email::Email,
    money::Money,
    payments::{LineItem, NewCheckout, SessionStatus},
    shipping::{self, Offer, Quote},
    vat::{self, TaxClass},
};

/// How many unpaid orders one customer (or guest address) may have waiting at once. Each holds
/// its stock until it is paid or expires, so without a cap one account could
/// hold a product's whole stock.
pub const MAX_UNPAID_ORDERS: i64 = 3;

/// The order a checkout placed, waiting for payment.
#[derive(Clone, Debug)]
pub struct Placed {
    pub order_id: i64,
    pub number: String,
}

struct CartLine {
    variant_id: i64,
    product_id: i64,
    store_id: i64,
    quantity: i32,
    price: i64,
    sku: String,
    options: serde_json::Value,
    title: String,
    category: String,
    tax_class: String,
    for_sale: bool,
}

/// What a shopper's checkout ends with: the order, and its payment page
/// unless Stripe could not open one just now (the order is kept, and its
/// page offers to pay again).
#[derive(Clone, Debug)]
pub struct CheckedOut {
    pub order: Placed,
    pub payment_url: Option<String>,
}

/// Who checks out: a signed-in customer, or a guest with the visitor cart of
/// their session, the address their order is confirmed at and the client IP
/// their checkouts are counted by.
#[derive(Clone, Debug)]
pub enum Buyer {
    Customer(i64),
    Guest {
        cart: uuid::Uuid,
        email: Email,
        ip: IpAddr,
    },
}

impl Buyer {
    fn cart(&self) -> Owner {
        match self {
            Self::Customer(id) => Owner::User(*id),
            Self::Guest { cart, .. } => Owner::Visitor(*cart),
        }
    }
}

/// Places the order from the buyer's cart and opens its payment page. A
/// guest's checkouts are counted first (see [`guest::admit`]).
pub async fn check_out(
    state: &AppState,
    buyer: &Buyer,
    destination: Destination,
) -> Result<CheckedOut> {
    if let Buyer::Guest { email, ip, .. } = buyer {
        guest::admit(&state.redis, email, *ip).await?;
    }
    let order = place(&state.db, &state.config, buyer, destination).await?;
    let payment_url = match open_payment(state, order.order_id).await {
        Ok(url) => Some(url),
        Err(error) => {
            tracing::warn!(%error, order = order.number, "no payment page for a placed order");
            None
        }
    };
    Ok(CheckedOut { order, payment_url })
}

/// Turns the buyer's cart into an order waiting for payment. A customer's
/// email address must be verified, since the order is confirmed there; a
/// guest's order joins the account that verifies its address, now or later.
/// Nothing is written unless every line is for sale and in stock; otherwise
/// the problems say which item has how many left. Each store's part ships
/// by the method picked in the cart, or its cheapest for the address's
/// country; the items of a store that does not deliver there stay in the
/// cart.
pub async fn place(
    db: &PgPool,
    config: &Config,
    buyer: &Buyer,
    destination: Destination,
) -> Result<Placed> {
    let destination = destination.validated()?;
    let address = &destination.delivery;
    let billing = destination.billing.as_ref();
    let owner = buyer.cart();
    let mut tx = db.begin().await?;
    let (customer_id, email) = match buyer {
        Buyer::Customer(id) => {
            let customer = sqlx::query!(
                r#"SELECT email::text AS "email!", email_verified_at IS NOT NULL AS "verified!"
                   FROM users WHERE id = $1"#,
                id
            )
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Error::NotFound)?;
            if !customer.verified {
                return Err(Error::invalid("", msg::PROBLEM_CONFIRM_EMAIL_CHECKOUT));
            }
            (Some(*id), customer.email)
        }
        Buyer::Guest { email, .. } => {
            let owner = sqlx::query_scalar!(
                "SELECT id FROM users
                 WHERE email = $1 AND email_verified_at IS NOT NULL AND status = 'active'",
                email.as_str() as _
            )
            .fetch_optional(&mut *tx)
            .await?;
            (owner, email.to_string())
        }
    };
    // Two checkouts of one cart queue on it, so the second counts the
    // first's order (and finds the cart it emptied).
    let Some(cart_id) = cart::lock(&mut tx, owner).await? else {
        return Err(Error::invalid("cart", msg::PROBLEM_CART_EMPTY));
    };
    // Locked in one order (product, then variant) by every checkout, so two
    // checkouts of the same items queue instead of deadlocking.
    let lines = sqlx::query_as!(
        CartLine,
        r#"SELECT i.variant_id, v.product_id, p.store_id, i.quantity, v.price, v.sku, v.options,
                  p.title, c.name AS category, p.tax_class,
                  for_sale(p, s) AS "for_sale!"
           FROM cart_items i
           JOIN product_variants v ON v.id = i.variant_id
           JOIN products p ON p.id = v.product_id
           JOIN categories c ON c.id = p.category_id
           JOIN stores s ON s.id = p.store_id
           WHERE i.cart_id = $1
           ORDER BY v.product_id, v.id"#,
        cart_id
    )
    .fetch_all(&mut *tx)
    .await?;
    if lines.is_empty() {
        return Err(Error::invalid("cart", msg::PROBLEM_CART_EMPTY));
    }
    let (shown_country, picks) = cart::delivery(&mut tx, owner).await?;
    if shown_country.is_some_and(|shown| shown != address.country) {
        // The shopper saw shipping for another country: show them this
        // one's before anything is placed.
        drop(tx);
        cart::ship_to(db, owner, &address.country).await?;
        let country = shipping::country_name(&address.country).unwrap_or("that country");
        return Err(Error::invalid(
            "country",
            Text::from(msg::PROBLEM_SHIPPING_NOW_SHOWN).with("country", country),
        ));
    }
    let store_ids: Vec<i64> = lines.iter().map(|line| line.store_id).collect();
    let methods = shipping::methods_for(&mut tx, &store_ids, &address.country).await?;
    let lines: Vec<CartLine> = lines
        .into_iter()
        .filter(|line| methods.contains_key(&line.store_id))
        .collect();
    if lines.is_empty() {
        let country = shipping::country_name(&address.country).unwrap_or("that country");
        return Err(Error::invalid(
            "country",
            Text::from(msg::PROBLEM_NO_DELIVERY).with("country", country),
        ));
    }
    // A guest's unpaid orders are counted by their address.
    let unpaid = sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM orders
           WHERE status = 'pending_payment' AND expires_at > now()
             AND CASE WHEN $3 THEN guest AND email = $2 ELSE customer_id = $1 END"#,
        customer_id,
        email,
        matches!(buyer, Buyer::Guest { .. })
    )
    .fetch_one(&mut *tx)
    .await?;
    if unpaid >= MAX_UNPAID_ORDERS {
        let message = match buyer {
            Buyer::Customer(_) => msg::PROBLEM_UNPAID_ORDERS,
            Buyer::Guest { .. } => msg::PROBLEM_UNPAID_ORDERS_GUEST,
        };
        return Err(Error::conflict(Text::from(message).with("count", unpaid)));
    }
    let mut problems = Vec::new();
    for line in &lines {
        if !line.for_sale {
            problems.push(cart_problem(
                Text::from(msg::PROBLEM_LINE_NOT_FOR_SALE).with("title", line.title.as_str()),
            ));
        } else if Quantity::new(line.quantity).is_err() {
            problems.push(cart_problem(
                Text::from(msg::PROBLEM_LINE_QUANTITY)
                    .with("max", Quantity::MAX)
                    .with("title", line.title.as_str()),
            ));
        } else if let Some(left) = reserve(&mut tx, line.variant_id, line.quantity).await? {
            problems.push(cart_problem(match left {
                0 => Text::from(msg::PROBLEM_LINE_SOLD_OUT).with("title", line.title.as_str()),
                left => Text::from(msg::PROBLEM_LINE_ONLY_LEFT)
                    .with("left", left)
                    .with("title", line.title.as_str())
                    .with("asked", line.quantity),
            }));
        }
    }
    if !problems.is_empty() {
        // Dropping the transaction rolls every reservation back.
        return Err(Error::Invalid(problems));
    }

    let rates = vat::rates_for(&mut tx, &address.country).await?;
    let mut by_store: BTreeMap<i64, Vec<&CartLine>> = BTreeMap::new();
    for line in &lines {
        by_store.entry(line.store_id).or_default().push(line);
    }
    let mut parts = Vec::with_capacity(by_store.len());
    for (store_id, store_lines) in by_store {
        let subtotal: i64 = store_lines
            .iter()
            .map(|line| line.price * i64::from(line.quantity))
            .sum();
        let quote = Quote::new(
            &methods[&store_id],
            Money::from_cents(subtotal),
            picks.get(&store_id).copied(),
        );
        let shipping = quote
            .chosen()
            .cloned()
            .ok_or_else(|| Error::internal("a store with methods offered none"))?;
        parts.push((store_id, store_lines, subtotal, shipping));
    }
    let total: i64 = parts
        .iter()
        .map(|(_, _, subtotal, shipping)| subtotal + shipping.price.cents())
        .sum();
    let expires_at = Utc::now() + config.checkout_expiry;
    let order = sqlx::query!(
        "INSERT INTO orders (customer_id, email, ship_name, ship_line1, ship_line2, ship_city,
                             ship_postal_code, ship_country, ship_phone, total, expires_at,
                             bill_name, bill_line1, bill_line2, bill_city, bill_postal_code,
                             bill_country, guest, language)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 $19)
         RETURNING id, number",
        customer_id,
        email,
        address.name,
        address.line1,
        address.line2,
        address.city,
        address.postal_code,
        address.country,
        address.phone,
        total,
        expires_at,
        billing.map(|billing| &billing.name),
        billing.map(|billing| &billing.line1),
        billing.map(|billing| &billing.line2),
        billing.map(|billing| &billing.city),
        billing.map(|billing| &billing.postal_code),
        billing.map(|billing| &billing.country),
        matches!(buyer, Buyer::Guest { .. }),
        destination.language.code(),
    )
    .fetch_one(&mut *tx)
    .await?;

    for (store_id, store_lines, subtotal, Offer { method, price }) in parts {
        let line_vat = |line: &CartLine| {
            let rate = rates.of(TaxClass::parse(&line.tax_class).unwrap_or_default());
            let total = Money::from_cents(line.price * i64::from(line.quantity));
            (rate, rate.included_in(total))
        };
        let shipping_rate = rates.shipping();
        let shipping_vat = shipping_rate.included_in(price);
        let store_vat = store_lines
            .iter()
            .map(|line| line_vat(line).1)
            .sum::<Money>()
            + shipping_vat;
        let store_order_id = sqlx::query_scalar!(
            "INSERT INTO store_orders (order_id, store_id, subtotal, shipping, shipping_method,
                                       shipping_min_days, shipping_max_days, shipping_vat_rate,
                                       shipping_vat, vat)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            order.id,
            store_id,
            subtotal,
            price.cents(),
            method.name,
            method.min_days,
            method.max_days,
            shipping_rate.basis_points(),
            shipping_vat.cents(),
            store_vat.cents()
        )
        .fetch_one(&mut *tx)
        .await?;
        for line in store_lines {
            let (vat_rate, vat) = line_vat(line);
            sqlx::query!(
                "INSERT INTO order_lines (store_order_id, variant_id, product_id, title, sku, options,
                                          category, unit_price, quantity, line_total, vat_rate, vat)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                store_order_id,
                line.variant_id,
                line.product_id,
                line.title,
                line.sku,
                options_label(line.options.clone()),
                line.category,
                line.price,
                line.quantity,
                line.price * i64::from(line.quantity),
                vat_rate.basis_points(),
                vat.cents(),
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    if let (Buyer::Customer(customer_id), true) = (buyer, destination.remember) {
        addresses::remember(&mut tx, *customer_id, address).await?;
    }
    let ordered: Vec<i64> = lines.iter().map(|line| line.variant_id).collect();
    sqlx::query!(
        "DELETE FROM cart_items WHERE cart_id = $1 AND variant_id = ANY($2)",
        cart_id,
        &ordered
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE carts SET ship_country = $2 WHERE id = $1",
        cart_id,
        address.country
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Placed {
        order_id: order.id,
        number: order.number,
    })
}

fn cart_problem(message: Text) -> Problem {
    Problem {
        field: "cart".into(),
        message,
    }
}

/// Takes `quantity` off the variant's stock unless fewer are left; then
/// answers how many are left instead.
async fn reserve(conn: &mut PgConnection, variant_id: i64, quantity: i32) -> Result<Option<i32>> {
    let reserved = sqlx::query!(
        "UPDATE product_variants SET stock = stock - $2, updated_at = now()
         WHERE id = $1 AND stock >= $2",
        variant_id,
        quantity
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if reserved == 1 {
        return Ok(None);
    }
    let left = sqlx::query_scalar!(
        "SELECT stock FROM product_variants WHERE id = $1",
        variant_id
    )
    .fetch_one(conn)
    .await?;
    Ok(Some(left))
}

/// The payment page of one of the customer's orders waiting for payment:
/// the open Checkout Session's, opened now if it has none yet.
pub async fn payment_url(state: &AppState, customer_id: i64, number: &str) -> Result<String> {
    let order_id = sqlx::query_scalar!(
        "SELECT id FROM orders WHERE number = $1 AND customer_id = $2",
        number,
        customer_id
    )
    .fetch_optional(&state.db)
    .await?
    .ok_or(Error::NotFound)?;
    open_payment(state, order_id).await
}

/// The payment page of a guest order that a live link opens.
pub async fn guest_payment_url(state: &AppState, number: &str, key: &str) -> Result<String> {
    let order = guest::find(&state.db, &state.config.secrets_key, number, key).await?;
    open_payment(state, order.id).await
}

/// The order's payment page: the open Checkout Session's, opened now if it
/// has none yet. A guest returns to the order's signed page, a customer to
/// the confirmation page.
async fn open_payment(state: &AppState, order_id: i64) -> Result<String> {
    let order = sqlx::query!(
        "SELECT id, number, email, status, checkout_session_id, checkout_url, expires_at, guest,
                guest_link_version, language
         FROM orders WHERE id = $1",
        order_id
    )
    .fetch_one(&state.db)
    .await?;
    if order.status != "pending_payment" || order.expires_at <= Utc::now() {
        return Err(Error::conflict(msg::PROBLEM_ORDER_UNPAYABLE));
    }
    if let (Some(id), Some(url)) = (&order.checkout_session_id, order.checkout_url) {
        if state.payments.session(id).await?.status == SessionStatus::Open {
            return Ok(url);
        }
        return Err(Error::conflict(msg::PROBLEM_PAYMENT_PROCESSING));
    }
    let mut lines: Vec<LineItem> = sqlx::query!(
        "SELECT l.title, l.options, l.unit_price, l.quantity
         FROM order_lines l JOIN store_orders so ON so.id = l.store_order_id
         WHERE so.order_id = $1 ORDER BY so.id, l.id",
        order.id
    )
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|line| LineItem {
        name: if line.options.is_empty() {
            line.title
        } else {
            format!("{} ({})", line.title, line.options)
        },
        unit_amount: Money::from_cents(line.unit_price),
        quantity: line.quantity,
    })
    .collect();
    // One line per store's paid shipping, named after the store and method.
    let shipping = sqlx::query!(
        "SELECT s.name AS store, so.shipping_method, so.shipping
         FROM store_orders so JOIN stores s ON s.id = so.store_id
         WHERE so.order_id = $1 AND so.shipping > 0 ORDER BY so.id",
        order.id
    )
    .fetch_all(&state.db)
    .await?;
    let lang = Lang::stored(&order.language);
    lines.extend(shipping.into_iter().map(|part| LineItem {
        name: lang.t_args(
            msg::PAYMENT_SHIPPING_LINE,
            &[
                ("store", part.store.into()),
                ("method", part.shipping_method.into()),
            ],
        ),
        unit_amount: Money::from_cents(part.shipping),
        quantity: 1,
    }));
    // Stripe wants a session's expiry 30 minutes to 24 hours ahead, so each
    // attempt asks for a full one (a retry after an outage would otherwise
    // send a time that has come too close) and the order's reservation is
    // extended to match once the session is recorded. Stripe counts from
    // when the request reaches it, so the shortest expiry sent is 31
    // minutes: network time and clock skew cannot take it under 30.
    let lifetime = state
        .config
        .checkout_expiry
        .max(std::time::Duration::from_secs(31 * 60));
    let expires_at = Utc::now() + lifetime;
    let app_url = format!("{}{}", state.config.app_url, lang.prefix());
    let guest_page = guest::link(&state.config, lang, &order.number, order.guest_link_version);
    let session = state
        .payments
        .open_checkout(&NewCheckout {
            order_id: order.id,
            order_number: &order.number,
            email: &order.email,
            lines,
            expires_at,
            success_url: if order.guest {
                format!("{guest_page}&session_id={{CHECKOUT_SESSION_ID}}")
            } else {
                format!("{app_url}/checkout/success?session_id={{CHECKOUT_SESSION_ID}}")
            },
            cancel_url: if order.guest {
                guest_page
            } else {
                format!("{app_url}/checkout/cancel?order={}", order.number)
            },
            lang,
        })
        .await?;
    let url = session
        .url
        .clone()
        .ok_or_else(|| Error::internal("an open Checkout Session without a URL"))?;
    let recorded = sqlx::query!(
        "UPDATE orders SET checkout_session_id = $2, checkout_url = $3, expires_at = $4,
                           updated_at = now()
         WHERE id = $1 AND status = 'pending_payment' AND payment_problem IS NULL
           AND (checkout_session_id IS NULL OR checkout_session_id = $2)",
        order.id,
        session.id,
        url,
        expires_at
    )
    .execute(&state.db)
    .await?
    .rows_affected()
        == 1;
    if recorded {
        return Ok(url);
    }
    // Another attempt recorded its session first, or the order was closed
    // meanwhile: this session must not stay payable.
    let _ = state.payments.expire(&session.id).await;
    sqlx::query_scalar!(
        "SELECT checkout_url FROM orders WHERE id = $1 AND status = 'pending_payment'",
        order.id
    )
    .fetch_optional(&state.db)
    .await?
    .flatten()
    .ok_or_else(|| Error::conflict(msg::PROBLEM_ORDER_UNPAYABLE))
}
