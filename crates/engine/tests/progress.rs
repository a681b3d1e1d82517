//! The event log, replay, the test builder, review and readiness, through the
//! public API.

mod common;

use common::{answer_event, small_bank};
use engine::{
    merge_logs, Access, Answer, Applied, Band, Engine, Event, EventBody, EventId, LocalDate, Mode,
    Readiness, Response, Scope, SessionId, Slot, TestError, DAILY_LENGTH, EVENT_VERSION,
    MS_PER_DAY, NO_REPEAT_WINDOW_DAYS, TEST_LENGTH, TEST_PLAN,
};
use proptest::prelude::*;

const START_MS: i64 = 1_735_718_400_000; // 2025-01-01T08:00:00Z

fn day_of(ms: i64) -> LocalDate {
    LocalDate::from_utc_ms(ms, 0)
}

/// Takes a whole adaptive test at `now`, answering with `correct(item)`.
fn take_test(
    engine: &Engine,
    progress: &mut engine::Progress,
    scope: &Scope,
    now: i64,
    seed: u64,
    next_id: &mut u64,
    correct: impl Fn(usize) -> bool,
) -> Vec<usize> {
    take_test_timed(engine, progress, scope, now, seed, next_id, correct)
        .into_iter()
        .map(|(item, _)| item)
        .collect()
}

/// As [`take_test`], with the time each question was asked.
fn take_test_timed(
    engine: &Engine,
    progress: &mut engine::Progress,
    scope: &Scope,
    now: i64,
    seed: u64,
    next_id: &mut u64,
    correct: impl Fn(usize) -> bool,
) -> Vec<(usize, i64)> {
    let mut test = engine
        .start_test(progress, scope, Access::Unlocked, seed)
        .expect("scope is valid");
    let mut items = Vec::new();
    let mut at = now;
    while let Some(pick) = engine.next_question(progress, &mut test, at) {
        let id = engine.bank().items[pick.item].id.clone();
        let event = answer_event(*next_id, at, day_of(at), &id, correct(pick.item));
        *next_id += 1;
        assert_eq!(engine.apply(progress, &event), Applied::Applied);
        items.push((pick.item, at));
        at += 30_000;
    }
    items
}

#[test]
fn a_test_has_five_distinct_questions_in_plan_order() {
    let engine = Engine::new(small_bank());
    let progress = engine.empty_progress();
    let picks = engine
        .build_test(&progress, &Scope::Topic(2), Access::Unlocked, START_MS, 7)
        .expect("topic 2 exists");
    assert_eq!(picks.len(), TEST_LENGTH);
    let slots: Vec<Slot> = picks.iter().map(|p| p.slot).collect();
    assert_eq!(slots, TEST_PLAN.to_vec());
    let mut items: Vec<usize> = picks.iter().map(|p| p.item).collect();
    assert!(items.iter().all(|&i| engine.bank().items[i].topic == 2));
    items.sort_unstable();
    items.dedup();
    assert_eq!(items.len(), TEST_LENGTH);
    for pick in &picks {
        assert!(pick.p_correct > 0.0 && pick.p_correct < 1.0);
    }
}

#[test]
fn a_test_spreads_over_subtopics() {
    let engine = Engine::new(small_bank());
    let progress = engine.empty_progress();
    for seed in 0..20 {
        let picks = engine
            .build_test(
                &progress,
                &Scope::Topic(1),
                Access::Unlocked,
                START_MS,
                seed,
            )
            .expect("topic 1 exists");
        let mut subtopics: Vec<u16> = picks
            .iter()
            .map(|p| engine.bank().items[p.item].subtopic)
            .collect();
        subtopics.sort_unstable();
        subtopics.dedup();
        assert!(subtopics.len() >= 3, "seed {seed}: {subtopics:?}");
    }
}

#[test]
fn the_same_seed_builds_the_same_test_and_others_vary() {
    let engine = Engine::new(small_bank());
    let progress = engine.empty_progress();
    let build = |seed| {
        engine.build_test(
            &progress,
            &Scope::Topic(0),
            Access::Unlocked,
            START_MS,
            seed,
        )
    };
    assert_eq!(build(42), build(42));
    let distinct: std::collections::BTreeSet<Vec<usize>> = (0..30)
        .map(|seed| build(seed).expect("valid").iter().map(|p| p.item).collect())
        .collect();
    assert!(
        distinct.len() > 5,
        "exposure control draws among candidates"
    );
}

