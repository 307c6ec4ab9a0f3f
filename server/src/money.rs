//! Money in integer minor units (cents), never a float. Bazaar trades in one
//! currency, the euro.

use std::fmt;

/// An amount in euro cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    /// The ISO 4217 code of the platform currency.
    pub const CURRENCY: &'static str = "EUR";

    pub fn cents(self) -> i64 {
        self.0
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
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}€{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Money::parse("12"), Some(Money(1200)));
        assert_eq!(Money::parse(" 12.5 "), Some(Money(1250)));
        assert_eq!(Money::parse("€12,05"), Some(Money(1205)));
        for bad in ["", "-3", "1.234", "abc", "1e3", ".5"] {
            assert_eq!(Money::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn shows_cents_with_two_digits() {
        assert_eq!(Money(1999).to_string(), "€19.99");
        assert_eq!(Money(5).to_string(), "€0.05");
        assert_eq!(Money(-250).to_string(), "-€2.50");
    }
}
