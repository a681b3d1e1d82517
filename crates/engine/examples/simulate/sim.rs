//! The measurement simulation, shared by `examples/simulate` (prints JSON) and
//! `tests/simulation.rs` (pins the targets). Simulated learners with known
//! ability answer through the engine's public API, exactly as the app does:
//! each answer becomes an [`Event`] applied to [`Progress`].

use engine::{
    label_difficulty, mix_seed, Access, Answer, Bank, Engine, Event, EventId, Evidence, ItemMeta,
    ItemParams, Kind, LocalDate, Mode, Outcome, Progress, Response, Scope, SessionId, SplitMix64,
    SubtopicMeta, TopicMeta, MS_PER_DAY, NO_REPEAT_WINDOW_DAYS, TEST_LENGTH,
};
use serde::Serialize;

/// How the simulation is run.
#[derive(Clone, Debug, Serialize)]
pub struct SimConfig {
    pub learners: usize,
    pub seed: u64,
    /// Tests each learner takes, all in one topic (5 answers each).
    pub tests_per_learner: usize,
    /// Days between a learner's tests in that topic.
    pub days_between_tests: i64,
    /// Answer counts at which the estimate is scored.
    pub checkpoints: Vec<usize>,
    /// SD of true difficulty around the mapped label (mislabelling).
    pub difficulty_noise_sd: f64,
    /// SD of ln(a) of the true discrimination.
    pub log_discrimination_sd: f64,
    /// An open question's key points: the true discrimination of one point (times the same
    /// log-normal noise as any item's).
    pub open_point_discrimination: f64,
    /// SD of an open answer's own luck (logits, shared by all its points): the points of one
    /// answer hang together, which the engine's independent points ignore.
    pub open_answer_sd: f64,
    /// The range of a learner's self-grading bias: the chance of ticking a point not covered,
    /// drawn per learner.
    pub self_credit: (f64, f64),
    /// Where the true difficulties come from: an authored `irt_b` with its own `irt_b_sd`
    /// where the bank has one (else the label with `difficulty_noise_sd`), or the labels alone.
    pub truth: DifficultySource,
    /// What the engine is told: the bank as it is, or its labels alone (every `irt_b` dropped),
    /// so that one truth can be measured with and without the authored difficulties.
    pub engine_sees: DifficultySource,
}

/// Whose difficulties to use: the bank's authored ones where present, or only the labels.
#[allow(dead_code)] // chosen by examples/simulate's flags; tests/simulation.rs uses the default
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DifficultySource {
    Authored,
    Labels,
}

#[allow(dead_code)]
impl DifficultySource {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "authored" => Some(DifficultySource::Authored),
            "labels" => Some(DifficultySource::Labels),
            _ => None,
        }
    }
}

impl SimConfig {
    /// The configuration the targets are stated for, with `learners` learners.
    pub fn standard(learners: usize, seed: u64) -> Self {
        SimConfig {
            learners,
            seed,
            tests_per_learner: 10,
            days_between_tests: 4,
            checkpoints: vec![5, 10, 20, 50],
            difficulty_noise_sd: 0.5,
            log_discrimination_sd: 0.25,
            open_point_discrimination: 0.8,
            open_answer_sd: 0.6,
            self_credit: (0.10, 0.20),
            truth: DifficultySource::Authored,
            engine_sees: DifficultySource::Authored,
        }
    }
}

/// The item-choosing rule under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Policy {
    /// The engine as the app uses it: each question chosen after the last answer.
    Engine,
    /// The engine choosing all five questions up front (`build_test`).
    EngineWholeTest,
    /// A uniformly random question of the topic (same no-repeat window).
    Random,
    /// Difficulty labels as a staircase: start at 3, one label harder after a
    /// test with ≥ 80 % correct, one easier after ≤ 40 % (same window).
    Staircase,
    /// The engine with `Test::with_open_question`: the last question of each
    /// test an open one, answered out loud and self-graded with a bias.
    EngineWithOpen,
}

