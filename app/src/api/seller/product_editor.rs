//! The product editor: a product's fields, variants and category, saving
//! it, and previewing its description, over `server::seller::products`.

// A server function takes one argument per form field, which keeps the field
// names plain for forms that work without JavaScript; the client half that
// `#[server]` generates cannot carry an `allow` of its own.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::products::forms,
    crate::{error::state, forms::ssr as form, session},
    server::{
        money::Money,
        seller::{categories, products},
    },
};

/// How many option names (size, colour, …) the editor offers.
pub const OPTION_SLOTS: usize = 3;

/// A category in the editor's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryOption {
    pub id: i64,
    pub label: String,
}

/// A variant in the editor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantFields {
    pub id: Option<i64>,
    pub sku: String,
    pub values: Vec<String>,
    pub price: String,
    pub compare_at_price: String,
    pub stock: String,
}

/// An image in the editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageFields {
    pub id: i64,
    pub thumbnail: String,
    pub alt: String,
}

/// A product's title and description in another language, as the editor
/// shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationFields {
    pub title: String,
    pub description: String,
}

/// A saved product as the editor fills its fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedProduct {
    pub id: i64,
    pub version: i32,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub category_id: i64,
    pub attributes: String,
    pub status: String,
    pub tax_class: String,
    pub option_names: Vec<String>,
    pub variants: Vec<VariantFields>,
    pub images: Vec<ImageFields>,
    /// By language code: `fr`, `de`.
    pub translations: Vec<(String, TranslationFields)>,
}

/// What the editor needs: the product (none for a new one) and the
/// categories to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editor {
    pub product: Option<SavedProduct>,
    pub categories: Vec<CategoryOption>,
}

#[server]
pub async fn product_editor(id: Option<i64>) -> Result<Editor, AppError> {
    let scope = session::store_scope().await?;
    let db = &state()?.db;
    let categories = categories::choices(db, scope)
        .await?
        .into_iter()
        .map(|choice| CategoryOption {
            id: choice.id,
            label: format!(
                "{}{}{}",
                "— ".repeat(choice.depth as usize),
                choice.name,
                if choice.proposed {
                    " (awaiting approval)"
                } else {
                    ""
                }
            ),
        })
        .collect();
    let product = match id {
        None => None,
        Some(id) => {
            let product = products::get(db, scope, id).await?;
            Some(SavedProduct {
                id: product.id,
                version: product.version,
                slug: product.slug,
                title: product.title,
                description: product.description,
                category_id: product.category_id,
                attributes: product
                    .attributes
                    .iter()
                    .map(|(name, value)| format!("{name}: {value}\n"))
                    .collect(),
                status: product.status.as_str().into(),
                tax_class: product.tax_class.as_str().into(),
                option_names: product.option_names,
                variants: product
                    .variants
                    .into_iter()
                    .map(|variant| VariantFields {
                        id: Some(variant.id),
                        sku: variant.sku,
                        values: variant.values,
                        price: variant.price.decimal(),
                        compare_at_price: variant
                            .compare_at_price
                            .map(Money::decimal)
                            .unwrap_or_default(),
                        stock: variant.stock.to_string(),
                    })
                    .collect(),
                images: product
                    .images
                    .into_iter()
                    .map(|image| ImageFields {
                        id: image.id,
                        thumbnail: server::media::url(&image.file_key, 200),
                        alt: image.alt,
                    })
                    .collect(),
                translations: product
                    .translations
                    .into_iter()
                    .map(|(lang, text)| {
                        let fields = TranslationFields {
                            title: text.title,
                            description: text.description,
                        };
                        (lang.code().to_owned(), fields)
                    })
                    .collect(),
            })
        }
    };
    Ok(Editor {
        product,
        categories,
    })
}

/// A variant row as the editor posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantForm {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub sku: String,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub compare_at_price: String,
    #[serde(default)]
    pub stock: String,
    /// Present when "remove" is ticked.
    #[serde(default)]
    pub remove: Option<String>,
}

