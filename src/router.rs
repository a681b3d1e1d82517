//! A small client-side router: the path is a signal; same-origin link clicks and the back and
//! forward buttons change it; `App` matches it to a page.
//!
//! Why not leptos_router: its typed route tree cost about 50 KB of wasm here (measured with
//! twiggy: the nested-route and EitherOf machinery), a quarter of the first-load budget, for
//! features this app does not use (nested routes, loaders, transitions). Links stay plain `<a>`
//! elements, including those inside content HTML and markup built as text.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The current location, in context.
#[derive(Clone, Copy)]
pub struct Location {
    pub path: RwSignal<String>,
}

/// Puts the location in context and starts following clicks and history.
pub fn provide_location() -> Location {
    let location = Location {
        path: RwSignal::new(current_path()),
    };
    provide_context(location);

    let popstate = window_event_listener(ev::popstate, move |_| location.path.set(current_path()));
    let clicks = window_event_listener(ev::click, move |event| {
        if let Some(path) = internal_link(&event) {
            event.prevent_default();
            navigate_to(location, &path);
        }
    });
    on_cleanup(move || {
        popstate.remove();
        clicks.remove();
    });
    location
}

/// Goes to `path` inside the app (a new history entry), and to the top of the page.
pub fn navigate_to(location: Location, path: &str) {
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
        }
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
    location.path.set(path.to_string());
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".into())
}

/// The app path of a plain left click on a same-origin link, if the router should handle it.
fn internal_link(event: &web_sys::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let anchor: web_sys::HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    let origin = web_sys::window()?.location().origin().ok()?;
    if anchor.origin() != origin {
        return None;
    }
    Some(format!("{}{}", anchor.pathname(), anchor.search()))
}

/// The pages, by path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Topic(String),
    Test(String),
    Daily,
    Review,
    Search,
    Stats,
    Settings,
    Question(String),
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["topic", slug] => Route::Topic(slug.to_string()),
            ["test", slug] => Route::Test(slug.to_string()),
            ["daily"] => Route::Daily,
            ["review"] => Route::Review,
            ["search"] => Route::Search,
            ["stats"] => Route::Stats,
            ["settings"] => Route::Settings,
            ["question", id] => Route::Question(id.to_string()),
            _ => Route::NotFound,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn paths_map_to_pages() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(
            Route::parse("/topic/statistics"),
            Route::Topic("statistics".into())
        );
        assert_eq!(Route::parse("/test/mixed/"), Route::Test("mixed".into()));
        assert_eq!(
            Route::parse("/question/pyf-001?x=1"),
            Route::Question("pyf-001".into())
        );
        assert_eq!(Route::parse("/stats"), Route::Stats);
        assert_eq!(Route::parse("/no/such/page"), Route::NotFound);
        assert_eq!(Route::parse("/topic"), Route::NotFound);
    }
}