impl Policy {
    pub const ALL: [Policy; 5] = [
        Policy::Engine,
        Policy::EngineWholeTest,
        Policy::Random,
        Policy::Staircase,
        Policy::EngineWithOpen,
    ];

    fn name(self) -> &'static str {
        match self {
            Policy::Engine => "engine",
            Policy::EngineWholeTest => "engine_whole_test",
            Policy::Random => "random",
            Policy::Staircase => "staircase",
            Policy::EngineWithOpen => "engine_with_open",
        }
    }
}

/// Estimate quality after a number of answers.
#[derive(Clone, Debug, Serialize)]
pub struct Checkpoint {
    pub answers: usize,
    pub r: f64,
    pub rmse: f64,
    pub bias: f64,
    pub coverage_95: f64,
    pub mean_se: f64,
}

/// Realised success of learners whose true θ is in [from, to).
#[derive(Clone, Debug, Serialize)]
pub struct Bin {
    pub theta_from: f64,
    pub theta_to: f64,
    pub learners: usize,
    pub answers: usize,
    pub success: f64,
    /// Success in each of the learners' tests, first to last.
    pub success_by_test: Vec<f64>,
}

/// Everything measured for one policy.
#[derive(Clone, Debug, Serialize)]
pub struct PolicyReport {
    pub policy: &'static str,
    pub checkpoints: Vec<Checkpoint>,
    pub success_by_theta_bin: Vec<Bin>,
    pub success_overall: f64,
    /// Largest share of a topic's tests that contained one question.
    pub max_exposure: f64,
    /// Share of answers to a question the same learner answered within the
    /// no-repeat window.
    pub repeat_rate: f64,
    /// Share of answers to a question the learner had answered before, longer
    /// ago than the window (allowed; reported for transparency).
    pub reuse_after_window_rate: f64,
}

/// Shape of the bank simulated on.
#[derive(Clone, Debug, Serialize)]
pub struct BankShape {
    pub source: String,
    pub topics: usize,
    pub items: usize,
    pub items_per_label: [usize; 5],
    pub true_false: usize,
    pub multi: usize,
    pub subtopics: usize,
}

/// One target and whether it is met.
#[derive(Clone, Debug, Serialize)]
pub struct TargetCheck {
    pub target: String,
    pub met: bool,
    pub value: String,
}

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct SimReport {
    pub config: SimConfig,
    pub bank: BankShape,
    pub policies: Vec<PolicyReport>,
    /// The reference of a bank of four-option questions: a CAT that may
    /// invent a four-option question of any difficulty, always at the point of
    /// maximum information for the current estimate (same learners' θ
    /// distribution, same mislabelling and discrimination noise, same EAP).
    /// Its expected r after 5 answers is 0.600; with only the five labels'
    /// difficulties the best any rule can do is 0.596 (an exhaustive search
    /// over all five-question adaptive designs, see the README). A bank with
    /// multi-answer questions (guessing floor 1/31) can go beyond it.
    pub information_ceiling: Vec<Checkpoint>,
    pub targets: Vec<TargetCheck>,
    pub all_targets_met: bool,
}

/// Labels 1–5 of a topic's 52 questions: 9/11/12/11/9, as in the corpus.
const LABEL_COUNTS: [usize; 5] = [9, 11, 12, 11, 9];

/// Topic `t` of a synthetic bank (the first two free, like the corpus).
fn synthetic_topic(t: u16) -> TopicMeta {
    TopicMeta {
        slug: format!("topic-{t:02}"),
        title: format!("Topic {t}"),
        description: String::new(),
        free: t < 2,
        icon: String::new(),
        tone: String::new(),
    }
}

