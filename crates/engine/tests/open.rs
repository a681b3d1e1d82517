//! Open (interview-mode) questions: self-graded key points as partial credit in the estimate,
//! an FSRS grade from the share covered, and their place outside adaptive tests.

mod common;

use engine::{
    grade, open_counts_as_correct, Access, Answer, Engine, Event, EventId, ItemMeta, Kind,
    LocalDate, Mode, OpenBody, QuestionBody, Response, Scope, SessionId, MS_PER_DAY,
};
use proptest::prelude::*;

const DAY0: i64 = 1_767_225_600_000; // 2026-01-01

/// The small bank plus, in topic 0, five open questions (labels 1–5) of `points` key points.
fn bank_with_open(points: u8) -> engine::Bank {
    let mut bank = common::small_bank();
    for level in 1..=5u8 {
        bank.items.push(ItemMeta {
            id: format!("open-{level}"),
            topic: 0,
            subtopic: 0,
            kind: Kind::Open,
            difficulty: level,
            options: points,
            irt_a: None,
            irt_b: None,
            irt_b_sd: None,
            free: true,
        });
    }
    bank
}

fn event(id: u64, question: &str, response: Response, correct: bool) -> Event {
    let at = DAY0 + id as i64 * 60_000;
    Event::answered(
        EventId(id),
        at,
        LocalDate::from_utc_ms(at, 0),
        Answer {
            question: question.into(),
            response,
            correct,
            time_taken_ms: 120_000,
            mode: Mode::Test,
            session: SessionId(1),
        },
    )
}

/// The topic-0 estimate after `history` (multiple-choice answers: item, right) and then one
/// open answer covering `covered` (None: no open answer).
fn estimate_after(
    engine: &Engine,
    history: &[(usize, bool)],
    open: Option<(&str, Response)>,
) -> (f64, f64) {
    let mut progress = engine.empty_progress();
    let mut id = 0;
    for &(item, right) in history {
        let question = engine.bank().items[item].id.clone();
        engine.apply(
            &mut progress,
            &common::answer_event(
                id,
                DAY0 + id as i64 * 60_000,
                LocalDate::from_utc_ms(DAY0, 0),
                &question,
                right,
            ),
        );
        id += 1;
    }
    if let Some((question, response)) = open {
        let meta = &engine.bank().items[engine.find(question).expect("in the bank")];
        let correct = response
            .covered(meta.options)
            .is_some_and(|c| open_counts_as_correct(c, meta.options));
        engine.apply(&mut progress, &event(id, question, response, correct));
    }
    let ability = engine.ability(&progress, 0, DAY0 + 100 * 60_000);
    (ability.theta, ability.se)
}

