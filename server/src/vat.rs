//! VAT. Prices include it, the European way; what a line holds is worked
//! out per line for the delivery country's rate of the product's tax class,
//! rounded half up to the cent, and stored with the order. Shipping is
//! taxed at the country's standard rate.

use std::{collections::BTreeMap, fmt};

use sqlx::{PgConnection, PgPool};

use crate::{Result, money::Money};

/// Which of a country's rates applies to a product.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaxClass {
    #[default]
    Standard,
    /// Books, food and the like, where the country has a lower rate.
    Reduced,
}

impl TaxClass {
    pub const ALL: [Self; 2] = [Self::Standard, Self::Reduced];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Reduced => "reduced",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|class| class.as_str() == text.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "Standard rate",
            Self::Reduced => "Reduced rate",
        }
    }
}

/// A VAT rate in basis points: 2000 is 20 %, 550 is 5.5 %.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(i32);

impl Rate {
    pub const ZERO: Self = Self(0);

    /// `basis_points` from 0 to 10,000; anything else is no rate.
    pub fn from_basis_points(basis_points: i32) -> Option<Self> {
        (0..=10_000)
            .contains(&basis_points)
            .then_some(Self(basis_points))
    }

    pub fn basis_points(self) -> i32 {
        self.0
    }

    /// A percentage as people type it: `20`, `5.5`, `5,5`.
    pub fn parse_percent(text: &str) -> Option<Self> {
        let text = text.trim().trim_end_matches('%').trim();
        let (whole, fraction) = text.split_once(['.', ',']).unwrap_or((text, ""));
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !digits(whole) || !(fraction.is_empty() || digits(fraction)) || fraction.len() > 2 {
            return None;
        }
        let basis_points = whole.parse::<i32>().ok()?.checked_mul(100)?
            + format!("{fraction:0<2}").parse::<i32>().ok()?;
        Self::from_basis_points(basis_points)
    }

    /// The VAT held in `gross`, a price including it, rounded half up to
    /// the cent.
    pub fn included_in(self, gross: Money) -> Money {
        let (gross, rate) = (i128::from(gross.cents()), i128::from(self.0));
        let divisor = 10_000 + rate;
        let vat = (2 * gross * rate + divisor) / (2 * divisor);
        Money::from_cents(i64::try_from(vat).unwrap_or(i64::MAX))
    }
}

/// `20 %`, `5.5 %`.
impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / 100, self.0 % 100);
        match fraction {
            0 => write!(f, "{whole} %"),
            f10 if f10 % 10 == 0 => write!(f, "{whole}.{} %", f10 / 10),
            _ => write!(f, "{whole}.{fraction:02} %"),
        }
    }
}

/// A country's rates; a class without one holds no VAT.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CountryRates(BTreeMap<TaxClass, Rate>);

impl CountryRates {
    /// The rate of `class`, if the country has one.
    pub fn get(&self, class: TaxClass) -> Option<Rate> {
        self.0.get(&class).copied()
    }

    pub fn of(&self, class: TaxClass) -> Rate {
        self.0.get(&class).copied().unwrap_or(Rate::ZERO)
    }

    /// Shipping follows the standard rate.
    pub fn shipping(&self) -> Rate {
        self.of(TaxClass::Standard)
    }
}

/// The rates of `country`.
pub async fn rates_for(conn: &mut PgConnection, country: &str) -> Result<CountryRates> {
    let rows = sqlx::query!(
        "SELECT tax_class, basis_points FROM vat_rates WHERE country = $1",
        country
    )
    .fetch_all(conn)
    .await?;
    Ok(CountryRates(
        rows.into_iter()
            .filter_map(|row| {
                Some((
                    TaxClass::parse(&row.tax_class)?,
                    Rate::from_basis_points(row.basis_points)?,
                ))
            })
            .collect(),
    ))
}

/// Every country's rates, by ISO code.
pub async fn table(db: &PgPool) -> Result<BTreeMap<String, CountryRates>> {
    let rows =
        sqlx::query!("SELECT country, tax_class, basis_points FROM vat_rates ORDER BY country")
            .fetch_all(db)
            .await?;
    let mut table: BTreeMap<String, CountryRates> = BTreeMap::new();
    for row in rows {
        if let (Some(class), Some(rate)) = (
            TaxClass::parse(&row.tax_class),
            Rate::from_basis_points(row.basis_points),
        ) {
            table.entry(row.country).or_default().0.insert(class, rate);
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vat(cents: i64, basis_points: i32) -> i64 {
        Rate::from_basis_points(basis_points)
            .unwrap()
            .included_in(Money::from_cents(cents))
            .cents()
    }

    #[test]
    fn vat_is_worked_out_per_line_and_rounded_half_up() {
        // 3 × €0.99 at 5.5 %: 2.97 × 5.5 / 105.5 = 0.1548…
        assert_eq!(vat(3 * 99, 550), 15);
        // €12.00 at 20 %: exactly 2.00.
        assert_eq!(vat(1200, 2000), 200);
        // A half cent rounds up: €0.09 at 20 % holds 0.015 → 0.02.
        assert_eq!(vat(9, 2000), 2);
        // Otherwise to the nearest: €0.63 at 21 % holds 0.1093… → 0.11;
        // €0.10 at 5.5 % holds 0.0052… → 0.01.
        assert_eq!(vat(63, 2100), 11);
        assert_eq!(vat(10, 550), 1);
        // A free line (a 100 % discount) and a zero rate hold none.
        assert_eq!(vat(0, 2000), 0);
        assert_eq!(vat(1999, 0), 0);
    }

    #[test]
    fn percentages_read_as_people_type_them() {
        let rate = |text: &str| Rate::parse_percent(text).map(Rate::basis_points);
        assert_eq!(rate("20"), Some(2000));
        assert_eq!(rate("5.5"), Some(550));
        assert_eq!(rate("5,5 %"), Some(550));
        assert_eq!(rate("25.5"), Some(2550));
        assert_eq!(rate("0"), Some(0));
        for bad in ["", "-1", "101", "5.555", "abc", "."] {
            assert_eq!(rate(bad), None, "{bad:?}");
        }
        assert_eq!(Rate::from_basis_points(550).unwrap().to_string(), "5.5 %");
        assert_eq!(Rate::from_basis_points(2000).unwrap().to_string(), "20 %");
        assert_eq!(Rate::from_basis_points(2550).unwrap().to_string(), "25.5 %");
        assert_eq!(
            Rate::from_basis_points(1225).unwrap().to_string(),
            "12.25 %"
        );
    }
}
