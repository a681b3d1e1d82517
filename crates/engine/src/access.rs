//! What a learner may open: the one place the free tier is decided. The content marks what is
//! free (whole topics, and a fixed sample of every other topic); an unlock opens everything;
//! and a question the learner has already answered stays open whatever happens, so review is
//! never locked. Selection takes an [`Access`] when a test starts; the app asks
//! [`Engine::may_open`] and [`Engine::topic_access`] for everything it shows.

use serde::{Deserialize, Serialize};

use crate::engine::{Engine, Progress};

/// Whether the learner has unlocked everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    /// The free tier.
    Free,
    /// A verified key: everything.
    Unlocked,
}

/// How much of one topic the learner may open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TopicAccess {
    /// Questions in the topic.
    pub total: usize,
    /// Of those, questions the learner may open now.
    pub open: usize,
    /// Free questions (the topic's sample; all of a free topic).
    pub free: usize,
    /// Free questions not answered yet: while there are any, a free test can start.
    pub free_unanswered: usize,
}

impl TopicAccess {
    /// Everything in the topic is open.
    pub fn is_open(&self) -> bool {
        self.open == self.total
    }

    /// A test can start: the topic is open, or free questions are left to try.
    pub fn can_start(&self) -> bool {
        self.total > 0 && (self.is_open() || self.free_unanswered > 0)
    }
}

impl Engine {
    /// Whether question `item` may be opened: unlocked, free, or answered before.
    pub fn may_open(&self, access: Access, progress: &Progress, item: usize) -> bool {
        access == Access::Unlocked
            || self.bank.items.get(item).is_some_and(|meta| meta.free)
            || progress.item(item).is_some_and(|r| r.answers > 0)
    }

    /// How much of `topic` may be opened.
    pub fn topic_access(&self, access: Access, progress: &Progress, topic: usize) -> TopicAccess {
        let items = self.topic_items.get(topic).map_or(&[][..], Vec::as_slice);
        let mut out = TopicAccess {
            total: items.len(),
            open: 0,
            free: 0,
            free_unanswered: 0,
        };
        for &i in items {
            let free = self.bank.items[i].free;
            let answered = progress.item(i).is_some_and(|r| r.answers > 0);
            out.open += usize::from(self.may_open(access, progress, i));
            out.free += usize::from(free);
            out.free_unanswered += usize::from(free && !answered);
        }
        out
    }
}
