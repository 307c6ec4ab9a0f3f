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
    i18n::{msg, use_lang},
    pages::accounts::passkeys::Passkeys,
};

#[component]
pub fn SecurityPage() -> impl IntoView {
    let lang = use_lang();
    let change_password = ServerAction::<ChangePassword>::new();
    let end_session = ServerAction::<EndSession>::new();
    let open = Resource::new(move || end_session.version().get(), |_| sessions());
    let password_flash = Resource::new(|| (), |_| take_flash(forms::PASSWORD.into()));
    // Moves when passkeys are added or removed, which both cards show.
    let passkeys_changed = RwSignal::new(0);
    view! {
        <Title text=lang.t(msg::PASSWORD_AND_SESSIONS) />
        <section class="container narrow section stack">
            <h1>{lang.t(msg::PASSWORD_AND_SESSIONS)}</h1>
            <p><a href=lang.path("/account")>{lang.t(msg::BACK_TO_ACCOUNT)}</a></p>
            <Suspense fallback=move || view! { <p class="loading">{lang.t(msg::LOADING)}</p> }>
                {move || Suspend::new(async move {
                    let feedback = feedback(change_password.value(), password_flash.await.ok().flatten());
                    view! {
                        <ActionForm action=change_password attr:class="stack card" attr:aria-labelledby="password-heading">
                            <h2 id="password-heading">{lang.t(msg::CHANGE_YOUR_PASSWORD)}</h2>
                            <FormStatus feedback />
                            <Field feedback name="current_password" label=lang.t(msg::CURRENT_PASSWORD_LABEL) kind="password" autocomplete="current-password" required=true />
                            <Field
                                feedback
                                name="new_password"
                                label=lang.t(msg::NEW_PASSWORD)
                                kind="password"
                                autocomplete="new-password"
                                hint=lang.t(msg::NEW_PASSWORD_HINT)
                                required=true
                            />
                            <Submit label=lang.t(msg::CHANGE_PASSWORD) pending=change_password.pending().into() />
                        </ActionForm>
                    }
                })}
            </Suspense>
            <TwoStep passkeys_changed />
            <Passkeys changed=passkeys_changed />
            <section class="card stack" aria-labelledby="sessions-heading">
                <h2 id="sessions-heading">{lang.t(msg::SESSIONS_HEADING)}</h2>
                <Transition fallback=move || view! { <p class="loading">{lang.t(msg::LOADING_SESSIONS)}</p> }>
                    {move || Suspend::new(async move {
                        match open.await {
                            Ok(list) => view! {
                                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="sessions-heading">
                                    <table class="table">
                                        <thead>
                                            <tr><th scope="col">{lang.t(msg::COLUMN_DEVICE)}</th><th scope="col">{lang.t(msg::COLUMN_IP)}</th><th scope="col">{lang.t(msg::COLUMN_SIGNED_IN)}</th><th scope="col">{lang.t(msg::COLUMN_LAST_ACTIVE)}</th><th scope="col"><span class="visually-hidden">{lang.t(msg::COLUMN_ACTIONS)}</span></th></tr>
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
                                                            view! { <span class="badge badge--success">{lang.t(msg::THIS_DEVICE)}</span> }.into_any()
                                                        } else {
                                                            view! {
                                                                <ActionForm action=end_session>
                                                                    <input type="hidden" name="id" value=s.id.clone() />
                                                                    <button class="button button--small" type="submit">
                                                                        {lang.t(msg::SIGN_OUT)}
                                                                        <span class="visually-hidden">
                                                                            {format!(" {}", lang.t_args(msg::SESSION_FROM, &[("device", s.device.clone().into()), ("ip", s.ip.clone().into())]))}
                                                                        </span>
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
    let lang = use_lang();
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
            <h2 id="two-step-heading">{lang.t(msg::LOGIN_TWO_STEP_HEADING)}</h2>
            <Transition fallback=move || view! { <p class="loading">{lang.t(msg::LOADING)}</p> }>
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
                                <p>{lang.t(msg::TWO_STEP_ON_CONTINUE)} " " <a href=next>{lang.t(msg::CONTINUE_WHERE_YOU_WERE)}</a></p>
                            </div>
                        }.into_any())
                    } else {
                        required.then(|| view! {
                            <div class="alert alert--warning">
                                <p>{lang.t(msg::ERROR_SECOND_STEP)}</p>
                            </div>
                        }.into_any())
                    };
                    let summary = match (state.authenticator_app, state.enabled) {
                        (true, _) => lang.t_args(msg::TWO_STEP_SUMMARY_APP, &[("left", state.recovery_codes_left.into())]),
                        (false, true) => lang.t_args(msg::TWO_STEP_SUMMARY_PASSKEYS, &[("left", state.recovery_codes_left.into())]),
                        (false, false) => lang.t(msg::TWO_STEP_SUMMARY_OFF),
                    };
                    let setup = state.setup.map(|setup| view! {
                        <p>{lang.t(msg::TWO_STEP_SCAN)}</p>
                        <div class="qr-code" role="img" aria-label=lang.t(msg::TWO_STEP_QR) inner_html=setup.qr_svg></div>
                        <p>{lang.t(msg::TWO_STEP_KEY)} " " <code class="secret-key">{setup.secret}</code></p>
                        <ActionForm action=enable attr:class="stack">
                            <Field feedback name="code" label=lang.t(msg::CODE_FROM_APP) autocomplete="one-time-code" input_mode="numeric" required=true />
                            <Field feedback form="two-step-on" name="current_password" label=lang.t(msg::YOUR_PASSWORD) kind="password" autocomplete="current-password" required=true />
                            <Submit label=lang.t(msg::TURN_ON) pending=enable.pending().into() />
                        </ActionForm>
                    });
                    let manage = state.enabled.then(|| view! {
                        <ActionForm action=regenerate attr:class="stack">
                            <Field feedback form="recovery-codes" name="current_password" label=lang.t(msg::YOUR_PASSWORD) kind="password" autocomplete="current-password" required=true />
                            <Submit label=lang.t(msg::NEW_RECOVERY_CODES) class="button" pending=regenerate.pending().into() />
                        </ActionForm>
                        <ActionForm action=disable attr:class="stack">
                            <Field
                                feedback
                                form="two-step-off"
                                name="current_password"
                                label=lang.t(msg::YOUR_PASSWORD)
                                kind="password"
                                autocomplete="current-password"
                                hint=lang.t(msg::TWO_STEP_OFF_HINT)
                                required=true
                            />
                            <Submit label=lang.t(msg::TWO_STEP_TURN_OFF) class="button button--danger" pending=disable.pending().into() />
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
    let lang = use_lang();
    move || {
        feedback.with(|f| f.reveal.clone()).map(|codes| {
            // Codes are lower-case letters, digits and dashes: only line
            // breaks need escaping in the address.
            let download = format!("data:text/plain;charset=utf-8,{}%0D%0A", codes.replace('\n', "%0D%0A"));
            view! {
                <div class="stack new-secret">
                    <h3>{lang.t(msg::YOUR_RECOVERY_CODES)}</h3>
                    <ul class="plain recovery-codes">
                        {codes.lines().map(|code| view! { <li><code>{code.to_owned()}</code></li> }).collect_view()}
                    </ul>
                    <p class="cluster">
                        <a href=download download="bazaar-recovery-codes.txt">{lang.t(msg::DOWNLOAD_RECOVERY_CODES)}</a>
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
    let lang = use_lang();
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    move || {
        live.get().then(|| {
            view! {
                <button type="button" class="button button--small" on:click=move |_| print()>
                    {lang.t(msg::PRINT_RECOVERY_CODES)}
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
    let lang = use_lang();
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
                        <h2 id="deactivate-heading">{lang.t(msg::DEACTIVATE_HEADING)}</h2>
                        <p>{lang.t(msg::DEACTIVATE_INTRO)}</p>
                        <FormStatus feedback=deactivate_feedback />
                        <Field feedback=deactivate_feedback form="deactivate" name="current_password" label=lang.t(msg::YOUR_PASSWORD) kind="password" autocomplete="current-password" required=true />
                        <Confirm feedback=deactivate_feedback id="confirm-deactivate" label=lang.t(msg::DEACTIVATE_CONFIRM) />
                        <Submit label=lang.t(msg::DEACTIVATE_SUBMIT) class="button button--danger" pending=deactivate.pending().into() />
                    </ActionForm>
                    <ActionForm action=delete attr:class="stack card" attr:aria-labelledby="delete-heading">
                        <h2 id="delete-heading">{lang.t(msg::DELETE_HEADING)}</h2>
                        <p>{lang.t(msg::DELETE_INTRO)}</p>
                        <FormStatus feedback=delete_feedback />
                        <Field feedback=delete_feedback form="delete" name="current_password" label=lang.t(msg::YOUR_PASSWORD) kind="password" autocomplete="current-password" required=true />
                        <Confirm feedback=delete_feedback id="confirm-delete" label=lang.t(msg::DELETE_CONFIRM) />
                        <Submit label=lang.t(msg::DELETE_SUBMIT) class="button button--danger" pending=delete.pending().into() />
                    </ActionForm>
                }
            })}
        </Suspense>
    }
}

/// A required checkbox: the form cannot be sent without ticking it.
#[component]
fn Confirm(feedback: Signal<Feedback>, id: &'static str, label: String) -> impl IntoView {
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
