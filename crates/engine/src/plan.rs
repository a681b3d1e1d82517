//! A study plan towards an interview: which topics to work on first, what
//! the engine can honestly say about each, and a daily goal.

use serde::{Deserialize, Serialize};

use crate::engine::{Engine, Progress};
use crate::readiness::Readiness;
use crate::time::LocalDate;

/// The score at which the Interview-ready band begins.
pub const INTERVIEW_READY_SCORE: u8 = 65;
/// The daily goal suggested when there is no interview date (or it has
/// passed): two tests a day.
pub const DEFAULT_DAILY_GOAL: u32 = 10;
/// Bounds of a suggested daily goal: at least one test, at most eight.
pub const DAILY_GOAL_RANGE: (u32, u32) = (5, 40);

/// What the engine can say about reaching Interview-ready in one topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Forecast {
    /// The low end of the 95 % range is already at 65 or above.
    Ready,
    /// About this many more answers before the engine can tell: the range
    /// is wider than 30 points ([`Readiness::answers_to_settle`]), or the
    /// score is at 65 or above with the range reaching below it
    /// ([`Readiness::answers_to_confirm`]).
    NeedsAnswers(u32),
    /// Settled below 65 by this many points. The model measures ability and
    /// does not model learning (θ is fixed between answers, apart from
    /// forgetting), so it cannot say how many answers close a gap: that
    /// depends on study between answers. No answer count is promised.
    Gap(u8),
}

/// One topic of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Focus {
    pub topic: u16,
    /// How much the learner's interview needs it (as given, 1–255).
    pub weight: u8,
    /// Points from the score to [`INTERVIEW_READY_SCORE`] (0 at or above it).
    pub gap: u8,
    pub readiness: Readiness,
    pub forecast: Forecast,
}

/// A plan: days left, a suggested daily goal and the topics in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Days to practise before the interview, today included (interview
    /// today: 1, tomorrow: 2); `Some(0)` when the date has passed; `None`
    /// without a date.
    pub days_left: Option<i32>,
    /// The interview date is before today.
    pub interview_passed: bool,
    /// Answers a day (see [`Engine::plan`]).
    pub suggested_daily_goal: u32,
    /// Weighted topics, most urgent first.
    pub focus: Vec<Focus>,
}

impl Focus {
    /// The answers this topic asks for before the interview: a
    /// [`Forecast::NeedsAnswers`] count as is; for a [`Forecast::Gap`], one
    /// answer per point of gap, a rule of thumb for practice (a test per
    /// five points), not a forecast from the model; none once ready.
    pub fn answers_wanted(&self) -> u32 {
        match self.forecast {
            Forecast::Ready => 0,
            Forecast::NeedsAnswers(n) => n,
            Forecast::Gap(points) => u32::from(points),
        }
    }
}

