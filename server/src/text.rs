//! Small text rules shared by the catalog, stores and the seed data.

/// `"merino wool"` → `"Merino wool"`.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `"Heritage Merino Wool Jumper"` → `"heritage-merino-wool-jumper"`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Whether `slug` is lower-case letters and digits in parts joined by single
/// hyphens, at most `max_len` long: the form of every address in Bazaar.
pub fn is_slug(slug: &str, max_len: usize) -> bool {
    !slug.is_empty()
        && slug.len() <= max_len
        && slug.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// A `LIKE` pattern matching `text` anywhere, its wildcards taken literally.
pub fn contains_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits_only() {
        assert_eq!(
            slugify("Heritage Merino Wool Jumper"),
            "heritage-merino-wool-jumper"
        );
        assert_eq!(slugify("  Paper & Pine!  "), "paper-pine");
        assert_eq!(slugify("T-Shirt (XL)"), "t-shirt-xl");
    }

    #[test]
    fn slugs_are_checked_part_by_part() {
        assert!(is_slug("my-shop-2", 60));
        assert!(!is_slug("my--shop", 60));
        assert!(!is_slug("-shop", 60));
        assert!(!is_slug("Shop", 60));
        assert!(!is_slug("abc", 2));
    }

    #[test]
    fn only_the_first_letter_changes() {
        assert_eq!(capitalise("merino wool"), "Merino wool");
        assert_eq!(capitalise("élan"), "Élan");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn like_wildcards_are_taken_literally() {
        assert_eq!(contains_pattern(" 50%_off\\ "), "%50\\%\\_off\\\\%");
    }
}
