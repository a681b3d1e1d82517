//! Readiness in words (settled or not, answers to settle) and the study
//! plan, through the public API.

mod common;

use common::{answer_event, small_bank};
use engine::{
    per_answer_information, Ability, Access, Engine, Forecast, LocalDate, Progress, Readiness,
    Scope, DEFAULT_DAILY_GOAL, INTERVIEW_READY_SCORE, MAX_ANSWERS_ESTIMATE, MS_PER_DAY,
    SETTLED_RANGE_POINTS,
};

const START_MS: i64 = 1_735_718_400_000; // 2025-01-01T08:00:00Z

fn day_of(ms: i64) -> LocalDate {
    LocalDate::from_utc_ms(ms, 0)
}

fn readiness(theta: f64, se: f64) -> Readiness {
    Readiness::from_ability(
        Ability {
            theta,
            se,
            answers: 10,
        },
        0.0,
    )
}

/// One adaptive test in `topic` per day from `START_MS`, answered right
/// exactly when `right(label)`; calls `after` after each test.
fn practise(
    engine: &Engine,
    progress: &mut Progress,
    topic: u16,
    tests: usize,
    right: impl Fn(u8) -> bool,
    mut after: impl FnMut(&Progress, i64),
) {
    let mut id = u64::from(topic) << 32;
    for day in 0..tests {
        let now = START_MS + day as i64 * MS_PER_DAY;
        let mut test = engine
            .start_test(progress, &Scope::Topic(topic), Access::Unlocked, day as u64)
            .expect("topic exists");
        let mut at = now;
        while let Some(pick) = engine.next_question(progress, &mut test, at) {
            let meta = &engine.bank().items[pick.item];
            let event = answer_event(id, at, day_of(at), &meta.id, right(meta.difficulty));
            engine.apply(progress, &event);
            id += 1;
            at += 20_000;
        }
        after(progress, at);
    }
}

#[test]
fn information_per_answer_is_the_3pl_at_the_target_success() {
    // a' = 1/sqrt(1 + π/32), P = 0.75, c = 1/4: a'² · (1/3) · (2/3)².
    let a2 = 1.0 / (1.0 + std::f64::consts::PI / 32.0);
    assert!((per_answer_information() - a2 * 4.0 / 27.0).abs() < 1e-12);
    assert!((per_answer_information() - 0.1349).abs() < 1e-4);
}

#[test]
fn answers_to_settle_follows_from_the_standard_error() {
    // θ = b: the range is 30 points at SE 0.3158 (σ(1.96 SE) = 0.65).
    // Prior, SE 1: (10.025 − 1) / 0.1349 = 67 → clamped to 50.
    let prior = readiness(0.0, 1.0);
    assert_eq!((prior.low, prior.high), (12, 88));
    assert!(!prior.is_settled());
    assert_eq!(prior.answers_to_settle(), MAX_ANSWERS_ESTIMATE);
    // SE 0.4: (10.025 − 6.25) / 0.1349 = 27.98 → 28.
    let some = readiness(0.0, 0.4);
    assert_eq!((some.low, some.high), (31, 69));
    assert_eq!(some.answers_to_settle(), 28);
    // Just outside and just inside 30 points.
    // (Rounding takes the range from 30 straight to 32 here.)
    let wide = readiness(0.0, 0.33);
    assert_eq!(wide.high - wide.low, 32);
    assert!(!wide.is_settled());
    // (10.025 − 9.183) / 0.1349 = 6.2 → 7.
    assert_eq!(wide.answers_to_settle(), 7);
    let narrow = readiness(0.0, 0.325);
    assert_eq!(narrow.high - narrow.low, 30);
    assert!(narrow.is_settled());
    assert_eq!(narrow.answers_to_settle(), 0);
    // Far from the median question the scale is flat: a wide SE is settled.
    assert!(readiness(3.0, 0.6).is_settled());
    assert_eq!(SETTLED_RANGE_POINTS, 30);
}

#[test]
fn answers_to_settle_shrinks_as_consistent_answers_come_in_until_settled() {
    let engine = Engine::new(small_bank());
    let mut progress = engine.empty_progress();
    let mut seen: Vec<(u32, bool)> = Vec::new();
    practise(
        &engine,
        &mut progress,
        0,
        24,
        |label| label <= 3,
        |p, now| {
            let r = engine.readiness(p, 0, now);
            seen.push((r.answers_to_settle(), r.is_settled()));
        },
    );
    let counts: Vec<u32> = seen.iter().map(|s| s.0).collect();
    assert!(counts.windows(2).all(|w| w[1] <= w[0]), "{counts:?}");
    let first_settled = seen
        .iter()
        .position(|s| s.1)
        .expect("settles within 120 answers");
    assert!(
        seen[first_settled..].iter().all(|s| s.1 && s.0 == 0),
        "{seen:?}"
    );
    // Before that, each test's five answers bring the estimate down once the clamp lets go.
    let unclamped: Vec<u32> = counts[..first_settled]
        .iter()
        .copied()
        .filter(|&n| n < MAX_ANSWERS_ESTIMATE)
        .collect();
    assert!(unclamped.len() >= 2, "{counts:?}");
    assert!(unclamped.windows(2).all(|w| w[1] < w[0]), "{counts:?}");
}

#[test]
fn days_left_count_today() {
    let engine = Engine::new(small_bank());
    let progress = engine.empty_progress();
    let today = day_of(START_MS);
    let plan = |interview| engine.plan(&progress, &[(0, 1)], today, interview, START_MS);
    assert_eq!(plan(Some(today)).days_left, Some(1));
    assert_eq!(plan(Some(today.add_days(1))).days_left, Some(2));
    let none = plan(None);
    assert_eq!(none.days_left, None);
    assert!(!none.interview_passed);
    assert_eq!(none.suggested_daily_goal, DEFAULT_DAILY_GOAL);
    let passed = plan(Some(today.add_days(-3)));
    assert_eq!(passed.days_left, Some(0));
    assert!(passed.interview_passed);
    assert_eq!(passed.suggested_daily_goal, DEFAULT_DAILY_GOAL);
    assert!(!plan(Some(today)).interview_passed);
}

