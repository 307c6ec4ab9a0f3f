//! `SECRETS_KEY`: the key that seals secrets Bazaar must read back (an
//! authenticator app's shared secret) and keys digests an attacker with a
//! copy of the database must not be able to search (recovery codes).
//! Sealing is AES-256-GCM from `ring` with a random nonce per value, bound
//! to what the value belongs to, so a sealed value copied to another row
//! does not open.

use std::fmt;

use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, Mac};
use ring::{
    aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey},
    rand::{SecureRandom, SystemRandom},
};
use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// The 32-byte key, read from base64. It never prints.
#[derive(Clone)]
pub struct SecretsKey([u8; 32]);

impl fmt::Debug for SecretsKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretsKey([REDACTED])")
    }
}

impl SecretsKey {
    /// The key of machines without `SECRETS_KEY` (dev and test). It is
    /// public, so production refuses to start without a key of its own.
    pub fn local() -> Self {
        Self(Sha256::digest(b"bazaar local secrets key, public, never for production").into())
    }

    /// Reads a key written as base64 of 32 bytes (`openssl rand -base64 32`).
    pub fn from_base64(text: &str) -> std::result::Result<Self, String> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| "expected base64 (openssl rand -base64 32)".to_owned())?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|bytes: Vec<u8>| format!("expected 32 bytes, found {}", bytes.len()))?;
        Ok(Self(key))
    }

    fn aead(&self) -> LessSafeKey {
        LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &self.0).expect("a 32-byte AES-256 key"))
    }

    /// `plain` sealed for `owner` (such as `totp:42`): nonce, then the
    /// ciphertext with its tag.
    pub fn seal(&self, owner: &str, plain: &[u8]) -> Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| Error::internal("no randomness for a nonce"))?;
        let mut sealed = plain.to_vec();
        self.aead()
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(owner.as_bytes()),
                &mut sealed,
            )
            .map_err(|_| Error::internal("sealing failed"))?;
        Ok([nonce.as_slice(), &sealed].concat())
    }

    /// What [`seal`](Self::seal) sealed for `owner`; an error when the value
    /// was sealed for someone else, altered, or sealed with another key.
    pub fn open(&self, owner: &str, sealed: &[u8]) -> Result<Vec<u8>> {
        if sealed.len() < NONCE_LEN {
            return Err(Error::internal("sealed value too short"));
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce)
            .map_err(|_| Error::internal("sealed value without a nonce"))?;
        let mut buffer = ciphertext.to_vec();
        let plain = self
            .aead()
            .open_in_place(nonce, Aad::from(owner.as_bytes()), &mut buffer)
            .map_err(|_| Error::internal("a sealed value does not open with SECRETS_KEY"))?;
        Ok(plain.to_vec())
    }

    /// A digest of `value` that only holders of the key can compute, for
    /// random codes that are looked up but never read back.
    pub fn digest(&self, purpose: &str, value: &str) -> Vec<u8> {
        self.mac(purpose, value).finalize().into_bytes().to_vec()
    }

    /// Whether `digest` is the [`digest`](Self::digest) of `value` for
    /// `purpose`, compared in constant time: for values signed and handed
    /// out, such as a guest's order link.
    pub fn verifies(&self, purpose: &str, value: &str, digest: &[u8]) -> bool {
        self.mac(purpose, value).verify_slice(digest).is_ok()
    }

    fn mac(&self, purpose: &str, value: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(value.as_bytes());
        mac
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_for_its_owner_and_key() {
        let key = SecretsKey::local();
        let sealed = key.seal("totp:1", b"shared secret").unwrap();
        assert!(!sealed.windows(13).any(|w| w == b"shared secret"));
        assert_eq!(key.open("totp:1", &sealed).unwrap(), b"shared secret");
        assert!(key.open("totp:2", &sealed).is_err(), "another owner");
        let other = SecretsKey::from_base64(&STANDARD.encode([7u8; 32])).unwrap();
        assert!(other.open("totp:1", &sealed).is_err(), "another key");
        let mut altered = sealed.clone();
        *altered.last_mut().unwrap() ^= 1;
        assert!(key.open("totp:1", &altered).is_err(), "altered");
    }

    #[test]
    fn two_seals_of_one_value_differ() {
        let key = SecretsKey::local();
        assert_ne!(key.seal("a", b"x").unwrap(), key.seal("a", b"x").unwrap());
    }

    #[test]
    fn keys_are_32_bytes_of_base64_and_never_print() {
        assert!(SecretsKey::from_base64("not base64!").is_err());
        assert!(
            SecretsKey::from_base64(&STANDARD.encode([1u8; 16]))
                .unwrap_err()
                .contains("16")
        );
        let key = SecretsKey::from_base64(&STANDARD.encode([1u8; 32])).unwrap();
        assert_eq!(format!("{key:?}"), "SecretsKey([REDACTED])");
    }

    #[test]
    fn digests_depend_on_key_and_purpose() {
        let key = SecretsKey::local();
        let other = SecretsKey::from_base64(&STANDARD.encode([7u8; 32])).unwrap();
        assert_eq!(key.digest("recovery", "abc"), key.digest("recovery", "abc"));
        assert_ne!(
            key.digest("recovery", "abc"),
            other.digest("recovery", "abc")
        );
        assert_ne!(key.digest("recovery", "abc"), key.digest("other", "abc"));
    }

    #[test]
    fn a_digest_verifies_only_its_value() {
        let key = SecretsKey::local();
        let digest = key.digest("guest-order", "BZ-001000:1:1700000000");
        assert!(key.verifies("guest-order", "BZ-001000:1:1700000000", &digest));
        assert!(!key.verifies("guest-order", "BZ-001000:2:1700000000", &digest));
        assert!(!key.verifies("recovery", "BZ-001000:1:1700000000", &digest));
        assert!(!key.verifies("guest-order", "BZ-001000:1:1700000000", &digest[..16]));
    }
}
