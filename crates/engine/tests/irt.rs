//! The item model and the ability estimate: hand-computed golden values and
//! invariants.

use engine::{
    guessing, label_difficulty, Ability, Bank, Engine, Evidence, ItemMeta, ItemParams, Kind,
    Outcome, SubtopicMeta, TopicMeta, EVIDENCE_HALF_LIFE_DAYS, LABEL_DIFFICULTY_SD, MS_PER_DAY,
    THETA_MAX, THETA_MIN,
};
use proptest::prelude::*;

fn close(actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{actual} is not within {tolerance} of {expected}"
    );
}

fn meta(kind: Kind, difficulty: u8, options: u8) -> ItemMeta {
    ItemMeta {
        id: "q".into(),
        topic: 0,
        subtopic: 0,
        kind,
        difficulty,
        options,
        irt_a: None,
        irt_b: None,
        irt_b_sd: None,
        free: true,
    }
}

#[test]
fn labels_map_to_documented_difficulties() {
    let mapped: Vec<f64> = (1..=5).map(label_difficulty).collect();
    assert_eq!(mapped, vec![-2.5, -1.25, 0.0, 1.25, 2.5]);
    assert_eq!(label_difficulty(0), -2.5);
    assert_eq!(label_difficulty(9), 2.5);
}

#[test]
fn guessing_is_one_over_options_and_one_subset_for_multi() {
    assert_eq!(guessing(Kind::Single, 4), 0.25);
    assert_eq!(guessing(Kind::CodeOutput, 5), 0.2);
    assert_eq!(guessing(Kind::TrueFalse, 2), 0.5);
    assert_eq!(guessing(Kind::TrueFalse, 0), 0.5);
    assert_eq!(guessing(Kind::Multi, 4), 1.0 / 15.0);
    assert_eq!(guessing(Kind::Single, 0), 0.0);
    assert_eq!(guessing(Kind::Single, 1), 0.5);
}

#[test]
fn item_params_use_overrides_only_when_sane() {
    let plain = ItemParams::from_meta(&meta(Kind::Single, 4, 4));
    assert_eq!(
        plain,
        ItemParams {
            a: 1.0,
            b: 1.25,
            c: 0.25
        }
    );
    let mut overridden = meta(Kind::Single, 4, 4);
    overridden.irt_a = Some(1.5);
    overridden.irt_b = Some(-0.5);
    let params = ItemParams::from_meta(&overridden);
    assert_eq!((params.a, params.b), (1.5, -0.5));
    overridden.irt_a = Some(f32::NAN);
    overridden.irt_b = Some(40.0);
    let params = ItemParams::from_meta(&overridden);
    assert_eq!((params.a, params.b), (1.0, 1.25));
}

#[test]
fn label_difficulty_uncertainty_flattens_the_slope() {
    // a' = 1 / sqrt(1 + π · 0.25 / 8) = 1 / sqrt(1.0981748) = 0.9542546.
    let item = ItemParams {
        a: 1.0,
        b: 1.25,
        c: 0.25,
    }
    .with_difficulty_sd(LABEL_DIFFICULTY_SD);
    close(item.a, 0.954_254_6, 1e-7);
    assert_eq!((item.b, item.c), (1.25, 0.25));
    // a = 2: 2 / sqrt(1 + π · 4 · 0.25 / 8) = 2 / sqrt(1.3926991) = 1.6947333.
    let steep = ItemParams {
        a: 2.0,
        b: 0.0,
        c: 0.0,
    }
    .with_difficulty_sd(0.5);
    close(steep.a, 1.694_733, 1e-6);
}

#[test]
fn the_engine_flattens_each_difficulty_by_how_well_it_is_known() {
    let mut labelled = meta(Kind::Single, 4, 4);
    labelled.id = "labelled".into();
    let mut calibrated = meta(Kind::Single, 4, 4);
    calibrated.id = "calibrated".into();
    calibrated.irt_b = Some(0.75);
    let mut rated = meta(Kind::Single, 4, 4);
    rated.id = "rated".into();
    rated.irt_b = Some(-0.4);
    rated.irt_b_sd = Some(0.29);
    let mut unsure = rated.clone();
    unsure.id = "unsure".into();
    unsure.irt_b_sd = Some(40.0);
    assert!(!ItemParams::has_calibrated_difficulty(&labelled));
    assert!(ItemParams::has_calibrated_difficulty(&calibrated));
    let bank = Bank {
        topics: vec![TopicMeta {
            slug: "t".into(),
            title: "T".into(),
            description: String::new(),
            free: true,
            icon: String::new(),
            tone: String::new(),
        }],
        subtopics: vec![SubtopicMeta {
            slug: "s".into(),
            title: "S".into(),
            description: String::new(),
            topic: 0,
        }],
        items: vec![labelled, calibrated, rated, unsure],
    };
    let engine = Engine::new(bank);
    let labelled = engine.item_params(0).expect("in the bank");
    close(labelled.a, 0.954_254_6, 1e-7);
    // No standard error: exact.
    let calibrated = engine.item_params(1).expect("in the bank");
    assert_eq!((calibrated.a, calibrated.b), (1.0, 0.75));
    // Known to 0.29 logits: a' = 1 / sqrt(1 + π · 0.29² / 8) = 0.984 (less flat than a label).
    let rated = engine.item_params(2).expect("in the bank");
    close(rated.b, -0.4, 1e-6);
    close(
        rated.a,
        1.0 / (1.0 + std::f64::consts::PI / 8.0 * 0.29f32 as f64 * 0.29f32 as f64).sqrt(),
        1e-12,
    );
    assert!(rated.a > labelled.a && rated.a < 1.0);
    // An error past MAX_DIFFICULTY_SD is an authoring mistake: ignored, the b counts as exact.
    assert_eq!(engine.item_params(3).expect("in the bank").a, 1.0);
}

