//! Readiness: a topic's ability put on a scale a person understands, always
//! with its interval and a named band.

use serde::{Deserialize, Serialize};

use crate::engine::{Engine, Progress};
use crate::estimate::Ability;
use crate::model::{logistic, ItemParams, DEFAULT_DISCRIMINATION, LABEL_DIFFICULTY_SD};

/// The widest 95 % range (`high − low`, score points) at which a readiness
/// counts as settled: narrow enough that the range sits within about one and
/// a half bands (bands are 20–25 points wide), so the band named is a
/// statement about the learner rather than about the lack of evidence.
pub const SETTLED_RANGE_POINTS: u8 = 30;

/// Answers-to-settle estimates are clamped to this many: beyond it the
/// honest message is "many more", and fifty answers is ten tests.
pub const MAX_ANSWERS_ESTIMATE: u32 = 50;

/// The success rate a well-targeted question aims at (a test's Target slot).
const TARGET_SUCCESS: f64 = 0.75;
/// The guessing floor of the typical question (four options).
const TYPICAL_GUESSING: f64 = 0.25;

/// A named readiness band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Band {
    /// Score below 40, or no answers yet.
    GettingStarted,
    /// Score 40–64.
    Building,
    /// Score 65–84.
    InterviewReady,
    /// Score 85 and above.
    Strong,
}

impl Band {
    /// The band of a score (0–100).
    pub fn of_score(score: u8) -> Band {
        match score {
            0..=39 => Band::GettingStarted,
            40..=64 => Band::Building,
            65..=84 => Band::InterviewReady,
            _ => Band::Strong,
        }
    }

    /// The name shown to the learner.
    pub fn label(self) -> &'static str {
        match self {
            Band::GettingStarted => "Getting started",
            Band::Building => "Building",
            Band::InterviewReady => "Interview-ready",
            Band::Strong => "Strong",
        }
    }
}

/// Readiness in one topic.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Readiness {
    /// Expected % of the topic's median question the learner knows.
    pub score: u8,
    /// The score at θ − 1.96·SE.
    pub low: u8,
    /// The score at θ + 1.96·SE.
    pub high: u8,
    pub band: Band,
    /// The estimate behind it.
    pub ability: Ability,
}

impl Readiness {
    /// Readiness for `ability` in a topic whose median question has
    /// difficulty `median_b`: `score = 100 · σ(a (θ − b_median))`, the chance
    /// of knowing (not guessing) a typical question of the topic, and the
    /// same at both ends of the 95 % interval `θ ± 1.96·SE`. With no answers
    /// the band is [`Band::GettingStarted`] whatever the prior says.
    pub fn from_ability(ability: Ability, median_b: f64) -> Self {
        let to_score = |theta: f64| {
            (100.0 * logistic(DEFAULT_DISCRIMINATION * (theta - median_b))).round() as u8
        };
        let (low, high) = ability.interval_95();
        let score = to_score(ability.theta);
        Readiness {
            score,
            low: to_score(low),
            high: to_score(high),
            band: if ability.answers == 0 {
                Band::GettingStarted
            } else {
                Band::of_score(score)
            },
            ability,
        }
    }
}

impl Readiness {
    /// Whether the 95 % range is at most [`SETTLED_RANGE_POINTS`] wide
    /// (`high − low ≤ 30`).
    pub fn is_settled(&self) -> bool {
        self.high.saturating_sub(self.low) <= SETTLED_RANGE_POINTS
    }

