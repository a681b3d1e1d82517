//! Prepwise's domain logic, pure: no IO, no clock, no entropy of its own.
//! Time and random seeds are parameters, so every function is deterministic and
//! testable natively in milliseconds; the same code runs in the browser as wasm32.
//!
//! # How it measures
//!
//! Item response theory, split as in catR (Magis & Raîche 2012, *J. Stat.
//! Software* 48(8)) into four steps:
//!
//! - **model** ([`ItemParams`]): Birnbaum's three-parameter logistic model
//!   (Birnbaum 1968), `P(θ) = c + (1 − c) σ(a (θ − b))`, and its Fisher
//!   information `I(θ) = a² (Q/P) ((P − c)/(1 − c))²` (Lord 1980). The
//!   authored label maps to difficulty `b = 1.25 · (label − 3)` logits (labels
//!   1…5 → −2.5, −1.25, 0, 1.25, 2.5); discrimination defaults to `a = 1`;
//!   the guessing floor is `c = 1/options` (1/(2^options − 1) for
//!   multi-answer questions). Authored `irt_a`/`irt_b` override both. A
//!   difficulty taken from a label is uncertain (`b ~ N(b, 0.5²)`,
//!   [`LABEL_DIFFICULTY_SD`]: labels are 1.25-logit bins and authors
//!   misjudge), so the engine uses the response function averaged over it,
//!   `a' = a / sqrt(1 + π a² 0.5² / 8)` (0.954 for a = 1; MacKay's probit
//!   approximation); an authored `irt_b` is flattened the same way by its
//!   own standard error `irt_b_sd` (0 when absent: exact). "I don't know" counts
//!   as incorrect with no guessing credit: likelihood `1 − σ(a (θ − b))`.
//! - **estimate** ([`Evidence`], [`Ability`]): an EAP estimate (Bock &
//!   Mislevy 1982) per topic on an 81-point grid over [−10, 10] with a N(0, 1)
//!   prior; SE is the posterior standard deviation. Old answers are weighted
//!   `2^(−age/180 days)` (exponential forgetting), so the interval widens while
//!   a learner is away. Subtopic estimates borrow half-weight evidence from the
//!   rest of their topic (a power prior).
//! - **select** ([`Engine::next_question`]): each of the five slots (two at
//!   the target, one easier, one more at the target, one stretch; predicted
//!   success 0.75, 0.75, 0.85, 0.75, 0.625) is filled after the previous
//!   answer, from the EAP under a wider N(0, 3²) prior
//!   ([`SELECTION_PRIOR_SD`]) so that weak and strong learners alike meet the
//!   success target. Success first: each candidate misses the slot's target
//!   by `|a' (θ̂ − b) − z*|` logits (`a'` the posterior-predictive slope
//!   `a / sqrt(1 + π a² SE² / 8)`, `z*` where the item's success equals the
//!   target), and only those within [`FIT_TOLERANCE_LOGITS`] = 0.6 of the
//!   best stay (at least four). Then information: they are ranked by
//!   `ln I(θ̂) − 0.6 · (questions already taken from the same subtopic)
//!   − 1.0 · min(earlier answers to it, 3)`, and one of the top
//!   [`RANDOMESQUE_K`] = 6 is drawn at random (randomesque exposure
//!   control, Kingsbury & Zara 1989). A question answered in the last
//!   [`NO_REPEAT_WINDOW_DAYS`] days is never asked until the topic runs out.
//! - **start**: until a topic has five answers (its first test), every slot
//!   aims instead at the item's point of maximum information,
//!   `a (θ − b) = ln((1 + sqrt(1 + 8c)) / 2)` (Lord 1980), under the N(0, 1)
//!   prior, and the draw is among the top [`PLACEMENT_RANDOMESQUE_K`] = 3:
//!   nothing is known yet, so the first test measures.
//! - **stop**: fixed length, [`TEST_LENGTH`] = 5.
//!
//! Spaced review is FSRS-6 (Ye, Su & Cao, KDD 2022; fsrs-rs) over every
//! answered question: wrong or "I don't know" → Again, slow → Hard, quick →
//! Easy, otherwise Good.
//!
//! # Learner state
//!
//! The event log ([`Event`]) is the truth: [`Engine::replay`] derives
//! [`Progress`] (abilities, review schedule, streak, and the lists pages
//! show: [`Progress::bookmarks`], [`Progress::recent_mistakes`],
//! [`Progress::answers_on`], [`Progress::daily_answered`]), and
//! [`Engine::apply`] adds one event on the hot path, so no page rescans the
//! log. Answers to unknown questions and events of a newer version are kept
//! in the log, skipped, and listed in the [`ReplayReport`].
//!
//! # Around the measurement
//!
//! - **grading** ([`grade()`]): a response against the question's options,
//!   all or nothing for the log, with counts and right-minus-wrong partial
//!   credit for feedback.
//! - **readiness in words** ([`Readiness::is_settled`],
//!   [`Readiness::answers_to_settle`]): a 95 % range of at most
//!   [`SETTLED_RANGE_POINTS`] score points is settled; the answers still
//!   needed follow from the posterior precision `1/SE²` growing by the
//!   Fisher information of each well-targeted answer.
//! - **plan** ([`Engine::plan`]): weighted topics ordered by weight × gap to
//!   Interview-ready, each with what the model can honestly forecast, and a
//!   daily goal towards an interview date.
//! - **search** ([`SearchIndex`]): typo-tolerant (Damerau–Levenshtein
//!   within 1 or 2 by word length, prefix for the last term) over a
//!   precomputed vocabulary.
//!
//! # Quality
//!
//! `cargo run --release -p engine --example simulate` measures the engine
//! against simulated learners and prints JSON; `tests/simulation.rs` pins the
//! targets with fixed seeds. `--example bench` prints timings.

