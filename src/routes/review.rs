use std::collections::HashMap;

use engine::{EventBody, Mode};
use leptos::prelude::*;

use crate::components::session_view::SessionView;
use crate::platform::{now_ms, random_u64, today};
use crate::session::Session;
use crate::state::{engine, use_app_state};

/// How many questions one review round takes.
const ROUND: usize = 10;

/// Review: questions due by spaced repetition, and recent mistakes to practise again.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = use_app_state();
    state.discard_finished_session();
    let due = Memo::new(move |_| {
        state.progress.with(|p| {
            engine()
                .review_queue(p, today(), ROUND)
                .into_iter()
                .map(|d| d.item)
                .collect::<Vec<_>>()
        })
    });
    let due_count = Memo::new(move |_| {
        state
            .progress
            .with(|p| engine().review_queue(p, today(), usize::MAX).len())
    });
    let mistakes = Memo::new(move |_| state.events.with(|events| recent_mistakes(events)));
    let marked = Memo::new(move |_| {
        state.events.with(|events| {
            crate::state::bookmarks(events)
                .iter()
                .filter_map(|id| engine().find(id))
                .collect::<Vec<_>>()
        })
    });
    let in_session = move || {
        state
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.path == "/review"))
    };
    let start = move |items: Vec<usize>| {
        let started = state.progress.with_untracked(|progress| {
            Session::fixed(
                engine(),
                progress,
                Mode::Review,
                "/review".into(),
                items,
                now_ms(),
                random_u64(),
            )
        });
        if let Ok(session) = started {
            state.session.set(Some(session));
            state.save_session();
        }
    };
    view! {
        <main class="page">
            <Show
                when=in_session
                fallback=move || view! {
                    <h1>"Review"</h1>
                    <p class="lede">
                        "Questions come back just before you would forget them, and your mistakes stay here until you get them right."
                    </p>
                    <section class="card review-section" aria-labelledby="due-title">
                        <h2 id="due-title" class="card-title">{move || format!("Due today ({})", due_count.get())}</h2>
                        {move || match due.get() {
                            items if items.is_empty() => view! {
                                <p class="topic-meta">"Nothing is due. Answered questions come back here when it is time."</p>
                            }.into_any(),
                            items => {
                                let n = items.len();
                                view! {
                                    <button class="button" type="button" on:click=move |_| start(items.clone())>
                                        {format!("Review {n} due")}
                                    </button>
                                }.into_any()
                            }
                        }}
                    </section>
                    <section class="card review-section" aria-labelledby="mistakes-title">
                        <h2 id="mistakes-title" class="card-title">{move || format!("Recent mistakes ({})", mistakes.get().len())}</h2>
                        {move || match mistakes.get() {
                            items if items.is_empty() => view! {
                                <p class="topic-meta">"No open mistakes: every question you missed, you have since answered right."</p>
                            }.into_any(),
                            items => {
                                let round: Vec<usize> = items.iter().copied().take(ROUND).collect();
                                let n = round.len();
                                view! {
                                    <button class="button" type="button" on:click=move |_| start(round.clone())>
                                        {format!("Practise {n} mistake{}", if n == 1 { "" } else { "s" })}
                                    </button>
                                    <ul class="plain-list mistake-list" inner_html=question_links(&items)></ul>
                                }.into_any()
                            }
                        }}
                    </section>
                    <section class="card review-section" aria-labelledby="bookmarks-title">
                        <h2 id="bookmarks-title" class="card-title">{move || format!("Bookmarks ({})", marked.get().len())}</h2>
                        {move || match marked.get() {
                            items if items.is_empty() => view! {
                                <p class="topic-meta">"Bookmark any question (the Bookmark button, or B) to keep it here."</p>
                            }.into_any(),
                            items => {
                                let round: Vec<usize> = items.iter().copied().take(ROUND).collect();
                                let n = round.len();
                                view! {
                                    <button class="button secondary" type="button" on:click=move |_| start(round.clone())>
                                        {format!("Practise {n} bookmarked")}
                                    </button>
                                    <ul class="plain-list mistake-list" inner_html=question_links(&items)></ul>
                                }.into_any()
                            }
                        }}
                    </section>
                }
            >
                <h1 class="eyebrow">"Review"</h1>
                <SessionView />
            </Show>
        </main>
    }
}

/// Questions whose latest answer was wrong (or "I don't know"), most recent first.
pub fn recent_mistakes(events: &[engine::Event]) -> Vec<usize> {
    let mut last: HashMap<&str, (i64, bool)> = HashMap::new();
    for event in events {
        if let EventBody::Answered(answer) = &event.body {
            let right = answer.outcome() == engine::Outcome::Correct;
            last.insert(answer.question.as_str(), (event.at_ms, right));
        }
    }
    let mut wrong: Vec<(i64, usize)> = last
        .into_iter()
        .filter(|(_, (_, right))| !right)
        .filter_map(|(id, (at, _))| engine().find(id).map(|item| (at, item)))
        .collect();
    engine::order::sort_by(&mut wrong, |a, b| b.cmp(a));
    wrong.into_iter().map(|(_, item)| item).collect()
}

/// Links to questions (by item), labelled with topic and level (markup built as text).
fn question_links(items: &[usize]) -> String {
    let bank = engine().bank();
    items
        .iter()
        .map(|&item| {
            let meta = &bank.items[item];
            let topic = crate::text::escape(&bank.topics[usize::from(meta.topic)].title);
            format!(
                r#"<li><a href="/question/{id}">{topic} · level {level} · {id}</a></li>"#,
                id = meta.id,
                level = meta.difficulty
            )
        })
        .collect()
}
