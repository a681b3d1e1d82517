//! FSRS-6 against the reference implementation's published vectors
//! (fsrs-rs `inference.rs` tests, default parameters).

use engine::{Card, FsrsParams, Grade, LocalDate, MemoryState, Outcome, FSRS6_DEFAULT_PARAMETERS};

fn grade_of(rating: u32) -> Grade {
    [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy][rating as usize - 1]
}

fn run(params: &FsrsParams, ratings: &[u32], days: &[u32]) -> MemoryState {
    let mut state = None;
    for (&rating, &elapsed) in ratings.iter().zip(days) {
        state = Some(params.next_state(state, elapsed, grade_of(rating)));
    }
    state.expect("at least one review")
}

/// fsrs-rs `test_memory_state`: ratings 1,3,3,3,3,3 at 0,0,1,3,8,21 days.
#[test]
fn memory_state_matches_fsrs_rs_vector() {
    let params = FsrsParams::default();
    let state = run(&params, &[1, 3, 3, 3, 3, 3], &[0, 0, 1, 3, 8, 21]);
    assert!((state.stability_days - 53.62691).abs() < 1e-3, "{state:?}");
    assert!((state.difficulty - 6.3574867).abs() < 1e-4, "{state:?}");
}

/// Same vector with the short-term parameters w17–w19 frozen at zero.
#[test]
fn memory_state_matches_fsrs_rs_vector_without_short_term() {
    let mut params = FsrsParams::default();
    params.w[17] = 0.0;
    params.w[18] = 0.0;
    params.w[19] = 0.0;
    let state = run(&params, &[1, 3, 3, 3, 3, 3], &[0, 0, 1, 3, 8, 21]);
    assert!((state.stability_days - 53.335106).abs() < 1e-3, "{state:?}");
    assert!((state.difficulty - 6.3574867).abs() < 1e-4, "{state:?}");
}

/// fsrs-rs `test_next_interval`: S = 1, desired retention 0.1 … 1.0. The
/// reference computes in f32, so the 3-million-day interval may differ in its
/// seventh digit; the rest match exactly.
#[test]
fn intervals_match_fsrs_rs_vector() {
    let params = FsrsParams::default();
    let expected = [
        3116766.0, 34793.0, 2508.0, 387.0, 90.0, 27.0, 9.0, 3.0, 1.0, 1.0,
    ];
    for (i, want) in (1..=10).zip(expected) {
        let got = params
            .interval_for(1.0, f64::from(i) / 10.0)
            .round()
            .max(1.0);
        assert!(
            (got - want).abs() <= want * 2e-6,
            "retention 0.{i}: {got} vs {want}"
        );
    }
}

/// fsrs-rs `test_current_retrievability` (decay 0.2, S = 1).
#[test]
fn retrievability_matches_fsrs_rs_vector() {
    let mut params = FsrsParams::default();
    params.w[20] = 0.2;
    let state = MemoryState {
        stability_days: 1.0,
        difficulty: 5.0,
    };
    let r: Vec<f64> = [0.0, 1.0, 2.0, 3.0]
        .iter()
        .map(|&t| params.retrievability(state, t))
        .collect();
    assert!((r[0] - 1.0).abs() < 1e-9);
    assert!((r[1] - 0.9).abs() < 1e-6);
    assert!((r[2] - 0.84028935).abs() < 1e-6);
    assert!((r[3] - 0.7985001).abs() < 1e-6);
}

#[test]
fn default_parameters_are_fsrs6() {
    assert_eq!(FsrsParams::default().w, FSRS6_DEFAULT_PARAMETERS);
    assert_eq!(FSRS6_DEFAULT_PARAMETERS.len(), 21);
}

#[test]
fn answers_grade_as_documented() {
    assert_eq!(Grade::from_answer(Outcome::Incorrect, 5_000), Grade::Again);
    assert_eq!(Grade::from_answer(Outcome::DontKnow, 5_000), Grade::Again);
    assert_eq!(Grade::from_answer(Outcome::Correct, 5_000), Grade::Easy);
    assert_eq!(Grade::from_answer(Outcome::Correct, 20_000), Grade::Good);
    assert_eq!(Grade::from_answer(Outcome::Correct, 90_000), Grade::Hard);
}

#[test]
fn a_forgotten_question_comes_back_sooner_than_a_recalled_one() {
    let params = FsrsParams::default();
    let day = LocalDate::from_ymd(2025, 3, 1).expect("valid date");
    let first = Card::review(&params, None, Grade::Good, day);
    assert_eq!(first.reviews, 1);
    let on_time = first.due;
    let recalled = Card::review(&params, Some(&first), Grade::Good, on_time);
    let forgotten = Card::review(&params, Some(&first), Grade::Again, on_time);
    assert!(recalled.due > forgotten.due);
    assert_eq!(forgotten.lapses, 1);
    assert!(forgotten.due > on_time);
}
