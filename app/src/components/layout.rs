//! The frame of every page: skip link, header with search and navigation,
//! main content and footer; and how cart actions keep the header's count current.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use crate::{
    api::{
        accounts::login::{LogOut, current_viewer},
        cart::cart_count,
        catalog::facets::navigation_categories,
    },
    i18n::{Alternates, LanguageSwitcher, msg, use_lang},
    live::{LiveFeed, use_live},
};

/// Wraps a page in the site's header and footer.
#[component]
pub fn Layout(
    /// Whether a client-side navigation is waiting for its page.
    is_routing: ReadSignal<bool>,
    children: Children,
) -> impl IntoView {
    provide_context(CartChanged(RwSignal::new(0)));
    LiveFeed::provide();
    let lang = use_lang();
    view! {
        <Alternates />
        <RouteProgress is_routing />
        <a class="skip-link" href="#content">{lang.t(msg::SKIP_TO_CONTENT)}</a>
        <Header />
        <main id="content" tabindex="-1">
            {children()}
        </main>
        <Footer />
    }
}

/// A bar across the top of the window while a navigation waits for its page
/// (the code of a part of the site loaded on demand, or the page's data): a
/// click then never seems to do nothing. The stylesheet shows it only after
/// a short delay, so quick navigations do not flicker.
#[component]
fn RouteProgress(is_routing: ReadSignal<bool>) -> impl IntoView {
    let label = use_lang().t(msg::LOADING_PAGE);
    view! {
        <Show when=move || is_routing.get()>
            <div class="route-progress" role="progressbar" aria-label=label.clone()></div>
        </Show>
    }
}

/// Bumped whenever a cart action completes, so the header's count follows.
#[derive(Clone, Copy)]
pub struct CartChanged(pub RwSignal<u32>);

impl CartChanged {
    /// Tells the header whenever the action counted by `version` completes.
    pub fn follow(version: RwSignal<usize>) {
        let Some(changed) = use_context::<CartChanged>() else {
            return;
        };
        Effect::new(move |previous: Option<usize>| {
            let now = version.get();
            if previous.is_some_and(|previous| previous != now) {
                changed.0.update(|n| *n += 1);
            }
            now
        });
    }
}

#[component]
fn Header() -> impl IntoView {
    let query = use_query_map();
    let search_text = move || query.read().get("q").unwrap_or_default();
    let categories = Resource::new(|| (), |_| navigation_categories());
    let lang = use_lang();
    view! {
        <header class="site-header">
            <div class="site-header__bar container">
                <a class="brand" href=lang.path("/")>{lang.t(msg::BRAND)}</a>
                <form class="search" action=lang.path("/products") method="get" role="search">
                    <label class="search__label" for="site-search">{lang.t(msg::SEARCH_PRODUCTS)}</label>
                    <div class="search__row">
                        <input
                            id="site-search"
                            class="input"
                            type="search"
                            name="q"
                            autocomplete="off"
                            prop:value=search_text
                        />
                        <button class="button" type="submit">{lang.t(msg::SEARCH)}</button>
                    </div>
                </form>
                <AccountNav />
                <LanguageSwitcher label=msg::LANGUAGE compact=true />
            </div>
            <nav class="category-nav" aria-label=lang.t(msg::CATEGORIES)>
                <ul class="container">
                    <li>
                        <a href=lang.path("/products")>{lang.t(msg::ALL_PRODUCTS)}</a>
                    </li>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            categories
                                .await
                                .unwrap_or_default()
                                .into_iter()
                                .map(|category| {
                                    view! {
                                        <li>
                                            <a href=lang.path(&format!("/c/{}", category.slug))>
                                                {category.name}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })}
                    </Suspense>
                </ul>
            </nav>
        </header>
    }
}

