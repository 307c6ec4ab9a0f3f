//! The integration API, `/api/v1`: JSON over the same services the pages
//! use, for a seller's own systems and for anyone reading the catalog.
//! Its OpenAPI document is made from these handlers, so it cannot drift
//! from them; `/api/docs` shows it to people.

pub mod account_orders;
pub mod admin;
pub mod auth;
pub mod catalog;
pub mod cursor;
pub mod docs;
pub mod idempotency;
pub mod inventory;
pub mod problem;
pub mod store_orders;
pub mod store_products;
pub mod store_stats;

use std::sync::Arc;

use axum::{Json, Router, middleware, routing::get};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{Http, HttpAuthScheme, SecurityScheme},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Bazaar API",
        version = "1",
        description = "Bazaar's catalog, stock and orders for other systems. Version 1 stays compatible: fields and endpoints are only added; a breaking change becomes version 2."
    ),
    servers((url = "/api/v1")),
    modifiers(&BearerToken),
    tags(
        (name = "catalog", description = "Published products, categories and stores; no token needed"),
        (name = "store products", description = "A store's own products, drafts included, with a token of the store"),
        (name = "inventory", description = "A store's stock, with a token of the store"),
        (name = "store orders", description = "A store's orders and what its seller does with them, with a token of the store"),
        (name = "store statistics", description = "A store's monthly figures, with a token of the store"),
        (name = "account", description = "The token owner's own orders"),
        (name = "admin", description = "Platform administration, with an admin's token carrying the admin scope"),
    ),
)]
struct ApiDoc;

/// Declares the bearer token scheme the endpoints' `security` names.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.description = Some(
            "An API token made on /account/tokens, such as `bzr_…`; each endpoint names the scope it needs.".into(),
        );
        components.add_security_scheme("token", SecurityScheme::Http(scheme));
    }
}

/// The endpoints and the document describing them.
fn parts() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(catalog::list_products))
        .routes(routes!(catalog::get_product))
        .routes(routes!(catalog::categories))
        .routes(routes!(catalog::stores))
        .routes(routes!(catalog::store))
        .routes(routes!(store_products::list, store_products::create))
        .routes(routes!(
            store_products::get,
            store_products::update,
            store_products::delete
        ))
        .routes(routes!(store_products::publish))
        .routes(routes!(store_products::unpublish))
        .routes(routes!(store_products::add_images))
        .routes(routes!(
            store_products::change_image,
            store_products::delete_image
        ))
        .routes(routes!(inventory::update))
        .routes(routes!(account_orders::list))
        .routes(routes!(account_orders::get))
        .routes(routes!(admin::list_users))
        .routes(routes!(admin::change_role))
        .routes(routes!(admin::suspend_store))
        .routes(routes!(admin::audit_log))
        .routes(routes!(store_orders::list))
        .routes(routes!(store_orders::get))
        .routes(routes!(store_orders::ship))
        .routes(routes!(store_orders::deliver))
        .routes(routes!(store_orders::cancel))
        .routes(routes!(store_orders::refund))
        .routes(routes!(store_stats::month_stats))
        .routes(routes!(store_stats::month_csv))
        .split_for_parts()
}

/// The OpenAPI document of version 1.
pub fn document() -> utoipa::openapi::OpenApi {
    parts().1
}

/// `/api/v1/…`, its document at `/api/v1/openapi.json` and the reference
/// page at `/api/docs`.
pub fn routes(state: AppState) -> Router {
    let (endpoints, document) = parts();
    let document = Arc::new(document);
    let docs_page = Arc::new(docs::page(&document));
    let v1 = endpoints
        .route(
            "/openapi.json",
            get({
                let document = document.clone();
                move || async move { Json(document.as_ref().clone()) }
            }),
        )
        .fallback(|| async { problem::ApiError::Service(crate::Error::NotFound) })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            idempotency::once,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ));
    Router::new()
        .nest("/api/v1", v1)
        .route(
            "/api/docs",
            get(move || {
                let page = docs_page.clone();
                async move { axum::response::Html(page.as_ref().clone()) }
            }),
        )
        .route(
            "/api/docs.css",
            get(|| async {
                (
                    [(axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8")],
                    docs::STYLESHEET,
                )
            }),
        )
        .with_state(state)
}
