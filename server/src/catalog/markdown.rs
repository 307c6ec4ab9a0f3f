//! Sellers write descriptions in Markdown; shoppers get sanitised HTML.

use pulldown_cmark::{Event, Options, Parser, html};

/// Renders Markdown to HTML with every tag or attribute outside a safe list removed.
pub fn to_safe_html(markdown: &str) -> String {
    let mut unsafe_html = String::new();
    html::push_html(
        &mut unsafe_html,
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH),
    );
    ammonia::Builder::default()
        .link_rel(Some("nofollow noopener noreferrer ugc"))
        .clean(&unsafe_html)
        .to_string()
}

/// The first `max_chars` characters of the text, for meta descriptions.
pub fn summary(markdown: &str, max_chars: usize) -> String {
    let text: String = Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.to_string()),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => Some(" ".into()),
            _ => None,
        })
        .collect();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= max_chars {
        return words;
    }
    let cut: String = words.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html =
            to_safe_html("Hello <script>alert(1)</script> **bold** <img src=x onerror=alert(1)>");
        assert!(html.contains("<strong>bold</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("onerror"));
    }

    #[test]
    fn summary_is_plain_text_and_bounded() {
        assert_eq!(
            summary("A **wool** hat.\n\n- warm", 100),
            "A wool hat. warm"
        );
        assert_eq!(summary("abcdefghij", 5), "abcd…");
    }
}
