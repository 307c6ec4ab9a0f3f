//! Stores, the tenants of the marketplace.

use crate::{
    AppState, Error, Problems, Result,
    accounts::{Permission, Role, permissions, sessions::AuthUser, users},
    audit::Entry,
    http::client::RequestMeta,
    text,
};

/// What a person types to open a store.
#[derive(Clone, Debug, Default)]
pub struct NewStore {
    pub name: String,
    pub slug: String,
    pub description: String,
}

/// Opens an active store owned by `user`, who becomes a seller. Each person
/// runs at most one store. Returns the store's id.
pub async fn open(
    state: &AppState,
    meta: &RequestMeta,
    user: &AuthUser,
    input: &NewStore,
) -> Result<i64> {
    if !permissions::allows(user, Permission::OpenStore) {
        return Err(Error::Conflict(
            "Confirm your email address before opening a store.".into(),
        ));
    }
    if !user.stores.is_empty() {
        return Err(Error::Conflict("You already run a store.".into()));
    }
    let name = input.name.trim();
    let slug = input.slug.trim().to_lowercase();
    let description = input.description.trim();
    let mut problems = Problems::default();
    match name.chars().count() {
        0 => problems.add("name", "Enter your store's name."),
        81.. => problems.add("name", "Use at most 80 characters."),
        _ => {}
    }
    if !text::is_slug(&slug, 60) {
        problems.add(
            "slug",
            "Use 1 to 60 lower-case letters, digits and single hyphens, like my-shop.",
        );
    }
    if description.chars().count() > 5000 {
        problems.add("description", "Use at most 5,000 characters.");
    }
    problems.finish()?;

    let mut tx = state.db.begin().await?;
    let store_id = sqlx::query_scalar!(
        "INSERT INTO stores (slug, name, description, status) VALUES ($1, $2, $3, 'active')
         ON CONFLICT (slug) DO NOTHING RETURNING id",
        slug,
        name,
        description
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        Error::invalid(
            "slug",
            "Another store already uses this address. Choose another.",
        )
    })?;
    let joined = sqlx::query!(
        "INSERT INTO store_members (store_id, user_id, role) VALUES ($1, $2, 'owner')",
        store_id,
        user.id
    )
    .execute(&mut *tx)
    .await;
    // A second request opening a store at the same moment.
    if let Err(sqlx::Error::Database(error)) = &joined
        && error.is_unique_violation()
    {
        return Err(Error::Conflict("You already run a store.".into()));
    }
    joined?;
    if users::grant_role(&mut tx, user.id, Role::Seller).await? {
        Entry::new(Some(user.id), "role.granted")
            .target(format!("user:{}", user.id))
            .metadata(serde_json::json!({ "role": "seller" }))
            .record(&mut tx, meta)
            .await?;
    }
    Entry::new(Some(user.id), "store.created")
        .target(format!("store:{store_id}"))
        .store(store_id)
        .metadata(serde_json::json!({ "slug": slug, "name": name }))
        .record(&mut tx, meta)
        .await?;
    tx.commit().await?;
    Ok(store_id)
}
