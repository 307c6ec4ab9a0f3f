//! The seller admin's catalog: saving products with variants, the rules on
//! slugs, SKUs and concurrent edits, images checked by content, and that one
//! store never reaches another's products.

use fixtures::{TempDir, owner_scope, png, user_id};
use server::{
    AppState, Error, media,
    seller::{
        StoreScope, categories,
        images::{self, Change, Upload},
        products::{self, ListQuery, ProductInput, Removal, Status, VariantInput},
    },
};
use sqlx::PgPool;
use texts::Lang;

use crate::support::meta;

struct Shop {
    state: AppState,
    scope: StoreScope,
    other: StoreScope,
    category: i64,
    uploads: TempDir,
}

/// Two stores, each with an owner, and one category.
async fn shop(db: PgPool) -> Shop {
    sqlx::raw_sql(
        "INSERT INTO categories (slug, name) VALUES ('home', 'Home');
         INSERT INTO stores (slug, name) VALUES ('first-shop', 'First Shop'), ('second-shop', 'Second Shop');
         INSERT INTO users (email, password_hash, name) VALUES
           ('first@example.com', 'x', 'First'), ('second@example.com', 'x', 'Second');",
    )
    .execute(&db)
    .await
    .unwrap();
    let scope = |store: &'static str, email: &'static str| {
        let db = db.clone();
        async move {
            let store_id: i64 = sqlx::query_scalar("SELECT id FROM stores WHERE slug = $1")
                .bind(store)
                .fetch_one(&db)
                .await
                .unwrap();
            owner_scope(user_id(&db, email).await, store_id)
        }
    };
    let first = scope("first-shop", "first@example.com").await;
    let second = scope("second-shop", "second@example.com").await;
    let category: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'home'")
        .fetch_one(&db)
        .await
        .unwrap();
    let uploads = TempDir::new();
    let config = fixtures::config(&[("STORAGE_URL", &uploads.storage_url())]);
    Shop {
        state: fixtures::state(db, config).await,
        scope: first,
        other: second,
        category,
        uploads,
    }
}

fn variant(sku: &str, size: &str, price: &str, stock: &str) -> VariantInput {
    VariantInput {
        sku: sku.into(),
        values: vec![size.into()],
        price: price.into(),
        stock: stock.into(),
        ..VariantInput::default()
    }
}

fn scarf(shop: &Shop) -> ProductInput {
    ProductInput {
        title: "Wool scarf".into(),
        description: "Warm and *soft*.".into(),
        category_id: shop.category.to_string(),
        attributes: "material: wool".into(),
        status: "published".into(),
        option_names: vec!["size".into()],
        variants: vec![
            variant("SCARF-S", "S", "20", "3"),
            variant("SCARF-L", "L", "24.50", "0"),
        ],
        ..ProductInput::default()
    }
}

