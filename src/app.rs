use leptos::prelude::*;

use crate::components::update_banner::UpdateBanner;
use crate::router::{provide_location, Route};
use crate::routes::{
    DailyPage, Home, NotFound, QuestionPage, ReviewPage, SearchPage, SettingsPage, StatsPage,
    TestPage, Topic,
};
use crate::state::{provide_app_state, use_app_state, Health};

/// The whole app: state in context, the top bar, and the page for the current path.
#[component]
pub fn App() -> impl IntoView {
    crate::settings::apply_theme(crate::settings::theme());
    let state = provide_app_state();
    crate::durability::provide_durability(state);
    crate::sw::provide_updates();
    let location = provide_location();
    let route = Memo::new(move |_| Route::parse(&location.path.get()));
    let nav_link = move |href: &'static str, label: &'static str| {
        let current = move || (location.path.get() == href).then_some("page");
        view! { <a href=href aria-current=current>{label}</a> }
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">"Prepwise"</a>
            <nav class="nav" aria-label="Main">
                {nav_link("/review", "Review")}
                {nav_link("/search", "Search")}
                {nav_link("/stats", "Stats")}
                {nav_link("/settings", "Settings")}
            </nav>
        </header>
        <Notice />
        <UpdateBanner />
        {move || match route.get() {
            Route::Home => Home().into_any(),
            Route::Topic(slug) => view! { <Topic slug=slug /> }.into_any(),
            Route::Test(slug) => view! { <TestPage slug=slug /> }.into_any(),
            Route::Daily => DailyPage().into_any(),
            Route::Review => ReviewPage().into_any(),
            Route::Search => SearchPage().into_any(),
            Route::Stats => StatsPage().into_any(),
            Route::Settings => SettingsPage().into_any(),
            Route::Question(id) => view! { <QuestionPage id=id /> }.into_any(),
            Route::NotFound => NotFound().into_any(),
        }}
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
