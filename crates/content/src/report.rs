//! `stats --json` and `export --json`: the corpus as numbers, and in full for reviewers.

use std::collections::BTreeMap;

use engine::Kind;
use serde_json::{json, Map, Value};

use crate::model::{Corpus, Question, PHONE_CODE_COLUMNS};

pub fn stats(corpus: &Corpus) -> Value {
    let mut topics = Map::new();
    for (t, topic) in corpus.topics.iter().enumerate() {
        let questions: Vec<&Question> = corpus.questions.iter().filter(|q| q.topic == t).collect();
        let mut by_difficulty = BTreeMap::new();
        for level in 1..=5u8 {
            by_difficulty.insert(
                level.to_string(),
                questions.iter().filter(|q| q.difficulty == level).count(),
            );
        }
        let mut by_kind = BTreeMap::new();
        for kind in Kind::ALL {
            by_kind.insert(
                kind.slug(),
                questions.iter().filter(|q| q.kind == kind).count(),
            );
        }
        let mut by_subtopic = BTreeMap::new();
        for (s, sub) in topic.subtopics.iter().enumerate() {
            by_subtopic.insert(
                sub.slug.clone(),
                questions.iter().filter(|q| q.subtopic == s).count(),
            );
        }
        topics.insert(
            topic.slug.clone(),
            json!({
                "title": topic.title,
                "free": topic.free,
                "free_questions": questions.iter().filter(|q| q.free || topic.free).count(),
                "total": questions.len(),
                "by_difficulty": by_difficulty,
                "by_kind": by_kind,
                "by_subtopic": by_subtopic,
                "dated": questions.iter().filter(|q| q.as_of.is_some()).count(),
            }),
        );
    }
    json!({
        "total": corpus.questions.len(),
        "topics": topics,
        "quality": quality(corpus),
    })
}

/// Length balance of options: a correct option that is usually the longest gives the answer away.
fn quality(corpus: &Corpus) -> Value {
    let single: Vec<&Question> = corpus
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Single)
        .collect();
    let code: Vec<&Question> = corpus
        .questions
        .iter()
        .filter(|q| q.kind == Kind::CodeOutput)
        .collect();
    let longest = |qs: &[&Question]| -> f64 {
        let n = qs.iter().filter(|q| correct_is_longest(q)).count();
        round(n as f64 / qs.len().max(1) as f64)
    };
    let ratios: Vec<f64> = single.iter().filter_map(|q| length_ratio(q)).collect();
    let mean_ratio = ratios.iter().sum::<f64>() / ratios.len().max(1) as f64;
    let distractors = corpus
        .questions
        .iter()
        .flat_map(|q| q.distractors())
        .count();
    json!({
        "single_choice_questions": single.len(),
        "single_correct_longest_share": longest(&single),
        "single_mean_correct_to_distractor_length_ratio": round(mean_ratio),
        "code_output_questions": code.len(),
        "code_output_correct_longest_share": longest(&code),
        "distractors": distractors,
        "distractors_with_rationale": corpus.questions.iter().flat_map(|q| q.distractors()).filter(|c| !c.why.is_empty()).count(),
        "questions_with_references": corpus.questions.iter().filter(|q| !q.references.is_empty()).count(),
        format!("code_lines_over_{PHONE_CODE_COLUMNS}"): code_lines_over_phone_width(corpus),
        "dated_questions": corpus.questions.iter().filter(|q| q.as_of.is_some()).count(),
        "open_questions": corpus.questions.iter().filter(|q| q.kind == Kind::Open).count(),
    })
}

/// Lines of question code wider than a phone shows (each is a warning of `content check`).
pub fn code_lines_over_phone_width(corpus: &Corpus) -> usize {
    corpus
        .questions
        .iter()
        .filter_map(|q| q.code.as_ref())
        .map(|code| code.lines_over_phone_width().count())
        .sum()
}

/// True when the one correct option is strictly longer than every distractor.
pub fn correct_is_longest(q: &Question) -> bool {
    let correct = q
        .correct_choices()
        .map(|c| c.text.chars().count())
        .max()
        .unwrap_or(0);
    q.distractors().all(|d| d.text.chars().count() < correct)
}

/// Length of the correct option over the mean length of the distractors.
fn length_ratio(q: &Question) -> Option<f64> {
    let correct = q.correct_choices().next()?.text.chars().count() as f64;
    let lengths: Vec<f64> = q
        .distractors()
        .map(|d| d.text.chars().count() as f64)
        .collect();
    let mean = lengths.iter().sum::<f64>() / lengths.len().max(1) as f64;
    (mean > 0.0).then(|| correct / mean)
}

/// A permutation of `0..n` that depends only on `id` (so a blind export is reproducible).
fn shuffled_order(id: &str, n: usize) -> Vec<usize> {
    let mut state = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        // SplitMix64 step.
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        order.swap(i, (z % (i as u64 + 1)) as usize);
    }
    order
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Every question in full. `blind` leaves out which options are correct, the rationales, the
/// explanation and the difficulty label, for a reviewer who answers (and rates the difficulty)
/// first and compares afterwards.
pub fn export(corpus: &Corpus, blind: bool) -> Value {
    let questions: Vec<Value> = corpus
        .questions
        .iter()
        .map(|q| {
            let topic = &corpus.topics[q.topic];
            let mut value = json!({
                "id": q.id,
                "topic": topic.slug,
                "subtopic": topic.subtopics[q.subtopic].slug,
                "kind": q.kind.slug(),
                "tags": q.tags,
                "prompt": q.prompt,
                "code": q.code.as_ref().map(|c| json!({"lang": c.lang, "text": c.text})),
            });
            let map = value.as_object_mut().expect("a JSON object");
            if !blind {
                map.insert("difficulty".into(), json!(q.difficulty));
                map.insert("as_of".into(), json!(q.as_of.map(|m| m.to_string())));
                map.insert("free".into(), json!(q.free || topic.free));
            }
            if blind {
                // Authors often write the correct option first; a blind reader must not see that.
                let order = shuffled_order(&q.id, q.choices.len());
                map.insert(
                    "choices".into(),
                    order
                        .iter()
                        .map(|&i| json!({"text": q.choices[i].text}))
                        .collect(),
                );
            } else {
                map.insert(
                    "choices".into(),
                    q.choices
                        .iter()
                        .map(|c| json!({"text": c.text, "correct": c.correct, "why": c.why}))
                        .collect(),
                );
                map.insert("explanation".into(), json!(q.explanation));
                if let Some(open) = &q.open {
                    map.insert(
                        "open".into(),
                        json!({
                            "key_points": open.key_points,
                            "follow_ups": open.follow_ups,
                            "pitfalls": open.pitfalls,
                            "seconds": open.seconds,
                        }),
                    );
                }
                map.insert("references".into(), json!(q.references));
                map.insert("location".into(), json!(q.location.to_string()));
            }
            value
        })
        .collect();
    Value::Array(questions)
}
