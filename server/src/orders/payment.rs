//! What payment reports do to orders. A payment is confirmed by the signed
//! webhook and by the shopper's return to the success page, whichever comes
//! first; every path is idempotent, so any number of reports of the same
//! payment leave the same order. Unpaid orders give their stock back when
//! their session expires, by webhook or by the sweeper.

use std::time::Duration;

use sqlx::{Connection, PgConnection, PgPool};

use super::{details::load, messages, platform_fee, receipts, release_stock, store_recipients};
use crate::{
    AppState, Config, Error, Result,
    mail::outbox,
    money::Money,
    payments::{Event, EventKind, Session, SessionStatus},
    webhooks::{self, Kind},
};

/// How an event was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Applied,
    /// The same event id was applied before: nothing changed.
    Duplicate,
    /// Its Checkout Session is not Bazaar's: recorded, nothing changed.
    Ignored,
}

/// Applies a verified webhook event once: its id is recorded in the same
/// transaction as its effect, so a redelivery finds it and changes nothing,
/// and a failure records nothing so Stripe's retry applies it later.
pub async fn apply_event(db: &PgPool, config: &Config, event: &Event) -> Result<Applied> {
    let mut tx = db.begin().await?;
    let kind = match &event.kind {
        EventKind::Completed(_) => "checkout.session.completed",
        EventKind::Expired(_) => "checkout.session.expired",
        EventKind::AsyncPaymentSucceeded(_) => "checkout.session.async_payment_succeeded",
        EventKind::AsyncPaymentFailed(_) => "checkout.session.async_payment_failed",
        EventKind::Other(kind) => kind,
    };
    let new = sqlx::query!(
        "INSERT INTO webhook_events (id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        event.id,
        kind
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !new {
        return Ok(Applied::Duplicate);
    }
    if let Some(session) = event.kind.session()
        && !is_ours(&mut tx, session).await?
    {
        tracing::warn!(
            event = event.id,
            kind,
            session = session.id,
            "a Stripe event for a Checkout Session no order refers to: recorded, nothing changed"
        );
        sqlx::query!(
            "UPDATE webhook_events SET ignored = 'no order refers to its Checkout Session'
             WHERE id = $1",
            event.id
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(Applied::Ignored);
    }
    match &event.kind {
        EventKind::Completed(session) | EventKind::AsyncPaymentSucceeded(session) => {
            // A delayed payment method completes the session unpaid and
            // reports the money later with `async_payment_succeeded`.
            if session.paid {
                confirm_paid(&mut tx, config, session).await?;
            }
        }
        EventKind::Expired(session) => {
            let order_id = order_of(&mut tx, session).await?;
            if holds_reservation(&mut tx, order_id, session).await? {
                close_unpaid(&mut tx, order_id, Closing::Expired).await?;
            } else {
                tracing::info!(
                    order_id,
                    session = session.id,
                    "a replaced Checkout Session expired; its order keeps its stock"
                );
            }
        }
        EventKind::AsyncPaymentFailed(session) => {
            let order_id = order_of(&mut tx, session).await?;
            close_unpaid(&mut tx, order_id, Closing::PaymentFailed).await?;
        }
        EventKind::Other(kind) => tracing::debug!(kind, "ignored a Stripe event"),
    }
    tx.commit().await?;
    Ok(Applied::Applied)
}

/// Whether a session is one of Bazaar's. Checkout gives every session its
/// order's id as reference (`client_reference_id`), so a session with a
/// reference is ours even when no order is found for it yet: the event may
/// have overtaken the order's commit, and answering with an error makes
/// Stripe deliver it again until the order is there. A session with no
/// reference that no order has recorded was opened by something else on the
/// Stripe account (a payment link, another application, the dashboard) and
/// will never match an order, so retrying it would only fail for days.
async fn is_ours(conn: &mut PgConnection, session: &Session) -> Result<bool> {
    if session.order_id.is_some() {
        return Ok(true);
    }
    let recorded = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM orders WHERE checkout_session_id = $1) AS "recorded!""#,
        session.id
    )
    .fetch_one(conn)
    .await?;
    Ok(recorded)
}

