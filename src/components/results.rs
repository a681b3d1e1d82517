//! The end of a sitting: the score, readiness before → after (as bands with their interval),
//! every question with its feedback, and what to study next.

use engine::{Mode, Readiness, Response};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chunks::load_question;
use crate::components::readiness::readiness_html;
use crate::components::references::references_html;
use crate::platform::now_ms;
use crate::session::{Asked, Session};
use crate::state::{engine, use_app_state};

#[component]
pub fn Results(session: Session) -> impl IntoView {
    let state = use_app_state();
    let bank = engine().bank();
    let now = now_ms();
    let score = session.score();
    let total = session.asked.len();

    let after: Vec<Readiness> = state.progress.with_untracked(|progress| {
        session
            .before
            .iter()
            .map(|&(topic, _)| engine().readiness(progress, topic, now))
            .collect()
    });
    let readiness = session
        .before
        .iter()
        .zip(after)
        .map(|(&(topic, before), after)| {
            let title = bank.topics[usize::from(topic)].title.clone();
            view! {
                <li class="readiness-change">
                    <span class="topic-title">{title}</span>
                    <span class="change" inner_html=format!("{} → {}", readiness_html(&before), readiness_html(&after))></span>
                </li>
            }
        })
        .collect_view();

    // Study next: the weakest subtopic among those this session touched.
    let study_next = {
        let mut touched: Vec<u16> = Vec::new();
        for asked in &session.asked {
            engine::order::insert_unique(&mut touched, bank.items[asked.item].subtopic);
        }
        let weakest = state.progress.with_untracked(|progress| {
            touched
                .into_iter()
                .map(|s| (s, engine().subtopic_ability(progress, s, now).theta))
                .min_by(|a, b| a.1.total_cmp(&b.1))
        });
        weakest.map(|(s, _)| {
            let sub = &bank.subtopics[usize::from(s)];
            let topic = &bank.topics[usize::from(sub.topic)];
            let href = format!("/topic/{}", topic.slug);
            view! {
                <p class="study-next">
                    "Study next: "<a href=href>{format!("{} · {}", topic.title, sub.title)}</a>
                </p>
            }
        })
    };

    let items = session
        .asked
        .iter()
        .cloned()
        .map(|asked| view! { <ResultItem asked=asked /> })
        .collect_view();
    let again = match session.source {
        crate::session::Source::Adaptive(_) => Some(session.path.clone()),
        _ => None,
    };
    let done = move |_| {
        state.session.set(None);
        state.save_session();
    };
    let share = (session.mode == Mode::Daily).then(|| {
        let text = share_text(&session);
        let copied = RwSignal::new(None::<&'static str>);
        let copy = move |_| {
            let text = text.clone();
            spawn_local(async move {
                let ok = match web_sys::window().map(|w| w.navigator().clipboard()) {
                    Some(clipboard) => {
                        wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
                            .await
                            .is_ok()
                    }
                    None => false,
                };
                copied.set(Some(if ok {
                    "Copied to the clipboard"
                } else {
                    "Could not copy: select the text above instead"
                }));
            });
        };
        let preview = share_text(&session);
        view! {
            <div class="share card">
                <p class="share-text">{preview}</p>
                <button class="button secondary" type="button" on:click=copy>"Copy result"</button>
                <p class="hint" role="status">{move || copied.get()}</p>
            </div>
        }
    });

    view! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title" class="results-score" tabindex="-1">{format!("{score} of {total} correct")}</h2>
            {share}
            <h3 class="section-title">"Readiness"</h3>
            <ul class="plain-list">{readiness}</ul>
            {study_next}
            <h3 class="section-title">"Your answers"</h3>
            <ol class="result-items">{items}</ol>
            <div class="actions">
                {again.map(|path| view! { <a class="button" href=path on:click=done>"Another test"</a> })}
                <a class="button secondary" href="/" on:click=done>"Home"</a>
            </div>
        </section>
    }
}

/// One answered question, with its feedback folded away.
#[component]
fn ResultItem(asked: Asked) -> impl IntoView {
    let text = RwSignal::new_local(None);
    let item = asked.item;
    spawn_local(async move {
        if let Ok(found) = load_question(item).await {
            text.set(Some(found));
        }
    });
    let (verdict, class) = match &asked.answer {
        Some((_, true)) => ("Correct", "good"),
        Some((Response::DontKnow, _)) => ("Didn't know", "bad"),
        _ => ("Wrong", "bad"),
    };
    view! {
        <li class="result-item">
            <details>
                <summary>
                    <span class=format!("verdict {class}")>{verdict}</span>
                    {move || text.get().map(|(chunk, position)| {
                        let q = &chunk.questions[position];
                        view! { <span class="summary-prompt" inner_html=q.prompt_html.clone()></span> }
                    })}
                </summary>
                {move || text.get().map(|(chunk, position)| {
                    let q = &chunk.questions[position];
                    let right: Vec<String> = q.choices.iter().filter(|c| c.correct).map(|c| c.html.clone()).collect();
                    let code = q.code_html.clone().unwrap_or_default();
                    let references = (!q.references.is_empty()).then(|| references_html(&q.references));
                    view! {
                        <div class="code-block" inner_html=code></div>
                        <p class="why"><span class="why-label">"Answer: "</span><span inner_html=right.join("; ")></span></p>
                        <div class="explanation" inner_html=q.explanation_html.clone()></div>
                        {references.map(|html| view! { <p class="references" inner_html=html></p> })}
                    }
                })}
            </details>
        </li>
    }
}

/// The daily result as text to share: the score and a square per question, no spoilers.
pub fn share_text(session: &Session) -> String {
    let squares: String = session
        .asked
        .iter()
        .map(|a| {
            if matches!(a.answer, Some((_, true))) {
                '🟩'
            } else {
                '🟥'
            }
        })
        .collect();
    let date = session.path.rsplit('/').next().unwrap_or_default();
    format!(
        "Prepwise daily {date}: {}/{} {squares}",
        session.score(),
        session.asked.len()
    )
}