fn covering(k: u8) -> Response {
    Response::Covered((0..k).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// One more key point covered never lowers the estimate; covering all of them never moves
    /// it down and covering none never moves it up, whatever came before.
    #[test]
    fn partial_credit_is_monotone_and_never_moves_the_wrong_way(
        history in proptest::collection::vec((0usize..20, any::<bool>()), 0..25),
        level in 1u8..=5,
        points in 3u8..=6,
    ) {
        let engine = Engine::new(bank_with_open(points));
        let id = format!("open-{level}");
        let (before, _) = estimate_after(&engine, &history, None);
        let mut last = f64::NEG_INFINITY;
        for k in 0..=points {
            let (theta, se) = estimate_after(&engine, &history, Some((&id, covering(k))));
            prop_assert!(theta >= last - 1e-12, "covering {k} of {points}: {theta} < {last}");
            prop_assert!(se.is_finite() && se > 0.0);
            if k == 0 {
                prop_assert!(theta <= before + 1e-12);
            }
            if k == points {
                prop_assert!(theta >= before - 1e-12);
            }
            last = theta;
        }
        // "I don't know" is at most as good as covering nothing.
        let (dont_know, _) = estimate_after(&engine, &history, Some((&id, Response::DontKnow)));
        let (none, _) = estimate_after(&engine, &history, Some((&id, covering(0))));
        prop_assert!(dont_know <= none + 1e-12);
    }
}

#[test]
fn ticks_count_once_and_only_for_real_points() {
    assert_eq!(Response::Covered(vec![0, 0, 2, 9]).covered(4), Some(2));
    assert_eq!(Response::Covered(vec![]).covered(4), Some(0));
    assert_eq!(Response::DontKnow.covered(4), None);
    assert_eq!(Response::Chose(vec![1]).covered(4), None);
}

#[test]
fn an_open_answer_counts_as_right_from_three_quarters_of_the_points() {
    let right: Vec<(u8, u8)> = (3..=6u8)
        .flat_map(|n| (0..=n).map(move |k| (k, n)))
        .filter(|&(k, n)| open_counts_as_correct(k, n))
        .collect();
    assert_eq!(
        right,
        vec![(3, 3), (3, 4), (4, 4), (4, 5), (5, 5), (5, 6), (6, 6)]
    );
    assert!(!open_counts_as_correct(0, 0));
}

#[test]
fn grading_an_open_body_counts_the_points() {
    let body = QuestionBody {
        id: "open-1".into(),
        prompt_html: "Explain.".into(),
        code_html: None,
        choices: Vec::new(),
        explanation_html: "A model answer.".into(),
        references: Vec::new(),
        tags: Vec::new(),
        as_of: None,
        open: Some(OpenBody {
            key_points_html: vec!["a".into(), "b".into(), "c".into(), "d".into(), "e".into()],
            follow_ups_html: Vec::new(),
            pitfalls_html: Vec::new(),
            seconds: 120,
        }),
    };
    let g = grade(&body, &Response::Covered(vec![4, 1, 0, 3]));
    assert!(g.correct);
    assert_eq!((g.right_picks, g.missed, g.correct_total), (4, 1, 5));
    assert!((g.credit - 0.8).abs() < 1e-6);
    let g = grade(&body, &Response::DontKnow);
    assert!(!g.correct);
    assert_eq!((g.right_picks, g.missed), (0, 5));
}

#[test]
fn review_grades_an_open_answer_by_the_share_covered() {
    use engine::Grade;
    assert_eq!(Grade::from_points(5, 5), Grade::Good);
    assert_eq!(Grade::from_points(3, 5), Grade::Hard);
    assert_eq!(Grade::from_points(2, 4), Grade::Hard);
    assert_eq!(Grade::from_points(2, 5), Grade::Again);
    assert_eq!(Grade::from_points(0, 3), Grade::Again);
    // And the schedule follows: a full answer comes back later than a poor one.
    let engine = Engine::new(bank_with_open(4));
    let due = |k: u8| {
        let mut progress = engine.empty_progress();
        engine.apply(
            &mut progress,
            &event(1, "open-3", covering(k), open_counts_as_correct(k, 4)),
        );
        let item = engine.find("open-3").expect("in the bank");
        progress
            .item(item)
            .and_then(|r| r.card)
            .expect("a card")
            .due
    };
    assert!(due(4) > due(1));
}

#[test]
fn open_questions_stay_out_of_adaptive_tests_and_the_daily_challenge() {
    let engine = Engine::new(bank_with_open(4));
    let progress = engine.empty_progress();
    for seed in 0..50 {
        let test = engine
            .build_test(&progress, &Scope::Topic(0), Access::Unlocked, DAY0, seed)
            .expect("a test");
        assert!(test
            .iter()
            .all(|pick| engine.bank().items[pick.item].kind != Kind::Open));
    }
    for day in 0..60 {
        let date = LocalDate::from_utc_ms(DAY0 + day * MS_PER_DAY, 0);
        for &item in &engine.daily_challenge(date) {
            assert_ne!(engine.bank().items[item].kind, Kind::Open);
        }
    }
    let open = engine.open_questions(0);
    assert_eq!(open.len(), 5);
    let labels: Vec<u8> = open
        .iter()
        .map(|&i| engine.bank().items[i].difficulty)
        .collect();
    assert_eq!(labels, vec![1, 2, 3, 4, 5]);
    assert!(engine.open_questions(1).is_empty());
}

#[test]
fn a_test_with_an_open_question_asks_it_last_once_and_falls_back_when_none_is_left() {
    let engine = Engine::new(bank_with_open(4));
    let mut progress = engine.empty_progress();
    let mut asked_open = Vec::new();
    for round in 0..7u64 {
        let now = DAY0 + round as i64 * MS_PER_DAY;
        let mut test = engine
            .start_test(&progress, &Scope::Topic(0), Access::Unlocked, round)
            .expect("a test")
            .with_open_question(true);
        let mut kinds = Vec::new();
        let mut id = 1000 * (round + 1);
        while let Some(pick) = engine.next_question(&progress, &mut test, now) {
            let meta = &engine.bank().items[pick.item];
            kinds.push(meta.kind);
            let (response, correct) = if meta.kind == Kind::Open {
                asked_open.push(pick.item);
                (covering(2), false)
            } else {
                (Response::Chose(vec![0]), true)
            };
            let at = now + 60_000;
            engine.apply(
                &mut progress,
                &Event::answered(
                    EventId(id),
                    at,
                    LocalDate::from_utc_ms(at, 0),
                    Answer {
                        question: meta.id.clone(),
                        response,
                        correct,
                        time_taken_ms: 30_000,
                        mode: Mode::Test,
                        session: SessionId(round),
                    },
                ),
            );
            id += 1;
        }
        assert_eq!(kinds.len(), 5);
        assert!(
            kinds[..4].iter().all(|k| *k != Kind::Open),
            "round {round}: {kinds:?}"
        );
        // Five open questions in the topic, none asked again within the 7-day window: a day
        // apart, the first five tests end with one each, then the last slot is multiple choice.
        if round < 5 {
            assert_eq!(kinds[4], Kind::Open, "round {round}");
        } else {
            assert_ne!(
                kinds[4],
                Kind::Open,
                "round {round}: none left in the window"
            );
        }
    }
    let distinct: std::collections::BTreeSet<usize> = asked_open.iter().copied().collect();
    assert_eq!((asked_open.len(), distinct.len()), (5, 5));
    // Without the switch, no open question.
    let mut test = engine
        .start_test(&progress, &Scope::Topic(0), Access::Unlocked, 99)
        .expect("a test");
    while let Some(pick) = engine.next_question(&progress, &mut test, DAY0) {
        assert_ne!(engine.bank().items[pick.item].kind, Kind::Open);
    }
}