#[test]
fn mixed_tests_draw_from_several_topics() {
    let engine = Engine::new(small_bank());
    let progress = engine.empty_progress();
    let picks = engine
        .build_test(
            &progress,
            &Scope::Mixed(vec![0, 3, 5]),
            Access::Unlocked,
            START_MS,
            3,
        )
        .expect("topics exist");
    let mut topics: Vec<u16> = picks
        .iter()
        .map(|p| engine.bank().items[p.item].topic)
        .collect();
    topics.sort_unstable();
    topics.dedup();
    assert_eq!(topics, vec![0, 3, 5]);
}

#[test]
fn bad_scopes_are_typed_errors() {
    let engine = Engine::new(small_bank());
    assert_eq!(
        engine
            .start_test(
                &engine.empty_progress(),
                &Scope::Mixed(vec![]),
                Access::Unlocked,
                1
            )
            .err(),
        Some(TestError::EmptyScope)
    );
    assert_eq!(
        engine
            .start_test(
                &engine.empty_progress(),
                &Scope::Topic(99),
                Access::Unlocked,
                1
            )
            .err(),
        Some(TestError::UnknownTopic(99))
    );
    let mut bank = small_bank();
    bank.topics.push(bank.topics[0].clone());
    let engine = Engine::new(bank);
    assert_eq!(
        engine
            .start_test(
                &engine.empty_progress(),
                &Scope::Topic(6),
                Access::Unlocked,
                1
            )
            .err(),
        Some(TestError::NoQuestions)
    );
}

#[test]
fn questions_are_not_repeated_within_the_window_until_the_topic_runs_out() {
    let engine = Engine::new(small_bank());
    let mut progress = engine.empty_progress();
    let mut next_id = 0;
    let mut seen = Vec::new();
    // Four tests in one day use all 20 questions of the topic, none twice.
    for k in 0..4 {
        let items = take_test(
            &engine,
            &mut progress,
            &Scope::Topic(4),
            START_MS + k * 600_000,
            k as u64,
            &mut next_id,
            |i| i % 2 == 0,
        );
        assert_eq!(items.len(), TEST_LENGTH);
        seen.extend(items);
    }
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 20);
    // The topic has run out: a fifth test still has five questions.
    let items = take_test(
        &engine,
        &mut progress,
        &Scope::Topic(4),
        START_MS + 3_000_000,
        9,
        &mut next_id,
        |_| true,
    );
    assert_eq!(items.len(), TEST_LENGTH);
}

#[test]
fn answers_update_the_ability_and_readiness_interval() {
    let engine = Engine::new(small_bank());
    let before = engine.readiness(&engine.empty_progress(), 0, START_MS);
    assert_eq!(before.band, Band::GettingStarted);
    assert!(before.low < before.score && before.score < before.high);

    let mut progress = engine.empty_progress();
    let mut next_id = 0;
    for k in 0..6 {
        take_test(
            &engine,
            &mut progress,
            &Scope::Topic(0),
            START_MS + k * MS_PER_DAY,
            k as u64,
            &mut next_id,
            |_| true,
        );
    }
    let now = START_MS + 6 * MS_PER_DAY;
    let ability = engine.ability(&progress, 0, now);
    assert!(ability.theta > 1.0, "{ability:?}");
    assert!(ability.se < 0.7, "{ability:?}");
    let after = engine.readiness(&progress, 0, now);
    assert!(matches!(after.band, Band::InterviewReady | Band::Strong));
    assert!(after.low <= after.score && after.score <= after.high);
    assert!(after.high - after.low < before.high - before.low);
    let sub = engine.subtopic_ability(&progress, 0, now);
    assert!(sub.theta > 0.5 && sub.se >= ability.se);
    // Another topic is untouched.
    assert_eq!(engine.ability(&progress, 1, now).answers, 0);
}