/// Cart and account links, and signing out, for whoever is visiting.
#[component]
fn AccountNav() -> impl IntoView {
    let location = use_location();
    let log_out = ServerAction::<LogOut>::new();
    // A seller's count of new orders follows the orders as they are paid.
    let orders_changed = use_live(|change| change.kind == "store_order");
    // Asked again after every navigation and sign-out, since signing in and
    // out happen on other pages.
    let viewer = Resource::new(
        move || {
            (
                location.pathname.get(),
                log_out.version().get(),
                orders_changed.get(),
            )
        },
        |_| current_viewer(),
    );
    if let Some(feed) = use_context::<LiveFeed>() {
        Effect::new(move |_| {
            if let Some(viewer) = viewer.get() {
                feed.set_signed_in(matches!(viewer, Ok(Some(_))));
            }
        });
    }
    let cart_changed = use_context::<CartChanged>().map(|changed| changed.0);
    let lang = use_lang();
    let cart = lang.path("/cart");
    let cart_link = move || view! { <a href=lang.path("/cart")>{lang.t(msg::CART)}</a> };
    let sign_in = move || view! { <a href=lang.path("/login")>{lang.t(msg::SIGN_IN)}</a> };
    let count = Resource::new(
        move || {
            (
                location.pathname.get(),
                log_out.version().get(),
                cart_changed.map(|changed| changed.get()),
            )
        },
        |_| cart_count(),
    );
    view! {
        <nav class="account-nav" aria-label=lang.t(msg::YOUR_ACCOUNT)>
            <Transition fallback=cart_link>
                {move || {
                    let cart = cart.clone();
                    Suspend::new(async move {
                        match count.await.unwrap_or(0) {
                            0 => cart_link().into_any(),
                            n => view! {
                                <a href=cart>
                                    {lang.t(msg::CART)} " " <span class="cart-badge" data-testid="cart-count">{n}</span>
                                    <span class="visually-hidden">
                                        {format!(" {}", lang.t_args(msg::ITEMS, &[("count", n.into())]))}
                                    </span>
                                </a>
                            }
                                .into_any(),
                        }
                    })
                }}
            </Transition>
            <Transition fallback=sign_in>
                {move || Suspend::new(async move {
                    match viewer.await.ok().flatten() {
                        Some(viewer) => view! {
                            {viewer.is_seller.then(|| view! { <StoreLink new_orders=viewer.new_orders /> })}
                            {viewer.is_admin.then(|| view! { <a href=lang.path("/admin")>{lang.t(msg::ADMIN)}</a> })}
                            <a href=lang.path("/account") title=viewer.email.clone()>{lang.t(msg::ACCOUNT)}</a>
                            <ActionForm action=log_out attr:class="account-nav__form">
                                <button class="link-button" type="submit">{lang.t(msg::SIGN_OUT)}</button>
                            </ActionForm>
                        }
                            .into_any(),
                        None => view! {
                            {sign_in()}
                            <a href=lang.path("/register")>{lang.t(msg::REGISTER)}</a>
                        }
                            .into_any(),
                    }
                })}
            </Transition>
        </nav>
    }
}

/// The seller's way to their store, with how many paid orders nobody of the
/// store has opened yet.
#[component]
fn StoreLink(new_orders: i64) -> impl IntoView {
    let lang = use_lang();
    if new_orders == 0 {
        return view! { <a href=lang.path("/seller")>{lang.t(msg::YOUR_STORE)}</a> }.into_any();
    }
    view! {
        <a href=lang.path("/seller")>
            {lang.t(msg::YOUR_STORE)} " " <span class="cart-badge" data-testid="new-orders">{new_orders}</span>
            <span class="visually-hidden">
                {format!(" {}", lang.t_args(msg::NEW_ORDERS, &[("count", new_orders.into())]))}
            </span>
        </a>
    }
    .into_any()
}

#[component]
fn Footer() -> impl IntoView {
    let lang = use_lang();
    view! {
        <footer class="site-footer">
            <div class="container">
                <p>{lang.t(msg::FOOTER_TAGLINE)}</p>
                <nav aria-label=lang.t(msg::FOOTER)>
                    <a href=lang.path("/products")>{lang.t(msg::BROWSE_PRODUCTS)}</a>
                    <a href=lang.path("/seller")>{lang.t(msg::SELL_ON_BAZAAR)}</a>
                    // Served by the server, not a page of the app's router.
                    <a href="/api/docs" rel="external">{lang.t(msg::API)}</a>
                </nav>
                <LanguageSwitcher label=msg::CHOOSE_LANGUAGE />
            </div>
        </footer>
    }
}
