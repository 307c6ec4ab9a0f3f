//! A real SMTP server for tests (mailin-embedded, on a std thread) that keeps
//! every message it receives, and helpers to read links and codes out of
//! mail, either as it arrived over SMTP or as the outbox holds it.

use std::{
    net::{IpAddr, TcpListener},
    sync::{Arc, Mutex},
};

use base64::{Engine, engine::general_purpose::STANDARD};
use mailin_embedded::{Handler, Response, Server, response};
use sqlx::PgPool;

/// One message as the server received it.
#[derive(Clone, Debug)]
pub struct Received {
    /// The envelope recipients (`RCPT TO`).
    pub to: Vec<String>,
    /// The raw message (headers and body) as sent after `DATA`.
    pub data: String,
}

impl Received {
    /// The first top-level header `name` (case-insensitive), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let (head, _) = split_head_body(&self.data);
        header_in(&headers(head), name)
    }

    /// The plain-text part, with its transfer encoding undone.
    pub fn text(&self) -> Option<String> {
        plain_text_part(&self.data)
    }
}

/// Collects messages; mailin clones it for every connection, so `current`
/// is per connection while `received` is shared.
#[derive(Clone)]
struct Collector {
    received: Arc<Mutex<Vec<Received>>>,
    current: Option<Received>,
    /// Refuses every recipient, as a server does for a mailbox that does
    /// not exist.
    refuse: bool,
    /// Recipients refused so far, one entry per attempt.
    refused: Arc<Mutex<Vec<String>>>,
}

impl Handler for Collector {
    fn rcpt(&mut self, to: &str) -> Response {
        if self.refuse {
            self.refused.lock().unwrap().push(to.to_owned());
            response::NO_MAILBOX
        } else {
            response::OK
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Some(Received {
            to: to.to_vec(),
            data: String::new(),
        });
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if let Some(current) = &mut self.current {
            current.data.push_str(&String::from_utf8_lossy(buf));
        }
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if let Some(message) = self.current.take() {
            self.received.lock().unwrap().push(message);
        }
        response::OK
    }
}

/// An SMTP server on 127.0.0.1 that accepts every message (or, started with
/// [`TestSmtp::refusing`], refuses every one). It runs until the test
/// process ends.
pub struct TestSmtp {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    refused: Arc<Mutex<Vec<String>>>,
}

impl TestSmtp {
    /// Starts a server on a free port.
    pub fn start() -> Self {
        Self::serve(
            TcpListener::bind("127.0.0.1:0").expect("a free port for SMTP"),
            false,
        )
    }

    /// Starts a server on `port` (one a test kept free, see [`free_port`]).
    pub fn start_on(port: u16) -> Self {
        Self::serve(
            TcpListener::bind(("127.0.0.1", port)).expect("the SMTP port is free"),
            false,
        )
    }

    /// Starts a server on a free port that answers every recipient with
    /// 550 "Mailbox unavailable": its mail can never be delivered.
    pub fn refusing() -> Self {
        Self::serve(
            TcpListener::bind("127.0.0.1:0").expect("a free port for SMTP"),
            true,
        )
    }

    fn serve(listener: TcpListener, refuse: bool) -> Self {
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let refused = Arc::new(Mutex::new(Vec::new()));
        let mut server = Server::new(Collector {
            received: received.clone(),
            current: None,
            refuse,
            refused: refused.clone(),
        });
        server
            .with_name("smtp.test")
            .with_num_threads(4)
            .with_tcp_listener(listener);
        // The listener is bound already: connections made before the thread
        // runs wait in the backlog.
        std::thread::Builder::new()
            .name(format!("test-smtp-{port}"))
            .spawn(move || {
                if let Err(error) = server.serve() {
                    eprintln!("test SMTP server on port {port} stopped: {error}");
                }
            })
            .expect("the SMTP thread starts");
        Self {
            port,
            received,
            refused,
        }
    }

