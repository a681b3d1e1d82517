//! Bookmarks, recent mistakes, answers per day and the daily challenge's
//! progress, as `Progress` keeps them, through the public API.

mod common;

use common::{answer_event, small_bank};
use engine::{
    Answer, Engine, Event, EventBody, EventId, LocalDate, Mode, Response, SessionId, DAILY_LENGTH,
    EVENT_VERSION,
};

const START_MS: i64 = 1_735_718_400_000; // 2025-01-01T08:00:00Z

fn day_of(ms: i64) -> LocalDate {
    LocalDate::from_utc_ms(ms, 0)
}

fn bookmark(id: u64, at_ms: i64, question: &str, on: bool) -> Event {
    Event {
        version: EVENT_VERSION,
        id: EventId(id),
        at_ms,
        local_date: day_of(at_ms),
        body: EventBody::Bookmarked {
            question: question.into(),
            on,
        },
    }
}

fn daily_answer(id: u64, at_ms: i64, question: &str, correct: bool) -> Event {
    Event::answered(
        EventId(id),
        at_ms,
        day_of(at_ms),
        Answer {
            question: question.into(),
            response: Response::Chose(vec![0]),
            correct,
            time_taken_ms: 10_000,
            mode: Mode::Daily,
            session: SessionId(9),
        },
    )
}

#[test]
fn bookmarks_list_newest_first_and_removing_one_drops_it() {
    let engine = Engine::new(small_bank());
    let progress = engine.replay(&[
        bookmark(1, START_MS, "t0-q1", true),
        bookmark(2, START_MS + 10, "t1-q2", true),
        bookmark(3, START_MS + 20, "retired-id", true),
        bookmark(4, START_MS + 30, "t0-q1", false),
        bookmark(5, START_MS + 40, "t0-q1", true),
        bookmark(6, START_MS + 50, "t1-q2", false),
    ]);
    assert_eq!(progress.bookmarks(), ["t0-q1", "retired-id"]);
    assert!(progress.is_bookmarked("t0-q1"));
    assert!(!progress.is_bookmarked("t1-q2"));
}

#[test]
fn bookmarks_at_the_same_instant_keep_log_order() {
    let engine = Engine::new(small_bank());
    let progress = engine.replay(&[
        bookmark(1, START_MS, "a", true),
        bookmark(2, START_MS, "b", true),
        bookmark(3, START_MS - 5, "c", true),
    ]);
    assert_eq!(progress.bookmarks(), ["a", "b", "c"]);
}

#[test]
fn a_mistake_stays_until_the_question_is_answered_right() {
    let engine = Engine::new(small_bank());
    let q1 = engine.find("t0-q1").expect("known");
    let q2 = engine.find("t0-q2").expect("known");
    let mut progress = engine.empty_progress();
    let mut apply = |event: Event| {
        engine.apply(&mut progress, &event);
        progress.recent_mistakes().collect::<Vec<_>>()
    };
    assert_eq!(
        apply(answer_event(1, START_MS, day_of(START_MS), "t0-q1", false)),
        [q1]
    );
    assert_eq!(
        apply(answer_event(
            2,
            START_MS + 9,
            day_of(START_MS),
            "t0-q2",
            false
        )),
        [q2, q1]
    );
    // Wrong again: it moves to the front, once.
    assert_eq!(
        apply(answer_event(
            3,
            START_MS + 20,
            day_of(START_MS),
            "t0-q1",
            false
        )),
        [q1, q2]
    );
    assert_eq!(
        apply(answer_event(
            4,
            START_MS + 30,
            day_of(START_MS),
            "t0-q1",
            true
        )),
        [q2]
    );
    // Answers to questions the bank does not have are never mistakes.
    assert_eq!(
        apply(answer_event(
            5,
            START_MS + 40,
            day_of(START_MS),
            "gone",
            false
        )),
        [q2]
    );
}

#[test]
fn answers_count_for_their_events_local_date_in_every_mode() {
    let engine = Engine::new(small_bank());
    let today = day_of(START_MS);
    let mut log = vec![
        answer_event(1, START_MS, today, "t0-q1", true),
        answer_event(2, START_MS + 1, today, "gone", true),
        daily_answer(3, START_MS + 2, "t0-q3", false),
        // Recorded just after local midnight in another time zone: its own date counts.
        answer_event(4, START_MS + 3, today.add_days(1), "t0-q4", true),
    ];
    log.push(log[0].clone()); // a duplicate id counts once
    let progress = engine.replay(&log);
    assert_eq!(progress.answers_on(today), 3);
    assert_eq!(progress.answers_on(today.add_days(1)), 1);
    assert_eq!(progress.answers_on(today.add_days(-1)), 0);
}

