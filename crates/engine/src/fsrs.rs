//! Spaced review with FSRS-6, the Free Spaced Repetition Scheduler (Ye, Su &
//! Cao, "A Stochastic Shortest Path Algorithm for Optimizing Spaced Repetition
//! Scheduling", KDD 2022; Su, Ye et al., "Optimizing Spaced Repetition Schedule
//! by Capturing the Dynamics of Memory", IEEE TKDE 2023). The formulas and the
//! default parameters follow the reference implementation, fsrs-rs 6.x
//! (`model.rs`, `inference.rs`); the tests pin its published vectors. It is
//! re-implemented here because fsrs-rs pulls in the `burn` training stack and
//! rs-fsrs pulls in `chrono` and implements an older version.

use serde::{Deserialize, Serialize};

use crate::model::Outcome;
use crate::time::LocalDate;

/// FSRS-6 default parameters w0…w20 (fsrs-rs `DEFAULT_PARAMETERS`).
pub const FSRS6_DEFAULT_PARAMETERS: [f64; 21] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

/// Probability of recall the schedule aims for when a question comes due.
pub const DESIRED_RETENTION: f64 = 0.9;
/// Longest interval the scheduler will give (100 years, as fsrs-rs).
pub const MAXIMUM_INTERVAL_DAYS: u32 = 36_500;

const STABILITY_RANGE_DAYS: (f64, f64) = (0.001, 36_500.0);
const DIFFICULTY_RANGE: (f64, f64) = (1.0, 10.0);

/// A correct answer given after this long was effortful: graded Hard.
pub const HARD_AFTER_MS: u32 = 45_000;
/// A correct answer given within this long was effortless: graded Easy.
pub const EASY_WITHIN_MS: u32 = 8_000;

/// How well an answer was recalled, FSRS's four grades.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// Forgotten: a wrong answer or "I don't know".
    Again,
    /// Recalled with effort: correct but slow.
    Hard,
    /// Recalled: correct.
    Good,
    /// Recalled at once: correct and quick.
    Easy,
}

impl Grade {
    /// The grade of an answer: wrong or "I don't know" → Again; correct after
    /// more than [`HARD_AFTER_MS`] → Hard; correct within [`EASY_WITHIN_MS`] →
    /// Easy; any other correct answer → Good.
    pub fn from_answer(outcome: Outcome, time_taken_ms: u32) -> Grade {
        match outcome {
            Outcome::Incorrect | Outcome::DontKnow => Grade::Again,
            Outcome::Correct if time_taken_ms > HARD_AFTER_MS => Grade::Hard,
            Outcome::Correct if time_taken_ms <= EASY_WITHIN_MS => Grade::Easy,
            Outcome::Correct => Grade::Good,
        }
    }

    /// The grade of an open answer from the share of key points covered: all → Good, at
    /// least half → Hard, fewer → Again. Never Easy: a self-graded answer out loud says nothing
    /// of how fluent it was.
    pub fn from_points(covered: u8, total: u8) -> Grade {
        if total == 0 || 2 * u32::from(covered) < u32::from(total) {
            Grade::Again
        } else if covered < total {
            Grade::Hard
        } else {
            Grade::Good
        }
    }

    /// FSRS's numeric rating G (1 = Again … 4 = Easy), used only in formulas.
    fn rating(self) -> f64 {
        match self {
            Grade::Again => 1.0,
            Grade::Hard => 2.0,
            Grade::Good => 3.0,
            Grade::Easy => 4.0,
        }
    }
}

/// FSRS's memory state of one question: stability S (days until recall
/// probability falls to 90 %) and difficulty D (1–10).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemoryState {
    pub stability_days: f64,
    pub difficulty: f64,
}

/// The scheduler's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FsrsParams {
    /// w0…w20.
    pub w: [f64; 21],
    pub desired_retention: f64,
    pub maximum_interval_days: u32,
}

impl Default for FsrsParams {
    fn default() -> Self {
        FsrsParams {
            w: FSRS6_DEFAULT_PARAMETERS,
            desired_retention: DESIRED_RETENTION,
            maximum_interval_days: MAXIMUM_INTERVAL_DAYS,
        }
    }
}

impl FsrsParams {
    fn decay(&self) -> f64 {
        -self.w[20]
    }

    /// `factor = 0.9^(1/decay) − 1`, so that R(S, S) = 0.9.
    fn factor(&self) -> f64 {
        0.9f64.powf(1.0 / self.decay()) - 1.0
    }

    /// Probability of recall after `days_elapsed` (FSRS-6 power forgetting
    /// curve): `R(t, S) = (1 + factor · t / S)^decay`, decay = −w20.
    pub fn retrievability(&self, state: MemoryState, days_elapsed: f64) -> f64 {
        let s = state.stability_days.max(STABILITY_RANGE_DAYS.0);
        (1.0 + self.factor() * days_elapsed.max(0.0) / s).powf(self.decay())
    }

    /// The interval (unrounded days) after which recall falls to `retention`:
    /// `I = S / factor · (retention^(1/decay) − 1)`.
    pub fn interval_for(&self, stability_days: f64, retention: f64) -> f64 {
        stability_days / self.factor() * (retention.powf(1.0 / self.decay()) - 1.0)
    }

    /// The scheduled interval in whole days: [`Self::interval_for`] at the
    /// desired retention, rounded and kept within 1…maximum.
    pub fn interval_days(&self, stability_days: f64) -> u32 {
        let days = self
            .interval_for(stability_days, self.desired_retention)
            .round();
        if days.is_nan() {
            return 1;
        }
        days.clamp(1.0, f64::from(self.maximum_interval_days.max(1))) as u32
    }