    /// About how many more answers in the topic would make it settled: 0
    /// when it is, otherwise within 1..=[`MAX_ANSWERS_ESTIMATE`].
    ///
    /// The posterior precision `1/SE²` grows by about the Fisher information
    /// of each answer, so `N = ceil((1/SE_t² − 1/SE²) / I)`, where
    /// - `SE_t` is the SE at which the range is 30 points at the current
    ///   estimate: `100 (σ(x + 1.96 SE_t) − σ(x − 1.96 SE_t)) = 30`, solved
    ///   by bisection, with `x = θ − b_median` read back from the score
    ///   (`logit(score / 100)`; exact to rounding, about ±0.02 logits in the
    ///   middle of the scale);
    /// - `I` is the information of a well-targeted question as the engine
    ///   sees it ([`per_answer_information`]), 0.135.
    ///
    /// The guessing floor is included because most questions have four
    /// options; forgetting (negligible over weeks) and imperfect targeting
    /// are not, so the figure is a little optimistic: the simulation
    /// realises about 0.11–0.12 per answer (mean SE 0.67 after 10 answers,
    /// 0.39 after 50). The range is narrower far from the topic's median
    /// question (the logistic flattens), so strong and weak learners settle
    /// sooner, as the estimate says.
    pub fn answers_to_settle(&self) -> u32 {
        if self.is_settled() {
            return 0;
        }
        let x = self.score_logit();
        let range = |se: f64| 100.0 * (logistic(x + 1.96 * se) - logistic(x - 1.96 * se));
        let target = f64::from(SETTLED_RANGE_POINTS);
        let (mut lo, mut hi) = (0.0f64, 10.0f64);
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if range(mid) > target {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        answers_to_reach_se(self.ability.se, lo)
    }

    /// About how many more answers would lift the low end of the range to
    /// `threshold` (a score) if the estimate stayed where it is: the SE at
    /// which `θ − 1.96 SE` scores `threshold − 0.5` (what rounds to it),
    /// reached as in [`Readiness::answers_to_settle`]. 0 when the low end is
    /// there; [`MAX_ANSWERS_ESTIMATE`] when the score itself is not above it.
    pub fn answers_to_confirm(&self, threshold: u8) -> u32 {
        if self.low >= threshold {
            return 0;
        }
        let bound = (f64::from(threshold) - 0.5) / 100.0;
        let margin = self.score_logit() - (bound / (1.0 - bound)).ln();
        if margin <= 0.0 {
            return MAX_ANSWERS_ESTIMATE;
        }
        answers_to_reach_se(self.ability.se, margin / 1.96)
    }

    /// `θ − b_median`, from the score.
    fn score_logit(&self) -> f64 {
        let p = (f64::from(self.score) / 100.0).clamp(0.005, 0.995);
        (p / (1.0 - p)).ln() / DEFAULT_DISCRIMINATION
    }
}

/// Fisher information of one well-targeted answer as the engine weighs it:
/// the three-parameter information `I = a'² (Q/P) ((P − c)/(1 − c))²`
/// (Lord 1980) at the target success `P = 0.75` of a four-option question
/// (`c = 1/4`), with the slope flattened for a label's uncertain difficulty,
/// `a' = a / sqrt(1 + π a² 0.5² / 8) = 0.954`: 0.135 (without the guessing
/// floor, `a'² P (1 − P)` would say 0.171).
pub fn per_answer_information() -> f64 {
    let params = ItemParams {
        a: DEFAULT_DISCRIMINATION,
        b: 0.0,
        c: TYPICAL_GUESSING,
    }
    .with_difficulty_sd(LABEL_DIFFICULTY_SD);
    let (p, c) = (TARGET_SUCCESS, params.c);
    let known = (p - c) / (1.0 - c);
    params.a * params.a * ((1.0 - p) / p) * known * known
}

/// `ceil((1/target² − 1/se²) / I)`, within 1..=[`MAX_ANSWERS_ESTIMATE`].
fn answers_to_reach_se(se: f64, target_se: f64) -> u32 {
    if target_se.is_nan() || target_se <= 0.0 || !se.is_finite() {
        return MAX_ANSWERS_ESTIMATE;
    }
    let needed =
        (1.0 / (target_se * target_se) - 1.0 / (se * se).max(1e-12)) / per_answer_information();
    needed.ceil().clamp(1.0, f64::from(MAX_ANSWERS_ESTIMATE)) as u32
}

impl Engine {
    /// Readiness in `topic` at `now_ms`.
    pub fn readiness(&self, progress: &Progress, topic: u16, now_ms: i64) -> Readiness {
        let median_b = self
            .topic_median_b
            .get(usize::from(topic))
            .copied()
            .unwrap_or(0.0);
        Readiness::from_ability(self.ability(progress, topic, now_ms), median_b)
    }
}
