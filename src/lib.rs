//! The browser entry of Bazaar (hydrating the server-rendered page) and,
//! with `ssr`, the server that renders it.

#[cfg(feature = "ssr")]
pub mod serve;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
