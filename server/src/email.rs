//! An email address, normalised once at the edge and trusted after.

use std::fmt;

use crate::{Error, Result};
use texts::msg;

/// A syntactically valid, trimmed, lower-cased email address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Accepts what people type (surrounding spaces, capitals) and refuses
    /// what cannot be an address, with a message for the `email` field.
    pub fn parse(input: &str) -> Result<Self> {
        let email = input.trim().to_lowercase();
        let invalid = || Error::invalid("email", msg::PROBLEM_EMAIL_FORMAT);
        if email.is_empty() {
            return Err(Error::invalid("email", msg::PROBLEM_EMAIL_REQUIRED));
        }
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = email.rsplit_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(invalid());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_lowercases() {
        assert_eq!(
            Email::parse("  Ada@Example.COM ").unwrap().as_str(),
            "ada@example.com"
        );
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for input in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a b@example.com",
            "ada@exa..mple.com",
        ] {
            let error = Email::parse(input).unwrap_err();
            assert!(
                matches!(&error, Error::Invalid(problems) if problems[0].field == "email"),
                "{input:?} was accepted"
            );
        }
    }
}
