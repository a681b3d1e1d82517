//! Item selection and stopping (catR's "select" and "stop" steps): a test is
//! five questions, each chosen for a target probability of success at the
//! current estimate, at random among the most informative that fit that
//! target, balanced across subtopics, preferring questions the learner has
//! answered least and never repeating a recent one.

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::access::Access;
use crate::engine::{Engine, Progress};
use crate::model::ItemParams;
use crate::rng::{mix_seed, SplitMix64};
use crate::slot::Slot;
use crate::time::MS_PER_DAY;

/// Questions in a test (the stopping rule: fixed length).
pub const TEST_LENGTH: usize = 5;
/// A question answered less than this long ago is not asked again, until the
/// topic runs out of other questions.
pub const NO_REPEAT_WINDOW_DAYS: i64 = 7;
/// Randomesque exposure control (Kingsbury & Zara 1989, "Procedures for
/// selecting items for computerized adaptive tests", *Applied Measurement in
/// Education* 2(4)): the question is drawn uniformly from this many of the
/// best-ranked candidates (see [`Engine::next_question`]).
pub const RANDOMESQUE_K: usize = 6;
/// The same for the placement test (a topic's first): fewer, so that it
/// leans on the most informative questions (multi-answer ones, whose
/// guessing floor is lowest) while still varying from learner to learner.
pub const PLACEMENT_RANDOMESQUE_K: usize = 3;
/// SD of the prior behind the estimate that selection aims at. The reported
/// ability uses the population prior N(0, 1), which minimises error but pulls
/// every estimate towards the mean (E[θ̂ | θ] ≈ ρθ, ρ the reliability), so a
/// weak learner would get questions that are too hard and a strong one
/// questions that are too easy. The success target is a promise to every
/// learner, whatever their ability, so selection aims at the EAP under a
/// weakly informative N(0, 3²) prior, which shrinks a ninth as much (the
/// simulation's success per ability bin is flatter there: with N(0, 2²) the
/// strongest learners' success rose to 0.765, with N(0, 3²) 0.755).
pub const SELECTION_PRIOR_SD: f64 = 3.0;
/// How far (logits of `a (θ̂ − b)`) a candidate may miss its slot's target
/// beyond the best-fitting candidate and still be chosen. The labels are
/// 1.25 logits apart, so this keeps a slot to the questions of the label
/// that fits it (and of a neighbour only when both fit about as well):
/// information decides among questions that serve the success target, never
/// against it. Without it, ranking by information pulled weak learners onto
/// questions a whole label too hard (information peaks below the target
/// success), and their realised success fell under 0.65.
pub const FIT_TOLERANCE_LOGITS: f64 = 0.6;
/// When fewer questions than this fit within the tolerance, the nearest
/// others are added, so that exposure control always has a choice: a thin
/// label (a topic with few routine four-option questions) would otherwise
/// hand the same few questions to every learner of that ability.
const MIN_CANDIDATES: usize = 4;
/// Penalty (natural log of information) per question already taken from
/// the same subtopic in this test: a test spreads over subtopics when the
/// bank allows it (the fit tolerance keeps balance from ever choosing a
/// question that misses the success target).
const SUBTOPIC_PENALTY: f64 = 0.6;
/// Penalty (natural log of information) per earlier answer of the learner
/// to the question, counted up to [`REUSE_PENALTY_CAP`]: among questions
/// that fit, the least practised come first. A question answered before
/// partly measures memory of that question rather than of the topic, a
/// test of new questions is better practice, and spreading each learner's
/// answers over more questions averages out mislabelled difficulties and
/// keeps any one question from appearing in too many tests.
const REUSE_PENALTY: f64 = 1.0;
/// Earlier answers that count towards [`REUSE_PENALTY`].
const REUSE_PENALTY_CAP: u32 = 3;

/// The slots of a test in the order they are asked: two at the target first
/// (the most informative start while the estimate is still vague), then the
/// easier one, one more at the target and the stretch last.
pub const TEST_PLAN: [Slot; TEST_LENGTH] = [
    Slot::Target,
    Slot::Target,
    Slot::Easier,
    Slot::Target,
    Slot::Stretch,
];

