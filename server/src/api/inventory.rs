//! `PATCH /inventory`: many SKUs' stock in one request, all or nothing,
//! over `seller::inventory`.

use axum::{Json, extract::State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    auth::{Meta, Token},
    problem::{ApiError, ApiJson, Problem},
};
use crate::{
    AppState,
    accounts::api_tokens::Scope,
    seller::inventory::{self, StockChange, StockLine},
};
use texts::msg;

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({ "items": [{ "sku": "MUG-BLUE", "stock": 12 }, { "sku": "MUG-RED", "adjust": -2 }] }))]
pub struct InventoryUpdate {
    /// 1 to 500 SKUs of the token's store, each once.
    pub items: Vec<InventoryItem>,
}

/// One SKU: either `stock` (the new level) or `adjust` (added to it).
#[derive(Debug, Deserialize, ToSchema)]
pub struct InventoryItem {
    pub sku: String,
    pub stock: Option<i64>,
    pub adjust: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InventoryLevels {
    /// Each SKU's stock after the update, in the order sent.
    pub items: Vec<StockLevelJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StockLevelJson {
    pub sku: String,
    pub stock: i32,
}

/// Sets or adjusts the stock of up to 500 of the store's SKUs in one
/// transaction: if any line is refused none is applied, and every refused
/// line is named in `errors` (`items[3].sku`).
#[utoipa::path(
    patch, path = "/inventory", tag = "inventory",
    request_body = InventoryUpdate,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the first answer is replayed for a day")),
    security(("token" = ["catalog:write"])),
    responses(
        (status = 200, body = InventoryLevels),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    ),
)]
pub async fn update(
    State(state): State<AppState>,
    token: Token,
    Meta(meta): Meta,
    ApiJson(update): ApiJson<InventoryUpdate>,
) -> Result<Json<InventoryLevels>, ApiError> {
    let scope = token.store(Scope::CatalogWrite)?;
    let mut lines = Vec::with_capacity(update.items.len());
    let mut problems = crate::Problems::default();
    for (n, item) in update.items.into_iter().enumerate() {
        let change = match (item.stock, item.adjust) {
            (Some(stock), None) => StockChange::Set(stock),
            (None, Some(by)) => StockChange::Adjust(by),
            _ => {
                problems.add(format!("items[{n}]"), msg::PROBLEM_STOCK_OR_ADJUST);
                continue;
            }
        };
        lines.push(StockLine {
            sku: item.sku,
            change,
        });
    }
    problems.finish()?;
    let levels = inventory::update(&state.db, &meta, scope, &lines).await?;
    Ok(Json(InventoryLevels {
        items: levels
            .into_iter()
            .map(|level| StockLevelJson {
                sku: level.sku,
                stock: level.stock,
            })
            .collect(),
    }))
}
