//! A store's shipping rates as its seller edits them: zones (a name and the
//! countries they cover) and the methods of each zone. Orders already placed
//! keep the method and price they were placed with.

use serde_json::json;
use sqlx::PgPool;

use super::StoreScope;
use crate::{
    Error, Problems, Result,
    audit::Entry,
    money::Money,
    request::RequestMeta,
    shipping::{COUNTRIES, Method},
};
use texts::{Text, msg};

/// A zone with its methods.
#[derive(Clone, Debug)]
pub struct Zone {
    pub id: i64,
    pub name: String,
    /// ISO codes, in the order of `shipping::COUNTRIES`.
    pub countries: Vec<String>,
    pub methods: Vec<Method>,
}

/// A zone as typed in its form.
#[derive(Clone, Debug, Default)]
pub struct ZoneInput {
    pub name: String,
    pub countries: Vec<String>,
}

/// A method as typed in its form.
#[derive(Clone, Debug, Default)]
pub struct MethodInput {
    pub name: String,
    pub price: String,
    /// Empty for never free.
    pub free_over: String,
    pub min_days: String,
    pub max_days: String,
}

/// The most zones a store keeps, and methods per zone: enough for any
/// European shop, few enough for one page.
pub const MAX_ZONES: i64 = 20;
pub const MAX_METHODS: i64 = 10;

fn checked_name(problems: &mut Problems, name: &str) -> String {
    let name = name.trim().to_owned();
    if name.is_empty() {
        problems.add("name", msg::PROBLEM_SHIPPING_NAME);
    } else if name.chars().count() > 60 {
        problems.add("name", Text::from(msg::PROBLEM_TOO_LONG).with("max", 60));
    }
    name
}

impl ZoneInput {
    fn checked(&self) -> Result<(String, Vec<String>)> {
        let mut problems = Problems::default();
        let name = checked_name(&mut problems, &self.name);
        let countries: Vec<String> = COUNTRIES
            .iter()
            .filter(|(code, _)| self.countries.iter().any(|chosen| chosen.trim() == *code))
            .map(|(code, _)| (*code).to_owned())
            .collect();
        if countries.is_empty() {
            problems.add("countries", msg::PROBLEM_COUNTRIES_NONE);
        } else if countries.len() != self.countries.len() {
            problems.add("countries", msg::PROBLEM_COUNTRIES_LIST);
        }
        problems.finish()?;
        Ok((name, countries))
    }
}

/// A method's figures, checked.
struct Figures {
    name: String,
    price: Money,
    free_over: Option<Money>,
    min_days: i32,
    max_days: i32,
}

impl MethodInput {
    fn checked(&self) -> Result<Figures> {
        let mut problems = Problems::default();
        let name = checked_name(&mut problems, &self.name);
        let price = Money::parse(&self.price);
        if price.is_none() {
            problems.add("price", msg::PROBLEM_SHIPPING_PRICE);
        }
        let free_over = match self.free_over.trim() {
            "" => None,
            typed => match Money::parse(typed).filter(|amount| amount.cents() > 0) {
                Some(amount) => Some(amount),
                None => {
                    problems.add("free_over", msg::PROBLEM_FREE_OVER);
                    None
                }
            },
        };
        let days = |problems: &mut Problems, field: &'static str, typed: &str| {
            let days = typed
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|d| (0..=60).contains(d));
            if days.is_none() {
                problems.add(field, msg::PROBLEM_DAYS);
            }
            days.unwrap_or_default()
        };
        let min_days = days(&mut problems, "min_days", &self.min_days);
        let max_days = days(&mut problems, "max_days", &self.max_days);
        if max_days < min_days {
            problems.add("max_days", msg::PROBLEM_MAX_DAYS);
        }
        problems.finish()?;
        Ok(Figures {
            name,
            price: price.unwrap_or_default(),
            free_over,
            min_days,
            max_days,
        })
    }
}

/// The store's zones, oldest first, each with its methods.
pub async fn zones(db: &PgPool, scope: StoreScope) -> Result<Vec<Zone>> {
    let zones = sqlx::query!(
        "SELECT id, name, countries FROM shipping_zones WHERE store_id = $1 ORDER BY id",
        scope.store_id()
    )
    .fetch_all(db)
    .await?;
    let methods = sqlx::query!(
        "SELECT m.zone_id, m.id, m.name, m.price, m.free_over, m.min_days, m.max_days
         FROM shipping_methods m JOIN shipping_zones z ON z.id = m.zone_id
         WHERE z.store_id = $1 ORDER BY m.price, m.id",
        scope.store_id()
    )
    .fetch_all(db)
    .await?;
    Ok(zones
        .into_iter()
        .map(|zone| Zone {
            methods: methods
                .iter()
                .filter(|method| method.zone_id == zone.id)
                .map(|method| Method {
                    id: method.id,
                    name: method.name.clone(),
                    price: Money::from_cents(method.price),
                    free_over: method.free_over.map(Money::from_cents),
                    min_days: method.min_days,
                    max_days: method.max_days,
                })
                .collect(),
            id: zone.id,
            name: zone.name,
            countries: zone.countries,
        })
        .collect())
}