#[test]
fn the_daily_is_done_only_when_all_its_questions_are_answered() {
    let engine = Engine::new(small_bank());
    let today = day_of(START_MS);
    let challenge = engine.daily_challenge(today);
    assert_eq!(challenge.len(), DAILY_LENGTH);
    let id = |k: usize| engine.bank().items[challenge[k]].id.clone();
    let mut progress = engine.empty_progress();
    assert_eq!(engine.daily_remaining(&progress, today), challenge);
    engine.apply(&mut progress, &daily_answer(1, START_MS, &id(0), true));
    assert_eq!(progress.daily_answered(today), 1);
    assert_eq!(
        engine.daily_remaining(&progress, today),
        challenge[1..].to_vec(),
        "the answered question is not asked again"
    );
    assert!(
        !progress.daily_done(today),
        "one answer is not the whole challenge"
    );
    // Answering the same question again, or another question in daily mode, adds nothing.
    engine.apply(&mut progress, &daily_answer(2, START_MS + 1, &id(0), true));
    let outsider = (0..engine.bank().items.len())
        .find(|i| !challenge.contains(i))
        .expect("the bank is larger than a challenge");
    let outsider = engine.bank().items[outsider].id.clone();
    engine.apply(
        &mut progress,
        &daily_answer(3, START_MS + 2, &outsider, true),
    );
    assert_eq!(progress.daily_answered(today), 1);
    for k in 1..DAILY_LENGTH {
        // Wrong answers count as answered.
        engine.apply(
            &mut progress,
            &daily_answer(10 + k as u64, START_MS + 10 + k as i64, &id(k), false),
        );
    }
    assert_eq!(progress.daily_answered(today), DAILY_LENGTH as u32);
    assert!(progress.daily_done(today));
    assert!(engine.daily_remaining(&progress, today).is_empty());
    assert!(!progress.daily_done(today.add_days(1)));
    assert_eq!(progress.answers_on(today), DAILY_LENGTH as u32 + 2);
}

#[test]
fn a_daily_begun_before_midnight_counts_for_the_day_it_began() {
    let engine = Engine::new(small_bank());
    let today = day_of(START_MS);
    let challenge = engine.daily_challenge(today);
    let tomorrow = today.add_days(1);
    let midnight = i64::from(tomorrow.days_since_epoch()) * engine::MS_PER_DAY;
    let log: Vec<Event> = challenge
        .iter()
        .enumerate()
        .map(|(k, &item)| {
            // Two answers before midnight, three after.
            let at = midnight - 120_000 + k as i64 * 60_000;
            daily_answer(k as u64, at, &engine.bank().items[item].id, true)
        })
        .collect();
    let mut progress = engine.replay(&log);
    assert!(progress.daily_done(today));
    assert_eq!(progress.daily_answered(tomorrow), 0);
    assert_eq!(progress.answers_on(today), 2);
    assert_eq!(progress.answers_on(tomorrow), 3);
    // One question is in both days' challenges: answered after midnight in the
    // sitting that began the day before, it counted for that day; in a new
    // sitting it counts for its own day.
    let tomorrows = engine.daily_challenge(tomorrow);
    let shared = *tomorrows
        .iter()
        .find(|i| challenge.contains(i))
        .expect("this bank's two challenges share a question");
    let mut again = daily_answer(
        99,
        midnight + 3_600_000,
        &engine.bank().items[shared].id,
        true,
    );
    if let EventBody::Answered(answer) = &mut again.body {
        answer.session = SessionId(10);
    }
    engine.apply(&mut progress, &again);
    assert_eq!(progress.daily_answered(tomorrow), 1);
    assert!(progress.daily_done(today));
}

#[test]
fn keys_entered_are_kept_as_text_newest_first_and_survive_a_round_trip_of_the_log() {
    let engine = Engine::new(small_bank());
    let key = |id: u64, at_ms: i64, text: &str| Event {
        version: EVENT_VERSION,
        id: EventId(id),
        at_ms,
        local_date: day_of(at_ms),
        body: EventBody::KeyEntered { key: text.into() },
    };
    let log = vec![
        answer_event(1, START_MS, day_of(START_MS), "t0-q1", true),
        key(2, START_MS + 1_000, "FIRST"),
        key(3, START_MS + 2_000, "SECOND"),
        key(4, START_MS + 3_000, "FIRST"),
    ];
    assert!(engine.empty_progress().unlock_keys().is_empty());
    assert_eq!(engine.replay(&log).unlock_keys(), ["FIRST", "SECOND"]);
    let bytes = postcard::to_allocvec(&log).unwrap();
    let back: Vec<Event> = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(engine.replay(&back).unlock_keys(), ["FIRST", "SECOND"]);
}
