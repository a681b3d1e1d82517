//! The learner's progress as an append-only, versioned event log. Every piece
//! of learner state (abilities, review schedule, streaks, settings) is derived
//! from it by replay; nothing else is the truth.

use serde::{Deserialize, Serialize};

use crate::model::Outcome;
use crate::time::LocalDate;

/// The event schema version this engine writes and understands. Events with a
/// higher version (written by a newer app on another device) are kept in the
/// log and reported by replay, never applied or dropped.
pub const EVENT_VERSION: u16 = 1;

/// Unique id of an event, so that logs from two devices merge without
/// duplicates. The app draws it at random.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub u64);

/// Id of one sitting (a test, a daily challenge, a review round).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionId(pub u64);

/// One entry of the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Schema version of the writer ([`EVENT_VERSION`] for this engine).
    pub version: u16,
    pub id: EventId,
    /// When it happened, UTC milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// The learner's local date at that instant (streaks and review count in
    /// these, so a later time-zone change does not rewrite history).
    pub local_date: LocalDate,
    pub body: EventBody,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EventBody {
    /// The learner answered a question.
    Answered(Answer),
    /// The learner turned streak tracking on (`true`) or off (`false`).
    StreaksEnabled(bool),
    /// The learner bookmarked a question (`on: true`) or removed the bookmark. Kept for unknown
    /// ids too, like answers.
    Bookmarked { question: String, on: bool },
    /// The learner entered an unlock key the app verified: its text, exactly as accepted. The
    /// log keeps the key (never a flag), so a backup carries it and every start verifies it
    /// again; the latest one counts.
    KeyEntered { key: String },
}

/// Where an answer was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    /// A 5-question adaptive test.
    Test,
    /// The daily challenge.
    Daily,
    /// A spaced-review round.
    Review,
}

/// What the learner chose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    /// Indices of the chosen options, in the order shown in the content.
    Chose(Vec<u8>),
    /// "I don't know".
    DontKnow,
    /// An open question answered: the indices of the key points the learner says they covered
    /// (any order; an index past the last point counts for nothing).
    Covered(Vec<u8>),
}

impl Response {
    /// How many of `total` key points an open answer covered: distinct indices below `total`.
    /// `None` for any other response.
    pub fn covered(&self, total: u8) -> Option<u8> {
        let Response::Covered(points) = self else {
            return None;
        };
        let mut seen = [false; 256];
        let mut count = 0u8;
        for &p in points {
            if p < total && !std::mem::replace(&mut seen[usize::from(p)], true) {
                count += 1;
            }
        }
        Some(count)
    }
}

/// One answered question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// Stable question id ([`crate::ItemMeta::id`]).
    pub question: String,
    pub response: Response,
    /// Graded by the app against the question's text.
    pub correct: bool,
    pub time_taken_ms: u32,
    pub mode: Mode,
    pub session: SessionId,
}

impl Answer {
    /// The answer as evidence. "I don't know" is never correct, whatever the
    /// `correct` flag says.
    pub fn outcome(&self) -> Outcome {
        match (&self.response, self.correct) {
            (Response::DontKnow, _) => Outcome::DontKnow,
            (Response::Chose(_) | Response::Covered(_), true) => Outcome::Correct,
            (Response::Chose(_) | Response::Covered(_), false) => Outcome::Incorrect,
        }
    }
}

impl Event {
    /// An answer event of the current version.
    pub fn answered(id: EventId, at_ms: i64, local_date: LocalDate, answer: Answer) -> Self {
        Event {
            version: EVENT_VERSION,
            id,
            at_ms,
            local_date,
            body: EventBody::Answered(answer),
        }
    }
}

/// Merges two logs (e.g. an imported backup into the local one): the union by
/// event id, ordered by time and then id, so that both devices derive the same
/// state. When both hold an id, `ours` is kept.
pub fn merge_logs(ours: &[Event], theirs: &[Event]) -> Vec<Event> {
    let mut seen = std::collections::BTreeSet::new();
    let mut merged: Vec<Event> = ours
        .iter()
        .chain(theirs)
        .filter(|event| seen.insert(event.id))
        .cloned()
        .collect();
    sort_events(&mut merged);
    merged
}

/// Puts events in the order they happened (ties, from one millisecond, by id): the order
/// replay and every listing use.
pub fn sort_events(events: &mut Vec<Event>) {
    crate::order::sort_by_key(events, |event| (event.at_ms, event.id));
}
