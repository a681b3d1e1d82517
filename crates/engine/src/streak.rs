//! Streaks: consecutive local dates on which the learner met the daily goal,
//! with freezes earned by keeping a streak and spent on missed days, and an
//! opt-out for learners who do not want the pressure.

use serde::{Deserialize, Serialize};

use crate::time::LocalDate;

/// Answers on one local date that make the day count (one test's worth).
pub const DAILY_GOAL_ANSWERS: u32 = 5;
/// A freeze is earned on every multiple of this many streak days.
pub const DAYS_PER_FREEZE: u32 = 7;
/// Freezes a learner can hold at once.
pub const MAX_FREEZES: u32 = 2;

/// The streak as the home screen shows it on one local date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StreakStatus {
    /// The learner opted out: nothing is tracked or shown.
    Off,
    /// A streak is alive: met today, or met on the last active day with every
    /// missed day since covered by a freeze. It ends at local midnight if today
    /// is not met and no freeze is left to cover it.
    Active {
        days: u32,
        done_today: bool,
        answers_today: u32,
        freezes_left: u32,
    },
    /// No streak is running (never started, or broken).
    Inactive {
        best_days: u32,
        answers_today: u32,
        freezes_left: u32,
    },
}

/// Streak state derived from the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Streak {
    enabled: bool,
    days: u32,
    best_days: u32,
    freezes: u32,
    last_goal_date: Option<LocalDate>,
    counting_date: Option<LocalDate>,
    answers_on_counting_date: u32,
}

impl Default for Streak {
    fn default() -> Self {
        Streak {
            enabled: true,
            days: 0,
            best_days: 0,
            freezes: 0,
            last_goal_date: None,
            counting_date: None,
            answers_on_counting_date: 0,
        }
    }
}

impl Streak {
    /// Counts one answer given on local date `date`. The counting date never
    /// moves backwards: after flying west past midnight, or in a merged log,
    /// an answer dated before the latest active date counts towards that date.
    pub(crate) fn record_answer(&mut self, date: LocalDate) {
        if !self.enabled {
            return;
        }
        let date = match self.counting_date {
            Some(current) if date <= current => current,
            _ => date,
        };
        if self.counting_date != Some(date) {
            self.counting_date = Some(date);
            self.answers_on_counting_date = 0;
        }
        self.answers_on_counting_date = self.answers_on_counting_date.saturating_add(1);
        if self.answers_on_counting_date == DAILY_GOAL_ANSWERS {
            self.goal_met(date);
        }
    }

    fn goal_met(&mut self, date: LocalDate) {
        self.days = match self.last_goal_date {
            None => 1,
            Some(last) => {
                let missed = last.days_until(date) - 1;
                if missed <= 0 {
                    self.days + 1
                } else if missed as u32 <= self.freezes {
                    self.freezes -= missed as u32;
                    self.days + 1
                } else {
                    1
                }
            }
        };
        self.best_days = self.best_days.max(self.days);
        self.last_goal_date = Some(date);
        if self.days.is_multiple_of(DAYS_PER_FREEZE) {
            self.freezes = (self.freezes + 1).min(MAX_FREEZES);
        }
    }

    /// Turns tracking on or off. Opting out forgets the running streak and
    /// the freezes (so opting back in starts fresh); the best streak is kept.
    pub(crate) fn set_enabled(&mut self, enabled: bool) {
        if enabled == self.enabled {
            return;
        }
        *self = Streak {
            enabled,
            best_days: self.best_days,
            ..Streak::default()
        };
    }

    /// Whether streaks are tracked.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// The longest streak so far.
    pub fn best_days(&self) -> u32 {
        self.best_days
    }

    /// The streak as seen on local date `today` (the app passes
    /// `LocalDate::from_utc_ms(now_ms, offset)`, so it rolls over at local
    /// midnight).
    pub fn status(&self, today: LocalDate) -> StreakStatus {
        if !self.enabled {
            return StreakStatus::Off;
        }
        let answers_today = match self.counting_date {
            Some(date) if date >= today => self.answers_on_counting_date,
            _ => 0,
        };
        let inactive = StreakStatus::Inactive {
            best_days: self.best_days,
            answers_today,
            freezes_left: self.freezes,
        };
        let Some(last) = self.last_goal_date else {
            return inactive;
        };
        let missed = last.days_until(today) - 1;
        if missed < 0 {
            StreakStatus::Active {
                days: self.days,
                done_today: true,
                answers_today,
                freezes_left: self.freezes,
            }
        } else if missed as u32 <= self.freezes {
            StreakStatus::Active {
                days: self.days,
                done_today: false,
                answers_today,
                freezes_left: self.freezes - missed as u32,
            }
        } else {
            inactive
        }
    }
}
