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
};

#[component]
pub fn AccountPage() -> impl IntoView {
    let details = Resource::new(|| (), |_| account());
    let rename = ServerAction::<Rename>::new();
    let change_email = ServerAction::<ChangeEmail>::new();
    let rename_flash = Resource::new(|| (), |_| take_flash(forms::PROFILE.into()));
    let email_flash = Resource::new(|| (), |_| take_flash(forms::EMAIL.into()));
    view! {
        <Title text="Your account" />
        <section class="container narrow section stack">
            <h1>"Your account"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let details = match details.await {
                        Ok(details) => details,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    let rename_feedback = feedback(rename.value(), rename_flash.await.ok().flatten());
                    let email_feedback = feedback(change_email.value(), email_flash.await.ok().flatten());
                    view! {
                        <nav class="link-row" aria-label="Account">
                            <a href="/account/orders">"Your orders"</a>
                            <a href="/account/addresses">"Addresses"</a>
                            <a href="/account/security">"Password and sessions"</a>
                            <a href="/account/tokens">"API tokens"</a>
                            {if details.owns_store {
                                view! { <a href="/seller">"Your store"</a> }.into_any()
                            } else {
                                view! { <a href="/seller/onboarding">"Open a store"</a> }.into_any()
                            }}
                        </nav>
                        {(!details.verified).then(|| view! {
                            <p class="alert alert--warning">
                                "Your email address is not confirmed yet: you can browse and fill your cart, but not check out or open a store. "
                                <a href=format!(
                                    "/verify-email?sent={}",
                                    form_urlencoded::byte_serialize(details.email.as_bytes()).collect::<String>(),
                                )>"Confirm it"</a>
                                "."
                            </p>
                        })}
                        <ActionForm action=rename attr:class="stack card" attr:aria-labelledby="profile-heading">
                            <h2 id="profile-heading">"Profile"</h2>
                            <FormStatus feedback=rename_feedback />
                            <Field feedback=rename_feedback name="name" label="Your name" autocomplete="name" value=details.name.clone() />
                            <Submit label="Save" pending=rename.pending().into() />
                        </ActionForm>
                        <ActionForm action=change_email attr:class="stack card" attr:aria-labelledby="email-heading">
                            <h2 id="email-heading">"Email address"</h2>
                            <p>"Currently " <strong>{details.email.clone()}</strong> ". We will ask you to confirm the new address, and tell the current one."</p>
                            <FormStatus feedback=email_feedback />
                            <Field feedback=email_feedback name="new_email" label="New email address" kind="email" autocomplete="email" required=true />
                            <Field
                                feedback=email_feedback
                                name="current_password"
                                label="Your current password"
                                kind="password"
                                autocomplete="current-password"
                                required=true
                            />
                            <Submit label="Change email" pending=change_email.pending().into() />
                        </ActionForm>
                    }
                        .into_any()
                })}
            </Suspense>
        </section>
    }
}
