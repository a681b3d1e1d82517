//! A list of questions as a learner recognises them: the first line of each prompt, its topic
//! and level, the whole row a link to the question.

use leptos::prelude::*;

use crate::chunks::load_chunk;
use crate::router::Route;
use crate::state::engine;
use crate::text::plain;

#[component]
pub fn QuestionList(items: Vec<usize>) -> impl IntoView {
    let bank = engine().bank();
    // The prompts by item, from every topic involved (their texts fetched at once).
    let wanted = items.clone();
    let prompts = LocalResource::new(move || {
        let wanted = wanted.clone();
        async move {
            let mut topics: Vec<u16> = Vec::new();
            for &item in &wanted {
                engine::order::insert_unique(&mut topics, engine().bank().items[item].topic);
            }
            let chunks = futures_util::future::join_all(topics.into_iter().map(load_chunk)).await;
            chunks
                .into_iter()
                .flatten()
                .flat_map(|chunk| {
                    chunk
                        .questions
                        .iter()
                        .filter_map(|q| {
                            let item = engine().find(&q.id)?;
                            wanted
                                .contains(&item)
                                .then(|| (item, first_line(&plain(&q.prompt_html))))
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<(usize, String)>>()
        }
    });
    let rows = items
        .into_iter()
        .map(|item| {
            let meta = &bank.items[item];
            let topic = bank.topics[usize::from(meta.topic)].title.clone();
            let href = Route::Question(meta.id.clone()).href();
            let level = meta.difficulty;
            let prompt = move || {
                prompts
                    .get()
                    .and_then(|p| p.into_iter().find(|(i, _)| *i == item).map(|(_, t)| t))
                    .unwrap_or_else(|| "Loading…".into())
            };
            view! {
                <li>
                    <a class="card list-row" href=href>
                        <span class="list-prompt">{prompt}</span>
                        <span class="topic-meta">{format!("{topic} · level {level}")}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="plain-list question-rows">{rows}</ul> }
}

/// The first line of a prompt, at most about 120 characters (cut at a word).
fn first_line(text: &str) -> String {
    let line = text
        .split('\n')
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() <= 120 {
        return line.to_string();
    }
    let cut: String = line.chars().take(117).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}
