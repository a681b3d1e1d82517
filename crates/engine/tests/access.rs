//! The free tier through the engine's boundary: what a test may draw on, when a locked topic's
//! free sample runs out, and that an answered question stays open.

mod common;

use common::{answer_event, small_bank};
use engine::{Access, Bank, Engine, LocalDate, Progress, Scope, TestError};

const START_MS: i64 = 1_750_000_000_000;

/// Topic 0 free in full; topics 1–5 locked with a sample of 5 (q0–q4, one per label).
fn tiered_bank() -> Bank {
    let mut bank = small_bank();
    for topic in bank.topics.iter_mut().skip(1) {
        topic.free = false;
    }
    for item in &mut bank.items {
        let q: u16 = item.id.rsplit('q').next().unwrap().parse().unwrap();
        item.free = item.topic == 0 || q < 5;
    }
    bank
}

fn answer_all(engine: &Engine, progress: &mut Progress, ids: &[String], from: u64) {
    let date = LocalDate::from_utc_ms(START_MS, 0);
    for (n, id) in ids.iter().enumerate() {
        let event = answer_event(from + n as u64, START_MS + n as i64 * 1000, date, id, true);
        engine.apply(progress, &event);
    }
}

fn run_test(
    engine: &Engine,
    progress: &Progress,
    topic: u16,
    access: Access,
    seed: u64,
) -> Result<Vec<String>, TestError> {
    let picks = engine.build_test(progress, &Scope::Topic(topic), access, START_MS, seed)?;
    Ok(picks
        .iter()
        .map(|p| engine.bank().items[p.item].id.clone())
        .collect())
}

#[test]
fn the_free_tier_draws_only_free_questions_and_unlocked_draws_on_all() {
    let engine = Engine::new(tiered_bank());
    let progress = engine.empty_progress();
    for seed in 0..40 {
        for id in run_test(&engine, &progress, 2, Access::Free, seed).unwrap() {
            let q: u16 = id.rsplit('q').next().unwrap().parse().unwrap();
            assert!(q < 5, "{id} is not in the free sample");
        }
    }
    let unlocked: Vec<String> = (0..40)
        .flat_map(|seed| run_test(&engine, &progress, 2, Access::Unlocked, seed).unwrap())
        .collect();
    assert!(
        unlocked
            .iter()
            .any(|id| id.rsplit('q').next().unwrap().parse::<u16>().unwrap() >= 5),
        "an unlocked learner is asked beyond the sample"
    );
}

#[test]
fn a_locked_topic_locks_once_its_free_sample_is_answered_and_answers_stay_open() {
    let engine = Engine::new(tiered_bank());
    let mut progress = engine.empty_progress();
    let before = engine.topic_access(Access::Free, &progress, 3);
    assert_eq!(
        (
            before.total,
            before.open,
            before.free,
            before.free_unanswered
        ),
        (20, 5, 5, 5)
    );
    assert!(before.can_start() && !before.is_open());

    let sample: Vec<String> = (0..5).map(|q| format!("t3-q{q}")).collect();
    answer_all(&engine, &mut progress, &sample, 1);
    assert_eq!(
        run_test(&engine, &progress, 3, Access::Free, 1),
        Err(TestError::Locked)
    );
    assert!(run_test(&engine, &progress, 3, Access::Unlocked, 1).is_ok());

    // A locked question answered elsewhere (the daily challenge) stays open.
    let locked = engine.find("t3-q12").unwrap();
    assert!(!engine.may_open(Access::Free, &progress, locked));
    answer_all(&engine, &mut progress, &["t3-q12".to_string()], 10);
    assert!(engine.may_open(Access::Free, &progress, locked));
    assert_eq!(engine.topic_access(Access::Free, &progress, 3).open, 6);

    // A free topic never locks, however much of it was answered.
    let all: Vec<String> = (0..20).map(|q| format!("t0-q{q}")).collect();
    answer_all(&engine, &mut progress, &all, 100);
    assert!(run_test(&engine, &progress, 0, Access::Free, 2).is_ok());
    assert!(engine.topic_access(Access::Free, &progress, 0).is_open());
}

#[test]
fn a_mixed_test_skips_the_locked_topics_and_says_locked_when_all_are() {
    let mut bank = tiered_bank();
    for item in &mut bank.items {
        item.free = item.topic == 0;
    }
    let engine = Engine::new(bank);
    let progress = engine.empty_progress();
    let picks = engine
        .build_test(
            &progress,
            &Scope::Mixed(vec![0, 1, 2]),
            Access::Free,
            START_MS,
            4,
        )
        .unwrap();
    assert!(picks.iter().all(|p| engine.bank().items[p.item].topic == 0));
    assert_eq!(
        engine
            .build_test(
                &progress,
                &Scope::Mixed(vec![1, 2]),
                Access::Free,
                START_MS,
                4
            )
            .err(),
        Some(TestError::Locked)
    );
}