fn fields(error: Error) -> Vec<String> {
    match error {
        Error::Invalid(problems) => problems.into_iter().map(|p| p.field.into_owned()).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_product_is_saved_with_its_variants_and_found_by_shoppers(db: PgPool) {
    let shop = shop(db).await;
    let id = products::save(&shop.state.db, &meta(), shop.scope, None, &scarf(&shop))
        .await
        .unwrap();
    let saved = products::get(&shop.state.db, shop.scope, id).await.unwrap();
    assert_eq!(saved.slug, "wool-scarf");
    assert_eq!(saved.option_names, ["size"]);
    assert_eq!(saved.variants.len(), 2);
    assert_eq!(saved.variants[1].values, ["L"]);
    assert_eq!(saved.variants[1].price.cents(), 2450);
    assert_eq!(saved.attributes["material"], "wool");
    let detail =
        server::catalog::products::find_published(&shop.state.db, "wool-scarf", texts::Lang::En)
            .await
            .unwrap();
    assert_eq!(detail.variants.len(), 2);

    let listed = products::list(
        &shop.state.db,
        shop.scope,
        &ListQuery {
            text: "scarf-l".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(listed.total, 1, "SKUs are searched too");
    assert_eq!(listed.items[0].stock_total, 3);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn every_problem_is_reported_on_its_field(db: PgPool) {
    let shop = shop(db).await;
    let mut input = scarf(&shop);
    input.title = " ".into();
    input.slug = "Not A Slug".into();
    input.attributes = "no colon here".into();
    input.variants = vec![
        variant("bad sku!", "S", "abc", "-1"),
        variant("OK-1", "", "10", "1"),
    ];
    let problems = fields(
        products::save(&shop.state.db, &meta(), shop.scope, None, &input)
            .await
            .unwrap_err(),
    );
    for field in [
        "title",
        "slug",
        "attributes",
        "variants[0][sku]",
        "variants[0][price]",
        "variants[0][stock]",
        "variants[1][values][0]",
    ] {
        assert!(
            problems.iter().any(|p| p == field),
            "{field} missing from {problems:?}"
        );
    }
    input.variants.clear();
    let problems = fields(
        products::save(&shop.state.db, &meta(), shop.scope, None, &input)
            .await
            .unwrap_err(),
    );
    assert!(problems.contains(&"variants".to_owned()));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn skus_are_unique_per_store_and_slugs_everywhere(db: PgPool) {
    let shop = shop(db).await;
    products::save(&shop.state.db, &meta(), shop.scope, None, &scarf(&shop))
        .await
        .unwrap();

    let mut same_sku = scarf(&shop);
    same_sku.title = "Another scarf".into();
    same_sku.variants.truncate(1);
    let problems = fields(
        products::save(&shop.state.db, &meta(), shop.scope, None, &same_sku)
            .await
            .unwrap_err(),
    );
    assert_eq!(problems, ["variants[0][sku]"]);
    // Another store may use the same SKU.
    products::save(&shop.state.db, &meta(), shop.other, None, &same_sku)
        .await
        .unwrap();

    // A generated address is numbered; a chosen one that is taken is refused.
    let mut same_title = scarf(&shop);
    same_title.variants = vec![variant("SCARF-X", "X", "5", "1")];
    let id = products::save(&shop.state.db, &meta(), shop.scope, None, &same_title)
        .await
        .unwrap();
    assert_eq!(
        products::get(&shop.state.db, shop.scope, id)
            .await
            .unwrap()
            .slug,
        "wool-scarf-2"
    );
    let mut taken = same_title.clone();
    taken.slug = "wool-scarf".into();
    taken.variants = vec![variant("SCARF-Y", "Y", "5", "1")];
    let problems = fields(
        products::save(&shop.state.db, &meta(), shop.scope, None, &taken)
            .await
            .unwrap_err(),
    );
    assert_eq!(problems, ["slug"]);
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM product_variants WHERE sku = 'SCARF-Y'")
            .fetch_one(&shop.state.db)
            .await
            .unwrap();
    assert_eq!(count, 0, "a refused save leaves nothing behind");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_stale_edit_is_a_conflict_and_stock_changes_are_audited(db: PgPool) {
    let shop = shop(db).await;
    let id = products::save(&shop.state.db, &meta(), shop.scope, None, &scarf(&shop))
        .await
        .unwrap();
    let read = products::get(&shop.state.db, shop.scope, id).await.unwrap();
    let edit = |stock: &str, price: &str| {
        let mut input = scarf(&shop);
        input.version = Some(read.version);
        input.variants[0].id = Some(read.variants[0].id);
        input.variants[0].stock = stock.into();
        input.variants[0].price = price.into();
        input.variants[1].id = Some(read.variants[1].id);
        input
    };
    products::save(
        &shop.state.db,
        &meta(),
        shop.scope,
        Some(id),
        &edit("7", "21"),
    )
    .await
    .unwrap();
    let stale = products::save(
        &shop.state.db,
        &meta(),
        shop.scope,
        Some(id),
        &edit("9", "30"),
    )
    .await;
    assert!(matches!(stale, Err(Error::Conflict(_))), "{stale:?}");

    let now = products::get(&shop.state.db, shop.scope, id).await.unwrap();
    assert_eq!(now.variants[0].stock, 7);
    assert_eq!(now.variants[0].price.cents(), 2100);
    assert_eq!(now.version, read.version + 1);
    let audited: (i32, i32) = sqlx::query_as(
        "SELECT (metadata->>'from')::int, (metadata->>'to')::int FROM audit_log
         WHERE action = 'product.stock_adjusted' AND metadata->>'sku' = 'SCARF-S' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&shop.state.db)
    .await
    .unwrap();
    assert_eq!(audited, (3, 7));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn another_stores_product_is_not_found_for_every_action(db: PgPool) {
    let shop = shop(db).await;
    let id = products::save(&shop.state.db, &meta(), shop.scope, None, &scarf(&shop))
        .await
        .unwrap();
    let read = products::get(&shop.state.db, shop.scope, id).await.unwrap();
    let intruder = shop.other;

    assert!(matches!(
        products::get(&shop.state.db, intruder, id).await,
        Err(Error::NotFound)
    ));
    let mut input = scarf(&shop);
    input.version = Some(read.version);
    input.variants[0].id = Some(read.variants[0].id);
    input.variants[0].stock = "999".into();
    assert!(matches!(
        products::save(&shop.state.db, &meta(), intruder, Some(id), &input).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        products::remove(&shop.state, &meta(), intruder, id).await,
        Err(Error::NotFound)
    ));
    assert_eq!(
        products::set_status(&shop.state.db, &meta(), intruder, &[id], Status::Archived)
            .await
            .unwrap(),
        0
    );
    let upload = Upload {
        name: "a.png".into(),
        bytes: png(4, 4),
    };
    assert!(matches!(
        images::add(&shop.state, &meta(), intruder, id, vec![upload.clone()]).await,
        Err(Error::NotFound)
    ));
    images::add(&shop.state, &meta(), shop.scope, id, vec![upload])
        .await
        .unwrap();
    let image = products::get(&shop.state.db, shop.scope, id)
        .await
        .unwrap()
        .images[0]
        .id;
    assert!(matches!(
        images::change(&shop.state, intruder, id, image, Change::Delete).await,
        Err(Error::NotFound)
    ));
    let listed = products::list(&shop.state.db, intruder, &ListQuery::default())
        .await
        .unwrap();
    assert_eq!(listed.total, 0);

    // A variant id of another product cannot be smuggled into an edit.
    let theirs = products::save(&shop.state.db, &meta(), intruder, None, &{
        let mut other = scarf(&shop);
        other.title = "Their scarf".into();
        other
    })
    .await
    .unwrap();
    let their_variant = products::get(&shop.state.db, intruder, theirs)
        .await
        .unwrap()
        .variants[0]
        .id;
    let mut smuggle = scarf(&shop);
    smuggle.version = Some(read.version);
    smuggle.variants[0].id = Some(their_variant);
    assert!(matches!(
        products::save(&shop.state.db, &meta(), shop.scope, Some(id), &smuggle).await,
        Err(Error::NotFound)
    ));

    let unchanged = products::get(&shop.state.db, shop.scope, id).await.unwrap();
    assert_eq!(unchanged.variants[0].stock, 3);
    assert_eq!(unchanged.status, Status::Published);
    assert_eq!(unchanged.images.len(), 1);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn images_are_accepted_by_content_not_by_name(db: PgPool) {
    let shop = shop(db).await;
    let id = products::save(&shop.state.db, &meta(), shop.scope, None, &scarf(&shop))
        .await
        .unwrap();
    let request = meta();
    let add = |name: &str, bytes: Vec<u8>| {
        images::add(
            &shop.state,
            &request,
            shop.scope,
            id,
            vec![Upload {
                name: name.into(),
                bytes,
            }],
        )
    };
    add("photo.jpg", png(640, 480))
        .await
        .expect("a PNG named .jpg is a PNG");

    let text = add("notes.png", b"just some text, not an image".to_vec()).await;
    assert!(
        matches!(&text, Err(Error::Invalid(p)) if p[0].message.say(Lang::En).contains("not a JPEG, PNG or WebP")),
        "{text:?}"
    );
    let huge = add("huge.png", vec![0; images::MAX_BYTES + 1]).await;
    assert!(
        matches!(&huge, Err(Error::Invalid(p)) if p[0].message.say(Lang::En).contains("larger than 10 MB")),
        "{huge:?}"
    );
    let giant = add("giant.png", png_header(10_000, 5_000)).await;
    assert!(
        matches!(&giant, Err(Error::Invalid(p)) if p[0].message.say(Lang::En).contains("40 megapixels")),
        "{giant:?}"
    );
    // One bad file among good ones: none is added.
    let mixed = images::add(
        &shop.state,
        &meta(),
        shop.scope,
        id,
        vec![
            Upload {
                name: "good.png".into(),
                bytes: png(8, 8),
            },
            Upload {
                name: "bad.png".into(),
                bytes: b"nope".to_vec(),
            },
        ],
    )
    .await;
    assert!(mixed.is_err());

    let saved = products::get(&shop.state.db, shop.scope, id).await.unwrap();
    assert_eq!(saved.images.len(), 1);
    let files = std::fs::read_dir(&*shop.uploads).unwrap().count();
    assert_eq!(
        files, 3,
        "one image in three widths, nothing from the refused uploads"
    );
    let (width, height): (i32, i32) = sqlx::query_as("SELECT width, height FROM product_images")
        .fetch_one(&shop.state.db)
        .await
        .unwrap();
    assert_eq!((width, height), (640, 480));

    // Deleting the image deletes its files, by the deletion worker.
    images::change(
        &shop.state,
        shop.scope,
        id,
        saved.images[0].id,
        Change::Delete,
    )
    .await
    .unwrap();
    assert_eq!(std::fs::read_dir(&*shop.uploads).unwrap().count(), 3);
    let deleted = media::deletions::run_due(&shop.state.db, &shop.state.storage)
        .await
        .unwrap();
    assert_eq!(deleted, 1);
    assert_eq!(std::fs::read_dir(&*shop.uploads).unwrap().count(), 0);
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn images_are_reordered_and_described(db: PgPool) {
    let shop = shop(db).await;
    let id = products::save(&shop.state.db, &meta(), shop.scope, None, &scarf(&shop))
        .await
        .unwrap();
    let uploads = (0..3)
        .map(|n| Upload {
            name: format!("{n}.png"),
            bytes: png(4 + n, 4),
        })
        .collect();
    assert_eq!(
        images::add(&shop.state, &meta(), shop.scope, id, uploads)
            .await
            .unwrap(),
        3
    );
    let before: Vec<i64> = products::get(&shop.state.db, shop.scope, id)
        .await
        .unwrap()
        .images
        .iter()
        .map(|i| i.id)
        .collect();
    images::change(&shop.state, shop.scope, id, before[2], Change::MoveEarlier)
        .await
        .unwrap();
    images::change(
        &shop.state,
        shop.scope,
        id,
        before[0],
        Change::Alt("Red scarf, folded".into()),
    )
    .await
    .unwrap();
    let after = products::get(&shop.state.db, shop.scope, id)
        .await
        .unwrap()
        .images;
    assert_eq!(
        after.iter().map(|i| i.id).collect::<Vec<_>>(),
        [before[0], before[2], before[1]]
    );
    assert_eq!(after[0].alt, "Red scarf, folded");
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn bulk_status_and_delete(db: PgPool) {
    let shop = shop(db).await;
    let id = products::save(&shop.state.db, &meta(), shop.scope, None, &scarf(&shop))
        .await
        .unwrap();
    assert_eq!(
        products::set_status(&shop.state.db, &meta(), shop.scope, &[id], Status::Archived)
            .await
            .unwrap(),
        1
    );
    let archived = products::list(
        &shop.state.db,
        shop.scope,
        &ListQuery {
            status: Some(Status::Archived),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(archived.total, 1);
    assert!(
        server::catalog::products::find_published(&shop.state.db, "wool-scarf", texts::Lang::En)
            .await
            .is_err()
    );

    assert_eq!(
        products::remove(&shop.state, &meta(), shop.scope, id)
            .await
            .unwrap(),
        Removal::Deleted
    );
    assert!(matches!(
        products::get(&shop.state.db, shop.scope, id).await,
        Err(Error::NotFound)
    ));
}

#[sqlx::test(migrator = "server::db::MIGRATOR")]
async fn a_proposed_category_is_the_proposers_until_approved(db: PgPool) {
    let shop = shop(db).await;
    let mut input = scarf(&shop);
    input.new_category = "Scarves".into();
    let id = products::save(&shop.state.db, &meta(), shop.scope, None, &input)
        .await
        .unwrap();
    let proposed = products::get(&shop.state.db, shop.scope, id)
        .await
        .unwrap()
        .category_id;
    let mine = categories::choices(&shop.state.db, shop.scope)
        .await
        .unwrap();
    assert!(
        mine.iter()
            .any(|c| c.id == proposed && c.proposed && c.depth == 1)
    );
    let theirs = categories::choices(&shop.state.db, shop.other)
        .await
        .unwrap();
    assert!(theirs.iter().all(|c| c.id != proposed));
    let public = server::catalog::facets::facets(&shop.state.db)
        .await
        .unwrap();
    assert!(public.categories.iter().all(|c| c.name != "Scarves"));

    // The other store cannot file a product under it.
    let mut sneaky = scarf(&shop);
    sneaky.category_id = proposed.to_string();
    let problems = fields(
        products::save(&shop.state.db, &meta(), shop.other, None, &sneaky)
            .await
            .unwrap_err(),
    );
    assert_eq!(problems, ["category_id"]);
}

/// The start of a PNG that claims `width` × `height` pixels.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(13u32.to_be_bytes());
    bytes.extend(&ihdr);
    bytes.extend(crc32(&ihdr).to_be_bytes());
    // An empty data chunk: the header is complete, the pixels are not.
    bytes.extend(0u32.to_be_bytes());
    bytes.extend(b"IDAT");
    bytes.extend(crc32(b"IDAT").to_be_bytes());
    bytes
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
