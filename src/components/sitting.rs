//! The sitting controller: one per sitting page, in context. It owns the steps of answering —
//! choosing → checked → (next question | done) — and the actions that move between them
//! (select, check, "I don't know", continue). The question card and the action bar are views of
//! it; neither grades nor records anything itself.

use std::rc::Rc;

use engine::{Answer, Chunk, Kind, Response};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chunks::load_question;
use crate::components::question::QuestionCard;
use crate::components::results::Results;
use crate::platform::now_ms;
use crate::session::{Session, SittingKind};
use crate::state::{engine, use_app_state, AppState};

/// A question's text, as loaded: the item, its topic's chunk and its position there.
pub type Loaded = (usize, Rc<Chunk>, usize);

/// How an answer went, for the verdict and the card's marks.
#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    pub correct: bool,
    pub dont_know: bool,
    /// The options picked, as content indices.
    pub picked: Vec<u8>,
    /// Picks that are correct options.
    pub right_picks: u8,
    /// Picks that are not.
    pub wrong_picks: u8,
    /// Correct options in all.
    pub correct_total: u8,
    /// Whether the question asks for every correct option.
    pub multi: bool,
    /// An open question: `right_picks` of `correct_total` key points covered.
    pub open: bool,
}

impl Feedback {
    /// The verdict's word.
    pub fn verdict(&self) -> &'static str {
        if self.open {
            return match (self.correct, self.dont_know, self.right_picks) {
                (true, _, _) => "Well covered",
                (false, true, _) | (false, false, 0) => "Here is a model answer",
                (false, false, _) => "Partly covered",
            };
        }
        match (self.correct, self.dont_know) {
            (true, _) => "Correct",
            (false, true) => "Here is the answer",
            (false, false) => "Not quite",
        }
    }

    /// One line on how it went: how partly right a multi-answer was.
    pub fn detail(&self) -> String {
        if self.open {
            return if self.dont_know {
                "The key points are below.".into()
            } else {
                format!(
                    "{} of {} key points covered.",
                    self.right_picks, self.correct_total
                )
            };
        }
        if self.dont_know {
            return "The right answer is marked below.".into();
        }
        if !self.multi {
            return if self.correct {
                String::new()
            } else {
                "The right answer is marked below.".into()
            };
        }
        if self.correct {
            return format!("All {} right.", self.correct_total);
        }
        let mut parts = vec![format!(
            "{} of {} right",
            self.right_picks, self.correct_total
        )];
        match self.wrong_picks {
            0 => {}
            1 => parts.push("1 wrong pick".into()),
            n => parts.push(format!("{n} wrong picks")),
        }
        parts.join(", ") + "."
    }
}

/// How a stored response went, graded by the engine against the question's text.
pub fn feedback(body: &engine::QuestionBody, kind: Kind, response: &Response) -> Feedback {
    let graded = engine::grade(body, response);
    Feedback {
        correct: graded.correct,
        dont_know: matches!(response, Response::DontKnow),
        picked: match response {
            Response::Chose(picked) | Response::Covered(picked) => picked.clone(),
            Response::DontKnow => Vec::new(),
        },
        right_picks: graded.right_picks,
        wrong_picks: graded.wrong_picks,
        correct_total: graded.correct_total,
        multi: kind == Kind::Multi,
        open: kind == Kind::Open,
    }
}

/// What a sitting page shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// No sitting of this kind, or its question is still loading.
    Nothing,
    Error(String),
    /// The `n`-th question of the sitting (of `of`), until it changes.
    Question {
        n: usize,
        of: usize,
        item: usize,
    },
    Results,
}

/// The controller of one sitting, in context on its page.
#[derive(Clone, Copy)]
pub struct Sitting {
    pub state: AppState,
    kind: StoredValue<SittingKind>,
    /// Options selected, as display positions (an open question's key points ticked).
    pub selected: RwSignal<Vec<usize>>,
    /// An open question's model answer and key points are on screen, to tick.
    pub revealed: RwSignal<bool>,
    loaded: RwSignal<Option<Loaded>, LocalStorage>,
    /// What the page shows; changes with the question, not with the answer.
    pub shown: Memo<Shown>,
    /// The current question's feedback, once checked.
    pub answered: Memo<Option<Feedback>>,
    /// Where the sitting is: question `n` of `of`, and its item.
    pub position: Memo<Option<(usize, usize, usize)>>,
}