/// Whether a session's expiry ends its order's reservation: it does for the
/// session the order recorded, or when none is recorded and the reservation
/// has run out. A payment retry opens a new session and extends the
/// reservation, so the session it replaced (one whose answer was lost, or a
/// concurrent retry's) must not close the order when it expires.
async fn holds_reservation(
    conn: &mut PgConnection,
    order_id: i64,
    session: &Session,
) -> Result<bool> {
    let holds = sqlx::query_scalar!(
        r#"SELECT coalesce(checkout_session_id = $2, expires_at <= now()) AS "holds!"
           FROM orders WHERE id = $1"#,
        order_id,
        session.id
    )
    .fetch_one(conn)
    .await?;
    Ok(holds)
}

/// The order a session pays for: by its reference, or by the session id.
async fn order_of(conn: &mut PgConnection, session: &Session) -> Result<i64> {
    let id = sqlx::query_scalar!(
        "SELECT id FROM orders WHERE id = $1 OR checkout_session_id = $2",
        session.order_id,
        session.id
    )
    .fetch_optional(conn)
    .await?;
    // Not (yet) visible: answering with an error makes Stripe retry.
    id.ok_or(Error::NotFound)
}

/// Records a paid session on its order: the order and its store orders
/// become paid, fees are fixed and everyone concerned is mailed. A session
/// whose amount differs from the order total is flagged for the platform
/// to resolve, never accepted as it is.
pub async fn confirm_paid(
    conn: &mut PgConnection,
    config: &Config,
    session: &Session,
) -> Result<()> {
    let order_id = order_of(&mut *conn, session).await?;
    let order = sqlx::query!(
        "SELECT id, number, status, total, payment_problem FROM orders WHERE id = $1 FOR UPDATE",
        order_id
    )
    .fetch_one(&mut *conn)
    .await?;
    if order.status == "paid" || order.payment_problem.is_some() {
        return Ok(());
    }
    let problem = if session.amount_total != order.total {
        Some(format!(
            "Paid {} for an order of {}.",
            Money::from_cents(session.amount_total),
            Money::from_cents(order.total)
        ))
    } else if order.status != "pending_payment" && !reserve_again(&mut *conn, order.id).await? {
        Some("Paid after the order had expired, and its stock is gone: refund the payment.".into())
    } else {
        None
    };
    if let Some(problem) = problem {
        tracing::error!(order = order.number, problem, "payment needs attention");
        sqlx::query!(
            "UPDATE orders SET payment_problem = $2, amount_paid = $3, payment_intent_id = $4,
                               checkout_session_id = coalesce(checkout_session_id, $5), updated_at = now()
             WHERE id = $1",
            order.id,
            problem,
            session.amount_total,
            session.payment_intent,
            session.id
        )
        .execute(&mut *conn)
        .await?;
        return Ok(());
    }
    sqlx::query!(
        "UPDATE orders SET status = 'paid', paid_at = now(), amount_paid = $2, payment_intent_id = $3,
                           checkout_session_id = coalesce(checkout_session_id, $4), updated_at = now()
         WHERE id = $1",
        order.id,
        session.amount_total,
        session.payment_intent,
        session.id
    )
    .execute(&mut *conn)
    .await?;
    let fee = i32::try_from(config.platform_fee_basis_points).unwrap_or(10_000);
    let store_orders = sqlx::query!(
        "SELECT id, subtotal FROM store_orders WHERE order_id = $1 ORDER BY id",
        order.id
    )
    .fetch_all(&mut *conn)
    .await?;
    for store_order in store_orders {
        let platform_fee = platform_fee(store_order.subtotal, fee);
        sqlx::query!(
            "UPDATE store_orders SET status = 'paid', paid_at = now(), fee_basis_points = $2,
                                     platform_fee = $3, seller_net = subtotal + shipping - $3,
                                     updated_at = now()
             WHERE id = $1",
            store_order.id,
            fee,
            platform_fee
        )
        .execute(&mut *conn)
        .await?;
        webhooks::record_order(&mut *conn, Kind::OrderPaid, store_order.id).await?;
    }
    receipts::number(&mut *conn, order.id).await?;
    sqlx::query!(
        "UPDATE products p SET units_sold = p.units_sold + sold.quantity
         FROM (SELECT l.product_id, sum(l.quantity)::int AS quantity
               FROM order_lines l JOIN store_orders so ON so.id = l.store_order_id
               WHERE so.order_id = $1 GROUP BY l.product_id) sold
         WHERE p.id = sold.product_id",
        order.id
    )
    .execute(&mut *conn)
    .await?;
    let paid = load(&mut *conn, order.id, None).await?;
    outbox::enqueue(&mut *conn, &messages::order_confirmation(config, &paid)).await?;
    for part in &paid.parts {
        for (to, lang) in store_recipients(&mut *conn, part.store_id).await? {
            let message = messages::store_order_received(lang, &to, &config.app_url, &paid, part);
            outbox::enqueue(&mut *conn, &message).await?;
        }
    }
    Ok(())
}

