//! Readiness: a topic's ability put on a scale a person understands, always
//! with its interval and a named band.

use serde::{Deserialize, Serialize};

use crate::engine::{Engine, Progress};
use crate::estimate::Ability;
use crate::model::{logistic, DEFAULT_DISCRIMINATION};

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
