//! What Bazaar says to people from more than one crate, in every language it
//! speaks: the messages of `locales/` through [`Lang`], and the failures the
//! app's error views and the server's own small pages tell in the same words.

mod lang;

pub use lang::{FluentValue, Lang, Msg, msg};

/// One sentence per kind of failure.
pub mod errors {
    pub const BAD_REQUEST: &str = "The request could not be understood.";
    pub const NOT_FOUND: &str = "We could not find that page.";
    pub const SIGN_IN: &str = "Please sign in to continue.";
    pub const FORBIDDEN: &str = "You are not allowed to do that.";
    pub const SECOND_STEP_REQUIRED: &str =
        "This part of Bazaar needs two-step sign-in. Set it up on your security page first.";
    pub const TOO_MANY_REQUESTS: &str = "Too many requests. Please wait a moment and try again.";
    pub const UNAVAILABLE: &str = "Bazaar is briefly unavailable. Please try again shortly.";
    pub const INTERNAL: &str = "Something went wrong on our side. Please try again.";
    pub const NETWORK: &str = "We could not reach Bazaar. Check your connection and try again.";

    /// Unavailable, naming the part that is down (`the database`).
    pub fn unavailable(what: &str) -> String {
        format!("Bazaar is briefly unavailable ({what}). Please try again shortly.")
    }
}
