//! The item model (catR's "model" step): each question's IRT parameters and
//! the three-parameter logistic response function with its information.

use serde::{Deserialize, Serialize};

use crate::{ItemMeta, Kind};

/// Discrimination `a` given to a question without an authored override. The
/// logistic metric is used (no 1.702 scaling), where a = 1 is a typical,
/// well-behaved multiple-choice item.
pub const DEFAULT_DISCRIMINATION: f64 = 1.0;

/// Logits between adjacent authored difficulty labels. With it, label 3 sits
/// at b = 0 (an average learner knows it half the time) and labels 1 and 5 at
/// b = ∓2.5: an average learner knows 92 % of the recall questions and 8 % of
/// the expert ones, before guessing.
pub const DIFFICULTY_STEP_LOGITS: f64 = 1.25;

/// Uncertainty (SD, logits) of a difficulty that comes from an authored
/// label rather than from calibration. A label is a bin 1.25 logits wide
/// (a uniform spread of SD 0.36 within it) and authors misplace questions
/// by about a label now and then, so the engine takes the mislabelling
/// model of the issue that specifies it: true b = mapped label + N(0, 0.5²).
/// See [`ItemParams::with_difficulty_sd`].
pub const LABEL_DIFFICULTY_SD: f64 = 0.5;

/// The largest standard error of a difficulty taken from content: beyond it the difficulty says
/// too little to be worth an override (a label alone is known to 0.5).
pub const MAX_DIFFICULTY_SD: f64 = 2.0;

/// Discrimination of one key point of an open question. Each point the learner ticks (or does
/// not) is one observation at the question's difficulty, but a weak one: the learner grades
/// themselves, and the points of one answer hang together (a learner who knows the topic covers
/// most of them), so a point carries about half of a multiple-choice answer's information at its
/// peak, and an answer of five points about two and a half multiple-choice answers' worth.
pub const OPEN_POINT_DISCRIMINATION: f64 = 0.6;

/// The floor of a key point's likelihood: the share of points a learner ticks without having
/// covered them. Learners credit themselves generously (by 10–20 % in studies of self-assessment),
/// so a tick counts like a right answer with this guessing floor: partly a generous tick.
pub const SELF_CREDIT_FLOOR: f64 = 0.15;

/// Overrides outside these ranges are treated as authoring mistakes and ignored.
const DISCRIMINATION_RANGE: (f64, f64) = (0.05, 4.0);
const DIFFICULTY_RANGE_LOGITS: (f64, f64) = (-6.0, 6.0);

/// How a learner's answer counts as evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// A correct answer (which may have been a lucky guess).
    Correct,
    /// A wrong answer (a guess that missed, or a misconception).
    Incorrect,
    /// "I don't know": incorrect, and known not to be a guess, so the
    /// guessing floor gives it no credit.
    DontKnow,
}

/// IRT parameters of one question: discrimination `a`, difficulty `b` (logits)
/// and guessing floor `c`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemParams {
    pub a: f64,
    pub b: f64,
    pub c: f64,
}

/// Difficulty `b` (logits) of an authored label: `b = 1.25 · (label − 3)`, so
/// labels 1–5 map to −2.5, −1.25, 0, 1.25, 2.5. Labels outside 1–5 are clamped.
pub fn label_difficulty(label: u8) -> f64 {
    (f64::from(label.clamp(1, 5)) - 3.0) * DIFFICULTY_STEP_LOGITS
}

/// Guessing floor `c`: the chance of a blind guess being right. 1/options for
/// single-answer, code-output and true/false questions; for a multi-answer
/// question a guess must hit the one right subset of the options, so
/// 1/(2^options − 1). Zero when the option count is missing; never above 1/2
/// (a one-option question is a content error, not a free point).
pub fn guessing(kind: Kind, options: u8) -> f64 {
    let options = if kind == Kind::TrueFalse && options == 0 {
        2
    } else {
        options
    };
    match (kind, options) {
        (Kind::Open, _) => SELF_CREDIT_FLOOR,
        (_, 0) => 0.0,
        (Kind::Multi, n) => (1.0 / ((1u64 << n.min(20)) - 1) as f64).min(0.5),
        (_, n) => (1.0 / f64::from(n)).min(0.5),
    }
}

/// Probabilities are kept this far inside (0, 1), so that no likelihood is
/// ever exactly 0 or 1 even at extreme logits, where f64 would round.
const PROBABILITY_MARGIN: f64 = f64::EPSILON;

fn open_unit(p: f64) -> f64 {
    p.clamp(PROBABILITY_MARGIN, 1.0 - PROBABILITY_MARGIN)
}

