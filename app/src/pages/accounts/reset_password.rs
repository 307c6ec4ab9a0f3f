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
    i18n::{msg, use_lang},
};

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ResetPassword>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let live = Resource::new(token, check_reset_link);
    let flash = Resource::new(|| (), |_| take_flash(forms::RESET.into()));
    view! {
        <Title text=lang.t(msg::RESET_TITLE) />
        <section class="container narrow section">
            <h1>{lang.t(msg::RESET_TITLE)}</h1>
            <Suspense fallback=move || view! { <p class="loading">{lang.t(msg::RESET_CHECKING)}</p> }>
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
                                        label=lang.t(msg::NEW_PASSWORD)
                                        kind="password"
                                        autocomplete="new-password"
                                        hint=lang.t(msg::PASSWORD_HINT)
                                        required=true
                                    />
                                    <Submit label=lang.t(msg::RESET_SUBMIT) pending=action.pending().into() />
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Ok(false) => {
                            view! {
                                <p class="alert alert--warning">
                                    {lang.t(msg::RESET_EXPIRED)} " "
                                    <a href=lang.path("/forgot-password")>{lang.t(msg::RESET_ASK_NEW)}</a>
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
