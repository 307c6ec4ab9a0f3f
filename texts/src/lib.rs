//! What Bazaar says to people from more than one crate, in every language it
//! speaks: the messages of `locales/` through [`Lang`].

mod lang;
mod text;

pub use lang::{FluentValue, Lang, Msg, msg};
pub use text::{Text, Value};
