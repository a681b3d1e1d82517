//! The question bank as the engine sees it: topics, subtopics and per-question
//! metadata. The content compiler produces it at build time; the app embeds it.
//! Full question text lives in per-topic chunks (see [`crate::Chunk`]) and is
//! never needed for selection or scoring.

use serde::{Deserialize, Serialize};

/// What the learner is asked to do with a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// Pick the one correct option.
    Single,
    /// Pick every correct option (two or more).
    Multi,
    /// Decide whether a statement is true.
    TrueFalse,
    /// Predict what a code snippet prints (one correct option).
    CodeOutput,
    /// Answer out loud, as in an interview, then tick the key points covered
    /// (its [`ItemMeta::options`] is the number of key points).
    Open,
}

impl Kind {
    /// The slug used in content files and reports.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multi => "multi",
            Kind::TrueFalse => "true_false",
            Kind::CodeOutput => "code_output",
            Kind::Open => "open",
        }
    }

    /// All kinds, in a stable order.
    pub const ALL: [Kind; 5] = [
        Kind::Single,
        Kind::Multi,
        Kind::TrueFalse,
        Kind::CodeOutput,
        Kind::Open,
    ];

    /// Multiple choice of some sort: what adaptive tests, the daily challenge and the free
    /// sample draw on. Open questions are practised on their own.
    pub fn is_choice(self) -> bool {
        self != Kind::Open
    }
}

/// The colour names a topic may take as its [`TopicMeta::tone`]. The app styles each with a CSS
/// class (a light and a dark variant) and the content compiler accepts no other name, so the list
/// lives here, where both read it.
pub const TONES: [&str; 18] = [
    "blue", "teal", "green", "lime", "amber", "orange", "red", "pink", "purple", "indigo", "cyan",
    "slate", "sky", "rose", "violet", "emerald", "brown", "fuchsia",
];

/// A topic on the home screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicMeta {
    pub slug: String,
    pub title: String,
    pub description: String,
    /// In the free tier: usable without the unlock.
    pub free: bool,
    /// SVG path data for a 24×24 viewBox, drawn as a 2 px stroke with no fill. The compiler
    /// admits only path-data characters, so it is safe to place inside a `d="…"` attribute.
    pub icon: String,
    /// One of [`TONES`].
    pub tone: String,
}

/// A subtopic of one topic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubtopicMeta {
    pub slug: String,
    pub title: String,
    pub description: String,
    /// Index into [`Bank::topics`].
    pub topic: u16,
}

/// Everything the engine needs to know about one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemMeta {
    /// Stable id, forever (progress is keyed on it).
    pub id: String,
    /// Index into [`Bank::topics`].
    pub topic: u16,
    /// Index into [`Bank::subtopics`].
    pub subtopic: u16,
    pub kind: Kind,
    /// Authored difficulty label, 1 (recall) to 5 (expert).
    pub difficulty: u8,
    /// Options shown to the learner (2 for true/false); key points of an open question.
    pub options: u8,
    /// Authored override of the IRT discrimination `a`.
    pub irt_a: Option<f32>,
    /// Authored override of the IRT difficulty `b` (logits), stored to 0.01.
    #[serde(with = "centi")]
    pub irt_b: Option<f32>,
    /// How well `irt_b` is known: its standard error (logits, stored to 0.01). `None` with an
    /// `irt_b` means exact (calibrated on enough answers to ignore the error).
    #[serde(with = "centi")]
    pub irt_b_sd: Option<f32>,
    /// In the free tier even when its topic is not.
    pub free: bool,
}

/// The whole bank: topics in display order, their subtopics, and every question.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bank {
    pub topics: Vec<TopicMeta>,
    pub subtopics: Vec<SubtopicMeta>,
    pub items: Vec<ItemMeta>,
}

impl Bank {
    /// The position of a question by id, if the bank has it.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|item| item.id == id)
    }

    /// Indices of the questions of one topic.
    pub fn topic_items(&self, topic: u16) -> impl Iterator<Item = usize> + '_ {
        self.items
            .iter()
            .enumerate()
            .filter(move |(_, item)| item.topic == topic)
            .map(|(i, _)| i)
    }
}

/// An `Option<f32>` in the index as hundredths in an `i16` (two bytes or fewer in postcard,
/// instead of four of a float that hardly compresses): difficulties and their errors need no
/// more than 0.01 logits, and ±327 logits is far past any sane value.
mod centi {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<f32>, s: S) -> Result<S::Ok, S::Error> {
        value
            .map(|v| {
                (v * 100.0)
                    .round()
                    .clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16
            })
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f32>, D::Error> {
        Ok(Option::<i16>::deserialize(d)?.map(|v| f32::from(v) / 100.0))
    }
}
