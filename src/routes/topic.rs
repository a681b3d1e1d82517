use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::corpus::index;
use crate::routes::NotFound;

/// One topic: its subtopics and how many questions each has.
#[component]
pub fn Topic() -> impl IntoView {
    let params = use_params_map();
    move || {
        let slug = params.read().get("slug").unwrap_or_default();
        let bank = &index().bank;
        let Some(t) = bank.topics.iter().position(|topic| topic.slug == slug) else {
            return NotFound().into_any();
        };
        let topic = &bank.topics[t];
        let subtopics = bank
            .subtopics
            .iter()
            .enumerate()
            .filter(|(_, sub)| sub.topic as usize == t)
            .map(|(s, sub)| {
                let count = bank
                    .items
                    .iter()
                    .filter(|item| item.subtopic as usize == s)
                    .count();
                view! {
                    <li class="card">
                        <span class="topic-title">{sub.title.clone()}</span>
                        <span class="topic-meta">{format!("{count} questions")}</span>
                        <span class="topic-description">{sub.description.clone()}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <main class="page">
                <h1>{topic.title.clone()}</h1>
                <p class="lede">{topic.description.clone()}</p>
                <ul class="topic-list">{subtopics}</ul>
            </main>
        }
        .into_any()
    }
}
