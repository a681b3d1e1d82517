//! Local dates, streaks and the daily challenge across time zones and
//! daylight-saving changes.

mod common;

use common::{answer_event, small_bank};
use engine::{
    Engine, Event, EventBody, EventId, LocalDate, StreakStatus, DAILY_GOAL_ANSWERS, DAILY_LENGTH,
    EVENT_VERSION, MAX_FREEZES, MS_PER_DAY,
};
use proptest::prelude::*;

const HOUR_MS: i64 = 3_600_000;

fn date(y: i32, m: u8, d: u8) -> LocalDate {
    LocalDate::from_ymd(y, m, d).expect("valid date")
}

/// UTC ms of a wall-clock time in a zone `offset_minutes` ahead of UTC.
fn wall(day: LocalDate, hour: i64, minute: i64, offset_minutes: i32) -> i64 {
    i64::from(day.days_since_epoch()) * MS_PER_DAY + hour * HOUR_MS + minute * 60_000
        - i64::from(offset_minutes) * 60_000
}

#[test]
fn civil_dates_round_trip() {
    assert_eq!(LocalDate::from_days_since_epoch(0).ymd(), (1970, 1, 1));
    assert_eq!(date(2024, 2, 29).to_string(), "2024-02-29");
    assert_eq!(date(2000, 3, 1).days_since_epoch(), 11_017);
    assert_eq!(LocalDate::from_ymd(2023, 2, 29), None);
    assert_eq!(LocalDate::from_ymd(2023, 13, 1), None);
    assert_eq!(date(1969, 12, 31).days_since_epoch(), -1);
}

#[test]
fn local_date_rolls_over_at_local_midnight() {
    // 2024-03-09 23:30 in New York (EST, −300) is 04:30 UTC on the 10th.
    let ms = wall(date(2024, 3, 9), 23, 30, -300);
    assert_eq!(LocalDate::from_utc_ms(ms, -300), date(2024, 3, 9));
    assert_eq!(LocalDate::from_utc_ms(ms, 0), date(2024, 3, 10));
    // Kiritimati (+14) and Baker Island (−12) see different dates at once.
    let noon_utc = i64::from(date(2024, 6, 1).days_since_epoch()) * MS_PER_DAY + 12 * HOUR_MS;
    assert_eq!(LocalDate::from_utc_ms(noon_utc, 14 * 60), date(2024, 6, 2));
    assert_eq!(LocalDate::from_utc_ms(noon_utc, -12 * 60), date(2024, 6, 1));
    // Kathmandu's +5:45.
    let ms = wall(date(2024, 6, 1), 0, 10, 345);
    assert_eq!(LocalDate::from_utc_ms(ms, 345), date(2024, 6, 1));
    assert_eq!(
        LocalDate::from_utc_ms(ms - 11 * 60_000, 345),
        date(2024, 5, 31)
    );
}

/// Five answers on each listed (local date, offset) at the given hours.
fn goal_days(days: &[(LocalDate, i64, i32)]) -> Vec<Event> {
    let mut events = Vec::new();
    for &(day, hour, offset) in days {
        for k in 0..DAILY_GOAL_ANSWERS {
            let at = wall(day, hour, i64::from(k), offset);
            events.push(answer_event(
                events.len() as u64,
                at,
                LocalDate::from_utc_ms(at, offset),
                "t0-q0",
                true,
            ));
        }
    }
    events
}

#[test]
fn streak_survives_the_spring_forward_night() {
    // New York, 2024-03-10: clocks jump from 02:00 EST to 03:00 EDT; the day
    // has 23 hours. Practise late on the 9th (EST) and early on the 10th
    // (EDT) and the 11th: three days in a row.
    let engine = Engine::new(small_bank());
    let events = goal_days(&[
        (date(2024, 3, 9), 23, -300),
        (date(2024, 3, 10), 3, -240),
        (date(2024, 3, 11), 0, -240),
    ]);
    let progress = engine.replay(&events);
    let today = LocalDate::from_utc_ms(wall(date(2024, 3, 11), 23, 59, -240), -240);
    assert_eq!(
        progress.streak().status(today),
        StreakStatus::Active {
            days: 3,
            done_today: true,
            answers_today: DAILY_GOAL_ANSWERS,
            freezes_left: 0
        }
    );
}

