//! Shipping rates: what each store charges to deliver its part of a cart to
//! a country. A store offers, for a country, every method of every one of
//! its zones that lists the country; the cheapest applies unless the
//! shopper picked another. The cart, checkout and the order all price
//! shipping here.

use std::collections::BTreeMap;

use sqlx::PgConnection;

use texts::{Lang, msg};

use crate::{Result, money::Money};

/// The countries Bazaar ships to, by ISO code, in the order the form lists them.
pub const COUNTRIES: &[(&str, &str)] = &[
    ("AT", "Austria"),
    ("BE", "Belgium"),
    ("DE", "Germany"),
    ("DK", "Denmark"),
    ("ES", "Spain"),
    ("FI", "Finland"),
    ("FR", "France"),
    ("GB", "United Kingdom"),
    ("IE", "Ireland"),
    ("IT", "Italy"),
    ("LU", "Luxembourg"),
    ("NL", "Netherlands"),
    ("PL", "Poland"),
    ("PT", "Portugal"),
    ("SE", "Sweden"),
];

/// One way a store delivers to a zone, as its seller set it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Method {
    pub id: i64,
    pub name: String,
    pub price: Money,
    /// Free when the store's subtotal reaches this amount.
    pub free_over: Option<Money>,
    pub min_days: i32,
    pub max_days: i32,
}

impl Method {
    /// What the method costs for a store subtotal: free from the threshold
    /// on, the threshold itself included.
    pub fn price_for(&self, subtotal: Money) -> Money {
        match self.free_over {
            Some(threshold) if subtotal >= threshold => Money::from_cents(0),
            _ => self.price,
        }
    }

    /// "2–4 days", "1 day", "same day" in `lang`.
    pub fn delivery(&self, lang: Lang) -> String {
        delivery_estimate(lang, self.min_days, self.max_days)
    }
}

/// How long delivery takes, as people read it in `lang`.
pub fn delivery_estimate(lang: Lang, min_days: i32, max_days: i32) -> String {
    match (min_days, max_days) {
        (_, 0) => lang.t(msg::DELIVERY_SAME_DAY),
        (min, max) if min == max => lang.t_args(msg::DELIVERY_DAYS, &[("days", max.into())]),
        (min, max) => lang.t_args(
            msg::DELIVERY_RANGE,
            &[("min", min.into()), ("max", max.into())],
        ),
    }
}

/// A method offered for one store's part, priced for its subtotal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    pub method: Method,
    pub price: Money,
}

/// What delivering one store's part costs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Quote {
    /// No country chosen yet.
    NoCountry,
    /// The store has no rate for the country.
    NotDelivered,
    /// The methods offered, cheapest first, and the one that applies.
    Offered { offers: Vec<Offer>, chosen: usize },
}

impl Quote {
    /// The offers for `subtotal` among `methods`, with `picked` applying when
    /// it is one of them and the cheapest otherwise.
    pub fn new(methods: &[Method], subtotal: Money, picked: Option<i64>) -> Self {
        if methods.is_empty() {
            return Self::NotDelivered;
        }
        let mut offers: Vec<Offer> = methods
            .iter()
            .map(|method| Offer {
                price: method.price_for(subtotal),
                method: method.clone(),
            })
            .collect();
        offers.sort_by(|a, b| {
            (a.price, a.method.max_days, a.method.id).cmp(&(
                b.price,
                b.method.max_days,
                b.method.id,
            ))
        });
        let chosen = picked
            .and_then(|id| offers.iter().position(|offer| offer.method.id == id))
            .unwrap_or(0);
        Self::Offered { offers, chosen }
    }

    /// The offer that applies, if the store delivers.
    pub fn chosen(&self) -> Option<&Offer> {
        match self {
            Self::Offered { offers, chosen } => offers.get(*chosen),
            Self::NoCountry | Self::NotDelivered => None,
        }
    }
}

/// Every method each of `store_ids` offers for `country`, by store.
pub async fn methods_for(
    conn: &mut PgConnection,
    store_ids: &[i64],
    country: &str,
) -> Result<BTreeMap<i64, Vec<Method>>> {
    let rows = sqlx::query!(
        "SELECT z.store_id, m.id, m.name, m.price, m.free_over, m.min_days, m.max_days
         FROM shipping_methods m JOIN shipping_zones z ON z.id = m.zone_id
         WHERE z.store_id = ANY($1) AND $2 = ANY(z.countries)
         ORDER BY z.store_id, m.id",
        store_ids,
        country
    )
    .fetch_all(conn)
    .await?;
    let mut methods: BTreeMap<i64, Vec<Method>> = BTreeMap::new();
    for row in rows {
        methods.entry(row.store_id).or_default().push(Method {
            id: row.id,
            name: row.name,
            price: Money::from_cents(row.price),
            free_over: row.free_over.map(Money::from_cents),
            min_days: row.min_days,
            max_days: row.max_days,
        });
    }
    Ok(methods)
}

/// The name of a country Bazaar delivers to, from its ISO code.
pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn method(id: i64, price: i64, free_over: Option<i64>, max_days: i32) -> Method {
        Method {
            id,
            name: format!("Method {id}"),
            price: Money::from_cents(price),
            free_over: free_over.map(Money::from_cents),
            min_days: 1,
            max_days,
        }
    }

    #[test]
    fn shipping_is_free_from_the_threshold_on() {
        let method = method(1, 490, Some(5_000), 3);
        assert_eq!(
            method.price_for(Money::from_cents(4_999)),
            Money::from_cents(490)
        );
        assert_eq!(
            method.price_for(Money::from_cents(5_000)),
            Money::from_cents(0)
        );
        assert_eq!(
            method.price_for(Money::from_cents(5_001)),
            Money::from_cents(0)
        );
        assert_eq!(
            self::method(2, 490, None, 3).price_for(Money::from_cents(1_000_000)),
            Money::from_cents(490)
        );
    }

    #[test]
    fn the_cheapest_offer_applies_unless_another_was_picked() {
        let methods = [
            method(1, 990, None, 1),
            method(2, 490, None, 4),
            method(3, 490, Some(2_000), 5),
        ];
        let subtotal = Money::from_cents(2_000);
        let quote = Quote::new(&methods, subtotal, None);
        assert_eq!(quote.chosen().map(|offer| offer.method.id), Some(3));
        assert_eq!(
            quote.chosen().map(|offer| offer.price),
            Some(Money::from_cents(0))
        );
        let quote = Quote::new(&methods, subtotal, Some(1));
        assert_eq!(quote.chosen().map(|offer| offer.method.id), Some(1));
        // A pick the store no longer offers falls back to the cheapest.
        let quote = Quote::new(&methods, subtotal, Some(99));
        assert_eq!(quote.chosen().map(|offer| offer.method.id), Some(3));
        assert_eq!(Quote::new(&[], subtotal, None), Quote::NotDelivered);
    }

    #[test]
    fn delivery_reads_naturally() {
        assert_eq!(delivery_estimate(Lang::En, 2, 4), "2–4 days");
        assert_eq!(delivery_estimate(Lang::En, 1, 1), "1 day");
        assert_eq!(delivery_estimate(Lang::En, 0, 0), "same day");
        assert_eq!(delivery_estimate(Lang::Fr, 2, 4), "2 à 4 jours");
        assert_eq!(delivery_estimate(Lang::De, 3, 3), "3 Tage");
    }
}
