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
};

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token");
    view! {
        <Title text="Confirm your email" />
        <section class="container narrow section">
            <h1>"Confirm your email"</h1>
            {move || match token() {
                Some(token) => view! { <LinkConfirmation token /> }.into_any(),
                None => view! { <CodeForms /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn LinkConfirmation(token: String) -> impl IntoView {
    let action = ServerAction::<VerifyEmailLink>::new();
    let flash = Resource::new(|| (), |_| take_flash(forms::VERIFY_LINK.into()));
    let token = StoredValue::new(token);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
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
                                    <p>"Press the button to confirm this address for your Bazaar account."</p>
                                    <input type="hidden" name="token" value=token.get_value() />
                                    <Submit label="Confirm my email address" pending=action.pending().into() />
                                </ActionForm>
                            }
                        >
                            <p><a class="button button--primary" href="/account">"Go to your account"</a></p>
                        </Show>
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn CodeForms() -> impl IntoView {
    let query = use_query_map();
    let sent_to = move || query.read_untracked().get("sent").unwrap_or_default();
    let verify = ServerAction::<VerifyEmailCode>::new();
    let resend = ServerAction::<ResendVerification>::new();
    let verify_flash = Resource::new(|| (), |_| take_flash(forms::VERIFY.into()));
    let resend_flash = Resource::new(|| (), |_| take_flash(forms::RESEND.into()));
    view! {
        <Show when=move || !sent_to().is_empty()>
            <p class="alert alert--info">
                "Check your inbox: if " <strong>{sent_to}</strong>
                " is new to Bazaar, we sent it a link and a 6-digit code. If it already has an account, we sent a note about that instead."
            </p>
        </Show>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let verify_feedback = feedback(verify.value(), verify_flash.await.ok().flatten());
                let resend_feedback = feedback(resend.value(), resend_flash.await.ok().flatten());
                view! {
                    <ActionForm action=verify attr:class="stack" attr:aria-labelledby="code-heading">
                        <h2 id="code-heading">"Enter the code"</h2>
                        <FormStatus feedback=verify_feedback />
                        <Field feedback=verify_feedback name="email" label="Email" kind="email" autocomplete="email" value=sent_to() required=true />
                        <Field
                            feedback=verify_feedback
                            name="code"
                            label="6-digit code"
                            autocomplete="one-time-code"
                            input_mode="numeric"
                            required=true
                        />
                        <Submit label="Confirm" pending=verify.pending().into() />
                    </ActionForm>
                    <ActionForm action=resend attr:class="stack section" attr:aria-labelledby="resend-heading">
                        <h2 id="resend-heading">"No mail?"</h2>
                        <p>"Codes work for 30 minutes. You can ask for a new one once a minute."</p>
                        <FormStatus feedback=resend_feedback />
                        <Field feedback=resend_feedback form="resend" name="email" label="Email" kind="email" autocomplete="email" value=sent_to() required=true />
                        <Submit label="Send a new code" class="button" pending=resend.pending().into() />
                    </ActionForm>
                }
            })}
        </Suspense>
    }
}