/// Puts the controller of the sitting of `kind` in context.
pub fn provide_sitting(kind: SittingKind) -> Sitting {
    let state = use_app_state();
    let kind = StoredValue::new(kind);
    let loaded = RwSignal::new_local(None::<Loaded>);
    let load_error = RwSignal::new(None::<String>);
    // Where the sitting is: question `n` of `of`, and its item.
    let position = Memo::new(move |_| {
        kind.with_value(|k| {
            state.with_sitting(k, |s| {
                let s = s?;
                Some((s.asked.len(), s.length(), s.current()?.item))
            })
        })
    });
    // The current question's text, fetched when the question changes.
    Effect::new(move |_| {
        let Some((_, _, item)) = position.get() else {
            return;
        };
        if loaded.with_untracked(|l| l.as_ref().is_some_and(|(at, _, _)| *at == item)) {
            return;
        }
        load_error.set(None);
        spawn_local(async move {
            match load_question(item).await {
                Ok((chunk, position)) => loaded.set(Some((item, chunk, position))),
                Err(err) => load_error.set(Some(err)),
            }
        });
    });
    let shown = Memo::new(move |_| {
        let finished = kind.with_value(|k| state.with_sitting(k, |s| s.map(Session::is_finished)));
        match (finished, position.get(), load_error.get()) {
            (None, _, _) => Shown::Nothing,
            (Some(true), _, _) => Shown::Results,
            (Some(false), Some(_), Some(err)) => Shown::Error(err),
            (Some(false), Some((n, of, item)), None)
                if loaded.with(|l| l.as_ref().is_some_and(|(at, _, _)| *at == item)) =>
            {
                Shown::Question { n, of, item }
            }
            _ => Shown::Nothing,
        }
    });
    let answered = Memo::new(move |_| {
        let answer = kind.with_value(|k| {
            state.with_sitting(k, |s| {
                s.and_then(|s| s.current())
                    .and_then(|a| a.answer.clone().map(|(response, _)| (a.item, response)))
            })
        })?;
        let (item, response) = answer;
        loaded.with(|l| {
            let (at, chunk, position) = l.as_ref()?;
            (*at == item).then(|| {
                let kind = engine().bank().items[item].kind;
                feedback(&chunk.questions[*position], kind, &response)
            })
        })
    });
    let sitting = Sitting {
        state,
        kind,
        position,
        selected: RwSignal::new(Vec::new()),
        revealed: RwSignal::new(false),
        loaded,
        shown,
        answered,
    };
    provide_context(sitting);
    sitting
}

pub fn use_sitting() -> Sitting {
    expect_context::<Sitting>()
}

impl Sitting {
    pub fn kind(&self) -> SittingKind {
        self.kind.get_value()
    }

    /// The current question's text, once loaded (untracked).
    pub fn question(&self) -> Option<Loaded> {
        self.loaded.get_untracked()
    }

    /// The display order of the current question's options (untracked).
    fn order(&self) -> Vec<u8> {
        self.kind.with_value(|k| {
            self.state.with_sitting_untracked(k, |s| {
                s.and_then(Session::current)
                    .map(|a| a.order.clone())
                    .unwrap_or_default()
            })
        })
    }

    /// The kind of the current question (untracked).
    fn current_kind(&self) -> Option<Kind> {
        self.loaded.with_untracked(|l| {
            l.as_ref()
                .map(|(item, _, _)| engine().bank().items[*item].kind)
        })
    }

    /// Whether the current question is open (untracked).
    pub fn is_open(&self) -> bool {
        self.current_kind() == Some(Kind::Open)
    }

    /// Ticks or unticks the option shown at `position` (one pick unless multi-answer); for an
    /// open question, a key point, once revealed.
    pub fn toggle(&self, position: usize) {
        if self.answered.with_untracked(Option::is_some) || position >= self.order().len() {
            return;
        }
        let kind = self.current_kind();
        if kind == Some(Kind::Open) && !self.revealed.get_untracked() {
            return;
        }
        let multi = matches!(kind, Some(Kind::Multi | Kind::Open));
        self.selected.update(|s| {
            if !multi {
                *s = vec![position];
            } else if let Some(at) = s.iter().position(|&x| x == position) {
                s.remove(at);
            } else {
                s.push(position);
            }
        });
    }

