//! The languages Bazaar speaks: English (the default, unprefixed URLs),
//! French under `/fr/…` and German under `/de/…`; how a browser's
//! `Accept-Language` picks one; and each one's messages, from
//! `locales/{code}/*.ftl` (Fluent), compiled into the binary.

use std::{borrow::Cow, collections::HashMap, fmt, str::FromStr};

pub use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Placeables are not wrapped in bidirectional isolation marks: every
        // language here is written left to right, and the marks would end
        // up in attributes and mail.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A message's id, checked against the English messages at build time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Msg(&'static str);

impl Msg {
    pub fn id(self) -> &'static str {
        self.0
    }
}

include!(concat!(env!("OUT_DIR"), "/msg.rs"));

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::De];

    /// The ISO 639-1 code, as in `lang="fr"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
            Self::De => "de",
        }
    }

    /// The language's own name, as a switcher offers it.
    pub fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Fr => "Français",
            Self::De => "Deutsch",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(code.trim()))
    }

    /// A language read back from storage, where a check constraint keeps
    /// the code one of Bazaar's; English should anything else turn up.
    pub fn stored(code: &str) -> Self {
        Self::from_code(code).unwrap_or_default()
    }

    /// What its pages' paths start with: nothing for English.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::En => "",
            Self::Fr => "/fr",
            Self::De => "/de",
        }
    }

    /// The language a path is in, and the path without its prefix:
    /// `/fr/products` is French `/products`, `/fr` French `/`.
    pub fn of_path(path: &str) -> (Self, &str) {
        for lang in [Self::Fr, Self::De] {
            if let Some(rest) = path.strip_prefix(lang.prefix()) {
                if rest.is_empty() {
                    return (lang, "/");
                }
                if rest.starts_with('/') {
                    return (lang, rest);
                }
            }
        }
        (Self::En, path)
    }

    /// `path` (unprefixed, starting with `/`) in this language.
    pub fn path(self, path: &str) -> String {
        format!("{}{path}", self.prefix())
    }

    /// The language an `Accept-Language` header prefers among Bazaar's,
    /// English when it names none of them.
    pub fn negotiate(accept_language: &str) -> Self {
        let requested = fluent_langneg::accepted_languages::parse(accept_language);
        let available: Vec<LanguageIdentifier> = Self::ALL.iter().map(|lang| lang.id()).collect();
        let default = langid!("en");
        fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Lookup,
        )
        .first()
        .and_then(|id| Self::from_code(id.language.as_str()))
        .unwrap_or_default()
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Self::En => langid!("en"),
            Self::Fr => langid!("fr"),
            Self::De => langid!("de"),
        }
    }

    /// The message in this language.
    pub fn t(self, msg: Msg) -> String {
        LOCALES.lookup(&self.id(), msg.0)
    }

    /// The message in this language with its variables, such as
    /// `[("count", 2.into())]`; plural forms follow the language's rules.
    pub fn t_args(self, msg: Msg, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        LOCALES.lookup_with_args(&self.id(), msg.0, &args)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = ();

    fn from_str(code: &str) -> Result<Self, ()> {
        Self::from_code(code).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that read the same in every language.
    const SAME_EVERYWHERE: &[&str] = &["brand", "lang-name-en", "lang-name-fr", "lang-name-de"];
    /// Words one language shares with English.
    const SAME_AS_ENGLISH: &[(Lang, &str)] = &[
        (Lang::De, "material"),
        (Lang::Fr, "payment-page-total"),
        (Lang::Fr, "page-number"),
        (Lang::De, "column-status"),
        (Lang::De, "passkeys"),
    ];

    #[test]
    fn every_message_is_translated() {
        // A value for every variable any message takes; a message ignores
        // the others, and one whose variable is missing here fails.
        let args: Vec<(&str, FluentValue)> = vec![
            ("count", 2.into()),
            ("vat", "€2.00".into()),
            ("title", "Mug".into()),
            ("store", "Atelier".into()),
            ("country", "Belgium".into()),
            ("number", 1.into()),
            ("alt", "A blue mug".into()),
            ("words", "mug".into()),
            ("category", "Ceramics".into()),
            ("price", "10".into()),
            ("page", 1.into()),
            ("pages", 3.into()),
            ("amount", "1,234.50".into()),
            ("email", "robin@example.com".into()),
            ("total", "€12.00".into()),
            ("date", "2 May 2026, 14:30".into()),
            ("carrier", "La Poste".into()),
            ("name", "Robin".into()),
            ("minutes", 30.into()),
            ("who", "robin@example.com".into()),
            ("left", 7.into()),
            ("quantity", 2.into()),
            ("item", "Mug (Blue)".into()),
            ("unit", "€6.00".into()),
            ("method", "Colissimo".into()),
            ("delivery", "2–4 days".into()),
            ("address", "Robin, 1 rue Haute, 75001 Paris, FR".into()),
            ("phone", "+33 1 23 45 67 89".into()),
            ("tracking", "LP123".into()),
            ("refunded", "€6.00".into()),
            ("days", 90.into()),
            ("min", 2.into()),
            ("what", "the database".into()),
            ("items", 3.into()),
            ("stores", 2.into()),
            ("max", 4.into()),
            ("scope", "catalog:write".into()),
            ("limit", 60.into()),
            ("seconds", 5.into()),
            ("slug", "ceramics".into()),
            ("has", "products".into()),
            ("status", "paid".into()),
            ("action", "shipped".into()),
            ("stock", 3.into()),
            ("in_cart", 2.into()),
            ("asked", 4.into()),
            ("reason", "already refunded".into()),
            ("option", "Colour".into()),
            ("sku", "MUG-1".into()),
            ("line", "Colour blue".into()),
            ("current", 5.into()),
            ("was", "€12.00".into()),
            ("now", "€15.00".into()),
            ("device", "Firefox on Linux".into()),
            ("ip", "192.0.2.1".into()),
        ];
        let text = |lang: Lang, msg: Msg| {
            LOCALES
                .try_lookup_with_args(
                    &lang.id(),
                    msg.id(),
                    &args
                        .iter()
                        .cloned()
                        .map(|(k, v)| (Cow::Borrowed(k), v))
                        .collect(),
                )
                .unwrap_or_else(|| panic!("{lang}: {} does not format", msg.id()))
        };
        for lang in [Lang::Fr, Lang::De] {
            for msg in msg::ALL {
                let translated = text(lang, *msg);
                assert!(
                    !translated.trim().is_empty(),
                    "{lang}: {} is empty",
                    msg.id()
                );
                if !SAME_EVERYWHERE.contains(&msg.id())
                    && !SAME_AS_ENGLISH.contains(&(lang, msg.id()))
                {
                    assert_ne!(
                        translated,
                        text(Lang::En, *msg),
                        "{lang}: {} is English",
                        msg.id()
                    );
                }
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let items = |lang: Lang, count: i64| {
            let word = lang.t_args(msg::ITEMS, &[("count", count.into())]);
            format!("{count} {word}")
        };
        assert_eq!(items(Lang::En, 1), "1 item");
        assert_eq!(items(Lang::En, 2), "2 items");
        assert_eq!(items(Lang::Fr, 1), "1 article");
        assert_eq!(items(Lang::Fr, 2), "2 articles");
        assert_eq!(items(Lang::De, 1), "1 Artikel");
        assert_eq!(items(Lang::De, 2), "2 Artikel");
    }

    #[test]
    fn paths_carry_the_language() {
        assert_eq!(Lang::of_path("/fr/products"), (Lang::Fr, "/products"));
        assert_eq!(Lang::of_path("/fr"), (Lang::Fr, "/"));
        assert_eq!(Lang::of_path("/de/"), (Lang::De, "/"));
        assert_eq!(Lang::of_path("/products"), (Lang::En, "/products"));
        assert_eq!(Lang::of_path("/french-press"), (Lang::En, "/french-press"));
        assert_eq!(Lang::Fr.path("/p/mug"), "/fr/p/mug");
        assert_eq!(Lang::En.path("/p/mug"), "/p/mug");
    }

    #[test]
    fn the_browser_language_picks_one_of_ours() {
        assert_eq!(Lang::negotiate("fr-FR,fr;q=0.9,en;q=0.8"), Lang::Fr);
        assert_eq!(Lang::negotiate("de-CH, en;q=0.5"), Lang::De);
        assert_eq!(Lang::negotiate("es-ES,es;q=0.9"), Lang::En);
        assert_eq!(Lang::negotiate("it, de;q=0.7, fr;q=0.3"), Lang::De);
        assert_eq!(Lang::negotiate(""), Lang::En);
    }
}