/// Takes the stock of an expired order again, all lines or none.
async fn reserve_again(conn: &mut PgConnection, order_id: i64) -> Result<bool> {
    sqlx::query!("SAVEPOINT reserve_again")
        .execute(&mut *conn)
        .await?;
    let lines = sqlx::query!(
        r#"SELECT l.variant_id, sum(l.quantity)::int AS "quantity!"
           FROM order_lines l
           JOIN store_orders so ON so.id = l.store_order_id
           JOIN product_variants v ON v.id = l.variant_id
           WHERE so.order_id = $1
           GROUP BY v.product_id, l.variant_id
           ORDER BY v.product_id, l.variant_id"#,
        order_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for line in lines {
        let taken = sqlx::query!(
            "UPDATE product_variants SET stock = stock - $2 WHERE id = $1 AND stock >= $2",
            line.variant_id,
            line.quantity
        )
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if taken == 0 {
            sqlx::query!("ROLLBACK TO SAVEPOINT reserve_again")
                .execute(&mut *conn)
                .await?;
            return Ok(false);
        }
    }
    Ok(true)
}

/// Why an unpaid order is closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closing {
    /// Its session expired unpaid.
    Expired,
    /// The shopper gave it up.
    Cancelled,
    /// A delayed payment method failed.
    PaymentFailed,
}

