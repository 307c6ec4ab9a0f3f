//! The application's configuration: one typed struct read from environment
//! variables (and an optional `.env`), with local defaults outside production.

use std::{
    fmt,
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    str::FromStr,
    sync::Arc,
    time::Duration,
};

use secrecy::SecretString;

/// Where the application runs; production refuses to guess missing settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppEnv {
    Dev,
    Test,
    Prod,
}

impl FromStr for AppEnv {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, String> {
        match value {
            "dev" | "development" => Ok(Self::Dev),
            "test" => Ok(Self::Test),
            "prod" | "production" => Ok(Self::Prod),
            _ => Err("expected one of dev, test, prod".into()),
        }
    }
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

impl FromStr for LogFormat {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, String> {
        match value {
            "pretty" | "text" => Ok(Self::Pretty),
            "json" => Ok(Self::Json),
            _ => Err("expected pretty or json".into()),
        }
    }
}

/// Every setting Bazaar reads at start-up. Settings that hold a password or
/// key are `SecretString`s, which print as `[REDACTED]`, so logging the
/// configuration never shows them.
#[derive(Clone, Debug)]
pub struct Config {
    pub env: AppEnv,
    pub database_url: SecretString,
    /// The schema owner's connection, for migrations only; without it the
    /// serving connection migrates too (a single-role setup).
    pub database_migrate_url: Option<SecretString>,
    pub database_max_connections: u32,
    pub redis_url: SecretString,
    /// The public origin, used for links in emails and the Origin check.
    pub app_url: String,
    pub bind_addr: SocketAddr,
    pub log_format: LogFormat,
    pub migrate_on_start: bool,
    /// Requests per minute and client IP outside static assets.
    pub rate_limit_per_minute: u32,
    /// The load balancers or reverse proxies whose `X-Forwarded-For` names
    /// the client; empty, the connection's peer is the client.
    pub trusted_proxies: Arc<[IpAddr]>,
    /// Live update streams (`/events`) one sign-in may hold open on a node…
    pub live_streams_per_session: u32,
    /// …and one client address.
    pub live_streams_per_ip: u32,
    /// Requests per minute and API token; `0` turns the limit off.
    pub api_rate_limit_per_minute: u32,
    pub request_timeout: Duration,
    pub body_limit_bytes: usize,
    /// The larger limit of the image upload endpoint, several images at once.
    pub upload_body_limit_bytes: usize,
    /// Where uploaded images are kept (`STORAGE_URL` and the `S3_*` settings).
    pub storage: StorageSettings,
    /// Where pages link images when not this site's `/uploads`: a CDN or the
    /// bucket itself.
    pub asset_base_url: Option<String>,
    /// Where mail goes; `None` keeps it in the dev mailbox at `/_dev/mail`.
    pub smtp_url: Option<SecretString>,
    /// The sender of every message, as `Name <address>`.
    pub mail_from: String,
    /// A session ends after this long without a request…
    pub session_idle: Duration,
    /// …an admin's sooner…
    pub admin_session_idle: Duration,
    /// …and every session after this long, however busy.
    pub session_lifetime: Duration,
    /// Failed sign-ins one client IP may make in an hour.
    pub login_failures_per_ip: u32,
    /// Refused admin accesses from one account or IP within an hour before
    /// the platform admins are alerted by mail.
    pub admin_alert_threshold: u32,
    /// Stripe's secret key; `None` pays through the built-in emulator.
    pub stripe_secret_key: Option<SecretString>,
    /// Where the Stripe API is reached when it is not Stripe itself: the
    /// emulator's address, set by test harnesses that start their own.
    pub stripe_api_url: Option<String>,
    /// The secret Stripe signs webhooks with.
    pub stripe_webhook_secret: SecretString,
    /// Where `serve` starts the emulator when there is no Stripe key.
    pub stripe_emulator_addr: SocketAddr,
    /// How long a placed order keeps its stock while waiting for payment
    /// (Stripe accepts 30 minutes to 24 hours).
    pub checkout_expiry: Duration,
    /// The platform's share of each store order, in hundredths of a percent.
    pub platform_fee_basis_points: u32,
    /// Where the platform's days and months begin and end, for statistics.
    pub time_zone: chrono_tz::Tz,
    /// The bearer token a metrics scraper sends; without one (only outside
    /// production) `/metrics` is open, as on a developer's machine.
    pub metrics_token: Option<SecretString>,
    /// Seals authenticator secrets and keys recovery-code digests.
    pub secrets_key: crate::secrets::SecretsKey,
    /// Platform admins must have a second sign-in step before the admin
    /// answers them.
    pub require_2fa_for_admins: bool,
    /// How long a stopping node keeps serving while `/readyz` says it is
    /// draining, so the load balancer stops sending it requests.
    pub shutdown_drain: Duration,
    /// How long requests in flight then have to finish.
    pub shutdown_grace: Duration,
}

/// A setting that is missing or malformed, named so the operator can fix it.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "configuration variable {}: {}",
            self.variable, self.problem
        )
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads the process environment, after loading `.env` if there is one.
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let vars = Vars { lookup: &lookup };
        let bind_addr: SocketAddr = vars.parsed("BIND_ADDR", ([127, 0, 0, 1], 3000).into())?;
        let env = app_env(&vars, bind_addr)?;
        let local = env != AppEnv::Prod;
        let app_url = vars
            .required("APP_URL", local.then(|| format!("http://{bind_addr}")))?
            .trim_end_matches('/')
            .to_owned();
        if !(app_url.starts_with("http://") || app_url.starts_with("https://")) {
            return Err(ConfigError {
                variable: "APP_URL",
                problem: "must start with http:// or https://".into(),
            });
        }
        Ok(Self {
            env,
            database_url: vars
                .required(
                    "DATABASE_URL",
                    local.then(|| "postgres://bazaar:bazaar@127.0.0.1:5432/bazaar".into()),
                )?
                .into(),
            database_migrate_url: vars.get("DATABASE_MIGRATE_URL").map(SecretString::from),
            database_max_connections: vars.parsed("DATABASE_MAX_CONNECTIONS", 10)?,
            redis_url: vars
                .required("REDIS_URL", local.then(|| "redis://127.0.0.1:6379".into()))?
                .into(),
            app_url,
            bind_addr,
            log_format: vars.parsed("LOG_FORMAT", LogFormat::Pretty)?,
            migrate_on_start: vars.parsed("MIGRATE_ON_START", true)?,
            rate_limit_per_minute: vars.parsed("RATE_LIMIT_PER_MINUTE", 200)?,
            api_rate_limit_per_minute: vars.parsed("API_RATE_LIMIT_PER_MINUTE", 600)?,
            trusted_proxies: trusted_proxies(&vars)?,
            live_streams_per_session: vars.parsed("LIVE_STREAMS_PER_SESSION", 5)?,
            live_streams_per_ip: vars.parsed("LIVE_STREAMS_PER_IP", 50)?,
            request_timeout: Duration::from_secs(vars.parsed("REQUEST_TIMEOUT_SECS", 30)?),
            body_limit_bytes: vars.parsed("BODY_LIMIT_BYTES", 2 * 1024 * 1024)?,
            upload_body_limit_bytes: vars.parsed("UPLOAD_BODY_LIMIT_BYTES", 50 * 1024 * 1024)?,
            storage: storage_settings(&vars)?,
            asset_base_url: match vars.get("ASSET_BASE_URL") {
                Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => {
                    return Err(ConfigError {
                        variable: "ASSET_BASE_URL",
                        problem: "must start with https:// or http://".into(),
                    });
                }
                url => url,
            },
            smtp_url: match vars.get("SMTP_URL") {
                Some(url) => Some(url.into()),
                None if local => None,
                None => Some(vars.required("SMTP_URL", None)?.into()),
            },
            mail_from: vars
                .get("MAIL_FROM")
                .unwrap_or_else(|| "Bazaar <no-reply@bazaar.example>".into()),
            session_idle: minutes(vars.parsed("SESSION_IDLE_MINUTES", 24 * 60)?),
            admin_session_idle: minutes(vars.parsed("ADMIN_SESSION_IDLE_MINUTES", 30)?),
            session_lifetime: minutes(vars.parsed("SESSION_LIFETIME_MINUTES", 30 * 24 * 60)?),
            login_failures_per_ip: vars.parsed("LOGIN_FAILURES_PER_IP", 50)?,
            admin_alert_threshold: vars.parsed("ADMIN_ALERT_THRESHOLD", 5)?,
            stripe_secret_key: match vars.get("STRIPE_SECRET_KEY") {
                Some(key) => Some(key.into()),
                None if local => None,
                None => Some(vars.required("STRIPE_SECRET_KEY", None)?.into()),
            },
            stripe_api_url: vars.get("STRIPE_API_URL"),
            stripe_webhook_secret: webhook_secret(&vars, local)?,
            stripe_emulator_addr: vars
                .parsed("STRIPE_EMULATOR_ADDR", ([127, 0, 0, 1], 12111).into())?,
            checkout_expiry: minutes(
                vars.parsed("CHECKOUT_EXPIRY_MINUTES", 30)?
                    .clamp(30, 24 * 60),
            ),
            platform_fee_basis_points: platform_fee(&vars)?,
            time_zone: vars.parsed("TIME_ZONE", chrono_tz::Europe::Paris)?,
            metrics_token: match vars.get("METRICS_TOKEN") {
                Some(token) => Some(token.into()),
                None if local => None,
                None => Some(vars.required("METRICS_TOKEN", None)?.into()),
            },
            secrets_key: match vars.get("SECRETS_KEY") {
                Some(key) => crate::secrets::SecretsKey::from_base64(&key).map_err(|problem| {
                    ConfigError {
                        variable: "SECRETS_KEY",
                        problem,
                    }
                })?,
                None if local => crate::secrets::SecretsKey::local(),
                None => {
                    return Err(ConfigError {
                        variable: "SECRETS_KEY",
                        problem: "is required in production".into(),
                    });
                }
            },
            require_2fa_for_admins: vars.parsed("REQUIRE_2FA_FOR_ADMINS", true)?,
            shutdown_drain: Duration::from_secs(
                vars.parsed("SHUTDOWN_DRAIN_SECS", if local { 0 } else { 5 })?,
            ),
            shutdown_grace: Duration::from_secs(vars.parsed("SHUTDOWN_GRACE_SECS", 30)?),
        })
    }

    /// Whether mail stays in the dev mailbox instead of going out by SMTP.
    pub fn uses_dev_mailbox(&self) -> bool {
        self.smtp_url.is_none() && self.env != AppEnv::Prod
    }

    /// Whether the public origin is served over TLS (secure cookies, HSTS).
    pub fn is_https(&self) -> bool {
        self.app_url.starts_with("https://")
    }
}

