//! Text Leptos 0.8 writes into the server-rendered page as it is: the
//! document's `<title>` (leptos_meta) and a `<textarea>`'s content (tachys
//! does not escape the children of raw-text elements). Text from people goes
//! through here on its way into either, or `</title>` or `</textarea>` in a
//! product name would end the element and add markup to the page.

/// `text` escaped for the server's HTML; unchanged in the browser, where
/// it is set as plain text and must not be escaped.
pub fn unescaped_element_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    let text = html_escape::encode_text(&text).into_owned();
    text
}