/// A bank of the compiled corpus's shape (12 topics × 52 questions, labels
/// 1–5 in counts 9/11/12/11/9 per topic), kinds and option counts included:
/// per topic 5 or 6 subtopics, 5 true/false questions (mostly recall and
/// routine, as the corpus writes them: labels 1, 2, 2, 2 and one of
/// 1/2/3/4), 5 multi-answer questions with five options (labels 2–5, mostly
/// 3–4), 6 code-output questions with four options, and the rest
/// single-answer with four options. The corpus itself (`--bank`) has
/// 63 true/false and 63 multi-answer questions in 67 subtopics; this is
/// its shape without its text, so that the simulation and its regression
/// test do not depend on a built corpus.
pub fn synthetic_bank() -> Bank {
    const TRUE_FALSE_LAST: [u8; 4] = [1, 3, 4, 2];
    const MULTI: [[u8; 5]; 2] = [[2, 3, 3, 4, 4], [3, 3, 4, 4, 5]];
    const CODE_OUTPUT: [u8; 6] = [2, 3, 3, 3, 4, 5];
    let mut bank = Bank::default();
    for t in 0..12u16 {
        bank.topics.push(synthetic_topic(t));
        let subtopics: u16 = if t % 2 == 0 { 6 } else { 5 };
        let first_subtopic = bank.subtopics.len() as u16;
        for s in 0..subtopics {
            bank.subtopics.push(SubtopicMeta {
                slug: format!("topic-{t:02}-sub-{s}"),
                title: format!("Subtopic {s}"),
                description: String::new(),
                topic: t,
            });
        }
        let labels: Vec<u8> = LABEL_COUNTS
            .iter()
            .enumerate()
            .flat_map(|(l, &n)| std::iter::repeat_n(l as u8 + 1, n))
            .collect();
        let mut kinds = vec![(Kind::Single, 4u8); labels.len()];
        let true_false = [1, 2, 2, 2, TRUE_FALSE_LAST[usize::from(t) % 4]];
        let multi = MULTI[usize::from(t) % 2];
        for (kind, options, wanted) in [
            (Kind::TrueFalse, 2, &true_false[..]),
            (Kind::Multi, 5, &multi[..]),
            (Kind::CodeOutput, 4, &CODE_OUTPUT[..]),
        ] {
            for &label in wanted {
                // The last still single-answer question of that label, so
                // that kinds spread over the label's subtopics.
                if let Some(i) = (0..labels.len())
                    .rev()
                    .find(|&i| labels[i] == label && kinds[i].0 == Kind::Single)
                {
                    kinds[i] = (kind, options);
                }
            }
        }
        for (i, (&label, &(kind, options))) in labels.iter().zip(&kinds).enumerate() {
            bank.items.push(ItemMeta {
                id: format!("t{t:02}-q{i:02}"),
                topic: t,
                subtopic: first_subtopic + (i % usize::from(subtopics)) as u16,
                kind,
                difficulty: label,
                options,
                irt_a: None,
                irt_b: None,
                irt_b_sd: None,
                free: false,
            });
        }
    }
    bank
}

/// The shape planned before the corpus existed, kept for comparison: 12
/// topics × 52 questions (4 subtopics of 13), labels 9/11/12/11/9, four
/// options, of which 5 per topic true/false, and no multi-answer questions.
/// Without multi-answer questions no selection rule can reach r = 0.60
/// after five answers on it (see the README).
pub fn four_option_bank() -> Bank {
    let mut bank = Bank::default();
    for t in 0..12u16 {
        bank.topics.push(synthetic_topic(t));
        for s in 0..4u16 {
            bank.subtopics.push(SubtopicMeta {
                slug: format!("topic-{t:02}-sub-{s}"),
                title: format!("Subtopic {s}"),
                description: String::new(),
                topic: t,
            });
        }
        let labels = LABEL_COUNTS
            .iter()
            .enumerate()
            .flat_map(|(l, &n)| std::iter::repeat_n(l as u8 + 1, n));
        for (i, label) in labels.enumerate() {
            let true_false = (i * 11) % 52 < 5;
            bank.items.push(ItemMeta {
                id: format!("t{t:02}-q{i:02}"),
                topic: t,
                subtopic: t * 4 + (i % 4) as u16,
                kind: if true_false {
                    Kind::TrueFalse
                } else {
                    Kind::Single
                },
                difficulty: label,
                options: if true_false { 2 } else { 4 },
                irt_a: None,
                irt_b: None,
                irt_b_sd: None,
                free: false,
            });
        }
    }
    bank
}

