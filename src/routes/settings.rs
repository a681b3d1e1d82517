use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::durability::{download_backup, human_bytes, use_durability};
use crate::router::Route;
use crate::settings::{self, Theme, GOALS};
use crate::state::{use_app_state, Health};
use crate::unlock::KeyStatus;

/// Theme, daily goal, streaks, reset, and about.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app_state();
    let durability = use_durability();
    durability.refresh_usage();
    let theme = RwSignal::new(settings::theme());
    let goal = RwSignal::new(settings::daily_goal());
    let streaks_on = move || state.progress.with(|p| p.streak().enabled());
    let confirming = RwSignal::new(false);
    let reset_message = RwSignal::new(None::<String>);
    let import_message = RwSignal::new(None::<String>);

    let themes = Theme::ALL
        .into_iter()
        .map(|t| {
            view! {
                <label class="option-row">
                    <input
                        type="radio"
                        name="theme"
                        prop:checked=move || theme.get() == t
                        on:change=move |_| {
                            theme.set(t);
                            settings::set_theme(t);
                        }
                    />
                    {t.label()}
                </label>
            }
        })
        .collect_view();
    let goals = GOALS
        .into_iter()
        .map(|g| {
            view! {
                <label class="option-row">
                    <input
                        type="radio"
                        name="goal"
                        prop:checked=move || goal.get() == g
                        on:change=move |_| {
                            goal.set(g);
                            settings::set_daily_goal(g);
                        }
                    />
                    {format!("{g} answers a day")}
                </label>
            }
        })
        .collect_view();

    let do_reset = move |_| {
        spawn_local(async move {
            match state.reset().await {
                Ok(()) => reset_message.set(Some("Your progress was deleted.".into())),
                Err(err) => reset_message.set(Some(format!("Nothing was deleted: {err}"))),
            }
            confirming.set(false);
        });
    };

    // The role and the interview date (first asked at the first run).
    let track_value = RwSignal::new(crate::settings::track().unwrap_or_default());
    let tracks = crate::corpus::index()
        .tracks
        .iter()
        .map(|t| view! { <option value=t.slug.clone()>{t.title.clone()}</option> })
        .collect_view();
    let date_value = RwSignal::new(
        crate::settings::interview_date()
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let date_message = RwSignal::new(None::<&'static str>);
    view! {
        <main class="page settings">
            <h1>"Settings"</h1>

            <section class="card" aria-labelledby="plan-title">
                <h2 id="plan-title" class="card-title">"Your interview"</h2>
                <label class="search-label" for="track-select">"Role"</label>
                <select id="track-select" class="search-input" prop:value=move || track_value.get() on:change=move |e| {
                    let slug = event_target_value(&e);
                    crate::settings::set_track((!slug.is_empty()).then_some(slug.as_str()));
                    track_value.set(slug);
                }>
                    <option value="">"Not chosen (all topics)"</option>
                    {tracks}
                </select>
                <label class="search-label" for="date-input">"Interview date"</label>
                <input id="date-input" class="search-input" type="date" prop:value=move || date_value.get() on:change=move |e| {
                    let text = event_target_value(&e);
                    match crate::settings::parse_date(&text) {
                        Some(d) => { crate::settings::set_interview_date(Some(d)); date_message.set(Some("Saved.")); }
                        None if text.is_empty() => { crate::settings::set_interview_date(None); date_message.set(Some("No date: just practising.")); }
                        None => date_message.set(Some("Give the date as year-month-day.")),
                    }
                    date_value.set(text);
                } />
                <p class="hint" role="status">{move || date_message.get()}</p>
            </section>

            <section class="card" aria-labelledby="unlock-title">
                <h2 id="unlock-title" class="card-title">"Unlock"</h2>
                <p class="topic-meta">
                    {move || match state.key_status.get() {
                        KeyStatus::Valid(_) => "Unlocked: every question is open, for life.",
                        KeyStatus::Invalid(_) => "Your saved key no longer unlocks; the unlock page says why. Nothing you answered is locked.",
                        KeyStatus::NoKey => "Free tier: three whole topics, a sample of every other, the daily challenge, and review of everything you answer.",
                    }}
                </p>
                <a class="button secondary" href=Route::Unlock.href()>
                    {move || if matches!(state.key_status.get(), KeyStatus::Valid(_)) { "Your key" } else { "Unlock everything" }}
                </a>
            </section>

            <section class="card" aria-labelledby="theme-title">
                <h2 id="theme-title" class="card-title">"Theme"</h2>
                <fieldset class="options">
                    <legend class="sr-only">"Theme"</legend>
                    {themes}
                </fieldset>
            </section>

            <section class="card" aria-labelledby="goal-title">
                <h2 id="goal-title" class="card-title">"Daily goal"</h2>
                <fieldset class="options">
                    <legend class="sr-only">"Daily goal"</legend>
                    {goals}
                </fieldset>
            </section>

            <section class="card" aria-labelledby="interview-title">
                <h2 id="interview-title" class="card-title">"Interview questions"</h2>
                <label class="option-row">
                    <input
                        type="checkbox"
                        prop:checked=crate::settings::open_in_tests()
                        on:change=move |ev| crate::settings::set_open_in_tests(event_target_checked(&ev))
                    />
                    "End each topic test with an open question to answer out loud (at most one per test)"
                </label>
            </section>

            <section class="card" aria-labelledby="streak-title">
                <h2 id="streak-title" class="card-title">"Streaks"</h2>
                <label class="option-row">
                    <input
                        type="checkbox"
                        prop:checked=streaks_on
                        on:change=move |ev| state.set_streaks_enabled(event_target_checked(&ev))
                    />
                    "Track a study streak (a day with at least 5 answers, in any mode, counts; a freeze is earned every 7 days)"
                </label>
            </section>

            <section class="card" aria-labelledby="data-title">
                <h2 id="data-title" class="card-title">"Your data"</h2>
                <p class="topic-meta">
                    {move || match state.health.get() {
                        Health::Durable => "Progress is saved in this browser on this device.".to_string(),
                        Health::MemoryOnly(why) => format!("Progress is kept only until this tab closes ({why})."),
                        Health::Loading => "Reading saved progress…".to_string(),
                    }}
                </p>
                <p class="topic-meta persistence">
                    {move || match durability.persisted.get() {
                        Some(true) => "Persistent storage: the browser has promised not to clear it to free space.",
                        Some(false) if durability.asked.get() => "Not persistent: the browser was asked to keep it and said no. It may clear it when space runs low, and Safari clears sites not opened for 7 days. Installing Prepwise (Add to Home Screen) protects it; a backup protects it anywhere.",
                        Some(false) => "Not persistent: the browser may clear it when space runs low, and Safari clears sites not opened for 7 days. Installing Prepwise (Add to Home Screen) protects it; a backup protects it anywhere.",
                        None => "This browser does not say whether it will keep saved data: export a backup now and then.",
                    }}
                    {move || durability.usage.get().map(|(used, quota)| format!(" Using {} of {} available.", human_bytes(used), human_bytes(quota)))}
                </p>
                <Show when=move || durability.persisted.get() == Some(false)>
                    <div class="actions">
                        <button class="button secondary" type="button" on:click=move |_| durability.ask()>"Ask the browser to keep it"</button>
                        <Show when=move || durability.can_install.get()>
                            <button class="button secondary" type="button" on:click=move |_| durability.install()>"Install Prepwise"</button>
                        </Show>
                    </div>
                </Show>
                {crate::durability::ios_browser_tab().then(|| view! {
                    <p class="hint ios-install">"To install on iPhone or iPad: tap Share, then Add to Home Screen. Installed, Prepwise opens like an app and Safari keeps its data."</p>
                })}
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button class="button danger" type="button" on:click=move |_| confirming.set(true)>
                            "Reset progress…"
                        </button>
                    }
                >
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
                        <p id="confirm-text">"Delete every answer, your streak and your review schedule? This cannot be undone."</p>
                        <div class="actions">
                            <button class="button danger" type="button" on:click=do_reset>"Delete my progress"</button>
                            <button class="button secondary" type="button" on:click=move |_| confirming.set(false)>"Keep my progress"</button>
                        </div>
                    </div>
                </Show>
                <p role="status">{move || reset_message.get()}</p>
            </section>

            <section class="card" aria-labelledby="backup-title">
                <h2 id="backup-title" class="card-title">"Backup"</h2>
                <p class="topic-meta">
                    "Save every answer to a file, and bring it back on this or another device. Importing merges: nothing is duplicated or lost."
                </p>
                <div class="actions">
                    <button class="button secondary" type="button" on:click=move |_| download_backup(state)>"Export backup"</button>
                    <label class="button secondary file-button">
                        "Import backup…"
                        <input class="sr-only" type="file" accept="application/json,.json" on:change=move |ev| import_backup(state, ev, import_message) />
                    </label>
                </div>
                <p role="status" class="import-status">{move || import_message.get()}</p>
            </section>

            <section class="card" aria-labelledby="about-title">
                <h2 id="about-title" class="card-title">"About"</h2>
                <p>
                    "Prepwise asks what an interviewer for AI, ML and Python roles would ask, adapts to how you answer, and works offline. Every question was written for Prepwise and answered blind by a reviewer who did not write it; every code-output answer is what Python 3.11 really prints."
                </p>
                <p>"Your answers never leave this device."</p>
                <h3 class="card-subtitle">"Licences"</h3>
                <p class="topic-meta">
                    "Built with Rust and open-source libraries: Leptos, wasm-bindgen, web-sys, js-sys, serde and postcard (MIT or Apache-2.0). Question text and explanations © Prepwise."
                </p>
            </section>
        </main>
    }
}

