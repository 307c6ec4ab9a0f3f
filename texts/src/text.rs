//! A message with its values, kept until the reader's language is known: a
//! service states a rule's refusal once, and each entry point (page, server
//! function, API) says it in the language of whoever asked.

use crate::{FluentValue, Lang, Msg};

/// A message and the values of its variables.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    msg: Msg,
    args: Vec<(&'static str, Value)>,
}

/// A variable's value. Kept apart from Fluent's own type, which can hold
/// values that are not `Sync`, so errors carrying a text can be shared.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Num(i64),
    /// Another message, said in the same language.
    Msg(Msg),
}

impl Text {
    /// The message with a variable set, such as
    /// `Text::from(msg::TOO_LONG).with("max", 80)`.
    pub fn with(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message's id, which programs and tests can match on.
    pub fn msg(&self) -> Msg {
        self.msg
    }

    /// The text in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        if self.args.is_empty() {
            return lang.t(self.msg);
        }
        let args: Vec<(&'static str, FluentValue<'static>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Value::Str(text) => FluentValue::from(text.clone()),
                    // Fluent writes numbers without grouping; from a thousand
                    // on (where every language here takes its `other` plural
                    // form anyway) they are grouped the reader's way.
                    Value::Num(number) if number.abs() >= 1000 => {
                        FluentValue::from(grouped(*number, lang))
                    }
                    Value::Num(number) => FluentValue::from(*number),
                    Value::Msg(msg) => FluentValue::from(lang.t(*msg)),
                };
                (*name, value)
            })
            .collect();
        lang.t_args(self.msg, &args)
    }
}

/// `20000` as `20,000`, `20 000` (narrow no-break space) or `20.000`.
fn grouped(number: i64, lang: Lang) -> String {
    let separator = match lang {
        Lang::En => ",",
        Lang::Fr => "\u{202f}",
        Lang::De => ".",
    };
    let digits = number.unsigned_abs().to_string();
    let mut out = String::new();
    if number < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

impl From<Msg> for Text {
    fn from(msg: Msg) -> Self {
        Self {
            msg,
            args: Vec::new(),
        }
    }
}

impl From<Msg> for Value {
    fn from(msg: Msg) -> Self {
        Self::Msg(msg)
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Self::Str(text)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Self::Str(text.to_owned())
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(number: $t) -> Self {
                Self::Num(i64::try_from(number).unwrap_or(i64::MAX))
            }
        }
    )*};
}
numbers!(i32, i64, u32, u64, usize);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg;

    #[test]
    fn a_text_is_said_in_each_language_with_its_values() {
        let text = Text::from(msg::PROBLEM_TOO_LONG).with("max", 80);
        assert_eq!(text.say(Lang::En), "Use at most 80 characters.");
        assert_eq!(text.say(Lang::Fr), "80 caractères au plus.");
        assert_eq!(text.say(Lang::De), "Höchstens 80 Zeichen.");
    }

    #[test]
    fn large_numbers_are_grouped_the_readers_way() {
        let text = Text::from(msg::PROBLEM_TOO_LONG).with("max", 20_000);
        assert_eq!(text.say(Lang::En), "Use at most 20,000 characters.");
        assert_eq!(text.say(Lang::Fr), "20\u{202f}000 caractères au plus.");
        assert_eq!(text.say(Lang::De), "Höchstens 20.000 Zeichen.");
    }
}