#[test]
fn three_pl_golden_values() {
    // θ = b: σ(0) = 1/2, so P = c + (1 − c)/2.
    let item = ItemParams {
        a: 1.0,
        b: 0.0,
        c: 0.25,
    };
    close(item.p_correct(0.0), 0.625, 1e-12);
    // I = a² (Q/P) ((P − c)/(1 − c))² = (0.375/0.625) · 0.25 = 0.15.
    close(item.information(0.0), 0.15, 1e-12);
    // θ − b = ln 3: σ = 3/4 exactly; P = 0.25 + 0.75 · 0.75 = 0.8125;
    // I = (0.1875/0.8125) · 0.75² = 0.129807692…
    let theta = 3f64.ln();
    close(item.p_correct(theta), 0.8125, 1e-12);
    close(item.information(theta), 0.1875 / 0.8125 * 0.5625, 1e-12);
    // 2PL (c = 0) at θ = b: I = a²/4.
    let two_pl = ItemParams {
        a: 1.5,
        b: 1.0,
        c: 0.0,
    };
    close(two_pl.information(1.0), 0.5625, 1e-12);
    // a = 1.5, b = 1, c = 0.2 at θ = 1: P = 0.6, I = 2.25 · (0.4/0.6) · 0.25 = 0.375.
    let three_pl = ItemParams { c: 0.2, ..two_pl };
    close(three_pl.p_correct(1.0), 0.6, 1e-12);
    close(three_pl.information(1.0), 0.375, 1e-12);
}

#[test]
fn dont_know_gets_no_guessing_credit() {
    let item = ItemParams {
        a: 1.0,
        b: 0.0,
        c: 0.25,
    };
    // Incorrect: 1 − 0.625 = 0.375; don't know: 1 − σ(0) = 0.5.
    close(item.likelihood(0.0, Outcome::Incorrect), 0.375, 1e-12);
    close(item.likelihood(0.0, Outcome::DontKnow), 0.5, 1e-12);
    // A wrong answer's likelihood, (1 − c)(1 − σ), is the "don't know" one, 1 − σ, times a
    // constant, so the two are the same evidence about θ: the guessing floor only changes what a
    // right answer is worth. (An earlier version of this test asserted the two posteriors
    // differ; they differed only in rounding.)
    let mut wrong = Evidence::new();
    wrong.record(&item, Outcome::Incorrect, 0);
    let mut unknown = Evidence::new();
    unknown.record(&item, Outcome::DontKnow, 0);
    close(unknown.ability(0).theta, wrong.ability(0).theta, 1e-9);
    close(unknown.ability(0).se, wrong.ability(0).se, 1e-9);
    let mut right = Evidence::new();
    right.record(&item, Outcome::Correct, 0);
    assert!(right.ability(0).theta > 0.0 && wrong.ability(0).theta < 0.0);
}

/// The EAP on the 81-point grid agrees with an independent fine quadrature
/// (Simpson's rule, 8001 points on [−8, 8]).
#[test]
fn eap_matches_a_fine_reference_integration() {
    let items = [
        (
            ItemParams {
                a: 1.0,
                b: 0.0,
                c: 0.25,
            },
            Outcome::Correct,
        ),
        (
            ItemParams {
                a: 1.3,
                b: 1.0,
                c: 0.25,
            },
            Outcome::Incorrect,
        ),
        (
            ItemParams {
                a: 0.8,
                b: -1.0,
                c: 0.5,
            },
            Outcome::Correct,
        ),
        (
            ItemParams {
                a: 1.0,
                b: 0.5,
                c: 0.25,
            },
            Outcome::DontKnow,
        ),
    ];
    let mut evidence = Evidence::new();
    for (params, outcome) in &items {
        evidence.record(params, *outcome, 0);
    }
    let estimate = evidence.ability(0);

    let n = 8000;
    let (lo, hi) = (-8.0f64, 8.0f64);
    let h = (hi - lo) / n as f64;
    let (mut z, mut m1, mut m2) = (0.0, 0.0, 0.0);
    for k in 0..=n {
        let theta = lo + k as f64 * h;
        let weight = if k == 0 || k == n {
            1.0
        } else if k % 2 == 1 {
            4.0
        } else {
            2.0
        };
        let density = (-0.5 * theta * theta).exp()
            * items
                .iter()
                .map(|(p, o)| p.likelihood(theta, *o))
                .product::<f64>();
        z += weight * density;
        m1 += weight * density * theta;
        m2 += weight * density * theta * theta;
    }
    let mean = m1 / z;
    let sd = (m2 / z - mean * mean).sqrt();
    close(estimate.theta, mean, 2e-3);
    close(estimate.se, sd, 2e-3);
    assert_eq!(estimate.answers, 4);
}