/// Which questions a test draws from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// One topic (an index into the bank's topics).
    Topic(u16),
    /// Several topics, the slots spread over them (mixed practice).
    Mixed(Vec<u16>),
}

/// Why a test could not be started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TestError {
    /// Occurs when a mixed scope lists no topic.
    EmptyScope,
    /// Occurs when a topic index is not in the bank.
    UnknownTopic(u16),
    /// Occurs when the chosen topics have no questions at all.
    NoQuestions,
    /// Occurs when the chosen topics have questions but the free tier opens none of them (or
    /// the learner has answered every free one): the app offers the unlock.
    Locked,
}

impl fmt::Display for TestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TestError::EmptyScope => write!(f, "no topic was chosen for the test"),
            TestError::UnknownTopic(topic) => write!(f, "topic {topic} is not in the bank"),
            TestError::NoQuestions => write!(f, "the chosen topics have no questions"),
            TestError::Locked => write!(f, "the chosen topics need the unlock"),
        }
    }
}

impl std::error::Error for TestError {}

/// One chosen question.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pick {
    /// Index into the bank's items.
    pub item: usize,
    pub slot: Slot,
    /// Predicted probability of a correct answer when it was chosen.
    pub p_correct: f64,
}

/// A test in progress. Questions are chosen one at a time by
/// [`Engine::next_question`], each from the estimate updated by the answers
/// so far (the app applies every answer to [`Progress`] as it is given).
/// Serializable, so a test survives a reload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Test {
    /// The topic of each slot.
    topics: Vec<u16>,
    picks: Vec<Pick>,
    rng: SplitMix64,
    /// What the learner could open when the test started; every pick is one of those.
    access: Access,
    /// Whether the last question is an open (interview) one when the topic has one to ask.
    #[serde(default)]
    open_last: bool,
}

impl Test {
    /// The questions chosen so far, in order.
    pub fn picks(&self) -> &[Pick] {
        &self.picks
    }

    /// Whether all [`TEST_LENGTH`] questions have been chosen.
    pub fn is_complete(&self) -> bool {
        self.picks.len() >= TEST_LENGTH
    }

    /// Asks an open question last ([`Engine::next_question`]): the topic's open question not
    /// answered within the window whose difficulty is nearest the estimate. At most one per
    /// test; without one to ask, the last slot is multiple choice as usual.
    pub fn with_open_question(mut self, on: bool) -> Self {
        self.open_last = on;
        self
    }

    /// The topic the `index`-th question is drawn from.
    pub fn slot_topic(&self, index: usize) -> Option<u16> {
        self.topics.get(index).copied()
    }
}

impl Engine {
    /// Starts a test over `scope`, drawing only on what `access` opens (see [`Engine::may_open`]).
    /// Deterministic for a given `seed`.
    pub fn start_test(
        &self,
        progress: &Progress,
        scope: &Scope,
        access: Access,
        seed: u64,
    ) -> Result<Test, TestError> {
        let mut rng = SplitMix64::new(seed);
        let mut topics: Vec<u16> = match scope {
            Scope::Topic(topic) => vec![*topic],
            Scope::Mixed(topics) if topics.is_empty() => return Err(TestError::EmptyScope),
            Scope::Mixed(topics) => {
                let mut unique: Vec<u16> = Vec::with_capacity(topics.len());
                for &topic in topics {
                    crate::order::insert_unique(&mut unique, topic);
                }
                unique
            }
        };
        if let Some(&bad) = topics
            .iter()
            .find(|&&t| usize::from(t) >= self.topic_items.len())
        {
            return Err(TestError::UnknownTopic(bad));
        }
        topics.retain(|&t| !self.topic_items[usize::from(t)].is_empty());
        if topics.is_empty() {
            return Err(TestError::NoQuestions);
        }
        topics.retain(|&t| {
            self.topic_access(access, progress, usize::from(t))
                .can_start()
        });
        if topics.is_empty() {
            return Err(TestError::Locked);
        }
        rng.shuffle(&mut topics);
        let slot_topics = (0..TEST_LENGTH).map(|i| topics[i % topics.len()]).collect();
        Ok(Test {
            topics: slot_topics,
            picks: Vec::with_capacity(TEST_LENGTH),
            rng,
            access,
            open_last: false,
        })
    }

