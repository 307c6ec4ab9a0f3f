//! Behind a load balancer every connection comes from the balancer; the
//! balancers named in `TRUSTED_PROXIES` say who the client is in
//! `X-Forwarded-For`, so rate limits, sign-in throttles and the audit log
//! count clients, not balancers.

use std::{net::IpAddr, sync::Arc};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};

use crate::request::{ForwardedFor, forwarded_client, peer_ip};

pub async fn resolve(
    State(trusted): State<Arc<[IpAddr]>>,
    mut request: Request,
    next: Next,
) -> Response {
    if !trusted.is_empty() {
        let client = forwarded_client(peer_ip(request.extensions()), request.headers(), &trusted);
        request.extensions_mut().insert(ForwardedFor(client));
    }
    next.run(request).await
}
