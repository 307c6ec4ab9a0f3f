//! Who sent a request, as far as the server can tell: for throttling and
//! for the audit log. Every entry point (pages, server functions, machine
//! routes, commands) hands this to the domain services.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, connect_info::MockConnectInfo};
use http::{Extensions, HeaderMap, HeaderName, header};

/// The header carrying each request's id, set when the client sent none.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The peer address of the connection (or the one a test put in its place).
/// Behind a reverse proxy, see docs/operations.md.
pub fn client_ip(extensions: &Extensions) -> IpAddr {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .or_else(|| {
            extensions
                .get::<MockConnectInfo<SocketAddr>>()
                .map(|MockConnectInfo(addr)| addr.ip())
        })
        .unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

/// The long-lived cookie that tells a browser an account signed in from
/// before (see `accounts::throttle`).
pub const DEVICE_COOKIE: &str = "bazaar_device";

/// The facts about a request that the audit log and throttles record.
#[derive(Clone, Debug)]
pub struct RequestMeta {
    pub ip: IpAddr,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    /// The browser's device cookie, which tells the sign-in throttle an
    /// account's own browser from a stranger's.
    pub device: Option<String>,
    /// The API token the request came with; the audit log names it.
    pub api_token: Option<i64>,
}

impl RequestMeta {
    pub fn new(headers: &HeaderMap, extensions: &Extensions) -> Self {
        let header = |name| {
            headers
                .get(name)
                .and_then(|v: &http::HeaderValue| v.to_str().ok())
                .map(|v| v.chars().take(500).collect::<String>())
        };
        Self {
            ip: client_ip(extensions),
            user_agent: header(header::USER_AGENT),
            request_id: header(REQUEST_ID),
            device: cookie(headers, DEVICE_COOKIE),
            api_token: None,
        }
    }

    /// For work started by the system itself (commands, jobs).
    pub fn system() -> Self {
        Self {
            ip: IpAddr::from([127, 0, 0, 1]),
            user_agent: None,
            request_id: None,
            device: None,
            api_token: None,
        }
    }
}

/// The value of the cookie `name`, when the request carries it.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name && !value.is_empty()).then(|| value.chars().take(100).collect())
        })
}