    /// Chooses the test's next question from the current estimate, or `None`
    /// when the test is complete or its topic has no question left to ask.
    pub fn next_question(&self, progress: &Progress, test: &mut Test, now_ms: i64) -> Option<Pick> {
        let index = test.picks.len();
        let slot = *TEST_PLAN.get(index)?;
        let topic = *test.topics.get(index)?;
        let open = (test.open_last && index + 1 == TEST_LENGTH)
            .then(|| self.choose_open(progress, test, topic, slot, now_ms))
            .flatten();
        let pick = match open {
            Some(pick) => pick,
            None => self.choose(progress, test, topic, slot, now_ms)?,
        };
        test.picks.push(pick);
        Some(pick)
    }

    /// All five questions at once, from the estimate as it stands (for a
    /// test shown as a whole; [`Engine::next_question`] adapts within a test).
    pub fn build_test(
        &self,
        progress: &Progress,
        scope: &Scope,
        access: Access,
        now_ms: i64,
        seed: u64,
    ) -> Result<Vec<Pick>, TestError> {
        let mut test = self.start_test(progress, scope, access, seed)?;
        while self.next_question(progress, &mut test, now_ms).is_some() {}
        Ok(test.picks)
    }

    /// The open question of `topic` for a test's last slot: one the learner may open, not
    /// answered within the window, whose difficulty is nearest the estimate (ties to the
    /// easier). Its predicted success is the share of key points expected.
    fn choose_open(
        &self,
        progress: &Progress,
        test: &Test,
        topic: u16,
        slot: Slot,
        now_ms: i64,
    ) -> Option<Pick> {
        let theta = progress
            .topics
            .get(usize::from(topic))?
            .ability(now_ms)
            .theta;
        let window_start = now_ms.saturating_sub(NO_REPEAT_WINDOW_DAYS * MS_PER_DAY);
        let item = self
            .topic_open
            .get(usize::from(topic))?
            .iter()
            .copied()
            .filter(|&i| {
                self.may_open(test.access, progress, i)
                    && !test.picks.iter().any(|pick| pick.item == i)
                    && progress
                        .items
                        .get(i)
                        .and_then(|r| r.last_seen_ms)
                        .is_none_or(|seen| seen < window_start)
            })
            .min_by(|&a, &b| {
                let gap = |i: usize| (self.items[i].params.b - theta).abs();
                gap(a)
                    .total_cmp(&gap(b))
                    .then(self.items[a].params.b.total_cmp(&self.items[b].params.b))
            })?;
        Some(Pick {
            item,
            slot,
            p_correct: self.items[item].params.p_correct(theta),
        })
    }

