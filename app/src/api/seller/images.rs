//! A product's images: uploading them, describing, reordering and deleting
//! one, over `server::seller::images`.

use leptos::{prelude::*, server_fn::codec::MultipartData};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    super::products::forms,
    crate::{error::state, forms::ssr as form, session},
    server::seller::images,
    texts::msg,
};

/// Adds the uploaded files to a product. Multipart, so it works as a plain
/// form; its path has a larger body limit (see `server::http::body_limit`).
#[server(prefix = "/api", endpoint = "seller/images", input = server_fn::codec::MultipartFormData)]
pub async fn upload_images(data: MultipartData) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
    let mut product_id = None;
    let mut uploads = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::from(server::Error::conflict(msg::PROBLEM_UPLOAD_CUT_OFF)))?
    {
        match field.name() {
            Some("product_id") => {
                product_id = field
                    .text()
                    .await
                    .ok()
                    .and_then(|id| id.trim().parse::<i64>().ok());
            }
            Some("images") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(|_| {
                    AppError::from(server::Error::conflict(msg::PROBLEM_UPLOAD_CUT_OFF))
                })?;
                // A file input left empty still sends one nameless, empty part.
                if !(name.is_empty() && bytes.is_empty()) {
                    uploads.push(images::Upload {
                        name,
                        bytes: bytes.to_vec(),
                    });
                }
            }
            _ => {}
        }
    }
    let product_id = product_id.ok_or(AppError::NotFound)?;
    let outcome = images::add(&state()?, &session::meta(), scope, product_id, uploads).await;
    match outcome {
        Ok(added) => {
            let noun = if added == 1 { "image" } else { "images" };
            form::done(forms::IMAGES, format!("{added} {noun} added.")).await
        }
        Err(error) => form::refused(forms::IMAGES, error, &[]).await,
    }
}

/// Changes one image: `intent` is `alt`, `earlier`, `later` or `delete`.
#[server]
pub async fn change_image(
    product_id: i64,
    image_id: i64,
    intent: String,
    #[server(default)] alt: String,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let change = match intent.as_str() {
        "alt" => images::Change::Alt(alt.clone()),
        "earlier" => images::Change::MoveEarlier,
        "later" => images::Change::MoveLater,
        "delete" => images::Change::Delete,
        _ => return Err(AppError::NotFound),
    };
    let message = match &change {
        images::Change::Alt(_) => "Image description saved.",
        images::Change::Delete => "Image deleted.",
        _ => "Image moved.",
    };
    let outcome = images::change(&state()?, scope, product_id, image_id, change).await;
    form::answer(forms::IMAGES, outcome, message, &[("alt", &alt)]).await
}