/// The shape of `bank` for the report.
pub fn bank_shape(bank: &Bank, source: &str) -> BankShape {
    let mut items_per_label = [0; 5];
    for item in &bank.items {
        items_per_label[usize::from(item.difficulty.clamp(1, 5)) - 1] += 1;
    }
    BankShape {
        source: source.to_string(),
        topics: bank.topics.len(),
        items: bank.items.len(),
        items_per_label,
        true_false: bank
            .items
            .iter()
            .filter(|i| i.kind == Kind::TrueFalse)
            .count(),
        multi: bank.items.iter().filter(|i| i.kind == Kind::Multi).count(),
        subtopics: bank.subtopics.len(),
    }
}

/// True item parameters: b = mapped label (or override) + N(0, 0.5),
/// a ~ logN(0, 0.25), c = 1/options.
struct Truth {
    a: f64,
    b: f64,
    c: f64,
}

impl Truth {
    fn p_correct(&self, theta: f64) -> f64 {
        self.c + (1.0 - self.c) / (1.0 + (-self.a * (theta - self.b)).exp())
    }
}

struct Learner {
    theta: f64,
    topic: u16,
    seed: u64,
}

/// What one learner's run produced.
#[derive(Default)]
struct Tally {
    /// (checkpoint index) → (θ̂, SE).
    estimates: Vec<(f64, f64)>,
    correct: usize,
    answers: usize,
    repeats: usize,
    reuses: usize,
    /// Items of each test.
    tests: Vec<Vec<usize>>,
    /// Correct answers in each test.
    correct_by_test: Vec<usize>,
}

/// Runs every policy on the same learners and items.
pub fn run(bank: &Bank, source: &str, config: &SimConfig) -> SimReport {
    let engine = Engine::new(match config.engine_sees {
        DifficultySource::Authored => bank.clone(),
        DifficultySource::Labels => labels_only(bank),
    });
    let mut rng = SplitMix64::new(mix_seed(config.seed, 1));
    let truths: Vec<Truth> = bank
        .items
        .iter()
        .enumerate()
        .map(|(i, meta)| {
            let params = engine.item_params(i).expect("item index from the bank");
            let (centre, sd) = match (config.truth, meta.irt_b) {
                (DifficultySource::Authored, Some(b)) => {
                    (f64::from(b), meta.irt_b_sd.map_or(0.0, f64::from))
                }
                _ => (
                    label_difficulty(meta.difficulty),
                    config.difficulty_noise_sd,
                ),
            };
            Truth {
                a: (config.log_discrimination_sd * rng.normal()).exp(),
                b: centre + sd * rng.normal(),
                c: params.c,
            }
        })
        .collect();
    let topics: Vec<u16> = (0..bank.topics.len() as u16)
        .filter(|&t| bank.topic_items(t).count() >= TEST_LENGTH)
        .collect();
    let learners: Vec<Learner> = (0..config.learners)
        .map(|l| Learner {
            theta: rng.normal(),
            topic: topics[rng.below(topics.len())],
            seed: mix_seed(config.seed, 1000 + l as u64),
        })
        .collect();

    let policies: Vec<PolicyReport> = Policy::ALL
        .iter()
        .map(|&policy| {
            let tallies: Vec<Tally> = learners
                .iter()
                .map(|learner| run_learner(&engine, &truths, learner, policy, config))
                .collect();
            report(policy, &learners, &tallies, bank, config)
        })
        .collect();
    let targets = check_targets(&policies);
    SimReport {
        config: config.clone(),
        bank: bank_shape(bank, source),
        all_targets_met: targets.iter().all(|t| t.met),
        policies,
        information_ceiling: information_ceiling(config),
        targets,
    }
}

