//! Password hashing with argon2id (OWASP parameters: 19 MiB, two passes).

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};

use std::{collections::HashSet, sync::LazyLock};

use crate::{Error, Result};
use texts::{Text, msg};

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Bounds on a new password's length, in characters.
pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

/// Passwords attackers try first, one a line, lower-case.
const COMMON: &str = include_str!("common-passwords.txt");

fn is_common(password: &str) -> bool {
    static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        COMMON
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    });
    SET.contains(password.to_lowercase().as_str())
}

/// Checks a new password against the rules, with a message for the
/// `password` field. `email` is the address of the account it is for.
pub fn check_new(password: &str, email: &str) -> Result<()> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(Error::invalid(
            "password",
            Text::from(msg::PROBLEM_PASSWORD_SHORT).with("min", MIN_LENGTH),
        ));
    }
    if length > MAX_LENGTH {
        return Err(Error::invalid(
            "password",
            Text::from(msg::PROBLEM_TOO_LONG).with("max", MAX_LENGTH),
        ));
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err(Error::invalid("password", msg::PROBLEM_PASSWORD_IS_EMAIL));
    }
    if is_common(password) {
        return Err(Error::invalid("password", msg::PROBLEM_PASSWORD_COMMON));
    }
    Ok(())
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with a fresh random salt.
/// CPU-heavy: call it from `spawn_blocking` in request paths.
pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| Error::internal(error.to_string()))
}

/// Hashes on the blocking pool, so requests never stall the async runtime.
pub async fn hash_blocking(password: &str) -> Result<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(Error::internal)?
}

/// Verifies on the blocking pool. With no stored hash (unknown account) it
/// still does the same work, so timing does not tell whether an account exists.
pub async fn verify_blocking(password: &str, stored: Option<String>) -> Result<bool> {
    static DUMMY: LazyLock<String> =
        LazyLock::new(|| hash("an unguessable dummy password").expect("hashing works"));
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let matches = verify(&password, stored.as_deref().unwrap_or(DUMMY.as_str()));
        matches && stored.is_some()
    })
    .await
    .map_err(Error::internal)
}

/// Whether `password` matches the stored PHC string.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_follow_the_rules() {
        let email = "ada@example.com";
        assert!(check_new("short", email).is_err());
        assert!(check_new(&"x".repeat(129), email).is_err());
        assert!(check_new("Ada@Example.com", email).is_err());
        assert!(check_new("1234567890", email).is_err());
        assert!(check_new("BASKETBALL", email).is_err());
        assert!(check_new("copper kettle morning", email).is_ok());
        assert!(COMMON.lines().filter(|l| !l.starts_with('#')).count() >= 1000);
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery staple").unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse battery staple", &stored));
        assert!(!verify("correct horse battery stapler", &stored));
    }
}
