//! `/reset-password?token=…`: choose a new password from a mailed link.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::{
        accounts::{
            forms,
            recovery::{ResetPassword, check_reset_link},
        },
        flash::take_flash,
    },
    components::error_view::ErrorView,
    forms::{Field, FormStatus, Submit, feedback},
};

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let live = Resource::new(token, check_reset_link);
    let flash = Resource::new(|| (), |_| take_flash(forms::RESET.into()));
    view! {
        <Title text="Choose a new password" />
        <section class="container narrow section">
            <h1>"Choose a new password"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Checking the link…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match live.await {
                        Ok(true) => {
                            let feedback = feedback(action.value(), flash);
                            view! {
                                <ActionForm action attr:class="stack">
                                    <FormStatus feedback />
                                    <input type="hidden" name="token" value=token />
                                    <Field
                                        feedback
                                        name="password"
                                        label="New password"
                                        kind="password"
                                        autocomplete="new-password"
                                        hint="At least 10 characters. A few unrelated words make a strong password."
                                        required=true
                                    />
                                    <Submit label="Save the new password" pending=action.pending().into() />
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Ok(false) => {
                            view! {
                                <p class="alert alert--warning">
                                    "This link has expired or was already used. "
                                    <a href="/forgot-password">"Ask for a new one"</a>
                                    "."
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