#[test]
fn readiness_bands_are_named() {
    assert_eq!(Band::of_score(10).label(), "Getting started");
    assert_eq!(Band::of_score(50).label(), "Building");
    assert_eq!(Band::of_score(70).label(), "Interview-ready");
    assert_eq!(Band::of_score(90).label(), "Strong");
    let readiness = Readiness::from_ability(
        engine::Ability {
            theta: 0.0,
            se: 0.5,
            answers: 10,
        },
        0.0,
    );
    assert_eq!(readiness.score, 50);
    // σ(±0.98) = 27.3 % / 72.7 %.
    assert_eq!((readiness.low, readiness.high), (27, 73));
    assert_eq!(readiness.band, Band::Building);
}

#[test]
fn unknown_questions_are_kept_and_skipped() {
    let engine = Engine::new(small_bank());
    let events = vec![
        answer_event(1, START_MS, day_of(START_MS), "t0-q1", true),
        answer_event(2, START_MS + 1, day_of(START_MS), "removed-question", false),
        answer_event(3, START_MS + 2, day_of(START_MS), "t0-q2", true),
    ];
    let progress = engine.replay(&events);
    assert_eq!(progress.report().unknown_questions, vec![EventId(2)]);
    assert_eq!(progress.report().applied, 2);
    assert_eq!(engine.ability(&progress, 0, START_MS).answers, 2);
}

#[test]
fn newer_events_are_kept_and_reported() {
    let engine = Engine::new(small_bank());
    let mut newer = answer_event(7, START_MS, day_of(START_MS), "t0-q1", true);
    newer.version = EVENT_VERSION + 1;
    let events = vec![
        newer.clone(),
        answer_event(8, START_MS, day_of(START_MS), "t0-q2", true),
    ];
    let mut progress = engine.empty_progress();
    assert_eq!(
        engine.apply(&mut progress, &events[0]),
        Applied::NewerVersion
    );
    let progress = engine.replay(&events);
    assert_eq!(progress.report().newer_version, vec![EventId(7)]);
    assert_eq!(engine.ability(&progress, 0, START_MS).answers, 1);
    // The log itself is untouched: the caller still holds the event.
    assert_eq!(events[0], newer);
}

#[test]
fn duplicate_event_ids_apply_once() {
    let engine = Engine::new(small_bank());
    let event = answer_event(1, START_MS, day_of(START_MS), "t0-q1", true);
    let progress = engine.replay(&[event.clone(), event]);
    assert_eq!(progress.report().duplicates, vec![EventId(1)]);
    assert_eq!(engine.ability(&progress, 0, START_MS).answers, 1);
}

#[test]
fn dont_know_counts_as_incorrect_whatever_the_flag() {
    let engine = Engine::new(small_bank());
    let dont_know = |id, correct| {
        Event::answered(
            EventId(id),
            START_MS,
            day_of(START_MS),
            Answer {
                question: "t0-q2".into(),
                response: Response::DontKnow,
                correct,
                time_taken_ms: 3_000,
                mode: Mode::Review,
                session: SessionId(4),
            },
        )
    };
    let flagged = engine.replay(&[dont_know(1, true)]);
    let honest = engine.replay(&[dont_know(1, false)]);
    assert_eq!(
        engine.ability(&flagged, 0, START_MS),
        engine.ability(&honest, 0, START_MS)
    );
    assert!(engine.ability(&honest, 0, START_MS).theta < 0.0);
}

#[test]
fn merging_logs_unions_by_id_in_time_order() {
    let a = vec![
        answer_event(1, START_MS, day_of(START_MS), "t0-q1", true),
        answer_event(3, START_MS + 20, day_of(START_MS), "t0-q3", true),
    ];
    let b = vec![
        answer_event(2, START_MS + 10, day_of(START_MS), "t0-q2", false),
        answer_event(1, START_MS, day_of(START_MS), "t0-q1", true),
    ];
    let merged = merge_logs(&a, &b);
    let ids: Vec<u64> = merged.iter().map(|e| e.id.0).collect();
    assert_eq!(ids, vec![1, 2, 3]);
    assert_eq!(merge_logs(&b, &a), merged);
}