#[test]
fn fall_back_hour_is_one_day_not_two() {
    // New York, 2024-11-03: 01:00–02:00 happens twice (EDT then EST). Answers
    // in both 01:30s are the same local date.
    let engine = Engine::new(small_bank());
    let day = date(2024, 11, 3);
    let mut events = Vec::new();
    for (k, offset) in [(0, -240), (1, -240), (2, -300), (3, -300), (4, -300)] {
        let at = wall(day, 1, 30, offset) + k;
        let local = LocalDate::from_utc_ms(at, offset);
        assert_eq!(local, day);
        events.push(answer_event(k as u64, at, local, "t0-q0", true));
    }
    let progress = engine.replay(&events);
    match progress.streak().status(day) {
        StreakStatus::Active { days, .. } => assert_eq!(days, 1),
        other => panic!("expected an active streak, got {other:?}"),
    }
}

#[test]
fn streak_ends_at_local_midnight_without_a_freeze() {
    let engine = Engine::new(small_bank());
    let progress = engine.replay(&goal_days(&[(date(2025, 1, 1), 20, 60)]));
    let status = |d| progress.streak().status(d);
    assert!(matches!(
        status(date(2025, 1, 2)),
        StreakStatus::Active {
            days: 1,
            done_today: false,
            ..
        }
    ));
    assert!(matches!(
        status(date(2025, 1, 3)),
        StreakStatus::Inactive { best_days: 1, .. }
    ));
}

#[test]
fn a_week_earns_a_freeze_that_covers_one_missed_day() {
    let engine = Engine::new(small_bank());
    let mut days: Vec<(LocalDate, i64, i32)> = (1..=7).map(|d| (date(2025, 1, d), 9, 0)).collect();
    // Miss the 8th, practise on the 9th.
    days.push((date(2025, 1, 9), 9, 0));
    let progress = engine.replay(&goal_days(&days));
    assert_eq!(
        progress.streak().status(date(2025, 1, 9)),
        StreakStatus::Active {
            days: 8,
            done_today: true,
            answers_today: DAILY_GOAL_ANSWERS,
            freezes_left: 0
        }
    );
    // Without the practice on the 9th, the freeze holds the streak through the
    // 9th and it ends on the 10th.
    let progress = engine.replay(&goal_days(&days[..7]));
    assert!(matches!(
        progress.streak().status(date(2025, 1, 9)),
        StreakStatus::Active {
            days: 7,
            freezes_left: 0,
            ..
        }
    ));
    assert!(matches!(
        progress.streak().status(date(2025, 1, 10)),
        StreakStatus::Inactive { .. }
    ));
}

#[test]
fn freezes_are_capped() {
    let engine = Engine::new(small_bank());
    let days: Vec<(LocalDate, i64, i32)> = (0..40)
        .map(|d| (date(2025, 1, 1).add_days(d), 9, 0))
        .collect();
    let progress = engine.replay(&goal_days(&days));
    match progress.streak().status(date(2025, 2, 9)) {
        StreakStatus::Active {
            days, freezes_left, ..
        } => {
            assert_eq!(days, 40);
            assert_eq!(freezes_left, MAX_FREEZES);
        }
        other => panic!("expected an active streak, got {other:?}"),
    }
}

#[test]
fn fewer_answers_than_the_goal_do_not_count() {
    let engine = Engine::new(small_bank());
    let mut events = goal_days(&[(date(2025, 1, 1), 9, 0)]);
    events.truncate(DAILY_GOAL_ANSWERS as usize - 1);
    let progress = engine.replay(&events);
    assert_eq!(
        progress.streak().status(date(2025, 1, 1)),
        StreakStatus::Inactive {
            best_days: 0,
            answers_today: DAILY_GOAL_ANSWERS - 1,
            freezes_left: 0
        }
    );
}

