//! Grading every kind of question, through the public API.

use engine::{grade, ChoiceBody, Graded, QuestionBody, Response};
use proptest::prelude::*;

/// A question whose options are correct where `correct` says.
fn question(correct: &[bool]) -> QuestionBody {
    QuestionBody {
        open: None,
        id: "q".into(),
        prompt_html: "Which?".into(),
        code_html: None,
        choices: correct
            .iter()
            .map(|&correct| ChoiceBody {
                html: "option".into(),
                correct,
                why_html: String::new(),
            })
            .collect(),
        explanation_html: String::new(),
        references: Vec::new(),
        tags: Vec::new(),
        as_of: None,
    }
}

fn chose(picks: &[u8]) -> Response {
    Response::Chose(picks.to_vec())
}

fn counts(g: &Graded) -> (bool, u8, u8, u8, u8) {
    (
        g.correct,
        g.right_picks,
        g.wrong_picks,
        g.missed,
        g.correct_total,
    )
}

#[test]
fn single_answer_and_code_output_take_the_one_correct_option() {
    let q = question(&[false, false, true, false]);
    let right = grade(&q, &chose(&[2]));
    assert_eq!(counts(&right), (true, 1, 0, 0, 1));
    assert_eq!(right.credit, 1.0);
    let wrong = grade(&q, &chose(&[1]));
    assert_eq!(counts(&wrong), (false, 0, 1, 1, 1));
    assert_eq!(wrong.credit, 0.0);
    // Two picks on a one-answer question: the right one is cancelled by the wrong one.
    let both = grade(&q, &chose(&[2, 0]));
    assert_eq!(counts(&both), (false, 1, 1, 0, 1));
    assert_eq!(both.credit, 0.0);
}

#[test]
fn true_false_is_a_two_option_single_answer() {
    let q = question(&[true, false]);
    assert!(grade(&q, &chose(&[0])).correct);
    assert!(!grade(&q, &chose(&[1])).correct);
}

#[test]
fn multi_answer_is_all_or_nothing_with_counts_for_feedback() {
    let q = question(&[true, false, true, true, false]);
    let all = grade(&q, &chose(&[3, 0, 2]));
    assert_eq!(counts(&all), (true, 3, 0, 0, 3));
    assert_eq!(all.credit, 1.0);
    // "2 of 3 right, 1 wrong pick".
    let partial = grade(&q, &chose(&[0, 2, 4]));
    assert_eq!(counts(&partial), (false, 2, 1, 1, 3));
    assert!((partial.credit - 1.0 / 3.0).abs() < 1e-6);
    let two_of_three = grade(&q, &chose(&[0, 3]));
    assert_eq!(counts(&two_of_three), (false, 2, 0, 1, 3));
    assert!((two_of_three.credit - 2.0 / 3.0).abs() < 1e-6);
    // Choosing everything earns less than a careful partial answer.
    let everything = grade(&q, &chose(&[0, 1, 2, 3, 4]));
    assert_eq!(counts(&everything), (false, 3, 2, 0, 3));
    assert!((everything.credit - 1.0 / 3.0).abs() < 1e-6);
    let mostly_wrong = grade(&q, &chose(&[1, 4, 0]));
    assert_eq!(mostly_wrong.credit, 0.0);
}

#[test]
fn i_dont_know_is_incorrect_with_no_credit() {
    let q = question(&[true, false, true]);
    let g = grade(&q, &Response::DontKnow);
    assert_eq!(counts(&g), (false, 0, 0, 2, 2));
    assert_eq!(g.credit, 0.0);
}

#[test]
fn an_empty_choice_is_incorrect() {
    let g = grade(&question(&[true, false]), &chose(&[]));
    assert_eq!(counts(&g), (false, 0, 0, 1, 1));
    assert_eq!(g.credit, 0.0);
}

#[test]
fn a_repeated_index_counts_once() {
    let q = question(&[false, true, false]);
    assert_eq!(counts(&grade(&q, &chose(&[1, 1, 1]))), (true, 1, 0, 0, 1));
    let q = question(&[true, true, false]);
    assert_eq!(counts(&grade(&q, &chose(&[0, 2, 2]))), (false, 1, 1, 1, 2));
}

#[test]
fn an_index_without_an_option_is_a_wrong_pick() {
    let q = question(&[true, false, false, false]);
    assert_eq!(counts(&grade(&q, &chose(&[0, 4]))), (false, 1, 1, 0, 1));
    // 64 is not index 0 in disguise (the app's bit set wrapped it).
    assert_eq!(counts(&grade(&q, &chose(&[64]))), (false, 0, 1, 1, 1));
    assert_eq!(counts(&grade(&q, &chose(&[255]))), (false, 0, 1, 1, 1));
}

#[test]
fn a_question_without_a_correct_option_is_never_correct() {
    let q = question(&[false, false]);
    let g = grade(&q, &chose(&[]));
    assert_eq!(counts(&g), (false, 0, 0, 0, 0));
    assert_eq!(g.credit, 0.0);
    assert!(!grade(&question(&[]), &chose(&[0])).correct);
}

proptest! {
    #[test]
    fn grading_is_consistent_for_any_response(
        correct in proptest::collection::vec(any::<bool>(), 0..10),
        picks in proptest::collection::vec(0u8..14, 0..20),
    ) {
        let q = question(&correct);
        let g = grade(&q, &Response::Chose(picks.clone()));
        let mut distinct = picks.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let truth: Vec<u8> = q.correct_options();
        prop_assert_eq!(g.correct, !truth.is_empty() && distinct == truth);
        prop_assert_eq!(usize::from(g.right_picks) + usize::from(g.wrong_picks), distinct.len());
        prop_assert_eq!(g.right_picks + g.missed, g.correct_total);
        prop_assert!((0.0..=1.0).contains(&g.credit));
        prop_assert_eq!(g.correct, g.credit == 1.0 && g.wrong_picks == 0);
    }
}

#[test]
fn a_dated_question_says_when_its_facts_were_checked() {
    let mut q = question(&[true, false]);
    assert_eq!(q.as_of_words(), None);
    q.as_of = Some((2026, 11));
    assert_eq!(q.as_of_words().as_deref(), Some("As of Nov 2026"));
    q.as_of = Some((2027, 1));
    assert_eq!(q.as_of_words().as_deref(), Some("As of Jan 2027"));
    q.as_of = Some((2027, 13));
    assert_eq!(q.as_of_words(), None);
}
