//! `/unlock`: what the one-time unlock gives (counted from the corpus), its price and where to
//! buy it, and the field for a key. Every lock in the app links here.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::{engine, use_app_state};
use crate::text::count;
use crate::unlock::{KeyStatus, PRICE, PURCHASE_URL};

/// The corpus in numbers: questions and topics in all, and how many of each the free tier opens.
fn corpus_counts() -> (usize, usize, usize, usize) {
    let bank = engine().bank();
    let free_questions = bank.items.iter().filter(|i| i.free).count();
    let free_topics = bank.topics.iter().filter(|t| t.free).count();
    (
        bank.items.len(),
        bank.topics.len(),
        free_questions,
        free_topics,
    )
}

#[component]
pub fn UnlockPage() -> impl IntoView {
    let state = use_app_state();
    let (questions, topics, free_questions, free_topics) = corpus_counts();
    let (questions, free_questions) = (count(questions), count(free_questions));
    let free_lede = format!("Free: {free_topics} whole topics, a sample of every other one, the daily challenge, and review of anything you have answered. One purchase opens all {questions} questions in {topics} topics, for life.");
    let all_line =
        format!("All {questions} questions and every adaptive test (free: {free_questions})");
    let unlocked_lede =
        format!("Unlocked: all {questions} questions in {topics} topics are open, for life.");
    let text = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let checking = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if checking.get_untracked() {
            return;
        }
        checking.set(true);
        let pasted = text.get_untracked();
        spawn_local(async move {
            match state.enter_key(&pasted).await {
                Ok(()) => {
                    message.set(Some((
                        true,
                        "Unlocked. Every question is open, for life. Thank you!".into(),
                    )));
                    text.set(String::new());
                }
                Err(err) => message.set(Some((false, err.to_string()))),
            }
            checking.set(false);
        });
    };
    let unlocked = move || matches!(state.key_status.get(), KeyStatus::Valid(_));
    let withdrawn = move || match state.key_status.get() {
        KeyStatus::Invalid(err) => Some(format!("Your saved key no longer unlocks: {err}")),
        _ => None,
    };
    view! {
        <main class="page unlock">
            <h1>"Unlock everything"</h1>
            <Show
                when=unlocked
                fallback=move || view! {
                    <p class="lede">{free_lede.clone()}</p>
                    {move || withdrawn().map(|w| view! { <p class="error" role="alert">{w}</p> })}
                    <section class="card" aria-labelledby="offer-title">
                        <h2 id="offer-title" class="card-title">{PRICE}</h2>
                        <ul class="unlock-list">
                            <li>{all_line.clone()}</li>
                            <li>"Every future question and topic: updates never re-lock"</li>
                            <li>"Works offline: your key is checked on this device, never online"</li>
                        </ul>
                        <a class="button" href=PURCHASE_URL target="_blank" rel="noopener">"Buy the unlock"</a>
                    </section>
                }
            >
                <p class="lede">{unlocked_lede.clone()}</p>
            </Show>
            <section class="card" aria-labelledby="key-title">
                <h2 id="key-title" class="card-title">"Your key"</h2>
                <form class="key-form" on:submit=submit>
                    <label class="search-label" for="key-input">"Paste the key from your receipt"</label>
                    <textarea
                        id="key-input"
                        class="key-input"
                        rows="4"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        placeholder="XXXXXXXX-XXXXXXXX-…"
                        prop:value=move || text.get()
                        on:input=move |e| text.set(event_target_value(&e))
                    ></textarea>
                    <button class="button" type="submit" prop:disabled=move || checking.get()>
                        {move || if checking.get() { "Checking…" } else { "Unlock" }}
                    </button>
                </form>
                <p class="key-status" role="status" class:error=move || matches!(message.get(), Some((false, _)))>
                    {move || message.get().map(|(_, m)| m)}
                </p>
                <p class="hint">
                    "A key is one line of text (18 groups of 8 letters and digits). Keep it with your receipt: it works offline, on any device, and it is saved in your backup file, so importing a backup unlocks too."
                </p>
            </section>
        </main>
    }
}
