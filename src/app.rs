use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::routes::{Home, NotFound, Topic};

/// The whole app: the top bar and the routed page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <header class="topbar">
                <a class="brand" href="/">"Prepwise"</a>
            </header>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home />
                <Route path=path!("/topic/:slug") view=Topic />
            </Routes>
        </Router>
    }
}