/// The bank with every authored difficulty dropped: the engine falls back on the labels.
fn labels_only(bank: &Bank) -> Bank {
    let mut bank = bank.clone();
    for item in &mut bank.items {
        item.irt_b = None;
        item.irt_b_sd = None;
    }
    bank
}

/// See [`SimReport::information_ceiling`]. For c = 1/4 the 3PL information
/// peaks at θ = b + ln((1 + sqrt(1 + 8c)) / 2) / a (Lord 1980, eq. 5-20), so
/// each question is given b = θ̂ − ln((1 + √3) / 2).
fn information_ceiling(config: &SimConfig) -> Vec<Checkpoint> {
    let mut rng = SplitMix64::new(mix_seed(config.seed, 3));
    let offset = ((1.0 + 3f64.sqrt()) / 2.0).ln();
    let last = config.checkpoints.iter().copied().max().unwrap_or(0);
    let mut rows: Vec<Vec<(f64, f64, f64)>> = vec![Vec::new(); config.checkpoints.len()];
    for _ in 0..config.learners {
        let theta = rng.normal();
        let mut evidence = Evidence::new();
        for answers in 1..=last {
            let estimate = evidence.ability(0);
            let believed = ItemParams {
                a: 1.0,
                b: estimate.theta - offset,
                c: 0.25,
            };
            let truth = Truth {
                a: (config.log_discrimination_sd * rng.normal()).exp(),
                b: believed.b + config.difficulty_noise_sd * rng.normal(),
                c: 0.25,
            };
            let outcome = if rng.next_f64() < truth.p_correct(theta) {
                Outcome::Correct
            } else {
                Outcome::Incorrect
            };
            evidence.record(&believed, outcome, 0);
            if let Some(c) = config.checkpoints.iter().position(|&n| n == answers) {
                let ability = evidence.ability(0);
                rows[c].push((theta, ability.theta, ability.se));
            }
        }
    }
    config
        .checkpoints
        .iter()
        .zip(&rows)
        .map(|(&answers, pairs)| checkpoint(answers, pairs))
        .collect()
}

/// r, RMSE, bias and coverage of (θ, θ̂, SE) triples.
fn checkpoint(answers: usize, pairs: &[(f64, f64, f64)]) -> Checkpoint {
    let n = pairs.len().max(1) as f64;
    let truth: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let est: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    Checkpoint {
        answers,
        r: pearson(&truth, &est),
        rmse: (pairs.iter().map(|p| (p.1 - p.0).powi(2)).sum::<f64>() / n).sqrt(),
        bias: pairs.iter().map(|p| p.1 - p.0).sum::<f64>() / n,
        coverage_95: pairs
            .iter()
            .filter(|p| (p.1 - p.0).abs() <= 1.96 * p.2)
            .count() as f64
            / n,
        mean_se: pairs.iter().map(|p| p.2).sum::<f64>() / n,
    }
}

const START_MS: i64 = 1_736_150_400_000; // 2025-01-06T08:00:00Z
const SECONDS_PER_ANSWER_MS: i64 = 40_000;

