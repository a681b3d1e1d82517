use leptos::prelude::*;

/// Shown for any URL the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="page">
            <h1>"Page not found"</h1>
            <p class="lede">"There is nothing at this address."</p>
            <a class="button" href="/">"Back to home"</a>
        </main>
    }
}
