//! The handles every request needs, shared by pages, server functions and routes.

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use fred::prelude::Pool as RedisPool;
use sqlx::PgPool;

use crate::{
    Config,
    catalog::{
        facets::{FacetsCache, facets_cache},
        products::{ListingCache, listing_cache},
    },
    live::Hub,
    media::Storage,
    payments::Payments,
};

/// Cheap to clone: everything inside is reference-counted.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: PgPool,
    pub redis: RedisPool,
    pub listings: ListingCache,
    pub facets: FacetsCache,
    pub payments: Payments,
    pub storage: Storage,
    pub live: Hub,
    pub draining: Draining,
}

impl AppState {
    /// Connects to PostgreSQL and Redis lazily, so start-up never waits on them.
    pub async fn connect(config: Config) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let db = crate::db::pool(&config)?;
        let redis = crate::redis::pool(&config).await?;
        Self::new(config, db, redis)
    }

    /// Fails on storage that cannot be opened (a folder that cannot be
    /// created, S3 settings that do not fit together).
    pub fn new(
        config: Config,
        db: PgPool,
        redis: RedisPool,
    ) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let payments = Payments::from_config(&config)?;
        let storage = Storage::open(&config.storage)?;
        crate::media::link_assets_at(config.asset_base_url.as_deref());
        Ok(Self {
            payments,
            storage,
            live: Hub::default(),
            config: Arc::new(config),
            db,
            redis,
            listings: listing_cache(),
            facets: facets_cache(),
            draining: Draining::default(),
        })
    }
}

/// Whether this node is shutting down. Set when it is told to stop, so
/// `/readyz` answers 503 and the load balancer sends it nothing new while it
/// finishes what it was given.
#[derive(Clone, Debug, Default)]
pub struct Draining(Arc<AtomicBool>);

impl Draining {
    pub fn begin(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_on(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}
