//! The spaced-review queue: answered questions whose FSRS due date has come.

use serde::{Deserialize, Serialize};

use crate::engine::{Engine, Progress};
use crate::time::LocalDate;

/// A question due for review.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Due {
    /// Index into the bank's items.
    pub item: usize,
    /// The date it fell due.
    pub due: LocalDate,
    /// Its predicted probability of recall today.
    pub retrievability: f64,
}

impl Engine {
    /// Questions due on local date `today` (due date on or before it), the
    /// most likely forgotten first, at most `limit` of them.
    pub fn review_queue(&self, progress: &Progress, today: LocalDate, limit: usize) -> Vec<Due> {
        let mut due: Vec<Due> = progress
            .items
            .iter()
            .enumerate()
            .take(self.items.len())
            .filter_map(|(item, record)| {
                let card = record.card.as_ref()?;
                (card.due <= today).then(|| Due {
                    item,
                    due: card.due,
                    retrievability: card.retrievability(&self.fsrs, today),
                })
            })
            .collect();
        crate::order::sort_by(&mut due, |x, y| {
            x.retrievability
                .total_cmp(&y.retrievability)
                .then(x.due.cmp(&y.due))
                .then(x.item.cmp(&y.item))
        });
        due.truncate(limit);
        due
    }
}
