//! `/account/tokens`: API tokens for integrations. A new token's secret is
//! shown once, right after it is made; revoking asks for a confirmation.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        accounts::{
            api_tokens::{CreateApiToken, RevokeApiToken, TokenView, TokensView, api_tokens_page},
            forms,
        },
        flash::take_flash,
    },
    components::error_view::ErrorView,
    forms::{Feedback, Field, FormStatus, Revealed, Submit, feedback},
};

#[component]
pub fn ApiTokensPage() -> impl IntoView {
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let page = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| api_tokens_page(),
    );
    let flash = Resource::new(|| (), |_| take_flash(forms::API_TOKEN.into()));
    // The page answers the latest action: revoking hides a secret shown before.
    Effect::new(move |_| {
        if revoke.version().get() > 0 {
            create.value().set(None);
        }
    });
    view! {
        <Title text="API tokens" />
        <section class="container section stack">
            <h1>"API tokens"</h1>
            <p><a href="/account">"Back to your account"</a></p>
            <p>
                "A token lets another system (a stock spreadsheet, an ERP, a shipping tool) use Bazaar's "
                <a href="/api/docs" rel="external">"API"</a>
                " for you, within the scopes you give it. Send it as "
                <code>"Authorization: Bearer …"</code>
                ". It stops working when you revoke it, when it expires or when your password is reset."
            </p>
            <Transition fallback=|| view! { <p class="loading">"Loading your tokens…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    let feedback = feedback(
                        Signal::derive(move || create.value().get().or_else(|| revoke.value().get())),
                        flash,
                    );
                    match page.await {
                        Ok(view) => view! {
                            <FormStatus feedback />
                            <Revealed feedback label="Your new token" />
                            <TokenList tokens=view.tokens.clone() revoke />
                            <CreateForm view create feedback />
                        }
                            .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn TokenList(tokens: Vec<TokenView>, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p class="empty">"You have no API tokens."</p> }.into_any();
    }
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="tokens-heading">
            <table class="table">
                <caption id="tokens-heading">"Your tokens"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Scopes"</th>
                        <th scope="col">"Store"</th>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Expires"</th>
                        <th scope="col">"Last used"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {tokens.into_iter().map(|token| view! { <TokenRow token revoke /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn TokenRow(token: TokenView, revoke: ServerAction<RevokeApiToken>) -> impl IntoView {
    let confirm_id = format!("revoke-{}", token.id);
    let label_for = confirm_id.clone();
    let expires = match (&token.expires, token.expired) {
        (Some(at), true) => {
            view! { <span class="badge badge--danger">"Expired"</span> " " {at.clone()} }.into_any()
        }
        (Some(at), false) => at.clone().into_any(),
        (None, _) => "Never".into_any(),
    };
    view! {
        <tr>
            <td>{token.name.clone()}</td>
            <td>{token.scopes.join(", ")}</td>
            <td>{token.store.clone().unwrap_or_else(|| "—".to_owned())}</td>
            <td>{token.created.clone()}</td>
            <td>{expires}</td>
            <td>{token.last_used.clone().unwrap_or_else(|| "Never".to_owned())}</td>
            <td>
                <details>
                    <summary>"Revoke" <span class="visually-hidden">{format!(" {}", token.name)}</span></summary>
                    <ActionForm action=revoke attr:class="stack">
                        <input type="hidden" name="id" value=token.id.to_string() />
                        <label class="choice" for=label_for>
                            <input type="checkbox" id=confirm_id name="confirm" value="yes" required />
                            <span>{format!("Yes, revoke “{}”", token.name)}</span>
                        </label>
                        <button class="button button--danger button--small" type="submit">"Revoke token"</button>
                    </ActionForm>
                </details>
            </td>
        </tr>
    }
}

#[component]
fn CreateForm(
    view: TokensView,
    create: ServerAction<CreateApiToken>,
    feedback: Signal<Feedback>,
) -> impl IntoView {
    let chosen_expiry = feedback
        .with_untracked(|f| f.value("expires"))
        .unwrap_or_else(|| "90".to_owned());
    let scopes_problem = move || feedback.with(|f| f.problem("scopes"));
    let expiry_problem = move || feedback.with(|f| f.problem("expires_in_days"));
    let acts_for = view
        .store
        .clone()
        .map(|store| view! { <p>{format!("Its writes act for your store “{store}”.")}</p> });
    view! {
        <ActionForm action=create attr:class="stack card" attr:aria-labelledby="new-token-heading">
            <h2 id="new-token-heading">"New token"</h2>
            {acts_for}
            <Field feedback name="name" label="Name" hint="What will use it, such as “Stock sync”." required=true />
            <fieldset class="stack" aria-describedby=move || scopes_problem().map(|_| "scopes-error")>
                <legend>"Scopes"</legend>
                {view.scopes.into_iter().enumerate().map(|(n, scope)| {
                    let id = format!("scope-{n}");
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone() name=format!("scopes[{n}]") value=scope.name.clone() />
                            <label for=id><code>{scope.name.clone()}</code> " — " {scope.allows.clone()}</label>
                        </div>
                    }
                }).collect_view()}
                {move || scopes_problem().map(|message| view! { <p class="field__error" id="scopes-error">{message}</p> })}
            </fieldset>
            <div class="field" class:field--invalid=move || expiry_problem().is_some()>
                <label for="field-expires">"Expires"</label>
                <select id="field-expires" name="expires" class="input">
                    {view.lifetimes_days.into_iter().map(|days| {
                        let value = days.to_string();
                        let selected = value == chosen_expiry;
                        view! { <option value=value selected=selected>{format!("In {days} days")}</option> }
                    }).collect_view()}
                    <option value="never" selected=chosen_expiry == "never">"Never"</option>
                </select>
                {move || expiry_problem().map(|message| view! { <p class="field__error">{message}</p> })}
            </div>
            <Submit label="Create token" pending=create.pending().into() />
        </ActionForm>
    }
}
