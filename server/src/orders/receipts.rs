//! Receipts. Each paid store order takes the next number of its store's
//! sequence inside the payment's transaction, so numbers have no gap and no
//! duplicate, and keeps the seller's details as its settings said then. A
//! receipt names the seller, the buyer, the lines, shipping, the VAT per
//! rate and the totals, for the page to print and as a PDF made here.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use sqlx::{PgConnection, PgPool};

use super::{
    Address, customer,
    details::{Order, OrderLine, StorePart, load},
    guest,
};
use crate::{Error, Result, money::Money, secrets::SecretsKey, shipping::country_name, vat::Rate};

/// Numbers each store order of a just-paid order from its store's sequence,
/// in the payment's transaction: a payment that rolls back takes its number
/// back with it. Sequences are locked in store order, the same in every
/// payment, so two payments touching the same stores queue instead of
/// deadlocking.
pub(crate) async fn number(conn: &mut PgConnection, order_id: i64) -> Result<()> {
    let parts = sqlx::query!(
        "SELECT id, store_id FROM store_orders WHERE order_id = $1 AND receipt_number IS NULL
         ORDER BY store_id",
        order_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for part in parts {
        let next = sqlx::query_scalar!(
            "INSERT INTO receipt_sequences AS r (store_id, issued) VALUES ($1, 1)
             ON CONFLICT (store_id) DO UPDATE SET issued = r.issued + 1
             RETURNING issued",
            part.store_id
        )
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query!(
            "UPDATE store_orders so SET receipt_number = $2, seller_legal_name = s.legal_name,
                    seller_address = s.legal_address, seller_vat_number = s.vat_number
             FROM stores s WHERE so.id = $1 AND s.id = so.store_id",
            part.id,
            next
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Who sold, as the store's settings name it for receipts.
#[derive(Clone, Debug, Default)]
pub struct Seller {
    pub store_name: String,
    /// The legal name; the store's name when none is set.
    pub legal_name: String,
    pub address: Vec<String>,
    pub vat_number: String,
}

/// The VAT of one rate on a receipt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VatLine {
    pub rate: Rate,
    /// What the prices at this rate come to, VAT included.
    pub gross: Money,
    pub vat: Money,
}

/// A paid store order's receipt.
#[derive(Clone, Debug)]
pub struct Receipt {
    pub store_order_id: i64,
    /// The store's sequence number, such as `000042`.
    pub number: String,
    pub issued_at: DateTime<Utc>,
    pub order_number: String,
    pub seller: Seller,
    pub buyer_email: String,
    pub delivery: Address,
    /// `None`: billed to the delivery address.
    pub billing: Option<Address>,
    pub lines: Vec<OrderLine>,
    pub shipping_method: String,
    pub shipping: Money,
    pub shipping_vat_rate: Rate,
    /// Lowest rate first.
    pub vat: Vec<VatLine>,
    pub total: Money,
    pub refunded: Money,
}

impl Receipt {
    pub fn total_vat(&self) -> Money {
        self.vat.iter().map(|line| line.vat).sum()
    }

    pub fn total_excluding_vat(&self) -> Money {
        self.total - self.total_vat()
    }

    /// The name a downloaded PDF gets.
    pub fn file_name(&self) -> String {
        format!("receipt-{}-{}.pdf", self.order_number, self.number)
    }
}

/// The VAT of a store order per rate: its lines' and its shipping's.
fn vat_per_rate(part: &StorePart) -> Vec<VatLine> {
    let mut rates: BTreeMap<Rate, (Money, Money)> = BTreeMap::new();
    for line in &part.lines {
        let entry = rates.entry(line.vat_rate).or_default();
        entry.0 += line.total;
        entry.1 += line.vat;
    }
    if part.shipping.cents() > 0 {
        let entry = rates.entry(part.shipping_vat_rate).or_default();
        entry.0 += part.shipping;
        entry.1 += part.shipping_vat;
    }
    rates
        .into_iter()
        .map(|(rate, (gross, vat))| VatLine { rate, gross, vat })
        .collect()
}

async fn receipt(conn: &mut PgConnection, order: Order, store_order_id: i64) -> Result<Receipt> {
    let part = order
        .parts
        .into_iter()
        .find(|part| part.id == store_order_id)
        .ok_or(Error::NotFound)?;
    let issued = sqlx::query!(
        "SELECT so.receipt_number, so.paid_at, s.name, so.seller_legal_name AS legal_name,
                so.seller_address AS legal_address, so.seller_vat_number AS vat_number
         FROM store_orders so JOIN stores s ON s.id = so.store_id WHERE so.id = $1",
        store_order_id
    )
    .fetch_one(&mut *conn)
    .await?;
    // Only a paid store order has a receipt.
    let (Some(number), Some(paid_at)) = (issued.receipt_number, issued.paid_at) else {
        return Err(Error::NotFound);
    };
    let legal_name = if issued.legal_name.is_empty() {
        issued.name.clone()
    } else {
        issued.legal_name
    };
    Ok(Receipt {
        store_order_id,
        number: format!("{number:06}"),
        issued_at: paid_at,
        order_number: order.number,
        seller: Seller {
            store_name: issued.name,
            legal_name,
            address: issued
                .legal_address
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect(),
            vat_number: issued.vat_number,
        },
        buyer_email: order.email,
        delivery: order.address,
        billing: order.billing,
        vat: vat_per_rate(&part),
        total: part.subtotal + part.shipping,
        shipping_method: part.shipping_method,
        shipping: part.shipping,
        shipping_vat_rate: part.shipping_vat_rate,
        refunded: part.refunded,
        lines: part.lines,
    })
}

/// The receipt of one store order of the customer's order `number`.
pub async fn for_customer(
    db: &PgPool,
    customer_id: i64,
    number: &str,
    store_order_id: i64,
) -> Result<Receipt> {
    let order = customer::find(db, customer_id, number).await?;
    receipt(&mut *db.acquire().await?, order, store_order_id).await
}

/// The receipt of one store order of a guest order that `key` opens.
pub async fn for_guest(
    db: &PgPool,
    secrets: &SecretsKey,
    number: &str,
    key: &str,
    store_order_id: i64,
) -> Result<Receipt> {
    let order = guest::find(db, secrets, number, key).await?;
    receipt(&mut *db.acquire().await?, order, store_order_id).await
}

/// The receipt of one of the store's orders, for its seller.
pub async fn for_store(db: &PgPool, store_id: i64, store_order_id: i64) -> Result<Receipt> {
    let mut conn = db.acquire().await?;
    let order_id = sqlx::query_scalar!(
        "SELECT order_id FROM store_orders WHERE id = $1 AND store_id = $2",
        store_order_id,
        store_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let order = load(&mut conn, order_id, Some(store_id)).await?;
    receipt(&mut conn, order, store_order_id).await
}

/// The lines of the delivery address, as a receipt prints them.
pub fn address_lines(address: &Address) -> Vec<String> {
    let country = country_name(&address.country).unwrap_or(address.country.as_str());
    [
        address.name.clone(),
        address.line1.clone(),
        address.line2.clone(),
        format!("{} {}", address.postal_code, address.city),
        country.to_owned(),
    ]
    .into_iter()
    .filter(|line| !line.trim().is_empty())
    .collect()
}

/// The receipt as an A4 PDF in the standard Helvetica and Courier fonts,
/// which every reader has, so nothing is embedded.
pub fn pdf(receipt: &Receipt) -> Vec<u8> {
    let mut page = Page::default();
    page.text(
        Font::Bold,
        18.0,
        50.0,
        format!("Receipt {}", receipt.number),
    );
    page.gap(8.0);
    page.line(format!("Order {}", receipt.order_number));
    page.line(format!("Paid {}", receipt.issued_at.format("%-d %B %Y")));
    page.gap(12.0);
    page.text(Font::Bold, 11.0, 50.0, "Seller".into());
    page.line(receipt.seller.legal_name.clone());
    if receipt.seller.legal_name != receipt.seller.store_name {
        page.line(format!("trading as {}", receipt.seller.store_name));
    }
    for line in &receipt.seller.address {
        page.line(line.clone());
    }
    if !receipt.seller.vat_number.is_empty() {
        page.line(format!("VAT number {}", receipt.seller.vat_number));
    }
    page.gap(8.0);
    page.text(Font::Bold, 11.0, 50.0, "Buyer".into());
    for line in address_lines(receipt.billing.as_ref().unwrap_or(&receipt.delivery)) {
        page.line(line);
    }
    page.line(receipt.buyer_email.clone());
    if receipt.billing.is_some() {
        page.gap(8.0);
        page.text(Font::Bold, 11.0, 50.0, "Delivered to".into());
        for line in address_lines(&receipt.delivery) {
            page.line(line);
        }
    }
    page.gap(12.0);
    page.columns(Font::Bold, "Item", &["Qty", "Unit price", "VAT", "Total"]);
    page.rule();
    for line in &receipt.lines {
        let item = if line.options.is_empty() {
            line.title.clone()
        } else {
            format!("{} ({})", line.title, line.options)
        };
        page.columns(
            Font::Regular,
            &item,
            &[
                &line.quantity.to_string(),
                &line.unit_price.to_string(),
                &line.vat_rate.to_string(),
                &line.total.to_string(),
            ],
        );
    }
    if !receipt.shipping_method.is_empty() {
        page.columns(
            Font::Regular,
            &format!("Shipping: {}", receipt.shipping_method),
            &[
                "",
                "",
                &receipt.shipping_vat_rate.to_string(),
                &receipt.shipping.to_string(),
            ],
        );
    }
    page.rule();
    for vat in &receipt.vat {
        page.columns(
            Font::Regular,
            &format!("VAT at {} on {}", vat.rate, vat.gross),
            &["", "", "", &vat.vat.to_string()],
        );
    }
    page.columns(
        Font::Regular,
        "Total excluding VAT",
        &["", "", "", &receipt.total_excluding_vat().to_string()],
    );
    page.columns(
        Font::Regular,
        "VAT",
        &["", "", "", &receipt.total_vat().to_string()],
    );
    page.columns(
        Font::Bold,
        "Total paid",
        &["", "", "", &receipt.total.to_string()],
    );
    if receipt.refunded.cents() > 0 {
        page.columns(
            Font::Regular,
            "Refunded",
            &["", "", "", &receipt.refunded.to_string()],
        );
    }
    page.finish(&format!(
        "Receipt {} – order {}",
        receipt.number, receipt.order_number
    ))
}

#[derive(Clone, Copy)]
enum Font {
    Regular,
    Bold,
}

impl Font {
    fn name(self) -> Name<'static> {
        match self {
            Self::Regular => Name(b"F1"),
            Self::Bold => Name(b"F2"),
        }
    }
}

/// One A4 page written top down; what does not fit is cut, which a
/// receipt of at most a hundred lines never is in practice.
struct Page {
    content: Content,
    y: f32,
}

impl Default for Page {
    fn default() -> Self {
        Self {
            content: Content::new(),
            y: 792.0,
        }
    }
}

const FIGURES: Name<'static> = Name(b"F3");
const SIZE: f32 = 10.0;
const LEADING: f32 = 14.0;
/// The right edges of the four figure columns.
const COLUMN_ENDS: [f32; 4] = [330.0, 410.0, 470.0, 545.0];

impl Page {
    fn text(&mut self, font: Font, size: f32, x: f32, text: String) {
        self.y -= size.max(SIZE) * 1.4;
        self.show(font.name(), size, x, &text);
    }

    fn line(&mut self, text: String) {
        self.text(Font::Regular, SIZE, 50.0, text);
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// Text on the left, figures right-aligned in Courier, whose letters all
    /// have the same width (0.6 of the size), so the edges line up.
    fn columns(&mut self, font: Font, text: &str, figures: &[&str]) {
        self.y -= LEADING;
        let room = 42;
        let text: String = if text.chars().count() > room {
            text.chars().take(room - 1).chain(['…']).collect()
        } else {
            text.to_owned()
        };
        self.show(font.name(), SIZE, 50.0, &text);
        for (figure, end) in figures.iter().zip(COLUMN_ENDS) {
            let width = figure.chars().count() as f32 * 0.6 * SIZE;
            self.show(FIGURES, SIZE, end - width, figure);
        }
    }

    fn rule(&mut self) {
        self.y -= 5.0;
        self.content
            .set_line_width(0.5)
            .move_to(50.0, self.y)
            .line_to(545.0, self.y)
            .stroke();
    }

    fn show(&mut self, font: Name, size: f32, x: f32, text: &str) {
        if self.y < 40.0 {
            return;
        }
        self.content
            .begin_text()
            .set_font(font, size)
            .next_line(x, self.y)
            .show(Str(&win_ansi(text)))
            .end_text();
    }

    fn finish(self, title: &str) -> Vec<u8> {
        let (catalog, tree, page, content, info) = (
            Ref::new(1),
            Ref::new(2),
            Ref::new(3),
            Ref::new(4),
            Ref::new(5),
        );
        let fonts = [
            (Font::Regular.name(), Ref::new(6), b"Helvetica".as_slice()),
            (Font::Bold.name(), Ref::new(7), b"Helvetica-Bold".as_slice()),
            (FIGURES, Ref::new(8), b"Courier".as_slice()),
        ];
        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids([page]).count(1);
        let mut writer = pdf.page(page);
        writer
            .media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
            .parent(tree)
            .contents(content);
        let mut resources = writer.resources();
        let mut font_names = resources.fonts();
        for (name, id, _) in fonts {
            font_names.pair(name, id);
        }
        font_names.finish();
        resources.finish();
        writer.finish();
        for (_, id, base) in fonts {
            pdf.type1_font(id)
                .base_font(Name(base))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        pdf.document_info(info)
            .title(pdf_writer::TextStr(title))
            .producer(pdf_writer::TextStr("Bazaar"));
        pdf.stream(content, &self.content.finish());
        pdf.finish()
    }
}

/// Text in the Windows-1252 encoding the standard fonts use; a character it
/// lacks becomes `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    bytes.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(total: i64, rate: i32, vat: i64) -> OrderLine {
        OrderLine {
            title: "Mug".into(),
            options: String::new(),
            sku: "MUG".into(),
            category: "Home".into(),
            unit_price: Money::from_cents(total),
            quantity: 1,
            total: Money::from_cents(total),
            vat_rate: Rate::from_basis_points(rate).unwrap(),
            vat: Money::from_cents(vat),
        }
    }

    #[test]
    fn vat_is_summed_per_rate_with_shipping_at_its_own() {
        let part = StorePart {
            id: 1,
            store_id: 1,
            store_name: "Alpha".into(),
            store_slug: "alpha".into(),
            status: "paid".into(),
            subtotal: Money::from_cents(3700),
            shipping: Money::from_cents(600),
            shipping_method: "Colissimo".into(),
            delivery_days: None,
            shipping_vat_rate: Rate::from_basis_points(2000).unwrap(),
            shipping_vat: Money::from_cents(100),
            vat: Money::from_cents(200 + 100 + 52),
            receipt_number: Some(1),
            refunded: Money::from_cents(0),
            platform_fee: None,
            seller_net: None,
            carrier: None,
            tracking_number: None,
            shipped_at: None,
            delivered_at: None,
            lines: vec![line(1200, 2000, 200), line(1000, 550, 52), line(1500, 0, 0)],
        };
        let rates: Vec<(String, i64, i64)> = vat_per_rate(&part)
            .into_iter()
            .map(|line| (line.rate.to_string(), line.gross.cents(), line.vat.cents()))
            .collect();
        assert_eq!(
            rates,
            [
                ("0 %".to_owned(), 1500, 0),
                ("5.5 %".to_owned(), 1000, 52),
                ("20 %".to_owned(), 1800, 300)
            ]
        );
    }

    #[test]
    fn the_pdf_is_a_pdf_with_the_figures_in_the_fonts_encoding() {
        let receipt = Receipt {
            store_order_id: 1,
            number: "000042".into(),
            issued_at: Utc::now(),
            order_number: "BZ-001000".into(),
            seller: Seller {
                store_name: "Alpha".into(),
                legal_name: "Alpha SARL".into(),
                address: vec!["1 Rue Haute".into(), "75001 Paris".into()],
                vat_number: "FR12345678901".into(),
            },
            buyer_email: "ada@example.com".into(),
            delivery: Address {
                name: "Ada Lovelace".into(),
                line1: "12 Rue de la Paix".into(),
                city: "Paris".into(),
                postal_code: "75002".into(),
                country: "FR".into(),
                ..Address::default()
            },
            billing: None,
            lines: vec![line(1200, 2000, 200)],
            shipping_method: "Colissimo".into(),
            shipping: Money::from_cents(490),
            shipping_vat_rate: Rate::from_basis_points(2000).unwrap(),
            vat: vec![VatLine {
                rate: Rate::from_basis_points(2000).unwrap(),
                gross: Money::from_cents(1690),
                vat: Money::from_cents(282),
            }],
            total: Money::from_cents(1690),
            refunded: Money::from_cents(0),
        };
        let pdf = pdf(&receipt);
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("(Receipt 000042)"), "the title is written");
        assert!(text.contains("Alpha SARL"));
        // The euro sign is byte 0x80 in Windows-1252; text beyond ASCII is
        // written as a hex string.
        assert!(
            text.to_lowercase().contains("<8031362e3930>"),
            "the total in the fonts' encoding"
        );
    }
}
