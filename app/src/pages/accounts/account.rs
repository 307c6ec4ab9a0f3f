//! `/account`: name and email address.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        accounts::{
            forms,
            profile::{ChangeEmail, Rename, account},
        },
        flash::take_flash,
    },
    components::error_view::ErrorView,
    forms::{Field, FormStatus, Submit, feedback},
    i18n::{msg, use_lang},
};

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let details = Resource::new(|| (), |_| account());
    let rename = ServerAction::<Rename>::new();
    let change_email = ServerAction::<ChangeEmail>::new();
    let rename_flash = Resource::new(|| (), |_| take_flash(forms::PROFILE.into()));
    let email_flash = Resource::new(|| (), |_| take_flash(forms::EMAIL.into()));
    view! {
        <Title text=lang.t(msg::YOUR_ACCOUNT) />
        <section class="container narrow section stack">
            <h1>{lang.t(msg::YOUR_ACCOUNT)}</h1>
            <Suspense fallback=move || view! { <p class="loading">{lang.t(msg::LOADING)}</p> }>
                {move || Suspend::new(async move {
                    let details = match details.await {
                        Ok(details) => details,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    let rename_feedback = feedback(rename.value(), rename_flash.await.ok().flatten());
                    let email_feedback = feedback(change_email.value(), email_flash.await.ok().flatten());
                    view! {
                        <nav class="link-row" aria-label=lang.t(msg::ACCOUNT)>
                            <a href=lang.path("/account/orders")>{lang.t(msg::YOUR_ORDERS)}</a>
                            <a href=lang.path("/account/addresses")>{lang.t(msg::ADDRESSES)}</a>
                            <a href=lang.path("/account/security")>{lang.t(msg::PASSWORD_AND_SESSIONS)}</a>
                            <a href=lang.path("/account/tokens")>{lang.t(msg::API_TOKENS)}</a>
                            {if details.owns_store {
                                view! { <a href=lang.path("/seller")>{lang.t(msg::YOUR_STORE)}</a> }.into_any()
                            } else {
                                view! { <a href=lang.path("/seller/onboarding")>{lang.t(msg::OPEN_STORE)}</a> }.into_any()
                            }}
                        </nav>
                        {(!details.verified).then(|| view! {
                            <p class="alert alert--warning">
                                {lang.t(msg::ACCOUNT_UNVERIFIED)} " "
                                <a href=lang.path(&format!(
                                    "/verify-email?sent={}",
                                    form_urlencoded::byte_serialize(details.email.as_bytes()).collect::<String>(),
                                ))>{lang.t(msg::CONFIRM_IT)}</a>
                                "."
                            </p>
                        })}
                        <ActionForm action=rename attr:class="stack card" attr:aria-labelledby="profile-heading">
                            <h2 id="profile-heading">{lang.t(msg::PROFILE)}</h2>
                            <FormStatus feedback=rename_feedback />
                            <Field feedback=rename_feedback name="name" label=lang.t(msg::YOUR_NAME) autocomplete="name" value=details.name.clone() />
                            <Submit label=lang.t(msg::SAVE) pending=rename.pending().into() />
                        </ActionForm>
                        <ActionForm action=change_email attr:class="stack card" attr:aria-labelledby="email-heading">
                            <h2 id="email-heading">{lang.t(msg::EMAIL_ADDRESS)}</h2>
                            <p>{lang.t_args(msg::EMAIL_CURRENTLY, &[("email", details.email.clone().into())])}</p>
                            <FormStatus feedback=email_feedback />
                            <Field feedback=email_feedback name="new_email" label=lang.t(msg::NEW_EMAIL) kind="email" autocomplete="email" required=true />
                            <Field
                                feedback=email_feedback
                                name="current_password"
                                label=lang.t(msg::CURRENT_PASSWORD)
                                kind="password"
                                autocomplete="current-password"
                                required=true
                            />
                            <Submit label=lang.t(msg::CHANGE_EMAIL) pending=change_email.pending().into() />
                        </ActionForm>
                    }
                        .into_any()
                })}
            </Suspense>
        </section>
    }
}
