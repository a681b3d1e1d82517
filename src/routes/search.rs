use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chunks::load_chunk;
use crate::state::engine;
use crate::text::plain_lower;

/// At most this many results are listed.
const MAX_RESULTS: usize = 50;

/// One searchable question: its item index and its text, lowercased.
struct Entry {
    item: usize,
    /// The prompt alone, lowercased: hits there rank first.
    prompt: String,
    text: String,
    prompt_html: String,
}

/// Offline full-text search over every question, its options and its explanation.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let entries: RwSignal<Option<Rc<Vec<Entry>>>, LocalStorage> = RwSignal::new_local(None);
    let failed = RwSignal::new(None::<String>);

    // Every topic's text, fetched once (the service worker has them cached after the first visit).
    spawn_local(async move {
        let bank = engine().bank();
        let mut all = Vec::with_capacity(bank.items.len());
        for topic in 0..bank.topics.len() as u16 {
            match load_chunk(topic).await {
                Ok(chunk) => {
                    for q in &chunk.questions {
                        let Some(item) = engine().find(&q.id) else {
                            continue;
                        };
                        let prompt = plain_lower(&q.prompt_html);
                        let mut text = prompt.clone();
                        for part in q
                            .code_html
                            .iter()
                            .chain(q.choices.iter().map(|c| &c.html))
                            .chain([&q.explanation_html])
                        {
                            text.push(' ');
                            text.push_str(&plain_lower(part));
                        }
                        for tag in &q.tags {
                            text.push(' ');
                            text.push_str(tag);
                        }
                        all.push(Entry {
                            item,
                            prompt,
                            text,
                            prompt_html: q.prompt_html.clone(),
                        });
                    }
                }
                Err(err) => failed.set(Some(err)),
            }
        }
        entries.set(Some(Rc::new(all)));
    });

    let results = move || {
        let terms: Vec<String> = query
            .get()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let entries = entries.get()?;
        if terms.is_empty() {
            return None;
        }
        let phrase = terms.join(" ");
        let mut hits: Vec<&Entry> = entries
            .iter()
            .filter(|e| terms.iter().all(|t| e.text.contains(t.as_str())))
            .collect();
        // The whole phrase in the prompt first, then every word in the prompt, then the rest.
        engine::order::sort_by_key(&mut hits, |e| {
            if e.prompt.contains(&phrase) {
                0
            } else if terms.iter().all(|t| e.prompt.contains(t.as_str())) {
                1
            } else {
                2
            }
        });
        let count = hits.len();
        let bank = engine().bank();
        let list = hits
            .into_iter()
            .take(MAX_RESULTS)
            .map(|e| {
                let meta = &bank.items[e.item];
                let topic = &bank.topics[usize::from(meta.topic)].title;
                view! {
                    <li class="card search-hit">
                        <a href=format!("/question/{}", meta.id)>
                            <span class="summary-prompt" inner_html=e.prompt_html.clone()></span>
                        </a>
                        <span class="topic-meta">{format!("{topic} · level {}", meta.difficulty)}</span>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <p role="status">
                {match count {
                    0 => "No questions match.".to_string(),
                    1 => "1 question matches.".to_string(),
                    n if n > MAX_RESULTS => format!("{n} questions match; the first {MAX_RESULTS} are listed."),
                    n => format!("{n} questions match."),
                }}
            </p>
            <ul class="topic-list">{list}</ul>
        })
    };

    view! {
        <main class="page">
            <h1>"Search"</h1>
            <label class="search-label" for="search-input">"Search every question and explanation"</label>
            <input
                id="search-input"
                class="search-input"
                type="search"
                placeholder="e.g. generator, GIL, attention"
                autocomplete="off"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            {move || entries.with(Option::is_none).then(|| view! { <p class="shell-status">"Loading the questions…"</p> })}
            {move || failed.get().map(|err| view! { <p class="error" role="alert">{err}</p> })}
            {results}
        </main>
    }
}
