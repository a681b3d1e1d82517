//! Lists the app shows on several pages, kept up to date by [`Engine::apply`]
//! so that no page rescans the log: bookmarks, recent mistakes, answers per
//! local date and the daily challenge's progress. Derived state only: the
//! log stays the truth and its bytes are unchanged.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::daily::DAILY_LENGTH;
use crate::engine::{Engine, Progress};
use crate::event::{Answer, Event, Mode, SessionId};
use crate::model::Outcome;
use crate::time::LocalDate;

/// What one local date holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Day {
    /// Answers whose event is dated this day, in every mode.
    answers: u32,
    /// Positions of this date's daily challenge answered in [`Mode::Daily`]
    /// (bit k for the k-th question).
    daily_answered: u8,
    /// Questions in this date's daily challenge (known once one is answered).
    daily_length: u8,
}

/// Bookmarks, mistakes and per-day counts, as [`Progress`] keeps them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Derived {
    /// Bookmarked ids, most recently bookmarked first, with the time of each.
    bookmarks: Vec<String>,
    bookmarked_ms: Vec<i64>,
    /// Items whose latest answer was not correct, with the time of that
    /// answer, oldest first (a log in time order appends at the end).
    mistakes: Vec<(i64, usize)>,
    /// For each item (by index, grown on demand), the time of its entry in
    /// `mistakes`, so that an answer finds it by binary search.
    mistake_ms_by_item: Vec<Option<i64>>,
    days: BTreeMap<LocalDate, Day>,
    /// The sitting of the latest daily answer and the date of its challenge.
    last_daily: Option<(SessionId, LocalDate)>,
    /// Every distinct unlock key entered (their text; the app verifies them), newest first.
    pub(crate) unlock_keys: Vec<String>,
}

/// The daily challenges of the last three dates looked up, so that replaying
/// a log computes each date's challenge about once rather than once per answer.
#[derive(Default)]
pub(crate) struct DailyCache {
    entries: Vec<(LocalDate, Vec<usize>)>,
}

impl DailyCache {
    fn challenge(&mut self, engine: &Engine, date: LocalDate) -> &[usize] {
        let at = match self.entries.iter().position(|(d, _)| *d == date) {
            Some(at) => at,
            None => {
                if self.entries.len() == 3 {
                    self.entries.remove(0);
                }
                self.entries.push((date, engine.daily_challenge(date)));
                self.entries.len() - 1
            }
        };
        &self.entries[at].1
    }
}

impl Derived {
    /// The learner bookmarked `question` (`on`) or removed its bookmark, at
    /// `at_ms`. As the app's list did: the latest event per question in log
    /// order decides, and the list is ordered by that event's time, newest
    /// first, ties in log order.
    /// A key entered at this point of the log: first in the list (it is the newest).
    pub(crate) fn key_entered(&mut self, key: &str) {
        self.unlock_keys.retain(|k| k != key);
        self.unlock_keys.insert(0, key.to_string());
    }

    pub(crate) fn bookmark(&mut self, question: &str, on: bool, at_ms: i64) {
        if let Some(at) = self.bookmarks.iter().position(|q| q == question) {
            self.bookmarks.remove(at);
            self.bookmarked_ms.remove(at);
        }
        if on {
            let at = self.bookmarked_ms.partition_point(|&ms| ms >= at_ms);
            self.bookmarks.insert(at, question.to_string());
            self.bookmarked_ms.insert(at, at_ms);
        }
    }

    /// Any answer, known question or not, counts for its local date.
    pub(crate) fn count_answer(&mut self, date: LocalDate) {
        let day = self.days.entry(date).or_default();
        day.answers = day.answers.saturating_add(1);
    }

    /// An answer to bank item `item`: it leaves the mistakes if correct and
    /// enters them (at its time) otherwise; a daily-mode answer marks its
    /// question of the daily challenge.
    pub(crate) fn answered(
        &mut self,
        engine: &Engine,
        cache: &mut DailyCache,
        event: &Event,
        answer: &Answer,
        item: usize,
    ) {
        if self.mistake_ms_by_item.len() <= item {
            self.mistake_ms_by_item.resize(item + 1, None);
        }
        if let Some(ms) = self.mistake_ms_by_item[item].take() {
            if let Ok(at) = self.mistakes.binary_search(&(ms, item)) {
                self.mistakes.remove(at);
            }
        }
        if answer.outcome() != Outcome::Correct {
            let key = (event.at_ms, item);
            let at = self.mistakes.partition_point(|&entry| entry < key);
            self.mistakes.insert(at, key);
            self.mistake_ms_by_item[item] = Some(event.at_ms);
        }
        if answer.mode == Mode::Daily {
            self.daily_answer(engine, cache, event.local_date, answer.session, item);
        }
    }