/// Where uploaded files are kept, and for `s3://` how to reach the service.
#[derive(Clone, Debug)]
pub struct StorageSettings {
    pub url: String,
    pub location: StorageLocation,
    /// The service's address, for anything but AWS itself (`http://…` allowed).
    pub s3_endpoint: Option<String>,
    pub s3_region: String,
    pub s3_access_key_id: Option<String>,
    pub s3_secret_access_key: Option<SecretString>,
    /// `https://bucket.host/key` instead of `https://host/bucket/key`; AWS
    /// wants it, most self-hosted services want the path style.
    pub s3_virtual_hosted: bool,
}

/// What a `STORAGE_URL` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageLocation {
    /// `file://<folder>`: relative to the working directory, or absolute as
    /// `file:///srv/uploads`.
    Folder(PathBuf),
    /// `s3://<bucket>`.
    Bucket(String),
}

impl FromStr for StorageLocation {
    type Err = String;
    fn from_str(url: &str) -> Result<Self, String> {
        let refused = || "must be file://<folder> or s3://<bucket>".to_owned();
        if let Some(folder) = url.strip_prefix("file://") {
            (!folder.is_empty())
                .then(|| Self::Folder(PathBuf::from(folder)))
                .ok_or_else(refused)
        } else if let Some(bucket) = url.strip_prefix("s3://") {
            let bucket = bucket.trim_end_matches('/');
            (!bucket.is_empty() && !bucket.contains('/'))
                .then(|| Self::Bucket(bucket.to_owned()))
                .ok_or_else(refused)
        } else {
            Err(refused())
        }
    }
}