    /// The `SMTP_URL` that reaches this server (plain SMTP, no TLS).
    pub fn url(&self) -> String {
        smtp_url(self.port)
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// The recipients refused so far, once per attempt.
    pub fn refused(&self) -> Vec<String> {
        self.refused.lock().unwrap().clone()
    }

    /// The messages received so far for the envelope recipient `to`.
    pub fn messages_to(&self, to: &str) -> Vec<Received> {
        self.messages()
            .into_iter()
            .filter(|message| message.to.iter().any(|r| r.eq_ignore_ascii_case(to)))
            .collect()
    }
}

/// The `SMTP_URL` of a plain SMTP server on 127.0.0.1:`port`.
pub fn smtp_url(port: u16) -> String {
    format!("smtp://{}:{port}", IpAddr::from([127, 0, 0, 1]))
}

/// A port nothing listens on (bound and released at once).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One row of the outbox: recipient, subject and plain text, oldest first.
pub async fn outbox_texts(db: &PgPool) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT to_address, subject, text_body FROM email_outbox ORDER BY id")
        .fetch_all(db)
        .await
        .unwrap()
}

/// The secret of the first link to `path` (such as `/verify-email`) in `text`.
pub fn link_token(text: &str, path: &str) -> Option<String> {
    let marker = format!("{path}?token=");
    let start = text.find(&marker)? + marker.len();
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!token.is_empty()).then_some(token)
}

/// The token of a verification link (`/verify-email?token=…`) in `text`.
pub fn verification_token(text: &str) -> Option<String> {
    link_token(text, "/verify-email")
}

/// The token of a password reset link (`/reset-password?token=…`) in `text`.
pub fn reset_token(text: &str) -> Option<String> {
    link_token(text, "/reset-password")
}

/// The 6-digit code of a verification mail: the line that holds only it.
pub fn verification_code(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|line| line.len() == 6 && line.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
}

fn split_head_body(raw: &str) -> (&str, &str) {
    if let Some(at) = raw.find("\r\n\r\n") {
        (&raw[..at], &raw[at + 4..])
    } else if let Some(at) = raw.find("\n\n") {
        (&raw[..at], &raw[at + 2..])
    } else {
        (raw, "")
    }
}

/// Header fields of `head`, folded lines joined.
fn headers(head: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    fields
}

fn header_in(fields: &[(String, String)], name: &str) -> Option<String> {
    fields
        .iter()
        .find(|(field, _)| field.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.clone())
}

/// A parameter such as `boundary` of a header value.
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// The first text/plain part of a MIME entity, decoded.
fn plain_text_part(entity: &str) -> Option<String> {
    let (head, body) = split_head_body(entity);
    let fields = headers(head);
    let content_type = header_in(&fields, "Content-Type").unwrap_or_else(|| "text/plain".into());
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    if mime.starts_with("multipart/") {
        let boundary = format!("--{}", parameter(&content_type, "boundary")?);
        return body
            .split(boundary.as_str())
            .skip(1)
            .take_while(|part| !part.starts_with("--"))
            .find_map(|part| plain_text_part(part.trim_start_matches(['\r', '\n'])));
    }
    if mime != "text/plain" {
        return None;
    }
    let encoding = header_in(&fields, "Content-Transfer-Encoding")
        .unwrap_or_default()
        .to_lowercase();
    let bytes = match encoding.as_str() {
        "quoted-printable" => quoted_printable(body),
        "base64" => STANDARD
            .decode(body.split_whitespace().collect::<String>())
            .ok()?,
        _ => body.as_bytes().to_vec(),
    };
    Some(String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
}

fn quoted_printable(body: &str) -> Vec<u8> {
    let bytes = body.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let rest = &bytes[i + 1..];
            if rest.starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            if rest.starts_with(b"\n") {
                i += 2;
                continue;
            }
            if let (Some(&a), Some(&b)) = (rest.first(), rest.get(1))
                && let (Some(a), Some(b)) = (hex(a), hex(b))
            {
                out.push(a << 4 | b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}
