//! `/forgot-password`: ask for a reset link.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        accounts::{forms, recovery::ForgotPassword},
        flash::take_flash,
    },
    forms::{Field, FormStatus, Submit, feedback},
};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<ForgotPassword>::new();
    let flash = Resource::new(|| (), |_| take_flash(forms::FORGOT.into()));
    view! {
        <Title text="Forgot your password" />
        <section class="container narrow section">
            <h1>"Forgot your password?"</h1>
            <p>"Enter the address of your account and we will mail you a link to choose a new password."</p>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let feedback = feedback(action.value(), flash.await.ok().flatten());
                    view! {
                        <ActionForm action attr:class="stack">
                            <FormStatus feedback />
                            <Field feedback name="email" label="Email" kind="email" autocomplete="email" required=true />
                            <Submit label="Send the link" pending=action.pending().into() />
                        </ActionForm>
                    }
                })}
            </Suspense>
            <p><a href="/login">"Back to sign in"</a></p>
        </section>
    }
}
