//! VAT rates as the platform admin keeps them, per country and tax class.
//! Orders already placed keep the rates they were placed with.

use serde_json::json;
use sqlx::PgPool;

use crate::{
    Error, Problems, Result,
    audit::Entry,
    request::RequestMeta,
    shipping,
    vat::{Rate, TaxClass},
};
use texts::msg;

/// Sets a country's rates as a platform admin typed them (percentages);
/// an empty field removes that rate. Orders already placed keep theirs.
pub async fn set_rates(
    db: &PgPool,
    meta: &RequestMeta,
    admin: i64,
    country: &str,
    typed: &[(TaxClass, String)],
) -> Result<()> {
    if shipping::country_name(country).is_none() {
        return Err(Error::NotFound);
    }
    let mut problems = Problems::default();
    let mut rates = Vec::new();
    for (class, text) in typed {
        if text.trim().is_empty() {
            rates.push((*class, None));
        } else if let Some(rate) = Rate::parse_percent(text) {
            rates.push((*class, Some(rate)));
        } else {
            problems.add(class.as_str(), msg::PROBLEM_VAT_RATE);
        }
    }
    problems.finish()?;
    let mut tx = db.begin().await?;
    for (class, rate) in &rates {
        match rate {
            Some(rate) => {
                sqlx::query!(
                    "INSERT INTO vat_rates (country, tax_class, basis_points) VALUES ($1, $2, $3)
                 ON CONFLICT (country, tax_class) DO UPDATE
                 SET basis_points = EXCLUDED.basis_points, updated_at = now()",
                    country,
                    class.as_str(),
                    rate.basis_points()
                )
                .execute(&mut *tx)
                .await?
            }
            None => {
                sqlx::query!(
                    "DELETE FROM vat_rates WHERE country = $1 AND tax_class = $2",
                    country,
                    class.as_str()
                )
                .execute(&mut *tx)
                .await?
            }
        };
    }
    let metadata: serde_json::Map<String, serde_json::Value> = rates
        .iter()
        .map(|(class, rate)| {
            (
                class.as_str().to_owned(),
                json!(rate.map(Rate::basis_points)),
            )
        })
        .collect();
    Entry::new(Some(admin), "vat.rates_changed")
        .target(format!("country:{country}"))
        .metadata(serde_json::Value::Object(metadata))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(())
}
