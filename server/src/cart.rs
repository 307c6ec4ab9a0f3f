//! The cart. A visitor's cart is found by a random token kept in their
//! session; a signed-in person's by their id, and at sign-in the visitor's
//! cart is merged into theirs. Prices and stock are read from the catalog on
//! every view, never trusted from the cart.

use std::collections::BTreeMap;

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use tower_sessions::Session;

use crate::{
    Error, Result,
    money::Money,
    shipping::{self, COUNTRIES, Quote},
    vat::{self, TaxClass},
};
use texts::{Lang, Msg, Text, msg};

/// How many of one variant a cart line holds: 1 to [`Quantity::MAX`].
/// Parsed once where it comes in, so the cart's rules take it as known good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quantity(i32);

impl Quantity {
    /// The most of one variant a cart holds.
    pub const MAX: i32 = 99;

    /// `count`, or the problem shown next to the quantity field.
    pub fn new(count: i32) -> Result<Self> {
        if (1..=Self::MAX).contains(&count) {
            Ok(Self(count))
        } else {
            Err(Error::invalid(
                "quantity",
                Text::from(msg::PROBLEM_QUANTITY_RANGE).with("max", Self::MAX),
            ))
        }
    }

    /// A quantity as a person typed it.
    pub fn parse(text: &str) -> Result<Self> {
        Self::new(whole_number(text)?)
    }

    /// A cart line's new quantity as a person typed it; 0 removes the line.
    pub fn parse_line(text: &str) -> Result<Option<Self>> {
        match whole_number(text)? {
            0 => Ok(None),
            count => Self::new(count).map(Some),
        }
    }

    pub fn get(self) -> i32 {
        self.0
    }
}

fn whole_number(text: &str) -> Result<i32> {
    text.trim()
        .parse()
        .map_err(|_| Error::invalid("quantity", msg::PROBLEM_WHOLE_NUMBER))
}

/// The session key of a visitor's cart token.
const VISITOR_CART: &str = "cart";

/// Whose cart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    User(i64),
    Visitor(Uuid),
}

impl Owner {
    /// The signed-in user's cart, or the visitor's from the session; a
    /// visitor without one gets a token only when `create` is set.
    pub async fn of(session: &Session, user_id: Option<i64>, create: bool) -> Result<Option<Self>> {
        if let Some(user_id) = user_id {
            return Ok(Some(Self::User(user_id)));
        }
        if let Some(token) = session.get::<Uuid>(VISITOR_CART).await? {
            return Ok(Some(Self::Visitor(token)));
        }
        if !create {
            return Ok(None);
        }
        let token = Uuid::new_v4();
        session.insert(VISITOR_CART, token).await?;
        Ok(Some(Self::Visitor(token)))
    }

    fn split(self) -> (Option<i64>, Option<Uuid>) {
        match self {
            Self::User(id) => (Some(id), None),
            Self::Visitor(token) => (None, Some(token)),
        }
    }
}

async fn find_cart(conn: &mut PgConnection, owner: Owner) -> Result<Option<i64>> {
    let (user_id, token) = owner.split();
    let id = sqlx::query_scalar!(
        "SELECT id FROM carts WHERE user_id = $1 OR token = $2",
        user_id,
        token
    )
    .fetch_optional(conn)
    .await?;
    Ok(id)
}

/// The owner's cart, locked until the transaction ends: two checkouts of one
/// cart queue, so the second finds what the first left of it.
pub(crate) async fn lock(conn: &mut PgConnection, owner: Owner) -> Result<Option<i64>> {
    let (user_id, token) = owner.split();
    let id = sqlx::query_scalar!(
        "SELECT id FROM carts WHERE user_id = $1 OR token = $2 FOR NO KEY UPDATE",
        user_id,
        token
    )
    .fetch_optional(conn)
    .await?;
    Ok(id)
}

