//! `/seller/onboarding`: a verified person opens a store.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        flash::take_flash,
        seller::onboarding::{Onboarding, OpenStore, forms, onboarding_status},
    },
    components::error_view::ErrorView,
    forms::{Field, FormStatus, Submit, feedback},
};

#[component]
pub fn OnboardingPage() -> impl IntoView {
    let status = Resource::new(|| (), |_| onboarding_status());
    let action = ServerAction::<OpenStore>::new();
    let flash = Resource::new(|| (), |_| take_flash(forms::OPEN_STORE.into()));
    view! {
        <Title text="Open a store" />
        <section class="container narrow section stack">
            <h1>"Open a store"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(Onboarding::HasStore) => view! {
                            <p>"You already run a store. " <a href="/seller">"Go to your store"</a></p>
                        }.into_any(),
                        Ok(Onboarding::NeedsVerifiedEmail) => view! {
                            <p class="alert alert--warning">
                                "Confirm your email address first: we need a way to reach you about your orders. "
                                <a href="/verify-email">"Confirm it"</a>
                            </p>
                        }.into_any(),
                        Ok(Onboarding::Ready) => {
                            let feedback = feedback(action.value(), flash.await.ok().flatten());
                            view! {
                                <p>"Your store starts active: add products and they can be bought at once."</p>
                                <ActionForm action attr:class="stack">
                                    <FormStatus feedback />
                                    <Field feedback name="name" label="Store name" autocomplete="organization" required=true />
                                    <Field
                                        feedback
                                        name="slug"
                                        label="Store address"
                                        hint="Lower-case letters, digits and hyphens, like my-shop: your store will live at /s/my-shop."
                                        required=true
                                    />
                                    <Field feedback name="description" label="Description (optional)" kind="textarea" />
                                    <Submit label="Open my store" pending=action.pending().into() />
                                </ActionForm>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
