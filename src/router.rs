//! A small typed client-side router: the location (path and query) is a signal; same-origin
//! link clicks and the back and forward buttons change it; `App` matches it to a [`Route`].
//! Every address the app writes comes from [`Route::href`], and `Route::parse(&r.href()) == r`
//! for every route (tested), so a link can never point at a page that does not exist.
//!
//! Why not leptos_router: its typed route tree cost about 50 KB of wasm here (measured with
//! twiggy: the nested-route and EitherOf machinery), a quarter of the first-load budget, for
//! features this app does not use (nested routes, loaders, transitions). Links stay plain `<a>`
//! elements, including those inside content HTML and markup built as text.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The current location, in context: the path with its query string (`/search?q=gil`).
#[derive(Clone, Copy)]
pub struct Location {
    pub href: RwSignal<String>,
    pub route: Memo<Route>,
}

/// How a navigation treats the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum History {
    /// A new entry: Back returns to where the learner was.
    Push,
    /// The current entry changes (a search query as it is typed): Back skips it.
    Replace,
}

/// Puts the location in context and starts following clicks and history.
pub fn provide_location() -> Location {
    let href = RwSignal::new(current_href());
    let location = Location {
        href,
        route: Memo::new(move |_| Route::parse(&href.get())),
    };
    provide_context(location);

    let popstate = window_event_listener(ev::popstate, move |_| location.href.set(current_href()));
    let clicks = window_event_listener(ev::click, move |event| {
        if let Some(path) = internal_link(&event) {
            event.prevent_default();
            go(location, &path, History::Push);
        }
    });
    on_cleanup(move || {
        popstate.remove();
        clicks.remove();
    });
    location
}

pub fn use_location() -> Location {
    expect_context::<Location>()
}

impl Location {
    /// Goes to `route` inside the app (at the top of the page, for a new entry). Take the
    /// location with [`use_location`] when the component is built: event handlers run outside
    /// the component's context.
    pub fn navigate(&self, route: &Route, history: History) {
        go(*self, &route.href(), history);
    }
}

fn go(location: Location, href: &str, how: History) {
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let _ = match how {
                History::Push => {
                    history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
                }
                History::Replace => {
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
                }
            };
        }
        if how == History::Push {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
    location.href.set(href.to_string());
}

fn current_href() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.pathname().unwrap_or_else(|_| "/".into()),
                l.search().unwrap_or_default()
            )
        })
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

/// The pages, by address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    /// The first run: role, interview date, daily goal.
    Welcome,
    /// The gentle first sitting the first run ends with.
    Start,
    Topic(String),
    /// An adaptive test of a topic, or of every topic (`mixed`).
    Test(String),
    /// Today's challenge.
    Daily,
    Review,
    /// A round of the questions missed in the sitting just finished.
    Retry,
    Bookmarks,
    /// Search, with the query as typed (kept in the address so Back restores it).
    Search(String),
    Stats,
    Settings,
    Question(String),
    /// What the unlock gives, and the field for a key.
    Unlock,
    NotFound,
}

/// The bottom (or top) navigation's destinations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Home,
    Review,
    Search,
    Stats,
    Settings,
}

impl Route {
    /// The route of an address (a path with an optional query string and fragment).
    pub fn parse(href: &str) -> Route {
        let href = href.split('#').next().unwrap_or("");
        let (path, query) = href.split_once('?').unwrap_or((href, ""));
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let segment = |s: &str| decode_component(s).filter(|s| !s.is_empty());
        match parts.as_slice() {
            [] => Route::Home,
            ["welcome"] => Route::Welcome,
            ["start"] => Route::Start,
            ["topic", slug] => segment(slug).map_or(Route::NotFound, Route::Topic),
            ["test", slug] => segment(slug).map_or(Route::NotFound, Route::Test),
            ["daily"] => Route::Daily,
            ["review"] => Route::Review,
            ["retry"] => Route::Retry,
            ["bookmarks"] => Route::Bookmarks,
            ["search"] => Route::Search(query_param(query, "q").unwrap_or_default()),
            ["stats"] => Route::Stats,
            ["settings"] => Route::Settings,
            ["unlock"] => Route::Unlock,
            ["question", id] => segment(id).map_or(Route::NotFound, Route::Question),
            _ => Route::NotFound,
        }
    }