async fn open_cart(conn: &mut PgConnection, owner: Owner) -> Result<i64> {
    if let Some(id) = find_cart(&mut *conn, owner).await? {
        return Ok(id);
    }
    let (user_id, token) = owner.split();
    // Two first adds at once: the second finds the first's cart.
    let id = sqlx::query_scalar!(
        "INSERT INTO carts (user_id, token) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id",
        user_id,
        token
    )
    .fetch_optional(&mut *conn)
    .await?;
    match id {
        Some(id) => Ok(id),
        None => find_cart(conn, owner).await?.ok_or(Error::NotFound),
    }
}

/// A variant that can be bought now: of a published product of an active store.
struct ForSale {
    price: i64,
    stock: i32,
}

async fn for_sale(conn: &mut PgConnection, variant_id: i64) -> Result<ForSale> {
    sqlx::query_as!(
        ForSale,
        "SELECT v.price, v.stock FROM product_variants v
         JOIN products p ON p.id = v.product_id
         JOIN stores s ON s.id = p.store_id
         WHERE v.id = $1 AND for_sale(p, s)
         FOR SHARE OF v",
        variant_id
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound)
}

fn only_left(stock: i32, in_cart: i32) -> Error {
    let message = match (stock, in_cart) {
        (0, _) => Text::from(msg::PROBLEM_OUT_OF_STOCK),
        (stock, 0) => Text::from(msg::PROBLEM_ONLY_LEFT).with("stock", stock),
        (stock, in_cart) => Text::from(msg::PROBLEM_ONLY_LEFT_IN_CART)
            .with("stock", stock)
            .with("in_cart", in_cart),
    };
    Error::invalid("quantity", message)
}

