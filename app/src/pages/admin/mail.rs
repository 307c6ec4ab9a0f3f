//! `/admin/mail`: mail the outbox gave up on, each with its last error and a
//! button that sends it back to the queue.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::AdminNav;
use crate::{
    api::{
        admin::{
            Listing, forms,
            mail::{AdminMailRetry, FailedMailView, admin_failed_mail},
        },
        flash::take_flash,
    },
    components::{
        error_view::ErrorView,
        list_page::{ListTable, Pages, page_number},
    },
    forms::{FormStatus, feedback},
};

/// The list has pages but no filters.
const NO_FILTERS: &[&str] = &[];

#[component]
pub fn AdminMailPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.with(page_number);
    let retry = ServerAction::<AdminMailRetry>::new();
    let list = Resource::new(
        move || (page(), retry.version().get()),
        |(page, _)| admin_failed_mail(page),
    );
    let flash = Resource::new(|| (), |_| take_flash(forms::MAIL.into()));
    view! {
        <Title text="Failed mail · Platform admin" />
        <section class="container section stack">
            <Transition fallback=|| view! { <p class="loading">"Loading failed mail…"</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match list.await {
                        // Shown with the data only: a refused visitor gets the error page alone.
                        Ok(list) => {
                            let feedback = feedback(retry.value(), flash);
                            view! {
                                <h1>"Failed mail"</h1>
                                <AdminNav />
                                <p>
                                    "Mail the outbox gave up on after many attempts or three days. \
                                     Fix the cause (the address, the mail server), then send it again."
                                </p>
                                <FormStatus feedback />
                                <MailTable list retry />
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn MailTable(list: Listing<FailedMailView>, retry: ServerAction<AdminMailRetry>) -> impl IntoView {
    let count = match list.total {
        1 => "1 message could not be sent".to_owned(),
        n => format!("{n} messages could not be sent"),
    };
    view! {
        <ListTable
            rows=list.rows
            columns=&["Recipient", "Subject", "Attempts", "Last error", "Written", "Given up", "Action"]
            hidden=&["Action"]
            count
            labelled_by="failed-mail-caption"
            caption=true
            pages=Pages { path: "/admin/mail", keys: NO_FILTERS, page: list.page, page_count: list.page_count }
            empty=|| view! { <p class="empty">"No failed mail: everything was sent or is on its way."</p> }
            row=move |message: FailedMailView| {
                let label = format!("Send “{}” to {} again", message.subject, message.to);
                view! {
                    <tr data-testid="failed-mail-row">
                        <td>{message.to}</td>
                        <td>{message.subject}</td>
                        <td>{message.attempts}</td>
                        <td><code>{message.last_error}</code></td>
                        <td>{message.written}</td>
                        <td>{message.failed}</td>
                        <td>
                            <ActionForm action=retry>
                                <input type="hidden" name="id" value=message.id.to_string() />
                                <button class="button" type="submit" aria-label=label>"Send again"</button>
                            </ActionForm>
                        </td>
                    </tr>
                }
            }
        />
    }
}
