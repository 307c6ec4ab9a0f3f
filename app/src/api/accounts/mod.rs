//! Accounts: registering, signing in and out, recovering a password, the
//! person's own profile and sessions; the form names and rules they share.

pub mod addresses;
pub mod api_tokens;
pub mod login;
pub mod passkeys;
pub mod profile;
pub mod recovery;
pub mod registration;
pub mod sessions;
pub mod two_step;

/// Form names, which key the flash of each form.
pub mod forms {
    pub const REGISTER: &str = "register";
    pub const LOGIN: &str = "login";
    pub const SECOND_STEP: &str = "second-step";
    pub const TWO_STEP: &str = "two-step";
    pub const PASSKEY: &str = "passkey";
    pub const VERIFY: &str = "verify-email";
    pub const VERIFY_LINK: &str = "verify-email-link";
    pub const RESEND: &str = "resend-verification";
    pub const FORGOT: &str = "forgot-password";
    pub const RESET: &str = "reset-password";
    pub const PROFILE: &str = "profile";
    pub const EMAIL: &str = "change-email";
    pub const PASSWORD: &str = "change-password";
    pub const DEACTIVATE: &str = "deactivate";
    pub const DELETE: &str = "delete-account";
    pub const API_TOKEN: &str = "api-token";
    pub const ADDRESSES: &str = "addresses";
}

/// Where to go after signing in: only a path on this site, never another
/// site (no open redirect).
pub fn safe_next(next: &str) -> String {
    let next = next.trim();
    let same_site = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains(['\r', '\n', '\t'])
        && !next.contains("://");
    if same_site {
        next.to_owned()
    } else {
        "/account".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next("/seller?tab=1"), "/seller?tab=1");
        for hostile in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "",
            "evil",
            "/a\r\nb",
        ] {
            assert_eq!(safe_next(hostile), "/account", "{hostile:?}");
        }
    }
}
