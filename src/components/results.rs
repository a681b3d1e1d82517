//! The end of a sitting: the score (with a celebration in proportion), what moved in the
//! topics the sitting touched, every question with its feedback, and one obvious next step.

use engine::{Mode, Readiness, Response};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chunks::load_question;
use crate::components::readiness::{readiness_change, readiness_html};
use crate::components::references::references_html;
use crate::html::Html;
use crate::platform::{now_ms, random_u64};
use crate::router::{use_location, History, Route};
use crate::session::{Asked, Session, SittingKind, Source};
use crate::state::{engine, use_app_state};

#[component]
pub fn Results(session: Session) -> impl IntoView {
    if let SittingKind::Single(_) = session.kind {
        return view! { <SingleDone session=session /> }.into_any();
    }
    let state = use_app_state();
    let location = use_location();
    let bank = engine().bank();
    let now = now_ms();
    let score = session.score();
    let total = session.asked.len();

    // The topics this sitting asked about, and how each moved.
    let touched: Vec<(u16, Readiness, Readiness)> = state.progress.with_untracked(|progress| {
        session
            .before
            .iter()
            .filter(|(topic, _)| {
                session
                    .asked
                    .iter()
                    .any(|a| a.answer.is_some() && bank.items[a.item].topic == *topic)
            })
            .map(|&(topic, before)| (topic, before, engine().readiness(progress, topic, now)))
            .collect()
    });
    let readiness = touched
        .iter()
        .map(|&(topic, before, after)| {
            let title = bank.topics[usize::from(topic)].title.clone();
            let change = readiness_change(&before, &after)
                .map(|words| view! { <span class="change-words">{words}</span> });
            view! {
                <li class="readiness-change">
                    <span class="topic-title">{title}</span>
                    <span class="change" inner_html=readiness_html(&after).into_inner()></span>
                    {change}
                </li>
            }
        })
        .collect_view();

    // Study next: the weakest subtopic among those this session touched.
    let study_next = {
        let mut subtopics: Vec<u16> = Vec::new();
        for asked in &session.asked {
            engine::order::insert_unique(&mut subtopics, bank.items[asked.item].subtopic);
        }
        let weakest = state.progress.with_untracked(|progress| {
            subtopics
                .into_iter()
                .map(|s| (s, engine().subtopic_ability(progress, s, now).theta))
                .min_by(|a, b| a.1.total_cmp(&b.1))
        });
        weakest.map(|(s, _)| {
            let sub = &bank.subtopics[usize::from(s)];
            let topic = &bank.topics[usize::from(sub.topic)];
            let href = Route::Topic(topic.slug.clone()).href();
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

    let kind = session.kind.clone();
    let missed: Vec<usize> = session
        .asked
        .iter()
        .filter(|a| !matches!(a.answer, Some((_, true))))
        .map(|a| a.item)
        .collect();
    let retry = (!missed.is_empty()).then(|| {
        let n = missed.len();
        let start = move |_| {
            let started = state.progress.with_untracked(|progress| {
                Session::fixed(
                    engine(),
                    progress,
                    Mode::Review,
                    SittingKind::Retry,
                    missed.clone(),
                    now_ms(),
                    random_u64(),
                )
            });
            if state.start_sitting(started).is_ok() {
                location.navigate(&Route::Retry, History::Push);
            }
        };
        view! {
            <button class="button" type="button" on:click=start>
                {if n == 1 { "Retry the one you missed".to_string() } else { format!("Retry the {n} you missed") }}
            </button>
        }
    });
    let again = matches!(session.source, Source::Adaptive(_)).then(|| {
        let kind = kind.clone();
        let start = move |_| {
            let SittingKind::Test(slug) = &kind else {
                return;
            };
            if let Err(crate::session::StartError::Locked) = crate::routes::start_test(state, slug) {
                location.navigate(&Route::Unlock, History::Push);
            }
        };
        view! { <button class="button secondary" type="button" on:click=start>"Another test"</button> }
    });
    let home = {
        let kind = kind.clone();
        move |_| state.end_sitting(&kind)
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

    // Arrival: at the top, the focus on the score.
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = h.focus_with_options(&options);
        }
    });
    let (cheer, tier) = cheer(score, total);

    view! {
        <section class="results" aria-labelledby="results-title">
            <div class=format!("score-card {tier}")>
                <div class="score-ring" inner_html=score_ring(score, total).into_inner()></div>
                <div class="score-words">
                    <h2 id="results-title" class="results-score" tabindex="-1" node_ref=heading>
                        {format!("{score} of {total} correct")}
                    </h2>
                    <p class="cheer">{cheer}</p>
                </div>
                {(tier == "tier-perfect").then(|| view! { <div class="confetti" aria-hidden="true"><i></i><i></i><i></i><i></i><i></i><i></i><i></i><i></i><i></i><i></i><i></i><i></i></div> })}
            </div>
            <div class="actions">
                {retry}
                {again}
                <a class="button secondary" href="/" on:click=home>"Home"</a>
            </div>
            {share}
            {(!touched.is_empty()).then(|| view! {
                <h3 class="section-title">"Readiness"</h3>
                <ul class="plain-list">{readiness}</ul>
            })}
            {study_next}
            <h3 class="section-title">"Your answers"</h3>
            <ol class="result-items">{items}</ol>
        </section>
    }
    .into_any()
}

/// After a question on its own: the next open mistake, or the way back.
#[component]
fn SingleDone(session: Session) -> impl IntoView {
    let state = use_app_state();
    let this = session.asked.first().map(|a| a.item);
    let right = session.score() == 1;
    let next = state
        .mistakes
        .get_untracked()
        .into_iter()
        .find(|&item| Some(item) != this);
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title" class="results-score" tabindex="-1" node_ref=heading>
                {if right { "Right: it leaves your mistakes" } else { "Not yet: it stays in Review" }}
            </h2>
            <div class="actions">
                {next.map(|item| {
                    let href = Route::Question(engine().bank().items[item].id.clone()).href();
                    view! { <a class="button" href=href>"Next mistake"</a> }
                })}
                <a class="button secondary" href=Route::Review.href()>"Review"</a>
                <a class="button secondary" href=Route::Search(String::new()).href()>"Search"</a>
            </div>
        </section>
    }
}

