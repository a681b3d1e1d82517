//! Runs the sitting in progress, whatever its kind: shows the current question, grades the
//! answer, records it, moves on, and shows the results at the end. Keyboard: 1–9 choose,
//! Enter submits or goes on, ? lists the keys (in a modal dialog).

use engine::{Answer, Kind, Response};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chunks::load_question;
use crate::components::question::{QuestionCard, Submitted};
use crate::components::results::Results;
use crate::platform::now_ms;
use crate::state::{engine, use_app_state};

#[component]
pub fn SessionView() -> impl IntoView {
    let state = use_app_state();
    let selected = RwSignal::new(Vec::<usize>::new());
    // The shortcut list is a modal dialog: it opens over the page wherever the learner has
    // scrolled to and takes the focus; when it closes (Close, Escape, ?) the browser gives the
    // focus back to where it was. Whether it is open is the element's own state, read when a key
    // is pressed: the `close` event arrives a task later than the key that closed it.
    let keys_dialog = NodeRef::<html::Dialog>::new();
    let keys_close = NodeRef::<html::Button>::new();
    let keys_open = move || keys_dialog.get_untracked().is_some_and(|d| d.open());
    let open_keys = move || {
        if let Some(dialog) = keys_dialog.get_untracked().filter(|d| !d.open()) {
            let _ = dialog.show_modal();
            if let Some(close) = keys_close.get_untracked() {
                let _ = close.focus();
            }
        }
    };
    let close_keys = move || {
        if let Some(dialog) = keys_dialog.get_untracked() {
            dialog.close();
        }
    };
    let load_error = RwSignal::new(None::<String>);

    // The current question's text, fetched when the question changes.
    let current_item = Memo::new(move |_| {
        state
            .session
            .with(|s| s.as_ref().and_then(|s| s.current().map(|a| a.item)))
    });
    let loaded = RwSignal::new_local(None);
    Effect::new(move |_| {
        let Some(item) = current_item.get() else {
            return;
        };
        loaded.set(None);
        load_error.set(None);
        spawn_local(async move {
            match load_question(item).await {
                Ok(found) => loaded.set(Some((item, found))),
                Err(err) => load_error.set(Some(err)),
            }
        });
    });

    let answered = Signal::derive(move || {
        state.session.with(|s| {
            s.as_ref()
                .and_then(|s| s.current())
                .and_then(|a| a.answer.clone())
                .map(|(response, correct)| Submitted { response, correct })
        })
    });

    let submit = Callback::new(move |shown: Response| {
        let Some((_, (chunk, position))) = loaded.get_untracked() else {
            return;
        };
        let body = &chunk.questions[position];
        let correct_options = body.correct_options();
        let mut recorded = None;
        state.session.update(|session| {
            let Some(session) = session.as_mut() else {
                return;
            };
            let Some(order) = session.current().map(|a| a.order.clone()) else {
                return;
            };
            let response = match shown {
                Response::Chose(positions) => Response::Chose(
                    positions
                        .iter()
                        .filter_map(|&p| order.get(usize::from(p)).copied())
                        .collect(),
                ),
                Response::DontKnow => Response::DontKnow,
            };
            if let Some((item, response, correct, elapsed)) =
                session.answer(response, &correct_options, now_ms())
            {
                recorded = Some(Answer {
                    question: engine().bank().items[item].id.clone(),
                    response,
                    correct,
                    time_taken_ms: elapsed,
                    mode: session.mode,
                    session: session.id,
                });
            }
        });
        if let Some(answer) = recorded {
            state.record(answer);
            state.save_session();
        }
    });

    let next = move || {
        selected.set(Vec::new());
        state.session.update(|session| {
            if let Some(session) = session.as_mut() {
                // Read in place: the progress holds every answer's id, too much to copy per click.
                state
                    .progress
                    .with_untracked(|progress| session.advance(engine(), progress, now_ms()));
            }
        });
        state.save_session();
    };

    let keys = window_event_listener(ev::keydown, move |event| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let in_text_field = event
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA")
                    && el.get_attribute("type").as_deref() == Some("search")
            });
        if in_text_field {
            return;
        }
        // While the list is open, the question beneath takes no keys; Escape is the dialog's own.
        if keys_open() {
            if event.key() == "?" {
                close_keys();
            }
            return;
        }
        let is_answered = answered.with_untracked(Option::is_some);
        let finished = state
            .session
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.is_finished()));
        match event.key().as_str() {
            "?" => open_keys(),
            "Enter" if finished => {}
            "Enter" if is_answered => {
                event.prevent_default();
                next();
            }
            "Enter" => {
                let chosen = selected.get_untracked();
                if !chosen.is_empty() {
                    event.prevent_default();
                    submit.run(Response::Chose(chosen.iter().map(|&k| k as u8).collect()));
                }
            }
            key if !is_answered && key.len() == 1 => {
                let Some(digit) = key.chars().next().and_then(|c| c.to_digit(10)) else {
                    return;
                };
                let options = state.session.with_untracked(|s| {
                    s.as_ref()
                        .and_then(|s| s.current())
                        .map_or(0, |a| a.order.len())
                });
                let shown = digit as usize;
                if shown == 0 || shown > options {
                    return;
                }
                let kind = state.session.with_untracked(|s| {
                    s.as_ref()
                        .and_then(|s| s.current())
                        .map(|a| engine().bank().items[a.item].kind)
                });
                let multi = kind == Some(Kind::Multi);
                selected.update(|s| {
                    if multi {
                        if let Some(at) = s.iter().position(|&x| x == shown - 1) {
                            s.remove(at);
                        } else {
                            s.push(shown - 1);
                        }
                    } else {
                        *s = vec![shown - 1];
                    }
                });
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    // What the card area shows. A memo of this rather than of the sitting: answering changes the
    // sitting but not the question, and the card must not be rebuilt for that (the feedback is
    // the card's own reactive part; a rebuild redid the whole DOM and moved the focus).
    let shown = Memo::new(move |_| {
        let on = state.session.with(|s| {
            s.as_ref().map(|s| {
                if s.is_finished() {
                    Shown::Results
                } else {
                    match s.current() {
                        Some(asked) => Shown::Question {
                            session: s.id,
                            n: s.asked.len(),
                            item: asked.item,
                        },
                        None => Shown::Nothing,
                    }
                }
            })
        });
        match (on, load_error.get()) {
            (None, _) => Shown::Nothing,
            (Some(Shown::Question { .. }), Some(err)) => Shown::Error(err),
            (Some(Shown::Question { session, n, item }), None) => {
                if loaded.with(|l| l.as_ref().is_some_and(|(at, _)| *at == item)) {
                    Shown::Question { session, n, item }
                } else {
                    Shown::Nothing
                }
            }
            (Some(other), _) => other,
        }
    });

    let question = move || match shown.get() {
        Shown::Nothing => None,
        Shown::Error(err) => Some(view! { <p class="error" role="alert">{err}</p> }.into_any()),
        Shown::Results => {
            let session = state.session.get_untracked()?;
            Some(view! { <Results session=session /> }.into_any())
        }
        Shown::Question { item, .. } => {
            let (_, (chunk, position)) = loaded.get_untracked()?;
            let (order, asked, length) = state.session.with_untracked(|s| {
                let s = s.as_ref()?;
                Some((s.current()?.order.clone(), s.asked.len(), s.length()))
            })?;
            let kind = engine().bank().items[item].kind;
            let counter = format!("Question {asked} of {length}");
            let is_last = asked >= length;
            Some(
                view! {
                    <QuestionCard
                        chunk=chunk
                        position=position
                        kind=kind
                        order=order
                        counter=counter
                        answered=answered
                        selected=selected
                        on_submit=submit
                    />
                    <Show when=move || answered.with(Option::is_some)>
                        <div class="actions">
                            <button class="button" type="button" on:click=move |_| next()>
                                {if is_last { "See results" } else { "Next question" }}
                            </button>
                        </div>
                    </Show>
                }
                .into_any(),
            )
        }
    };

    view! {
        <div class="session">
            {question}
            <p class="keys-hint">
                <button class="link-button" type="button" on:click=move |_| open_keys()>
                    "Keyboard shortcuts (?)"
                </button>
            </p>
            <dialog class="keys" node_ref=keys_dialog aria-labelledby="keys-title">
                <h2 id="keys-title" class="card-title">"Keyboard shortcuts"</h2>
                <dl>
                    <dt>"1–6"</dt><dd>"choose (or untick) an option by its number"</dd>
                    <dt>"Enter"</dt><dd>"submit, then go to the next question"</dd>
                    <dt>"B"</dt><dd>"bookmark the question, or remove the bookmark"</dd>
                    <dt>"?"</dt><dd>"show or hide this list"</dd>
                    <dt>"Esc"</dt><dd>"close this list"</dd>
                </dl>
                <button class="button" type="button" node_ref=keys_close on:click=move |_| close_keys()>
                    "Close"
                </button>
            </dialog>
        </div>
    }
}

/// What the sitting's card area shows.
#[derive(Clone, PartialEq)]
enum Shown {
    /// Nothing yet (no sitting, or the question's text is still loading).
    Nothing,
    Error(String),
    /// The question asked `n`-th in the sitting, until it changes.
    Question {
        session: engine::SessionId,
        n: usize,
        item: usize,
    },
    Results,
}
