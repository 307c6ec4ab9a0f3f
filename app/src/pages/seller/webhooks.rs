//! `/seller/settings/webhooks`: where the store's events go. The owner adds
//! endpoints (their signing secret is shown once), rotates a secret and
//! removes an endpoint after confirming; everyone in the store may send a
//! test event and read the delivery log.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        flash::take_flash,
        seller::{
            settings::forms,
            webhooks::{
                AddWebhook, ChangeWebhook, DeliveryView, EndpointView, EventChoice, webhooks_page,
            },
        },
    },
    components::error_view::ErrorView,
    forms::{Feedback, Field, FormStatus, Revealed, Submit, feedback},
};

#[component]
pub fn SellerWebhooksPage() -> impl IntoView {
    let add = ServerAction::<AddWebhook>::new();
    let change = ServerAction::<ChangeWebhook>::new();
    let page = Resource::new(
        move || (add.version().get(), change.version().get()),
        |_| webhooks_page(),
    );
    let flash = Resource::new(|| (), |_| take_flash(forms::WEBHOOKS.into()));
    // The page answers the latest action, so a secret shown before goes.
    Effect::new(move |_| {
        if change.version().get() > 0 {
            add.value().set(None);
        }
    });
    view! {
        <Title text="Webhooks · Seller admin" />
        <section class="container section stack">
            <h1>"Webhooks"</h1>
            <p><a href="/seller/settings">"Back to the store settings"</a></p>
            <p>
                "Bazaar tells your other systems when something happens to your store by posting JSON to your endpoints. "
                "Each delivery carries a " <code>"Bazaar-Signature"</code> " header, " <code>"t=…,v1=…"</code>
                ": the HMAC-SHA256, in hex, of the timestamp, a dot and the body, under the endpoint's signing secret. "
                "Answer with a 2xx status within 10 seconds; any other answer is retried for three days. "
                "Redirects are not followed. The " <a href="/api/docs" rel="external">"API documentation"</a>
                " describes each event."
            </p>
            <Transition fallback=|| view! { <p class="loading">"Loading the webhooks…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    let feedback = feedback(
                        Signal::derive(move || add.value().get().or_else(|| change.value().get())),
                        flash,
                    );
                    match page.await {
                        Ok(view) => view! {
                            <FormStatus feedback />
                            <Revealed feedback label="Signing secret" />
                            <Endpoints endpoints=view.endpoints.clone() is_owner=view.is_owner change />
                            {view.is_owner.then(|| view! { <AddForm events=view.events.clone() add feedback /> })}
                            <Deliveries deliveries=view.deliveries.clone() />
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
fn Endpoints(
    endpoints: Vec<EndpointView>,
    is_owner: bool,
    change: ServerAction<ChangeWebhook>,
) -> impl IntoView {
    if endpoints.is_empty() {
        return view! { <p class="empty">"No endpoints yet: events are not sent anywhere."</p> }
            .into_any();
    }
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="endpoints-heading">
            <table class="table">
                <caption id="endpoints-heading">"Endpoints"</caption>
                <thead>
                    <tr>
                        <th scope="col">"URL"</th>
                        <th scope="col">"Events"</th>
                        <th scope="col">"Secret"</th>
                        <th scope="col">"Added"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {endpoints
                        .into_iter()
                        .map(|endpoint| view! { <EndpointRow endpoint is_owner change /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn EndpointRow(
    endpoint: EndpointView,
    is_owner: bool,
    change: ServerAction<ChangeWebhook>,
) -> impl IntoView {
    let id = endpoint.id.to_string();
    let owner_actions = is_owner.then(|| {
        let question = format!("Yes, stop sending to {}", endpoint.url);
        view! {
            <Confirmed
                endpoint=endpoint.clone()
                action="rotate"
                button="Rotate secret"
                question="Yes, make a new secret; the current one stops verifying".to_owned()
                change
            />
            <Confirmed endpoint=endpoint.clone() action="remove" button="Remove" question change />
        }
    });
    view! {
        <tr data-testid="webhook-endpoint">
            <td class="break-anywhere">{endpoint.url.clone()}</td>
            <td>{endpoint.events.join(", ")}</td>
            <td><code>{endpoint.secret_hint.clone()}</code></td>
            <td>{endpoint.created.clone()}</td>
            <td class="stack">
                <ActionForm action=change>
                    <input type="hidden" name="id" value=id.clone() />
                    <input type="hidden" name="action" value="test" />
                    <button class="button button--small" type="submit">
                        "Send test event"
                        <span class="visually-hidden">{format!(" to {}", endpoint.url)}</span>
                    </button>
                </ActionForm>
                {owner_actions}
            </td>
        </tr>
    }
}

/// An action on an endpoint that runs once its box is ticked.
#[component]
fn Confirmed(
    endpoint: EndpointView,
    action: &'static str,
    button: &'static str,
    question: String,
    change: ServerAction<ChangeWebhook>,
) -> impl IntoView {
    let confirm_id = format!("{action}-{}", endpoint.id);
    let label_for = confirm_id.clone();
    view! {
        <details>
            <summary>{button}<span class="visually-hidden">{format!(" {}", endpoint.url)}</span></summary>
            <ActionForm action=change attr:class="stack">
                <input type="hidden" name="id" value=endpoint.id.to_string() />
                <input type="hidden" name="action" value=action />
                <label class="choice" for=label_for>
                    <input type="checkbox" id=confirm_id name="confirm" value="yes" required />
                    <span>{question}</span>
                </label>
                <button class="button button--danger button--small" type="submit">{button}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn AddForm(
    events: Vec<EventChoice>,
    add: ServerAction<AddWebhook>,
    feedback: Signal<Feedback>,
) -> impl IntoView {
    let events_problem = move || feedback.with(|f| f.problem("events"));
    view! {
        <ActionForm action=add attr:class="stack card" attr:aria-labelledby="new-endpoint-heading">
            <h2 id="new-endpoint-heading">"New endpoint"</h2>
            <Field
                feedback
                name="url"
                label="URL"
                kind="url"
                hint="Where to post events, such as https://erp.example.com/hooks/bazaar."
                required=true
            />
            <fieldset class="stack" aria-describedby=move || events_problem().map(|_| "events-error")>
                <legend>"Events"</legend>
                {events.into_iter().enumerate().map(|(n, event)| {
                    let id = format!("event-{n}");
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone() name=format!("events[{n}]") value=event.name.clone() />
                            <label for=id><code>{event.name.clone()}</code> " — " {event.description.clone()}</label>
                        </div>
                    }
                }).collect_view()}
                {move || events_problem().map(|message| view! { <p class="field__error" id="events-error">{message}</p> })}
            </fieldset>
            <Submit label="Add endpoint" pending=add.pending().into() />
        </ActionForm>
    }
}

#[component]
fn Deliveries(deliveries: Vec<DeliveryView>) -> impl IntoView {
    let table = if deliveries.is_empty() {
        view! { <p class="empty">"No deliveries yet."</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="deliveries-heading">
                <table class="table">
                    <caption id="deliveries-heading" class="visually-hidden">"Latest deliveries"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Event"</th>
                            <th scope="col">"Endpoint"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Attempts"</th>
                            <th scope="col">"Last answer"</th>
                            <th scope="col">"Last attempt"</th>
                            <th scope="col">"Next attempt"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {deliveries.into_iter().map(|delivery| {
                            let (badge, label) = match delivery.state.as_str() {
                                "delivered" => ("badge badge--success", "Delivered"),
                                "failed" => ("badge badge--danger", "Given up"),
                                _ => ("badge badge--warning", "Pending"),
                            };
                            view! {
                                <tr data-testid="webhook-delivery">
                                    <td><code>{delivery.kind}</code><br /><small class="muted">{delivery.event_id}</small></td>
                                    <td class="break-anywhere">{delivery.url}</td>
                                    <td><span class=badge>{label}</span></td>
                                    <td>{delivery.attempts}</td>
                                    <td class="break-anywhere">{delivery.last_response.unwrap_or_else(|| "—".to_owned())}</td>
                                    <td>{delivery.last_attempt.unwrap_or_else(|| "—".to_owned())}</td>
                                    <td>{delivery.next_attempt.unwrap_or_else(|| "—".to_owned())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="stack" aria-labelledby="log-heading">
            <h2 id="log-heading">"Delivery log"</h2>
            <p>
                "The latest 30 deliveries. "
                <a href="/seller/settings/webhooks">"Reload"</a>
                " to see attempts made since the page opened."
            </p>
            {table}
        </section>
    }
}
