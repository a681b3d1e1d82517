use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::components::update_banner::UpdateBanner;
use crate::routes::{
    DailyPage, Home, NotFound, QuestionPage, ReviewPage, SearchPage, SettingsPage, StatsPage,
    TestPage, Topic,
};
use crate::state::{provide_app_state, use_app_state, Health};

/// The whole app: state in context, the top bar, and the routed page.
#[component]
pub fn App() -> impl IntoView {
    crate::settings::apply_theme(crate::settings::theme());
    provide_app_state();
    crate::sw::provide_updates();
    view! {
        <Router>
            <header class="topbar">
                <a class="brand" href="/">"Prepwise"</a>
                <nav class="nav" aria-label="Main">
                    <A href="/review">"Review"</A>
                    <A href="/search">"Search"</A>
                    <A href="/stats">"Stats"</A>
                    <A href="/settings">"Settings"</A>
                </nav>
            </header>
            <Notice />
            <UpdateBanner />
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home />
                <Route path=path!("/topic/:slug") view=Topic />
                <Route path=path!("/test/:slug") view=TestPage />
                <Route path=path!("/daily") view=DailyPage />
                <Route path=path!("/review") view=ReviewPage />
                <Route path=path!("/search") view=SearchPage />
                <Route path=path!("/stats") view=StatsPage />
                <Route path=path!("/settings") view=SettingsPage />
                <Route path=path!("/question/:id") view=QuestionPage />
            </Routes>
        </Router>
    }
}

/// What the learner must know about their data: a save that failed, records set aside, or a
/// browser that keeps nothing.
#[component]
fn Notice() -> impl IntoView {
    let state = use_app_state();
    let message = move || {
        let health = state.health.get();
        state.notice.get().or(match health {
            Health::MemoryOnly(why) => Some(format!("Progress cannot be saved in this browser ({why}); it lasts until you close the tab.")),
            _ => None,
        })
    };
    move || {
        message().map(|text| {
            view! {
                <div class="notice" role="alert">
                    <p>{text}</p>
                    <button class="link-button" type="button" on:click=move |_| state.notice.set(None)>"Dismiss"</button>
                </div>
            }
        })
    }
}