/// Reads the chosen file, validates it strictly, and merges it; any problem changes nothing.
fn import_backup(
    state: crate::state::AppState,
    ev: leptos::ev::Event,
    message: RwSignal<Option<String>>,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    input.set_value("");
    if file.size() > crate::backup::MAX_BYTES as f64 {
        let err = crate::backup::ImportError::TooLarge(file.size() as usize);
        message.set(Some(format!("Nothing was imported: {err}.")));
        return;
    }
    spawn_local(async move {
        let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(text) => text.as_string().unwrap_or_default(),
            Err(_) => {
                message.set(Some(
                    "Nothing was imported: the file could not be read.".into(),
                ));
                return;
            }
        };
        match crate::backup::parse(text.as_bytes()) {
            Err(err) => message.set(Some(format!("Nothing was imported: {err}."))),
            Ok(events) => {
                let unknown = events
                    .iter()
                    .filter(|e| matches!(&e.body, engine::EventBody::Answered(a) if crate::state::engine().find(&a.question).is_none()))
                    .count();
                let added = match state.import(&events).await {
                    Ok(added) => added,
                    Err(err) => {
                        message.set(Some(format!("Nothing was imported: {err}.")));
                        return;
                    }
                };
                let mut text = format!(
                    "Imported {added} new entr{} ({} already here).",
                    if added == 1 { "y" } else { "ies" },
                    events.len() - added
                );
                if unknown > 0 {
                    text.push_str(&format!(" {unknown} answer(s) refer to questions this version does not have; they are kept and will count if the questions return."));
                }
                message.set(Some(text));
            }
        }
    });
}
