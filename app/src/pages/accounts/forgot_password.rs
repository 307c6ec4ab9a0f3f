//! `/forgot-password`: ask for a reset link.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        accounts::{forms, recovery::ForgotPassword},
        flash::take_flash,
    },
    forms::{Field, FormStatus, Submit, feedback},
    i18n::{msg, use_lang},
};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ForgotPassword>::new();
    let flash = Resource::new(|| (), |_| take_flash(forms::FORGOT.into()));
    view! {
        <Title text=lang.t(msg::FORGOT_PASSWORD_LINK) />
        <section class="container narrow section">
            <h1>{lang.t(msg::FORGOT_PASSWORD_LINK)}</h1>
            <p>{lang.t(msg::FORGOT_INTRO)}</p>
            <Suspense fallback=move || view! { <p class="loading">{lang.t(msg::LOADING)}</p> }>
                {move || Suspend::new(async move {
                    let feedback = feedback(action.value(), flash.await.ok().flatten());
                    view! {
                        <ActionForm action attr:class="stack">
                            <FormStatus feedback />
                            <Field feedback name="email" label=lang.t(msg::EMAIL) kind="email" autocomplete="email" required=true />
                            <Submit label=lang.t(msg::FORGOT_SUBMIT) pending=action.pending().into() />
                        </ActionForm>
                    }
                })}
            </Suspense>
            <p><a href=lang.path("/login")>{lang.t(msg::BACK_TO_SIGN_IN)}</a></p>
        </section>
    }
}