    /// The address of the route.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Welcome => "/welcome".into(),
            Route::Start => "/start".into(),
            Route::Topic(slug) => format!("/topic/{}", encode_component(slug)),
            Route::Test(slug) => format!("/test/{}", encode_component(slug)),
            Route::Daily => "/daily".into(),
            Route::Review => "/review".into(),
            Route::Retry => "/retry".into(),
            Route::Bookmarks => "/bookmarks".into(),
            Route::Search(q) if q.is_empty() => "/search".into(),
            Route::Search(q) => format!("/search?q={}", encode_component(q)),
            Route::Stats => "/stats".into(),
            Route::Settings => "/settings".into(),
            Route::Unlock => "/unlock".into(),
            Route::Question(id) => format!("/question/{}", encode_component(id)),
            Route::NotFound => "/not-found".into(),
        }
    }

    /// The navigation tab this page belongs to, if any.
    pub fn tab(&self) -> Option<Tab> {
        match self {
            Route::Home | Route::Topic(_) => Some(Tab::Home),
            Route::Review | Route::Bookmarks => Some(Tab::Review),
            Route::Search(_) | Route::Question(_) => Some(Tab::Search),
            Route::Stats => Some(Tab::Stats),
            Route::Settings | Route::Unlock => Some(Tab::Settings),
            _ => None,
        }
    }

    /// The document title's first part, where it does not depend on content.
    pub fn title(&self) -> &'static str {
        match self {
            Route::Home => "Home",
            Route::Welcome => "Welcome",
            Route::Start => "Your first questions",
            Route::Topic(_) => "Topic",
            Route::Test(_) => "Test",
            Route::Daily => "Daily challenge",
            Route::Review => "Review",
            Route::Retry => "Retry your mistakes",
            Route::Bookmarks => "Bookmarks",
            Route::Search(_) => "Search",
            Route::Stats => "Stats",
            Route::Settings => "Settings",
            Route::Unlock => "Unlock everything",
            Route::Question(_) => "Question",
            Route::NotFound => "Page not found",
        }
    }
}

/// The value of `name` in a query string (`a=1&q=two%20words`), decoded.
fn query_param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| decode_component(&value.replace('+', " ")))
}

/// Percent-encodes everything but unreserved characters (RFC 3986 §2.3), as UTF-8.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes percent-escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn decode_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::Route;

    fn every_route() -> Vec<Route> {
        vec![
            Route::Home,
            Route::Welcome,
            Route::Start,
            Route::Topic("statistics".into()),
            Route::Test("mixed".into()),
            Route::Test("python-fundamentals".into()),
            Route::Daily,
            Route::Review,
            Route::Retry,
            Route::Bookmarks,
            Route::Search(String::new()),
            Route::Search("atention".into()),
            Route::Search("a&b = c?d/e%f #g +h".into()),
            Route::Search("naïve θ 🟩".into()),
            Route::Stats,
            Route::Settings,
            Route::Unlock,
            Route::Question("pyf-001".into()),
        ]
    }

    #[test]
    fn every_route_round_trips_through_its_address() {
        for route in every_route() {
            assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
        }
    }

    #[test]
    fn the_not_found_page_has_an_address_that_is_not_found() {
        assert_eq!(Route::parse(&Route::NotFound.href()), Route::NotFound);
    }

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
        assert_eq!(
            Route::parse("/search?q=gil+lock"),
            Route::Search("gil lock".into())
        );
        assert_eq!(
            Route::parse("/search?x=1&q=a%20b#top"),
            Route::Search("a b".into())
        );
        assert_eq!(Route::parse("/search?q=%ZZ"), Route::Search(String::new()));
        assert_eq!(Route::parse("/stats"), Route::Stats);
        assert_eq!(Route::parse("/no/such/page"), Route::NotFound);
        assert_eq!(Route::parse("/topic"), Route::NotFound);
        assert_eq!(
            Route::parse("/daily/2026-12-07"),
            Route::NotFound,
            "the daily lives at /daily only"
        );
    }
}
