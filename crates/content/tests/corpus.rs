//! The real corpus in `content/`: compiles with zero diagnostics and meets the corpus targets.

use std::path::Path;

use engine::Kind;

fn corpus() -> content::Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    match content::load(&dir) {
        Ok(corpus) => corpus,
        Err(diagnostics) => {
            let list: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
            panic!(
                "content/ has {} problem(s):\n{}",
                list.len(),
                list.join("\n")
            );
        }
    }
}

#[test]
fn real_content_compiles_with_zero_diagnostics() {
    let corpus = corpus();
    let (index, chunks) = content::compile_bytes(&corpus, &content::Renderer::new());
    assert!(!index.is_empty());
    assert_eq!(chunks.len(), corpus.topics.len());
}

#[test]
fn corpus_meets_its_size_and_balance_targets() {
    let corpus = corpus();
    assert!(
        corpus.topics.len() >= 12,
        "12 topics, got {}",
        corpus.topics.len()
    );
    assert!(
        corpus.questions.len() >= 600,
        "600+ questions, got {}",
        corpus.questions.len()
    );
    for (t, topic) in corpus.topics.iter().enumerate() {
        let questions: Vec<_> = corpus.questions.iter().filter(|q| q.topic == t).collect();
        assert!(
            questions.len() >= 40,
            "{}: {} questions, want 40+",
            topic.slug,
            questions.len()
        );
        for level in 1..=5 {
            let n = questions.iter().filter(|q| q.difficulty == level).count();
            assert!(
                n >= 6,
                "{}: {n} questions at difficulty {level}, want 6+",
                topic.slug
            );
        }
        for (s, sub) in topic.subtopics.iter().enumerate() {
            assert!(
                questions.iter().any(|q| q.subtopic == s),
                "{}/{} is empty",
                topic.slug,
                sub.slug
            );
        }
    }
    let code = corpus
        .questions
        .iter()
        .filter(|q| q.kind == Kind::CodeOutput)
        .count();
    assert!(code >= 60, "{code} code-output questions, want 60+");
}

#[test]
fn correct_option_is_rarely_the_longest() {
    let corpus = corpus();
    let single: Vec<_> = corpus
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Single)
        .collect();
    let longest = single
        .iter()
        .filter(|q| content::correct_is_longest(q))
        .count();
    let share = longest as f64 / single.len() as f64;
    assert!(
        share <= 0.30,
        "correct option is the longest in {:.0}% of single-choice questions",
        share * 100.0
    );
}

#[test]
fn every_topic_can_be_judged_for_free_and_the_unlock_unlocks_something() {
    let corpus = corpus();
    let free: Vec<&str> = corpus
        .topics
        .iter()
        .filter(|t| t.free)
        .map(|t| t.slug.as_str())
        .collect();
    assert_eq!(free, ["python-fundamentals", "ml-fundamentals", "nlp-llms"]);
    for (t, topic) in corpus.topics.iter().enumerate().filter(|(_, t)| !t.free) {
        let sample: Vec<&content::Question> = corpus
            .questions
            .iter()
            .filter(|q| q.topic == t && q.free)
            .collect();
        let total = corpus.questions.iter().filter(|q| q.topic == t).count();
        assert!(
            sample.len() >= 10 && sample.len() * 3 <= total,
            "{}: a free sample of {} of {total}",
            topic.slug,
            sample.len()
        );
        for level in 1..=5 {
            assert!(
                sample.iter().filter(|q| q.difficulty == level).count() >= 2,
                "{}: the sample has two questions at level {level}",
                topic.slug
            );
        }
    }
}

#[test]
fn each_role_track_lists_the_topics_its_interviews_ask_about() {
    let corpus = corpus();
    for slug in [
        "ml-engineer",
        "data-scientist",
        "ai-engineer",
        "python-developer",
    ] {
        let track = corpus
            .tracks
            .iter()
            .find(|t| t.slug == slug)
            .unwrap_or_else(|| panic!("tracks.toml has no `{slug}`"));
        assert!(
            (5..=9).contains(&track.topics.len()),
            "{slug}: {} topics; a role's interviews cover 5 to 9",
            track.topics.len()
        );
        assert!(
            track.topics.iter().any(|t| t.weight == 3),
            "{slug}: no core topic"
        );
    }
}

#[test]
fn every_topic_has_its_own_tone() {
    let corpus = corpus();
    let mut tones: Vec<&str> = corpus.topics.iter().map(|t| t.tone.as_str()).collect();
    tones.sort_unstable();
    tones.dedup();
    assert_eq!(tones.len(), corpus.topics.len());
}
