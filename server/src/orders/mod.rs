//! Orders: placed from the cart, paid through Stripe Checkout, split into one
//! store order per store that its seller ships, cancels or refunds.

pub mod addresses;
pub mod checkout;
pub mod customer;
pub mod details;
pub mod guest;
pub mod messages;
pub mod payment;
pub mod receipts;

use serde::{Deserialize, Serialize};
use sqlx::PgConnection;

use crate::{Problems, Result, shipping::COUNTRIES};
use texts::{Text, msg};

/// A shipping address as typed at checkout.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub name: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2, such as `FR`.
    pub country: String,
    pub phone: String,
}

impl Address {
    /// Trimmed and checked as a delivery address, with a problem for every
    /// field that is wrong.
    pub fn validated(self) -> Result<Self> {
        self.checked("", true)
    }

    /// Trimmed and checked as a billing address: no phone, and problems on
    /// the `billing_` fields.
    pub fn validated_for_billing(self) -> Result<Self> {
        self.checked("billing_", false)
    }

    fn checked(self, prefix: &str, needs_phone: bool) -> Result<Self> {
        let trim = |value: String| value.trim().to_owned();
        let address = Self {
            name: trim(self.name),
            line1: trim(self.line1),
            line2: trim(self.line2),
            city: trim(self.city),
            postal_code: trim(self.postal_code).to_uppercase(),
            country: trim(self.country).to_uppercase(),
            phone: if needs_phone {
                trim(self.phone)
            } else {
                String::new()
            },
        };
        let mut problems = Problems::default();
        let field = |name: &str| format!("{prefix}{name}");
        for (name, value, required) in [
            ("name", &address.name, msg::PROBLEM_ADDRESS_NAME),
            ("line1", &address.line1, msg::PROBLEM_ADDRESS_LINE1),
            ("city", &address.city, msg::PROBLEM_ADDRESS_CITY),
        ] {
            if value.is_empty() {
                problems.add(field(name), required);
            } else if value.chars().count() > 100 {
                problems.add(
                    field(name),
                    Text::from(msg::PROBLEM_TOO_LONG).with("max", 100),
                );
            }
        }
        if address.line2.chars().count() > 100 {
            problems.add(
                field("line2"),
                Text::from(msg::PROBLEM_TOO_LONG).with("max", 100),
            );
        }
        let postal_ok = (2..=10).contains(&address.postal_code.len())
            && address
                .postal_code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
        if !postal_ok {
            problems.add(field("postal_code"), msg::PROBLEM_POSTAL_CODE);
        }
        if !COUNTRIES.iter().any(|(code, _)| *code == address.country) {
            problems.add(field("country"), msg::PROBLEM_COUNTRY_FROM_LIST);
        }
        let digits = address.phone.chars().filter(char::is_ascii_digit).count();
        let phone_ok = (6..=15).contains(&digits)
            && address
                .phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if needs_phone && !phone_ok {
            problems.add(field("phone"), msg::PROBLEM_PHONE);
        }
        problems.finish()?;
        Ok(address)
    }
}

/// Where an order goes, whom it is billed to and in which language its
/// buyer hears about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Destination {
    pub delivery: Address,
    /// `None`: billed to the delivery address.
    pub billing: Option<Address>,
    /// Keep a new delivery address in the shopper's address book.
    pub remember: bool,
    /// The language of the checkout: the order's pages and mail use it.
    pub language: texts::Lang,
}

impl From<Address> for Destination {
    fn from(delivery: Address) -> Self {
        Self {
            delivery,
            billing: None,
            remember: true,
            language: texts::Lang::En,
        }
    }
}

impl Destination {
    /// Both addresses checked; every problem of either comes back at once.
    pub fn validated(self) -> Result<Self> {
        let delivery = self.delivery.validated();
        let billing = self.billing.map(Address::validated_for_billing).transpose();
        match (delivery, billing) {
            (Ok(delivery), Ok(billing)) => Ok(Self {
                delivery,
                billing,
                remember: self.remember,
                language: self.language,
            }),
            (Err(crate::Error::Invalid(mut first)), Err(crate::Error::Invalid(second))) => {
                first.extend(second);
                Err(crate::Error::Invalid(first))
            }
            (Err(error), _) | (_, Err(error)) => Err(error),
        }
    }
}

/// Puts the stock of the order's lines (of one store order, if given) back
/// on the shelf, one variant at a time in the order checkout locks them, so
/// the two never deadlock.
pub(crate) async fn release_stock(
    conn: &mut PgConnection,
    order_id: i64,
    store_order_id: Option<i64>,
) -> Result<()> {
    let lines = sqlx::query!(
        r#"SELECT l.variant_id, sum(l.quantity)::int AS "quantity!"
           FROM order_lines l
           JOIN store_orders so ON so.id = l.store_order_id
           JOIN product_variants v ON v.id = l.variant_id
           WHERE so.order_id = $1 AND ($2::bigint IS NULL OR so.id = $2)
           GROUP BY v.product_id, l.variant_id
           ORDER BY v.product_id, l.variant_id"#,
        order_id,
        store_order_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for line in lines {
        sqlx::query!(
            "UPDATE product_variants SET stock = stock + $2, updated_at = now() WHERE id = $1",
            line.variant_id,
            line.quantity
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Who hears of a store's orders: its active members, each with the
/// language their mail is written in.
pub(crate) async fn store_recipients(
    conn: &mut PgConnection,
    store_id: i64,
) -> Result<Vec<(String, texts::Lang)>> {
    let members = sqlx::query!(
        r#"SELECT u.email::text AS "email!", u.language
           FROM store_members m JOIN users u ON u.id = m.user_id
           WHERE m.store_id = $1 AND u.status = 'active' ORDER BY m.role, u.id"#,
        store_id
    )
    .fetch_all(conn)
    .await?;
    Ok(members
        .into_iter()
        .map(|member| {
            let lang = texts::Lang::stored(&member.language);
            (member.email, lang)
        })
        .collect())
}

/// The platform's fee on `amount` at `basis_points`, rounded half up to the cent.
pub fn platform_fee(amount: i64, basis_points: i32) -> i64 {
    (amount * i64::from(basis_points) + 5_000) / 10_000
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> Address {
        Address {
            name: " Ada Lovelace ".into(),
            line1: "12 Rue de la Paix".into(),
            line2: String::new(),
            city: "Paris".into(),
            postal_code: "75002".into(),
            country: "fr".into(),
            phone: "+33 1 23 45 67 89".into(),
        }
    }

    #[test]
    fn a_good_address_is_trimmed() {
        let address = address().validated().unwrap();
        assert_eq!(address.name, "Ada Lovelace");
        assert_eq!(address.country, "FR");
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = Address {
            name: " ".into(),
            postal_code: "7".into(),
            country: "XX".into(),
            phone: "call me".into(),
            ..address()
        };
        let crate::Error::Invalid(problems) = bad.validated().unwrap_err() else {
            panic!("expected problems");
        };
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_ref()).collect();
        assert_eq!(fields, ["name", "postal_code", "country", "phone"]);
    }

    #[test]
    fn fees_round_half_up_to_the_cent() {
        assert_eq!(platform_fee(10_000, 1000), 1000);
        assert_eq!(platform_fee(1_005, 1000), 101);
        assert_eq!(platform_fee(1_004, 1000), 100);
        assert_eq!(platform_fee(999, 0), 0);
    }
}