/// Adds a zone (`zone_id` `None`) or renames it and sets its countries.
pub async fn save_zone(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    zone_id: Option<i64>,
    input: &ZoneInput,
) -> Result<i64> {
    let (name, countries) = input.checked()?;
    let mut tx = db.begin().await?;
    // Locks the store, so two additions cannot both pass the count.
    sqlx::query!(
        "SELECT id FROM stores WHERE id = $1 FOR NO KEY UPDATE",
        scope.store_id()
    )
    .fetch_one(&mut *tx)
    .await?;
    let zone_id = match zone_id {
        Some(zone_id) => sqlx::query_scalar!(
            "UPDATE shipping_zones SET name = $3, countries = $4
             WHERE id = $1 AND store_id = $2 RETURNING id",
            zone_id,
            scope.store_id(),
            name,
            &countries
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?,
        None => {
            let count = sqlx::query_scalar!(
                r#"SELECT count(*) AS "count!" FROM shipping_zones WHERE store_id = $1"#,
                scope.store_id()
            )
            .fetch_one(&mut *tx)
            .await?;
            if count >= MAX_ZONES {
                return Err(Error::conflict(
                    Text::from(msg::PROBLEM_ZONES_MAX).with("max", MAX_ZONES),
                ));
            }
            sqlx::query_scalar!(
                "INSERT INTO shipping_zones (store_id, name, countries) VALUES ($1, $2, $3)
                 RETURNING id",
                scope.store_id(),
                name,
                &countries
            )
            .fetch_one(&mut *tx)
            .await?
        }
    };
    Entry::new(Some(scope.actor()), "store.shipping_zone_saved")
        .target(format!("shipping_zone:{zone_id}"))
        .store(scope.store_id())
        .metadata(json!({ "name": name, "countries": countries }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(zone_id)
}

/// Removes a zone with its methods.
pub async fn delete_zone(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    zone_id: i64,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let name = sqlx::query_scalar!(
        "DELETE FROM shipping_zones WHERE id = $1 AND store_id = $2 RETURNING name",
        zone_id,
        scope.store_id()
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    Entry::new(Some(scope.actor()), "store.shipping_zone_deleted")
        .target(format!("shipping_zone:{zone_id}"))
        .store(scope.store_id())
        .metadata(json!({ "name": name }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a method to one of the store's zones.
pub async fn add_method(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    zone_id: i64,
    input: &MethodInput,
) -> Result<i64> {
    let figures = input.checked()?;
    let mut tx = db.begin().await?;
    sqlx::query!(
        "SELECT id FROM shipping_zones WHERE id = $1 AND store_id = $2 FOR NO KEY UPDATE",
        zone_id,
        scope.store_id()
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    let count = sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM shipping_methods WHERE zone_id = $1"#,
        zone_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if count >= MAX_METHODS {
        return Err(Error::conflict(
            Text::from(msg::PROBLEM_METHODS_MAX).with("max", MAX_METHODS),
        ));
    }
    let method_id = sqlx::query_scalar!(
        "INSERT INTO shipping_methods (zone_id, name, price, free_over, min_days, max_days)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        zone_id,
        figures.name,
        figures.price.cents(),
        figures.free_over.map(Money::cents),
        figures.min_days,
        figures.max_days
    )
    .fetch_one(&mut *tx)
    .await?;
    Entry::new(Some(scope.actor()), "store.shipping_method_added")
        .target(format!("shipping_method:{method_id}"))
        .store(scope.store_id())
        .metadata(json!({
            "zone_id": zone_id,
            "name": figures.name,
            "price": figures.price.cents(),
            "free_over": figures.free_over.map(Money::cents),
        }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(method_id)
}

/// Removes a method; carts that had picked it fall back to the cheapest.
pub async fn delete_method(
    db: &PgPool,
    meta: &RequestMeta,
    scope: StoreScope,
    method_id: i64,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let name = sqlx::query_scalar!(
        "DELETE FROM shipping_methods m USING shipping_zones z
         WHERE m.id = $1 AND z.id = m.zone_id AND z.store_id = $2 RETURNING m.name",
        method_id,
        scope.store_id()
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    Entry::new(Some(scope.actor()), "store.shipping_method_deleted")
        .target(format!("shipping_method:{method_id}"))
        .store(scope.store_id())
        .metadata(json!({ "name": name }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(error: Error) -> Vec<String> {
        let Error::Invalid(problems) = error else {
            panic!("expected problems, got {error:?}");
        };
        problems.iter().map(|p| p.field.to_string()).collect()
    }

    #[test]
    fn a_method_needs_a_name_a_price_and_sensible_days() {
        let good = MethodInput {
            name: " Colissimo ".into(),
            price: "4,90".into(),
            free_over: "50".into(),
            min_days: "2".into(),
            max_days: "4".into(),
        };
        let figures = good.checked().unwrap();
        assert_eq!(figures.name, "Colissimo");
        assert_eq!(figures.price, Money::from_cents(490));
        assert_eq!(figures.free_over, Some(Money::from_cents(5_000)));
        let bad = MethodInput {
            name: " ".into(),
            price: "-1".into(),
            free_over: "0".into(),
            min_days: "5".into(),
            max_days: "2".into(),
        };
        assert_eq!(
            fields(bad.checked().err().unwrap()),
            ["name", "price", "free_over", "max_days"]
        );
    }

    #[test]
    fn a_zone_covers_known_countries_only() {
        let zone = ZoneInput {
            name: "Benelux".into(),
            countries: vec!["NL".into(), "BE".into(), "LU".into()],
        };
        assert_eq!(zone.checked().unwrap().1, ["BE", "LU", "NL"]);
        let unknown = ZoneInput {
            name: "Far".into(),
            countries: vec!["US".into()],
        };
        assert_eq!(fields(unknown.checked().err().unwrap()), ["countries"]);
    }
}
