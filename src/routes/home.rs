use leptos::prelude::*;

use crate::corpus::index;

/// The home page: every topic.
#[component]
pub fn Home() -> impl IntoView {
    let bank = &index().bank;
    let topics = bank
        .topics
        .iter()
        .enumerate()
        .map(|(t, topic)| {
            let count = bank.topic_items(t as u16).count();
            let href = format!("/topic/{}", topic.slug);
            view! {
                <li>
                    <a class="card topic-card" href=href>
                        <span class="topic-title">{topic.title.clone()}</span>
                        <span class="topic-meta">
                            {format!("{count} questions")}
                            {topic.free.then(|| view! { <span class="badge">"Free"</span> })}
                        </span>
                        <span class="topic-description">{topic.description.clone()}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <main class="page">
            <h1>"Practise for your next AI, ML or Python interview"</h1>
            <p class="lede">
                "Short adaptive tests, a daily challenge and spaced review of your mistakes. Works offline."
            </p>
            <h2 class="section-title">"Topics"</h2>
            <ul class="topic-list">{topics}</ul>
        </main>
    }
}