fn run_learner(
    engine: &Engine,
    truths: &[Truth],
    learner: &Learner,
    policy: Policy,
    config: &SimConfig,
) -> Tally {
    let mut responses = SplitMix64::new(mix_seed(learner.seed, 7));
    let mut choices = SplitMix64::new(mix_seed(learner.seed, policy as u64 + 11));
    let mut progress = engine.empty_progress();
    let mut tally = Tally::default();
    let mut seen: Vec<(usize, i64)> = Vec::new();
    let mut level: u8 = 3;
    let window_ms = NO_REPEAT_WINDOW_DAYS * MS_PER_DAY;
    let topic_items: Vec<usize> = engine
        .bank()
        .topic_items(learner.topic)
        .filter(|&i| engine.bank().items[i].kind.is_choice())
        .collect();
    let self_credit =
        config.self_credit.0 + (config.self_credit.1 - config.self_credit.0) * responses.next_f64();

    for test_index in 0..config.tests_per_learner {
        let mut now = START_MS
            + test_index as i64 * config.days_between_tests * MS_PER_DAY
            + (learner.seed % 36_000) as i64 * 1000;
        let test_seed = mix_seed(learner.seed, 100 + test_index as u64);
        let mut items_in_test = Vec::with_capacity(TEST_LENGTH);
        let mut correct_in_test = 0;
        let mut whole_test = match policy {
            Policy::EngineWholeTest => engine
                .build_test(
                    &progress,
                    &Scope::Topic(learner.topic),
                    Access::Unlocked,
                    now,
                    test_seed,
                )
                .expect("topic has questions"),
            _ => Vec::new(),
        }
        .into_iter();
        let mut adaptive = match policy {
            Policy::Engine | Policy::EngineWithOpen => Some(
                engine
                    .start_test(
                        &progress,
                        &Scope::Topic(learner.topic),
                        Access::Unlocked,
                        test_seed,
                    )
                    .expect("topic has questions")
                    .with_open_question(policy == Policy::EngineWithOpen),
            ),
            _ => None,
        };
        for _ in 0..TEST_LENGTH {
            let item = match policy {
                Policy::Engine | Policy::EngineWithOpen => adaptive
                    .as_mut()
                    .and_then(|test| engine.next_question(&progress, test, now))
                    .map(|pick| pick.item),
                Policy::EngineWholeTest => whole_test.next().map(|pick| pick.item),
                Policy::Random => {
                    let pool = fresh(&topic_items, &items_in_test, &progress, now, window_ms);
                    (!pool.is_empty()).then(|| pool[choices.below(pool.len())])
                }
                Policy::Staircase => {
                    let pool = fresh(&topic_items, &items_in_test, &progress, now, window_ms);
                    let nearest = pool
                        .iter()
                        .map(|&i| engine.bank().items[i].difficulty.abs_diff(level))
                        .min();
                    let at_level: Vec<usize> = pool
                        .iter()
                        .copied()
                        .filter(|&i| {
                            Some(engine.bank().items[i].difficulty.abs_diff(level)) == nearest
                        })
                        .collect();
                    (!at_level.is_empty()).then(|| at_level[choices.below(at_level.len())])
                }
            };
            let Some(item) = item else { break };
            let truth = &truths[item];
            let meta = &engine.bank().items[item];
            let (response, correct) = if meta.kind == Kind::Open {
                // Each point covered with the point's probability at this answer's luck; a point
                // not covered ticked anyway with the learner's bias.
                let luck = config.open_answer_sd * responses.normal();
                let a = config.open_point_discrimination * truth.a;
                let p = 1.0 / (1.0 + (-a * (learner.theta + luck - truth.b)).exp());
                let ticked: Vec<u8> = (0..meta.options)
                    .filter(|_| responses.next_f64() < p || responses.next_f64() < self_credit)
                    .collect();
                let covered = ticked.len() as u8;
                (
                    Response::Covered(ticked),
                    engine::open_counts_as_correct(covered, meta.options),
                )
            } else {
                let correct = responses.next_f64() < truth.p_correct(learner.theta);
                (Response::Chose(vec![u8::from(!correct)]), correct)
            };
            if let Some(&(_, last)) = seen.iter().rev().find(|(i, _)| *i == item) {
                if now - last < window_ms {
                    tally.repeats += 1;
                } else {
                    tally.reuses += 1;
                }
            }
            seen.push((item, now));
            items_in_test.push(item);
            let event = Event::answered(
                EventId(tally.answers as u64),
                now,
                LocalDate::from_utc_ms(now, 0),
                Answer {
                    question: engine.bank().items[item].id.clone(),
                    response,
                    correct,
                    time_taken_ms: 30_000,
                    mode: Mode::Test,
                    session: SessionId(test_index as u64),
                },
            );
            engine.apply(&mut progress, &event);
            tally.answers += 1;
            tally.correct += usize::from(correct);
            correct_in_test += usize::from(correct);
            if config.checkpoints.contains(&tally.answers) {
                let ability = engine.ability(&progress, learner.topic, now);
                tally.estimates.push((ability.theta, ability.se));
            }
            now += SECONDS_PER_ANSWER_MS;
        }
        if policy == Policy::Staircase && !items_in_test.is_empty() {
            let share = correct_in_test as f64 / items_in_test.len() as f64;
            if share >= 0.8 {
                level = (level + 1).min(5);
            } else if share <= 0.4 {
                level = (level - 1).max(1);
            }
        }
        tally.tests.push(items_in_test);
        tally.correct_by_test.push(correct_in_test);
    }
    tally
}