#[test]
fn flying_west_past_midnight_does_not_rewind_the_day() {
    // Goal met on the 2nd in Tokyo (+540) just after midnight; the learner
    // lands in Honolulu (−600) where it is still the 1st and answers again.
    let engine = Engine::new(small_bank());
    let mut events = goal_days(&[(date(2025, 1, 1), 9, 540), (date(2025, 1, 2), 0, 540)]);
    let at = wall(date(2025, 1, 2), 6, 0, 540);
    let local = LocalDate::from_utc_ms(at, -600);
    assert_eq!(local, date(2025, 1, 1));
    events.push(answer_event(99, at, local, "t0-q0", true));
    let progress = engine.replay(&events);
    match progress.streak().status(date(2025, 1, 2)) {
        StreakStatus::Active { days, .. } => assert_eq!(days, 2),
        other => panic!("expected an active streak, got {other:?}"),
    }
}

#[test]
fn opting_out_hides_the_streak_and_opting_in_starts_fresh() {
    let engine = Engine::new(small_bank());
    let mut events = goal_days(&[(date(2025, 1, 1), 9, 0), (date(2025, 1, 2), 9, 0)]);
    let toggle = |id: u64, enabled: bool, day: LocalDate| Event {
        version: EVENT_VERSION,
        id: EventId(id),
        at_ms: i64::from(day.days_since_epoch()) * MS_PER_DAY + 20 * HOUR_MS,
        local_date: day,
        body: EventBody::StreaksEnabled(enabled),
    };
    events.push(toggle(500, false, date(2025, 1, 2)));
    let progress = engine.replay(&events);
    assert_eq!(
        progress.streak().status(date(2025, 1, 2)),
        StreakStatus::Off
    );
    assert!(!progress.streak().enabled());

    events.push(toggle(501, true, date(2025, 1, 3)));
    let progress = engine.replay(&events);
    assert_eq!(
        progress.streak().status(date(2025, 1, 3)),
        StreakStatus::Inactive {
            best_days: 2,
            answers_today: 0,
            freezes_left: 0
        }
    );
}

#[test]
fn daily_challenge_ramps_over_several_topics() {
    let engine = Engine::new(small_bank());
    let picks = engine.daily_challenge(date(2025, 5, 17));
    assert_eq!(picks.len(), DAILY_LENGTH);
    let items = &engine.bank().items;
    let mut topics: Vec<u16> = picks.iter().map(|&i| items[i].topic).collect();
    topics.sort_unstable();
    topics.dedup();
    assert!(topics.len() >= 3, "topics {topics:?}");
    let labels: Vec<u8> = picks.iter().map(|&i| items[i].difficulty).collect();
    assert!(labels.windows(2).all(|w| w[0] <= w[1]), "labels {labels:?}");
    assert_eq!(labels.first(), Some(&1));
    assert_eq!(labels.last(), Some(&5));
}

#[test]
fn daily_challenge_changes_from_day_to_day() {
    let engine = Engine::new(small_bank());
    let week: Vec<Vec<usize>> = (0..7)
        .map(|d| engine.daily_challenge(date(2025, 5, 1).add_days(d)))
        .collect();
    let distinct: std::collections::BTreeSet<&Vec<usize>> = week.iter().collect();
    assert!(distinct.len() >= 6);
}

#[test]
fn daily_challenge_of_an_empty_bank_is_empty() {
    let engine = Engine::new(engine::Bank::default());
    assert!(engine.daily_challenge(date(2025, 1, 1)).is_empty());
}

proptest! {
    #[test]
    fn daily_challenge_is_the_same_for_everyone_on_a_date(days in -20_000i32..40_000) {
        // Two engines built independently (two learners' devices).
        let first = Engine::new(small_bank()).daily_challenge(LocalDate::from_days_since_epoch(days));
        let second = Engine::new(small_bank()).daily_challenge(LocalDate::from_days_since_epoch(days));
        prop_assert_eq!(first, second);
    }

    #[test]
    fn ymd_round_trips(days in -1_000_000i32..1_000_000) {
        let d = LocalDate::from_days_since_epoch(days);
        let (y, m, day) = d.ymd();
        prop_assert_eq!(LocalDate::from_ymd(y, m, day), Some(d));
    }

    #[test]
    fn local_date_never_panics(ms in any::<i64>(), offset in any::<i32>()) {
        let _ = LocalDate::from_utc_ms(ms, offset);
    }
}
