//! A shopper's address book: the delivery addresses they keep, one of them
//! the default that checkout and the cart's shipping start from.

use sqlx::{PgConnection, PgPool};

use super::Address;
use crate::{Error, Result};
use texts::{Text, msg};

/// The most addresses one shopper keeps.
pub const MAX_ADDRESSES: i64 = 10;

/// An address of the book.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub id: i64,
    pub address: Address,
    pub is_default: bool,
}

impl Saved {
    /// One line that tells it apart: "Ada Lovelace, 12 Rue de la Paix, 75002 Paris, FR".
    pub fn summary(&self) -> String {
        let address = &self.address;
        format!(
            "{}, {}, {} {}, {}",
            address.name, address.line1, address.postal_code, address.city, address.country
        )
    }
}

/// The shopper's addresses, the default first.
pub async fn list(db: &PgPool, user_id: i64) -> Result<Vec<Saved>> {
    let rows = sqlx::query!(
        "SELECT id, name, line1, line2, city, postal_code, country, phone, is_default
         FROM addresses WHERE user_id = $1 ORDER BY is_default DESC, id",
        user_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Saved {
            id: row.id,
            is_default: row.is_default,
            address: Address {
                name: row.name,
                line1: row.line1,
                line2: row.line2,
                city: row.city,
                postal_code: row.postal_code,
                country: row.country,
                phone: row.phone,
            },
        })
        .collect())
}

/// One of the shopper's addresses; anybody else's is not found.
pub async fn find(db: &PgPool, user_id: i64, id: i64) -> Result<Address> {
    list(db, user_id)
        .await?
        .into_iter()
        .find(|saved| saved.id == id)
        .map(|saved| saved.address)
        .ok_or(Error::NotFound)
}

/// Adds a checked address; the first one becomes the default. An address
/// the book already holds is not added twice.
pub async fn add(db: &PgPool, user_id: i64, address: Address) -> Result<i64> {
    let address = address.validated()?;
    let mut tx = db.begin().await?;
    let id = remember(&mut tx, user_id, &address).await?;
    tx.commit().await?;
    Ok(id)
}

/// Keeps `address` (already checked) in the book unless it is there; the
/// book's first address becomes its default. Checkout calls it in its
/// transaction.
pub(crate) async fn remember(
    conn: &mut PgConnection,
    user_id: i64,
    address: &Address,
) -> Result<i64> {
    // Two additions at once queue on the shopper's row, so neither slips
    // past the cap or makes a second default.
    sqlx::query!(
        "SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE",
        user_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let existing = sqlx::query_scalar!(
        "SELECT id FROM addresses WHERE user_id = $1 AND name = $2 AND line1 = $3 AND line2 = $4
           AND city = $5 AND postal_code = $6 AND country = $7 AND phone = $8",
        user_id,
        address.name,
        address.line1,
        address.line2,
        address.city,
        address.postal_code,
        address.country,
        address.phone
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let count = sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM addresses WHERE user_id = $1"#,
        user_id
    )
    .fetch_one(&mut *conn)
    .await?;
    if count >= MAX_ADDRESSES {
        return Err(Error::conflict(
            Text::from(msg::PROBLEM_ADDRESS_BOOK_FULL).with("max", MAX_ADDRESSES),
        ));
    }
    let id = sqlx::query_scalar!(
        "INSERT INTO addresses (user_id, name, line1, line2, city, postal_code, country, phone, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        user_id,
        address.name,
        address.line1,
        address.line2,
        address.city,
        address.postal_code,
        address.country,
        address.phone,
        count == 0
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Makes one of the shopper's addresses the default.
pub async fn make_default(db: &PgPool, user_id: i64, id: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    let found = sqlx::query!(
        "SELECT id FROM addresses WHERE id = $1 AND user_id = $2 FOR UPDATE",
        id,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    if found.is_none() {
        return Err(Error::NotFound);
    }
    sqlx::query!(
        "UPDATE addresses SET is_default = false WHERE user_id = $1 AND is_default",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("UPDATE addresses SET is_default = true WHERE id = $1", id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes one of the shopper's addresses; removing the default makes the
/// oldest one left the default. Orders keep their own copy of the address.
pub async fn remove(db: &PgPool, user_id: i64, id: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query!(
        "SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE",
        user_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let removed = sqlx::query_scalar!(
        "DELETE FROM addresses WHERE id = $1 AND user_id = $2 RETURNING is_default",
        id,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if removed {
        sqlx::query!(
            "UPDATE addresses SET is_default = true
             WHERE id = (SELECT id FROM addresses WHERE user_id = $1 ORDER BY id LIMIT 1)",
            user_id
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
