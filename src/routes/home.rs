use engine::StreakStatus;
use leptos::prelude::*;

use crate::components::readiness::ReadinessBadge;
use crate::platform::{now_ms, today};
use crate::state::{engine, use_app_state};

/// The home page: continue, today's challenge and streak, review due, and every topic with its
/// readiness.
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
        let status = state.progress.with(|p| p.streak().status(today()));
        match status {
            StreakStatus::Off => None,
            StreakStatus::Active {
                days,
                done_today,
                freezes_left,
                ..
            } => Some(format!(
                "{days}-day streak{}{}",
                if done_today {
                    " · today done"
                } else {
                    " · keep it alive today"
                },
                if freezes_left > 0 {
                    format!(
                        " · {freezes_left} freeze{}",
                        if freezes_left == 1 { "" } else { "s" }
                    )
                } else {
                    String::new()
                }
            )),
            StreakStatus::Inactive { best_days, .. } if best_days > 0 => {
                Some(format!("No streak running · best {best_days} days"))
            }
            StreakStatus::Inactive { .. } => {
                Some("Answer 5 questions a day to start a streak".to_string())
            }
        }
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

    let topics = move || {
        let progress = state.progress.get();
        let now = now_ms();
        bank.topics
            .iter()
            .enumerate()
            .map(|(t, topic)| {
                let count = bank.topic_items(t as u16).count();
                let answered = bank.topic_items(t as u16).filter(|&i| progress.item(i).is_some_and(|r| r.answers > 0)).count();
                let readiness = engine().readiness(&progress, t as u16, now);
                let href = format!("/topic/{}", topic.slug);
                view! {
                    <li>
                        <a class="card topic-card" href=href>
                            <span class="topic-head">
                                <span class="topic-title">{topic.title.clone()}</span>
                                {topic.free.then(|| view! { <span class="badge">"Free"</span> })}
                            </span>
                            <ReadinessBadge readiness=readiness />
                            <span class="topic-meta">{format!("{answered} of {count} questions answered")}</span>
                            <span
                                class="meter"
                                role="progressbar"
                                aria-label=format!("{} progress", topic.title)
                                aria-valuemin="0"
                                aria-valuemax=count.to_string()
                                aria-valuenow=answered.to_string()
                            >
                                <span class="meter-fill" style=format!("width: {}%", answered * 100 / count.max(1))></span>
                            </span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <main class="page">
            <h1>"Practise for your next AI, ML or Python interview"</h1>
            <p class="lede">
                "Short adaptive tests, a daily challenge and spaced review of your mistakes. Works offline."
            </p>
            {resume}
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
                    <span class="topic-meta">"Questions you are about to forget"</span>
                </a>
                <a class="card action-card" href="/test/mixed">
                    <span class="topic-title">"Mixed test"</span>
                    <span class="topic-meta">"5 questions across every topic"</span>
                </a>
            </div>
            <h2 class="section-title">"Topics"</h2>
            <ul class="topic-list">{topics}</ul>
        </main>
    }
}