    /// Initial stability S0(G) = w[G−1].
    fn init_stability(&self, grade: Grade) -> f64 {
        self.w[grade.rating() as usize - 1]
    }

    /// Initial difficulty D0(G) = w4 − e^(w5 (G − 1)) + 1.
    fn init_difficulty(&self, grade: Grade) -> f64 {
        self.w[4] - (self.w[5] * (grade.rating() - 1.0)).exp() + 1.0
    }

    /// The memory state after a review graded `grade`, `days_elapsed` after
    /// the previous one (`None` for a question never reviewed). fsrs-rs `step`:
    /// - first review: S = S0(G), D = clamp(D0(G), 1, 10);
    /// - same day (t = 0): S' = S · e^(w17 (G − 3 + w18)) · S^(−w19), not below
    ///   S when G ≥ 2;
    /// - recalled: S' = S · (e^w8 · (11 − D) · S^(−w9) · (e^(w10 (1 − R)) − 1)
    ///   · [w15 if Hard] · [w16 if Easy] + 1);
    /// - forgotten: S' = min(w11 · D^(−w12) · ((S + 1)^w13 − 1) · e^(w14 (1 − R)),
    ///   S / e^(w17 w18));
    /// - D' = D − w6 (G − 3) · (10 − D) / 9, then mean-reverted:
    ///   D'' = w7 · D0(Easy) + (1 − w7) · D', clamped to 1…10.
    pub fn next_state(
        &self,
        previous: Option<MemoryState>,
        days_elapsed: u32,
        grade: Grade,
    ) -> MemoryState {
        let w = &self.w;
        let Some(previous) = previous else {
            return MemoryState {
                stability_days: clamp_stability(self.init_stability(grade)),
                difficulty: clamp_difficulty(self.init_difficulty(grade)),
            };
        };
        let s = clamp_stability(previous.stability_days);
        let d = clamp_difficulty(previous.difficulty);
        let g = grade.rating();
        let t = f64::from(days_elapsed);
        let r = self.retrievability(
            MemoryState {
                stability_days: s,
                difficulty: d,
            },
            t,
        );
        let new_s = if days_elapsed == 0 {
            let sinc = (w[17] * (g - 3.0 + w[18])).exp() * s.powf(-w[19]);
            s * if g >= 2.0 { sinc.max(1.0) } else { sinc }
        } else if grade == Grade::Again {
            let forgotten =
                w[11] * d.powf(-w[12]) * ((s + 1.0).powf(w[13]) - 1.0) * ((1.0 - r) * w[14]).exp();
            forgotten.min(s / (w[17] * w[18]).exp())
        } else {
            let hard_penalty = if grade == Grade::Hard { w[15] } else { 1.0 };
            let easy_bonus = if grade == Grade::Easy { w[16] } else { 1.0 };
            s * (w[8].exp()
                * (11.0 - d)
                * s.powf(-w[9])
                * (((1.0 - r) * w[10]).exp() - 1.0)
                * hard_penalty
                * easy_bonus
                + 1.0)
        };
        let damped = d - w[6] * (g - 3.0) * (10.0 - d) / 9.0;
        let reverted = w[7] * self.init_difficulty(Grade::Easy) + (1.0 - w[7]) * damped;
        MemoryState {
            stability_days: clamp_stability(new_s),
            difficulty: clamp_difficulty(reverted),
        }
    }
}

fn clamp_stability(s: f64) -> f64 {
    if s.is_nan() {
        return STABILITY_RANGE_DAYS.0;
    }
    s.clamp(STABILITY_RANGE_DAYS.0, STABILITY_RANGE_DAYS.1)
}

fn clamp_difficulty(d: f64) -> f64 {
    if d.is_nan() {
        return DIFFICULTY_RANGE.0;
    }
    d.clamp(DIFFICULTY_RANGE.0, DIFFICULTY_RANGE.1)
}

/// The review schedule of one answered question.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub memory: MemoryState,
    /// Local date of the latest answer.
    pub last_review: LocalDate,
    /// First local date on which the question is due again.
    pub due: LocalDate,
    /// Answers so far.
    pub reviews: u32,
    /// Answers graded Again after the first.
    pub lapses: u32,
}

impl Card {
    /// The card after an answer graded `grade` on local date `on`; `card` is
    /// `None` for a question answered for the first time. Dates earlier than
    /// the last review (a merged log, a time-zone change) count as the same day.
    pub fn review(params: &FsrsParams, card: Option<&Card>, grade: Grade, on: LocalDate) -> Card {
        let (previous, days_elapsed, reviews, lapses, last) = match card {
            None => (None, 0, 0, 0, on),
            Some(card) => {
                let elapsed = card.last_review.days_until(on).max(0) as u32;
                let lapse = u32::from(grade == Grade::Again);
                (
                    Some(card.memory),
                    elapsed,
                    card.reviews,
                    card.lapses + lapse,
                    if on > card.last_review {
                        on
                    } else {
                        card.last_review
                    },
                )
            }
        };
        let memory = params.next_state(previous, days_elapsed, grade);
        let interval = params.interval_days(memory.stability_days);
        Card {
            memory,
            last_review: last,
            due: last.add_days(interval.min(i32::MAX as u32) as i32),
            reviews: reviews.saturating_add(1),
            lapses,
        }
    }

    /// Probability of recall on local date `today`.
    pub fn retrievability(&self, params: &FsrsParams, today: LocalDate) -> f64 {
        let elapsed = self.last_review.days_until(today).max(0);
        params.retrievability(self.memory, f64::from(elapsed))
    }
}
