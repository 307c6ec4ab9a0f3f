//! `/register`: create an account.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        accounts::{forms, registration::Register},
        flash::take_flash,
    },
    forms::{Field, FormStatus, Submit, feedback},
    i18n::{msg, use_lang},
};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Register>::new();
    let flash = Resource::new(|| (), |_| take_flash(forms::REGISTER.into()));
    view! {
        <Title text=lang.t(msg::CREATE_ACCOUNT) />
        <section class="container narrow section">
            <h1>{lang.t(msg::CREATE_ACCOUNT)}</h1>
            <p>{lang.t(msg::REGISTER_INTRO)}</p>
            <Suspense fallback=move || view! { <p class="loading">{lang.t(msg::LOADING)}</p> }>
                {move || Suspend::new(async move {
                    let feedback = feedback(action.value(), flash.await.ok().flatten());
                    view! {
                        <ActionForm action attr:class="stack">
                            <FormStatus feedback />
                            <Field feedback name="name" label=lang.t(msg::YOUR_NAME_OPTIONAL) autocomplete="name" />
                            <Field feedback name="email" label=lang.t(msg::EMAIL) kind="email" autocomplete="email" required=true />
                            <Field
                                feedback
                                name="password"
                                label=lang.t(msg::PASSWORD)
                                kind="password"
                                autocomplete="new-password"
                                hint=lang.t(msg::PASSWORD_HINT)
                                required=true
                            />
                            <Submit label=lang.t(msg::REGISTER_SUBMIT) pending=action.pending().into() />
                        </ActionForm>
                    }
                })}
            </Suspense>
            <p>{lang.t(msg::HAVE_ACCOUNT)} " " <a href=lang.path("/login")>{lang.t(msg::SIGN_IN)}</a></p>
        </section>
    }
}