#[test]
fn answered_questions_come_due_for_review() {
    let engine = Engine::new(small_bank());
    let events = vec![
        answer_event(1, START_MS, day_of(START_MS), "t0-q1", false),
        answer_event(2, START_MS + 1, day_of(START_MS), "t0-q2", true),
    ];
    let progress = engine.replay(&events);
    let today = day_of(START_MS);
    assert!(engine.review_queue(&progress, today, 10).is_empty());
    let wrong = engine.find("t0-q1").expect("known id");
    let right = engine.find("t0-q2").expect("known id");
    let wrong_due = progress.item(wrong).and_then(|r| r.card).expect("card").due;
    let right_due = progress.item(right).and_then(|r| r.card).expect("card").due;
    assert!(wrong_due < right_due);
    let queue = engine.review_queue(&progress, wrong_due, 10);
    assert_eq!(
        queue.iter().map(|d| d.item).collect::<Vec<_>>(),
        vec![wrong]
    );
    let later = engine.review_queue(&progress, right_due.add_days(30), 10);
    assert_eq!(later.len(), 2);
    assert!(later[0].retrievability <= later[1].retrievability);
    assert_eq!(
        engine
            .review_queue(&progress, right_due.add_days(30), 1)
            .len(),
        1
    );
}

#[test]
fn progress_snapshots_round_trip_through_postcard() {
    let engine = Engine::new(small_bank());
    let events: Vec<Event> = (0..30)
        .map(|k| {
            answer_event(
                k,
                START_MS + k as i64 * 60_000,
                day_of(START_MS),
                &format!("t{}-q{}", k % 6, k % 20),
                k % 3 != 0,
            )
        })
        .collect();
    let progress = engine.replay(&events);
    let bytes = postcard::to_allocvec(&progress).expect("serializable");
    let back: engine::Progress = postcard::from_bytes(&bytes).expect("round trip");
    assert_eq!(back, progress);
    let log = postcard::to_allocvec(&events).expect("serializable");
    let log_back: Vec<Event> = postcard::from_bytes(&log).expect("round trip");
    assert_eq!(log_back, events);
    assert!(matches!(log_back[0].body, EventBody::Answered(_)));
}

#[derive(Clone, Debug)]
enum Step {
    Answer {
        question: u16,
        correct: bool,
        dont_know: bool,
        mode: Mode,
    },
    /// A daily-mode answer to the `position`-th question of the challenge of
    /// the event's date, or of the day before (a sitting across midnight).
    Daily {
        position: usize,
        yesterday: bool,
        correct: bool,
    },
    Bookmark {
        question: u16,
        on: bool,
    },
    /// The previous event again, same id (a merge gone wrong).
    Repeat,
    Unknown,
    Newer,
    Toggle(bool),
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Test), Just(Mode::Daily), Just(Mode::Review)]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => (0u16..130, any::<bool>(), any::<bool>(), mode())
            .prop_map(|(question, correct, dont_know, mode)| Step::Answer { question, correct, dont_know, mode }),
        3 => (0usize..6, any::<bool>(), any::<bool>())
            .prop_map(|(position, yesterday, correct)| Step::Daily { position, yesterday, correct }),
        2 => (0u16..12, any::<bool>()).prop_map(|(question, on)| Step::Bookmark { question, on }),
        1 => Just(Step::Repeat),
        1 => Just(Step::Unknown),
        1 => Just(Step::Newer),
        1 => any::<bool>().prop_map(Step::Toggle),
    ]
}

