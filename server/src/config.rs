//! The application's configuration: one typed struct read from environment
//! variables (and an optional `.env`), with local defaults outside production.

use std::{fmt, net::SocketAddr, path::PathBuf, str::FromStr, time::Duration};

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

/// Every setting Bazaar reads at start-up.
#[derive(Clone, Debug)]
pub struct Config {
    pub env: AppEnv,
    pub database_url: String,
    pub database_max_connections: u32,
    pub redis_url: String,
    /// The public origin, used for links in emails and the Origin check.
    pub app_url: String,
    pub bind_addr: SocketAddr,
    pub log_format: LogFormat,
    pub migrate_on_start: bool,
    /// Requests per minute and client IP outside static assets.
    pub rate_limit_per_minute: u32,
    pub request_timeout: Duration,
    pub body_limit_bytes: usize,
    /// The larger limit of the image upload endpoint, several images at once.
    pub upload_body_limit_bytes: usize,
    pub upload_dir: PathBuf,
    /// Where mail goes; `None` keeps it in the dev mailbox at `/_dev/mail`.
    pub smtp_url: Option<String>,
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
    pub stripe_secret_key: Option<String>,
    /// Where the Stripe API is reached when it is not Stripe itself: the
    /// emulator's address, set by test harnesses that start their own.
    pub stripe_api_url: Option<String>,
    /// The secret Stripe signs webhooks with.
    pub stripe_webhook_secret: String,
    /// Where `serve` starts the emulator when there is no Stripe key.
    pub stripe_emulator_addr: SocketAddr,
    /// How long a placed order keeps its stock while waiting for payment
    /// (Stripe accepts 30 minutes to 24 hours).
    pub checkout_expiry: Duration,
    /// The platform's share of each store order, in hundredths of a percent.
    pub platform_fee_basis_points: u32,
    /// Where the platform's days and months begin and end, for statistics.
    pub time_zone: chrono_tz::Tz,
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
        let env: AppEnv = vars.parsed("APP_ENV", AppEnv::Dev)?;
        let local = env != AppEnv::Prod;
        let bind_addr: SocketAddr = vars.parsed("BIND_ADDR", ([127, 0, 0, 1], 3000).into())?;
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
            database_url: vars.required(
                "DATABASE_URL",
                local.then(|| "postgres://bazaar:bazaar@127.0.0.1:5432/bazaar".into()),
            )?,
            database_max_connections: vars.parsed("DATABASE_MAX_CONNECTIONS", 10)?,
            redis_url: vars
                .required("REDIS_URL", local.then(|| "redis://127.0.0.1:6379".into()))?,
            app_url,
            bind_addr,
            log_format: vars.parsed("LOG_FORMAT", LogFormat::Pretty)?,
            migrate_on_start: vars.parsed("MIGRATE_ON_START", true)?,
            rate_limit_per_minute: vars.parsed("RATE_LIMIT_PER_MINUTE", 200)?,
            request_timeout: Duration::from_secs(vars.parsed("REQUEST_TIMEOUT_SECS", 30)?),
            body_limit_bytes: vars.parsed("BODY_LIMIT_BYTES", 2 * 1024 * 1024)?,
            upload_body_limit_bytes: vars.parsed("UPLOAD_BODY_LIMIT_BYTES", 50 * 1024 * 1024)?,
            upload_dir: vars.parsed("UPLOAD_DIR", PathBuf::from("data/uploads"))?,
            smtp_url: match vars.get("SMTP_URL") {
                Some(url) => Some(url),
                None if local => None,
                None => Some(vars.required("SMTP_URL", None)?),
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
                Some(key) => Some(key),
                None if local => None,
                None => Some(vars.required("STRIPE_SECRET_KEY", None)?),
            },
            stripe_api_url: vars.get("STRIPE_API_URL"),
            stripe_webhook_secret: vars.required(
                "STRIPE_WEBHOOK_SECRET",
                local.then(|| "whsec_bazaar_local_emulator".into()),
            )?,
            stripe_emulator_addr: vars
                .parsed("STRIPE_EMULATOR_ADDR", ([127, 0, 0, 1], 12111).into())?,
            checkout_expiry: minutes(
                vars.parsed("CHECKOUT_EXPIRY_MINUTES", 30)?
                    .clamp(30, 24 * 60),
            ),
            platform_fee_basis_points: platform_fee(&vars)?,
            time_zone: vars.parsed("TIME_ZONE", chrono_tz::Europe::Paris)?,
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
            config.database_url,
            "postgres://bazaar:bazaar@127.0.0.1:5432/bazaar"
        );
        assert_eq!(config.redis_url, "redis://127.0.0.1:6379");
        assert_eq!(config.app_url, "http://127.0.0.1:3000");
        assert_eq!(config.bind_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.rate_limit_per_minute, 200);
        assert_eq!(config.stripe_secret_key, None);
        assert_eq!(config.platform_fee_basis_points, 1000);
        assert_eq!(config.time_zone, chrono_tz::Europe::Paris);
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
}
