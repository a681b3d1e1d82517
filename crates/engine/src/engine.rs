//! The engine proper: a bank prepared for fast lookups, and the learner's
//! [`Progress`] derived from the event log, applied one event at a time on
//! the hot path and replayed in full on start.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::derived::{DailyCache, Derived};
use crate::estimate::{Ability, Evidence, LogLikelihood};
use crate::event::{Event, EventBody, EventId, EVENT_VERSION};
use crate::fsrs::{Card, FsrsParams, Grade};
use crate::model::{ItemParams, LABEL_DIFFICULTY_SD};
use crate::slot::Slot;
use crate::streak::Streak;
use crate::{Bank, Kind};

/// A question as the engine uses it: parameters plus precomputed selection
/// targets.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub(crate) params: ItemParams,
    pub(crate) topic: usize,
    pub(crate) subtopic: usize,
    pub(crate) label: u8,
    /// For each [`Slot`], the logit `a (θ − b)` at which the item's
    /// probability of a correct answer equals the slot's target:
    /// `ln((p* − c) / (1 − p*))`.
    pub(crate) slot_logit: [f64; Slot::ALL.len()],
    /// The logit `a (θ − b)` at which the item is most informative:
    /// `ln((1 + sqrt(1 + 8c)) / 2)` (Lord 1980, eq. 5-20).
    pub(crate) max_information_logit: f64,
}

/// The bank, prepared: item parameters, id lookup, per-topic lists.
#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) bank: Bank,
    pub(crate) items: Vec<Prepared>,
    pub(crate) by_id: HashMap<String, usize>,
    /// Each topic's multiple-choice items (what tests, the daily challenge and the free sample
    /// draw on), in bank order.
    pub(crate) topic_items: Vec<Vec<usize>>,
    /// Each topic's open questions, in bank order.
    pub(crate) topic_open: Vec<Vec<usize>>,
    /// Each topic's items by label (1–5 at index 0–4), ascending, for the
    /// daily challenge.
    pub(crate) topic_label_items: Vec<[Vec<usize>; 5]>,
    pub(crate) subtopic_count: usize,
    pub(crate) topic_median_b: Vec<f64>,
    pub(crate) fsrs: FsrsParams,
}

/// What the log says about one question.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemRecord {
    /// Latest answer, UTC ms.
    pub last_seen_ms: Option<i64>,
    pub answers: u32,
    pub correct: u32,
    /// Its spaced-review schedule, once answered.
    pub card: Option<Card>,
}

/// What replay did with the events it could not apply. Nothing is dropped
/// from the log: these events stay in it and are listed here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplayReport {
    /// Events applied.
    pub applied: u32,
    /// Answers to questions the bank no longer has (kept, skipped; they still
    /// count for the streak, since the learner did practise that day).
    pub unknown_questions: Vec<EventId>,
    /// Events written by a newer engine (kept, not applied).
    pub newer_version: Vec<EventId>,
    /// Events whose id was already applied (a merge that went wrong).
    pub duplicates: Vec<EventId>,
}

/// What [`Engine::apply`] did with one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Applied {
    /// The event changed the state.
    Applied,
    /// An answer to a question the bank does not have: skipped.
    UnknownQuestion,
    /// An event of a newer schema version: skipped.
    NewerVersion,
    /// An id seen before: skipped.
    Duplicate,
}

/// All learner state, derived from the event log by [`Engine::replay`].
/// Tied to the bank of the engine that built it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub(crate) topics: Vec<Evidence>,
    pub(crate) subtopics: Vec<Evidence>,
    pub(crate) items: Vec<ItemRecord>,
    pub(crate) streak: Streak,
    pub(crate) applied_ids: BTreeSet<EventId>,
    pub(crate) report: ReplayReport,
    /// Bookmarks, mistakes, per-day counts (see the methods in `derived`).
    pub(crate) derived: Derived,
}

impl Progress {
    /// What replay could not apply.
    pub fn report(&self) -> &ReplayReport {
        &self.report
    }

    /// The record of question `item` (an index into the bank's items).
    pub fn item(&self, item: usize) -> Option<&ItemRecord> {
        self.items.get(item)
    }

    /// The streak tracker.
    pub fn streak(&self) -> &Streak {
        &self.streak
    }
}