/// The logistic function σ(x) = 1 / (1 + e^(−x)), stable for any finite x
/// and kept strictly inside (0, 1).
pub fn logistic(x: f64) -> f64 {
    let p = if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    };
    open_unit(p)
}

impl ItemParams {
    /// Parameters of a question from its metadata: the authored overrides when
    /// present and sane, otherwise `a` = [`DEFAULT_DISCRIMINATION`] and `b` =
    /// [`label_difficulty`]; `c` = [`guessing`].
    pub fn from_meta(meta: &ItemMeta) -> Self {
        let a = meta
            .irt_a
            .map(f64::from)
            .filter(|a| (DISCRIMINATION_RANGE.0..=DISCRIMINATION_RANGE.1).contains(a))
            .unwrap_or(if meta.kind == Kind::Open {
                OPEN_POINT_DISCRIMINATION
            } else {
                DEFAULT_DISCRIMINATION
            });
        let b = meta
            .irt_b
            .map(f64::from)
            .filter(|b| (DIFFICULTY_RANGE_LOGITS.0..=DIFFICULTY_RANGE_LOGITS.1).contains(b))
            .unwrap_or_else(|| label_difficulty(meta.difficulty));
        ItemParams {
            a,
            b,
            c: guessing(meta.kind, meta.options),
        }
    }

    /// Whether [`ItemParams::from_meta`] takes the difficulty from an
    /// authored (and sane) `irt_b` rather than from the label.
    pub fn has_calibrated_difficulty(meta: &ItemMeta) -> bool {
        meta.irt_b
            .map(f64::from)
            .is_some_and(|b| (DIFFICULTY_RANGE_LOGITS.0..=DIFFICULTY_RANGE_LOGITS.1).contains(&b))
    }

    /// The standard error of a calibrated difficulty: the authored `irt_b_sd` when it is sane
    /// (0 to [`MAX_DIFFICULTY_SD`]), else 0 (exact).
    pub fn calibrated_difficulty_sd(meta: &ItemMeta) -> f64 {
        meta.irt_b_sd
            .map(f64::from)
            .filter(|sd| (0.0..=MAX_DIFFICULTY_SD).contains(sd))
            .unwrap_or(0.0)
    }

    /// The same item with its difficulty known only to within
    /// `b ~ N(b, sd²)`: averaging the response function over that
    /// uncertainty flattens it, which the probit approximation of the
    /// logistic-normal integral (MacKay 1992) expresses as a smaller slope,
    /// `a' = a / sqrt(1 + π a² sd² / 8)` (a = 1, sd = 0.5 → a' = 0.954).
    /// Each answer then counts for what it is worth when the difficulty is a
    /// label, so the standard error stays honest (the 95 % interval keeps
    /// its coverage) instead of shrinking as if every label were exact.
    pub fn with_difficulty_sd(self, sd: f64) -> Self {
        let spread = core::f64::consts::PI / 8.0 * sd * sd;
        ItemParams {
            a: self.a / (1.0 + spread * self.a * self.a).sqrt(),
            ..self
        }
    }

    /// Probability that a learner of ability `theta` knows the answer, without
    /// the guessing floor (the two-parameter logistic): `σ(a (θ − b))`.
    pub fn p_known(&self, theta: f64) -> f64 {
        logistic(self.a * (theta - self.b))
    }

    /// Probability of a correct answer, Birnbaum's three-parameter logistic
    /// model (Birnbaum 1968, in Lord & Novick, *Statistical Theories of Mental
    /// Test Scores*): `P(θ) = c + (1 − c) σ(a (θ − b))`.
    pub fn p_correct(&self, theta: f64) -> f64 {
        open_unit(self.c + (1.0 - self.c) * self.p_known(theta))
    }

    /// Fisher information of the item at `theta` (Lord 1980, *Applications of
    /// Item Response Theory*, eq. 5-19):
    /// `I(θ) = a² · (Q/P) · ((P − c) / (1 − c))²` with `Q = 1 − P`.
    pub fn information(&self, theta: f64) -> f64 {
        let p = self.p_correct(theta);
        let q = 1.0 - p;
        if p <= 0.0 || q <= 0.0 || self.c >= 1.0 {
            return 0.0;
        }
        let known = (p - self.c) / (1.0 - self.c);
        self.a * self.a * (q / p) * known * known
    }

    /// Likelihood of an outcome at `theta`. "I don't know" uses the model
    /// without the guessing floor: `1 − σ(a (θ − b))`.
    pub fn likelihood(&self, theta: f64, outcome: Outcome) -> f64 {
        match outcome {
            Outcome::Correct => self.p_correct(theta),
            Outcome::Incorrect => 1.0 - self.p_correct(theta),
            Outcome::DontKnow => 1.0 - self.p_known(theta),
        }
    }
}