impl StorageSettings {
    /// The same service with another storage URL.
    pub fn with_url(&self, url: &str) -> Result<Self, String> {
        Ok(Self {
            url: url.to_owned(),
            location: url.parse()?,
            ..self.clone()
        })
    }
}

fn trusted_proxies(vars: &Vars) -> Result<Arc<[IpAddr]>, ConfigError> {
    let Some(list) = vars.get("TRUSTED_PROXIES") else {
        return Ok(Arc::from([]));
    };
    list.split(',')
        .map(|address| {
            address.trim().parse::<IpAddr>().map_err(|_| ConfigError {
                variable: "TRUSTED_PROXIES",
                problem: format!("{:?} is not an IP address", address.trim()),
            })
        })
        .collect()
}

fn storage_settings(vars: &Vars) -> Result<StorageSettings, ConfigError> {
    let url = vars
        .get("STORAGE_URL")
        .unwrap_or_else(|| "file://data/uploads".into());
    Ok(StorageSettings {
        location: vars.parsed(
            "STORAGE_URL",
            StorageLocation::Folder("data/uploads".into()),
        )?,
        url,
        s3_endpoint: vars.get("S3_ENDPOINT"),
        s3_region: vars.get("S3_REGION").unwrap_or_else(|| "us-east-1".into()),
        s3_access_key_id: vars.get("S3_ACCESS_KEY_ID"),
        s3_secret_access_key: vars.get("S3_SECRET_ACCESS_KEY").map(SecretString::from),
        s3_virtual_hosted: vars.parsed("S3_VIRTUAL_HOSTED", false)?,
    })
}

