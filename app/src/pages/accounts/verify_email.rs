//! `/verify-email`: follows a mailed link (`?token=`), or takes the 6-digit
//! code (`?sent=` names the address just registered).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::{
        accounts::{
            forms,
            registration::{ResendVerification, VerifyEmailCode, VerifyEmailLink},
        },
        flash::take_flash,
    },
    forms::{Field, FormStatus, Submit, feedback},
    i18n::{msg, use_lang},
};

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let token = move || query.read().get("token");
    view! {
        <Title text=lang.t(msg::VERIFY_TITLE) />
        <section class="container narrow section">
            <h1>{lang.t(msg::VERIFY_TITLE)}</h1>
            {move || match token() {
                Some(token) => view! { <LinkConfirmation token /> }.into_any(),
                None => view! { <CodeForms /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn LinkConfirmation(token: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<VerifyEmailLink>::new();
    let flash = Resource::new(|| (), |_| take_flash(forms::VERIFY_LINK.into()));
    let token = StoredValue::new(token);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.t(msg::LOADING)}</p> }>
            {move || Suspend::new({
                async move {
                    let feedback = feedback(action.value(), flash.await.ok().flatten());
                    let confirmed = move || feedback.with(|f| f.notice.is_some());
                    view! {
                        <FormStatus feedback />
                        <Show
                            when=confirmed
                            fallback=move || view! {
                                <ActionForm action attr:class="stack">
                                    <p>{lang.t(msg::VERIFY_PRESS)}</p>
                                    <input type="hidden" name="token" value=token.get_value() />
                                    <Submit label=lang.t(msg::VERIFY_SUBMIT_LINK) pending=action.pending().into() />
                                </ActionForm>
                            }
                        >
                            <p><a class="button button--primary" href=lang.path("/account")>{lang.t(msg::GO_TO_ACCOUNT)}</a></p>
                        </Show>
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn CodeForms() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let sent_to = move || query.read_untracked().get("sent").unwrap_or_default();
    let verify = ServerAction::<VerifyEmailCode>::new();
    let resend = ServerAction::<ResendVerification>::new();
    let verify_flash = Resource::new(|| (), |_| take_flash(forms::VERIFY.into()));
    let resend_flash = Resource::new(|| (), |_| take_flash(forms::RESEND.into()));
    view! {
        <Show when=move || !sent_to().is_empty()>
            <p class="alert alert--info">
                {move || lang.t_args(msg::VERIFY_SENT, &[("email", sent_to().into())])}
            </p>
        </Show>
        <Suspense fallback=move || view! { <p class="loading">{lang.t(msg::LOADING)}</p> }>
            {move || Suspend::new(async move {
                let verify_feedback = feedback(verify.value(), verify_flash.await.ok().flatten());
                let resend_feedback = feedback(resend.value(), resend_flash.await.ok().flatten());
                view! {
                    <ActionForm action=verify attr:class="stack" attr:aria-labelledby="code-heading">
                        <h2 id="code-heading">{lang.t(msg::VERIFY_CODE_HEADING)}</h2>
                        <FormStatus feedback=verify_feedback />
                        <Field feedback=verify_feedback name="email" label=lang.t(msg::EMAIL) kind="email" autocomplete="email" value=sent_to() required=true />
                        <Field
                            feedback=verify_feedback
                            name="code"
                            label=lang.t(msg::SIX_DIGIT_CODE)
                            autocomplete="one-time-code"
                            input_mode="numeric"
                            required=true
                        />
                        <Submit label=lang.t(msg::CONFIRM) pending=verify.pending().into() />
                    </ActionForm>
                    <ActionForm action=resend attr:class="stack section" attr:aria-labelledby="resend-heading">
                        <h2 id="resend-heading">{lang.t(msg::VERIFY_NO_MAIL)}</h2>
                        <p>{lang.t(msg::VERIFY_CODES_LAST)}</p>
                        <FormStatus feedback=resend_feedback />
                        <Field feedback=resend_feedback form="resend" name="email" label=lang.t(msg::EMAIL) kind="email" autocomplete="email" value=sent_to() required=true />
                        <Submit label=lang.t(msg::VERIFY_RESEND) class="button" pending=resend.pending().into() />
                    </ActionForm>
                }
            })}
        </Suspense>
    }
}
