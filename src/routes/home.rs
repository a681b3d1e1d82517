use leptos::prelude::*;

use crate::components::readiness::readiness_html;
use crate::components::storage_hint::StorageHint;
use crate::components::streak::streak_text;
use crate::html::{escape, Html};
use crate::platform::{now_ms, today};
use crate::router::Route;
use crate::session::{Session, SittingKind};
use crate::state::{engine, use_app_state};

/// The home page: what to do now (first run, continue, today's challenge, review when there is
/// something to review), then the topics in the order of the learner's track.
#[component]
pub fn Home() -> impl IntoView {
    let state = use_app_state();
    let bank = engine().bank();

    // Unfinished sittings with an answer given, each named, each opening the sitting it names.
    // The daily has its own card, which says how far it is.
    let resume = move || {
        state.sittings.with(|all| {
            all.iter()
                .filter(|s| !s.is_finished() && s.answered() > 0)
                .filter(|s| !matches!(s.kind, SittingKind::Single(_) | SittingKind::Daily(_)))
                .map(|s| {
                    let (title, href) = (sitting_name(s), s.kind.route().href());
                    let label = format!("Continue · {} of {} answered", s.answered(), s.length());
                    view! {
                        <a class="card continue-card" href=href>
                            <span class="topic-title">{title}</span>
                            <span class="topic-meta">{label}</span>
                        </a>
                    }
                })
                .collect_view()
        })
    };

    let first_run = move || {
        (state.is_loaded() && !crate::settings::welcomed() && state.events.with(Vec::is_empty)).then(|| {
            view! {
                <section class="card hero" aria-labelledby="hero-title">
                    <h2 id="hero-title" class="card-title">"Start here"</h2>
                    <p>"Three quick questions, then five easy ones."</p>
                    <div class="actions">
                        <a class="button" href=Route::Welcome.href()>"Get started"</a>
                        <a class="button secondary" href=Route::Start.href()>"Just start: 5 easy questions"</a>
                    </div>
                </section>
            }
        })
    };

    let streak = move || {
        state
            .progress
            .with(|p| streak_text(p.streak().status(today())))
    };
    let daily_answered = Memo::new(move |_| state.progress.with(|p| p.daily_answered(today())));
    let due = state.due;
    let mistakes = Memo::new(move |_| state.mistakes.with(Vec::len));
    let review_card = move || {
        let (due, mistakes) = (due.get(), mistakes.get());
        (due + mistakes > 0).then(|| {
            let title = match due {
                0 => "Review".to_string(),
                n => format!("Review · {n} due"),
            };
            let meta = match mistakes {
                0 => "Questions you are about to forget".to_string(),
                1 => "1 recent mistake to practise".to_string(),
                n => format!("{n} recent mistakes to practise"),
            };
            view! {
                <a class="card action-card" href=Route::Review.href()>
                    <span class="topic-title">{title}</span>
                    <span class="topic-meta">{meta}</span>
                </a>
            }
        })
    };

    // The topics in the track's order; topics outside the track folded away.
    let topic_cards = move |topics: &[(u16, u8)]| {
        let now = now_ms();
        state.progress.with(|progress| {
            topics
                .iter()
                .map(|&(t, _)| {
                    let topic = &bank.topics[usize::from(t)];
                    let count = bank.topic_items(t).count();
                    let answered = bank.topic_items(t).filter(|&i| progress.item(i).is_some_and(|r| r.answers > 0)).count();
                    let readiness = readiness_html(&engine().readiness(progress, t, now)).into_inner();
                    let lock = if engine().topic_access(state.access.get(), progress, usize::from(t)).is_open() {
                        ""
                    } else {
                        " · free sample"
                    };
                    let title = escape(&topic.title);
                    format!(
                        r#"<li><a class="card topic-card tone-{tone}" href="{href}"><span class="topic-head"><svg class="topic-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="{icon}"/></svg><span class="topic-title">{title}</span></span>{readiness}<span class="topic-meta">{answered} of {count} questions answered{lock}</span><progress class="meter" max="{count}" value="{answered}" aria-label="{title} progress"></progress></a></li>"#,
                        tone = escape(&topic.tone),
                        icon = escape(&topic.icon),
                        href = Route::Topic(topic.slug.clone()).href(),
                    )
                })
                .collect::<String>()
        })
    };
    let topics = move || {
        let (main, other): (Vec<_>, Vec<_>) = crate::tracks::weighted_topics()
            .into_iter()
            .partition(|(_, w)| *w > 0);
        let heading = match crate::tracks::chosen() {
            Some(t) => format!("Topics for {}", t.title),
            None => "Topics".to_string(),
        };
        let others = (!other.is_empty()).then(|| {
            let count = other.len();
            view! {
                <details class="more-topics">
                    <summary class="section-title">{format!("Other topics ({count})")}</summary>
                    <ul class="topic-list" inner_html=move || Html::from_markup(topic_cards(&other)).into_inner()></ul>
                </details>
            }
        });
        // The track's readiness, with its band once its core topics are measured.
        let track_line = crate::tracks::chosen().and_then(|track| {
            let weights: Vec<(u16, u8)> = track.topics.iter().map(|t| (t.topic, t.weight)).collect();
            let r = state.progress.with(|p| engine().track_readiness(p, &weights, now_ms()))?;
            let words = if r.settled {
                format!("{} · {} % (likely {}–{} %)", r.band.label(), r.score, r.low, r.high)
            } else {
                format!("Not measured yet · answer {} more in its core topics to see your level", r.answers_to_settle)
            };
            Some(view! { <p class="track-readiness"><strong>{format!("{} readiness: ", track.title)}</strong>{words}</p> })
        });
        view! {
            <h2 class="section-title">{heading}</h2>
            {track_line}
            <ul class="topic-list" inner_html=move || Html::from_markup(topic_cards(&main)).into_inner()></ul>
            {others}
        }
    };

    // Today's answers against the daily goal.
    let goal = move || {
        let answered = state.progress.with(|p| p.answers_on(today()));
        let target = crate::settings::daily_goal();
        if answered >= target {
            format!("Daily goal reached: {answered} answers today.")
        } else {
            format!("Today: {answered} of {target} answers (your daily goal).")
        }
    };

    // With an interview date: the days left, a daily goal that gets there, and what to work on
    // first. Forecasts only where the estimate is narrow enough to make one.
    let plan = move || {
        let interview = crate::settings::interview_date()?;
        let weights: Vec<(u16, u8)> = crate::tracks::weighted_topics()
            .into_iter()
            .filter(|(_, w)| *w > 0)
            .collect();
        let plan = state
            .progress
            .with(|p| engine().plan(p, &weights, today(), Some(interview), now_ms()));
        let days = plan.days_left.unwrap_or(0);
        let title = match days {
            d if d <= 0 => "Your interview date has passed".to_string(),
            1 => "1 day to your interview".to_string(),
            d => format!("{d} days to your interview"),
        };
        let focus = plan
            .focus
            .iter()
            .take(3)
            .map(|f| {
                let topic = &bank.topics[usize::from(f.topic)];
                let forecast = match f.forecast {
                    engine::Forecast::NeedsAnswers(n) => {
                        format!("answer {n} more to see a forecast")
                    }
                    engine::Forecast::Ready => "Interview-ready: keep it fresh".to_string(),
                    engine::Forecast::Gap(points) => {
                        format!("{points} points below Interview-ready")
                    }
                };
                view! {
                    <li>
                        <a href=Route::Topic(topic.slug.clone()).href()>{topic.title.clone()}</a>
                        <span class="topic-meta">{forecast}</span>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="card plan" aria-labelledby="plan-title">
                <h2 id="plan-title" class="card-title">{title}</h2>
                {(days > 0).then(|| view! {
                    <p>{format!("Suggested: {} answers a day. Work on these first:", plan.suggested_daily_goal)}</p>
                    <ol class="plan-focus">{focus}</ol>
                    <p class="hint">"A plan from your answers so far, not a promise: it firms up as you practise."</p>
                })}
            </section>
        })
    };

    view! {
        <main class="page home">
            <h1>{crate::copy::HOME_HEADING}</h1>
            <p class="lede">{crate::copy::HOME_LEDE}</p>
            // Nothing below the heading until the saved progress is read: no "0 of 5 answers"
            // swapped for the real figures a moment later.
            <Show when=move || state.is_loaded()>
            {first_run}
            {resume}
            {plan}
            <StorageHint />
            <p class="goal" aria-live="polite">{goal}</p>
            <div class="home-grid">
                <a class="card action-card" href=Route::Daily.href()>
                    <span class="topic-title">"Daily challenge"</span>
                    <span class="topic-meta">
                        {move || match daily_answered.get() as usize {
                            n if n >= engine::DAILY_LENGTH => "Done today".to_string(),
                            0 => format!("{} questions, the same for everyone today", engine::DAILY_LENGTH),
                            n => format!("{n} of {} answered: continue", engine::DAILY_LENGTH),
                        }}
                    </span>
                    {move || streak().map(|s| view! { <span class="streak">{s}</span> })}
                </a>
                {review_card}
                <a class="card action-card" href=Route::Test("mixed".into()).href()>
                    <span class="topic-title">"Mixed test"</span>
                    <span class="topic-meta">"5 questions across every topic"</span>
                </a>
            </div>
            {topics}
            </Show>
        </main>
    }
}

/// What a sitting is called on the home page.
pub fn sitting_name(session: &Session) -> String {
    let bank = engine().bank();
    match &session.kind {
        SittingKind::Test(slug) if slug == "mixed" => "Mixed test".into(),
        SittingKind::Test(slug) => bank
            .topics
            .iter()
            .find(|t| t.slug == *slug)
            .map_or_else(|| "Test".into(), |t| format!("{} test", t.title)),
        SittingKind::Daily(_) => "Daily challenge".into(),
        SittingKind::Review => "Review round".into(),
        SittingKind::Retry => "Retry your mistakes".into(),
        SittingKind::Starter => "Your first questions".into(),
        SittingKind::Single(_) => "Question".into(),
    }
}
