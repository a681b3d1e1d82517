//! The Prepwise app: a thin Leptos layer over the engine and the compiled corpus.
//! It is the only crate that knows Leptos and web-sys.

mod app;
mod backup;
mod base64;
mod chunks;
mod components;
mod copy;
mod corpus;
mod durability;
mod html;
mod keys;
mod platform;
mod router;
pub mod routes;
mod session;
mod settings;
mod state;
pub mod storage;
mod sw;
mod text;
mod tracks;
pub mod unlock;

pub use app::App;

/// Replaces the static shell in `#app` with the running app.
pub fn mount() {
    // Release builds abort on a panic without running any hook (`-Cpanic=immediate-abort`):
    // the hook, and the formatting it pulls in, would be dead weight there.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect("the app runs in a browser window with a document");
    let root = document
        .get_element_by_id("app")
        .and_then(|element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok())
        .expect("index.html has an #app element");
    root.set_text_content(None);
    sw::enable();
    leptos::mount::mount_to(root, App).forget();
}
