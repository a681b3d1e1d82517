use leptos::prelude::*;

use crate::components::update_banner::UpdateBanner;
use crate::router::{provide_location, Route, Tab};
use crate::routes::{
    BookmarksPage, DailyPage, Home, NotFound, QuestionPage, RetryPage, ReviewPage, SearchPage,
    SettingsPage, StartPage, StatsPage, TestPage, Topic, UnlockPage, WelcomePage,
};
use crate::state::{engine, provide_app_state, use_app_state, Health};

/// The navigation's destinations: label, icon (24×24 path data) and page.
const TABS: [(Tab, &str, &str, Route); 5] = [
    (Tab::Home, "Home", "M4 11l8-7 8 7v9h-5v-6h-6v6H4z", Route::Home),
    (Tab::Review, "Review", "M4 12a8 8 0 1 0 3-6.2M4 4v4h4", Route::Review),
    (Tab::Search, "Search", "M10.5 17a6.5 6.5 0 1 1 0-13 6.5 6.5 0 0 1 0 13zM15.5 15.5L20 20", Route::Search(String::new())),
    (Tab::Stats, "Stats", "M5 20V11M12 20V5M19 20v-7", Route::Stats),
    (Tab::Settings, "Settings", "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .3-1.5-1.5.3-2-3-1-1 2h-1.6l-1-2-3 1 .3 2L6 7.3 4 7 3 10l2 1v2l-2 1 1 3 2-.3 1.5 1.5-.3 2 3 1 1-2h1.6l1 2 3-1-.3-2 1.5-1.5 2 .3 1-3-2-1z", Route::Settings),
];

/// The whole app: state in context, the header, the page for the address, and the navigation
/// (a tab bar at the bottom on phones, links in the header from tablet width up).
#[component]
pub fn App() -> impl IntoView {
    crate::settings::apply_theme(crate::settings::theme());
    crate::settings::apply_wrap_code();
    let state = provide_app_state();
    crate::durability::provide_durability(state);
    crate::sw::provide_updates();
    let location = provide_location();
    let route = location.route;

    // The document's title names the page.
    Effect::new(move |_| {
        let route = route.get();
        let page = match &route {
            Route::Topic(slug) | Route::Test(slug) => engine()
                .bank()
                .topics
                .iter()
                .find(|t| t.slug == *slug)
                .map(|t| t.title.clone())
                .unwrap_or_else(|| route.title().to_string()),
            _ => route.title().to_string(),
        };
        document().set_title(&format!("{page} · Prepwise"));
    });

    let tab = Memo::new(move |_| route.with(Route::tab));
    // Which page to show: the search query changes as it is typed, the page must not.
    let page = Memo::new(move |_| match route.get() {
        Route::Search(_) => Route::Search(String::new()),
        other => other,
    });
    let links = move |class: &'static str| {
        TABS.iter()
            .map(|(id, label, icon, to)| {
                let id = *id;
                let current = move || (tab.get() == Some(id)).then_some("page");
                view! {
                    <a class=class href=to.href() aria-current=current>
                        <svg viewBox="0 0 24 24" aria-hidden="true"><path d=*icon /></svg>
                        <span>{*label}</span>
                    </a>
                }
            })
            .collect_view()
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <img src="/favicon.svg" alt="" width="28" height="28" />
                "Prepwise"
            </a>
            <nav class="nav top-nav" aria-label="Main">{links("nav-link")}</nav>
        </header>
        <Notice />
        <UpdateBanner />
        {move || match page.get() {
            Route::Home => Home().into_any(),
            Route::Welcome => WelcomePage().into_any(),
            Route::Start => StartPage().into_any(),
            Route::Topic(slug) => view! { <Topic slug=slug /> }.into_any(),
            Route::Test(slug) => view! { <TestPage slug=slug /> }.into_any(),
            Route::Daily => DailyPage().into_any(),
            Route::Review => ReviewPage().into_any(),
            Route::Retry => RetryPage().into_any(),
            Route::Bookmarks => BookmarksPage().into_any(),
            Route::Search(_) => SearchPage().into_any(),
            Route::Stats => StatsPage().into_any(),
            Route::Settings => SettingsPage().into_any(),
            Route::Unlock => UnlockPage().into_any(),
            Route::Question(id) => view! { <QuestionPage id=id /> }.into_any(),
            Route::NotFound => NotFound().into_any(),
        }}
        <nav class="tabbar" aria-label="Tabs">{links("tab")}</nav>
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