fn log_of(engine: &Engine, steps: &[(Step, u32)]) -> Vec<Event> {
    let mut at = START_MS;
    let mut log: Vec<Event> = Vec::with_capacity(steps.len());
    for (k, (step, gap_minutes)) in steps.iter().enumerate() {
        at += i64::from(*gap_minutes) * 60_000;
        let id = EventId(k as u64);
        let local_date = day_of(at);
        let answer = |question: String, correct: bool, response: Response, mode: Mode| {
            EventBody::Answered(Answer {
                question,
                response,
                correct,
                time_taken_ms: 15_000,
                mode,
                session: SessionId(0),
            })
        };
        // A daily sitting is named after its challenge's date.
        let daily_sitting = |date: LocalDate| SessionId(date.days_since_epoch() as u64);
        let (version, body) = match step {
            Step::Answer {
                question,
                correct,
                dont_know,
                mode,
            } => (
                EVENT_VERSION,
                answer(
                    format!("t{}-q{}", question / 20 % 7, question % 20),
                    *correct,
                    if *dont_know {
                        Response::DontKnow
                    } else {
                        Response::Chose(vec![1])
                    },
                    *mode,
                ),
            ),
            Step::Daily {
                position,
                yesterday,
                correct,
            } => {
                let date = if *yesterday {
                    local_date.add_days(-1)
                } else {
                    local_date
                };
                let challenge = engine.daily_challenge(date);
                let item = challenge[position % challenge.len()];
                (
                    EVENT_VERSION,
                    EventBody::Answered(Answer {
                        question: engine.bank().items[item].id.clone(),
                        response: Response::Chose(vec![0]),
                        correct: *correct,
                        time_taken_ms: 15_000,
                        mode: Mode::Daily,
                        session: daily_sitting(date),
                    }),
                )
            }
            Step::Bookmark { question, on } => (
                EVENT_VERSION,
                EventBody::Bookmarked {
                    // Some ids the bank does not have: bookmarks keep them.
                    question: format!("t{}-q{}", question % 7, question),
                    on: *on,
                },
            ),
            Step::Repeat => {
                if let Some(previous) = log.last() {
                    log.push(previous.clone());
                    continue;
                }
                (EVENT_VERSION, EventBody::StreaksEnabled(true))
            }
            Step::Unknown => (
                EVENT_VERSION,
                answer("gone".into(), true, Response::Chose(vec![0]), Mode::Test),
            ),
            Step::Newer => (EVENT_VERSION + 1, EventBody::StreaksEnabled(false)),
            Step::Toggle(on) => (EVENT_VERSION, EventBody::StreaksEnabled(*on)),
        };
        log.push(Event {
            version,
            id,
            at_ms: at,
            local_date,
            body,
        });
    }
    log
}

/// The events replay applies: of this version, each id once.
fn applied(log: &[Event]) -> Vec<&Event> {
    let mut seen = std::collections::BTreeSet::new();
    log.iter()
        .filter(|e| e.version <= EVENT_VERSION && seen.insert(e.id))
        .collect()
}

/// The app's `bookmarks` (src/state.rs) over the applied events.
fn bookmarks_oracle(log: &[Event]) -> Vec<String> {
    let mut latest: Vec<(i64, &str, bool)> = Vec::new();
    for event in applied(log) {
        if let EventBody::Bookmarked { question, on } = &event.body {
            latest.retain(|(_, q, _)| *q != question.as_str());
            latest.push((event.at_ms, question.as_str(), *on));
        }
    }
    latest.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    latest
        .into_iter()
        .filter(|(_, _, on)| *on)
        .map(|(_, q, _)| q.to_string())
        .collect()
}

/// The app's `recent_mistakes` (src/routes/review.rs) over the applied events.
fn mistakes_oracle(engine: &Engine, log: &[Event]) -> Vec<usize> {
    let mut last: std::collections::HashMap<&str, (i64, bool)> = Default::default();
    for event in applied(log) {
        if let EventBody::Answered(answer) = &event.body {
            let right = answer.outcome() == engine::Outcome::Correct;
            last.insert(answer.question.as_str(), (event.at_ms, right));
        }
    }
    let mut wrong: Vec<(i64, usize)> = last
        .into_iter()
        .filter(|(_, (_, right))| !right)
        .filter_map(|(id, (at, _))| engine.find(id).map(|item| (at, item)))
        .collect();
    wrong.sort_by(|a, b| b.cmp(a));
    wrong.into_iter().map(|(_, item)| item).collect()
}

/// Answers dated `date`, by a scan of the log.
fn answers_on_oracle(log: &[Event], date: LocalDate) -> u32 {
    applied(log)
        .into_iter()
        .filter(|e| e.local_date == date && matches!(e.body, EventBody::Answered(_)))
        .count() as u32
}

