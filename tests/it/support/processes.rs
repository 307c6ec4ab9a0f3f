//! `bazaar` commands run as their own processes, as in production, on the
//! test's database. A process is killed (SIGKILL) when its handle drops.

use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

use fixtures::http_client;
use http::Request;
use http_body_util::Full;
use sqlx::postgres::PgConnectOptions;

/// The webhook signing secret every process of a test shares.
pub const WEBHOOK_SECRET: &str = "whsec_process_test";

pub struct Process(Child);

impl Process {
    /// Asks the process to stop, as an orchestrator does (SIGTERM).
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "SIGTERM reaches the process");
    }

    /// Whether the process has ended.
    pub fn has_exited(&mut self) -> bool {
        self.0.try_wait().unwrap().is_some()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A local address nothing listens on yet.
pub fn free_addr() -> String {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    probe.local_addr().unwrap().to_string()
}

/// The URL of the test's own database, on the server `DATABASE_URL` names.
pub fn database_url(connect: &PgConnectOptions) -> String {
    let base = std::env::var("DATABASE_URL").expect("DATABASE_URL names the test server");
    let (server, _) = base.rsplit_once('/').unwrap();
    format!("{server}/{}", connect.get_database().unwrap())
}

/// `bazaar <command>` for the site at `app_url`, quiet, without mail or a
/// Stripe key.
fn bazaar(command: &str, database_url: &str, app_url: &str) -> Command {
    let mut bazaar = Command::new(env!("CARGO_BIN_EXE_bazaar"));
    bazaar
        .arg(command)
        .env("APP_ENV", "test")
        .env("DATABASE_URL", database_url)
        .env_remove("DATABASE_MIGRATE_URL")
        .env("APP_URL", app_url)
        .env("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
        .env_remove("STRIPE_SECRET_KEY")
        .env_remove("STRIPE_API_URL")
        .env_remove("SMTP_URL")
        .env("RATE_LIMIT_PER_MINUTE", "0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    bazaar
}

/// `bazaar serve` on `addr` for the site at `app_url`, paying through the
/// emulator at `stripe_api_url`, with the settings `env` on top.
pub fn serve(
    database_url: &str,
    addr: &str,
    app_url: &str,
    stripe_api_url: &str,
    env: &[(&str, &str)],
) -> Process {
    let child = bazaar("serve", database_url, app_url)
        .env("BIND_ADDR", addr)
        .env("STRIPE_API_URL", stripe_api_url)
        .envs(env.iter().copied())
        .spawn()
        .expect("the bazaar binary starts");
    Process(child)
}

/// `bazaar stripe-emulator` on `addr`, posting its webhooks to `app_url`.
pub fn stripe_emulator(database_url: &str, addr: &str, app_url: &str) -> Process {
    let child = bazaar("stripe-emulator", database_url, app_url)
        .env("STRIPE_EMULATOR_ADDR", addr)
        .spawn()
        .expect("the bazaar binary starts");
    Process(child)
}

/// HAProxy on `addr` in front of `nodes`, taking turns, checking each on
/// `/readyz` every 200 ms and leaving one out at its first failed check.
pub fn balancer(addr: &str, nodes: &[&str], dir: &std::path::Path) -> Process {
    let servers: String = nodes
        .iter()
        .enumerate()
        .map(|(n, node)| format!("    server node{n} {node} check inter 200ms fall 1 rise 2\n"))
        .collect();
    let config = format!(
        "defaults\n    mode http\n    timeout connect 2s\n    timeout client 30s\n    \
         timeout server 30s\n    retries 2\n    option redispatch\n\
         frontend site\n    bind {addr}\n    default_backend nodes\n\
         backend nodes\n    balance roundrobin\n    option httpchk GET /readyz\n    \
         http-check expect status 200\n{servers}"
    );
    let path = dir.join("haproxy.cfg");
    std::fs::write(&path, config).unwrap();
    let child = Command::new("haproxy")
        .arg("-db")
        .arg("-f")
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("haproxy is installed (scripts/tools.sh)");
    Process(child)
}

/// Waits until something answers `GET path` on `addr` with a success.
pub async fn answering(addr: &str, path: &str) {
    let client = http_client();
    for _ in 0..300 {
        let request = Request::get(format!("http://{addr}{path}"))
            .body(Full::default())
            .unwrap();
        if let Ok(response) = client.request(request).await
            && response.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("nothing answered {path} at {addr}");
}

/// Waits until something takes connections on `addr`.
pub async fn listening(addr: &str) {
    for _ in 0..300 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("nothing listens at {addr}");
}

/// An order of `quantity` of `variant` placed by `customer` through `state`,
/// and the emulator's payment page for it.
pub async fn order_to_pay(
    state: &server::AppState,
    customer: i64,
    variant: i64,
    quantity: i32,
) -> (server::orders::checkout::Placed, String) {
    use server::{cart, orders::checkout};
    cart::add(
        &state.db,
        cart::Owner::User(customer),
        variant,
        cart::Quantity::new(quantity).unwrap(),
    )
    .await
    .unwrap();
    let placed = checkout::place(
        &state.db,
        &state.config,
        &checkout::Buyer::Customer(customer),
        fixtures::address().into(),
    )
    .await
    .unwrap();
    let payment_url = checkout::payment_url(state, customer, &placed.number)
        .await
        .unwrap();
    (placed, payment_url)
}

/// Pays on the emulator's page at `payment_url` with a test card; the
/// emulator's answer.
pub async fn pay(payment_url: &str) -> http::StatusCode {
    let pay = Request::post(payment_url)
        .header(
            http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(Full::from(
            "card_number=4242424242424242&expiry=12%2F34&cvc=123",
        ))
        .unwrap();
    http_client().request(pay).await.unwrap().status()
}