/// Questions of the topic not in this test and not answered within the
/// window; all not in this test when none is left.
fn fresh(
    topic_items: &[usize],
    in_test: &[usize],
    progress: &Progress,
    now: i64,
    window_ms: i64,
) -> Vec<usize> {
    let open: Vec<usize> = topic_items
        .iter()
        .copied()
        .filter(|i| !in_test.contains(i))
        .collect();
    let fresh: Vec<usize> = open
        .iter()
        .copied()
        .filter(|&i| {
            progress
                .item(i)
                .and_then(|r| r.last_seen_ms)
                .is_none_or(|seen| now - seen >= window_ms)
        })
        .collect();
    if fresh.is_empty() {
        open
    } else {
        fresh
    }
}

fn report(
    policy: Policy,
    learners: &[Learner],
    tallies: &[Tally],
    bank: &Bank,
    config: &SimConfig,
) -> PolicyReport {
    let checkpoints = config
        .checkpoints
        .iter()
        .enumerate()
        .map(|(c, &answers)| {
            let pairs: Vec<(f64, f64, f64)> = learners
                .iter()
                .zip(tallies)
                .filter_map(|(l, t)| t.estimates.get(c).map(|&(est, se)| (l.theta, est, se)))
                .collect();
            checkpoint(answers, &pairs)
        })
        .collect();

    let success_by_theta_bin = (0..8)
        .map(|b| {
            let from = -2.0 + 0.5 * b as f64;
            let to = from + 0.5;
            let members: Vec<&Tally> = learners
                .iter()
                .zip(tallies)
                .filter(|(l, _)| l.theta >= from && (l.theta < to || (b == 7 && l.theta <= to)))
                .map(|(_, t)| t)
                .collect();
            let answers: usize = members.iter().map(|t| t.answers).sum();
            let correct: usize = members.iter().map(|t| t.correct).sum();
            let success_by_test = (0..config.tests_per_learner)
                .map(|k| {
                    let asked: usize = members
                        .iter()
                        .filter_map(|t| t.tests.get(k))
                        .map(Vec::len)
                        .sum();
                    let right: usize = members
                        .iter()
                        .filter_map(|t| t.correct_by_test.get(k))
                        .sum();
                    (right as f64 / asked.max(1) as f64 * 1000.0).round() / 1000.0
                })
                .collect();
            Bin {
                theta_from: from,
                theta_to: to,
                learners: members.len(),
                answers,
                success: correct as f64 / answers.max(1) as f64,
                success_by_test,
            }
        })
        .collect();

    let mut shown = vec![0usize; bank.items.len()];
    let mut tests_per_topic = vec![0usize; bank.topics.len()];
    for (learner, tally) in learners.iter().zip(tallies) {
        tests_per_topic[usize::from(learner.topic)] += tally.tests.len();
        for test in &tally.tests {
            for &item in test {
                shown[item] += 1;
            }
        }
    }
    let max_exposure = bank
        .items
        .iter()
        .enumerate()
        .map(|(i, meta)| shown[i] as f64 / tests_per_topic[usize::from(meta.topic)].max(1) as f64)
        .fold(0.0, f64::max);
    let answers: usize = tallies.iter().map(|t| t.answers).sum();
    PolicyReport {
        policy: policy.name(),
        checkpoints,
        success_by_theta_bin,
        success_overall: tallies.iter().map(|t| t.correct).sum::<usize>() as f64
            / answers.max(1) as f64,
        max_exposure,
        repeat_rate: tallies.iter().map(|t| t.repeats).sum::<usize>() as f64
            / answers.max(1) as f64,
        reuse_after_window_rate: tallies.iter().map(|t| t.reuses).sum::<usize>() as f64
            / answers.max(1) as f64,
    }
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    if x.len() < 2 {
        return 0.0;
    }
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    sxy / (sxx * syy).sqrt()
}