/// Creates a product (no `id`) or saves one; a new product continues in its
/// own editor.
#[server]
pub async fn save_product(
    #[server(default)] id: Option<i64>,
    #[server(default)] version: Option<i32>,
    title: String,
    slug: String,
    description: String,
    #[server(default)] category_id: String,
    new_category: String,
    attributes: String,
    status: String,
    #[server(default)] tax_class: String,
    #[server(default)] option_names: Vec<String>,
    #[server(default)] variants: Vec<VariantForm>,
    #[server(default)] title_fr: String,
    #[server(default)] description_fr: String,
    #[server(default)] title_de: String,
    #[server(default)] description_de: String,
) -> Result<Feedback, AppError> {
    use texts::Lang;
    let scope = session::store_scope().await?;
    let translated = [
        (Lang::Fr, &title_fr, &description_fr),
        (Lang::De, &title_de, &description_de),
    ];
    let input = products::ProductInput {
        title: title.clone(),
        slug: slug.clone(),
        description: description.clone(),
        category_id: category_id.clone(),
        new_category: new_category.clone(),
        attributes: attributes.clone(),
        status: status.clone(),
        tax_class: tax_class.clone(),
        version,
        option_names: option_names.clone(),
        variants: variants
            .iter()
            .map(|variant| products::VariantInput {
                id: variant.id,
                sku: variant.sku.clone(),
                values: variant.values.clone(),
                price: variant.price.clone(),
                compare_at_price: variant.compare_at_price.clone(),
                stock: variant.stock.clone(),
                remove: variant.remove.is_some(),
            })
            .collect(),
        translations: translated
            .iter()
            .map(|(lang, title, description)| {
                let text = products::Translation {
                    title: (*title).clone(),
                    description: (*description).clone(),
                };
                (*lang, text)
            })
            .collect(),
    };
    match products::save(&state()?.db, &session::meta(), scope, id, &input).await {
        Ok(saved) if id.is_none() => {
            form::done(forms::PRODUCT, "Product created. Add images below.").await?;
            crate::i18n::redirect(&format!("/seller/products/{saved}"));
            Ok(Feedback::notice("Product created. Add images below."))
        }
        Ok(_) => form::done(forms::PRODUCT, "Saved.").await,
        Err(error) => {
            let mut values: Vec<(String, String)> = [
                ("title", &title),
                ("slug", &slug),
                ("description", &description),
                ("category_id", &category_id),
                ("new_category", &new_category),
                ("attributes", &attributes),
                ("status", &status),
                ("tax_class", &tax_class),
            ]
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value.clone()))
            .collect();
            for (lang, title, description) in translated {
                values.push((products::translation_field("title", lang), title.clone()));
                let description = description.clone();
                values.push((
                    products::translation_field("description", lang),
                    description,
                ));
            }
            for (n, name) in option_names.iter().enumerate() {
                values.push((format!("option_names[{n}]"), name.clone()));
            }
            for (row, variant) in variants.iter().enumerate() {
                let field = |name: &str| products::variant_field(row, name);
                values.push((field("sku"), variant.sku.clone()));
                values.push((field("price"), variant.price.clone()));
                values.push((field("compare_at_price"), variant.compare_at_price.clone()));
                values.push((field("stock"), variant.stock.clone()));
                for (n, value) in variant.values.iter().enumerate() {
                    values.push((format!("variants[{row}][values][{n}]"), value.clone()));
                }
            }
            let values: Vec<(&str, &str)> = values
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str()))
                .collect();
            form::refused(forms::PRODUCT, error, &values).await
        }
    }
}

/// The description as shoppers will see it.
#[server]
pub async fn preview_description(markdown: String) -> Result<String, AppError> {
    session::store_scope().await?;
    Ok(server::catalog::markdown::to_safe_html(&markdown))
}
