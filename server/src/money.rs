//! Money in integer minor units (cents), never a float. Bazaar trades in one
//! currency, the euro. The amount is private: it is made from cents or from
//! what a person typed, and written out by the formatters here.

use std::{
    fmt,
    iter::Sum,
    ops::{Add, AddAssign, Sub, SubAssign},
    sync::LazyLock,
};

use icu_decimal::{DecimalFormatter, input::Decimal};
use icu_locale_core::Locale;
use texts::{Lang, msg};

/// An amount in euro cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

impl Money {
    /// The ISO 4217 code of the platform currency.
    pub const CURRENCY: &'static str = "EUR";

    pub const fn from_cents(cents: i64) -> Self {
        Self(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    /// The amount as a plain decimal, `12.50` or `-2.50`: for forms, CSV
    /// and structured data, where the currency is said elsewhere.
    pub fn decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// An amount as people type it: `12`, `12.5`, `12,50`, `€12.50`.
    /// `None` for anything else, negative amounts included.
    pub fn parse(input: &str) -> Option<Self> {
        let input = input.trim().trim_start_matches('€').trim();
        let (whole, fraction) = match input.split_once(['.', ',']) {
            Some((whole, fraction)) => (whole, fraction),
            None => (input, ""),
        };
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 2 {
            return None;
        }
        let euros: i64 = whole.parse().ok()?;
        let cents: i64 = format!("{fraction:0<2}").parse().ok()?;
        euros.checked_mul(100)?.checked_add(cents).map(Self)
    }

    /// The amount as readers of `lang` write it: the digits by the Unicode
    /// CLDR's rules for the language (through ICU4X), the currency where
    /// the language's `money` message puts it. `€1,234.50`, `1 234,50 €`,
    /// `1.234,50 €`; a minus sign leads.
    pub fn localized(self, lang: Lang) -> String {
        let mut amount = Decimal::from(self.0.unsigned_abs());
        amount.multiply_pow10(-2);
        let digits = digits_of(lang).format(&amount).to_string();
        let text = lang.t_args(msg::MONEY, &[("amount", digits.into())]);
        if self.0 < 0 { format!("-{text}") } else { text }
    }
}

/// Each language's number formatter, made once.
fn digits_of(lang: Lang) -> &'static DecimalFormatter {
    static FORMATTERS: LazyLock<Vec<(Lang, DecimalFormatter)>> = LazyLock::new(|| {
        Lang::ALL
            .into_iter()
            .map(|lang| {
                let locale: Locale = lang.code().parse().expect("a language code is a locale");
                let formatter = DecimalFormatter::try_new(locale.into(), Default::default())
                    .expect("ICU4X's built-in data covers every language Bazaar speaks");
                (lang, formatter)
            })
            .collect()
    });
    FORMATTERS
        .iter()
        .find(|(each, _)| *each == lang)
        .map(|(_, formatter)| formatter)
        .expect("a formatter per language")
}

/// `€12.50`, `-€2.50`, `€1,234.50`: the amount as English readers write it.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl Add for Money {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        Self(self.0 + other.0)
    }
}

impl Sub for Money {
    type Output = Self;

    fn sub(self, other: Self) -> Self {
        Self(self.0 - other.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Self) {
        self.0 += other.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, other: Self) {
        self.0 -= other.0;
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Self>>(amounts: I) -> Self {
        Self(amounts.map(|amount| amount.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Money::parse("12"), Some(Money::from_cents(1200)));
        assert_eq!(Money::parse(" 12.5 "), Some(Money::from_cents(1250)));
        assert_eq!(Money::parse("€12,05"), Some(Money::from_cents(1205)));
        for bad in ["", "-3", "1.234", "abc", "1e3", ".5"] {
            assert_eq!(Money::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn shows_cents_with_two_digits() {
        assert_eq!(Money::from_cents(1999).to_string(), "€19.99");
        assert_eq!(Money::from_cents(5).to_string(), "€0.05");
        assert_eq!(Money::from_cents(-250).to_string(), "-€2.50");
        assert_eq!(Money::from_cents(-250).decimal(), "-2.50");
        assert_eq!(Money::from_cents(1205).decimal(), "12.05");
    }

    #[test]
    fn each_language_writes_money_its_own_way() {
        let amount = Money::from_cents(123_450);
        assert_eq!(amount.localized(Lang::En), "€1,234.50");
        // French groups thousands with a narrow no-break space and keeps
        // the euro sign apart with a no-break space.
        assert_eq!(amount.localized(Lang::Fr), "1\u{202f}234,50\u{a0}€");
        assert_eq!(amount.localized(Lang::De), "1.234,50\u{a0}€");
        assert_eq!(Money::from_cents(-250).localized(Lang::De), "-2,50\u{a0}€");
        assert_eq!(Money::from_cents(5).localized(Lang::Fr), "0,05\u{a0}€");
        assert_eq!(Money::from_cents(100_000).to_string(), "€1,000.00");
    }
}