impl Engine {
    /// The plan for the topics in `weights` (`(topic, weight)`; weight 0,
    /// topics not in the bank and repeats after the first are left out), on
    /// local date `today`, for an interview on `interview` if known.
    ///
    /// Each topic's forecast: [`Forecast::Ready`] when the range's low end
    /// is at least 65; [`Forecast::NeedsAnswers`] while it is not settled
    /// ([`Readiness::is_settled`]) or when the score is at least 65 but the
    /// low end is not; otherwise [`Forecast::Gap`].
    ///
    /// Order: largest `weight × gap` first, then by topic, so a topic the
    /// interview needs most and the learner is furthest from comes first
    /// (an unanswered topic of weight 3 scores its prior, about 50, and
    /// comes early).
    ///
    /// Suggested daily goal: the answers every focus topic wants
    /// ([`Focus::answers_wanted`]) spread over the days left,
    /// `ceil(Σ wanted / days_left)`, rounded up to a multiple of 5 and
    /// clamped to 5–40; [`DEFAULT_DAILY_GOAL`] (10) with no date or a date
    /// that has passed.
    pub fn plan(
        &self,
        progress: &Progress,
        weights: &[(u16, u8)],
        today: LocalDate,
        interview: Option<LocalDate>,
        now_ms: i64,
    ) -> Plan {
        let mut seen: Vec<u16> = Vec::new();
        let mut focus: Vec<Focus> = Vec::new();
        for &(topic, weight) in weights {
            if weight == 0 || usize::from(topic) >= self.topic_items.len() || seen.contains(&topic)
            {
                continue;
            }
            seen.push(topic);
            let readiness = self.readiness(progress, topic, now_ms);
            let gap = INTERVIEW_READY_SCORE.saturating_sub(readiness.score);
            let forecast = if readiness.low >= INTERVIEW_READY_SCORE {
                Forecast::Ready
            } else if !readiness.is_settled() {
                Forecast::NeedsAnswers(readiness.answers_to_settle())
            } else if gap == 0 {
                Forecast::NeedsAnswers(readiness.answers_to_confirm(INTERVIEW_READY_SCORE))
            } else {
                Forecast::Gap(gap)
            };
            focus.push(Focus {
                topic,
                weight,
                gap,
                readiness,
                forecast,
            });
        }
        crate::order::sort_by(&mut focus, |x, y| {
            let urgency = |f: &Focus| u32::from(f.weight) * u32::from(f.gap);
            urgency(y).cmp(&urgency(x)).then(x.topic.cmp(&y.topic))
        });

        let days_left = interview.map(|date| today.days_until(date).saturating_add(1).max(0));
        let interview_passed = interview.is_some_and(|date| date < today);
        let suggested_daily_goal = match days_left {
            Some(days) if days > 0 => {
                let wanted: u32 = focus.iter().map(Focus::answers_wanted).sum();
                let per_day = wanted.div_ceil(days as u32);
                per_day
                    .div_ceil(5)
                    .saturating_mul(5)
                    .clamp(DAILY_GOAL_RANGE.0, DAILY_GOAL_RANGE.1)
            }
            _ => DEFAULT_DAILY_GOAL,
        };
        Plan {
            days_left,
            interview_passed,
            suggested_daily_goal,
            focus,
        }
    }
}

/// Readiness over a role track: the topics' readiness averaged by weight.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackReadiness {
    /// `Σ wₜ scoreₜ / Σ wₜ` over the track's topics.
    pub score: u8,
    /// The same weighted mean of each topic's 95 % bounds: wider than the interval of the
    /// weighted mean itself (which would shrink with independent topics), so it never claims
    /// more certainty than the topics have.
    pub low: u8,
    pub high: u8,
    pub band: crate::readiness::Band,
    /// Whether every topic the track weighs 2 or 3 (asked often or core) is settled
    /// ([`Readiness::is_settled`]): before that the figure is mostly the prior.
    pub settled: bool,
    /// Answers until it is: the sum of those topics' [`Readiness::answers_to_settle`].
    pub answers_to_settle: u32,
}

impl Engine {
    /// Readiness over the topics `weights` names (topic, weight 1–3), at `now_ms`; `None` for
    /// a track with no topic of positive weight in this bank.
    pub fn track_readiness(
        &self,
        progress: &Progress,
        weights: &[(u16, u8)],
        now_ms: i64,
    ) -> Option<TrackReadiness> {
        let (mut total, mut score, mut low, mut high) = (0u32, 0u32, 0u32, 0u32);
        let (mut settled, mut answers_to_settle) = (true, 0u32);
        for &(topic, weight) in weights {
            if weight == 0 || usize::from(topic) >= self.bank.topics.len() {
                continue;
            }
            let r = self.readiness(progress, topic, now_ms);
            let w = u32::from(weight);
            total += w;
            score += w * u32::from(r.score);
            low += w * u32::from(r.low);
            high += w * u32::from(r.high);
            if weight >= 2 && !r.is_settled() {
                settled = false;
                answers_to_settle += r.answers_to_settle();
            }
        }
        if total == 0 {
            return None;
        }
        let mean = |sum: u32| ((sum + total / 2) / total) as u8;
        Some(TrackReadiness {
            score: mean(score),
            low: mean(low),
            high: mean(high),
            band: crate::readiness::Band::of_score(mean(score)),
            settled,
            answers_to_settle,
        })
    }
}
