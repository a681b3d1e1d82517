//! One question on screen: prompt, code, options (in the session's shuffled order), "I don't
//! know", and after submitting, the feedback — the right answer, why each wrong option is
//! wrong, and the explanation. Content HTML was sanitized at build time.

use std::rc::Rc;

use engine::{Chunk, Kind, Response};
use leptos::html;
use leptos::prelude::*;

use crate::components::references::references_html;
use crate::state::{bookmarks, use_app_state};

/// What the learner did with the question.
#[derive(Clone, Debug, PartialEq)]
pub struct Submitted {
    pub response: Response,
    pub correct: bool,
}

#[component]
pub fn QuestionCard(
    chunk: Rc<Chunk>,
    /// Position of the question in the chunk.
    position: usize,
    kind: Kind,
    /// Display order: `order[k]` is the content index of the k-th option shown.
    order: Vec<u8>,
    /// "Question 2 of 5" and the like.
    counter: String,
    /// The answer, once submitted (drives the feedback view).
    #[prop(into)]
    answered: Signal<Option<Submitted>>,
    /// Options currently selected, as display positions (owned by the page so keys work).
    selected: RwSignal<Vec<usize>>,
    on_submit: Callback<Response>,
) -> impl IntoView {
    let question = chunk.questions[position].clone();
    let state = use_app_state();
    let id = question.id.clone();
    let bookmarked = {
        let id = id.clone();
        Memo::new(move |_| state.events.with(|events| bookmarks(events).contains(&id)))
    };
    let toggle_bookmark = {
        let id = id.clone();
        move || state.toggle_bookmark(&id)
    };
    // B bookmarks the question on screen, wherever it is shown.
    let keys = {
        let toggle = toggle_bookmark.clone();
        window_event_listener(leptos::ev::keydown, move |event| {
            let typing = event
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
                .is_some_and(|input| input.type_() == "search");
            // While a dialog (the shortcut list) is open, the question beneath takes no keys.
            let dialog_open = document()
                .query_selector("dialog[open]")
                .ok()
                .flatten()
                .is_some();
            if !typing
                && !dialog_open
                && !event.ctrl_key()
                && !event.meta_key()
                && !event.alt_key()
                && event.key().eq_ignore_ascii_case("b")
            {
                toggle();
            }
        })
    };
    on_cleanup(move || keys.remove());
    let multi = kind == Kind::Multi;
    let heading = NodeRef::<html::H2>::new();
    // Focus moves to the new question, so screen readers and keyboards start there.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    // Once answered, to the feedback: the buttons that had it are gone. The page stays where it
    // is; the feedback is announced (a live region) and Enter or Tab goes on from there.
    let feedback = NodeRef::<html::Div>::new();
    Effect::new(move |was_answered: Option<bool>| {
        let is_answered = answered.with(Option::is_some);
        if was_answered == Some(false) && is_answered {
            if let Some(f) = feedback.get_untracked() {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = f.focus_with_options(&options);
            }
        }
        is_answered
    });

    let options = order
        .iter()
        .enumerate()
        .map(|(shown, &content)| {
            let choice = question.choices[usize::from(content)].clone();
            let is_selected = move || selected.with(|s| s.contains(&shown));
            let toggle = move |_| {
                if answered.with_untracked(Option::is_some) {
                    return;
                }
                selected.update(|s| {
                    if multi {
                        if let Some(at) = s.iter().position(|&x| x == shown) {
                            s.remove(at);
                        } else {
                            s.push(shown);
                        }
                    } else {
                        *s = vec![shown];
                    }
                });
            };
            let correct = choice.correct;
            let state_class = move || match answered.get() {
                None => {
                    if is_selected() {
                        "choice selected"
                    } else {
                        "choice"
                    }
                }
                Some(_) if correct => "choice correct",
                Some(_) if is_selected() => "choice wrong",
                Some(_) => "choice",
            };
            let why = choice.why_html.clone();
            let verdict = move || {
                answered.get().map(|_| {
                    let (label, show_why) = match (correct, is_selected()) {
                        (true, _) => ("Correct answer", true),
                        (false, true) => ("Your answer: wrong", true),
                        (false, false) => ("Why not", true),
                    };
                    show_why.then(|| {
                        view! {
                            <p class="why">
                                <span class="why-label">{label}{(!why.is_empty()).then_some(": ")}</span>
                                <span inner_html=why.clone()></span>
                            </p>
                        }
                    })
                })
            };
            view! {
                <li class=state_class>
                    <label>
                        <input
                            type=if multi { "checkbox" } else { "radio" }
                            name="choice"
                            prop:checked=is_selected
                            disabled=move || answered.with(Option::is_some)
                            on:change=toggle
                        />
                        <span class="key" aria-hidden="true">{shown + 1}</span>
                        <span class="choice-text" inner_html=choice.html.clone()></span>
                    </label>
                    {verdict}
                </li>
            }
        })
        .collect_view();

    let submit = move |_| {
        let chosen = selected.get_untracked();
        if !chosen.is_empty() {
            on_submit.run(Response::Chose(chosen.iter().map(|&k| k as u8).collect()));
        }
    };
    let dont_know = move |_| on_submit.run(Response::DontKnow);
    let explanation = question.explanation_html.clone();
    let references =
        (!question.references.is_empty()).then(|| references_html(&question.references));

    view! {
        <article class="question" aria-labelledby="question-prompt">
            <div class="question-head">
                <p class="counter">{counter}</p>
                <button
                    class="link-button bookmark"
                    type="button"
                    aria-pressed=move || if bookmarked.get() { "true" } else { "false" }
                    on:click=move |_| toggle_bookmark()
                >
                    {move || if bookmarked.get() { "Bookmarked (B)" } else { "Bookmark (B)" }}
                </button>
            </div>
            <h2 id="question-prompt" class="prompt" tabindex="-1" node_ref=heading inner_html=question.prompt_html.clone()></h2>
            {question.code_html.clone().map(|code| view! { <div class="code-block" inner_html=code></div> })}
            <fieldset class="choices">
                <legend class="sr-only">{if multi { "Choose every correct option" } else { "Choose one option" }}</legend>
                {multi.then(|| view! { <p class="hint">"Select all that apply."</p> })}
                <ol>{options}</ol>
            </fieldset>
            <Show when=move || answered.with(Option::is_none)>
                <div class="actions">
                    <button class="button secondary" type="button" on:click=dont_know>"I don't know"</button>
                    <button
                        class="button"
                        type="button"
                        disabled=move || selected.with(Vec::is_empty)
                        on:click=submit
                    >
                        "Submit"
                    </button>
                </div>
            </Show>
            <div class="feedback" role="status" aria-live="polite" tabindex="-1" node_ref=feedback>
                {move || answered.get().map(|a| {
                    let verdict = match (&a.response, a.correct) {
                        (_, true) => "Correct",
                        (Response::DontKnow, _) => "Here is the answer",
                        _ => "Not quite",
                    };
                    view! {
                        <p class=if a.correct { "verdict good" } else { "verdict bad" }>{verdict}</p>
                        <div class="explanation" inner_html=explanation.clone()></div>
                        {references.clone().map(|html| view! { <p class="references" inner_html=html></p> })}
                    }
                })}
            </div>
        </article>
    }
}