/// `APP_ENV`, which may be left out only where the local defaults cannot
/// reach anyone else: listening on loopback, with no real mail or payment
/// provider configured. Otherwise a forgotten setting would open the dev
/// mailbox (every reset link) to the network.
fn app_env(vars: &Vars, bind_addr: SocketAddr) -> Result<AppEnv, ConfigError> {
    if vars.get("APP_ENV").is_none() {
        let real_service = ["SMTP_URL", "STRIPE_SECRET_KEY"]
            .into_iter()
            .find(|name| vars.get(name).is_some());
        if let Some(name) = real_service {
            return Err(ConfigError {
                variable: "APP_ENV",
                problem: format!("must be set (dev, test or prod) when {name} is"),
            });
        }
        if !bind_addr.ip().is_loopback() {
            return Err(ConfigError {
                variable: "APP_ENV",
                problem: format!("must be set (dev, test or prod) to listen on {bind_addr}"),
            });
        }
    }
    vars.parsed("APP_ENV", AppEnv::Dev)
}

/// The webhook signing secret. The local default is public, so it is only
/// taken with the emulator: with a real Stripe key it must be set.
fn webhook_secret(vars: &Vars, local: bool) -> Result<SecretString, ConfigError> {
    let has_real_key = vars.get("STRIPE_SECRET_KEY").is_some();
    let default = (local && !has_real_key).then(|| "whsec_bazaar_local_emulator".to_owned());
    match vars.get("STRIPE_WEBHOOK_SECRET").or(default) {
        Some(secret) => Ok(secret.into()),
        None => Err(ConfigError {
            variable: "STRIPE_WEBHOOK_SECRET",
            problem: if local {
                "is required with STRIPE_SECRET_KEY: the local value is public".into()
            } else {
                "is required in production".into()
            },
        }),
    }
}

/// `PLATFORM_FEE_PERCENT` as people write it (`10`, `7.5`), kept exact in
/// basis points: no float ever touches money.
fn platform_fee(vars: &Vars) -> Result<u32, ConfigError> {
    let Some(raw) = vars.get("PLATFORM_FEE_PERCENT") else {
        return Ok(1000);
    };
    crate::money::Money::parse(&raw)
        .and_then(|hundredths| u32::try_from(hundredths.cents()).ok())
        .filter(|basis_points| *basis_points <= 10_000)
        .ok_or(ConfigError {
            variable: "PLATFORM_FEE_PERCENT",
            problem: format!(
                "expected a percentage from 0 to 100 with at most two decimals, not {raw:?}"
            ),
        })
}

fn minutes(count: u64) -> Duration {
    Duration::from_secs(count * 60)
}