#[test]
fn the_daily_goal_spreads_what_the_topics_need_over_the_days_left() {
    let engine = Engine::new(small_bank());
    let progress = engine.empty_progress();
    let today = day_of(START_MS);
    // Three new topics, each needing 50 answers to settle: 150 in all.
    let weights = [(0, 1), (1, 2), (2, 3)];
    let goal = |days: i32| {
        engine
            .plan(
                &progress,
                &weights,
                today,
                Some(today.add_days(days - 1)),
                START_MS,
            )
            .suggested_daily_goal
    };
    assert_eq!(goal(10), 15);
    assert_eq!(goal(7), 25, "150 / 7 = 21.4 → 22 → 25");
    assert_eq!(goal(1), 40, "clamped");
    assert_eq!(goal(100), 5, "1.5 → 2 → 5");
}

#[test]
fn focus_puts_the_largest_weighted_gap_first() {
    let engine = Engine::new(small_bank());
    let mut progress = engine.empty_progress();
    // Topic 1: right every time (ready); topic 2: only the two easiest labels
    // right (settled low).
    practise(&engine, &mut progress, 1, 16, |_| true, |_, _| {});
    practise(&engine, &mut progress, 2, 16, |label| label <= 2, |_, _| {});
    let now = START_MS + 20 * MS_PER_DAY;
    let today = day_of(now);
    let weights = [(0, 1), (1, 3), (2, 1), (3, 3), (9, 3), (4, 0), (3, 1)];
    let plan = engine.plan(&progress, &weights, today, None, now);
    let order: Vec<u16> = plan.focus.iter().map(|f| f.topic).collect();
    // Topic 3 (new, weight 3, gap 15) = 45; topic 2 (gap > 15, weight 1);
    // topic 0 (new, weight 1) = 15; topic 1 ready (gap 0) last. Topic 9 is
    // not in the bank, topic 4 has weight 0, the second topic 3 is a repeat.
    assert_eq!(order, [3, 2, 0, 1]);
    let by_topic = |t: u16| plan.focus.iter().find(|f| f.topic == t).expect("in plan");
    assert_eq!(by_topic(3).weight, 3);
    assert_eq!(by_topic(3).gap, 15);
    assert_eq!(
        by_topic(3).forecast,
        Forecast::NeedsAnswers(MAX_ANSWERS_ESTIMATE)
    );
    assert_eq!(by_topic(1).forecast, Forecast::Ready);
    assert_eq!(by_topic(1).gap, 0);
    assert!(by_topic(1).readiness.low >= INTERVIEW_READY_SCORE);
    let low = by_topic(2);
    assert!(low.readiness.is_settled(), "{:?}", low.readiness);
    assert!(low.gap > 15);
    assert_eq!(low.forecast, Forecast::Gap(low.gap));
    assert_eq!(low.gap, INTERVIEW_READY_SCORE - low.readiness.score);
}

#[test]
fn a_likely_ready_topic_needs_answers_to_confirm_it() {
    // Score 75 with the low end at 63: settled, not yet sure.
    let r = readiness(1.1, 0.3);
    assert_eq!((r.score, r.low, r.high), (75, 63, 84));
    assert!(r.is_settled());
    // Low end 64.5 needs SE (logit .75 − logit .645) / 1.96 = 0.2559:
    // (15.27 − 11.11) / 0.1349 = 30.9 → 31.
    assert_eq!(r.answers_to_confirm(INTERVIEW_READY_SCORE), 31);
    assert_eq!(
        readiness(1.3, 0.3).answers_to_confirm(INTERVIEW_READY_SCORE),
        0
    );
    assert_eq!(
        readiness(0.0, 0.3).answers_to_confirm(INTERVIEW_READY_SCORE),
        MAX_ANSWERS_ESTIMATE
    );
}

#[test]
fn track_readiness_is_the_weighted_mean_and_settles_with_its_core_topics() {
    let engine = Engine::new(small_bank());
    let mut progress = engine.empty_progress();
    let weights = [(0u16, 3u8), (1, 1)];
    let fresh = engine
        .track_readiness(&progress, &weights, START_MS)
        .expect("a track with topics");
    let (t0, t1) = (
        engine.readiness(&progress, 0, START_MS),
        engine.readiness(&progress, 1, START_MS),
    );
    let mean = |a: u8, b: u8| ((3 * u32::from(a) + u32::from(b) + 2) / 4) as u8;
    assert_eq!(fresh.score, mean(t0.score, t1.score));
    assert_eq!(fresh.low, mean(t0.low, t1.low));
    assert_eq!(fresh.high, mean(t0.high, t1.high));
    assert!(!fresh.settled, "nothing answered: nothing to show");
    assert_eq!(
        fresh.answers_to_settle,
        t0.answers_to_settle(),
        "only core topics count"
    );
    // Strong answers in the core topic settle the track though topic 1 is untouched.
    let mut now = START_MS;
    practise(&engine, &mut progress, 0, 12, |_| true, |_, at| now = at);
    let later = engine.track_readiness(&progress, &weights, now).unwrap();
    assert!(later.settled, "{later:?}");
    assert_eq!(later.answers_to_settle, 0);
    assert!(later.score > fresh.score);
    assert_eq!(engine.track_readiness(&progress, &[(0, 0)], now), None);
}