mod access;
mod bank;
mod corpus;
mod daily;
mod derived;
mod engine;
mod estimate;
mod event;
mod fsrs;
mod grade;
mod model;
pub mod order;
mod plan;
mod readiness;
mod review;
mod rng;
mod search;
mod select;
mod slot;
mod streak;
mod time;

pub use access::{Access, TopicAccess};
pub use bank::{Bank, ItemMeta, Kind, SubtopicMeta, TopicMeta, TONES};
pub use corpus::{
    ChoiceBody, Chunk, Index, OpenBody, QuestionBody, Reference, TrackMeta, TrackTopic,
    CORPUS_FORMAT,
};
pub use daily::DAILY_LENGTH;
pub use engine::{Applied, Engine, ItemRecord, Progress, ReplayReport};
pub use estimate::{
    Ability, Evidence, EVIDENCE_HALF_LIFE_DAYS, GRID_POINTS, SUBTOPIC_CONTEXT_WEIGHT, THETA_MAX,
    THETA_MIN,
};
pub use event::{
    merge_logs, sort_events, Answer, Event, EventBody, EventId, Mode, Response, SessionId,
    EVENT_VERSION,
};
pub use fsrs::{
    Card, FsrsParams, Grade, MemoryState, DESIRED_RETENTION, EASY_WITHIN_MS,
    FSRS6_DEFAULT_PARAMETERS, HARD_AFTER_MS, MAXIMUM_INTERVAL_DAYS,
};
pub use grade::{grade, open_counts_as_correct, Graded};
pub use model::{
    guessing, label_difficulty, logistic, ItemParams, Outcome, DEFAULT_DISCRIMINATION,
    DIFFICULTY_STEP_LOGITS, LABEL_DIFFICULTY_SD, MAX_DIFFICULTY_SD,
};
pub use plan::{
    Focus, Forecast, Plan, TrackReadiness, DAILY_GOAL_RANGE, DEFAULT_DAILY_GOAL,
    INTERVIEW_READY_SCORE,
};
pub use readiness::{
    per_answer_information, Band, Readiness, MAX_ANSWERS_ESTIMATE, SETTLED_RANGE_POINTS,
};
pub use review::Due;
pub use rng::{mix_seed, SplitMix64};
pub use search::{Hit, SearchDoc, SearchIndex};
pub use select::{
    Pick, Scope, Test, TestError, FIT_TOLERANCE_LOGITS, NO_REPEAT_WINDOW_DAYS,
    PLACEMENT_RANDOMESQUE_K, RANDOMESQUE_K, SELECTION_PRIOR_SD, TEST_LENGTH, TEST_PLAN,
};
pub use slot::Slot;
pub use streak::{Streak, StreakStatus, DAILY_GOAL_ANSWERS, DAYS_PER_FREEZE, MAX_FREEZES};
pub use time::{LocalDate, MS_PER_DAY};