    /// Checks the selected options; nothing happens with none selected.
    pub fn check(&self) {
        let chosen = self.selected_in_content_order();
        if !chosen.is_empty() {
            self.respond(Response::Chose(chosen));
        }
    }

    /// An open question: shows the model answer and the key points to tick.
    pub fn reveal(&self) {
        if self.is_open() && self.answered.with_untracked(Option::is_none) {
            self.revealed.set(true);
        }
    }

    /// An open question, revealed: records the key points ticked (none is an answer too).
    pub fn confirm(&self) {
        if !self.is_open() || !self.revealed.get_untracked() {
            return;
        }
        self.respond(Response::Covered(self.selected_in_content_order()));
    }

    /// What is selected (display positions), as content indices (untracked).
    fn selected_in_content_order(&self) -> Vec<u8> {
        let order = self.order();
        self.selected
            .get_untracked()
            .iter()
            .filter_map(|&p| order.get(p).copied())
            .collect()
    }

    /// "I don't know": shows the answer, counted as not known.
    pub fn dont_know(&self) {
        self.respond(Response::DontKnow);
    }

    fn respond(&self, response: Response) {
        let Some((_, chunk, position)) = self.loaded.get_untracked() else {
            return;
        };
        let correct = engine::grade(&chunk.questions[position], &response).correct;
        let kind = self.kind();
        let recorded = self.state.update_sitting(&kind, |session| {
            session
                .answer(response, correct, now_ms())
                .map(|(item, response, correct, elapsed)| Answer {
                    question: engine().bank().items[item].id.clone(),
                    response,
                    correct,
                    time_taken_ms: elapsed,
                    mode: session.mode,
                    session: session.id,
                })
        });
        if let Some(Some(answer)) = recorded {
            self.state.record(answer);
        }
    }

