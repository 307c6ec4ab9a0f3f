//! Money in integer minor units (cents), never a float. Bazaar trades in one
//! currency, the euro.

use std::fmt;

/// An amount in euro cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(pub i64);

impl Money {
    /// The ISO 4217 code of the platform currency.
    pub const CURRENCY: &'static str = "EUR";

    pub fn cents(self) -> i64 {
        self.0
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
    fn shows_cents_with_two_digits() {
        assert_eq!(Money(1999).to_string(), "€19.99");
        assert_eq!(Money(5).to_string(), "€0.05");
        assert_eq!(Money(-250).to_string(), "-€2.50");
    }
}
