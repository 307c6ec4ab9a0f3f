//! `/seller/settings`: the store's details, logo, low-stock threshold,
//! members, and closing it.

use leptos::{prelude::*, server_fn::codec::MultipartData};
use serde::{Deserialize, Serialize};

use crate::{error::AppError, forms::Feedback};
#[cfg(feature = "ssr")]
use {
    crate::{error::state, forms::ssr as form, session},
    server::{
        media,
        seller::{images, settings},
        stores::StoreDetails,
    },
    texts::msg,
};

/// Form names for the one-time feedback of plain form posts.
pub mod forms {
    pub const DETAILS: &str = "store-details";
    pub const LOGO: &str = "store-logo";
    pub const STOCK: &str = "store-stock";
    pub const MEMBERS: &str = "store-members";
    pub const CLOSE: &str = "store-close";
    pub const WEBHOOKS: &str = "store-webhooks";
    pub const SHIPPING: &str = "store-shipping";
    pub const RECEIPTS: &str = "store-receipts";
    pub const SHIPPING_METHOD: &str = "store-shipping-method";
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub two_step: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub status: String,
    pub logo: Option<String>,
    pub low_stock_threshold: i32,
    pub members: Vec<MemberView>,
    pub staff_two_step_required: bool,
    /// What receipts name as the seller.
    pub legal_name: String,
    pub legal_address: String,
    pub vat_number: String,
    /// Whether the person looking is the owner (members and closing).
    pub is_owner: bool,
}

#[server]
pub async fn store_settings() -> Result<SettingsView, AppError> {
    let scope = session::store_scope().await?;
    let found = settings::get(&state()?.db, scope).await?;
    Ok(SettingsView {
        name: found.details.name,
        slug: found.details.slug,
        description: found.details.description,
        status: found.status,
        logo: found
            .logo_key
            .map(|key| media::url(&key, media::width_for(200))),
        low_stock_threshold: found.low_stock_threshold,
        members: found
            .members
            .into_iter()
            .map(|member| MemberView {
                user_id: member.user_id,
                email: member.email,
                name: member.name,
                role: member.role,
                two_step: member.two_step,
            })
            .collect(),
        staff_two_step_required: found.staff_two_step_required,
        legal_name: found.receipts.legal_name,
        legal_address: found.receipts.address,
        vat_number: found.receipts.vat_number,
        is_owner: scope.require_owner().is_ok(),
    })
}

#[server]
pub async fn save_store_details(
    name: String,
    slug: String,
    description: String,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let input = StoreDetails {
        name: name.clone(),
        slug: slug.clone(),
        description: description.clone(),
    };
    let outcome = settings::save_details(&state()?, &session::meta(), scope, &input).await;
    let values = [
        ("name", name.as_str()),
        ("slug", slug.as_str()),
        ("description", description.as_str()),
    ];
    form::answer(
        forms::DETAILS,
        outcome,
        "Saved. A changed address keeps the old one leading here.",
        &values,
    )
    .await
}

/// What receipts issued from now on name as the seller.
#[server]
pub async fn save_receipt_details(
    legal_name: String,
    address: String,
    vat_number: String,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let input = settings::ReceiptDetails {
        legal_name: legal_name.clone(),
        address: address.clone(),
        vat_number: vat_number.clone(),
    };
    let outcome =
        settings::save_receipt_details(&state()?.db, &session::meta(), scope, &input).await;
    let values = [
        ("legal_name", legal_name.as_str()),
        ("address", address.as_str()),
        ("vat_number", vat_number.as_str()),
    ];
    form::answer(
        forms::RECEIPTS,
        outcome,
        "Saved. Receipts issued from now on name these details.",
        &values,
    )
    .await
}

#[server]
pub async fn save_low_stock_threshold(low_stock_threshold: String) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let outcome = settings::set_low_stock_threshold(
        &state()?.db,
        &session::meta(),
        scope,
        &low_stock_threshold,
    )
    .await;
    let values = [("low_stock_threshold", low_stock_threshold.as_str())];
    form::answer(forms::STOCK, outcome, "Threshold saved.", &values).await
}

/// Replaces the logo with the uploaded file, or removes it when `remove` is
/// sent. Multipart, so it works as a plain form; its path has the larger
/// body limit of image uploads.
#[server(prefix = "/api", endpoint = "seller/logo", input = server_fn::codec::MultipartFormData)]
pub async fn upload_logo(data: MultipartData) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
    let cut_off = || AppError::from(server::Error::conflict(msg::PROBLEM_UPLOAD_CUT_OFF));
    let mut upload = None;
    let mut remove = false;
    while let Some(field) = multipart.next_field().await.map_err(|_| cut_off())? {
        match field.name() {
            Some("logo") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(|_| cut_off())?;
                // A file input left empty still sends one nameless, empty part.
                if !(name.is_empty() && bytes.is_empty()) {
                    upload = Some(images::Upload {
                        name,
                        bytes: bytes.to_vec(),
                    });
                }
            }
            Some("remove") => remove = true,
            _ => {}
        }
    }
    if upload.is_none() && !remove {
        let error = server::Error::invalid("logo", msg::PROBLEM_LOGO);
        return form::refused(forms::LOGO, error, &[]).await;
    }
    let notice = if remove {
        "Logo removed."
    } else {
        "Logo saved."
    };
    let upload = if remove { None } else { upload };
    let outcome = settings::set_logo(&state()?, &session::meta(), scope, upload).await;
    form::answer(forms::LOGO, outcome, notice, &[]).await
}

/// Adds a staff member by email, removes one (`remove` holds their id), or
/// requires a second sign-in step of the staff (`staff_two_step`).
#[server]
pub async fn store_members(
    #[server(default)] email: String,
    #[server(default)] remove: Option<i64>,
    #[server(default)] staff_two_step: Option<bool>,
) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    let state = state()?;
    let db = &state.db;
    let meta = session::meta();
    if let Some(required) = staff_two_step {
        let outcome = settings::set_staff_two_step(db, &meta, scope, required).await;
        let notice = if required {
            "Staff now need two-step sign-in to work in the store."
        } else {
            "Staff no longer need two-step sign-in."
        };
        return form::answer(forms::MEMBERS, outcome, notice, &[]).await;
    }
    match remove {
        Some(user_id) => {
            let outcome = settings::remove_staff(db, &meta, scope, user_id).await;
            form::answer(forms::MEMBERS, outcome, "Removed from the store.", &[]).await
        }
        None => {
            let outcome =
                settings::add_staff(db, &meta, scope, &email, &state.config.app_url).await;
            let values = [("email", email.as_str())];
            form::answer(forms::MEMBERS, outcome, "Added as staff.", &values).await
        }
    }
}

/// Closes the store once the owner ticks the confirmation.
#[server]
pub async fn close_store(#[server(default)] confirm: Option<String>) -> Result<Feedback, AppError> {
    let scope = session::store_scope().await?;
    if confirm.as_deref() != Some("yes") {
        let error = server::Error::invalid("confirm", msg::PROBLEM_CONFIRM_CLOSE_STORE);
        return form::refused(forms::CLOSE, error, &[]).await;
    }
    let outcome = settings::close(&state()?, &session::meta(), scope).await;
    form::answer(
        forms::CLOSE,
        outcome,
        "The store is closed. Its orders stay here.",
        &[],
    )
    .await
}
