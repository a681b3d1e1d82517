//! Ability estimation (catR's "estimate" step): an expected-a-posteriori (EAP)
//! estimate on a fixed grid, with a standard-normal prior, its posterior
//! standard deviation as the standard error, and exponential forgetting of old
//! evidence so that the interval widens while a learner is away.

use serde::{Deserialize, Serialize};

use crate::model::{ItemParams, Outcome};
use crate::time::MS_PER_DAY;

/// Points of the quadrature grid.
pub const GRID_POINTS: usize = 81;
/// Lowest ability on the grid (logits). Wide enough that no prior or response pattern the
/// engine meets is cut short (tests/extremes.rs: within 0.01 and 2 % of a fine [−10, 10] EAP).
pub const THETA_MIN: f64 = -10.0;
/// Highest ability on the grid (logits).
pub const THETA_MAX: f64 = 10.0;
/// Age at which an answer counts half as much as a fresh one. Six months:
/// long enough that a few weeks of practice count almost in full and a
/// fortnight's break barely moves the interval, short enough that last
/// year's answers no longer pin today's estimate.
pub const EVIDENCE_HALF_LIFE_DAYS: f64 = 180.0;
/// Weight (power) of the rest of the topic's evidence in a subtopic estimate.
pub const SUBTOPIC_CONTEXT_WEIGHT: f64 = 0.5;

const THETA_STEP: f64 = (THETA_MAX - THETA_MIN) / (GRID_POINTS - 1) as f64;

/// The ability `theta` of grid point `k`.
fn grid_theta(k: usize) -> f64 {
    THETA_MIN + k as f64 * THETA_STEP
}

/// An ability estimate: the posterior mean `theta` (logits), its posterior
/// standard deviation `se`, and how many answers stand behind it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ability {
    pub theta: f64,
    pub se: f64,
    pub answers: u32,
}

impl Ability {
    /// The prior: what the engine believes before any answer.
    pub fn prior() -> Self {
        posterior(|_| 0.0, 1.0, 0)
    }

    /// The 95 % interval `θ ± 1.96·SE`.
    pub fn interval_95(&self) -> (f64, f64) {
        (self.theta - 1.96 * self.se, self.theta + 1.96 * self.se)
    }
}

/// The accumulated evidence about one ability (a topic or a subtopic): the
/// log-likelihood of every answer so far on the grid, each weighted by its age.
///
/// Forgetting: an answer of age `t` days enters with weight `2^(−t / 180)`
/// (exponential forgetting, Kulhavý & Zarrop 1993, "On a general concept of
/// forgetting", *Int. J. Control* 58(4); the power-prior view of a discounted
/// likelihood is Ibrahim & Chen 2000, *Statistical Science* 15(1)). Because the
/// weights are exponential, the whole sum decays by one factor, so an answer
/// is applied in O(grid) without revisiting older ones, and an idle learner's
/// posterior relaxes towards the prior, widening the interval, as in Glicko's
/// growing rating deviation (Glickman 1999).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    log_likelihood: Vec<f64>,
    as_of_ms: i64,
    answers: u32,
}

impl Default for Evidence {
    fn default() -> Self {
        Self::new()
    }
}

impl Evidence {
    /// No evidence yet.
    pub fn new() -> Self {
        Evidence {
            log_likelihood: vec![0.0; GRID_POINTS],
            as_of_ms: i64::MIN,
            answers: 0,
        }
    }

    /// Answers recorded (unweighted).
    pub fn answers(&self) -> u32 {
        self.answers
    }

    /// Adds one answer to an item with `params`, given at `at_ms`. Answers may
    /// arrive out of order (a merged log): an older answer simply enters with
    /// its smaller weight.
    pub fn record(&mut self, params: &ItemParams, outcome: Outcome, at_ms: i64) {
        self.record_log_likelihood(&LogLikelihood::new(params, outcome), at_ms);
    }

