use leptos::prelude::*;

use crate::corpus::index;
use crate::platform::today;
use crate::router::{use_location, History, Route};
use crate::settings::{self, GOALS};
use crate::state::use_app_state;

/// The first run: three quick questions, each skippable — the role, the interview date, a daily
/// goal — then the first five questions, easy ones, at once.
#[component]
pub fn WelcomePage() -> impl IntoView {
    let state = use_app_state();
    let location = use_location();
    let step = RwSignal::new(1u8);
    let track = RwSignal::new(settings::track());
    let date = RwSignal::new(
        settings::interview_date()
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let goal = RwSignal::new(settings::daily_goal());
    let date_error = RwSignal::new(None::<&'static str>);
    let next = move || step.update(|s| *s += 1);
    let finish = move || {
        settings::set_welcomed();
        if super::start::start_starter(state).is_ok() {
            location.navigate(&Route::Start, History::Replace);
        } else {
            location.navigate(&Route::Home, History::Replace);
        }
    };
    let heading = NodeRef::<leptos::html::H1>::new();
    // Each new step takes the focus at its question (not the first: the page just opened).
    Effect::new(move |previous: Option<u8>| {
        let now = step.get();
        if previous.is_some_and(|p| p != now) {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
            }
        }
        now
    });

    let role_step = move || {
        let options = index()
            .tracks
            .iter()
            .map(|t| {
                let slug = t.slug.clone();
                let checked = {
                    let slug = slug.clone();
                    move || track.with(|c| c.as_deref() == Some(slug.as_str()))
                };
                view! {
                    <label class="choice-row card">
                        <input type="radio" name="track" prop:checked=checked on:change=move |_| {
                            // A tap on a role answers the step: the list is long on a phone.
                            settings::set_track(Some(&slug));
                            track.set(Some(slug.clone()));
                            next();
                        } />
                        <span>
                            <span class="topic-title">{t.title.clone()}</span>
                            <span class="topic-description">{t.description.clone()}</span>
                        </span>
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="options welcome-options">
                <legend class="sr-only">"Role"</legend>
                {options}
            </fieldset>
            <div class="actions">
                <button class="button" type="button" disabled=move || track.with(Option::is_none) on:click=move |_| {
                    settings::set_track(track.get_untracked().as_deref());
                    next();
                }>"Next"</button>
                <button class="button secondary" type="button" on:click=move |_| { settings::set_track(None); track.set(None); next(); }>"Not sure yet"</button>
            </div>
        }
    };
    let date_step = move || {
        let min = today().to_string();
        view! {
            <label class="search-label" for="interview-date">"Interview date"</label>
            <input id="interview-date" class="search-input" type="date" min=min prop:value=move || date.get() on:input=move |e| { date.set(event_target_value(&e)); date_error.set(None); } />
            {move || date_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="actions">
                <button class="button" type="button" disabled=move || date.with(String::is_empty) on:click=move |_| {
                    match settings::parse_date(&date.get_untracked()) {
                        Some(d) if d >= today() => { settings::set_interview_date(Some(d)); next(); }
                        Some(_) => date_error.set(Some("That date has passed: pick a day from today on.")),
                        None => date_error.set(Some("Give the date as year-month-day, e.g. 2027-01-15.")),
                    }
                }>"Next"</button>
                <button class="button secondary" type="button" on:click=move |_| { settings::set_interview_date(None); next(); }>"Just practising"</button>
            </div>
        }
    };
    let goal_step = move || {
        let options = GOALS
            .iter()
            .map(|&g| {
                view! {
                    <label class="option-row">
                        <input type="radio" name="goal" prop:checked=move || goal.get() == g on:change=move |_| goal.set(g) />
                        {format!("{g} answers a day (about {} minutes)", g.div_ceil(2))}
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="options">
                <legend class="sr-only">"Daily goal"</legend>
                {options}
            </fieldset>
            <div class="actions">
                <button class="button" type="button" on:click=move |_| { settings::set_daily_goal(goal.get_untracked()); finish(); }>
                    "Start your first 5 questions"
                </button>
            </div>
        }
    };
    view! {
        <main class="page welcome">
            <p class="eyebrow">{move || format!("Step {} of 3", step.get().min(3))}</p>
            <h1 tabindex="-1" node_ref=heading>{move || match step.get() {
                1 => "What role are you preparing for?",
                2 => "When is your interview?",
                _ => "How much a day?",
            }}</h1>
            <p class="lede">{move || match step.get() {
                1 => "Your topics are ordered for it. You can change it any time in Settings.",
                2 => "With a date, Prepwise plans which topics to work on first.",
                _ => "A small daily goal kept is worth more than a big one missed.",
            }}</p>
            {move || match step.get() {
                1 => role_step().into_any(),
                2 => date_step().into_any(),
                _ => goal_step().into_any(),
            }}
            <p><button class="link-button" type="button" on:click=move |_| { settings::set_welcomed(); location.navigate(&Route::Home, History::Replace); }>"Skip all: go to home"</button></p>
        </main>
    }
}
