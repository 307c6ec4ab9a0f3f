//! `bazaar serve`: the axum server with Leptos pages, server functions,
//! machine routes and static files, shut down gracefully on a signal.

use std::{future::IntoFuture, net::SocketAddr, path::Path, time::Duration};

use anyhow::Context;
use app::{App, i18n::Lang, shell};
use axum::{
    Router,
    body::Body,
    extract::Request,
    http::{HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::{prelude::*, server_fn::error::SERVER_FN_ERROR_HEADER};
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use server::secrecy::ExposeSecret;
use server::{
    AppState, Config, db,
    payments::emulator::{Emulator, Settings},
    state::Draining,
};
use tower_http::set_header::SetResponseHeaderLayer;

/// Hashed build output never changes under the same name.
const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");

pub async fn run(config: Config) -> anyhow::Result<()> {
    let bind_addr = config.bind_addr;
    let migrate = config.migrate_on_start;
    let state = AppState::connect(config)
        .await
        .map_err(|e| anyhow::anyhow!("connecting: {e}"))?;
    if migrate {
        db::migrate(&state.config, &state.db)
            .await
            .context("migrating the database at start-up")?;
    }
    server::seller::stats::align_sums(&state.db, state.config.time_zone)
        .await
        .map_err(|e| anyhow::anyhow!("counting the sales sums in the platform's time zone: {e}"))?;
    let mut leptos_options = get_configuration(None)
        .context("reading the Leptos settings")?
        .leptos_options;
    leptos_options.site_addr = bind_addr;
    let mailer = server::mail::outbox::Mailer::from_config(&state.config)
        .map_err(|e| anyhow::anyhow!("setting up mail: {e}"))?;
    server::mail::outbox::spawn_worker(state.db.clone(), mailer);
    server::webhooks::sender::spawn_worker(
        state.db.clone(),
        server::webhooks::sender::Sender::new(state.config.env),
    );
    // Kept until the server stops.
    let _emulator =
        if state.config.stripe_secret_key.is_none() && state.config.stripe_api_url.is_none() {
            Some(start_stripe_emulator(&state.config).await?)
        } else {
            None
        };
    server::orders::payment::spawn_sweeper(state.clone());
    server::media::deletions::spawn_worker(state.db.clone(), state.storage.clone());
    server::storefront::spawn_listener(state.clone());
    server::live::spawn_listener(state.db.clone(), state.live.clone());
    let draining = state.draining.clone();
    let (drain, grace) = (state.config.shutdown_drain, state.config.shutdown_grace);
    let router = router(state, leptos_options);

    let listener = tokio::net::TcpListener::bind(bind_addr)
        .await
        .with_context(|| format!("binding {bind_addr}"))?;
    tracing::info!("Bazaar listening on http://{bind_addr}");
    serve_until(listener, router, draining, shutdown_signal(), drain, grace).await?;
    tracing::info!("Bazaar stopped");
    Ok(())
}

/// Serves until `stop` completes, then drains: `/readyz` answers 503 while
/// the node keeps serving for `drain`, so the load balancer stops sending it
/// requests; then it takes no new connection and gives the requests in
/// flight `grace` to finish. Whatever still runs after that is cut off.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    router: Router,
    draining: Draining,
    stop: impl Future<Output = ()> + Send + 'static,
    drain: Duration,
    grace: Duration,
) -> anyhow::Result<()> {
    let (drained, draining_done) = tokio::sync::oneshot::channel();
    let shutdown = async move {
        stop.await;
        draining.begin();
        tracing::info!(seconds = drain.as_secs(), "stopping: draining");
        tokio::time::sleep(drain).await;
        tracing::info!(
            seconds = grace.as_secs(),
            "stopping: finishing requests in flight"
        );
        let _ = drained.send(());
    };
    let serving = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .into_future();
    tokio::pin!(serving);
    tokio::select! {
        served = &mut serving => return served.context("serving"),
        _ = draining_done => {}
    }
    match tokio::time::timeout(grace, serving).await {
        Ok(served) => served.context("serving"),
        Err(_) => {
            tracing::warn!("requests still in flight when the grace period ended were cut off");
            Ok(())
        }
    }
}

/// The payment emulator on `STRIPE_EMULATOR_ADDR`, posting its webhooks to
/// `APP_URL`: started by `serve` when there is no Stripe key nor another
/// emulator's `STRIPE_API_URL`, or on its own by `bazaar stripe-emulator`.
pub async fn start_stripe_emulator(config: &Config) -> anyhow::Result<Emulator> {
    let settings = Settings {
        webhook_url: format!("{}/webhooks/stripe", config.app_url),
        webhook_secret: config.stripe_webhook_secret.expose_secret().to_owned(),
        retry_base: std::time::Duration::from_secs(1),
        max_attempts: 10,
    };
    let emulator = Emulator::start(config.stripe_emulator_addr, settings)
        .await
        .with_context(|| {
            format!(
                "starting the Stripe emulator on {}",
                config.stripe_emulator_addr
            )
        })?;
    tracing::info!(
        "Stripe emulator (test cards only) at {}",
        emulator.base_url()
    );
    Ok(emulator)
}

/// The app's routes, listed once per process, each also under every
/// language's prefix (`/fr/products`; the app's router runs under the
/// prefix its page was loaded at). Listing them renders the app with
/// resource loading switched off for the whole process (a global flag in
/// `leptos_server`), and a resource first polled meanwhile waits forever: a
/// page served while a second router is built would never finish.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES
        .get_or_init(|| {
            let routes = generate_route_list(App);
            let mut localized = Vec::new();
            for lang in Lang::ALL.into_iter().filter(|lang| *lang != Lang::En) {
                for route in &routes {
                    let mut paths = vec![lang.path(route.path())];
                    if route.path() == "/" {
                        paths.push(lang.prefix().to_owned());
                    }
                    localized.extend(paths.into_iter().map(|path| {
                        AxumRouteListing::new(path, route.mode().clone(), route.methods(), vec![])
                    }));
                }
            }
            routes.into_iter().chain(localized).collect()
        })
        .clone()
}

/// Pages and server functions from `app`, machine routes from `server`, and
/// static files, all behind the same middleware.
pub fn router(state: AppState, leptos_options: LeptosOptions) -> Router {
    let routes = route_list();
    let site_root = leptos_options.site_root.to_string();
    let pkg_dir = Path::new(&site_root).join(leptos_options.site_pkg_dir.as_ref());
    let pages = Router::new()
        .leptos_routes_with_context(
            &leptos_options,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context(
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            shell,
        ))
        .with_state(leptos_options);
    let immutable = |files: Router| {
        files.layer(SetResponseHeaderLayer::overriding(
            axum::http::header::CACHE_CONTROL,
            IMMUTABLE,
        ))
    };
    let app = pages
        .layer(axum::middleware::from_fn(server_fn_error_status))
        .merge(server::http::routes(state.clone()))
        .merge(server::api::routes(state.clone()))
        .nest("/pkg", immutable(server::http::assets::routes(pkg_dir)));
    server::http::with_middleware(app, &state)
}

/// Gives a server function's error answer the status of its error (403,
/// 404, 422, …) instead of the 500 Leptos answers every error with; the body
/// stays the same.
async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // An error's encoding is a few hundred bytes.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(status) = app::error::AppError::status_of_server_fn_answer(&bytes)
        .and_then(|status| StatusCode::from_u16(status).ok())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("told to stop");
}