struct Vars<'a> {
    lookup: &'a dyn Fn(&str) -> Option<String>,
}

impl Vars<'_> {
    fn get(&self, name: &str) -> Option<String> {
        (self.lookup)(name).filter(|value| !value.trim().is_empty())
    }

    fn required(&self, name: &'static str, default: Option<String>) -> Result<String, ConfigError> {
        self.get(name).or(default).ok_or(ConfigError {
            variable: name,
            problem: "is required in production".into(),
        })
    }

    fn parsed<T: FromStr>(&self, name: &'static str, default: T) -> Result<T, ConfigError>
    where
        T::Err: fmt::Display,
    {
        match self.get(name) {
            None => Ok(default),
            Some(raw) => raw.trim().parse().map_err(|error: T::Err| ConfigError {
                variable: name,
                problem: format!("cannot read {raw:?}: {error}"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn local_defaults_reach_the_local_services() {
        let config = config(&[]).unwrap();
        assert_eq!(config.env, AppEnv::Dev);
        assert_eq!(
            config.database_url.expose_secret(),
            "postgres://bazaar:bazaar@127.0.0.1:5432/bazaar"
        );
        assert_eq!(config.redis_url.expose_secret(), "redis://127.0.0.1:6379");
        assert_eq!(config.app_url, "http://127.0.0.1:3000");
        assert_eq!(config.bind_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.rate_limit_per_minute, 200);
        assert!(config.stripe_secret_key.is_none());
        assert_eq!(config.platform_fee_basis_points, 1000);
        assert_eq!(config.time_zone, chrono_tz::Europe::Paris);
        assert_eq!(
            config.storage.location,
            StorageLocation::Folder("data/uploads".into())
        );
    }

    #[test]
    fn storage_is_a_folder_or_a_bucket() {
        let location = |url: &str| config(&[("STORAGE_URL", url)]).map(|c| c.storage.location);
        assert_eq!(
            location("file:///srv/uploads").unwrap(),
            StorageLocation::Folder("/srv/uploads".into())
        );
        assert_eq!(
            location("s3://bazaar-images").unwrap(),
            StorageLocation::Bucket("bazaar-images".into())
        );
        for url in [
            "file://",
            "s3://",
            "s3://bucket/prefix",
            "https://example.com",
        ] {
            assert_eq!(location(url).unwrap_err().variable, "STORAGE_URL", "{url}");
        }
    }

    #[test]
    fn an_unknown_time_zone_is_named() {
        let refused = config(&[("TIME_ZONE", "Mars/Olympus")]).unwrap_err();
        assert_eq!(refused.variable, "TIME_ZONE");
    }

    #[test]
    fn the_platform_fee_is_read_exactly() {
        let fee =
            |raw| config(&[("PLATFORM_FEE_PERCENT", raw)]).map(|c| c.platform_fee_basis_points);
        assert_eq!(fee("7.5"), Ok(750));
        assert_eq!(fee("0"), Ok(0));
        assert_eq!(fee("100"), Ok(10_000));
        for bad in ["101", "-1", "ten", "7.555"] {
            assert_eq!(
                fee(bad).unwrap_err().variable,
                "PLATFORM_FEE_PERCENT",
                "{bad}"
            );
        }
    }

    #[test]
    fn production_names_the_missing_variable() {
        let error = config(&[
            ("APP_ENV", "prod"),
            ("APP_URL", "https://bazaar.example"),
            ("DATABASE_URL", "postgres://db/bazaar"),
        ])
        .unwrap_err();
        assert_eq!(error.variable, "REDIS_URL");
        assert!(error.to_string().contains("REDIS_URL"));
    }

    #[test]
    fn production_needs_its_own_secrets_key() {
        let production = |key: Option<&str>| {
            let mut vars = vec![
                ("APP_ENV", "prod"),
                ("APP_URL", "https://bazaar.example"),
                ("DATABASE_URL", "postgres://db/bazaar"),
                ("REDIS_URL", "redis://cache"),
                ("SMTP_URL", "smtps://smtp.example"),
                ("STRIPE_SECRET_KEY", "sk_live_key"),
                ("STRIPE_WEBHOOK_SECRET", "whsec_own"),
                ("METRICS_TOKEN", "token"),
            ];
            vars.extend(key.map(|key| ("SECRETS_KEY", key)));
            config(&vars)
        };
        assert_eq!(production(None).unwrap_err().variable, "SECRETS_KEY");
        let short = production(Some("c2hvcnQ=")).unwrap_err();
        assert_eq!(short.variable, "SECRETS_KEY");
        assert!(short.problem.contains("32 bytes"), "{}", short.problem);
        assert!(production(Some("c2VjcmV0cy1rZXktOC1zZWNyZXRzLWtleS04LXh4eHg=")).is_ok());
    }

    #[test]
    fn a_malformed_value_is_named_with_its_input() {
        let error = config(&[("BIND_ADDR", "localhost:what")]).unwrap_err();
        assert_eq!(error.variable, "BIND_ADDR");
        assert!(error.problem.contains("localhost:what"));
    }

    #[test]
    fn app_url_loses_its_trailing_slash_and_tells_https() {
        let config = config(&[("APP_URL", "https://bazaar.example/")]).unwrap();
        assert_eq!(config.app_url, "https://bazaar.example");
        assert!(config.is_https());
    }

    #[test]
    fn printing_the_configuration_shows_no_secret() {
        let config = config(&[
            ("APP_ENV", "prod"),
            ("APP_URL", "https://bazaar.example"),
            ("DATABASE_URL", "postgres://app:db-password-1@db/bazaar"),
            (
                "DATABASE_MIGRATE_URL",
                "postgres://owner:db-password-7@db/bazaar",
            ),
            ("REDIS_URL", "redis://:redis-password-2@cache:6379"),
            ("SMTP_URL", "smtps://mailer:smtp-password-3@smtp.example"),
            ("STRIPE_SECRET_KEY", "sk_live_stripe-key-4"),
            ("STRIPE_WEBHOOK_SECRET", "whsec_webhook-secret-5"),
            ("METRICS_TOKEN", "metrics-token-6"),
            (
                "SECRETS_KEY",
                "c2VjcmV0cy1rZXktOC1zZWNyZXRzLWtleS04LXh4eHg=",
            ),
        ])
        .unwrap();
        let printed = format!("{config:?} {config:#?}");
        for secret in [
            "db-password-1",
            "redis-password-2",
            "smtp-password-3",
            "stripe-key-4",
            "webhook-secret-5",
            "metrics-token-6",
            "db-password-7",
        ] {
            assert!(!printed.contains(secret), "{secret} printed in {printed}");
        }
        assert!(
            printed.contains("https://bazaar.example"),
            "the rest still prints"
        );
    }

    #[test]
    fn a_real_stripe_key_refuses_the_public_webhook_secret() {
        let refused =
            config(&[("APP_ENV", "dev"), ("STRIPE_SECRET_KEY", "sk_test_123")]).unwrap_err();
        assert_eq!(refused.variable, "STRIPE_WEBHOOK_SECRET");
        let accepted = config(&[
            ("APP_ENV", "dev"),
            ("STRIPE_SECRET_KEY", "sk_test_123"),
            ("STRIPE_WEBHOOK_SECRET", "whsec_own"),
        ])
        .unwrap();
        assert_eq!(accepted.stripe_webhook_secret.expose_secret(), "whsec_own");
    }

    #[test]
    fn app_env_must_be_explicit_beyond_a_local_playground() {
        for vars in [
            &[("BIND_ADDR", "0.0.0.0:3000")][..],
            &[("SMTP_URL", "smtp://smtp.example")][..],
            &[
                ("STRIPE_SECRET_KEY", "sk_test_1"),
                ("STRIPE_WEBHOOK_SECRET", "whsec_1"),
            ][..],
        ] {
            assert_eq!(config(vars).unwrap_err().variable, "APP_ENV", "{vars:?}");
        }
        let mut explicit = vec![("APP_ENV", "dev"), ("BIND_ADDR", "0.0.0.0:3000")];
        assert_eq!(config(&explicit).unwrap().env, AppEnv::Dev);
        explicit.pop();
        assert_eq!(
            config(&explicit).unwrap().bind_addr.to_string(),
            "127.0.0.1:3000"
        );
    }
}
