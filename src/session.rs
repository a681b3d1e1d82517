//! A sitting in progress — an adaptive test, the daily challenge or a review round — as plain
//! data: serializable (a reload resumes it), pure (tested natively), driven by the engine.

use engine::{
    Access, Engine, LocalDate, Mode, Progress, Readiness, Response, Scope, SessionId, SplitMix64,
    Test, TestError,
};
use serde::{Deserialize, Serialize};

use crate::router::Route;

/// What a sitting is, which names it and the page that resumes it. The app keeps at most one
/// unfinished sitting of each kind, so starting one never throws another away.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SittingKind {
    /// An adaptive test of a topic (by slug), or of every topic (`mixed`).
    Test(String),
    /// The daily challenge of a local date.
    Daily(LocalDate),
    /// A review round: due questions, mistakes or bookmarks.
    Review,
    /// The questions missed in a sitting, asked again.
    Retry,
    /// The gentle first sitting after the first run (levels 1–2 in the chosen track).
    Starter,
    /// One question on its own page (from search, a list or a link).
    Single(String),
}

impl SittingKind {
    /// The page that shows (and resumes) the sitting.
    pub fn route(&self) -> Route {
        match self {
            SittingKind::Test(slug) => Route::Test(slug.clone()),
            SittingKind::Daily(_) => Route::Daily,
            SittingKind::Review => Route::Review,
            SittingKind::Retry => Route::Retry,
            SittingKind::Starter => Route::Start,
            SittingKind::Single(id) => Route::Question(id.clone()),
        }
    }
}

/// Where the questions of a session come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Source {
    /// Adaptive: each question chosen by the engine after the previous answer.
    Adaptive(Test),
    /// A fixed list (daily challenge, review round), asked in order.
    Fixed(Vec<usize>),
}

/// One question of a session, as shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Asked {
    /// Index into the bank's items.
    pub item: usize,
    /// Display order of the options: `order[k]` is the content index of the k-th option shown.
    pub order: Vec<u8>,
    /// When it was shown, UTC ms (the time taken is measured from here).
    pub shown_ms: i64,
    /// The learner's response and whether it was right, once submitted.
    pub answer: Option<(Response, bool)>,
}

/// A sitting in progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub mode: Mode,
    /// What the sitting is; names the page that resumes it.
    pub kind: SittingKind,
    pub source: Source,
    pub asked: Vec<Asked>,
    /// Readiness of the session's topics when it began (topic, readiness).
    pub before: Vec<(u16, Readiness)>,
    pub started_ms: i64,
    /// Set when the learner moves on from the last question (or the source runs out).
    closed: bool,
    rng: SplitMix64,
}

/// Why a session could not start.
#[derive(Clone, Debug, PartialEq)]
pub enum StartError {
    /// Occurs when there is nothing to ask (an empty review queue, an empty topic).
    NothingToAsk,
    /// Occurs when the free tier opens nothing of what was asked for: the unlock screen.
    Locked,
}

impl Session {
    /// Ends an adaptive test with an open (interview) question when its last topic has one to
    /// ask ([`engine::Test::with_open_question`]); a fixed list is left as it is.
    pub fn with_open_question(mut self, on: bool) -> Self {
        if let Source::Adaptive(test) = &mut self.source {
            *test = test.clone().with_open_question(on);
        }
        self
    }

    /// An adaptive test over `scope`, with its first question chosen.
    pub fn adaptive(
        engine: &Engine,
        progress: &Progress,
        scope: &Scope,
        access: Access,
        kind: SittingKind,
        now_ms: i64,
        seed: u64,
    ) -> Result<Session, StartError> {
        let test = engine
            .start_test(progress, scope, access, seed)
            .map_err(|e| match e {
                TestError::Locked => StartError::Locked,
                _ => StartError::NothingToAsk,
            })?;
        let topics = match scope {
            Scope::Topic(t) => vec![*t],
            Scope::Mixed(ts) => ts.clone(),
        };
        Session::begin(
            engine,
            progress,
            Mode::Test,
            kind,
            Source::Adaptive(test),
            &topics,
            now_ms,
            seed,
        )
    }

    /// A fixed list of questions (daily challenge, review round).
    pub fn fixed(
        engine: &Engine,
        progress: &Progress,
        mode: Mode,
        kind: SittingKind,
        items: Vec<usize>,
        now_ms: i64,
        seed: u64,
    ) -> Result<Session, StartError> {
        let mut topics: Vec<u16> = Vec::new();
        for topic in items
            .iter()
            .filter_map(|&i| engine.bank().items.get(i))
            .map(|m| m.topic)
        {
            engine::order::insert_unique(&mut topics, topic);
        }
        Session::begin(
            engine,
            progress,
            mode,
            kind,
            Source::Fixed(items),
            &topics,
            now_ms,
            seed,
        )
    }