    /// Which date's challenge a daily answer belongs to. The event records
    /// only the instant of the answer, and a challenge begun before midnight
    /// may be finished after it, so: the challenge of the previous daily
    /// answer when it was in the same sitting and has this question; else
    /// the event's own local date's when the question is in it; else the day
    /// before's. An answer in none counts for no challenge.
    fn daily_answer(
        &mut self,
        engine: &Engine,
        cache: &mut DailyCache,
        date: LocalDate,
        session: SessionId,
        item: usize,
    ) {
        let sitting = self
            .last_daily
            .filter(|(s, _)| *s == session)
            .map(|(_, d)| d);
        for challenge_date in sitting.into_iter().chain([date, date.add_days(-1)]) {
            let challenge = cache.challenge(engine, challenge_date);
            if let Some(position) = challenge.iter().position(|&i| i == item) {
                let length = challenge.len().min(DAILY_LENGTH) as u8;
                let day = self.days.entry(challenge_date).or_default();
                day.daily_answered |= 1 << position.min(7);
                day.daily_length = length;
                self.last_daily = Some((session, challenge_date));
                return;
            }
        }
    }
}

impl Progress {
    /// Bookmarked question ids, most recently bookmarked first. For each id
    /// the latest bookmark event in log order decides (removing a bookmark
    /// removes it); ids the bank does not have are kept, like their events.
    /// The same list the app computed from the log, except that events of a
    /// newer version and repeated event ids are skipped, as everywhere in
    /// replay.
    pub fn bookmarks(&self) -> &[String] {
        &self.derived.bookmarks
    }

    /// The texts of the unlock keys the learner entered, newest first, each once. They prove
    /// nothing by themselves: the app verifies them at every start, and one that verifies
    /// unlocks (so a damaged copy from an old backup cannot lock out a good key).
    pub fn unlock_keys(&self) -> &[String] {
        &self.derived.unlock_keys
    }

    /// Whether `question` is bookmarked.
    pub fn is_bookmarked(&self, question: &str) -> bool {
        self.derived.bookmarks.iter().any(|q| q == question)
    }

    /// Questions (bank indices) whose latest answer in the log was wrong or
    /// "I don't know", most recent first (ties: the higher index first). A
    /// mistake stays until the question is answered right; there is no time
    /// window.
    pub fn recent_mistakes(
        &self,
    ) -> impl ExactSizeIterator<Item = usize> + DoubleEndedIterator + '_ {
        self.derived.mistakes.iter().rev().map(|&(_, item)| item)
    }

    /// Answers recorded on local date `date` in every mode, answers to
    /// questions the bank no longer has included (the learner did practise):
    /// what the daily goal counts. Each answer counts for the local date
    /// stored in its event.
    pub fn answers_on(&self, date: LocalDate) -> u32 {
        self.derived.days.get(&date).map_or(0, |day| day.answers)
    }

    /// How many of `date`'s daily challenge questions
    /// ([`Engine::daily_challenge`]) have been answered in [`Mode::Daily`],
    /// each counted once. A daily answer counts for the challenge its sitting
    /// was answering (that of the sitting's previous daily answer, when it
    /// has the question), else for its event's local date's when the
    /// question is in it, else for the previous date's (a challenge begun
    /// before midnight and finished after it).
    pub fn daily_answered(&self, date: LocalDate) -> u32 {
        self.derived
            .days
            .get(&date)
            .map_or(0, |day| day.daily_answered.count_ones())
    }

    /// Whether `date`'s daily challenge is finished: every one of its
    /// questions answered ([`DAILY_LENGTH`], fewer only in a tiny bank).
    pub fn daily_done(&self, date: LocalDate) -> bool {
        self.derived.days.get(&date).is_some_and(|day| {
            day.daily_length > 0 && day.daily_answered.count_ones() >= u32::from(day.daily_length)
        })
    }
}

impl Engine {
    /// The questions of `date`'s daily challenge not answered yet, in the
    /// challenge's order (all of them until one is; by the same rule as
    /// [`Progress::daily_answered`]).
    pub fn daily_remaining(&self, progress: &Progress, date: LocalDate) -> Vec<usize> {
        let answered = progress
            .derived
            .days
            .get(&date)
            .map_or(0, |day| day.daily_answered);
        self.daily_challenge(date)
            .into_iter()
            .enumerate()
            .filter(|&(k, _)| answered & (1 << k.min(7)) == 0)
            .map(|(_, item)| item)
            .collect()
    }
}