/// The targets for the engine, each with its measured value.
pub fn check_targets(policies: &[PolicyReport]) -> Vec<TargetCheck> {
    let find = |name: &str| policies.iter().find(|p| p.policy == name);
    let (Some(engine), Some(random), Some(staircase)) =
        (find("engine"), find("random"), find("staircase"))
    else {
        return vec![TargetCheck {
            target: "all policies were run".into(),
            met: false,
            value: "missing".into(),
        }];
    };
    let at = |p: &PolicyReport, answers: usize| {
        p.checkpoints.iter().find(|c| c.answers == answers).cloned()
    };
    let mut checks = Vec::new();
    let mut check = |target: &str, met: bool, value: String| {
        checks.push(TargetCheck {
            target: target.into(),
            met,
            value,
        })
    };
    match (at(engine, 5), at(engine, 50)) {
        (Some(five), Some(fifty)) => {
            check(
                "r >= 0.60 after 5 answers",
                five.r >= 0.60,
                format!("{:.3}", five.r),
            );
            check(
                "r >= 0.92 after 50 answers",
                fifty.r >= 0.92,
                format!("{:.3}", fifty.r),
            );
            check(
                "RMSE <= 0.40 after 50 answers",
                fifty.rmse <= 0.40,
                format!("{:.3}", fifty.rmse),
            );
        }
        _ => check("checkpoints 5 and 50 measured", false, "missing".into()),
    }
    for c in &engine.checkpoints {
        check(
            &format!("coverage in [0.93, 0.97] after {} answers", c.answers),
            (0.93..=0.97).contains(&c.coverage_95),
            format!("{:.3}", c.coverage_95),
        );
    }
    for bin in &engine.success_by_theta_bin {
        check(
            &format!(
                "success in [0.65, 0.80] for theta in [{}, {})",
                bin.theta_from, bin.theta_to
            ),
            bin.learners > 0 && (0.65..=0.80).contains(&bin.success),
            format!("{:.3} ({} learners)", bin.success, bin.learners),
        );
    }
    check(
        "max exposure <= 0.25",
        engine.max_exposure <= 0.25,
        format!("{:.3}", engine.max_exposure),
    );
    check(
        "repeat rate = 0",
        engine.repeat_rate == 0.0,
        format!("{}", engine.repeat_rate),
    );
    for c in &engine.checkpoints {
        for other in [random, staircase] {
            if let Some(o) = at(other, c.answers) {
                check(
                    &format!(
                        "better than {} after {} answers (higher r, lower RMSE)",
                        other.policy, c.answers
                    ),
                    c.r > o.r && c.rmse < o.rmse,
                    format!(
                        "r {:.3} vs {:.3}, RMSE {:.3} vs {:.3}",
                        c.r, o.r, c.rmse, o.rmse
                    ),
                );
            }
        }
    }
    checks
}
