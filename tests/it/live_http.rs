//! `/events`: each signed-in person's stream carries only what they may see,
//! nothing of a change that rolled back, ends when they sign out, and is
//! limited per sign-in.

use std::time::Duration;

use axum::body::Body;
use http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use leptos::server_fn::ServerFn;
use server::{
    AppState,
    accounts::Role,
    cart,
    orders::checkout::{self, Placed},
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tower::ServiceExt;

use crate::support::{
    Browser, app, config, database, signed_in, store_with_one_product, verified_user,
};

/// Opens `/events` as `browser`'s page would.
async fn open(browser: &Browser) -> Response<Body> {
    let cookie = browser
        .cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::get("/events")
        .header(header::ACCEPT, "text/event-stream")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    browser.app.clone().oneshot(request).await.unwrap()
}

/// The next event on the stream (`event: …` and `data: …` lines), or `None`
/// once the stream has ended.
async fn next_event(body: &mut Body) -> Option<String> {
    let mut text = String::new();
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(10), body.frame())
            .await
            .expect("an event or the end within 10 s");
        match frame {
            Some(Ok(frame)) => {
                if let Some(data) = frame.data_ref() {
                    text.push_str(&String::from_utf8_lossy(data));
                }
            }
            _ => return None,
        }
        if let Some(end) = text.find("\n\n") {
            let block = text[..end].to_owned();
            if block.contains("event:") {
                return Some(block);
            }
            text.drain(..end + 2);
        }
    }
}

async fn placed_order(state: &AppState, customer: i64, variant: i64) -> Placed {
    cart::add(
        &state.db,
        cart::Owner::User(customer),
        variant,
        cart::Quantity::new(1).unwrap(),
    )
    .await
    .unwrap();
    checkout::place(
        &state.db,
        &state.config,
        &checkout::Buyer::Customer(customer),
        fixtures::address().into(),
    )
    .await
    .unwrap()
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn each_person_hears_only_of_their_own_orders_and_nothing_rolled_back(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, state) = app(db.clone(), config(&[])).await;
    let _listener = server::live::spawn_listener(db.clone(), state.live.clone());
    let (_, store) = store_with_one_product(&db, "hush", "Quiet clock").await;
    let variant: i64 = sqlx::query_scalar("SELECT id FROM product_variants WHERE store_id = $1")
        .bind(store)
        .fetch_one(&db)
        .await
        .unwrap();
    let (ann, bob) = (fixtures::unique_email("ann"), fixtures::unique_email("bob"));
    let ann_id = verified_user(&db, &ann, &[Role::Customer]).await;
    let bob_id = verified_user(&db, &bob, &[Role::Customer]).await;
    let ann_order = placed_order(&state, ann_id, variant).await;
    let bob_order = placed_order(&state, bob_id, variant).await;

    let ann_browser = signed_in(&app, &ann).await;
    let mut stream = open(&ann_browser).await;
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers()[header::CONTENT_TYPE], "text/event-stream");
    let body = stream.body_mut();

    // Bob's order changes, Ann's changes in a transaction that rolls back,
    // then Ann's changes for good: her stream hears of the last only.
    let set_status = "UPDATE orders SET status = 'cancelled' WHERE id = $1";
    sqlx::query(set_status)
        .bind(bob_order.order_id)
        .execute(&db)
        .await
        .unwrap();
    let mut tx = db.begin().await.unwrap();
    sqlx::query(set_status)
        .bind(ann_order.order_id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    sqlx::query("UPDATE orders SET status = 'expired' WHERE id = $1")
        .bind(ann_order.order_id)
        .execute(&db)
        .await
        .unwrap();

    // Stock events (public) may come too; only order events are looked at.
    let mut orders = Vec::new();
    while orders.is_empty() {
        let event = next_event(body).await.expect("the stream stays open");
        if event.contains("event: order") {
            orders.push(event);
        }
    }
    assert!(
        orders[0].contains(&format!("\"subject_id\":{}", ann_order.order_id)),
        "{orders:?}"
    );
    let rolled_back: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM live_events WHERE kind = 'order' AND subject_id = $1",
    )
    .bind(ann_order.order_id)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(rolled_back, 1, "only the committed change is an event");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_seller_hears_of_their_store_only_and_the_stream_ends_at_sign_out(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, state) = app(db.clone(), config(&[("LIVE_STREAMS_PER_SESSION", "2")])).await;
    let _listener = server::live::spawn_listener(db.clone(), state.live.clone());
    let (owner, store) = store_with_one_product(&db, "mine", "My vase").await;
    let (_, other) = store_with_one_product(&db, "theirs", "Their vase").await;
    let customer = fixtures::unique_email("buyer");
    let customer_id = verified_user(&db, &customer, &[Role::Customer]).await;
    let variant = |store: i64| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM product_variants WHERE store_id = $1")
                .bind(store)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    placed_order(&state, customer_id, variant(other).await).await;
    placed_order(&state, customer_id, variant(store).await).await;

    let mut seller = signed_in(&app, &owner).await;
    let mut first = open(&seller).await;
    let second = open(&seller).await;
    assert_eq!(second.status(), StatusCode::OK);
    let third = open(&seller).await;
    assert_eq!(
        third.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "two streams per sign-in here"
    );
    drop(second);

    let ship = "UPDATE store_orders SET tracking_number = 'TRACK' WHERE store_id = $1";
    for store in [other, store] {
        sqlx::query(ship).bind(store).execute(&db).await.unwrap();
    }
    let mine: i64 = sqlx::query_scalar("SELECT id FROM store_orders WHERE store_id = $1")
        .bind(store)
        .fetch_one(&db)
        .await
        .unwrap();
    let body = first.body_mut();
    let mut heard = None;
    while heard.is_none() {
        let event = next_event(body).await.expect("the stream stays open");
        if event.contains("event: store_order") {
            heard = Some(event);
        }
    }
    assert!(
        heard.unwrap().contains(&format!("\"subject_id\":{mine}")),
        "the other store's shipment is not heard"
    );

    // Signing out (on this node or any other) ends the stream.
    seller
        .post_form(
            app::api::accounts::login::LogOut::PATH,
            "/seller/orders",
            &[],
        )
        .await;
    while let Some(event) = next_event(body).await {
        assert!(!event.contains("event: session"), "never sent to a page");
    }
    assert_eq!(open(&seller).await.status(), StatusCode::UNAUTHORIZED);
}
