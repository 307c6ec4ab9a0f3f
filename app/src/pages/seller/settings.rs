//! `/seller/settings`: the store's details and address, logo, low-stock
//! threshold, members, and closing the store.

use leptos::prelude::*;
use leptos_meta::Title;
use server_fn::ServerFn;

use crate::{
    api::{
        flash::take_flash,
        seller::settings::{
            CloseStore, SaveLowStockThreshold, SaveReceiptDetails, SaveStoreDetails, SettingsView,
            StoreMembers, UploadLogo, forms, store_settings,
        },
    },
    components::error_view::ErrorView,
    forms::{Feedback, Field, FormStatus, Submit, feedback},
};

/// Each form of the page with its flash, read once per page load.
async fn flashes() -> [Option<Feedback>; 6] {
    let mut taken = [None, None, None, None, None, None];
    for (n, form) in [
        forms::DETAILS,
        forms::LOGO,
        forms::STOCK,
        forms::MEMBERS,
        forms::CLOSE,
        forms::RECEIPTS,
    ]
    .into_iter()
    .enumerate()
    {
        taken[n] = take_flash(form.into()).await.ok().flatten();
    }
    taken
}

#[component]
pub fn SellerSettingsPage() -> impl IntoView {
    let details = ServerAction::<SaveStoreDetails>::new();
    let stock = ServerAction::<SaveLowStockThreshold>::new();
    let members = ServerAction::<StoreMembers>::new();
    let close = ServerAction::<CloseStore>::new();
    let receipts = ServerAction::<SaveReceiptDetails>::new();
    let settings = Resource::new(
        move || {
            details.version().get()
                + receipts.version().get()
                + stock.version().get()
                + members.version().get()
                + close.version().get()
        },
        |_| store_settings(),
    );
    let flash = Resource::new(|| (), |_| flashes());
    view! {
        <Title text="Settings · Seller admin" />
        <section class="container narrow section stack">
            <h1>"Store settings"</h1>
            <p><a href="/seller">"Back to your store"</a></p>
            <Transition fallback=|| view! { <p class="loading">"Loading the settings…"</p> }>
                {move || Suspend::new(async move {
                    let [details_flash, logo_flash, stock_flash, members_flash, close_flash, receipts_flash] =
                        flash.await;
                    match settings.await {
                        Ok(settings) => view! {
                            <Details settings=settings.clone() feedback=feedback(details.value(), details_flash) action=details />
                            <Logo logo=settings.logo.clone() feedback=feedback(Signal::derive(|| None), logo_flash) />
                            <Stock threshold=settings.low_stock_threshold feedback=feedback(stock.value(), stock_flash) action=stock />
                            <Members settings=settings.clone() feedback=feedback(members.value(), members_flash) action=members />
                            <Shipping />
                            <Receipts settings=settings.clone() feedback=feedback(receipts.value(), receipts_flash) action=receipts />
                            <Webhooks />
                            {(settings.is_owner && settings.status != "closed").then(|| view! {
                                <Close feedback=feedback(close.value(), close_flash) action=close />
                            })}
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
fn Details(
    settings: SettingsView,
    feedback: Signal<Feedback>,
    action: ServerAction<SaveStoreDetails>,
) -> impl IntoView {
    view! {
        <ActionForm action attr:class="stack card" attr:aria-labelledby="details-heading">
            <h2 id="details-heading">"Details"</h2>
            <FormStatus feedback />
            <Field feedback name="name" label="Store name" value=settings.name required=true />
            <Field
                feedback
                name="slug"
                label="Store address"
                hint="Lower-case letters, digits and hyphens. The old address keeps leading here."
                value=settings.slug
                required=true
            />
            <Field feedback name="description" label="Description" kind="textarea" value=settings.description />
            <Submit label="Save details" pending=action.pending().into() />
        </ActionForm>
    }
}

/// A plain multipart form with or without JavaScript: the answer comes
/// back as a flash after the redirect.
#[component]
fn Logo(logo: Option<String>, feedback: Signal<Feedback>) -> impl IntoView {
    let problem = move || feedback.with(|f| f.problem("logo"));
    let has_logo = logo.is_some();
    view! {
        <section class="stack card" aria-labelledby="logo-heading">
            <h2 id="logo-heading">"Logo"</h2>
            <FormStatus feedback />
            {logo.map(|src| view! {
                <img class="store-logo" src=src alt="Your store's logo" width="96" height="96" />
            })}
            <form method="post" action=UploadLogo::PATH enctype="multipart/form-data" class="stack">
                <div class="field" class:field--invalid=move || problem().is_some()>
                    <label for="logo-file">"Logo image"</label>
                    <p class="field__hint" id="logo-file-hint">"JPEG, PNG or WebP, at most 10 MB; shown on your store's page."</p>
                    <input
                        id="logo-file"
                        type="file"
                        name="logo"
                        accept="image/jpeg,image/png,image/webp"
                        aria-describedby=move || match problem() {
                            Some(_) => "logo-file-hint logo-file-error",
                            None => "logo-file-hint",
                        }
                        aria-invalid=move || problem().is_some().then_some("true")
                    />
                    {move || problem().map(|message| view! {
                        <p class="field__error" id="logo-file-error">{message}</p>
                    })}
                </div>
                <div class="toolbar">
                    <button class="button button--primary" type="submit">"Upload the logo"</button>
                    {has_logo.then(|| view! {
                        <button class="button" type="submit" name="remove" value="yes">"Remove the logo"</button>
                    })}
                </div>
            </form>
        </section>
    }
}

#[component]
fn Stock(
    threshold: i32,
    feedback: Signal<Feedback>,
    action: ServerAction<SaveLowStockThreshold>,
) -> impl IntoView {
    view! {
        <ActionForm action attr:class="stack card" attr:aria-labelledby="stock-heading">
            <h2 id="stock-heading">"Low stock"</h2>
            <FormStatus feedback />
            <Field
                feedback
                name="low_stock_threshold"
                label="Warn when a variant has this many or fewer left"
                kind="number"
                input_mode="numeric"
                value=threshold.to_string()
                required=true
            />
            <Submit label="Save the threshold" pending=action.pending().into() />
        </ActionForm>
    }
}

#[component]
fn Members(
    settings: SettingsView,
    feedback: Signal<Feedback>,
    action: ServerAction<StoreMembers>,
) -> impl IntoView {
    let pending: Signal<bool> = action.pending().into();
    let is_owner = settings.is_owner;
    view! {
        <section class="stack card" aria-labelledby="members-heading">
            <h2 id="members-heading">"People"</h2>
            <FormStatus feedback />
            <ul class="plain stack" data-testid="members">
                {settings.members.into_iter().map(|member| {
                    let label = if member.name.is_empty() { member.email.clone() } else { format!("{} ({})", member.name, member.email) };
                    let remove = format!("Remove {}", member.email);
                    let staff = member.role == "staff";
                    let two_step = if member.two_step { "two-step sign-in on" } else { "two-step sign-in off" };
                    view! {
                        <li class="toolbar">
                            <span class="grow">{label} " · " {member.role.clone()} " · " {two_step}</span>
                            {(is_owner && staff).then(|| view! {
                                <ActionForm action>
                                    <input type="hidden" name="remove" value=member.user_id.to_string() />
                                    <button class="button button--danger" type="submit">{remove}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <StaffTwoStep required=settings.staff_two_step_required is_owner action />
            {if is_owner {
                view! {
                    <ActionForm action attr:class="stack">
                        <Field
                            feedback
                            name="email"
                            label="Add staff by email"
                            kind="email"
                            hint="They need a Bazaar account and no store of their own. Staff manage products and orders; only you manage people and can close the store."
                            form="member"
                        />
                        <Submit label="Add to the store" pending class="button" />
                    </ActionForm>
                }
                .into_any()
            } else {
                view! { <p class="muted">"Only the owner adds or removes people."</p> }.into_any()
            }}
        </section>
    }
}

/// Whether staff need a second sign-in step; the owner switches it.
#[component]
fn StaffTwoStep(
    required: bool,
    is_owner: bool,
    action: ServerAction<StoreMembers>,
) -> impl IntoView {
    let state = if required {
        "Staff need two-step sign-in to work in the store."
    } else {
        "Staff may sign in with a password alone."
    };
    if !is_owner {
        return view! { <p class="muted">{state}</p> }.into_any();
    }
    let label = if required {
        "Stop requiring it"
    } else {
        "Require two-step sign-in of staff"
    };
    view! {
        <ActionForm action attr:class="toolbar">
            <input type="hidden" name="staff_two_step" value=(!required).to_string() />
            <p class="grow">{state}</p>
            <Submit label pending=action.pending().into() class="button" />
        </ActionForm>
    }
    .into_any()
}

#[component]
fn Receipts(
    settings: SettingsView,
    feedback: Signal<Feedback>,
    action: ServerAction<SaveReceiptDetails>,
) -> impl IntoView {
    view! {
        <ActionForm action attr:class="stack card" attr:aria-labelledby="receipts-heading">
            <h2 id="receipts-heading">"Receipts"</h2>
            <p>"Every paid order gets a numbered receipt naming you as the seller. Receipts already issued keep what they said."</p>
            <FormStatus feedback />
            <Field
                feedback
                name="legal_name"
                label="Legal name"
                hint="The company or person selling, such as Northwind Knits SARL. Empty: your store's name."
                value=settings.legal_name
                form="receipts"
            />
            <Field
                feedback
                name="address"
                label="Address"
                kind="textarea"
                hint="Your postal address, as receipts print it."
                value=settings.legal_address
                form="receipts"
            />
            <Field
                feedback
                name="vat_number"
                label="VAT number (optional)"
                value=settings.vat_number
                form="receipts"
            />
            <Submit label="Save receipt details" pending=action.pending().into() class="button" />
        </ActionForm>
    }
}

#[component]
fn Shipping() -> impl IntoView {
    view! {
        <section class="stack card" aria-labelledby="shipping-heading">
            <h2 id="shipping-heading">"Shipping"</h2>
            <p>"Where your store delivers, by which methods, at what price and from what order amount for free."</p>
            <p><a href="/seller/settings/shipping">"Manage shipping rates"</a></p>
        </section>
    }
}

#[component]
fn Webhooks() -> impl IntoView {
    view! {
        <section class="stack card" aria-labelledby="webhooks-heading">
            <h2 id="webhooks-heading">"Webhooks"</h2>
            <p>"Tell your other systems (stock, accounting, shipping) when an order is paid, cancelled, refunded or delivered, or when stock runs low."</p>
            <p><a href="/seller/settings/webhooks">"Manage webhooks"</a></p>
        </section>
    }
}

#[component]
fn Close(feedback: Signal<Feedback>, action: ServerAction<CloseStore>) -> impl IntoView {
    let problem = move || feedback.with(|f| f.problem("confirm"));
    view! {
        <ActionForm action attr:class="stack card" attr:aria-labelledby="close-heading">
            <h2 id="close-heading">"Close the store"</h2>
            <p>"Its products leave the storefront for good. Orders stay, and you can still ship and refund them."</p>
            <FormStatus feedback />
            <div class="field" class:field--invalid=move || problem().is_some()>
                <label>
                    <input type="checkbox" name="confirm" value="yes" />
                    " I understand the store closes for good"
                </label>
                {move || problem().map(|message| view! { <p class="field__error">{message}</p> })}
            </div>
            <Submit label="Close the store" pending=action.pending().into() class="button button--danger" />
        </ActionForm>
    }
}
