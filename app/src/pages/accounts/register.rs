//! `/register`: create an account.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        accounts::{forms, registration::Register},
        flash::take_flash,
    },
    forms::{Field, FormStatus, Submit, feedback},
};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let flash = Resource::new(|| (), |_| take_flash(forms::REGISTER.into()));
    view! {
        <Title text="Create an account" />
        <section class="container narrow section">
            <h1>"Create an account"</h1>
            <p>"Buy from every store on Bazaar with one account, and open your own store when you are ready."</p>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let feedback = feedback(action.value(), flash.await.ok().flatten());
                    view! {
                        <ActionForm action attr:class="stack">
                            <FormStatus feedback />
                            <Field feedback name="name" label="Your name (optional)" autocomplete="name" />
                            <Field feedback name="email" label="Email" kind="email" autocomplete="email" required=true />
                            <Field
                                feedback
                                name="password"
                                label="Password"
                                kind="password"
                                autocomplete="new-password"
                                hint="At least 10 characters. A few unrelated words make a strong password."
                                required=true
                            />
                            <Submit label="Create account" pending=action.pending().into() />
                        </ActionForm>
                    }
                })}
            </Suspense>
            <p>"Already have an account? " <a href="/login">"Sign in"</a></p>
        </section>
    }
}