#[test]
fn prior_is_standard_normal() {
    let prior = Ability::prior();
    close(prior.theta, 0.0, 1e-12);
    close(prior.se, 1.0, 2e-3);
    assert_eq!(prior.answers, 0);
}

#[test]
fn idle_time_widens_the_interval_towards_the_prior() {
    let item = ItemParams {
        a: 1.0,
        b: 0.0,
        c: 0.25,
    };
    let mut evidence = Evidence::new();
    for k in 0..20 {
        let outcome = if k % 3 == 0 {
            Outcome::Incorrect
        } else {
            Outcome::Correct
        };
        evidence.record(&item, outcome, k * 60_000);
    }
    let fresh = evidence.ability(20 * 60_000);
    let half_life_ms = (EVIDENCE_HALF_LIFE_DAYS * MS_PER_DAY as f64) as i64;
    let later = evidence.ability(20 * 60_000 + half_life_ms);
    let much_later = evidence.ability(20 * 60_000 + 20 * half_life_ms);
    assert!(later.se > fresh.se, "{later:?} vs {fresh:?}");
    assert!(much_later.se > later.se);
    close(much_later.se, 1.0, 0.01);
    close(much_later.theta, 0.0, 0.01);
    // One half-life halves the log-likelihood: the same as recording each
    // answer with half weight, so it matches 10 fresh answers in shape.
    assert!(later.theta.abs() < fresh.theta.abs());
}

#[test]
fn answers_out_of_order_give_the_same_estimate() {
    let item = ItemParams {
        a: 1.2,
        b: 0.3,
        c: 0.25,
    };
    let answers = [
        (Outcome::Correct, 5 * MS_PER_DAY),
        (Outcome::Incorrect, MS_PER_DAY),
        (Outcome::Correct, 3 * MS_PER_DAY),
    ];
    let mut in_order = Evidence::new();
    let mut sorted = answers;
    sorted.sort_by_key(|a| a.1);
    for (outcome, at) in sorted {
        in_order.record(&item, outcome, at);
    }
    let mut shuffled = Evidence::new();
    for (outcome, at) in answers {
        shuffled.record(&item, outcome, at);
    }
    let now = 10 * MS_PER_DAY;
    close(
        in_order.ability(now).theta,
        shuffled.ability(now).theta,
        1e-9,
    );
    close(in_order.ability(now).se, shuffled.ability(now).se, 1e-9);
}

fn any_params() -> impl Strategy<Value = ItemParams> {
    (0.05f64..4.0, -6.0f64..6.0, 0.0f64..0.5).prop_map(|(a, b, c)| ItemParams { a, b, c })
}

proptest! {
    #[test]
    fn probabilities_stay_strictly_between_zero_and_one(params in any_params(), theta in -4.0f64..4.0) {
        let p = params.p_correct(theta);
        prop_assert!(p > 0.0 && p < 1.0, "P = {p}");
        let known = params.p_known(theta);
        prop_assert!(known > 0.0 && known < 1.0);
        for outcome in [Outcome::Correct, Outcome::Incorrect, Outcome::DontKnow] {
            let l = params.likelihood(theta, outcome);
            prop_assert!(l > 0.0 && l < 1.0);
        }
    }

    #[test]
    fn information_is_never_negative(params in any_params(), theta in -10.0f64..10.0) {
        let info = params.information(theta);
        prop_assert!(info >= 0.0 && info.is_finite(), "I = {info}");
    }

    #[test]
    fn probability_rises_with_ability(params in any_params(), theta in -4.0f64..3.9) {
        prop_assert!(params.p_correct(theta + 0.1) >= params.p_correct(theta));
    }

    #[test]
    fn estimates_stay_on_the_grid_with_positive_se(
        answers in proptest::collection::vec((any_params(), 0u8..3, 0i64..10_000_000_000), 0..60),
        now in 0i64..20_000_000_000,
    ) {
        let mut evidence = Evidence::new();
        for (params, outcome, at) in &answers {
            let outcome = [Outcome::Correct, Outcome::Incorrect, Outcome::DontKnow][usize::from(*outcome)];
            evidence.record(params, outcome, *at);
        }
        let ability = evidence.ability(now);
        prop_assert!((THETA_MIN..=THETA_MAX).contains(&ability.theta));
        prop_assert!(ability.se > 0.0 && ability.se < THETA_MAX - THETA_MIN);
    }
}
