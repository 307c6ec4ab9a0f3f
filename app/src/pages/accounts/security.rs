//! `/account/security`: password, two-step sign-in, passkeys, open
//! sessions, deactivating or deleting the account.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::{
        accounts::{
            forms,
            profile::{ChangePassword, DeactivateAccount, DeleteAccount},
            safe_next,
            sessions::{EndSession, sessions},
            two_step::{DisableTwoStep, EnableTwoStep, NewRecoveryCodes, two_step_state},
        },
        flash::take_flash,
    },
    components::error_view::ErrorView,
    forms::{Feedback, Field, FormStatus, Submit, feedback},
    pages::accounts::passkeys::Passkeys,
};

#[component]
pub fn SecurityPage() -> impl IntoView {
    let change_password = ServerAction::<ChangePassword>::new();
    let end_session = ServerAction::<EndSession>::new();
    let open = Resource::new(move || end_session.version().get(), |_| sessions());
    let password_flash = Resource::new(|| (), |_| take_flash(forms::PASSWORD.into()));
    // Moves when passkeys are added or removed, which both cards show.
    let passkeys_changed = RwSignal::new(0);
    view! {
        <Title text="Password and sessions" />
        <section class="container narrow section stack">
            <h1>"Password and sessions"</h1>
            <p><a href="/account">"Back to your account"</a></p>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let feedback = feedback(change_password.value(), password_flash.await.ok().flatten());
                    view! {
                        <ActionForm action=change_password attr:class="stack card" attr:aria-labelledby="password-heading">
                            <h2 id="password-heading">"Change your password"</h2>
                            <FormStatus feedback />
                            <Field feedback name="current_password" label="Current password" kind="password" autocomplete="current-password" required=true />
                            <Field
                                feedback
                                name="new_password"
                                label="New password"
                                kind="password"
                                autocomplete="new-password"
                                hint="At least 10 characters. Every other session ends when you change it."
                                required=true
                            />
                            <Submit label="Change password" pending=change_password.pending().into() />
                        </ActionForm>
                    }
                })}
            </Suspense>
            <TwoStep passkeys_changed />
            <Passkeys changed=passkeys_changed />
            <section class="card stack" aria-labelledby="sessions-heading">
                <h2 id="sessions-heading">"Where you are signed in"</h2>
                <Transition fallback=|| view! { <p class="loading">"Loading sessions…"</p> }>
                    {move || Suspend::new(async move {
                        match open.await {
                            Ok(list) => view! {
                                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="sessions-heading">
                                    <table class="table">
                                        <thead>
                                            <tr><th scope="col">"Device"</th><th scope="col">"IP address"</th><th scope="col">"Signed in"</th><th scope="col">"Last active"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr>
                                        </thead>
                                        <tbody>
                                            {list.into_iter().map(|s| view! {
                                                <tr>
                                                    <td>{s.device.clone()}</td>
                                                    <td>{s.ip.clone()}</td>
                                                    <td>{s.signed_in.clone()}</td>
                                                    <td>{s.last_seen.clone()}</td>
                                                    <td>
                                                        {if s.current {
                                                            view! { <span class="badge badge--success">"This device"</span> }.into_any()
                                                        } else {
                                                            view! {
                                                                <ActionForm action=end_session>
                                                                    <input type="hidden" name="id" value=s.id.clone() />
                                                                    <button class="button button--small" type="submit">
                                                                        "Sign out" <span class="visually-hidden">{format!(" {} from {}", s.device, s.ip)}</span>
                                                                    </button>
                                                                </ActionForm>
                                                            }.into_any()
                                                        }}
                                                    </td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <CloseAccount />
        </section>
    }
}

/// Two-step sign-in: set up with a QR code (or the key typed by hand) and a
/// first code; once on, new recovery codes or off, each with the password.
/// The three forms share one status line, which also lists recovery codes
/// the one time they are known.
#[component]
fn TwoStep(passkeys_changed: RwSignal<usize>) -> impl IntoView {
    let enable = ServerAction::<EnableTwoStep>::new();
    let regenerate = ServerAction::<NewRecoveryCodes>::new();
    let disable = ServerAction::<DisableTwoStep>::new();
    let current = Resource::new(
        move || {
            (
                enable.version().get(),
                regenerate.version().get(),
                // Moved by turning it off, too.
                passkeys_changed.get(),
            )
        },
        |_| two_step_state(),
    );
    // Turning it off removes the passkeys too.
    Effect::new(move |_| {
        if disable
            .value()
            .with(|answer| matches!(answer, Some(Ok(feedback)) if feedback.problems.is_empty()))
        {
            passkeys_changed.update(|n| *n += 1);
        }
    });
    let flash = Resource::new(|| (), |_| take_flash(forms::TWO_STEP.into()));
    // Sent here by a page that needs a second step, with the way back.
    let (required, next) = use_query_map().with_untracked(|query| {
        (
            query.get("second_step").as_deref() == Some("required"),
            query.get("next").map(|next| safe_next(&next)),
        )
    });
    // Whichever of the three answered last.
    let answer = RwSignal::new(None);
    for value in [enable.value(), regenerate.value(), disable.value()] {
        Effect::new(move |_| {
            if let Some(latest) = value.get() {
                answer.set(Some(latest));
            }
        });
    }
    view! {
        <section class="card stack" id="two-step" aria-labelledby="two-step-heading">
            <h2 id="two-step-heading">"Two-step sign-in"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move {
                    let feedback = feedback(answer, flash.await.ok().flatten());
                    let state = match current.await {
                        Ok(state) => state,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    let progress = if state.enabled {
                        required.then(|| next.clone()).flatten().map(|next| view! {
                            <div class="alert alert--success">
                                <p>"Two-step sign-in is on. " <a href=next>"Continue where you were"</a></p>
                            </div>
                        }.into_any())
                    } else {
                        required.then(|| view! {
                            <div class="alert alert--warning">
                                <p>{crate::i18n::use_lang().t(texts::msg::ERROR_SECOND_STEP)}</p>
                            </div>
                        }.into_any())
                    };
                    let summary = match (state.authenticator_app, state.enabled) {
                        (true, _) => format!("On: after your password, signing in asks for a code from your authenticator app (or one of your passkeys). {} unused recovery codes left.", state.recovery_codes_left),
                        (false, true) => format!("On with your passkeys: signing in asks for one after your password. {} unused recovery codes left. You can also set up an authenticator app, for devices that do not hold a passkey.", state.recovery_codes_left),
                        (false, false) => "Off. With it on, signing in also asks for a code from an authenticator app on your phone, or for a passkey, so a stolen password is not enough.".to_owned(),
                    };
                    let setup = state.setup.map(|setup| view! {
                        <p>"Scan this QR code with the app, or type the key below into it; then type the six digits it shows."</p>
                        <div class="qr-code" role="img" aria-label="QR code for your authenticator app" inner_html=setup.qr_svg></div>
                        <p>"Key: " <code class="secret-key">{setup.secret}</code></p>
                        <ActionForm action=enable attr:class="stack">
                            <Field feedback name="code" label="Code from the app" autocomplete="one-time-code" input_mode="numeric" required=true />
                            <Field feedback form="two-step-on" name="current_password" label="Your password" kind="password" autocomplete="current-password" required=true />
                            <Submit label="Turn on" pending=enable.pending().into() />
                        </ActionForm>
                    });
                    let manage = state.enabled.then(|| view! {
                        <ActionForm action=regenerate attr:class="stack">
                            <Field feedback form="recovery-codes" name="current_password" label="Your password" kind="password" autocomplete="current-password" required=true />
                            <Submit label="Make new recovery codes" class="button" pending=regenerate.pending().into() />
                        </ActionForm>
                        <ActionForm action=disable attr:class="stack">
                            <Field
                                feedback
                                form="two-step-off"
                                name="current_password"
                                label="Your password"
                                kind="password"
                                autocomplete="current-password"
                                hint="Turning it off also removes your passkeys."
                                required=true
                            />
                            <Submit label="Turn two-step sign-in off" class="button button--danger" pending=disable.pending().into() />
                        </ActionForm>
                    });
                    let body = view! {
                        {progress}
                        <p>{summary}</p>
                        {setup}
                        {manage}
                    };
                    view! {
                        <FormStatus feedback />
                        <RecoveryCodes feedback />
                        {body}
                    }
                    .into_any()
                })
                }}
            </Transition>
        </section>
    }
}

/// Recovery codes the one time they are known, with a download that needs
/// no script.
#[component]
fn RecoveryCodes(feedback: Signal<Feedback>) -> impl IntoView {
    move || {
        feedback.with(|f| f.reveal.clone()).map(|codes| {
            // Codes are lower-case letters, digits and dashes: only line
            // breaks need escaping in the address.
            let download = format!("data:text/plain;charset=utf-8,{}%0D%0A", codes.replace('\n', "%0D%0A"));
            view! {
                <div class="stack new-secret">
                    <h3>"Your recovery codes"</h3>
                    <ul class="plain recovery-codes">
                        {codes.lines().map(|code| view! { <li><code>{code.to_owned()}</code></li> }).collect_view()}
                    </ul>
                    <p class="cluster">
                        <a href=download download="bazaar-recovery-codes.txt">"Download the codes as a text file"</a>
                        <PrintButton />
                    </p>
                </div>
            }
        })
    }
}

/// Prints the page (print styles keep only the recovery codes). Printing
/// needs a script, so the button appears only once the page is live.
#[component]
fn PrintButton() -> impl IntoView {
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    move || {
        live.get().then(|| {
            view! {
                <button type="button" class="button button--small" on:click=move |_| print()>
                    "Print the codes"
                </button>
            }
        })
    }
}

fn print() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Deactivating and deleting: both ask for the password and an explicit
/// confirmation, with or without JavaScript.
#[component]
fn CloseAccount() -> impl IntoView {
    let deactivate = ServerAction::<DeactivateAccount>::new();
    let delete = ServerAction::<DeleteAccount>::new();
    let deactivate_flash = Resource::new(|| (), |_| take_flash(forms::DEACTIVATE.into()));
    let delete_flash = Resource::new(|| (), |_| take_flash(forms::DELETE.into()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let deactivate_feedback = feedback(deactivate.value(), deactivate_flash.await.ok().flatten());
                let delete_feedback = feedback(delete.value(), delete_flash.await.ok().flatten());
                view! {
                    <ActionForm action=deactivate attr:class="stack card" attr:aria-labelledby="deactivate-heading">
                        <h2 id="deactivate-heading">"Deactivate your account"</h2>
                        <p>"You are signed out everywhere and cannot sign in until the platform reopens the account. Your orders stay as they are."</p>
                        <FormStatus feedback=deactivate_feedback />
                        <Field feedback=deactivate_feedback form="deactivate" name="current_password" label="Your password" kind="password" autocomplete="current-password" required=true />
                        <Confirm feedback=deactivate_feedback id="confirm-deactivate" label="Yes, deactivate my account" />
                        <Submit label="Deactivate account" class="button button--danger" pending=deactivate.pending().into() />
                    </ActionForm>
                    <ActionForm action=delete attr:class="stack card" attr:aria-labelledby="delete-heading">
                        <h2 id="delete-heading">"Delete your account"</h2>
                        <p>"Your name, address and password are erased for good. Sellers keep the orders you placed, without your personal details."</p>
                        <FormStatus feedback=delete_feedback />
                        <Field feedback=delete_feedback form="delete" name="current_password" label="Your password" kind="password" autocomplete="current-password" required=true />
                        <Confirm feedback=delete_feedback id="confirm-delete" label="Yes, delete my account and my personal data" />
                        <Submit label="Delete account" class="button button--danger" pending=delete.pending().into() />
                    </ActionForm>
                }
            })}
        </Suspense>
    }
}

/// A required checkbox: the form cannot be sent without ticking it.
#[component]
fn Confirm(feedback: Signal<Feedback>, id: &'static str, label: &'static str) -> impl IntoView {
    let problem = move || feedback.with(|f| f.problem("confirm"));
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--invalid=move || problem().is_some()>
            <div class="choice">
                <input
                    type="checkbox"
                    id=id
                    name="confirm"
                    value="yes"
                    required=true
                    aria-describedby={
                        let error_id = error_id.clone();
                        move || problem().map(|_| error_id.clone())
                    }
                />
                <label for=id>{label}</label>
            </div>
            {move || problem().map(|message| view! { <p class="field__error" id=error_id.clone()>{message}</p> })}
        </div>
    }
}