    /// As [`Evidence::record`], with the answer's log-likelihood computed once
    /// for several abilities (a topic and its subtopic).
    pub(crate) fn record_log_likelihood(&mut self, answer: &LogLikelihood, at_ms: i64) {
        let weight = if self.answers == 0 || at_ms >= self.as_of_ms {
            if self.answers > 0 {
                let factor = decay_factor(at_ms.saturating_sub(self.as_of_ms));
                if factor != 1.0 {
                    self.log_likelihood.iter_mut().for_each(|l| *l *= factor);
                }
            }
            self.as_of_ms = at_ms;
            1.0
        } else {
            decay_factor(self.as_of_ms.saturating_sub(at_ms))
        };
        for (l, add) in self.log_likelihood.iter_mut().zip(answer.values.iter()) {
            *l += weight * add;
        }
        self.answers = self.answers.saturating_add(1);
    }

    /// The EAP estimate at `now_ms` (Bock & Mislevy 1982, "Adaptive EAP
    /// estimation of ability in a microcomputer environment", *Applied
    /// Psychological Measurement* 6(4)): with prior density φ and weighted
    /// likelihood L on grid points θ_k,
    /// `θ̂ = Σ θ_k L(θ_k) φ(θ_k) / Σ L(θ_k) φ(θ_k)` and
    /// `SE = sqrt(Σ (θ_k − θ̂)² L φ / Σ L φ)`.
    pub fn ability(&self, now_ms: i64) -> Ability {
        let factor = self.factor_at(now_ms);
        posterior(|k| factor * self.log_likelihood[k], 1.0, self.answers)
    }

    /// The EAP estimate under a wider N(0, prior_sd²) prior (see
    /// [`crate::Engine::next_question`] for why selection wants one).
    pub fn ability_with_prior_sd(&self, now_ms: i64, prior_sd: f64) -> Ability {
        let factor = self.factor_at(now_ms);
        posterior(|k| factor * self.log_likelihood[k], prior_sd, self.answers)
    }

    /// A subtopic's estimate with its topic as context: the subtopic's own
    /// answers at full weight and the rest of the topic's at
    /// [`SUBTOPIC_CONTEXT_WEIGHT`] (a power prior, Ibrahim & Chen 2000), so a
    /// subtopic with few answers borrows strength from its siblings without
    /// counting them as its own. `topic` must include this subtopic's answers.
    pub fn ability_in_context(&self, topic: &Evidence, now_ms: i64) -> Ability {
        let own = self.factor_at(now_ms);
        let all = topic.factor_at(now_ms);
        posterior(
            |k| {
                let own_k = own * self.log_likelihood[k];
                let rest_k = all * topic.log_likelihood[k] - own_k;
                own_k + SUBTOPIC_CONTEXT_WEIGHT * rest_k
            },
            1.0,
            self.answers,
        )
    }

    fn factor_at(&self, now_ms: i64) -> f64 {
        if self.answers == 0 {
            return 0.0;
        }
        decay_factor(now_ms.saturating_sub(self.as_of_ms))
    }
}

/// `2^(−age_days / half-life)`; ages below zero (clock skew) count as zero.
fn decay_factor(age_ms: i64) -> f64 {
    if age_ms <= 0 {
        return 1.0;
    }
    let age_days = age_ms as f64 / MS_PER_DAY as f64;
    (-core::f64::consts::LN_2 * age_days / EVIDENCE_HALF_LIFE_DAYS).exp()
}

/// One answer's log-likelihood ln P(outcome | θ_k) at every grid point.
pub(crate) struct LogLikelihood {
    values: [f64; GRID_POINTS],
}

impl LogLikelihood {
    /// With z = −a (θ − b) and e = e^z: ln σ = −ln(1 + e),
    /// ln(1 − σ) = z − ln(1 + e), and ln(c + (1 − c) σ) = ln((1 + c e)/(1 + e)).
    /// Along the grid z is linear, so e_k = e_0 · r^k with r = e^(−a h): one
    /// exponential and one logarithm per point instead of three transcendental
    /// calls (the replay budget is 2 µs an event).
    pub(crate) fn new(params: &ItemParams, outcome: Outcome) -> Self {
        let mut values = [0.0; GRID_POINTS];
        let z_first = -params.a * (THETA_MIN - params.b);
        let z_last = -params.a * (THETA_MAX - params.b);
        let ln_wrong = (1.0 - params.c).ln();
        if z_first.abs() < 300.0 && z_last.abs() < 300.0 {
            let ratio = (-params.a * THETA_STEP).exp();
            let mut e = z_first.exp();
            for (k, value) in values.iter_mut().enumerate() {
                let z = -params.a * (grid_theta(k) - params.b);
                *value = match outcome {
                    Outcome::Correct => ((1.0 + params.c * e) / (1.0 + e)).ln(),
                    Outcome::Incorrect => ln_wrong + z - e.ln_1p(),
                    Outcome::DontKnow => z - e.ln_1p(),
                };
                e *= ratio;
            }
        } else {
            for (k, value) in values.iter_mut().enumerate() {
                *value = log_likelihood(params, outcome, grid_theta(k));
            }
        }
        LogLikelihood { values }
    }
}

