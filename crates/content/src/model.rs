//! The validated corpus: what the rest of the compiler (render, stats, export) works on.
//! Every value here passed the checks in `load`; Markdown is still source text.

use std::collections::HashSet;

use engine::{Kind, Reference};

use crate::diagnostic::{Diagnostic, Location};

#[derive(Clone, Debug)]
pub struct Corpus {
    /// Topics in display order.
    pub topics: Vec<Topic>,
    /// Questions in topic, then subtopic, then file order.
    pub questions: Vec<Question>,
    /// Role tracks, in the order of `tracks.toml`.
    pub tracks: Vec<Track>,
    /// What `load` found worth saying that does not stop a build, sorted by file and line.
    pub warnings: Vec<Diagnostic>,
}

/// What `load` saw while reading, even where a question failed validation, so that one broken
/// question is reported once and not again as a "missing" id or an empty subtopic. It lives here,
/// not in `load`, because the corpus-wide rules in `checks` read it too: `load` calls `checks`,
/// and `checks` depends only on the model.
#[derive(Default)]
pub struct Seen {
    /// Every id written in a question table.
    pub ids: HashSet<String>,
    /// False when a file could not be parsed at all (its ids are unknown).
    pub complete: bool,
    /// Every topic folder's slug, loaded or not, so that a track naming a topic whose
    /// `topic.toml` is broken is not also told the topic is unknown.
    pub topic_folders: HashSet<String>,
}

#[derive(Clone, Debug)]
pub struct Topic {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub order: i64,
    pub free: bool,
    /// How many of its questions are free to try when the topic is not free in full.
    pub free_sample: usize,
    pub id_prefix: String,
    /// SVG path data (24×24, stroked): only path-data characters, at most [`ICON_MAX_CHARS`].
    pub icon: String,
    /// One of [`engine::TONES`].
    pub tone: String,
    pub subtopics: Vec<Subtopic>,
}

/// A role and the topics its interviews ask about (`tracks.toml`).
#[derive(Clone, Debug)]
pub struct Track {
    pub slug: String,
    pub title: String,
    pub description: String,
    /// In file order, each topic once.
    pub topics: Vec<TrackTopic>,
}

#[derive(Clone, Debug)]
pub struct TrackTopic {
    /// Index into [`Corpus::topics`].
    pub topic: usize,
    /// 1 (touched on) to 3 (core for the role).
    pub weight: u8,
}

#[derive(Clone, Debug)]
pub struct Subtopic {
    pub slug: String,
    pub title: String,
    pub description: String,
}

#[derive(Clone, Debug)]
pub struct Question {
    pub id: String,
    /// Index into [`Corpus::topics`].
    pub topic: usize,
    /// Index into that topic's subtopics.
    pub subtopic: usize,
    pub kind: Kind,
    pub difficulty: u8,
    pub tags: Vec<String>,
    pub prompt: String,
    pub code: Option<Code>,
    pub explanation: String,
    /// Further reading; every `url` is an http(s) address.
    pub references: Vec<Reference>,
    pub free: bool,
    pub irt_a: Option<f32>,
    pub irt_b: Option<f32>,
    /// The standard error of `irt_b` (logits); `None` means exact.
    pub irt_b_sd: Option<f32>,
    /// The options as authored; true/false questions get "True" and "False".
    pub choices: Vec<Choice>,
    /// The parts only an open question has (its model answer is `explanation`).
    pub open: Option<Open>,
    /// The month its version-, vendor- or date-dependent facts were checked (`as_of`).
    pub as_of: Option<crate::dated::YearMonth>,
    pub location: Location,
}

/// What an open (interview-mode) question has besides a prompt and its model answer.
#[derive(Clone, Debug)]
pub struct Open {
    /// 3–6 one-line points, Markdown.
    pub key_points: Vec<String>,
    pub follow_ups: Vec<String>,
    pub pitfalls: Vec<String>,
    /// Suggested time to answer out loud.
    pub seconds: u16,
}

/// The longest icon path accepted: enough for a clear 24×24 drawing, small in the index.
pub const ICON_MAX_CHARS: usize = 600;

/// Characters of code that fit one line on a phone: at a 360 px screen a code block is about
/// 300 px wide, about 44 monospace characters at 12 px. Longer lines are warned about (the app
/// wraps them with a marker, which reads worse than a line written short).
pub const PHONE_CODE_COLUMNS: usize = 44;

#[derive(Clone, Debug)]
pub struct Code {
    pub lang: String,
    pub text: String,
}

impl Code {
    /// (0-based line, width in characters) of each line wider than [`PHONE_CODE_COLUMNS`].
    pub fn lines_over_phone_width(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.text
            .lines()
            .map(|line| line.chars().count())
            .enumerate()
            .filter(|&(_, width)| width > PHONE_CODE_COLUMNS)
    }
}

#[derive(Clone, Debug)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    /// Required for distractors; optional for correct options.
    pub why: String,
}

impl Question {
    pub fn correct_choices(&self) -> impl Iterator<Item = &Choice> {
        self.choices.iter().filter(|c| c.correct)
    }

    pub fn distractors(&self) -> impl Iterator<Item = &Choice> {
        self.choices.iter().filter(|c| !c.correct)
    }
}
