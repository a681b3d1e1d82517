use leptos::prelude::*;

use crate::components::readiness::readiness_html;
use crate::components::storage_hint::StorageHint;
use crate::components::streak::streak_text;
use crate::platform::{now_ms, today};
use crate::state::{engine, use_app_state};
use crate::text::escape;

/// The home page: continue, today's challenge and the study streak, review due, and every
/// topic with its readiness.
#[component]
pub fn Home() -> impl IntoView {
    let state = use_app_state();
    let bank = engine().bank();

    let resume = move || {
        state.session.get().filter(|s| !s.is_finished()).map(|s| {
            let label = format!("Continue: question {} of {}", s.asked.len(), s.length());
            view! {
                <a class="card continue-card" href=s.path.clone()>
                    <span class="topic-title">"Unfinished"</span>
                    <span class="topic-meta">{label}</span>
                </a>
            }
        })
    };

    let streak = move || {
        state
            .progress
            .with(|p| streak_text(p.streak().status(today())))
    };
    let daily_done = Memo::new(move |_| {
        let date = today();
        state.events.with(|events| {
            events.iter().any(|e| {
                e.local_date == date && matches!(&e.body, engine::EventBody::Answered(a) if a.mode == engine::Mode::Daily)
            })
        })
    });
    let due = Memo::new(move |_| {
        state
            .progress
            .with(|p| engine().review_queue(p, today(), usize::MAX).len())
    });

    // The topic list is markup built as text: the router handles its links like any other.
    let topics = move || {
        let now = now_ms();
        state.progress.with(|progress| bank.topics
            .iter()
            .enumerate()
            .map(|(t, topic)| {
                let count = bank.topic_items(t as u16).count();
                let answered = bank.topic_items(t as u16).filter(|&i| progress.item(i).is_some_and(|r| r.answers > 0)).count();
                let readiness = readiness_html(&engine().readiness(progress, t as u16, now));
                let title = escape(&topic.title);

                format!(
                    r#"<li><a class="card topic-card" href="/topic/{slug}"><span class="topic-head"><span class="topic-title">{title}</span></span>{readiness}<span class="topic-meta">{answered} of {count} questions answered</span><progress class="meter" max="{count}" value="{answered}" aria-label="{title} progress"></progress></a></li>"#,
                    slug = topic.slug,
                )
            })
            .collect::<String>())
    };

    // Today's answers against the daily goal chosen in Settings.
    let goal = move || {
        let date = today();
        let answered = state.events.with(|events| {
            events
                .iter()
                .filter(|e| {
                    e.local_date == date && matches!(e.body, engine::EventBody::Answered(_))
                })
                .count()
        });
        let target = crate::settings::daily_goal() as usize;
        if answered >= target {
            format!("Daily goal reached: {answered} answers today.")
        } else {
            format!("Today: {answered} of {target} answers (your daily goal).")
        }
    };

    view! {
        <main class="page">
            <h1>"Practise for your next AI, ML or Python interview"</h1>
            <p class="lede">
                "Short adaptive tests, a daily challenge and spaced review of your mistakes. Works offline."
            </p>
            {resume}
            <StorageHint />
            <p class="goal" aria-live="polite">{goal}</p>
            <div class="home-grid">
                <a class="card action-card" href="/daily">
                    <span class="topic-title">"Daily challenge"</span>
                    <span class="topic-meta">
                        {move || if daily_done.get() { "Done today" } else { "5 questions, same for everyone today" }}
                    </span>
                    {move || streak().map(|s| view! { <span class="streak">{s}</span> })}
                </a>
                <a class="card action-card" href="/review">
                    <span class="topic-title">{move || format!("Review due ({})", due.get())}</span>
                    <span class="topic-meta">
                        {move || match state.events.with(|e| crate::routes::recent_mistakes(e).len()) {
                            0 => "Questions you are about to forget".to_string(),
                            1 => "1 recent mistake to practise".to_string(),
                            n => format!("{n} recent mistakes to practise"),
                        }}
                    </span>
                </a>
                <a class="card action-card" href="/test/mixed">
                    <span class="topic-title">"Mixed test"</span>
                    <span class="topic-meta">"5 questions across every topic"</span>
                </a>
            </div>
            <h2 class="section-title">"Topics"</h2>
            <p class="hint">
                "Readiness is the share of a topic's typical interview questions you would likely get right, as a 95 % range that narrows as you answer."
            </p>
            <ul class="topic-list" inner_html=topics></ul>
        </main>
    }
}
