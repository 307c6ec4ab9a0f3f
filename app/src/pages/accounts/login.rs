//! `/login`: sign in; `next=` names the page to return to. When the
//! password was right and the account has two-step sign-in, the page asks
//! for the code instead.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::{
        accounts::{
            forms,
            login::{CancelSecondStep, LogIn, PassSecondStep, demo_accounts, second_step_due},
        },
        flash::take_flash,
    },
    forms::{Field, FormStatus, Submit, feedback},
    pages::accounts::passkeys::PasskeySignIn,
};

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<LogIn>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let reset_done = move || query.read().get("reset").is_some();
    let flash = Resource::new(|| (), |_| take_flash(forms::LOGIN.into()));
    let second = ServerAction::<PassSecondStep>::new();
    let cancel = ServerAction::<CancelSecondStep>::new();
    let due = Resource::new(
        move || (action.version().get(), cancel.version().get()),
        |_| second_step_due(),
    );
    let second_flash = Resource::new(|| (), |_| take_flash(forms::SECOND_STEP.into()));
    let demo = Resource::new(|| (), |_| demo_accounts());
    view! {
        <Title text="Sign in" />
        <section class="container narrow section">
            <h1>"Sign in"</h1>
            <Show when=reset_done>
                <p class="alert alert--success">"Your password is changed. Sign in with the new one."</p>
            </Show>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    if due.await.unwrap_or(false) {
                        let feedback = feedback(second.value(), second_flash.await.ok().flatten());
                        return view! {
                            <h2>"Two-step sign-in"</h2>
                            <p>"Type the six-digit code your authenticator app shows for Bazaar, or one of your recovery codes."</p>
                            <ActionForm action=second attr:class="stack">
                                <FormStatus feedback />
                                <input type="hidden" name="next" value=next />
                                <Field feedback name="code" label="Code" autocomplete="one-time-code" required=true />
                                <Submit label="Continue" pending=second.pending().into() />
                            </ActionForm>
                            <PasskeySignIn next=next() label="Use a passkey" />
                            <ActionForm action=cancel>
                                <button class="button button--small" type="submit">"Use another account"</button>
                            </ActionForm>
                        }
                        .into_any();
                    }
                    let feedback = feedback(action.value(), flash.await.ok().flatten());
                    view! {
                        <ActionForm action attr:class="stack">
                            <FormStatus feedback />
                            <input type="hidden" name="next" value=next />
                            <Field feedback name="email" label="Email" kind="email" autocomplete="username" required=true />
                            <Field
                                feedback
                                name="password"
                                label="Password"
                                kind="password"
                                autocomplete="current-password"
                                required=true
                            />
                            <Submit label="Sign in" pending=action.pending().into() />
                        </ActionForm>
                        <PasskeySignIn next=next() label="Sign in with a passkey" />
                    }
                    .into_any()
                })}
            </Suspense>
            <p class="link-row">
                <a href="/forgot-password">"Forgot your password?"</a>
                <a href="/register">"Create an account"</a>
            </p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let accounts = demo.await.unwrap_or_default();
                    (!accounts.is_empty())
                        .then(|| {
                            view! {
                                <aside class="card stack" aria-labelledby="demo-heading">
                                    <h2 id="demo-heading">"Demo accounts"</h2>
                                    <p>"Local development only. Every password is " <code>"demo-password"</code> "."</p>
                                    <ul>
                                        {accounts
                                            .into_iter()
                                            .map(|(email, role)| view! { <li><code>{email}</code> " — " {role}</li> })
                                            .collect_view()}
                                    </ul>
                                </aside>
                            }
                        })
                })}
            </Suspense>
        </section>
    }
}
