//! `/admin`: the marketplace's month in figures and the latest activity.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::audit::AuditRow;
use crate::{
    components::charts::{Figure, MonthNav, SalesView},
    error::AppError,
};
#[cfg(feature = "ssr")]
use {
    super::admin,
    crate::{api::orders::status_label, error::state},
    server::{admin::dashboard, audit, seller::stats::Month},
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub nav: MonthNav,
    pub figures: Vec<Figure>,
    /// (status, orders placed in the month that have it now)
    pub orders_by_status: Vec<(String, i64)>,
    pub days: Vec<SalesView>,
    pub recent: Vec<AuditRow>,
    /// Mail the outbox gave up on, listed at `/admin/mail`.
    pub failed_mail: i64,
}

#[server]
pub async fn admin_dashboard(month: String) -> Result<DashboardView, AppError> {
    admin().await?;
    let state = state()?;
    let time_zone = state.config.time_zone;
    let current = Month::current(time_zone);
    let month = Month::chosen(&month, current)?;
    let figures = dashboard::month(&state.db, time_zone, month).await?;
    let recent = audit::latest(&state.db, None, 10).await?;
    let previous = month.previous();
    let (now, before) = (figures.income, figures.previous);
    Ok(DashboardView {
        nav: MonthNav::new(month, current, figures.months_with_sales),
        figures: vec![
            Figure::money("GMV", now.gross, before.gross, previous),
            Figure::money("Fees earned", now.fees, before.fees, previous),
            Figure::money("Refunds", now.refunds, before.refunds, previous),
            Figure::count("Paid store orders", now.orders, before.orders, previous),
            Figure::count(
                "New users",
                figures.new_users,
                figures.new_users_before,
                previous,
            ),
            Figure::count(
                "New stores",
                figures.new_stores,
                figures.new_stores_before,
                previous,
            ),
        ],
        orders_by_status: figures
            .orders_by_status
            .into_iter()
            .map(|(status, orders)| {
                let label = status_label(crate::i18n::request_lang(), &status);
                (label, orders)
            })
            .collect(),
        days: figures.days.into_iter().map(Into::into).collect(),
        recent: recent.into_iter().map(Into::into).collect(),
        failed_mail: figures.failed_mail,
    })
}