    /// One question for `slot` from `topic`.
    ///
    /// Its predicted success is the posterior-predictive probability,
    /// `P ≈ c + (1 − c) σ(a (θ̂ − b) / sqrt(1 + π a² SE² / 8))` (the probit
    /// approximation of the logistic-normal integral, MacKay 1992, "The
    /// evidence framework applied to classification networks", *Neural
    /// Computation* 4(5)), so an uncertain estimate asks for a wider margin.
    ///
    /// 1. Candidates are the topic's questions not answered within
    ///    [`NO_REPEAT_WINDOW_DAYS`] (all not yet in this test when none is
    ///    left).
    /// 2. Fit: each misses its aim by `|a' (θ̂ − b) − z*|` logits, `a'` the
    ///    predictive slope above and `z*` the logit at which the item's
    ///    success equals the slot's target. Those within
    ///    [`FIT_TOLERANCE_LOGITS`] of the best fit stay (at least four, the
    ///    nearest).
    /// 3. Rank: by the natural log of their Fisher information at θ̂ (with
    ///    the predictive slope) minus balance penalties — per question
    ///    already taken from the same subtopic, and per earlier answer of
    ///    the learner to it — and one of the top [`RANDOMESQUE_K`] is drawn
    ///    at random; ties break on a per-choice random key, never on the
    ///    bank's order.
    ///
    /// θ̂ and SE here are the EAP under the wider [`SELECTION_PRIOR_SD`]
    /// prior — except in the topic's first test (fewer than [`TEST_LENGTH`]
    /// answers), a placement phase (catR's "start" step) under the N(0, 1)
    /// prior in which every slot aims at the item's point of maximum
    /// information and the draw is among the top [`PLACEMENT_RANDOMESQUE_K`]:
    /// with nothing known, measuring comes first.
    fn choose(
        &self,
        progress: &Progress,
        test: &mut Test,
        topic: u16,
        slot: Slot,
        now_ms: i64,
    ) -> Option<Pick> {
        let Test {
            picks: taken,
            rng,
            access,
            ..
        } = test;
        let access = *access;
        let evidence = progress.topics.get(usize::from(topic))?;
        let placement = evidence.answers() < TEST_LENGTH as u32;
        let ability = if placement {
            evidence.ability(now_ms)
        } else {
            evidence.ability_with_prior_sd(now_ms, SELECTION_PRIOR_SD)
        };
        let items = self.topic_items.get(usize::from(topic))?;
        let window_start = now_ms.saturating_sub(NO_REPEAT_WINDOW_DAYS * MS_PER_DAY);
        let spread = core::f64::consts::PI / 8.0 * ability.se * ability.se;
        let slot_index = slot.index();
        // Equally good candidates (same label, same kind) are ordered by a
        // per-choice random key, not by their place in the bank, so that
        // exposure spreads evenly over them.
        let salt = rng.next_u64();
        let predictive_slope = |a: f64| a / (1.0 + spread * a * a).sqrt();
        // Most questions share the default discrimination: compute the
        // predictive slope once per distinct a.
        let (mut cached_a, mut cached_slope) = (f64::NAN, f64::NAN);
        let taken_subtopics: Vec<usize> = taken
            .iter()
            .map(|pick| self.items[pick.item].subtopic)
            .collect();

        // Pass 1 (cheap, no transcendental function): the fit of every
        // candidate; those that may still fit once the best is known are
        // kept with their balance penalty. Questions answered within the
        // window only when no other is left.
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut nearest = Nearest::default();
        for fresh_only in [true, false] {
            for &i in items {
                if taken.iter().any(|pick| pick.item == i) || !self.may_open(access, progress, i) {
                    continue;
                }
                let record = progress.items.get(i);
                if fresh_only
                    && record
                        .and_then(|r| r.last_seen_ms)
                        .is_some_and(|seen| seen >= window_start)
                {
                    continue;
                }
                let item = &self.items[i];
                let a = item.params.a;
                if a != cached_a {
                    cached_a = a;
                    cached_slope = predictive_slope(a);
                }
                let z = cached_slope * (ability.theta - item.params.b);
                let aim = if placement {
                    item.max_information_logit
                } else {
                    item.slot_logit[slot_index]
                };
                let fit = (z - aim).abs();
                nearest.offer(fit);
                if fit > nearest.cutoff(FIT_TOLERANCE_LOGITS) {
                    continue;
                }
                let same_subtopic = taken_subtopics
                    .iter()
                    .filter(|&&subtopic| subtopic == item.subtopic)
                    .count();
                let answered = record.map_or(0, |r| r.answers.min(REUSE_PENALTY_CAP));
                candidates.push(Candidate {
                    fit,
                    penalty: SUBTOPIC_PENALTY * same_subtopic as f64
                        + REUSE_PENALTY * f64::from(answered),
                    item: i,
                });
            }
            if nearest.len > 0 {
                break;
            }
        }
        let cutoff = nearest.cutoff(FIT_TOLERANCE_LOGITS);

        // Pass 2: rank those that fit by information less penalties; keep
        // the best k.
        let k = if placement {
            PLACEMENT_RANDOMESQUE_K
        } else {
            RANDOMESQUE_K
        };
        let mut best = Best::new(k);
        // Questions with the same parameters have the same information: a
        // few distinct parameter sets cover a topic.
        let mut info_cache = InfoCache::default();
        for candidate in &candidates {
            if candidate.fit > cutoff {
                continue;
            }
            let params = self.items[candidate.item].params;
            let ln_info = info_cache.get(params, || {
                let predictive = ItemParams {
                    a: predictive_slope(params.a),
                    ..params
                };
                predictive.information(ability.theta).max(1e-300).ln()
            });
            best.offer(ln_info - candidate.penalty, salt, candidate.item);
        }
        if best.len == 0 {
            return None;
        }
        let (_, _, item) = best.entries[rng.below(best.len)];
        let params = self.items[item].params;
        let p_correct = params.c
            + (1.0 - params.c)
                * crate::model::logistic(predictive_slope(params.a) * (ability.theta - params.b));
        Some(Pick {
            item,
            slot,
            p_correct,
        })
    }
}

