//! Passkeys: the card of `/account/security` that lists, adds and removes
//! them, and the button that signs in with one on `/login`. Adding and
//! signing in need the browser's passkey calls, so they are offered only
//! once the page is live in a browser that has them; listing and removing
//! work without JavaScript.

use leptos::prelude::*;

use crate::{
    api::{
        accounts::{
            forms,
            passkeys::{
                RemovePasskey, finish_passkey_registration, finish_passkey_sign_in,
                passkeys_available, passkeys_state, start_passkey_registration,
                start_passkey_sign_in,
            },
            safe_next,
        },
        flash::take_flash,
    },
    components::error_view::ErrorView,
    error::AppError,
    forms::{Feedback, Field, FormStatus, Submit, feedback},
    i18n::{Msg, msg, use_lang},
    passkey,
};

/// Whether the page is live in a browser that can use passkeys; false on
/// the server and until hydrated.
fn passkeys_usable() -> ReadSignal<bool> {
    let (usable, set_usable) = signal(false);
    Effect::new(move |_| set_usable.set(passkey::supported()));
    usable
}

/// The value of the input with this id, as the person typed it.
fn typed(id: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        document()
            .get_element_by_id(id)
            .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        String::new()
    }
}

/// The passkeys card: the list, a form that removes one with the password,
/// and one that adds one with a name and the password.
#[component]
pub fn Passkeys(changed: RwSignal<usize>) -> impl IntoView {
    let lang = use_lang();
    let remove = ServerAction::<RemovePasskey>::new();
    let add = Action::new_local(|(name, password): &(String, String)| {
        add_passkey(name.clone(), password.clone())
    });
    let current = Resource::new(move || changed.get(), |_| passkeys_state());
    let flash = Resource::new(|| (), |_| take_flash(forms::PASSKEY.into()));
    let add_feedback = feedback(add.value(), None);
    // Whichever of the two answered last, for the card's status line; the
    // list is read again when it changed.
    let answer = RwSignal::new(None);
    for value in [remove.value(), add.value()] {
        Effect::new(move |_| {
            if let Some(latest) = value.get() {
                if succeeded(&latest) {
                    changed.update(|n| *n += 1);
                }
                answer.set(Some(latest));
            }
        });
    }
    let usable = passkeys_usable();
    view! {
        <section class="card stack" id="passkeys" aria-labelledby="passkeys-heading">
            <h2 id="passkeys-heading">{lang.t(msg::PASSKEYS)}</h2>
            <Transition fallback=move || view! { <p class="loading">{lang.t(msg::LOADING)}</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    let status = feedback(answer, flash.clone());
                    let remove_feedback = feedback(remove.value(), flash);
                    let state = match current.await {
                        Ok(state) => state,
                        Err(error) => return view! { <ErrorView error /> }.into_any(),
                    };
                    if !state.available {
                        return view! {
                            <p>{lang.t(msg::PASSKEYS_UNAVAILABLE)}</p>
                        }
                        .into_any();
                    }
                    let list = if state.passkeys.is_empty() {
                        view! { <p>{lang.t(msg::PASSKEYS_NONE)}</p> }.into_any()
                    } else {
                        let choices = state.passkeys.clone();
                        view! {
                            <ul class="plain stack">
                                {state.passkeys.into_iter().map(|passkey| view! {
                                    <li>
                                        <strong>{passkey.name}</strong>
                                        <span class="muted">
                                            {format!(" — added {}; ", passkey.added)}
                                            {passkey.last_used.map_or_else(|| "never used".to_owned(), |day| format!("last used {day}"))}
                                        </span>
                                    </li>
                                }).collect_view()}
                            </ul>
                            <ActionForm action=remove attr:class="stack" attr:aria-label=lang.t(msg::PASSKEY_REMOVE_FORM)>
                                <div class="field">
                                    <label for="passkey-remove-id">{lang.t(msg::PASSKEY_TO_REMOVE)}</label>
                                    <select id="passkey-remove-id" name="id" class="input">
                                        {choices.into_iter().map(|passkey| view! {
                                            <option value=passkey.id.to_string()>{passkey.name}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <Field
                                    feedback=remove_feedback
                                    form="passkey-remove"
                                    name="current_password"
                                    label=lang.t(msg::YOUR_PASSWORD)
                                    kind="password"
                                    autocomplete="current-password"
                                    hint=lang.t(msg::PASSKEY_REMOVE_HINT)
                                    required=true
                                />
                                <Submit label=lang.t(msg::PASSKEY_REMOVE_SUBMIT) class="button button--danger" pending=remove.pending().into() />
                            </ActionForm>
                        }
                        .into_any()
                    };
                    view! {
                        <p>{lang.t(msg::PASSKEYS_INTRO)}</p>
                        <FormStatus feedback=status />
                        {list}
                        {move || if usable.get() {
                            view! {
                                <form
                                    class="stack"
                                    aria-label=lang.t(msg::PASSKEY_ADD)
                                    on:submit=move |ev| {
                                        ev.prevent_default();
                                        add.dispatch((typed("passkey-add-name"), typed("passkey-add-current_password")));
                                    }
                                >
                                    <Field
                                        feedback=add_feedback
                                        form="passkey-add"
                                        name="name"
                                        label=lang.t(msg::PASSKEY_NAME)
                                        hint=lang.t(msg::PASSKEY_NAME_HINT)
                                        required=true
                                    />
                                    <Field feedback=add_feedback form="passkey-add" name="current_password" label=lang.t(msg::YOUR_PASSWORD) kind="password" autocomplete="current-password" required=true />
                                    <Submit label=lang.t(msg::PASSKEY_ADD) pending=add.pending().into() />
                                </form>
                            }
                            .into_any()
                        } else {
                            view! { <p class="muted">{lang.t(msg::PASSKEYS_NEED_SCRIPT)}</p> }.into_any()
                        }}
                    }
                    .into_any()
                })}
            </Transition>
        </section>
    }
}

fn succeeded(answer: &Result<Feedback, AppError>) -> bool {
    answer
        .as_ref()
        .is_ok_and(|feedback| feedback.problems.is_empty())
}

/// Adds a passkey: the server's options, the authenticator, the server's
/// check.
async fn add_passkey(name: String, password: String) -> Result<Feedback, AppError> {
    let options = match start_passkey_registration(name, password).await? {
        Ok(options) => options,
        Err(problems) => return Ok(problems),
    };
    match passkey::create(options).await {
        Ok(answer) => finish_passkey_registration(answer).await,
        Err(message) => Ok(Feedback::form_problem(message)),
    }
}

/// Signs in with a passkey, alone or as the second step after the
/// password; then the whole page goes on to `next`, so that everything
/// reads the new session.
#[component]
pub fn PasskeySignIn(next: String, label: Msg) -> impl IntoView {
    let lang = use_lang();
    let available = Resource::new(|| (), |_| passkeys_available());
    let usable = passkeys_usable();
    let sign_in = Action::new_local(|_: &()| sign_in_with_passkey());
    Effect::new(move |_| {
        if sign_in
            .value()
            .with(|answer| answer.as_ref().is_some_and(succeeded))
        {
            let _ = window().location().set_href(&safe_next(&next));
        }
    });
    let feedback = feedback(sign_in.value(), None);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let available = available.await.unwrap_or(false);
                move || {
                    (available && usable.get())
                        .then(|| {
                            view! {
                                <div class="stack">
                                    <FormStatus feedback />
                                    <button
                                        type="button"
                                        class="button"
                                        aria-disabled=move || sign_in.pending().get().then_some("true")
                                        on:click=move |_| {
                                            if !sign_in.pending().get_untracked() {
                                                sign_in.dispatch(());
                                            }
                                        }
                                    >
                                        {move || lang.t(if sign_in.pending().get() { msg::PASSKEY_WAITING } else { label })}
                                    </button>
                                </div>
                            }
                        })
                }
            })}
        </Suspense>
    }
}

async fn sign_in_with_passkey() -> Result<Feedback, AppError> {
    let options = start_passkey_sign_in().await?;
    match passkey::get(options).await {
        Ok(answer) => finish_passkey_sign_in(answer).await,
        Err(message) => Ok(Feedback::form_problem(message)),
    }
}
