//! `/account/addresses`: the shopper's address book. Checkout offers these
//! addresses, the default first.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        accounts::{
            addresses::{AddAddress, AddressBook, ChangeAddress, my_addresses},
            forms,
        },
        flash::take_flash,
    },
    components::{address::AddressFields, error_view::ErrorView},
    forms::{Feedback, FormStatus, Submit, feedback},
    i18n::{msg, use_lang},
};

#[component]
pub fn AddressesPage() -> impl IntoView {
    let lang = use_lang();
    let add = ServerAction::<AddAddress>::new();
    let change = ServerAction::<ChangeAddress>::new();
    let book = Resource::new(
        move || (add.version().get(), change.version().get()),
        |_| my_addresses(),
    );
    let flash = Resource::new(|| (), |_| take_flash(forms::ADDRESSES.into()));
    view! {
        <Title text=lang.t(msg::YOUR_ADDRESSES) />
        <section class="container narrow section stack">
            <h1>{lang.t(msg::YOUR_ADDRESSES)}</h1>
            <p><a href=lang.path("/account")>{lang.t(msg::BACK_TO_ACCOUNT)}</a></p>
            <Transition fallback=move || view! { <p class="loading">{lang.t(msg::LOADING_ADDRESSES)}</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    let answer = feedback(
                        Signal::derive(move || add.value().get().or_else(|| change.value().get())),
                        flash,
                    );
                    match book.await {
                        Ok(book) => view! { <Book book feedback=answer add change /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Book(
    book: AddressBook,
    feedback: Signal<Feedback>,
    add: ServerAction<AddAddress>,
    change: ServerAction<ChangeAddress>,
) -> impl IntoView {
    let lang = use_lang();
    let list = if book.addresses.is_empty() {
        view! { <p class="empty">{lang.t(msg::ADDRESSES_EMPTY)}</p> }.into_any()
    } else {
        view! {
            <ul class="address-book stack">
                {book.addresses.into_iter().map(|saved| {
                    let id = saved.id.to_string();
                    let remove_id = id.clone();
                    let summary = saved.summary.clone();
                    view! {
                        <li class="card toolbar" data-testid="saved-address">
                            <p class="grow">
                                {saved.summary}
                                {saved.is_default.then(|| view! { <strong>" · " {lang.t(msg::ADDRESS_IS_DEFAULT)}</strong> })}
                            </p>
                            {(!saved.is_default).then(|| {
                                let summary = summary.clone();
                                view! {
                                    <ActionForm action=change>
                                        <input type="hidden" name="id" value=id.clone() />
                                        <input type="hidden" name="action" value="default" />
                                        <button class="button button--small" type="submit">
                                            {lang.t(msg::MAKE_DEFAULT)} <span class="visually-hidden">{format!(": {summary}")}</span>
                                        </button>
                                    </ActionForm>
                                }
                            })}
                            <ActionForm action=change>
                                <input type="hidden" name="id" value=remove_id />
                                <input type="hidden" name="action" value="remove" />
                                <button class="button button--small" type="submit">
                                    {lang.t(msg::REMOVE)} <span class="visually-hidden">{format!(": {summary}")}</span>
                                </button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <FormStatus feedback />
        {list}
        <ActionForm action=add attr:class="stack card" attr:aria-labelledby="new-address-heading">
            <h2 id="new-address-heading">{lang.t(msg::ADD_ADDRESS)}</h2>
            <AddressFields feedback countries=book.countries country=String::new() required=true />
            <Submit label=lang.t(msg::ADD_ADDRESS_SUBMIT) pending=add.pending().into() class="button" />
        </ActionForm>
    }
}
