//! Stores, the tenants of the marketplace: what a store is called and where
//! it lives, opening one, and its public face. Its sellers change it through
//! `seller::settings`, platform admins through `admin::stores`.

pub mod front;

use crate::{
    AppState, Error, Problems, Result, UniqueRefusal,
    accounts::{Permission, Role, permissions, sessions::AuthUser, users},
    audit::Entry,
    request::RequestMeta,
    text,
};
use texts::{Text, msg};

/// What a person types to open a store, or to change it later.
#[derive(Clone, Debug, Default)]
pub struct StoreDetails {
    pub name: String,
    pub slug: String,
    pub description: String,
}

impl StoreDetails {
    /// The details trimmed (the address lower-cased), or every problem with
    /// them.
    pub fn checked(&self) -> Result<Self> {
        let name = self.name.trim();
        let slug = self.slug.trim().to_lowercase();
        let description = self.description.trim();
        let mut problems = Problems::default();
        match name.chars().count() {
            0 => problems.add("name", msg::PROBLEM_STORE_NAME),
            81.. => problems.add("name", Text::from(msg::PROBLEM_TOO_LONG).with("max", 80)),
            _ => {}
        }
        if !text::is_slug(&slug, 60) {
            problems.add("slug", msg::PROBLEM_STORE_SLUG);
        }
        if description.chars().count() > 5000 {
            problems.add(
                "description",
                Text::from(msg::PROBLEM_TOO_LONG).with("max", 5_000),
            );
        }
        problems.finish()?;
        Ok(Self {
            name: name.to_owned(),
            slug,
            description: description.to_owned(),
        })
    }
}

/// Opens an active store owned by `user`, who becomes a seller. Each person
/// runs at most one store. Returns the store's id.
pub async fn open(
    state: &AppState,
    meta: &RequestMeta,
    user: &AuthUser,
    input: &StoreDetails,
) -> Result<i64> {
    if !permissions::allows(user, Permission::OpenStore) {
        return Err(Error::conflict(msg::PROBLEM_CONFIRM_EMAIL_STORE));
    }
    if !user.stores.is_empty() {
        return Err(Error::conflict(msg::PROBLEM_STORE_ALREADY));
    }
    let StoreDetails {
        name,
        slug,
        description,
    } = input.checked()?;

    let mut tx = state.db.begin().await?;
    if slug_taken(&mut tx, &slug, None).await? {
        return Err(slug_taken_error());
    }
    let store_id = sqlx::query_scalar!(
        "INSERT INTO stores (slug, name, description, status) VALUES ($1, $2, $3, 'active')
         ON CONFLICT (slug) DO NOTHING RETURNING id",
        slug,
        name,
        description
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(slug_taken_error)?;
    let joined = sqlx::query!(
        "INSERT INTO store_members (store_id, user_id, role) VALUES ($1, $2, 'owner')",
        store_id,
        user.id
    )
    .execute(&mut *tx)
    .await;
    // A second request opening a store at the same moment.
    joined.when_taken(|| Error::conflict(msg::PROBLEM_STORE_ALREADY))?;
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

/// Whether another store than `except` has `slug`, now or as a former
/// address that still leads to it.
pub(crate) async fn slug_taken(
    conn: &mut sqlx::PgConnection,
    slug: &str,
    except: Option<i64>,
) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM stores WHERE slug = $1 AND id IS DISTINCT FROM $2)
               OR EXISTS (SELECT 1 FROM store_slug_redirects WHERE old_slug = $1 AND store_id IS DISTINCT FROM $2)
           AS "taken!""#,
        slug,
        except
    )
    .fetch_one(conn)
    .await?)
}

pub(crate) fn slug_taken_error() -> Error {
    Error::invalid("slug", msg::PROBLEM_STORE_ADDRESS_TAKEN)
}