    #[allow(clippy::too_many_arguments)]
    /// A sitting with its first question on screen, or `NothingToAsk`.
    fn begin(
        engine: &Engine,
        progress: &Progress,
        mode: Mode,
        kind: SittingKind,
        source: Source,
        topics: &[u16],
        now_ms: i64,
        seed: u64,
    ) -> Result<Session, StartError> {
        let mut session = Session {
            id: SessionId(seed),
            mode,
            kind,
            source,
            asked: Vec::new(),
            before: topics
                .iter()
                .map(|&t| (t, engine.readiness(progress, t, now_ms)))
                .collect(),
            started_ms: now_ms,
            closed: false,
            rng: SplitMix64::new(seed ^ 0x0BAD_5EED),
        };
        if !session.advance(engine, progress, now_ms) {
            return Err(StartError::NothingToAsk);
        }
        Ok(session)
    }

    /// How many questions the session has in all.
    pub fn length(&self) -> usize {
        match &self.source {
            Source::Adaptive(_) => engine::TEST_LENGTH,
            Source::Fixed(items) => items.len(),
        }
    }

    /// The question on screen: the last one asked.
    pub fn current(&self) -> Option<&Asked> {
        self.asked.last()
    }

    /// How many questions have been answered.
    pub fn answered(&self) -> usize {
        self.asked.iter().filter(|a| a.answer.is_some()).count()
    }

    /// Whether the learner has moved on from the last question (results are due).
    pub fn is_finished(&self) -> bool {
        self.closed
    }

    /// Shows the next question. Returns false when there is none (the session is over).
    /// `progress` must already include every answer of this session.
    pub fn advance(&mut self, engine: &Engine, progress: &Progress, now_ms: i64) -> bool {
        if self.asked.last().is_some_and(|a| a.answer.is_none()) {
            return true; // the current question is still open
        }
        if self.asked.len() >= self.length() {
            self.closed = true;
            return false;
        }
        let item = match &mut self.source {
            Source::Adaptive(test) => engine
                .next_question(progress, test, now_ms)
                .map(|pick| pick.item),
            Source::Fixed(items) => items.get(self.asked.len()).copied(),
        };
        let Some(item) = item else {
            self.closed = true;
            return false;
        };
        let meta = engine.bank().items.get(item);
        let options = meta.map_or(0, |m| m.options);
        let mut order: Vec<u8> = (0..options).collect();
        // An open question's key points keep the order the model answer makes them in.
        if meta.is_some_and(|m| m.kind.is_choice()) {
            self.rng.shuffle(&mut order);
        }
        self.asked.push(Asked {
            item,
            order,
            shown_ms: now_ms,
            answer: None,
        });
        true
    }

    /// Records the answer to the current question, graded by the caller (`engine::grade`);
    /// returns what the log needs: the response (in content indices), whether it was right, and
    /// the time taken. `None` when the question was answered already.
    pub fn answer(
        &mut self,
        response: Response,
        correct: bool,
        now_ms: i64,
    ) -> Option<(usize, Response, bool, u32)> {
        let asked = self.asked.last_mut()?;
        if asked.answer.is_some() {
            return None;
        }
        let elapsed = (now_ms - asked.shown_ms).clamp(0, i64::from(u32::MAX)) as u32;
        asked.answer = Some((response.clone(), correct));
        Some((asked.item, response, correct, elapsed))
    }

    /// Correct answers so far.
    pub fn score(&self) -> usize {
        self.asked
            .iter()
            .filter(|a| matches!(a.answer, Some((_, true))))
            .count()
    }

    /// The sittings as stored, tagged with the corpus they index into: `corpus` (the build's
    /// corpus fingerprint) as 8 bytes, then postcard.
    pub fn encode_all(sittings: &[Session], corpus: u64) -> Vec<u8> {
        let mut bytes = corpus.to_le_bytes().to_vec();
        bytes.extend(postcard::to_allocvec(sittings).expect("sittings always serialize"));
        bytes
    }

    /// Stored sittings, only if they were saved over the same corpus: their questions are
    /// positions in the bank, which another build may order differently. (Their answers are in
    /// the log by question id either way; only unfinished sittings are dropped.)
    pub fn decode_all(bytes: &[u8], corpus: u64) -> Option<Vec<Session>> {
        let (tag, body) = bytes.split_at_checked(8)?;
        if u64::from_le_bytes(tag.try_into().ok()?) != corpus {
            return None;
        }
        postcard::from_bytes(body).ok()
    }
}