impl Engine {
    /// Prepares `bank`. Never fails: out-of-range labels are clamped, bad
    /// overrides ignored, and duplicate ids resolve to the first question.
    pub fn new(bank: Bank) -> Self {
        let topic_count = bank
            .items
            .iter()
            .map(|item| usize::from(item.topic) + 1)
            .chain([bank.topics.len()])
            .max()
            .unwrap_or(0);
        let subtopic_count = bank
            .items
            .iter()
            .map(|item| usize::from(item.subtopic) + 1)
            .chain([bank.subtopics.len()])
            .max()
            .unwrap_or(0);
        let mut topic_items = vec![Vec::new(); topic_count];
        let mut topic_open = vec![Vec::new(); topic_count];
        let mut by_id = HashMap::with_capacity(bank.items.len());
        let items: Vec<Prepared> = bank
            .items
            .iter()
            .enumerate()
            .map(|(i, meta)| {
                if meta.kind.is_choice() {
                    topic_items[usize::from(meta.topic)].push(i);
                } else {
                    topic_open[usize::from(meta.topic)].push(i);
                }
                by_id.entry(meta.id.clone()).or_insert(i);
                let params = ItemParams::from_meta(meta).with_difficulty_sd(
                    if ItemParams::has_calibrated_difficulty(meta) {
                        ItemParams::calibrated_difficulty_sd(meta)
                    } else {
                        LABEL_DIFFICULTY_SD
                    },
                );
                Prepared {
                    params,
                    topic: usize::from(meta.topic),
                    subtopic: usize::from(meta.subtopic),
                    label: meta.difficulty.clamp(1, 5),
                    slot_logit: Slot::ALL.map(|slot| slot.target_logit(params.c)),
                    max_information_logit: ((1.0 + (1.0 + 8.0 * params.c).sqrt()) / 2.0).ln(),
                }
            })
            .collect();
        let topic_label_items = topic_items
            .iter()
            .map(|list| {
                let mut by_label: [Vec<usize>; 5] = Default::default();
                for &i in list {
                    by_label[usize::from(items[i].label) - 1].push(i);
                }
                by_label
            })
            .collect();
        let topic_median_b = topic_items
            .iter()
            .map(|list| {
                let mut bs: Vec<f64> = list.iter().map(|&i| items[i].params.b).collect();
                crate::order::sort_by(&mut bs, f64::total_cmp);
                match bs.len() {
                    0 => 0.0,
                    n if n % 2 == 1 => bs[n / 2],
                    n => 0.5 * (bs[n / 2 - 1] + bs[n / 2]),
                }
            })
            .collect();
        Engine {
            bank,
            items,
            by_id,
            topic_items,
            topic_open,
            topic_label_items,
            subtopic_count,
            topic_median_b,
            fsrs: FsrsParams::default(),
        }
    }

    /// The bank this engine was built from.
    pub fn bank(&self) -> &Bank {
        &self.bank
    }

    /// IRT parameters of question `item` as the engine uses them: those of
    /// [`ItemParams::from_meta`], with the slope flattened by how well the
    /// difficulty is known ([`ItemParams::with_difficulty_sd`]): by
    /// [`LABEL_DIFFICULTY_SD`] for a label, by its own `irt_b_sd` for an
    /// authored difficulty.
    pub fn item_params(&self, item: usize) -> Option<ItemParams> {
        self.items.get(item).map(|p| p.params)
    }

    /// The open (interview-mode) questions of `topic`, as bank indices, easiest label first.
    pub fn open_questions(&self, topic: u16) -> Vec<usize> {
        let mut list = self
            .topic_open
            .get(usize::from(topic))
            .cloned()
            .unwrap_or_default();
        crate::order::sort_by(&mut list, |&a, &b| {
            (self.items[a].label, a).cmp(&(self.items[b].label, b))
        });
        list
    }

    /// The index of the question with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The FSRS parameters in use.
    pub fn fsrs_params(&self) -> &FsrsParams {
        &self.fsrs
    }

    /// Progress with no events.
    pub fn empty_progress(&self) -> Progress {
        Progress {
            topics: vec![Evidence::new(); self.topic_items.len()],
            subtopics: vec![Evidence::new(); self.subtopic_count],
            items: vec![ItemRecord::default(); self.items.len()],
            streak: Streak::default(),
            applied_ids: BTreeSet::new(),
            report: ReplayReport::default(),
            derived: Derived::default(),
        }
    }

