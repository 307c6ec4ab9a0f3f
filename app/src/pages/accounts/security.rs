//! `/account/security`: password, open sessions, deactivating or deleting
//! the account.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        accounts::{
            forms,
            profile::{ChangePassword, DeactivateAccount, DeleteAccount},
            sessions::{EndSession, sessions},
        },
        flash::take_flash,
    },
    components::error_view::ErrorView,
    forms::{Feedback, Field, FormStatus, Submit, feedback},
};

#[component]
pub fn SecurityPage() -> impl IntoView {
    let change_password = ServerAction::<ChangePassword>::new();
    let end_session = ServerAction::<EndSession>::new();
    let open = Resource::new(move || end_session.version().get(), |_| sessions());
    let password_flash = Resource::new(|| (), |_| take_flash(forms::PASSWORD.into()));
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
