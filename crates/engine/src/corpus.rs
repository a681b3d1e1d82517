//! The compiled corpus as shipped: an index (the [`Bank`] plus where each
//! topic's text lives) and one [`Chunk`] of full text per topic. All text is
//! HTML rendered and sanitized at build time by the content compiler.

use serde::{Deserialize, Serialize};

use crate::Bank;

/// Bumped whenever the serialized shape of [`Index`] or [`Chunk`] changes.
pub const CORPUS_FORMAT: u32 = 5;

/// The small part of the corpus that the home screen and the engine need.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    /// [`CORPUS_FORMAT`] of the writer.
    pub format: u32,
    pub bank: Bank,
    /// For each topic (same order as `bank.topics`), the content-hashed file
    /// name of its chunk, relative to the corpus folder.
    pub chunks: Vec<String>,
    /// The roles a learner can prepare for, in the order of `content/tracks.toml`.
    pub tracks: Vec<TrackMeta>,
}

/// A role whose interviews a learner prepares for ("ML engineer"): the topics
/// those interviews ask about, each weighted by how much.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackMeta {
    pub slug: String,
    pub title: String,
    /// One sentence: what the role's interviews stress.
    pub description: String,
    /// In the order the track lists them; each topic at most once.
    pub topics: Vec<TrackTopic>,
}

/// One topic of a [`TrackMeta`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackTopic {
    /// Index into [`Bank::topics`].
    pub topic: u16,
    /// How much the role's interviews ask about it: 3 core, 2 often, 1 touched on
    /// (the compiler admits only 1..=3).
    pub weight: u8,
}

/// One option of a question, as shown and graded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChoiceBody {
    /// The option itself, inline HTML.
    pub html: String,
    pub correct: bool,
    /// Why a distractor is wrong (or why a correct option is right, when
    /// authored), inline HTML; may be empty for a correct option.
    pub why_html: String,
}

/// A source for further reading.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The source by title, plain text.
    pub title: String,
    /// Where to read it, when the author gave an address: always `http://` or `https://`
    /// (the content compiler rejects anything else).
    pub url: Option<String>,
}

/// The full text of one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionBody {
    /// Same id as the matching [`crate::ItemMeta`].
    pub id: String,
    pub prompt_html: String,
    /// Highlighted code block, if the question has one.
    pub code_html: Option<String>,
    pub choices: Vec<ChoiceBody>,
    pub explanation_html: String,
    pub references: Vec<Reference>,
    pub tags: Vec<String>,
    /// (year, month) its version-, vendor- or date-dependent facts were checked, if any.
    pub as_of: Option<(u16, u8)>,
    /// What only an open question has (its model answer is `explanation_html`; `choices` is
    /// empty).
    pub open: Option<OpenBody>,
}

/// The parts of an open (interview-mode) question besides its prompt and model answer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OpenBody {
    /// 3–6 one-line points an interviewer listens for, inline HTML, in the order the model
    /// answer makes them.
    pub key_points_html: Vec<String>,
    /// 0–3 questions an interviewer would ask next, inline HTML.
    pub follow_ups_html: Vec<String>,
    /// Claims that sound right and are wrong, inline HTML.
    pub pitfalls_html: Vec<String>,
    /// Suggested time to answer out loud.
    pub seconds: u16,
}

impl QuestionBody {
    /// "As of Nov 2026" for a dated question: shown under its explanation so a learner knows the
    /// facts may have moved on since.
    pub fn as_of_words(&self) -> Option<String> {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let (year, month) = self.as_of?;
        let name = MONTHS.get(usize::from(month).checked_sub(1)?)?;
        Some(format!("As of {name} {year}"))
    }

    /// Indices of the correct options, in content order.
    pub fn correct_options(&self) -> Vec<u8> {
        self.choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| i as u8)
            .collect()
    }
}

/// The full text of one topic's questions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    /// [`CORPUS_FORMAT`] of the writer.
    pub format: u32,
    /// Slug of the topic.
    pub topic: String,
    pub questions: Vec<QuestionBody>,
}
