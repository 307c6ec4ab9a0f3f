//! Receipts of paid store orders, for the customer and for the store's
//! seller, over `server::orders::receipts`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::{error::state, session},
    server::orders::receipts::{self, Receipt, address_lines},
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptLine {
    pub item: String,
    pub quantity: String,
    pub unit_price: String,
    pub vat_rate: String,
    pub total: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatRow {
    pub label: String,
    pub vat: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptView {
    pub number: String,
    pub order_number: String,
    pub paid: String,
    pub seller_name: String,
    /// "trading as …" when the legal name differs from the store's.
    pub trading_as: Option<String>,
    pub seller_address: Vec<String>,
    pub vat_number: String,
    /// The billing address (the delivery address unless another was given)
    /// and the email.
    pub buyer: Vec<String>,
    /// Where the goods went, when billed elsewhere.
    pub delivered_to: Option<Vec<String>>,
    pub lines: Vec<ReceiptLine>,
    pub vat: Vec<VatRow>,
    pub total_excluding_vat: String,
    pub total_vat: String,
    pub total: String,
    pub refunded: Option<String>,
    /// Where its PDF is downloaded.
    pub pdf: String,
}

#[cfg(feature = "ssr")]
fn view_of(receipt: Receipt, pdf: String) -> ReceiptView {
    let mut lines: Vec<ReceiptLine> = receipt
        .lines
        .iter()
        .map(|line| ReceiptLine {
            item: if line.options.is_empty() {
                line.title.clone()
            } else {
                format!("{} ({})", line.title, line.options)
            },
            quantity: line.quantity.to_string(),
            unit_price: line.unit_price.to_string(),
            vat_rate: line.vat_rate.to_string(),
            total: line.total.to_string(),
        })
        .collect();
    if !receipt.shipping_method.is_empty() {
        lines.push(ReceiptLine {
            item: format!("Shipping: {}", receipt.shipping_method),
            quantity: String::new(),
            unit_price: String::new(),
            vat_rate: receipt.shipping_vat_rate.to_string(),
            total: receipt.shipping.to_string(),
        });
    }
    let mut buyer = address_lines(receipt.billing.as_ref().unwrap_or(&receipt.delivery));
    buyer.push(receipt.buyer_email.clone());
    let delivered_to = receipt
        .billing
        .is_some()
        .then(|| address_lines(&receipt.delivery));
    ReceiptView {
        number: receipt.number.clone(),
        order_number: receipt.order_number.clone(),
        paid: receipt.issued_at.format("%-d %B %Y").to_string(),
        trading_as: (receipt.seller.legal_name != receipt.seller.store_name)
            .then(|| receipt.seller.store_name.clone()),
        seller_name: receipt.seller.legal_name.clone(),
        seller_address: receipt.seller.address.clone(),
        vat_number: receipt.seller.vat_number.clone(),
        buyer,
        delivered_to,
        lines,
        vat: receipt
            .vat
            .iter()
            .map(|vat| VatRow {
                label: format!("VAT at {} on {}", vat.rate, vat.gross),
                vat: vat.vat.to_string(),
            })
            .collect(),
        total_excluding_vat: receipt.total_excluding_vat().to_string(),
        total_vat: receipt.total_vat().to_string(),
        total: receipt.total.to_string(),
        refunded: (receipt.refunded.cents() > 0).then(|| receipt.refunded.to_string()),
        pdf,
    }
}

/// The receipt of one store's part of the customer's order.
#[server]
pub async fn my_receipt(number: String, id: i64) -> Result<ReceiptView, AppError> {
    let user = session::signed_in().await?;
    let receipt = receipts::for_customer(&state()?.db, user.id, &number, id).await?;
    Ok(view_of(
        receipt,
        format!("/account/orders/{number}/receipts/{id}/pdf"),
    ))
}

/// The receipt of one of the seller's store orders.
#[server]
pub async fn store_receipt(id: i64) -> Result<ReceiptView, AppError> {
    let scope = session::store_scope().await?;
    let receipt = receipts::for_store(&state()?.db, scope.store_id(), id).await?;
    Ok(view_of(receipt, format!("/seller/orders/{id}/receipt/pdf")))
}

/// The receipt of one store's part of a guest order, through its link's key.
#[server]
pub async fn guest_receipt(number: String, key: String, id: i64) -> Result<ReceiptView, AppError> {
    let state = state()?;
    let receipt =
        receipts::for_guest(&state.db, &state.config.secrets_key, &number, &key, id).await?;
    Ok(view_of(
        receipt,
        format!("/orders/{number}/receipts/{id}/pdf?key={key}"),
    ))
}