/// Closes an order still waiting for payment and gives its stock back;
/// `false` when it was not waiting (already paid, closed or flagged).
pub async fn close_unpaid(
    conn: &mut PgConnection,
    order_id: i64,
    closing: Closing,
) -> Result<bool> {
    let status = match closing {
        Closing::Expired => "expired",
        Closing::Cancelled | Closing::PaymentFailed => "cancelled",
    };
    let closed = sqlx::query!(
        "UPDATE orders SET status = $2, updated_at = now(),
                payment_failed_at = CASE WHEN $3 THEN now() END
         WHERE id = $1 AND status = 'pending_payment' AND payment_problem IS NULL",
        order_id,
        status,
        closing == Closing::PaymentFailed
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !closed {
        return Ok(false);
    }
    sqlx::query!(
        "UPDATE store_orders SET status = $2, cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() END,
                                 updated_at = now()
         WHERE order_id = $1",
        order_id,
        status
    )
    .execute(&mut *conn)
    .await?;
    release_stock(&mut *conn, order_id, None).await?;
    Ok(true)
}

/// The shopper's return from the payment page: the session is asked for its
/// state, so a payment counts even before (or without) its webhook. Answers
/// the order number; another customer's session is "not found".
pub async fn reconcile(state: &AppState, customer_id: i64, session_id: &str) -> Result<String> {
    reconcile_where(state, session_id, Some(customer_id), None).await
}

/// A guest's return to their order's page: as [`reconcile`], for the order
/// `order_id` only.
pub async fn reconcile_guest(state: &AppState, order_id: i64, session_id: &str) -> Result<()> {
    reconcile_where(state, session_id, None, Some(order_id)).await?;
    Ok(())
}

async fn reconcile_where(
    state: &AppState,
    session_id: &str,
    customer_id: Option<i64>,
    guest_order_id: Option<i64>,
) -> Result<String> {
    let session = state.payments.session(session_id).await?;
    let mut tx = state.db.begin().await?;
    let order_id = order_of(&mut tx, &session).await?;
    let number = sqlx::query_scalar!(
        "SELECT number FROM orders WHERE id = $1 AND (customer_id = $2 OR id = $3)",
        order_id,
        customer_id,
        guest_order_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if session.paid {
        confirm_paid(&mut tx, &state.config, &session).await?;
    }
    tx.commit().await?;
    Ok(number)
}

/// How many times Stripe may answer "no such session" for an order's session
/// before the order is closed: once could be a passing mix-up (a wrong key,
/// an emulator restarted), five times spread over half an hour is not.
pub const SESSION_MISSING_LIMIT: i32 = 5;

/// Orders left waiting past their expiry, taken one at a time so several
/// instances can sweep together. A session that was paid after all is
/// confirmed instead; an open one is expired at Stripe first so it can no
/// longer be paid. An order that cannot be swept now is recorded as such and
/// skipped until its retry time, so it never holds up the others; answers
/// how many orders were closed or confirmed.
pub async fn sweep(state: &AppState) -> Result<usize> {
    let mut swept = 0;
    loop {
        let mut tx = state.db.begin().await?;
        let Some(order) = sqlx::query!(
            "SELECT id, number, checkout_session_id FROM orders
             WHERE status = 'pending_payment' AND payment_problem IS NULL
               AND expires_at < now() - interval '1 minute'
               AND (sweep_retry_at IS NULL OR sweep_retry_at <= now())
             ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED"
        )
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(swept);
        };
        // A savepoint: a failure undoes this order's changes but keeps the
        // row lock, under which the failure is recorded.
        let mut attempt = tx.begin().await?;
        match sweep_order(state, &mut attempt, order.id, &order.checkout_session_id).await {
            Ok(true) => {
                attempt.commit().await?;
                swept += 1;
            }
            outcome => {
                attempt.rollback().await?;
                if sweep_failed(&mut tx, order.id, &order.number, outcome.err()).await? {
                    swept += 1;
                }
            }
        }
        tx.commit().await?;
    }
}

/// Closes (or confirms) one expired order; `false` when Stripe has no such
/// session as the order's.
async fn sweep_order(
    state: &AppState,
    conn: &mut PgConnection,
    order_id: i64,
    session_id: &Option<String>,
) -> Result<bool> {
    if let Some(session_id) = session_id {
        let Some(session) = state.payments.find_session(session_id).await? else {
            return Ok(false);
        };
        if session.status == SessionStatus::Open {
            state.payments.expire(session_id).await?;
        } else if session.paid {
            confirm_paid(&mut *conn, &state.config, &session).await?;
        }
    }
    close_unpaid(conn, order_id, Closing::Expired).await?;
    Ok(true)
}

/// Records a failed sweep on the order and when to try again, waiting twice
/// as long after each failure (at most an hour). `error` is `None` when
/// Stripe has no such session; after [`SESSION_MISSING_LIMIT`] of those the
/// order is closed and its stock returned. Answers whether it was closed.
async fn sweep_failed(
    conn: &mut PgConnection,
    order_id: i64,
    number: &str,
    error: Option<Error>,
) -> Result<bool> {
    let failures = sqlx::query!(
        "UPDATE orders SET sweep_failures = sweep_failures + 1,
                session_missing = session_missing + CASE WHEN $2 THEN 1 ELSE 0 END,
                sweep_retry_at = now() + interval '1 minute' * least(power(2, sweep_failures), 60)
         WHERE id = $1
         RETURNING sweep_failures, session_missing, sweep_retry_at",
        order_id,
        error.is_none()
    )
    .fetch_one(&mut *conn)
    .await?;
    match error {
        Some(error) => tracing::warn!(
            order = number,
            %error,
            failures = failures.sweep_failures,
            retry_at = ?failures.sweep_retry_at,
            "sweeping an unpaid order failed; it is tried again later"
        ),
        None if failures.session_missing >= SESSION_MISSING_LIMIT => {
            tracing::warn!(
                order = number,
                times = failures.session_missing,
                "Stripe has no session for an unpaid order: closed as expired"
            );
            return close_unpaid(conn, order_id, Closing::Expired).await;
        }
        None => tracing::warn!(
            order = number,
            times = failures.session_missing,
            retry_at = ?failures.sweep_retry_at,
            "Stripe has no session for an unpaid order; it is asked again later"
        ),
    }
    Ok(false)
}

/// Sweeps every half minute for as long as the app runs.
pub fn spawn_sweeper(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(30));
        loop {
            tick.tick().await;
            match sweep(&state).await {
                Ok(0) => {}
                Ok(count) => tracing::info!(count, "expired unpaid orders"),
                Err(error) => tracing::warn!(%error, "sweeping unpaid orders failed"),
            }
        }
    })
}
