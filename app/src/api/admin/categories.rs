//! `/admin/categories`: the category tree and sellers' proposals.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::{admin, confirmed, forms},
    crate::{error::state, forms::ssr as form, session},
    server::admin::categories,
    texts::msg,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub slug: String,
    pub status: String,
    pub depth: i32,
    pub products: i64,
    pub children: i64,
    pub proposed_by: Option<String>,
}

#[server]
pub async fn admin_categories() -> Result<Vec<CategoryView>, AppError> {
    admin().await?;
    let tree = categories::tree(&state()?).await?;
    Ok(tree
        .into_iter()
        .map(|node| CategoryView {
            id: node.id,
            parent_id: node.parent_id,
            name: node.name,
            slug: node.slug,
            status: node.status,
            depth: node.depth,
            products: node.products,
            children: node.children,
            proposed_by: node.proposed_by,
        })
        .collect())
}

/// `""` is the top of the tree; anything else a category's id.
#[cfg(feature = "ssr")]
fn parse_parent(value: &str) -> Result<Option<i64>, server::Error> {
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse()
        .map(Some)
        .map_err(|_| server::Error::invalid("parent", msg::PROBLEM_CATEGORY_FROM_LIST))
}

/// Creates, renames, moves, deletes (after confirmation), approves or
/// rejects a category: one form per change, told apart by `change`.
#[server]
pub async fn admin_category(
    change: String,
    #[server(default)] id: Option<i64>,
    #[server(default)] name: String,
    #[server(default)] parent: String,
    #[server(default)] confirm: Option<String>,
) -> Result<Feedback, AppError> {
    let you = admin().await?.id;
    let state = state()?;
    let meta = session::meta();
    // The row the problems belong to, so they show next to its fields.
    let row = id.map(|id| id.to_string()).unwrap_or_default();
    let values = [
        ("id", row.as_str()),
        ("change", change.as_str()),
        ("name", name.as_str()),
        ("parent", parent.as_str()),
    ];
    let id = || id.ok_or(server::Error::NotFound);
    let (outcome, notice) = match change.as_str() {
        "create" => (
            match parse_parent(&parent) {
                Ok(parent) => categories::create(&state, &meta, you, &name, parent)
                    .await
                    .map(drop),
                Err(error) => Err(error),
            },
            "Category created.",
        ),
        "rename" => (
            match id() {
                Ok(id) => categories::rename(&state, &meta, you, id, &name).await,
                Err(error) => Err(error),
            },
            "Category renamed.",
        ),
        "move" => (
            match (id(), parse_parent(&parent)) {
                (Ok(id), Ok(parent)) => categories::move_to(&state, &meta, you, id, parent).await,
                (Err(error), _) | (_, Err(error)) => Err(error),
            },
            "Category moved.",
        ),
        "delete" if !confirmed(&confirm) => (
            Err(server::Error::invalid(
                "confirm",
                msg::PROBLEM_CONFIRM_DELETE_CATEGORY,
            )),
            "",
        ),
        "delete" => (
            match id() {
                Ok(id) => categories::delete(&state, &meta, you, id).await,
                Err(error) => Err(error),
            },
            "Category deleted.",
        ),
        "approve" | "reject" => (
            match id() {
                Ok(id) => categories::review(&state, &meta, you, id, change == "approve").await,
                Err(error) => Err(error),
            },
            if change == "approve" {
                "Category approved: shoppers see it now."
            } else {
                "Category rejected."
            },
        ),
        _ => return Err(AppError::NotFound),
    };
    form::answer(forms::CATEGORIES, outcome, notice, &values).await
}
