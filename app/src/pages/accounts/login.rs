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
    i18n::{msg, use_lang},
    pages::accounts::passkeys::PasskeySignIn,
};

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
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
        <Title text=lang.t(msg::SIGN_IN) />
        <section class="container narrow section">
            <h1>{lang.t(msg::SIGN_IN)}</h1>
            <Show when=reset_done>
                <p class="alert alert--success">{lang.t(msg::LOGIN_RESET_DONE)}</p>
            </Show>
            <Suspense fallback=move || view! { <p class="loading">{lang.t(msg::LOADING)}</p> }>
                {move || Suspend::new(async move {
                    if due.await.unwrap_or(false) {
                        let feedback = feedback(second.value(), second_flash.await.ok().flatten());
                        return view! {
                            <h2>{lang.t(msg::LOGIN_TWO_STEP_HEADING)}</h2>
                            <p>{lang.t(msg::LOGIN_TWO_STEP_INTRO)}</p>
                            <ActionForm action=second attr:class="stack">
                                <FormStatus feedback />
                                <input type="hidden" name="next" value=next />
                                <Field feedback name="code" label=lang.t(msg::LOGIN_CODE) autocomplete="one-time-code" required=true />
                                <Submit label=lang.t(msg::CONTINUE) pending=second.pending().into() />
                            </ActionForm>
                            <PasskeySignIn next=next() label=msg::LOGIN_PASSKEY_INSTEAD />
                            <ActionForm action=cancel>
                                <button class="button button--small" type="submit">{lang.t(msg::LOGIN_OTHER_ACCOUNT)}</button>
                            </ActionForm>
                        }
                        .into_any();
                    }
                    let feedback = feedback(action.value(), flash.await.ok().flatten());
                    view! {
                        <ActionForm action attr:class="stack">
                            <FormStatus feedback />
                            <input type="hidden" name="next" value=next />
                            <Field feedback name="email" label=lang.t(msg::EMAIL) kind="email" autocomplete="username" required=true />
                            <Field
                                feedback
                                name="password"
                                label=lang.t(msg::PASSWORD)
                                kind="password"
                                autocomplete="current-password"
                                required=true
                            />
                            <Submit label=lang.t(msg::SIGN_IN) pending=action.pending().into() />
                        </ActionForm>
                        <PasskeySignIn next=next() label=msg::LOGIN_WITH_PASSKEY />
                    }
                    .into_any()
                })}
            </Suspense>
            <p class="link-row">
                <a href=lang.path("/forgot-password")>{lang.t(msg::FORGOT_PASSWORD_LINK)}</a>
                <a href=lang.path("/register")>{lang.t(msg::CREATE_ACCOUNT)}</a>
            </p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let accounts = demo.await.unwrap_or_default();
                    (!accounts.is_empty())
                        .then(|| {
                            view! {
                                <aside class="card stack" aria-labelledby="demo-heading">
                                    <h2 id="demo-heading">{lang.t(msg::DEMO_ACCOUNTS)}</h2>
                                    <p>{lang.t(msg::DEMO_ACCOUNTS_PASSWORD)} " " <code>"demo-password"</code> "."</p>
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