/// A few words in proportion to the score, and the celebration's tier (a CSS class).
fn cheer(score: usize, total: usize) -> (&'static str, &'static str) {
    if total == 0 {
        return ("", "tier-low");
    }
    match score * 100 / total {
        100 => ("Perfect. Every one right.", "tier-perfect"),
        75..=99 => ("Great work: nearly all right.", "tier-high"),
        50..=74 => (
            "Good progress. The misses below are the quickest wins.",
            "tier-mid",
        ),
        _ => (
            "Every miss shows what to learn next: read the answers below.",
            "tier-low",
        ),
    }
}

/// The score as a ring (markup: numbers only).
fn score_ring(score: usize, total: usize) -> Html {
    // A circle of radius 15.9155 has a circumference of 100: the dash is the percentage.
    let percent = (score * 100).checked_div(total).unwrap_or(0);
    // None right draws no arc at all (a round cap would leave a dot).
    let fill = if percent == 0 {
        String::new()
    } else {
        format!(
            r#"<circle class="ring-fill" cx="18" cy="18" r="15.9155" stroke-dasharray="{percent} 100" transform="rotate(-90 18 18)"/>"#
        )
    };
    Html::from_markup(format!(
        r#"<svg viewBox="0 0 36 36" aria-hidden="true"><circle class="ring-track" cx="18" cy="18" r="15.9155"/>{fill}<text x="18" y="21" text-anchor="middle" class="ring-text">{score}/{total}</text></svg>"#
    ))
}

/// One answered question, with its feedback folded away.
#[component]
fn ResultItem(asked: Asked) -> impl IntoView {
    // Not a LocalResource: its async machinery cost 11.9 KB of the first load (ARCHITECTURE.md).
    let text = RwSignal::new_local(None);
    let item = asked.item;
    spawn_local(async move {
        if let Ok(found) = load_question(item).await {
            text.set(Some(found));
        }
    });
    let points = engine().bank().items[item].options;
    let (verdict, class) = match &asked.answer {
        Some((response @ Response::Covered(_), correct)) => (
            format!(
                "{} of {points} points",
                response.covered(points).unwrap_or(0)
            ),
            if *correct { "good" } else { "bad" },
        ),
        Some((_, true)) => ("Correct".to_string(), "good"),
        Some((Response::DontKnow, _)) => ("Didn't know".to_string(), "bad"),
        _ => ("Wrong".to_string(), "bad"),
    };
    let covered: Vec<u8> = match &asked.answer {
        Some((Response::Covered(points), _)) => points.clone(),
        _ => Vec::new(),
    };
    view! {
        <li class="result-item">
            <details>
                <summary>
                    <span class=format!("verdict {class}")>{verdict}</span>
                    {move || text.get().map(|(chunk, position)| {
                        let q = &chunk.questions[position];
                        view! { <span class="summary-prompt" inner_html=Html::from_corpus(q.prompt_html.clone()).into_inner()></span> }
                    })}
                    <svg class="chevron" viewBox="0 0 24 24" aria-hidden="true"><path d="M9 6l6 6-6 6" /></svg>
                </summary>
                {move || text.get().map(|(chunk, position)| {
                    let q = &chunk.questions[position];
                    let right: Vec<String> = q.choices.iter().filter(|c| c.correct).map(|c| c.html.clone()).collect();
                    let code = q.code_html.clone().unwrap_or_default();
                    let points = q.open.as_ref().map(|open| {
                        open.key_points_html
                            .iter()
                            .enumerate()
                            .map(|(i, p)| {
                                let (mark, class) = if covered.contains(&(i as u8)) { ("Covered: ", "point covered") } else { ("Missed: ", "point missed") };
                                view! { <li class=class><span class="why-label">{mark}</span><span inner_html=Html::from_corpus(p.clone()).into_inner()></span></li> }
                            })
                            .collect_view()
                    });
                    let references = (!q.references.is_empty()).then(|| references_html(&q.references));
                    view! {
                        <div class="code-block" inner_html=Html::from_corpus(code).into_inner()></div>
                        {points.map(|points| view! { <ul class="result-points">{points}</ul> })}
                        {(!right.is_empty()).then(|| view! {
                            <p class="why"><span class="why-label">"Answer: "</span><span inner_html=Html::from_corpus(right.join("; ")).into_inner()></span></p>
                        })}
                        <div class="explanation" inner_html=Html::from_corpus(q.explanation_html.clone()).into_inner()></div>
                        {references.map(|html| view! { <p class="references" inner_html=html.into_inner()></p> })}
                        {q.as_of_words().map(|words| view! { <p class="as-of">{words}</p> })}
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
    let date = match &session.kind {
        SittingKind::Daily(date) => date.to_string(),
        _ => String::new(),
    };
    format!(
        "Prepwise daily {date}: {}/{} {squares}",
        session.score(),
        session.asked.len()
    )
}
