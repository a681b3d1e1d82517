use leptos::prelude::*;

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <main class="page">
            <h1>"Practise for your next AI, ML or Python interview"</h1>
            <p class="lede">
                "Short adaptive tests, a daily challenge and spaced review of your mistakes. Works offline."
            </p>
        </main>
    }
}
