//! Transactional email: a message's building blocks and how it renders, and
//! the outbox it is written to in the caller's transaction and delivered from
//! by a background worker. What each message says lives with its domain
//! (`accounts::messages`, `orders::messages`).

pub mod outbox;

use ammonia::clean_text;

/// One piece of a message, rendered both as HTML and as plain text, so the
/// two versions never disagree.
#[derive(Clone, Debug)]
pub enum Block {
    Paragraph(String),
    /// A call to action: a button in HTML, the bare URL in text.
    Link {
        label: String,
        url: String,
    },
    /// A short code to type in, shown large.
    Code(String),
}

/// A message ready for the outbox.
#[derive(Clone, Debug)]
pub struct Message {
    pub to: String,
    pub subject: String,
    pub blocks: Vec<Block>,
}

impl Message {
    pub fn new(to: impl Into<String>, subject: impl Into<String>) -> Self {
        Self {
            to: to.into(),
            subject: subject.into(),
            blocks: Vec::new(),
        }
    }

    pub fn paragraph(mut self, text: impl Into<String>) -> Self {
        self.blocks.push(Block::Paragraph(text.into()));
        self
    }

    pub fn link(mut self, label: impl Into<String>, url: impl Into<String>) -> Self {
        self.blocks.push(Block::Link {
            label: label.into(),
            url: url.into(),
        });
        self
    }

    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.blocks.push(Block::Code(code.into()));
        self
    }

    pub fn text(&self) -> String {
        let mut text = String::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(paragraph) => text.push_str(paragraph),
                Block::Link { label, url } => text.push_str(&format!("{label}:\n{url}")),
                Block::Code(code) => text.push_str(&format!("    {code}")),
            }
            text.push_str("\n\n");
        }
        text.push_str("— Bazaar\n");
        text
    }

    /// Every piece of text is escaped: names and addresses people typed can
    /// never become markup.
    pub fn html(&self) -> String {
        let mut body = String::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(paragraph) => {
                    body.push_str(&format!("<p>{}</p>\n", clean_text(paragraph)));
                }
                Block::Link { label, url } => body.push_str(&format!(
                    "<p><a href=\"{}\" style=\"display:inline-block;padding:10px 18px;\
                     background:#1f4d3a;color:#ffffff;border-radius:6px;text-decoration:none\">{}</a></p>\n\
                     <p style=\"font-size:13px;color:#555\">{}</p>\n",
                    clean_text(url),
                    clean_text(label),
                    clean_text(url),
                )),
                Block::Code(code) => body.push_str(&format!(
                    "<p style=\"font-size:28px;letter-spacing:6px;font-weight:bold\">{}</p>\n",
                    clean_text(code)
                )),
            }
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
             <body style=\"font-family:sans-serif;color:#1b1b1b;line-height:1.5\">\n{body}\
             <p>— Bazaar</p>\n</body></html>\n",
            clean_text(&self.subject)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_html_carry_the_same_content_and_html_is_escaped() {
        let message = Message::new("ada@example.com", "Hello <b>")
            .paragraph("Hi <script>alert(1)</script>")
            .link("Open", "https://bazaar.example/a?b=1&c=2")
            .code("123456");
        let text = message.text();
        assert!(text.contains("Hi <script>alert(1)</script>"));
        assert!(text.contains("https://bazaar.example/a?b=1&c=2"));
        assert!(text.contains("123456"));
        let html = message.html();
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("bazaar.example"));
        assert!(!html.contains("b=1&c=2"), "the ampersand is escaped");
        assert!(html.contains("123456"));
    }
}