impl LogLikelihood {
    /// An open answer that covered `covered` of `total` key points: each point one observation
    /// with the question's parameters, `covered` right and the rest wrong. Monotone in
    /// `covered`: one more point covered adds ln(P / (1 − P)), which rises with θ.
    pub(crate) fn points(params: &ItemParams, covered: u8, total: u8) -> Self {
        let covered = covered.min(total);
        let yes = LogLikelihood::new(params, Outcome::Correct);
        let no = LogLikelihood::new(params, Outcome::Incorrect);
        let (k, m) = (f64::from(covered), f64::from(total - covered));
        let mut values = [0.0; GRID_POINTS];
        for (j, value) in values.iter_mut().enumerate() {
            *value = k * yes.values[j] + m * no.values[j];
        }
        LogLikelihood { values }
    }

    /// The same outcome observed `times` times (an open question's "I don't know": every key
    /// point missed, with no credit for a generous tick).
    pub(crate) fn repeated(params: &ItemParams, outcome: Outcome, times: u8) -> Self {
        let mut one = LogLikelihood::new(params, outcome);
        for value in &mut one.values {
            *value *= f64::from(times);
        }
        one
    }
}

/// ln P(outcome | θ), computed in a form that stays finite for any finite
/// parameters (the slow path of [`LogLikelihood::new`]).
fn log_likelihood(params: &ItemParams, outcome: Outcome, theta: f64) -> f64 {
    let z = -params.a * (theta - params.b);
    let e = z.exp();
    let ln_one_plus_e = if e.is_finite() { e.ln_1p() } else { z };
    match outcome {
        Outcome::Correct => {
            let ce = params.c * e;
            let ln_one_plus_ce = if ce.is_finite() {
                ce.ln_1p()
            } else {
                params.c.ln() + z
            };
            ln_one_plus_ce - ln_one_plus_e
        }
        Outcome::Incorrect => (1.0 - params.c).ln() + z - ln_one_plus_e,
        Outcome::DontKnow => z - ln_one_plus_e,
    }
}

/// Normalises a N(0, prior_sd²) prior × likelihood on the grid and returns
/// its mean and SD.
fn posterior(log_likelihood: impl Fn(usize) -> f64, prior_sd: f64, answers: u32) -> Ability {
    let prior_precision = 1.0 / (prior_sd * prior_sd);
    let mut log_post = [0.0f64; GRID_POINTS];
    let mut max = f64::NEG_INFINITY;
    for (k, lp) in log_post.iter_mut().enumerate() {
        let theta = grid_theta(k);
        let value = log_likelihood(k) - 0.5 * prior_precision * theta * theta;
        // A non-finite value can only come from corrupt input; treat it as
        // "no information at this point" rather than poisoning the sum.
        *lp = if value.is_nan() {
            f64::NEG_INFINITY
        } else {
            value
        };
        max = max.max(*lp);
    }
    if !max.is_finite() {
        return Ability {
            theta: 0.0,
            se: 1.0,
            answers,
        };
    }
    // The trapezoidal rule: the end points count half. Where a posterior still has mass at the
    // grid's edge (an extreme learner under the wide selection prior), that keeps the error of
    // order h² rather than h.
    let (mut sum, mut sum_theta, mut sum_theta2) = (0.0, 0.0, 0.0);
    for (k, lp) in log_post.iter().enumerate() {
        let edge = if k == 0 || k == GRID_POINTS - 1 {
            0.5
        } else {
            1.0
        };
        let w = edge * (lp - max).exp();
        let theta = grid_theta(k);
        sum += w;
        sum_theta += w * theta;
        sum_theta2 += w * theta * theta;
    }
    let theta = sum_theta / sum;
    let variance = (sum_theta2 / sum - theta * theta).max(0.0);
    Ability {
        theta,
        se: variance.sqrt(),
        answers,
    }
}
