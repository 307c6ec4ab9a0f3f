//! Logging with `tracing`: readable lines in development, JSON when asked.

use tracing::Subscriber;
use tracing_subscriber::{
    EnvFilter, Layer, fmt, fmt::MakeWriter, prelude::*, registry::LookupSpan,
};

use crate::config::LogFormat;

/// Installs the global subscriber. `RUST_LOG` overrides the default filter;
/// `sqlx=debug` shows every SQL statement.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info,fred=warn"));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        LogFormat::Json => registry.with(json_layer(std::io::stdout)).try_init(),
        LogFormat::Pretty => registry.with(fmt::layer().compact()).try_init(),
    };
    // A second call (tests, or the CLI after a subcommand already set it up) keeps the first.
    let _ = result;
}

/// The lines of `LOG_FORMAT=json`, written to `writer`: one JSON object per
/// event, its fields at the top level, with the span it happened in (and so
/// the request id) and the spans around it.
pub fn json_layer<S, W>(writer: W) -> impl Layer<S>
where
    S: Subscriber + for<'span> LookupSpan<'span>,
    W: for<'writer> MakeWriter<'writer> + Send + Sync + 'static,
{
    fmt::layer()
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .with_writer(writer)
}
