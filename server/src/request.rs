//! Who sent a request, as far as the server can tell: for throttling and
//! for the audit log. Every entry point (pages, server functions, machine
//! routes, commands) hands this to the domain services.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, connect_info::MockConnectInfo};
use http::{Extensions, HeaderMap, HeaderName, header};
use texts::Lang;

/// The header carrying each request's id, set when the client sent none.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The client's address when proxies named in `TRUSTED_PROXIES` stand
/// between it and the server, worked out once per request by the middleware
/// (`http::with_middleware`) from `X-Forwarded-For`.
#[derive(Clone, Copy, Debug)]
pub struct ForwardedFor(pub IpAddr);

/// The address a request came from: the one a trusted proxy forwarded, or
/// else the peer address of the connection (or the one a test put in its
/// place).
pub fn client_ip(extensions: &Extensions) -> IpAddr {
    if let Some(ForwardedFor(ip)) = extensions.get::<ForwardedFor>() {
        return *ip;
    }
    peer_ip(extensions)
}

/// The peer address of the connection.
pub fn peer_ip(extensions: &Extensions) -> IpAddr {
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

/// The client behind `peer` when `peer` is one of the `trusted` proxies:
/// walking `X-Forwarded-For` from the nearest hop, the first address that is
/// not a trusted proxy (anything further left could have been written by the
/// client itself). A malformed entry ends the walk there.
pub fn forwarded_client(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all(FORWARDED_FOR)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => client = ip,
            Ok(ip) => return ip,
            Err(_) => break,
        }
    }
    client
}

const FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

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
    /// The language of the page that sent it: an account registered from a
    /// French page gets its mail in French.
    pub lang: Lang,
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
            lang: Lang::En,
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
            lang: Lang::En,
        }
    }
}

/// The value of the cookie `name`, when the request carries it (at most
/// 100 characters of it).
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(peer: &str, header: Option<&str>, trusted: &[&str]) -> String {
        let mut headers = HeaderMap::new();
        if let Some(header) = header {
            headers.insert(FORWARDED_FOR, header.parse().unwrap());
        }
        let trusted: Vec<IpAddr> = trusted.iter().map(|ip| ip.parse().unwrap()).collect();
        forwarded_client(peer.parse().unwrap(), &headers, &trusted).to_string()
    }

    #[test]
    fn only_a_trusted_proxy_names_the_client() {
        let proxy = ["10.0.0.2"];
        assert_eq!(
            forwarded("10.0.0.2", Some("203.0.113.7"), &proxy),
            "203.0.113.7"
        );
        // Someone else's header is ignored.
        assert_eq!(
            forwarded("198.51.100.1", Some("203.0.113.7"), &proxy),
            "198.51.100.1"
        );
        // What the client wrote itself sits further left and is skipped.
        assert_eq!(
            forwarded("10.0.0.2", Some("1.2.3.4, 203.0.113.7"), &proxy),
            "203.0.113.7"
        );
        // Two proxies in a row.
        assert_eq!(
            forwarded(
                "10.0.0.2",
                Some("203.0.113.7, 10.0.0.3"),
                &["10.0.0.2", "10.0.0.3"]
            ),
            "203.0.113.7"
        );
        // No header, or garbage: the proxy itself.
        assert_eq!(forwarded("10.0.0.2", None, &proxy), "10.0.0.2");
        assert_eq!(forwarded("10.0.0.2", Some("not-an-ip"), &proxy), "10.0.0.2");
    }
}