/// A gentle first sitting: `n` questions of levels 1–2 from the weighted topics (heaviest first,
/// one topic after another so the first questions show the range), chosen at random within
/// each topic by `seed`.
pub fn starter_items(
    bank: &engine::Bank,
    weighted: &[(u16, u8)],
    n: usize,
    seed: u64,
    open: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut rng = SplitMix64::new(seed);
    let topics: Vec<u16> = weighted
        .iter()
        .filter(|(_, w)| *w > 0)
        .map(|(t, _)| *t)
        .collect();
    let mut pools: Vec<Vec<usize>> = topics
        .iter()
        .map(|&t| {
            let mut pool: Vec<usize> = bank
                .topic_items(t)
                .filter(|&i| bank.items[i].difficulty <= 2 && open(i))
                .collect();
            rng.shuffle(&mut pool);
            pool
        })
        .collect();
    let mut picked = Vec::new();
    while picked.len() < n && pools.iter().any(|p| !p.is_empty()) {
        for pool in pools.iter_mut() {
            if picked.len() == n {
                break;
            }
            if let Some(item) = pool.pop() {
                picked.push(item);
            }
        }
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::{Bank, ItemMeta, Kind, SubtopicMeta, TopicMeta};

    fn engine_with(questions: usize) -> Engine {
        let topic = TopicMeta {
            slug: "t".into(),
            title: "T".into(),
            description: String::new(),
            free: true,
            icon: String::new(),
            tone: String::new(),
        };
        let subtopic = SubtopicMeta {
            slug: "s".into(),
            title: "S".into(),
            description: String::new(),
            topic: 0,
        };
        let items = (0..questions)
            .map(|i| ItemMeta {
                id: format!("t-{i:03}"),
                topic: 0,
                subtopic: 0,
                kind: Kind::Single,
                difficulty: (i % 5 + 1) as u8,
                options: 4,
                irt_a: None,
                irt_b: None,
                irt_b_sd: None,
                free: true,
            })
            .collect();
        Engine::new(Bank {
            topics: vec![topic],
            subtopics: vec![subtopic],
            items,
        })
    }

    #[test]
    fn an_adaptive_session_asks_five_distinct_questions_then_closes() {
        let engine = engine_with(30);
        let progress = engine.empty_progress();
        let mut session = Session::adaptive(
            &engine,
            &progress,
            &Scope::Topic(0),
            Access::Unlocked,
            SittingKind::Test("t".into()),
            0,
            42,
        )
        .unwrap();
        let mut seen = Vec::new();
        for n in 1..=5 {
            let asked = session.current().unwrap().clone();
            assert_eq!(session.asked.len(), n);
            assert_eq!(asked.order.len(), 4, "every option is shown once");
            seen.push(asked.item);
            assert!(session.answer(Response::DontKnow, false, 1_000).is_some());
            assert!(
                session.answer(Response::DontKnow, false, 1_000).is_none(),
                "an answer is recorded once"
            );
            assert!(
                !session.is_finished(),
                "results wait until the learner moves on"
            );
            session.advance(&engine, &progress, 2_000);
        }
        assert!(session.is_finished());
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 5);
        assert_eq!(session.score(), 0);
    }

    #[test]
    fn a_session_survives_encoding_for_a_reload() {
        let engine = engine_with(10);
        let progress = engine.empty_progress();
        let mut session = Session::fixed(
            &engine,
            &progress,
            Mode::Daily,
            SittingKind::Daily(LocalDate::from_ymd(2026, 12, 7).unwrap()),
            vec![3, 1, 4],
            0,
            7,
        )
        .unwrap();
        session.answer(Response::Chose(vec![2]), true, 500).unwrap();
        let both = vec![session.clone(), session.clone()];
        let restored = Session::decode_all(&Session::encode_all(&both, 42), 42).unwrap();
        assert_eq!(restored, both);
        assert_eq!(restored[0].score(), 1);
        assert_eq!(
            Session::decode_all(&Session::encode_all(&both, 42), 43),
            None,
            "a sitting saved over another corpus is not resumed"
        );
        assert_eq!(
            Session::decode_all(&[1, 2, 3], 42),
            None,
            "damaged bytes are refused, not panicked on"
        );
        let mut cut = Session::encode_all(&both, 42);
        cut.truncate(12);
        assert_eq!(Session::decode_all(&cut, 42), None);
    }

    #[test]
    fn the_starter_asks_easy_questions_across_the_heaviest_topics() {
        let engine = engine_with(30);
        let picked = starter_items(engine.bank(), &[(0, 3)], 5, 9, |_| true);
        assert_eq!(picked.len(), 5);
        assert!(picked
            .iter()
            .all(|&i| engine.bank().items[i].difficulty <= 2));
        let mut unique = picked.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 5, "no question twice");
        assert!(
            starter_items(engine.bank(), &[(0, 0)], 5, 9, |_| true).is_empty(),
            "topics outside the track are not asked"
        );
    }

    #[test]
    fn an_empty_review_has_nothing_to_ask() {
        let engine = engine_with(10);
        let progress = engine.empty_progress();
        let started = Session::fixed(
            &engine,
            &progress,
            Mode::Review,
            SittingKind::Review,
            vec![],
            0,
            1,
        );
        assert_eq!(started.err(), Some(StartError::NothingToAsk));
    }
}