    /// Goes on to the next question, or to the results after the last.
    pub fn next(&self) {
        if self.answered.with_untracked(Option::is_none) {
            return;
        }
        self.selected.set(Vec::new());
        self.revealed.set(false);
        let state = self.state;
        state.update_sitting(&self.kind(), |session| {
            // Read in place: the progress holds every answer's id, too much to copy per click.
            state
                .progress
                .with_untracked(|progress| session.advance(engine(), progress, now_ms()));
        });
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// The sitting itself (untracked), e.g. for its results.
    pub fn session(&self) -> Option<Session> {
        self.kind
            .with_value(|k| self.state.with_sitting_untracked(k, |s| s.cloned()))
    }
}

/// The sitting on its page: the question card with the action bar, or the results.
#[component]
pub fn SittingView() -> impl IntoView {
    let sitting = use_sitting();
    // The shortcut list is a modal dialog: it opens over the page wherever the learner has
    // scrolled to and takes the focus; when it closes (Close, Escape, ?) the browser gives the
    // focus back to where it was.
    let keys_dialog = NodeRef::<html::Dialog>::new();
    let keys_close = NodeRef::<html::Button>::new();
    let toggle_keys = move || {
        let Some(dialog) = keys_dialog.get_untracked() else {
            return;
        };
        if dialog.open() {
            dialog.close();
        } else {
            let _ = dialog.show_modal();
            if let Some(close) = keys_close.get_untracked() {
                let _ = close.focus();
            }
        }
    };
    crate::keys::on_shortcut(move |event| {
        if event.key() == "?" {
            toggle_keys();
            return;
        }
        let answered = sitting.answered.with_untracked(Option::is_some);
        if !matches!(sitting.shown.get_untracked(), Shown::Question { .. }) {
            return;
        }
        match event.key().as_str() {
            "Enter" if answered => {
                event.prevent_default();
                sitting.next();
            }
            // An open question: Enter reveals, then confirms the points ticked (the notes box
            // keeps its Enter: shortcuts never fire in a text field).
            "Enter" if sitting.is_open() => {
                event.prevent_default();
                if sitting.revealed.get_untracked() {
                    sitting.confirm();
                } else {
                    sitting.reveal();
                }
            }
            "Enter" if sitting.selected.with_untracked(|s| !s.is_empty()) => {
                event.prevent_default();
                sitting.check();
            }
            "b" | "B" => {
                if let Some((item, _, _)) = sitting.question() {
                    sitting
                        .state
                        .toggle_bookmark(&engine().bank().items[item].id);
                }
            }
            key if !answered => {
                if let Some(digit) = key.chars().next().and_then(|c| c.to_digit(10)) {
                    if key.len() == 1 && digit >= 1 {
                        sitting.toggle(digit as usize - 1);
                    }
                }
            }
            _ => {}
        }
    });

    let content = move || match sitting.shown.get() {
        Shown::Nothing => None,
        Shown::Error(err) => Some(view! { <p class="error" role="alert">{err}</p> }.into_any()),
        Shown::Results => {
            let session = sitting.session()?;
            Some(view! { <Results session=session /> }.into_any())
        }
        Shown::Question { item, .. } => {
            let (_, chunk, position) = sitting.question()?;
            let order = sitting.order();
            Some(
                view! { <QuestionCard chunk=chunk position=position item=item order=order /> }
                    .into_any(),
            )
        }
    };
    // The head and the action bar stay while the questions change under them (built once per
    // sitting, not once per question).
    let in_progress = Memo::new(move |_| {
        sitting.kind.with_value(|k| {
            sitting
                .state
                .with_sitting(k, |s| s.is_some_and(|s| !s.is_finished()))
        })
    });
    view! {
        <div class="session">
            <Show when=move || in_progress.get()>
                <SittingHead />
            </Show>
            {content}
            <Show when=move || in_progress.get()>
                <ActionBar />
            </Show>
            <p class="keys-hint kbd-only" class:hidden=move || sitting.shown.with(|s| *s == Shown::Results)>
                <button class="link-button" type="button" on:click=move |_| toggle_keys()>
                    "Keyboard shortcuts (?)"
                </button>
            </p>
            <dialog class="keys" node_ref=keys_dialog aria-labelledby="keys-title">
                <h2 id="keys-title" class="card-title">"Keyboard shortcuts"</h2>
                <dl>
                    <dt>"1–6"</dt><dd>"choose (or untick) an option by its number"</dd>
                    <dt>"Enter"</dt><dd>"check, then continue"</dd>
                    <dt>"B"</dt><dd>"bookmark the question, or remove the bookmark"</dd>
                    <dt>"?"</dt><dd>"show or hide this list"</dd>
                    <dt>"Esc"</dt><dd>"close this list"</dd>
                </dl>
                <button class="button" type="button" node_ref=keys_close on:click=move |_| toggle_keys()>
                    "Close"
                </button>
            </dialog>
        </div>
    }
}

/// The sitting's head: where the learner is ("3 of 5" and a bar), bookmark, and a way out that
/// keeps the place. It stays in view while the question scrolls.
#[component]
fn SittingHead() -> impl IntoView {
    let sitting = use_sitting();
    let state = sitting.state;
    let at = sitting.position;
    let id = move || {
        at.get()
            .map(|(_, _, item)| engine().bank().items[item].id.clone())
    };
    let bookmarked =
        Memo::new(move |_| id().is_some_and(|id| state.progress.with(|p| p.is_bookmarked(&id))));
    view! {
        <div class="sitting-head">
            <a class="icon-button" href="/" aria-label="Leave (your place is kept)">
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>
            </a>
            <progress
                class="meter sitting-meter"
                max=move || at.get().map_or(1, |(_, of, _)| of)
                value=move || at.get().map_or(0, |(n, _, _)| n - 1)
                aria-hidden="true"
            ></progress>
            <p class="counter">{move || at.get().map(|(n, of, _)| format!("Question {n} of {of}"))}</p>
            <button
                class="icon-button bookmark"
                type="button"
                aria-pressed=move || if bookmarked.get() { "true" } else { "false" }
                aria-label="Bookmark"
                title="Bookmark (B)"
                on:click=move |_| {
                    if let Some(id) = id() {
                        state.toggle_bookmark(&id);
                    }
                }
            >
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 4h10v16l-5-4-5 4z" /></svg>
            </button>
        </div>
    }
}

/// The bar fixed at the bottom of the screen, in the same place for every question: "I don't
/// know" and Check before an answer, the verdict and Continue after it.
#[component]
fn ActionBar() -> impl IntoView {
    let sitting = use_sitting();
    let finish = match sitting.kind() {
        SittingKind::Single(_) => "Done",
        _ => "See results",
    };
    let last = move || sitting.position.get().is_some_and(|(n, of, _)| n >= of);
    let continue_button = NodeRef::<html::Button>::new();
    // Once answered, the focus goes to Continue (in the bar, so the page does not move): Enter
    // or Space goes on, and screen readers hear the verdict from the live region.
    Effect::new(move |was: Option<bool>| {
        let is = sitting.answered.with(Option::is_some);
        if was == Some(false) && is {
            if let Some(button) = continue_button.get_untracked() {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = button.focus_with_options(&options);
            }
        }
        is
    });
    // An open question's key point count; None for multiple choice.
    let open_points = move || {
        sitting.position.get().and_then(|(_, _, item)| {
            let meta = &engine().bank().items[item];
            (meta.kind == Kind::Open).then_some(meta.options)
        })
    };
    let class = move || match sitting.answered.get() {
        None => "action-bar",
        Some(f) if f.correct => "action-bar good",
        Some(_) => "action-bar bad",
    };
    view! {
        <div class=class>
            <div class="action-bar-inner">
                <div class="verdict-box" role="status" aria-live="polite">
                    {move || (sitting.answered.with(Option::is_none) && sitting.revealed.get()).then(|| view! {
                        <p class="verdict-detail">"Tick each key point you made."</p>
                    })}
                    {move || sitting.answered.get().map(|f| {
                        let detail = f.detail();
                        view! {
                            <p class="verdict">
                                <svg class="verdict-icon" viewBox="0 0 24 24" aria-hidden="true">
                                    <path d=if f.correct { "M5 12.5l4.5 4.5L19 7.5" } else { "M7 7l10 10M17 7L7 17" } />
                                </svg>
                                {f.verdict()}
                            </p>
                            {(!detail.is_empty()).then(|| view! { <p class="verdict-detail">{detail}</p> })}
                        }
                    })}
                </div>
                <Show
                    when=move || sitting.answered.with(Option::is_some)
                    fallback=move || match (open_points(), sitting.revealed.get()) {
                        (Some(total), true) => view! {
                            <div class="bar-buttons">
                                <button class="button" type="button" on:click=move |_| sitting.confirm()>
                                    {move || format!("Confirm · {} of {total}", sitting.selected.with(Vec::len))}
                                    <span class="kbd-hint" aria-hidden="true">"Enter"</span>
                                </button>
                            </div>
                        }
                        .into_any(),
                        (Some(_), false) => view! {
                            <div class="bar-buttons">
                                <button class="button secondary" type="button" on:click=move |_| sitting.dont_know()>
                                    "I don't know"
                                </button>
                                <button class="button" type="button" on:click=move |_| sitting.reveal()>
                                    "Reveal"<span class="kbd-hint" aria-hidden="true">"Enter"</span>
                                </button>
                            </div>
                        }
                        .into_any(),
                        (None, _) => view! {
                            <div class="bar-buttons">
                                <button class="button secondary" type="button" on:click=move |_| sitting.dont_know()>
                                    "I don't know"
                                </button>
                                <button
                                    class="button"
                                    type="button"
                                    disabled=move || sitting.selected.with(Vec::is_empty)
                                    on:click=move |_| sitting.check()
                                >
                                    "Check"<span class="kbd-hint" aria-hidden="true">"Enter"</span>
                                </button>
                            </div>
                        }
                        .into_any(),
                    }
                >
                    <div class="bar-buttons">
                        <button class="button" type="button" node_ref=continue_button on:click=move |_| sitting.next()>
                            {move || if last() { finish } else { "Continue" }}
                            <span class="kbd-hint" aria-hidden="true">"Enter"</span>
                        </button>
                    </div>
                </Show>
            </div>
        </div>
    }
}
