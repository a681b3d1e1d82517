//! Grading a response against a question's options, with the counts that
//! feedback needs ("2 of 3 right, 1 wrong pick") and a partial-credit share.

use serde::{Deserialize, Serialize};

use crate::corpus::QuestionBody;
use crate::event::Response;

/// A graded response.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Graded {
    /// Exactly the correct options were chosen: what the log records and the
    /// ability estimate uses. All or nothing, for every kind.
    pub correct: bool,
    /// Partial credit in 0..=1: `max(0, right_picks − wrong_picks) / correct_total`.
    /// For feedback and scores only; the estimate never sees it (the IRT
    /// model is dichotomous). Subtracting wrong picks keeps "choose
    /// everything" from earning full credit (3 of 5 options correct, all 5
    /// chosen: 1/3), the usual right-minus-wrong rule for multiple-response
    /// items.
    pub credit: f32,
    /// Correct options chosen.
    pub right_picks: u8,
    /// Chosen indices that are not correct options (out-of-range ones
    /// included).
    pub wrong_picks: u8,
    /// Correct options not chosen.
    pub missed: u8,
    /// Correct options in the question.
    pub correct_total: u8,
}

/// Grades `response` against `body`'s options. Indices are content indices
/// (the order the options are written in, as [`Response::Chose`] stores
/// them), so the shuffled display order plays no part.
///
/// The same rule serves every kind: single-answer, true/false and
/// code-output questions have one correct option and multi-answer questions
/// several, and `correct` holds when the chosen set equals the correct set.
/// A repeated index counts once; an index with no option behind it is a
/// wrong pick (never a panic, never wrapped onto another option); an empty
/// choice, "I don't know", and any question without a correct option grade
/// as incorrect. "I don't know" earns no credit and misses every correct
/// option.
pub fn grade(body: &QuestionBody, response: &Response) -> Graded {
    if let Some(open) = &body.open {
        return grade_open(open.key_points_html.len(), response);
    }
    let correct_total = body.choices.iter().filter(|c| c.correct).count();
    let (mut right, mut wrong) = (0usize, 0usize);
    if let Response::Chose(picks) = response {
        let mut seen = [false; 256];
        for &pick in picks {
            if std::mem::replace(&mut seen[usize::from(pick)], true) {
                continue;
            }
            match body.choices.get(usize::from(pick)) {
                Some(choice) if choice.correct => right += 1,
                _ => wrong += 1,
            }
        }
    }
    let missed = correct_total - right;
    let credit = if correct_total == 0 {
        0.0
    } else {
        right.saturating_sub(wrong) as f32 / correct_total as f32
    };
    let to_u8 = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
    Graded {
        correct: correct_total > 0 && wrong == 0 && missed == 0,
        credit,
        right_picks: to_u8(right),
        wrong_picks: to_u8(wrong),
        missed: to_u8(missed),
        correct_total: to_u8(correct_total),
    }
}

/// An open answer counts as right (in the log, the streak of right answers and accuracy) when it
/// covered at least three quarters of the key points: 3 of 3 or 4, 4 of 5, 5 of 6. The estimate
/// does not use this flag for open answers; it sees every point.
pub fn open_counts_as_correct(covered: u8, total: u8) -> bool {
    total > 0 && 4 * u32::from(covered) >= 3 * u32::from(total)
}

/// Grades an open answer: each key point is an "option" that is correct, ticked ones are right
/// picks and the rest are missed. "I don't know" covers nothing.
fn grade_open(total: usize, response: &Response) -> Graded {
    let to_u8 = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
    let total = to_u8(total);
    let covered = response.covered(total).unwrap_or(0);
    Graded {
        correct: open_counts_as_correct(covered, total),
        credit: if total == 0 {
            0.0
        } else {
            f32::from(covered) / f32::from(total)
        },
        right_picks: covered,
        wrong_picks: 0,
        missed: total - covered,
        correct_total: total,
    }
}
