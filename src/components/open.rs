//! An open (interview-mode) question on screen: the prompt, a countdown of the suggested time
//! (pausable, never a hard stop) and a notes box while the learner answers out loud; once
//! revealed, the key points as a checklist to tick, the model answer and the pitfalls; once
//! confirmed, which points were covered and the follow-ups an interviewer would ask next. A view
//! of the sitting controller, like the multiple-choice card: it records nothing itself.

use std::time::Duration;

use engine::QuestionBody;
use leptos::html;
use leptos::prelude::*;

use crate::components::code::CodeBlock;
use crate::components::recorder::Recorder;
use crate::components::references::references_html;
use crate::components::sitting::use_sitting;
use crate::html::Html;

#[component]
pub fn OpenCard(question: QuestionBody) -> impl IntoView {
    let sitting = use_sitting();
    let answered = sitting.answered;
    let revealed = sitting.revealed;
    let selected = sitting.selected;
    let open = question.open.clone().unwrap_or_default();
    let notes = RwSignal::new(String::new());
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = h.focus_with_options(&options);
        }
    });

    let seconds = open.seconds;
    let pitfalls = open.pitfalls_html.clone();
    let follow_ups = open.follow_ups_html.clone();
    let has_follow_ups = !follow_ups.is_empty();
    let key_points = open.key_points_html;
    let points = move || {
        key_points
        .iter()
        .enumerate()
        .map(|(i, html)| {
            let ticked = move || selected.with(|s| s.contains(&i));
            let covered = move || {
                answered.with(|f| f.as_ref().is_some_and(|f| f.picked.contains(&(i as u8))))
            };
            let class = move || match answered.with(Option::is_some) {
                false if ticked() => "choice point selected",
                false => "choice point",
                true if covered() => "choice point correct picked",
                true => "choice point missed",
            };
            let mark = move || {
                answered.with(Option::is_some).then(|| {
                    let label = if covered() { "Covered" } else { "Missed" };
                    view! { <span class="choice-mark">{label}</span> }
                })
            };
            view! {
                <li class=class>
                    <label>
                        <input
                            type="checkbox"
                            name="point"
                            prop:checked=move || if answered.with(Option::is_some) { covered() } else { ticked() }
                            disabled=move || answered.with(Option::is_some)
                            on:change=move |_| sitting.toggle(i)
                        />
                        <span class="key kbd-only" aria-hidden="true">{i + 1}</span>
                        <span class="choice-body">
                            {mark}
                            <span class="choice-text" inner_html=Html::from_corpus(html.clone()).into_inner()></span>
                        </span>
                    </label>
                </li>
            }
        })
        .collect_view()
    };

    let model_answer = Html::from_corpus(question.explanation_html.clone());
    let references =
        (!question.references.is_empty()).then(|| references_html(&question.references));
    let as_of = question.as_of_words();

    view! {
        <article class="question open-question" aria-labelledby="question-prompt">
            <p class="eyebrow">"Interview question · answer out loud"</p>
            <h2 id="question-prompt" class="prompt" tabindex="-1" node_ref=heading inner_html=Html::from_corpus(question.prompt_html.clone()).into_inner()></h2>
            {question.code_html.clone().map(|code| view! { <CodeBlock html=Html::from_corpus(code) /> })}
            <Show when=move || answered.with(Option::is_none)>
                <Countdown seconds=seconds />
            </Show>
            <Recorder />
            <Show when=move || !revealed.get() && answered.with(Option::is_none)>
                <label class="notes-label" for="open-notes">"Say your answer out loud, or type notes"</label>
                <textarea
                    id="open-notes"
                    class="notes"
                    rows="4"
                    placeholder="Notes stay on this screen only"
                    prop:value=move || notes.get()
                    on:input=move |ev| notes.set(event_target_value(&ev))
                ></textarea>
            </Show>
            <Show when=move || revealed.get() || answered.with(Option::is_some)>
                {move || (!notes.with(String::is_empty)).then(|| view! {
                    <details class="your-notes">
                        <summary>"Your notes"</summary>
                        <p class="notes-text">{notes.get()}</p>
                    </details>
                })}
                <fieldset class="choices points">
                    <legend class="section-title">"Key points"</legend>
                    {move || answered.with(Option::is_none).then(|| view! {
                        <p class="hint">"Tick each one you made, honestly: the ticks move your estimate."</p>
                    })}
                    <ol>{points()}</ol>
                </fieldset>
                <h3 class="section-title">"Model answer"</h3>
                <div class="explanation" inner_html=model_answer.clone().into_inner()></div>
                {(!pitfalls.is_empty()).then(|| {
                    let items = pitfalls.iter().map(|p| view! { <li inner_html=Html::from_corpus(p.clone()).into_inner()></li> }).collect_view();
                    view! {
                        <h3 class="section-title">"Pitfalls"</h3>
                        <ul class="pitfalls">{items}</ul>
                    }
                })}
                {references.clone().map(|html| view! { <p class="references" inner_html=html.into_inner()></p> })}
                {as_of.clone().map(|words| view! { <p class="as-of">{words}</p> })}
            </Show>
            <Show when=move || answered.with(Option::is_some) && has_follow_ups>
                <h3 class="section-title">"What they might ask next"</h3>
                <ul class="follow-ups">
                    {follow_ups.iter().map(|f| view! { <li inner_html=Html::from_corpus(f.clone()).into_inner()></li> }).collect_view()}
                </ul>
            </Show>
        </article>
    }
}

/// The suggested time, counting down once a second: pausable, and past zero it counts the
/// overrun instead of stopping anything (an interviewer would let a good answer finish).
#[component]
fn Countdown(seconds: u16) -> impl IntoView {
    let left = RwSignal::new(i32::from(seconds));
    let running = RwSignal::new(true);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if running.get_untracked() {
                left.update(|s| *s -= 1);
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let text = move || {
        let s = left.get();
        let (m, r) = (s.unsigned_abs() / 60, s.unsigned_abs() % 60);
        if s >= 0 {
            format!("{m}:{r:02} left")
        } else {
            format!("{m}:{r:02} over")
        }
    };
    view! {
        <div class="countdown" class:over=move || left.get() < 0>
            <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="13" r="8" /><path d="M12 9v4l2 2M9 2h6" /></svg>
            <span class="countdown-time" aria-live="off">{text}</span>
            <span class="sr-only">{format!("Suggested time: {} min {} s", seconds / 60, seconds % 60)}</span>
            <button
                class="link-button"
                type="button"
                aria-pressed=move || if running.get() { "false" } else { "true" }
                on:click=move |_| running.update(|r| *r = !*r)
            >
                {move || if running.get() { "Pause" } else { "Resume" }}
            </button>
        </div>
    }
}
