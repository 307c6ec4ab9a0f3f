//! The whole application (pages, server functions, middleware and the
//! `bazaar` binary) driven from outside, one module per area, linked into
//! one binary. They need the server build: `--features ssr`.

#![cfg(feature = "ssr")]

mod accounts_http;
mod admin_http;
mod api_http;
mod cart_http;
mod languages_http;
mod live_http;
mod page_head_http;
mod paid_order_survives_a_crash;
mod refusals_http;
mod seller_http;
mod seller_settings_http;
mod seller_stats_http;
mod shutdown_http;
mod storage_settings;
mod support;
mod two_nodes;
mod two_step_http;
