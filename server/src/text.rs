//! Small text transformations shared by the catalog and the seed data.

/// `"merino wool"` → `"Merino wool"`.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_first_letter_changes() {
        assert_eq!(super::capitalise("merino wool"), "Merino wool");
        assert_eq!(super::capitalise("élan"), "Élan");
        assert_eq!(super::capitalise(""), "");
    }
}