/// A question that could fill the slot: how far it misses the slot's aim
/// (logits) and its balance penalty.
struct Candidate {
    fit: f64,
    penalty: f64,
    item: usize,
}

/// The [`MIN_CANDIDATES`] smallest fits seen, ascending.
#[derive(Clone, Copy, Default)]
struct Nearest {
    fits: [f64; MIN_CANDIDATES],
    len: usize,
}

impl Nearest {
    fn offer(&mut self, fit: f64) {
        if self.len == MIN_CANDIDATES && fit >= self.fits[MIN_CANDIDATES - 1] {
            return;
        }
        let mut at = self.len.min(MIN_CANDIDATES - 1);
        if self.len < MIN_CANDIDATES {
            self.len += 1;
        }
        while at > 0 && fit < self.fits[at - 1] {
            self.fits[at] = self.fits[at - 1];
            at -= 1;
        }
        self.fits[at] = fit;
    }

    /// The largest fit admitted: `tolerance` beyond the best, or further
    /// when fewer than [`MIN_CANDIDATES`] are that near (all of them while
    /// fewer have been offered). It only falls as more fits are offered.
    fn cutoff(&self, tolerance: f64) -> f64 {
        if self.len < MIN_CANDIDATES {
            return f64::INFINITY;
        }
        (self.fits[0] + tolerance).max(self.fits[MIN_CANDIDATES - 1])
    }
}

/// The `k` best-scored candidates, best first; equal scores are ordered by
/// their random key.
struct Best {
    entries: [(f64, u64, usize); RANDOMESQUE_K],
    len: usize,
    k: usize,
}

impl Best {
    fn new(k: usize) -> Self {
        Best {
            entries: [(f64::NEG_INFINITY, 0, 0); RANDOMESQUE_K],
            len: 0,
            k: k.clamp(1, RANDOMESQUE_K),
        }
    }

    /// Offers `item` at `score`; its tie-breaking key is only hashed (from
    /// `salt`) when the item could enter.
    fn offer(&mut self, score: f64, salt: u64, item: usize) {
        if self.len == self.k && score < self.entries[self.k - 1].0 {
            return;
        }
        let key = mix_seed(salt, item as u64);
        let better = |x: &(f64, u64, usize)| score > x.0 || (score == x.0 && key < x.1);
        if self.len == self.k && !better(&self.entries[self.k - 1]) {
            return;
        }
        let mut at = self.len.min(self.k - 1);
        if self.len < self.k {
            self.len += 1;
        }
        while at > 0 && better(&self.entries[at - 1]) {
            self.entries[at] = self.entries[at - 1];
            at -= 1;
        }
        self.entries[at] = (score, key, item);
    }
}

/// The natural log of information of the last few distinct parameter sets.
#[derive(Default)]
struct InfoCache {
    entries: [(f64, f64, f64, f64); 8],
    len: usize,
    next: usize,
}

impl InfoCache {
    fn get(&mut self, params: ItemParams, compute: impl FnOnce() -> f64) -> f64 {
        if let Some(entry) = self.entries[..self.len]
            .iter()
            .find(|e| e.0 == params.a && e.1 == params.b && e.2 == params.c)
        {
            return entry.3;
        }
        let value = compute();
        self.entries[self.next] = (params.a, params.b, params.c, value);
        self.next = (self.next + 1) % self.entries.len();
        self.len = (self.len + 1).min(self.entries.len());
        value
    }
}