/// Adds `quantity` of a variant, on top of what the cart has of it; never
/// more than is in stock.
pub async fn add(db: &PgPool, owner: Owner, variant_id: i64, quantity: Quantity) -> Result<()> {
    let mut tx = db.begin().await?;
    let variant = for_sale(&mut tx, variant_id).await?;
    let cart = open_cart(&mut tx, owner).await?;
    let in_cart = sqlx::query_scalar!(
        "SELECT quantity FROM cart_items WHERE cart_id = $1 AND variant_id = $2 FOR UPDATE",
        cart,
        variant_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .unwrap_or(0);
    let wanted = in_cart + quantity.get();
    if wanted > variant.stock {
        return Err(only_left(variant.stock, in_cart));
    }
    let wanted = Quantity::new(wanted)?.get();
    sqlx::query!(
        "INSERT INTO cart_items (cart_id, variant_id, quantity, added_price) VALUES ($1, $2, $3, $4)
         ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity, added_price = EXCLUDED.added_price",
        cart,
        variant_id,
        wanted,
        variant.price
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("UPDATE carts SET updated_at = now() WHERE id = $1", cart)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets how many of a variant the cart holds; `None` removes it.
pub async fn set_quantity(
    db: &PgPool,
    owner: Owner,
    variant_id: i64,
    quantity: Option<Quantity>,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let Some(cart) = find_cart(&mut tx, owner).await? else {
        return Err(Error::NotFound);
    };
    let Some(quantity) = quantity else {
        sqlx::query!(
            "DELETE FROM cart_items WHERE cart_id = $1 AND variant_id = $2",
            cart,
            variant_id
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(());
    };
    let variant = for_sale(&mut tx, variant_id).await?;
    if quantity.get() > variant.stock {
        return Err(only_left(variant.stock, 0));
    }
    let changed = sqlx::query!(
        "UPDATE cart_items SET quantity = $3 WHERE cart_id = $1 AND variant_id = $2",
        cart,
        variant_id,
        quantity.get()
    )
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// How many items the cart holds, for the header.
pub async fn count(db: &PgPool, owner: Owner) -> Result<i64> {
    let (user_id, token) = owner.split();
    let count = sqlx::query_scalar!(
        r#"SELECT coalesce(sum(i.quantity), 0) AS "count!" FROM cart_items i
           JOIN carts c ON c.id = i.cart_id WHERE c.user_id = $1 OR c.token = $2"#,
        user_id,
        token
    )
    .fetch_one(db)
    .await?;
    Ok(count)
}

/// One line of the cart as it stands now.
#[derive(Clone, Debug)]
pub struct Line {
    pub variant_id: i64,
    pub product_slug: String,
    pub title: String,
    /// Such as "Size: M, Colour: Blue"; empty for a product without options.
    pub options: String,
    pub sku: String,
    pub unit_price: Money,
    pub quantity: i32,
    pub tax_class: TaxClass,
    pub image_key: Option<String>,
    /// Whether it can be bought as it is: still for sale, enough in stock.
    pub available: bool,
}

impl Line {
    pub fn total(&self) -> Money {
        Money::from_cents(self.unit_price.cents() * i64::from(self.quantity))
    }
}

/// A variant's option values as people read them: "Colour: Blue, Size: M".
pub(crate) fn options_label(options: serde_json::Value) -> String {
    let options: BTreeMap<String, String> = serde_json::from_value(options).unwrap_or_default();
    options
        .iter()
        .map(|(name, value)| format!("{}: {value}", crate::text::capitalise(name)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The lines of one store.
#[derive(Clone, Debug)]
pub struct StoreLines {
    pub store_id: i64,
    pub store_name: String,
    pub store_slug: String,
    pub lines: Vec<Line>,
    /// Of the available lines.
    pub subtotal: Money,
    /// Delivering the available lines to the cart's country.
    pub shipping: Quote,
    /// The VAT the total holds at the country's rates; 0 until it is known.
    pub vat: Money,
}

impl StoreLines {
    /// What the shipping that applies costs; nothing until it is known.
    pub fn shipping_price(&self) -> Money {
        self.shipping
            .chosen()
            .map_or(Money::from_cents(0), |offer| offer.price)
    }

    /// The subtotal with shipping.
    pub fn total(&self) -> Money {
        self.subtotal + self.shipping_price()
    }
}

/// Something about the cart the shopper should know before paying.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Text(Text),
    /// A price that changed since the line was added; the cart now holds
    /// the new one.
    Repriced {
        title: String,
        was: Money,
        now: Money,
    },
}

impl Notice {
    fn with(self, name: &'static str, value: impl Into<texts::Value>) -> Self {
        match self {
            Self::Text(text) => Self::Text(text.with(name, value)),
            other => other,
        }
    }

    /// The notice in `lang`, amounts written the language's way.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Self::Text(text) => text.say(lang),
            Self::Repriced { title, was, now } => Text::from(msg::CART_NOTICE_REPRICED)
                .with("title", title.as_str())
                .with("was", was.localized(lang))
                .with("now", now.localized(lang))
                .say(lang),
        }
    }
}

impl From<Msg> for Notice {
    fn from(msg: Msg) -> Self {
        Self::Text(msg.into())
    }
}

/// The cart with what changed since its items were added.
#[derive(Clone, Debug, Default)]
pub struct Cart {
    pub stores: Vec<StoreLines>,
    /// Where the cart is to be delivered: the country picked, else that of
    /// the shopper's last address; `None` until one of them is known.
    pub country: Option<String>,
    /// What checkout would charge: items and shipping of every store that
    /// delivers to the country.
    pub total: Money,
    /// The VAT that total holds.
    pub vat: Money,
    pub notices: Vec<Notice>,
}

/// Where the cart goes: `country`, an ISO code from `shipping::COUNTRIES`.
pub async fn ship_to(db: &PgPool, owner: Owner, country: &str) -> Result<()> {
    let country = country.trim().to_uppercase();
    if !COUNTRIES.iter().any(|(code, _)| *code == country) {
        return Err(Error::invalid("country", msg::PROBLEM_COUNTRY_FROM_LIST));
    }
    let mut tx = db.begin().await?;
    let cart = open_cart(&mut tx, owner).await?;
    sqlx::query!(
        "UPDATE carts SET ship_country = $2, updated_at = now() WHERE id = $1",
        cart,
        country
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Picks how a store's part of the cart is delivered: one of that store's
/// methods.
pub async fn pick_shipping(db: &PgPool, owner: Owner, store_id: i64, method_id: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    let cart = find_cart(&mut tx, owner).await?.ok_or(Error::NotFound)?;
    let picked = sqlx::query!(
        "INSERT INTO cart_shipping (cart_id, store_id, method_id)
         SELECT $1, z.store_id, m.id FROM shipping_methods m
         JOIN shipping_zones z ON z.id = m.zone_id
         WHERE m.id = $3 AND z.store_id = $2
         ON CONFLICT (cart_id, store_id) DO UPDATE SET method_id = EXCLUDED.method_id",
        cart,
        store_id,
        method_id
    )
    .execute(&mut *tx)
    .await?;
    if picked.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// The cart's country, as `Cart::country` says, and the method picked per store.
pub(crate) async fn delivery(
    conn: &mut PgConnection,
    owner: Owner,
) -> Result<(Option<String>, BTreeMap<i64, i64>)> {
    let (user_id, token) = owner.split();
    let Some(cart) = sqlx::query!(
        "SELECT c.id, coalesce(c.ship_country, a.country) AS country
         FROM carts c LEFT JOIN addresses a ON a.user_id = c.user_id AND a.is_default
         WHERE c.user_id = $1 OR c.token = $2",
        user_id,
        token
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok((None, BTreeMap::new()));
    };
    let picks = sqlx::query!(
        "SELECT store_id, method_id FROM cart_shipping WHERE cart_id = $1",
        cart.id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|pick| (pick.store_id, pick.method_id))
    .collect();
    Ok((cart.country, picks))
}

/// The cart as it stands: current prices and stock, lines grouped by store.
/// A price change is told once, after which the cart holds the new price.
pub async fn view(db: &PgPool, owner: Owner) -> Result<Cart> {
    let (user_id, token) = owner.split();
    let rows = sqlx::query!(
        r#"SELECT i.cart_id, i.variant_id, i.quantity, i.added_price, v.price, v.stock, v.sku, v.options,
                  p.slug, p.title, p.tax_class, for_sale(p, s) AS "for_sale!",
                  s.id AS store_id, s.name AS store_name, s.slug AS store_slug,
                  (SELECT file_key FROM product_images WHERE product_id = p.id ORDER BY position, id LIMIT 1) AS image_key
           FROM cart_items i
           JOIN carts c ON c.id = i.cart_id
           JOIN product_variants v ON v.id = i.variant_id
           JOIN products p ON p.id = v.product_id
           JOIN stores s ON s.id = p.store_id
           WHERE c.user_id = $1 OR c.token = $2
           ORDER BY s.name, s.id, i.added_at, i.variant_id"#,
        user_id,
        token
    )
    .fetch_all(db)
    .await?;
    let mut cart = Cart::default();
    let mut repriced = Vec::new();
    for row in rows {
        let options = options_label(row.options);
        let (was, now) = (
            Money::from_cents(row.added_price),
            Money::from_cents(row.price),
        );
        let title = || row.title.as_str();
        if !row.for_sale {
            cart.notices
                .push(Notice::from(msg::CART_NOTICE_NOT_FOR_SALE).with("title", title()));
        } else if row.stock == 0 {
            cart.notices
                .push(Notice::from(msg::CART_NOTICE_OUT_OF_STOCK).with("title", title()));
        } else if row.stock < row.quantity {
            cart.notices.push(
                Notice::from(msg::CART_NOTICE_ONLY_LEFT)
                    .with("title", title())
                    .with("stock", row.stock),
            );
        }
        if row.for_sale && was != now {
            cart.notices.push(Notice::Repriced {
                title: row.title.clone(),
                was,
                now,
            });
            repriced.push((row.cart_id, row.variant_id, row.price));
        }
        let line = Line {
            variant_id: row.variant_id,
            product_slug: row.slug,
            title: row.title,
            options,
            sku: row.sku,
            unit_price: now,
            quantity: row.quantity,
            tax_class: TaxClass::parse(&row.tax_class).unwrap_or_default(),
            image_key: row.image_key,
            available: row.for_sale && row.stock >= row.quantity,
        };
        match cart.stores.last_mut() {
            Some(store) if store.store_slug == row.store_slug => store.lines.push(line),
            _ => cart.stores.push(StoreLines {
                store_id: row.store_id,
                store_name: row.store_name,
                store_slug: row.store_slug,
                lines: vec![line],
                subtotal: Money::from_cents(0),
                shipping: Quote::NoCountry,
                vat: Money::from_cents(0),
            }),
        }
    }
    let mut conn = db.acquire().await?;
    let (country, picks) = delivery(&mut conn, owner).await?;
    let store_ids: Vec<i64> = cart.stores.iter().map(|store| store.store_id).collect();
    let (mut methods, rates) = match &country {
        Some(country) => (
            shipping::methods_for(&mut conn, &store_ids, country).await?,
            vat::rates_for(&mut conn, country).await?,
        ),
        None => Default::default(),
    };
    for store in &mut cart.stores {
        store.subtotal = store
            .lines
            .iter()
            .filter(|line| line.available)
            .map(Line::total)
            .sum();
        if country.is_some() {
            let offered = methods.remove(&store.store_id).unwrap_or_default();
            let picked = picks.get(&store.store_id).copied();
            store.shipping = Quote::new(&offered, store.subtotal, picked);
            store.vat = store
                .lines
                .iter()
                .filter(|line| line.available)
                .map(|line| rates.of(line.tax_class).included_in(line.total()))
                .sum::<Money>()
                + rates.shipping().included_in(store.shipping_price());
        }
    }
    cart.total = cart
        .stores
        .iter()
        .filter(|store| store.shipping != Quote::NotDelivered)
        .map(StoreLines::total)
        .sum();
    cart.vat = cart
        .stores
        .iter()
        .filter(|store| store.shipping != Quote::NotDelivered)
        .map(|store| store.vat)
        .sum();
    cart.country = country;
    for (cart_id, variant_id, price) in repriced {
        sqlx::query!(
            "UPDATE cart_items SET added_price = $3 WHERE cart_id = $1 AND variant_id = $2",
            cart_id,
            variant_id,
            price
        )
        .execute(db)
        .await?;
    }
    Ok(cart)
}

/// Moves the visitor's cart of this session into `user_id`'s at sign-in:
/// quantities of the same variant are summed, never beyond the stock.
pub async fn adopt_visitor_cart(db: &PgPool, session: &Session, user_id: i64) -> Result<()> {
    let Some(token) = session.remove::<Uuid>(VISITOR_CART).await? else {
        return Ok(());
    };
    let mut tx = db.begin().await?;
    let Some(visitor_cart) = find_cart(&mut tx, Owner::Visitor(token)).await? else {
        return Ok(());
    };
    let user_cart = open_cart(&mut tx, Owner::User(user_id)).await?;
    sqlx::query!(
        "INSERT INTO cart_items (cart_id, variant_id, quantity, added_price)
         SELECT $2, vi.variant_id, LEAST(vi.quantity + coalesce(ui.quantity, 0), v.stock, $3), vi.added_price
         FROM cart_items vi
         JOIN product_variants v ON v.id = vi.variant_id
         LEFT JOIN cart_items ui ON ui.cart_id = $2 AND ui.variant_id = vi.variant_id
         WHERE vi.cart_id = $1 AND v.stock > 0
         ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity",
        visitor_cart,
        user_cart,
        Quantity::MAX
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("DELETE FROM carts WHERE id = $1", visitor_cart)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Quantity;

    #[test]
    fn quantities_are_whole_numbers_from_one_to_the_most() {
        assert_eq!(Quantity::parse(" 3 ").unwrap().get(), 3);
        assert_eq!(Quantity::parse_line("0").unwrap(), None);
        assert_eq!(
            Quantity::parse_line("99").unwrap().map(Quantity::get),
            Some(99)
        );
        for bad in ["", "1.5", "two", "-1", "0", "100"] {
            assert!(Quantity::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Quantity::parse_line("-1").is_err());
    }
}
