//! Item selection and stopping (catR's "select" and "stop" steps): a test is
//! five questions, each chosen for a target probability of success at the
//! current estimate, at random among the most informative near that target,
//! balanced across subtopics and never repeating a recent question.

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::engine::{Engine, Progress};
use crate::rng::{mix_seed, SplitMix64};
use crate::time::MS_PER_DAY;

/// Questions in a test (the stopping rule: fixed length).
pub const TEST_LENGTH: usize = 5;
/// A question answered less than this long ago is not asked again, until the
/// topic runs out of other questions.
pub const NO_REPEAT_WINDOW_DAYS: i64 = 7;
/// Randomesque exposure control (Kingsbury & Zara 1989, "Procedures for
/// selecting items for computerized adaptive tests", *Applied Measurement in
/// Education* 2(4)): the question is drawn uniformly from this many of the
/// most informative candidates near the target.
pub const RANDOMESQUE_K: usize = 6;
/// SD of the prior behind the estimate that selection aims at. The reported
/// ability uses the population prior N(0, 1), which minimises error but pulls
/// every estimate towards the mean (E[θ̂ | θ] ≈ ρθ, ρ the reliability), so a
/// weak learner would get questions that are too hard and a strong one
/// questions that are too easy. The success target is a promise to every
/// learner, whatever their ability, so selection aims at the EAP under a
/// weakly informative N(0, 2²) prior, which shrinks a quarter as much.
pub const SELECTION_PRIOR_SD: f64 = 2.0;
/// Candidates nearest to a slot's target kept before ranking by information.
const SHORTLIST: usize = 8;
/// Distance (in logits) added per question already taken from the same
/// subtopic in this test, so that a test spreads over subtopics when the
/// bank allows it without ever choosing a far-off question for balance.
const SUBTOPIC_PENALTY_LOGITS: f64 = 0.6;

/// The role of a question in a test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Slot {
    /// A question the learner should get right (P ≈ 0.85): confidence, and
    /// evidence at the lower end.
    Easier,
    /// A question at the target success rate (P ≈ 0.75).
    Target,
    /// A stretch (P ≈ 0.625).
    Stretch,
}

impl Slot {
    /// Every slot, in a stable order.
    pub const ALL: [Slot; 3] = [Slot::Easier, Slot::Target, Slot::Stretch];

    /// The predicted probability of success the slot aims for. A test
    /// (one Easier, three Target, one Stretch) aims at 0.745 on average, in
    /// the 0.70–0.75 band where practice is neither boring nor discouraging.
    /// It sits in the upper half of the band because the bank's difficulty
    /// labels are coarse and its easiest questions few, so the realised
    /// success of weak learners falls below the aim (see the simulation);
    /// a four-option question is most informative at P ≈ 0.68 and loses
    /// under 5 % of its information at 0.75.
    pub fn target_p(self) -> f64 {
        match self {
            Slot::Easier => 0.85,
            Slot::Target => 0.75,
            Slot::Stretch => 0.625,
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Slot::Easier => 0,
            Slot::Target => 1,
            Slot::Stretch => 2,
        }
    }
}

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
}

impl fmt::Display for TestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TestError::EmptyScope => write!(f, "no topic was chosen for the test"),
            TestError::UnknownTopic(topic) => write!(f, "topic {topic} is not in the bank"),
            TestError::NoQuestions => write!(f, "the chosen topics have no questions"),
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

    /// The topic the `index`-th question is drawn from.
    pub fn slot_topic(&self, index: usize) -> Option<u16> {
        self.topics.get(index).copied()
    }
}