    /// All learner state from the log, in log order. Deterministic: the same
    /// events give the same `Progress`, bit for bit.
    pub fn replay(&self, events: &[Event]) -> Progress {
        let mut progress = self.empty_progress();
        let mut daily = DailyCache::default();
        for event in events {
            self.apply_with(&mut progress, event, &mut daily);
        }
        progress
    }

    /// Applies one event (the hot path after each answer: O(grid), no replay;
    /// a daily-mode answer also looks up its date's daily challenge).
    pub fn apply(&self, progress: &mut Progress, event: &Event) -> Applied {
        self.apply_with(progress, event, &mut DailyCache::default())
    }

    fn apply_with(
        &self,
        progress: &mut Progress,
        event: &Event,
        daily: &mut DailyCache,
    ) -> Applied {
        if event.version > EVENT_VERSION {
            progress.report.newer_version.push(event.id);
            return Applied::NewerVersion;
        }
        if !progress.applied_ids.insert(event.id) {
            progress.report.duplicates.push(event.id);
            return Applied::Duplicate;
        }
        match &event.body {
            EventBody::StreaksEnabled(enabled) => progress.streak.set_enabled(*enabled),
            // Bookmarks change no estimate, only the list of bookmarks.
            EventBody::Bookmarked { question, on } => {
                progress.derived.bookmark(question, *on, event.at_ms);
            }
            EventBody::KeyEntered { key } => progress.derived.key_entered(key),
            EventBody::Answered(answer) => {
                progress.streak.record_answer(event.local_date);
                progress.derived.count_answer(event.local_date);
                let Some((i, prepared)) = self
                    .find(&answer.question)
                    .and_then(|i| Some((i, self.items.get(i)?)))
                else {
                    progress.report.unknown_questions.push(event.id);
                    return Applied::UnknownQuestion;
                };
                progress.derived.answered(self, daily, event, answer, i);
                let outcome = answer.outcome();
                let meta = &self.bank.items[i];
                let points = meta.options;
                let covered = answer.response.covered(points);
                let log_likelihood = match (meta.kind, covered) {
                    (Kind::Open, Some(covered)) => {
                        LogLikelihood::points(&prepared.params, covered, points)
                    }
                    (Kind::Open, None) => {
                        LogLikelihood::repeated(&prepared.params, outcome, points)
                    }
                    _ => LogLikelihood::new(&prepared.params, outcome),
                };
                if let Some(evidence) = progress.topics.get_mut(prepared.topic) {
                    evidence.record_log_likelihood(&log_likelihood, event.at_ms);
                }
                if let Some(evidence) = progress.subtopics.get_mut(prepared.subtopic) {
                    evidence.record_log_likelihood(&log_likelihood, event.at_ms);
                }
                if let Some(record) = progress.items.get_mut(i) {
                    record.last_seen_ms = Some(
                        record
                            .last_seen_ms
                            .map_or(event.at_ms, |seen| seen.max(event.at_ms)),
                    );
                    record.answers = record.answers.saturating_add(1);
                    record.correct = record.correct.saturating_add(u32::from(answer.correct));
                    let grade = match (meta.kind, covered) {
                        (Kind::Open, Some(covered)) => Grade::from_points(covered, points),
                        _ => Grade::from_answer(outcome, answer.time_taken_ms),
                    };
                    record.card = Some(Card::review(
                        &self.fsrs,
                        record.card.as_ref(),
                        grade,
                        event.local_date,
                    ));
                }
            }
        }
        progress.report.applied += 1;
        Applied::Applied
    }

    /// The learner's ability in `topic` at `now_ms` (the prior for a topic
    /// never practised or out of range).
    pub fn ability(&self, progress: &Progress, topic: u16, now_ms: i64) -> Ability {
        progress
            .topics
            .get(usize::from(topic))
            .map_or_else(Ability::prior, |evidence| evidence.ability(now_ms))
    }

    /// The learner's ability in `subtopic`, borrowing strength from the rest
    /// of its topic (see [`Evidence::ability_in_context`]).
    pub fn subtopic_ability(&self, progress: &Progress, subtopic: u16, now_ms: i64) -> Ability {
        let Some(own) = progress.subtopics.get(usize::from(subtopic)) else {
            return Ability::prior();
        };
        let topic = self
            .bank
            .subtopics
            .get(usize::from(subtopic))
            .and_then(|meta| progress.topics.get(usize::from(meta.topic)));
        match topic {
            Some(topic) => own.ability_in_context(topic, now_ms),
            None => own.ability(now_ms),
        }
    }
}
