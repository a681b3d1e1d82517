//! The daily challenge: the same five questions for every learner on a given
//! local date, from several topics, easiest first.

use crate::engine::Engine;
use crate::rng::{mix_seed, SplitMix64};
use crate::time::LocalDate;

/// Questions in the daily challenge.
pub const DAILY_LENGTH: usize = 5;
/// Salt of the daily seed, so the daily sequence is unrelated to any other
/// seeded choice.
const DAILY_SALT: u64 = 0x5072_6570_7769_7365; // "Prepwise"

/// The difficulty label each position aims for: a ramp from recall to expert.
const DAILY_RAMP: [u8; DAILY_LENGTH] = [1, 2, 3, 4, 5];

impl Engine {
    /// The daily challenge of local date `date`: indices into the bank's
    /// items, easiest first. It depends only on the bank and the date (seeded
    /// by the date), so every learner gets the same questions that day. Each
    /// position takes a different topic while there are topics left, and the
    /// question of its topic whose label is nearest to the ramp's, chosen at
    /// random among equals. Fewer than five only when the bank is that small.
    pub fn daily_challenge(&self, date: LocalDate) -> Vec<usize> {
        let seed = mix_seed(DAILY_SALT, date.days_since_epoch() as u64);
        let mut rng = SplitMix64::new(seed);
        let mut topics: Vec<usize> = (0..self.topic_items.len())
            .filter(|&t| !self.topic_items[t].is_empty())
            .collect();
        rng.shuffle(&mut topics);
        let mut chosen: Vec<usize> = Vec::with_capacity(DAILY_LENGTH);
        for (position, &label) in DAILY_RAMP.iter().enumerate() {
            if topics.is_empty() {
                break;
            }
            let topic = topics[position % topics.len()];
            let candidates: Vec<usize> = self.topic_items[topic]
                .iter()
                .copied()
                .filter(|i| !chosen.contains(i))
                .collect();
            let Some(nearest) = candidates
                .iter()
                .map(|&i| self.items[i].label.abs_diff(label))
                .min()
            else {
                continue;
            };
            let best: Vec<usize> = candidates
                .into_iter()
                .filter(|&i| self.items[i].label.abs_diff(label) == nearest)
                .collect();
            chosen.push(best[rng.below(best.len())]);
        }
        crate::order::sort_by(&mut chosen, |&x, &y| {
            self.items[x]
                .params
                .b
                .total_cmp(&self.items[y].params.b)
                .then(x.cmp(&y))
        });
        chosen
    }
}