impl Engine {
    /// Starts a test over `scope`. Deterministic for a given `seed`.
    pub fn start_test(&self, scope: &Scope, seed: u64) -> Result<Test, TestError> {
        let mut rng = SplitMix64::new(seed);
        let mut topics: Vec<u16> = match scope {
            Scope::Topic(topic) => vec![*topic],
            Scope::Mixed(topics) if topics.is_empty() => return Err(TestError::EmptyScope),
            Scope::Mixed(topics) => {
                let mut unique = topics.clone();
                unique.sort_unstable();
                unique.dedup();
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
        rng.shuffle(&mut topics);
        let slot_topics = (0..TEST_LENGTH).map(|i| topics[i % topics.len()]).collect();
        Ok(Test {
            topics: slot_topics,
            picks: Vec::with_capacity(TEST_LENGTH),
            rng,
        })
    }

    /// Chooses the test's next question from the current estimate, or `None`
    /// when the test is complete or its topic has no question left to ask.
    pub fn next_question(&self, progress: &Progress, test: &mut Test, now_ms: i64) -> Option<Pick> {
        let index = test.picks.len();
        let slot = *TEST_PLAN.get(index)?;
        let topic = *test.topics.get(index)?;
        let pick = self.choose(progress, &test.picks, topic, slot, now_ms, &mut test.rng)?;
        test.picks.push(pick);
        Some(pick)
    }

    /// All five questions at once, from the estimate as it stands (for a
    /// test shown as a whole; [`Engine::next_question`] adapts within a test).
    pub fn build_test(
        &self,
        progress: &Progress,
        scope: &Scope,
        now_ms: i64,
        seed: u64,
    ) -> Result<Vec<Pick>, TestError> {
        let mut test = self.start_test(scope, seed)?;
        while self.next_question(progress, &mut test, now_ms).is_some() {}
        Ok(test.picks)
    }

    /// One question for `slot` from `topic`.
    ///
    /// Its predicted success is the posterior-predictive probability,
    /// `P ≈ c + (1 − c) σ(a (θ̂ − b) / sqrt(1 + π a² SE² / 8))` (the probit
    /// approximation of the logistic-normal integral, MacKay 1992, "The
    /// evidence framework applied to classification networks", *Neural
    /// Computation* 4(5)), so an uncertain estimate asks for a wider margin.
    /// Candidates are those not answered within [`NO_REPEAT_WINDOW_DAYS`]
    /// (all not yet in this test when none is left), ranked by distance from
    /// the slot's target in logits plus the subtopic penalty; the nearest
    /// eight are ranked by Fisher information at θ̂ and one of the top
    /// [`RANDOMESQUE_K`] is drawn at random. θ̂ and SE here are the EAP under
    /// the wider [`SELECTION_PRIOR_SD`] prior — except in the topic's first
    /// test (fewer than [`TEST_LENGTH`] answers), a placement phase in which
    /// every slot aims at the item's point of maximum information under the
    /// N(0, 1) prior (catR's "start" step): with nothing known, measuring
    /// comes first, and the simulation shows it is what lifts r after five
    /// answers to the information ceiling.
    fn choose(
        &self,
        progress: &Progress,
        taken: &[Pick],
        topic: u16,
        slot: Slot,
        now_ms: i64,
        rng: &mut SplitMix64,
    ) -> Option<Pick> {
        let evidence = progress.topics.get(usize::from(topic))?;
        let placement = evidence.answers() < TEST_LENGTH as u32;
        let ability = if placement {
            evidence.ability(now_ms)
        } else {
            evidence.ability_with_prior_sd(now_ms, SELECTION_PRIOR_SD)
        };
        let items = self.topic_items.get(usize::from(topic))?;
        let window_start = now_ms.saturating_sub(NO_REPEAT_WINDOW_DAYS * MS_PER_DAY);
        let se2 = ability.se * ability.se;
        let spread = core::f64::consts::PI / 8.0 * se2;
        let slot_index = slot.index();
        // Equally good candidates (same label, same option count) are ordered
        // by a per-choice random key, not by their place in the bank, so that
        // exposure spreads evenly over them.
        let salt = rng.next_u64();
        // Most questions share the default discrimination: compute the
        // predictive slope a / sqrt(1 + π a² SE² / 8) once per distinct a.
        let (mut cached_a, mut cached_slope) = (f64::NAN, f64::NAN);
        let taken_subtopics: Vec<usize> = taken
            .iter()
            .map(|pick| self.items[pick.item].subtopic)
            .collect();

        let mut shortlist = Shortlist::default();
        let mut fallback = Shortlist::default();
        for &i in items {
            if taken.iter().any(|pick| pick.item == i) {
                continue;
            }
            let item = &self.items[i];
            let a = item.params.a;
            if a != cached_a {
                cached_a = a;
                cached_slope = a / (1.0 + spread * a * a).sqrt();
            }
            let z = cached_slope * (ability.theta - item.params.b);
            let same_subtopic = taken_subtopics
                .iter()
                .filter(|&&subtopic| subtopic == item.subtopic)
                .count();
            let target = if placement {
                item.max_information_logit
            } else {
                item.slot_logit[slot_index]
            };
            let distance = (z - target).abs() + SUBTOPIC_PENALTY_LOGITS * same_subtopic as f64;
            let fresh = progress
                .last_seen_ms(i)
                .is_none_or(|seen| seen < window_start);
            if fresh {
                shortlist.offer(distance, salt, i);
            } else if shortlist.len == 0 {
                fallback.offer(distance, salt, i);
            }
        }
        let shortlist = if shortlist.len > 0 {
            shortlist
        } else {
            fallback
        };
        let mut ranked: Vec<(f64, f64, u64, usize)> = shortlist.entries[..shortlist.len]
            .iter()
            .map(|&(distance, key, i)| {
                let info = self.items[i].params.information(ability.theta);
                (info, distance, key, i)
            })
            .collect();
        if ranked.is_empty() {
            return None;
        }
        ranked.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then(x.1.total_cmp(&y.1))
                .then(x.2.cmp(&y.2))
        });
        let k = ranked.len().min(RANDOMESQUE_K);
        let (_, _, _, item) = ranked[rng.below(k)];
        let params = self.items[item].params;
        let a_eff = params.a / (1.0 + spread * params.a * params.a).sqrt();
        let p_correct = params.c
            + (1.0 - params.c) * crate::model::logistic(a_eff * (ability.theta - params.b));
        Some(Pick {
            item,
            slot,
            p_correct,
        })
    }
}

/// The [`SHORTLIST`] candidates nearest a target, kept sorted by distance
/// and then by a random key (deterministic for the test's seed).
#[derive(Default)]
struct Shortlist {
    entries: [(f64, u64, usize); SHORTLIST],
    len: usize,
}

impl Shortlist {
    /// Offers `item` at `distance`; its tie-breaking key is only hashed
    /// (from `salt`) when the item could enter the list.
    fn offer(&mut self, distance: f64, salt: u64, item: usize) {
        if self.len == SHORTLIST && distance > self.entries[SHORTLIST - 1].0 {
            return;
        }
        let key = mix_seed(salt, item as u64);
        let better = |x: &(f64, u64, usize)| distance < x.0 || (distance == x.0 && key < x.1);
        if self.len == SHORTLIST && !better(&self.entries[SHORTLIST - 1]) {
            return;
        }
        let mut at = self.len.min(SHORTLIST - 1);
        if self.len < SHORTLIST {
            self.len += 1;
        }
        while at > 0 && better(&self.entries[at - 1]) {
            self.entries[at] = self.entries[at - 1];
            at -= 1;
        }
        self.entries[at] = (distance, key, item);
    }
}
