//! A node told to stop, as a load balancer sees it: `/readyz` says it is
//! draining while it still serves, then it takes no new connection, and a
//! request already in flight still gets its answer before the node stops.

use std::{net::SocketAddr, time::Duration};

use app::api::accounts::login::LogIn;
use leptos::server_fn::ServerFn;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    sync::oneshot,
};

use crate::support::{ORIGIN, app, config, database};

/// The whole answer to `GET path` on a connection of its own; `None` when
/// the node takes no connection.
async fn get(addr: SocketAddr, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).await.ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.ok()?;
    Some(answer)
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_stopping_node_drains_then_finishes_what_is_in_flight(
    _: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let db = database(connect).await;
    let (app, state) = app(db, config(&[])).await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let node = tokio::spawn(bazaar::serve::serve_until(
        listener,
        app,
        state.draining.clone(),
        async move {
            let _ = stopped.await;
        },
        Duration::from_secs(5),
        Duration::from_secs(60),
    ));
    let ready = get(addr, "/readyz").await.unwrap();
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");

    // A sign-in whose form is half sent when the node is told to stop.
    let mut in_flight = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: test\r\nOrigin: {ORIGIN}\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\
         Connection: close\r\n\r\nemail",
        LogIn::PATH
    );
    in_flight.write_all(head.as_bytes()).await.unwrap();
    stop.send(()).unwrap();

    let draining = get(addr, "/readyz")
        .await
        .expect("still serving while draining");
    assert!(draining.starts_with("HTTP/1.1 503"), "{draining}");
    assert!(draining.contains(r#""status":"draining""#), "{draining}");
    let mut refused = false;
    for _ in 0..600 {
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(refused, "after the drain the node takes no new connection");
    assert!(!node.is_finished(), "it waits for the request in flight");

    in_flight.write_all(b"=a%40b").await.unwrap();
    let mut answer = String::new();
    in_flight.read_to_string(&mut answer).await.unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 "),
        "the request in flight is answered"
    );
    tokio::time::timeout(Duration::from_secs(30), node)
        .await
        .expect("the node stops once nothing is in flight")
        .unwrap()
        .unwrap();
}
