//! Stock levels by SKU, many at once: what a seller's own stock system
//! sends. All the changes are made or none is.

use serde_json::json;
use sqlx::PgPool;

use super::{StoreScope, products::MAX_STOCK};
use crate::{Error, Problems, Result, audit::Entry, catalog::Sku, request::RequestMeta};
use texts::{Text, msg};

/// The most SKUs one update may change.
pub const MAX_LINES: usize = 500;

/// What to do with one SKU's stock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StockChange {
    /// Set it to this many.
    Set(i64),
    /// Add this many (negative: take away).
    Adjust(i64),
}

/// One line of an update, as it came in.
#[derive(Clone, Debug)]
pub struct StockLine {
    pub sku: String,
    pub change: StockChange,
}

/// A SKU's stock after the update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StockLevel {
    pub sku: String,
    pub stock: i32,
}

/// Applies every line to the store's variants in one transaction. Any SKU
/// that is malformed, repeated, not the store's, or would end below zero or
/// above the limit refuses the whole update, and every such line is named
/// (`items[3].sku`), so the sender can fix them all at once.
pub async fn update(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    lines: &[StockLine],
) -> Result<Vec<StockLevel>> {
    if lines.is_empty() {
        return Err(Error::invalid("items", msg::PROBLEM_SKUS_NONE));
    }
    if lines.len() > MAX_LINES {
        return Err(Error::invalid(
            "items",
            Text::from(msg::PROBLEM_SKUS_MAX).with("max", MAX_LINES),
        ));
    }
    let mut problems = Problems::default();
    let mut skus = Vec::with_capacity(lines.len());
    for (n, line) in lines.iter().enumerate() {
        match Sku::parse(&line.sku) {
            Ok(sku) if skus.contains(&sku) => problems.add(
                format!("items[{n}].sku"),
                Text::from(msg::PROBLEM_SKU_TWICE).with("sku", sku.as_str()),
            ),
            Ok(sku) => skus.push(sku),
            Err(message) => problems.add(format!("items[{n}].sku"), message),
        }
    }
    problems.finish()?;

    let mut tx = db.begin().await?;
    let names: Vec<&str> = skus.iter().map(Sku::as_str).collect();
    // Locked in SKU order, so two updates of overlapping SKUs cannot deadlock.
    let current = sqlx::query!(
        "SELECT v.id, v.sku, v.stock, v.product_id FROM product_variants v
         WHERE v.store_id = $1 AND v.sku = ANY($2)
         ORDER BY v.sku FOR UPDATE",
        scope.store_id(),
        &names as &[&str],
    )
    .fetch_all(&mut *tx)
    .await?;

    let mut problems = Problems::default();
    let mut changes = Vec::with_capacity(lines.len());
    for (n, (line, sku)) in lines.iter().zip(&skus).enumerate() {
        let Some(row) = current.iter().find(|row| row.sku == sku.as_str()) else {
            problems.add(
                format!("items[{n}].sku"),
                Text::from(msg::PROBLEM_SKU_UNKNOWN).with("sku", sku.as_str()),
            );
            continue;
        };
        let stock = match line.change {
            StockChange::Set(stock) => stock,
            StockChange::Adjust(by) => i64::from(row.stock).saturating_add(by),
        };
        match i32::try_from(stock) {
            Ok(stock) if (0..=MAX_STOCK).contains(&stock) => {
                changes.push((row.id, row.product_id, sku, row.stock, stock));
            }
            _ => problems.add(
                format!("items[{n}]"),
                Text::from(msg::PROBLEM_STOCK_RANGE)
                    .with("sku", sku.as_str())
                    .with("stock", stock)
                    .with("max", MAX_STOCK)
                    .with("current", row.stock),
            ),
        }
    }
    problems.finish()?;

    let ids: Vec<i64> = changes.iter().map(|c| c.0).collect();
    let stocks: Vec<i32> = changes.iter().map(|c| c.4).collect();
    sqlx::query!(
        "UPDATE product_variants v SET stock = new.stock
         FROM unnest($1::bigint[], $2::int[]) AS new(id, stock)
         WHERE v.id = new.id AND v.stock <> new.stock",
        &ids,
        &stocks,
    )
    .execute(&mut *tx)
    .await?;
    let changed: Vec<_> = changes
        .iter()
        .filter(|(_, _, _, before, after)| before != after)
        .map(|(_, product, sku, before, after)| {
            json!({ "product_id": product, "sku": sku.as_str(), "from": before, "to": after })
        })
        .collect();
    if !changed.is_empty() {
        Entry::new(Some(scope.actor()), "inventory.updated")
            .store(scope.store_id())
            .metadata(json!({ "changes": changed }))
            .record(&mut tx, meta)
            .await?;
    }
    tx.commit().await?;
    Ok(changes
        .into_iter()
        .map(|(_, _, sku, _, stock)| StockLevel {
            sku: sku.to_string(),
            stock,
        })
        .collect())
}
