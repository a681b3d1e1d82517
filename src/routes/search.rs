use std::cell::RefCell;
use std::rc::Rc;

use engine::{SearchDoc, SearchIndex};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chunks::load_chunk;
use crate::html::Html;
use crate::router::{use_location, History, Route};
use crate::state::{engine, use_app_state};
use crate::text::plain;

/// At most this many results are listed.
const MAX_RESULTS: usize = 50;

/// The search index over every question, with each document's item and display prompt.
struct Searchable {
    index: SearchIndex,
    /// Per document: the item and the prompt as plain text (what the spans point into).
    docs: Vec<(usize, String)>,
}

thread_local! {
    /// Built once per app run: Back to the search page does not rebuild it.
    static BUILT: RefCell<Option<Rc<Searchable>>> = const { RefCell::new(None) };
}

/// Every topic's text, fetched all at once (the service worker has them cached after the
/// first visit), then indexed.
async fn build() -> Result<Rc<Searchable>, String> {
    if let Some(built) = BUILT.with(|b| b.borrow().clone()) {
        return Ok(built);
    }
    let topics = engine().bank().topics.len() as u16;
    let chunks = futures_util::future::join_all((0..topics).map(load_chunk)).await;
    let mut docs = Vec::new();
    let mut search_docs = Vec::new();
    for chunk in chunks {
        let chunk = chunk?;
        for q in &chunk.questions {
            let Some(item) = engine().find(&q.id) else {
                continue;
            };
            let prompt = plain(&q.prompt_html).trim().to_string();
            let mut body = String::new();
            for part in q
                .code_html
                .iter()
                .chain(q.choices.iter().map(|c| &c.html))
                .chain([&q.explanation_html])
                .chain(q.open.iter().flat_map(|open| &open.key_points_html))
            {
                body.push(' ');
                body.push_str(&plain(part));
            }
            for tag in &q.tags {
                body.push(' ');
                body.push_str(tag);
            }
            search_docs.push(SearchDoc {
                prompt: prompt.clone(),
                body,
            });
            docs.push((item, prompt));
        }
    }
    let built = Rc::new(Searchable {
        index: SearchIndex::new(search_docs),
        docs,
    });
    BUILT.with(|b| *b.borrow_mut() = Some(built.clone()));
    Ok(built)
}

/// Offline full-text search over every question, its options and its explanation, tolerant of
/// a typo or two. The query lives in the address (`/search?q=…`), so Back brings it back.
#[component]
pub fn SearchPage() -> impl IntoView {
    let location = use_location();
    let state = use_app_state();
    let query = Memo::new(move |_| match location.route.get() {
        Route::Search(q) => q,
        _ => String::new(),
    });
    let searchable: RwSignal<Option<Rc<Searchable>>, LocalStorage> = RwSignal::new_local(None);
    let failed = RwSignal::new(None::<String>);
    spawn_local(async move {
        match build().await {
            Ok(built) => searchable.set(Some(built)),
            Err(err) => failed.set(Some(err)),
        }
    });

    let results = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return None;
        }
        let built = searchable.get()?;
        let hits = built.index.query(&q, usize::MAX);
        let count = hits.len();
        let bank = engine().bank();
        let access = state.access.get();
        let hits: Vec<_> = hits.into_iter().take(MAX_RESULTS).collect();
        // One read of the progress for the whole list.
        let open: Vec<bool> = state.progress.with(|p| {
            hits.iter()
                .map(|hit| engine().may_open(access, p, built.docs[hit.doc].0))
                .collect()
        });
        let list = hits
            .into_iter()
            .zip(open)
            .map(|(hit, open)| {
                let (item, prompt) = &built.docs[hit.doc];
                let meta = &bank.items[*item];
                let topic = &bank.topics[usize::from(meta.topic)].title;
                let shown = Html::highlighted(prompt, &hit.prompt_spans);
                let lock = if open {
                    ""
                } else {
                    " · locked"
                };
                view! {
                    <li>
                        <a class="card list-row search-hit" href=Route::Question(meta.id.clone()).href()>
                            <span class="list-prompt" inner_html=shown.into_inner()></span>
                            <span class="topic-meta">{format!("{topic} · {}level {}{lock}", if meta.kind.is_choice() { "" } else { "interview · " }, meta.difficulty)}</span>
                        </a>
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
            <ul class="plain-list question-rows">{list}</ul>
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
                on:input=move |ev| location.navigate(&Route::Search(event_target_value(&ev)), History::Replace)
            />
            {move || (searchable.with(Option::is_none) && failed.with(Option::is_none)).then(|| view! { <p class="shell-status">"Loading the questions…"</p> })}
            {move || failed.get().map(|err| view! { <p class="error" role="alert">{err}</p> })}
            {results}
        </main>
    }
}
