//! One question on screen: prompt, code, options (in the sitting's shuffled order), and once
//! checked the marks — the right answer, the learner's own pick, why each other option is wrong
//! (one line, opened on tap) — and the explanation. A view of the sitting controller: it grades
//! and records nothing itself. Content HTML was sanitized at build time.

use std::rc::Rc;

use engine::{Chunk, Kind};
use leptos::html;
use leptos::prelude::*;

use crate::components::code::CodeBlock;
use crate::components::open::OpenCard;
use crate::components::references::references_html;
use crate::components::sitting::use_sitting;
use crate::html::Html;
use crate::state::engine;

#[component]
pub fn QuestionCard(
    chunk: Rc<Chunk>,
    /// Position of the question in the chunk.
    position: usize,
    /// Index of the question in the bank.
    item: usize,
    /// Display order: `order[k]` is the content index of the k-th option shown.
    order: Vec<u8>,
) -> impl IntoView {
    let sitting = use_sitting();
    let question = chunk.questions[position].clone();
    if question.open.is_some() {
        return view! { <OpenCard question=question /> }.into_any();
    }
    let kind = engine().bank().items[item].kind;
    let multi = kind == Kind::Multi;
    let answered = sitting.answered;
    let selected = sitting.selected;
    let heading = NodeRef::<html::H2>::new();
    // Focus moves to the new question, so screen readers and keyboards start there.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = h.focus_with_options(&options);
        }
    });

    let options = order
        .iter()
        .enumerate()
        .map(|(shown, &content)| {
            let choice = question.choices[usize::from(content)].clone();
            let correct = choice.correct;
            let is_selected = move || selected.with(|s| s.contains(&shown));
            let picked = move || {
                answered.with(|f| f.as_ref().is_some_and(|f| f.picked.contains(&content)))
            };
            let class = move || match answered.get() {
                None if is_selected() => "choice selected",
                None => "choice",
                Some(_) => match (correct, picked()) {
                    (true, true) => "choice correct picked",
                    (true, false) => "choice correct",
                    (false, true) => "choice wrong picked",
                    (false, false) => "choice dim",
                },
            };
            let why = Html::from_corpus(choice.why_html.clone());
            let mark = move || {
                answered.get().map(|_| {
                    let label = match (correct, picked()) {
                        (true, true) => "Your answer · correct",
                        (true, false) => "Correct answer",
                        (false, true) => "Your answer · wrong",
                        (false, false) => "",
                    };
                    (!label.is_empty()).then(|| view! { <span class="choice-mark">{label}</span> })
                })
            };
            // The why of a correct option is the point: open. A distractor's starts as one line.
            let why_view = {
                let why = why.clone();
                move || {
                    answered.get().filter(|_| !why.is_empty()).map(|_| {
                        let why = why.clone();
                        if correct {
                            view! { <p class="why why-open" inner_html=why.into_inner()></p> }.into_any()
                        } else {
                            view! {
                                <details class="why">
                                    <summary>
                                        <span class="why-label">"Why not"</span>
                                        <span class="why-text" inner_html=why.into_inner()></span>
                                    </summary>
                                </details>
                            }
                            .into_any()
                        }
                    })
                }
            };
            view! {
                <li class=class>
                    <label>
                        <input
                            type=if multi { "checkbox" } else { "radio" }
                            name="choice"
                            prop:checked=move || if answered.with(Option::is_some) { picked() } else { is_selected() }
                            disabled=move || answered.with(Option::is_some)
                            on:change=move |_| sitting.toggle(shown)
                        />
                        <span class="key kbd-only" aria-hidden="true">{shown + 1}</span>
                        <span class="choice-body">
                            {mark}
                            <span class="choice-text" inner_html=Html::from_corpus(choice.html.clone()).into_inner()></span>
                        </span>
                    </label>
                    {why_view}
                </li>
            }
        })
        .collect_view();

    let explanation = Html::from_corpus(question.explanation_html.clone());
    let references =
        (!question.references.is_empty()).then(|| references_html(&question.references));
    let as_of = question.as_of_words();

    view! {
        <article class="question" aria-labelledby="question-prompt">
            <h2 id="question-prompt" class="prompt" tabindex="-1" node_ref=heading inner_html=Html::from_corpus(question.prompt_html.clone()).into_inner()></h2>
            {question.code_html.clone().map(|code| view! { <CodeBlock html=Html::from_corpus(code) /> })}
            <fieldset class="choices">
                <legend class="sr-only">{if multi { "Choose every correct option" } else { "Choose one option" }}</legend>
                {multi.then(|| view! { <p class="hint">"Select all that apply."</p> })}
                <ol>{options}</ol>
            </fieldset>
            <div class="feedback">
                {move || answered.get().map(|_| {
                    view! {
                        <h3 class="section-title">"Explanation"</h3>
                        <div class="explanation" inner_html=explanation.clone().into_inner()></div>
                        {references.clone().map(|html| view! { <p class="references" inner_html=html.into_inner()></p> })}
                        {as_of.clone().map(|words| view! { <p class="as-of">{words}</p> })}
                    }
                })}
            </div>
        </article>
    }
    .into_any()
}
