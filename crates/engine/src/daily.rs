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
            // The candidates are the topic's questions not chosen yet whose
            // label is nearest the ramp's: those of the labels `label ± d`
            // for the smallest d that has any, in the bank's order.
            let by_label = &self.topic_label_items[topic];
            let free = |i: &&usize| !chosen.contains(*i);
            let labels_at = |d: u8| {
                let below = label.checked_sub(d).filter(|&l| l >= 1);
                let above = Some(label + d).filter(|&l| l <= 5 && d > 0);
                [below, above].map(|l| l.map_or(&[][..], |l| &by_label[usize::from(l) - 1][..]))
            };
            let Some([low, high]) = (0..5)
                .map(labels_at)
                .find(|lists| lists.iter().any(|list| list.iter().any(|i| free(&i))))
            else {
                continue;
            };
            let count = low.iter().chain(high).filter(free).count();
            let nth = rng.below(count);
            if let Some(pick) = merge_ascending(low, high)
                .filter(|i| !chosen.contains(i))
                .nth(nth)
            {
                chosen.push(pick);
            }
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

/// The items of two ascending lists, in ascending order.
fn merge_ascending<'a>(a: &'a [usize], b: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    core::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(&&x), Some(&&y)) if y < x => b.next().copied(),
        (Some(_), _) => a.next().copied(),
        (None, _) => b.next().copied(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Bank, ItemMeta, Kind, TopicMeta};
    use proptest::prelude::*;

    /// The first implementation (a scan of the topic per position), kept to
    /// show that the by-label lists choose exactly the same questions.
    fn daily_challenge_by_scan(engine: &Engine, date: LocalDate) -> Vec<usize> {
        let seed = mix_seed(DAILY_SALT, date.days_since_epoch() as u64);
        let mut rng = SplitMix64::new(seed);
        let mut topics: Vec<usize> = (0..engine.topic_items.len())
            .filter(|&t| !engine.topic_items[t].is_empty())
            .collect();
        rng.shuffle(&mut topics);
        let mut chosen: Vec<usize> = Vec::with_capacity(DAILY_LENGTH);
        for (position, &label) in DAILY_RAMP.iter().enumerate() {
            if topics.is_empty() {
                break;
            }
            let topic = topics[position % topics.len()];
            let candidates: Vec<usize> = engine.topic_items[topic]
                .iter()
                .copied()
                .filter(|i| !chosen.contains(i))
                .collect();
            let Some(nearest) = candidates
                .iter()
                .map(|&i| engine.items[i].label.abs_diff(label))
                .min()
            else {
                continue;
            };
            let best: Vec<usize> = candidates
                .into_iter()
                .filter(|&i| engine.items[i].label.abs_diff(label) == nearest)
                .collect();
            chosen.push(best[rng.below(best.len())]);
        }
        crate::order::sort_by(&mut chosen, |&x, &y| {
            engine.items[x]
                .params
                .b
                .total_cmp(&engine.items[y].params.b)
                .then(x.cmp(&y))
        });
        chosen
    }

    fn bank(topics: u16, items: &[(u16, u8)]) -> Bank {
        Bank {
            topics: (0..topics)
                .map(|t| TopicMeta {
                    slug: format!("t{t}"),
                    title: String::new(),
                    description: String::new(),
                    free: true,
                    icon: String::new(),
                    tone: String::new(),
                })
                .collect(),
            subtopics: Vec::new(),
            items: items
                .iter()
                .enumerate()
                .map(|(i, &(topic, difficulty))| ItemMeta {
                    id: format!("q{i}"),
                    topic: topic % topics,
                    subtopic: 0,
                    kind: Kind::Single,
                    difficulty,
                    options: 4,
                    irt_a: None,
                    irt_b: None,
                    irt_b_sd: None,
                    free: true,
                })
                .collect(),
        }
    }

    proptest! {
        #[test]
        fn by_label_lists_choose_as_the_scan_did(
            topics in 1u16..6,
            items in proptest::collection::vec((0u16..6, 0u8..8), 0..80),
            days in -1_000i32..40_000,
        ) {
            let engine = Engine::new(bank(topics, &items));
            let date = LocalDate::from_days_since_epoch(days);
            prop_assert_eq!(engine.daily_challenge(date), daily_challenge_by_scan(&engine, date));
        }
    }
}
