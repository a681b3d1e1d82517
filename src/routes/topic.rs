use leptos::prelude::*;

use crate::components::readiness::readiness_html;
use crate::html::Html;
use crate::platform::now_ms;
use crate::router::Route;
use crate::routes::NotFound;
use crate::state::{engine, use_app_state};

/// A padlock (24×24, stroked), beside everything the free tier does not open.
pub const LOCK_ICON: &str = "M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3";

/// One topic: readiness, a test to start, and its subtopics with mastery and question counts.
#[component]
pub fn Topic(slug: String) -> impl IntoView {
    let state = use_app_state();
    move || {
        let bank = engine().bank();
        let Some(t) = bank.topics.iter().position(|topic| topic.slug == slug) else {
            return NotFound().into_any();
        };
        let topic = &bank.topics[t];
        let now = now_ms();
        // Read in place (tracked): the progress is too big to copy for a page.
        let (subtopics, readiness) = state.progress.with(|progress| {
        let subtopics = bank
            .subtopics
            .iter()
            .enumerate()
            .filter(|(_, sub)| usize::from(sub.topic) == t)
            .map(|(s, sub)| {
                let items: Vec<usize> = bank.items.iter().enumerate().filter(|(_, i)| usize::from(i.subtopic) == s).map(|(i, _)| i).collect();
                let answered = items.iter().filter(|&&i| progress.item(i).is_some_and(|r| r.answers > 0)).count();
                let ability = engine().subtopic_ability(progress, s as u16, now);
                let mastery = if ability.answers == 0 {
                    "not started".to_string()
                } else {
                    let correct: u32 = items.iter().filter_map(|&i| progress.item(i)).map(|r| r.correct).sum();
                    let answers: u32 = items.iter().filter_map(|&i| progress.item(i)).map(|r| r.answers).sum();
                    format!("{correct} of {answers} answers correct")
                };
                view! {
                    <li class="card">
                        <span class="topic-title">{sub.title.clone()}</span>
                        <span class="topic-meta">{format!("{} questions · {answered} answered · {mastery}", items.len())}</span>
                        <span class="topic-description">{sub.description.clone()}</span>
                    </li>
                }
            })
            .collect_view();
        let readiness = engine().readiness(progress, t as u16, now);
        (subtopics, readiness)
        });
        let access = state
            .progress
            .with(|p| engine().topic_access(state.access.get(), p, t));
        let test_href = Route::Test(topic.slug.clone()).href();
        let unlock_href = Route::Unlock.href();
        let (start, note) = if access.is_open() {
            (
                view! { <a class="button" href=test_href>"Start a 5-question test"</a> }.into_any(),
                None,
            )
        } else if access.can_start() {
            (
                view! { <a class="button" href=test_href>"Try 5 free questions"</a> }.into_any(),
                Some(format!(
                    "Free to try: {} of its {} questions. ",
                    access.free, access.total
                )),
            )
        } else {
            (
                view! { <a class="button" href=unlock_href.clone()>{format!("Unlock all {} questions", access.total)}</a> }.into_any(),
                Some(format!("You have answered all {} free questions here; review them any time. ", access.free)),
            )
        };
        view! {
            <main class="page">
                <h1>{topic.title.clone()}</h1>
                <p class="lede">{topic.description.clone()}</p>
                <div class="topic-actions">
                    <span inner_html=readiness_html(&readiness).into_inner()></span>
                    {start}
                </div>
                {note.map(|note| view! {
                    <p class="lock-note">
                        <svg class="lock-icon" viewBox="0 0 24 24" aria-hidden="true"><path d=LOCK_ICON /></svg>
                        {note}<a href=unlock_href>"Unlock everything"</a>
                    </p>
                })}
                <h2 class="section-title">"Subtopics"</h2>
                <ul class="topic-list">{subtopics}</ul>
                <h2 class="section-title">"Browse the questions"</h2>
                <QuestionList topic=t as u16 />
            </main>
        }
        .into_any()
    }
}

/// Every question of a topic, by subtopic, as links to practise it on its own.
#[component]
fn QuestionList(topic: u16) -> impl IntoView {
    let state = use_app_state();
    let html = RwSignal::new(None::<Html>);
    leptos::task::spawn_local(async move {
        let Ok(chunk) = crate::chunks::load_chunk(topic).await else {
            html.set(Some(Html::text("The questions could not be loaded.")));
            return;
        };
        let bank = engine().bank();
        // Which questions open, read once (untracked: the list is built once per visit).
        let access = state.access.get_untracked();
        let open: Vec<bool> = state.progress.with_untracked(|p| {
            (0..bank.items.len())
                .map(|item| engine().may_open(access, p, item))
                .collect()
        });
        let mut out = String::new();
        let row = |q: &engine::QuestionBody, item: usize, what: &str| {
            format!(
                r#"<li><a href="{href}"><span class="summary-prompt">{prompt}</span></a> <span class="topic-meta">{lock}{what}level {level}</span></li>"#,
                href = Route::Question(q.id.clone()).href(),
                prompt = q.prompt_html,
                level = bank.items[item].difficulty,
                lock = if open[item] { "" } else { "locked · " },
            )
        };
        // Interview questions first: answered out loud, one at a time, from here.
        let interview: Vec<String> = chunk
            .questions
            .iter()
            .filter(|q| q.open.is_some())
            .filter_map(|q| Some(row(q, engine().find(&q.id)?, "interview · ")))
            .collect();
        if !interview.is_empty() {
            out.push_str(r#"<h3 class="card-subtitle">Interview questions</h3><p class="hint">Answer out loud, then tick the key points you made.</p><ol class="question-list">"#);
            out.push_str(&interview.concat());
            out.push_str("</ol>");
        }
        for (s, sub) in bank
            .subtopics
            .iter()
            .enumerate()
            .filter(|(_, sub)| sub.topic == topic)
        {
            out.push_str(&format!(
                r#"<h3 class="card-subtitle">{}</h3><ol class="question-list">"#,
                crate::html::escape(&sub.title)
            ));
            for q in &chunk.questions {
                let Some(item) = engine().find(&q.id) else {
                    continue;
                };
                let meta = &bank.items[item];
                if usize::from(meta.subtopic) != s || !meta.kind.is_choice() {
                    continue;
                }
                out.push_str(&row(q, item, ""));
            }
            out.push_str("</ol>");
        }
        // Prompts are corpus HTML; titles escaped; the rest literals and numbers.
        html.set(Some(Html::from_markup(out)));
    });
    view! {
        <div class="card question-browser" inner_html=move || html.get().unwrap_or_else(|| Html::text("Loading…")).into_inner()></div>
    }
}
