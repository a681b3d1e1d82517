//! The rules of an open (interview-mode) question: a model answer a strong candidate would give
//! in about two minutes, the key points an interviewer listens for, follow-ups, pitfalls and a
//! suggested time (`../shared/CONTENT.md`, "Open questions").

use toml::Spanned;

use crate::diagnostic::{Diagnostics, SourceFile};
use crate::model::Open;

/// The longest model answer, in words: about two minutes spoken.
pub const MODEL_ANSWER_MAX_WORDS: usize = 250;
/// How many key points an open question has.
pub const KEY_POINTS: std::ops::RangeInclusive<usize> = 3..=6;
/// The most follow-ups and pitfalls.
pub const MAX_FOLLOW_UPS: usize = 3;
pub const MAX_PITFALLS: usize = 4;
/// A key point fits one line of a phone's checklist at two lines' wrap at most.
pub const KEY_POINT_MAX_CHARS: usize = 160;
/// The range of a suggested time, in seconds.
pub const SECONDS: std::ops::RangeInclusive<i64> = 30..=900;

/// The suggested time when none is written: about 60–90 s to explain (level 2), 120 s to apply,
/// 180 s to analyse, 240 s for an expert answer.
pub fn default_seconds(difficulty: u8) -> u16 {
    match difficulty {
        0..=1 => 60,
        2 => 90,
        3 => 120,
        4 => 180,
        _ => 240,
    }
}

/// The raw fields, as the question table holds them.
pub struct RawOpen<'a> {
    pub model_answer: Option<&'a Spanned<String>>,
    pub key_points: Option<&'a Spanned<Vec<String>>>,
    pub follow_ups: Option<&'a Spanned<Vec<String>>>,
    pub pitfalls: Option<&'a Spanned<Vec<String>>>,
    pub time_seconds: Option<&'a Spanned<i64>>,
}

impl RawOpen<'_> {
    /// The names of the open-only fields that are present (for a question of another kind).
    pub fn present(&self) -> Vec<&'static str> {
        [
            ("model_answer", self.model_answer.is_some()),
            ("key_points", self.key_points.is_some()),
            ("follow_ups", self.follow_ups.is_some()),
            ("pitfalls", self.pitfalls.is_some()),
            ("time_seconds", self.time_seconds.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect()
    }
}

/// Validates the open parts of question `id` (whose table starts at `at_start`), reporting
/// every problem; returns them with defaults filled in.
pub fn validate(
    file: &SourceFile,
    raw: &RawOpen,
    id: &str,
    difficulty: u8,
    at_start: usize,
    diags: &mut Diagnostics,
) -> (String, Open) {
    let at = file.at(at_start);
    let model_answer = match raw.model_answer {
        None => {
            diags.error_with_hint(
                &at,
                format!("{id}: open question has no `model_answer`"),
                format!(
                    "write what a strong candidate would say, at most {MODEL_ANSWER_MAX_WORDS} words"
                ),
            );
            String::new()
        }
        Some(text) => {
            let answer = text.get_ref().trim().to_string();
            let words = answer.split_whitespace().count();
            if words == 0 {
                diags.error(
                    &file.at(text.span().start),
                    format!("{id}: model_answer is empty"),
                );
            } else if words > MODEL_ANSWER_MAX_WORDS {
                diags.error_with_hint(
                    &file.at(text.span().start),
                    format!(
                        "{id}: model_answer is {words} words; at most {MODEL_ANSWER_MAX_WORDS}"
                    ),
                    "about two minutes spoken: keep what earns a key point, cut the rest",
                );
            }
            answer
        }
    };
    let key_points = match raw.key_points {
        None => {
            diags.error_with_hint(
                &at,
                format!("{id}: open question has no `key_points`"),
                "key_points = [\"…\", …]: 3 to 6 one-line points an interviewer listens for",
            );
            Vec::new()
        }
        Some(points) => {
            let here = file.at(points.span().start);
            let n = points.get_ref().len();
            if !KEY_POINTS.contains(&n) {
                diags.error_with_hint(
                    &here,
                    format!("{id}: {n} key points; an open question has 3 to 6"),
                    "one line each, what an interviewer listens for; merge or split to fit",
                );
            }
            lines(file, points, id, "key point", KEY_POINT_MAX_CHARS, diags)
        }
    };
    let follow_ups = capped_lines(
        file,
        raw.follow_ups,
        (id, "follow-up", MAX_FOLLOW_UPS),
        "keep the ones an interviewer would most likely ask next",
        diags,
    );
    let pitfalls = capped_lines(
        file,
        raw.pitfalls,
        (id, "pitfall", MAX_PITFALLS),
        "keep the claims that most often sound right and are wrong",
        diags,
    );
    let seconds = match raw.time_seconds {
        None => default_seconds(difficulty),
        Some(s) => {
            let value = *s.get_ref();
            if !SECONDS.contains(&value) {
                diags.error_with_hint(
                    &file.at(s.span().start),
                    format!("{id}: time_seconds = {value} is out of range"),
                    format!(
                        "{} to {} seconds; leave it out for the default of the level ({} s here)",
                        SECONDS.start(),
                        SECONDS.end(),
                        default_seconds(difficulty)
                    ),
                );
            }
            value.clamp(*SECONDS.start(), *SECONDS.end()) as u16
        }
    };
    (
        model_answer,
        Open {
            key_points,
            follow_ups,
            pitfalls,
            seconds,
        },
    )
}

/// An optional list of at most `max` one-line entries (follow-ups, pitfalls): none when absent.
fn capped_lines(
    file: &SourceFile,
    list: Option<&Spanned<Vec<String>>>,
    (id, what, max): (&str, &str, usize),
    hint: &str,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let Some(list) = list else {
        return Vec::new();
    };
    let n = list.get_ref().len();
    if n > max {
        diags.error_with_hint(
            &file.at(list.span().start),
            format!("{id}: {n} {what}s; at most {max}"),
            hint,
        );
    }
    lines(file, list, id, what, usize::MAX, diags)
}

/// Trimmed one-line entries of a list: none empty, none on several lines, none longer than `max`.
fn lines(
    file: &SourceFile,
    list: &Spanned<Vec<String>>,
    id: &str,
    what: &str,
    max: usize,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let here = file.at(list.span().start);
    let mut out = Vec::new();
    for (i, entry) in list.get_ref().iter().enumerate() {
        let text = entry.trim();
        let n = i + 1;
        if text.is_empty() {
            diags.error(&here, format!("{id}: {what} {n} is empty"));
        } else if text.contains('\n') {
            diags.error_with_hint(
                &here,
                format!("{id}: {what} {n} runs over several lines"),
                "one line each: a learner ticks it at a glance",
            );
        } else if text.chars().count() > max {
            diags.error_with_hint(
                &here,
                format!(
                    "{id}: {what} {n} is {} characters; at most {max}",
                    text.chars().count()
                ),
                "one checkable idea; split a compound point in two",
            );
        }
        out.push(text.to_string());
    }
    out
}
