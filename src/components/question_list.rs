//! A list of questions as a learner recognises them: the first line of each prompt, its topic
//! and level, the whole row a link to the question.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chunks::load_chunk;
use crate::router::Route;
use crate::state::engine;
use crate::text::{code_text, plain};

#[component]
pub fn QuestionList(items: Vec<usize>) -> impl IntoView {
    let bank = engine().bank();
    // Prompts by item, filled in as each topic's text arrives (all topics at once).
    let prompts = RwSignal::new(Vec::<(usize, String)>::new());
    let mut topics: Vec<u16> = Vec::new();
    for &item in &items {
        engine::order::insert_unique(&mut topics, bank.items[item].topic);
    }
    for topic in topics {
        let wanted = items.clone();
        spawn_local(async move {
            if let Ok(chunk) = load_chunk(topic).await {
                let found: Vec<(usize, String)> = chunk
                    .questions
                    .iter()
                    .filter_map(|q| {
                        let item = engine().find(&q.id)?;
                        wanted.contains(&item).then(|| (item, label(q)))
                    })
                    .collect();
                prompts.update(|p| p.extend(found));
            }
        });
    }
    let rows = items
        .into_iter()
        .map(|item| {
            let meta = &bank.items[item];
            let topic = bank.topics[usize::from(meta.topic)].title.clone();
            let href = Route::Question(meta.id.clone()).href();
            let level = meta.difficulty;
            let prompt = move || {
                prompts
                    .with(|p| p.iter().find(|(i, _)| *i == item).map(|(_, t)| t.clone()))
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

/// How a question is recognised in a list: its prompt's first line, and for a prompt that says
/// little on its own ("What does this program print?") the first line of its code too.
fn label(q: &engine::QuestionBody) -> String {
    let prompt = first_line(&plain(&q.prompt_html));
    match q.code_html.as_deref() {
        Some(code) if prompt.chars().count() < 60 => {
            let code = first_line(&code_text(code));
            if code.is_empty() {
                prompt
            } else {
                format!("{prompt} {code}")
            }
        }
        _ => prompt,
    }
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
