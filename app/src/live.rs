//! Live updates on hydrated pages. The layout keeps one `EventSource` on
//! `/events` open while someone is signed in; a page asks [`use_live`] for a
//! counter that moves when a change it shows arrives, and refetches what it
//! shows when the counter moves. Events say only what changed (a kind and an
//! id): the data comes through the page's usual server functions, so access
//! is checked there as always. Without JavaScript none of this runs and a
//! page shows what was true when it was loaded.

use leptos::prelude::*;
use serde::Deserialize;

/// One change the stream reported.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Change {
    /// `order`, `store_order` or `stock`; `resync` after the stream missed
    /// events (it reconnected, or fell behind), which every page takes as
    /// a change to what it shows.
    pub kind: String,
    #[serde(default)]
    pub subject_id: i64,
}

/// The stream's state, shared by the layout and the pages.
#[derive(Clone, Copy)]
pub struct LiveFeed {
    /// The latest change, numbered so that a page tells a new one from one
    /// that arrived before it was opened.
    latest: RwSignal<Option<(u64, Change)>>,
    /// Whether someone is signed in, which is when a stream is worth opening.
    signed_in: RwSignal<bool>,
}

impl LiveFeed {
    /// Provides the feed to the pages and, in the browser, keeps a stream
    /// open while someone is signed in.
    pub fn provide() -> Self {
        let feed = Self {
            latest: RwSignal::new(None),
            signed_in: RwSignal::new(false),
        };
        provide_context(feed);
        #[cfg(feature = "hydrate")]
        browser::keep_open(feed);
        feed
    }

    /// Says whether someone is signed in (the header learns it first).
    pub fn set_signed_in(self, signed_in: bool) {
        if self.signed_in.get_untracked() != signed_in {
            self.signed_in.set(signed_in);
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn report(self, change: Change) {
        self.latest
            .update(|latest| *latest = Some((latest.as_ref().map_or(1, |(n, _)| n + 1), change)));
    }
}

/// A counter that moves when a change `wanted` picks (or a `resync`)
/// arrives. Changes arriving together move it once, a moment later, so a
/// page that refetches on it fetches once per burst.
pub fn use_live(wanted: impl Fn(&Change) -> bool + Send + Sync + 'static) -> ReadSignal<u32> {
    let version = RwSignal::new(0);
    let Some(feed) = use_context::<LiveFeed>() else {
        return version.read_only();
    };
    let opened_after = feed
        .latest
        .with_untracked(|latest| latest.as_ref().map_or(0, |(n, _)| *n));
    let waiting = StoredValue::new(false);
    Effect::new(move |_| {
        let relevant = feed.latest.with(|latest| {
            latest.as_ref().is_some_and(|(n, change)| {
                *n > opened_after && (change.kind == "resync" || wanted(change))
            })
        });
        if relevant && !waiting.get_value() {
            waiting.set_value(true);
            set_timeout(
                move || {
                    waiting.set_value(false);
                    version.update(|v| *v += 1);
                },
                std::time::Duration::from_millis(250),
            );
        }
    });
    version.read_only()
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{EventSource, MessageEvent};

    use super::{Change, LiveFeed};

    /// The kinds of event the server sends to pages.
    const KINDS: &[&str] = &["order", "store_order", "stock", "resync"];

    fn resync() -> Change {
        Change {
            kind: "resync".into(),
            subject_id: 0,
        }
    }

    /// An open stream and its listeners, closed when dropped.
    struct Stream {
        source: EventSource,
        _listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
    }

    impl Drop for Stream {
        fn drop(&mut self) {
            self.source.close();
        }
    }

    pub fn keep_open(feed: LiveFeed) {
        let stream = StoredValue::new_local(None::<Stream>);
        Effect::new(move |_| {
            if feed.signed_in.get() {
                if stream.with_value(Option::is_none) {
                    stream.set_value(open(feed));
                }
            } else {
                stream.set_value(None);
            }
        });
    }

    fn open(feed: LiveFeed) -> Option<Stream> {
        let source = EventSource::new("/events").ok()?;
        let mut listeners = Vec::new();
        for kind in KINDS {
            let listener =
                Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                    let change = event
                        .dyn_ref::<MessageEvent>()
                        .and_then(|message| message.data().as_string())
                        .and_then(|data| serde_json::from_str::<Change>(&data).ok());
                    match change {
                        Some(change) if change.kind == *kind => feed.report(change),
                        _ => feed.report(resync()),
                    }
                });
            source
                .add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref())
                .ok()?;
            listeners.push(listener);
        }
        // The browser reconnects by itself (sending the last event's id, so
        // the server replays what it can); what it shows may have changed
        // in between, so pages refetch once it is back.
        let lost = StoredValue::new(false);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| lost.set_value(true));
        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if lost.get_value() {
                lost.set_value(false);
                feed.report(resync());
            }
        });
        source
            .add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
            .ok()?;
        source
            .add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref())
            .ok()?;
        listeners.extend([on_error, on_open]);
        Some(Stream {
            source,
            _listeners: listeners,
        })
    }
}
