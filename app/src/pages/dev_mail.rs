//! `/_dev/mail`: the dev mailbox, where mail waits when no SMTP server is
//! configured (local development only; not found elsewhere).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{api::dev_mail::dev_mailbox, components::error_view::ErrorView};

#[component]
pub fn DevMailPage() -> impl IntoView {
    let messages = Resource::new(|| (), |_| dev_mailbox());
    view! {
        <Title text="Dev mailbox" />
        <section class="container section stack">
            <h1>"Dev mailbox"</h1>
            <p>"Every message Bazaar sent, newest first. Reload to see new ones."</p>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match messages.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">"No mail yet."</p> }.into_any(),
                        Ok(list) => list
                            .into_iter()
                            .map(|mail| view! {
                                <article class="card stack mail" aria-labelledby=format!("mail-{}", mail.id)>
                                    <h2 id=format!("mail-{}", mail.id)>{mail.subject.clone()}</h2>
                                    <p class="muted">"To " {mail.to.clone()} " · " {mail.at.clone()}</p>
                                    <pre class="mail__body">{linkify(&mail.text)}</pre>
                                </article>
                            })
                            .collect_view()
                            .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The text with every URL made a link.
fn linkify(text: &str) -> Vec<AnyView> {
    text.split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
                let rest = word[trimmed.len()..].to_owned();
                view! { <a href=trimmed.to_owned()>{trimmed.to_owned()}</a>{rest} }.into_any()
            } else {
                word.to_owned().into_any()
            }
        })
        .collect()
}
