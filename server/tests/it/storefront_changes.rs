//! Two nodes on one database: a change written through one clears the
//! storefront caches of the other, through PostgreSQL notifications.

use std::time::Duration;

use server::{
    AppState,
    catalog::{
        facets::facets_cached,
        products::{ProductQuery, list_published_cached},
    },
    storefront,
};
use sqlx::PgPool;

/// Fills the node's listing and filter caches.
async fn browse(node: &AppState) {
    list_published_cached(&node.db, &node.listings, &ProductQuery::default())
        .await
        .unwrap();
    facets_cached(&node.db, &node.facets).await.unwrap();
}

async fn cached(node: &AppState) -> (bool, bool) {
    (
        node.listings.get(&ProductQuery::default()).await.is_some(),
        node.facets.get(&()).await.is_some(),
    )
}

/// Waits until `done` holds, four seconds at most: less than the listings'
/// lifetime, so a cleared cache was cleared and did not just expire.
async fn eventually<F: Future<Output = bool>>(what: &str, mut done: impl FnMut() -> F) {
    for _ in 0..80 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what} never happened");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_change_through_one_node_clears_the_other_nodes_caches(db: PgPool) {
    let writer = fixtures::state(db.clone(), fixtures::config(&[])).await;
    let reader = fixtures::state(db.clone(), fixtures::config(&[])).await;
    let category: i64 = sqlx::query_scalar(
        "INSERT INTO categories (slug, name) VALUES ('lamps', 'Lamps') RETURNING id",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    let listener = storefront::spawn_listener(reader.clone());
    eventually("the reader listening", || async {
        sqlx::query_scalar::<_, bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LISTEN %storefront_changed%')",
        )
        .fetch_one(&db)
        .await
        .unwrap()
    })
    .await;
    // The listener clears the caches once it listens; filled afterwards,
    // they stay until something changes.
    tokio::time::sleep(Duration::from_millis(200)).await;
    browse(&reader).await;
    assert_eq!(cached(&reader).await, (true, true));

    sqlx::query("UPDATE categories SET name = 'Lights' WHERE id = $1")
        .bind(category)
        .execute(&writer.db)
        .await
        .unwrap();
    eventually("the reader's caches cleared", || async {
        cached(&reader).await == (false, false)
    })
    .await;
    listener.abort();
    let _ = listener.await;
}
