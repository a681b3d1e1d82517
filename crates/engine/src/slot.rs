//! The roles a question can play in a test and the success each aims for.
//! Both the prepared bank ([`crate::Engine`]) and selection read them, so
//! they live apart from both: `engine` and `select` depend on this module,
//! never on each other in a circle.

use serde::{Deserialize, Serialize};

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

    /// The logit `a (θ − b)` at which an item with guessing floor `c`
    /// reaches the slot's target: solving `c + (1 − c) σ(z) = p*` gives
    /// `z* = ln((p* − c) / (1 − p*))`, with the known share
    /// `(p* − c) / (1 − c)` kept within [0.02, 0.98] so that an item whose
    /// floor is at or above the target still gets a finite aim.
    pub(crate) fn target_logit(self, c: f64) -> f64 {
        let known = ((self.target_p() - c) / (1.0 - c)).clamp(0.02, 0.98);
        (known / (1.0 - known)).ln()
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Slot::Easier => 0,
            Slot::Target => 1,
            Slot::Stretch => 2,
        }
    }
}
