//! A variant's stock-keeping unit, the name sellers and their own systems
//! know it by. Checked once where it comes in; past that it is known good.

use std::fmt;
use texts::{Msg, msg};

/// 1 to 64 letters, digits, dots, hyphens and underscores, starting with a
/// letter or digit; unique within a store.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sku(String);

impl Sku {
    pub const MAX_LEN: usize = 64;

    /// The SKU in `text` (surrounding spaces ignored), or the problem to
    /// show next to the field.
    pub fn parse(text: &str) -> Result<Self, Msg> {
        let text = text.trim();
        let well_formed = text.len() <= Self::MAX_LEN
            && text
                .chars()
                .enumerate()
                .all(|(n, c)| c.is_ascii_alphanumeric() || (n > 0 && matches!(c, '.' | '_' | '-')));
        match text {
            "" => Err(msg::PROBLEM_SKU_REQUIRED),
            _ if !well_formed => Err(msg::PROBLEM_SKU_FORMAT),
            _ => Ok(Self(text.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sku {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use texts::msg;

    use super::Sku;

    #[test]
    fn skus_are_checked_once() {
        assert_eq!(Sku::parse("  NWK-1.a_2 ").unwrap().as_str(), "NWK-1.a_2");
        assert_eq!(Sku::parse(" "), Err(msg::PROBLEM_SKU_REQUIRED));
        for bad in ["-A1", "A 1", "A/1", "é1", &"A".repeat(65)] {
            assert!(Sku::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Sku::parse(&"A".repeat(64)).is_ok());
    }
}