/// Distinct questions of `date`'s challenge answered in daily mode: each
/// daily answer goes to its sitting's challenge when that has the question,
/// else to its own date's, else to the day before's.
fn daily_answered_oracle(engine: &Engine, log: &[Event], date: LocalDate) -> u32 {
    let mut last: Option<(SessionId, LocalDate)> = None;
    let mut answered: Vec<usize> = Vec::new();
    for event in applied(log) {
        let EventBody::Answered(a) = &event.body else {
            continue;
        };
        let Some(item) = engine.find(&a.question) else {
            continue;
        };
        if a.mode != Mode::Daily {
            continue;
        }
        let mut candidates = Vec::new();
        if let Some((session, d)) = last {
            if session == a.session {
                candidates.push(d);
            }
        }
        candidates.extend([event.local_date, event.local_date.add_days(-1)]);
        if let Some(d) = candidates
            .into_iter()
            .find(|&d| engine.daily_challenge(d).contains(&item))
        {
            last = Some((a.session, d));
            if d == date {
                answered.push(item);
            }
        }
    }
    answered.sort_unstable();
    answered.dedup();
    answered.len() as u32
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn replay_is_deterministic_and_equals_incremental_apply(
        steps in proptest::collection::vec((step(), prop_oneof![1 => Just(0u32), 4 => 0u32..3000]), 0..120)
    ) {
        let engine = Engine::new(small_bank());
        let log = log_of(&engine, &steps);
        let once = engine.replay(&log);
        let twice = Engine::new(small_bank()).replay(&log);
        prop_assert_eq!(&once, &twice);
        let mut incremental = engine.empty_progress();
        for event in &log {
            engine.apply(&mut incremental, event);
        }
        prop_assert_eq!(&once, &incremental);
        prop_assert_eq!(once.bookmarks().to_vec(), bookmarks_oracle(&log));
        for id in once.bookmarks() {
            prop_assert!(once.is_bookmarked(id));
        }
        prop_assert!(!once.is_bookmarked("never-bookmarked"));
        prop_assert_eq!(once.recent_mistakes().collect::<Vec<_>>(), mistakes_oracle(&engine, &log));
        if let (Some(first), Some(last)) = (log.first(), log.last()) {
            let mut date = first.local_date.add_days(-1);
            while date <= last.local_date.add_days(1) {
                prop_assert_eq!(once.answers_on(date), answers_on_oracle(&log, date));
                let daily = daily_answered_oracle(&engine, &log, date);
                prop_assert_eq!(once.daily_answered(date), daily, "daily on {}", date);
                prop_assert_eq!(once.daily_done(date), daily >= DAILY_LENGTH as u32);
                date = date.add_days(1);
            }
        }
        let report = once.report();
        prop_assert_eq!(
            report.applied as usize
                + report.unknown_questions.len()
                + report.newer_version.len()
                + report.duplicates.len(),
            log.len()
        );
    }

    #[test]
    fn tests_never_repeat_a_question_within_the_window(
        seeds in proptest::collection::vec(any::<u64>(), 1..12),
        gaps_hours in proptest::collection::vec(0i64..72, 12),
        topic in 0u16..6,
    ) {
        let engine = Engine::new(small_bank());
        let mut progress = engine.empty_progress();
        let mut next_id = 0;
        let mut now = START_MS;
        let mut history: Vec<(usize, i64)> = Vec::new();
        for (k, seed) in seeds.iter().enumerate() {
            now += gaps_hours[k] * 3_600_000;
            let picks = take_test_timed(&engine, &mut progress, &Scope::Topic(topic), now, *seed, &mut next_id, |i| i % 3 != 0);
            prop_assert_eq!(picks.len(), TEST_LENGTH);
            let mut unique: Vec<usize> = picks.iter().map(|p| p.0).collect();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), TEST_LENGTH, "a test never repeats a question");
            for (position, &(item, at)) in picks.iter().enumerate() {
                let window_start = at - NO_REPEAT_WINDOW_DAYS * MS_PER_DAY;
                let recent = |i: usize| history.iter().any(|&(h, seen)| h == i && seen >= window_start);
                let earlier_in_test: Vec<usize> = picks[..position].iter().map(|p| p.0).collect();
                let fresh_left = engine
                    .bank()
                    .topic_items(topic)
                    .filter(|&i| !recent(i) && !earlier_in_test.contains(&i))
                    .count();
                if fresh_left > 0 {
                    prop_assert!(!recent(item), "repeat of {} within the window", item);
                }
            }
            history.extend(picks.iter().copied());
        }
    }
}
