//! One folder per invalid case under `tests/fixtures/`, each with the content it compiles and
//! `expected.txt`: every diagnostic the compiler must print for it, exactly, in order.

use std::fs;
use std::path::Path;

#[test]
fn every_fixture_reports_exactly_its_expected_diagnostics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "the fixture folders are there");
    let mut failures = Vec::new();
    for case in &cases {
        let expected = fs::read_to_string(case.join("expected.txt")).unwrap();
        // Every diagnostic, warnings included, so that warnings are pinned too.
        let (_, diagnostics) = content::load_report(&case.join("content"));
        let actual: String = diagnostics.iter().map(|d| format!("{d}\n")).collect();
        let prefix = format!("{}/", case.display());
        let actual = actual.replace(&prefix, "");
        if actual != expected {
            failures.push(format!(
                "== {}\n-- expected\n{expected}-- actual\n{actual}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_valid_fixture_compiles_into_an_index_and_one_chunk() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/content");
    let corpus = content::load(&dir).expect("the valid fixture has no problems");
    let (index, chunks) = content::compile_bytes(&corpus, &content::Renderer::new());
    let index: engine::Index = postcard::from_bytes(&index).unwrap();
    assert_eq!(index.bank.items.len(), 2);
    assert_eq!(
        index.tracks,
        vec![engine::TrackMeta {
            slug: "basics-learner".into(),
            title: "Basics learner".into(),
            description: "A fixture track.".into(),
            topics: vec![engine::TrackTopic {
                topic: 0,
                weight: 3
            }],
        }]
    );
    assert_eq!(index.bank.topics[0].tone, "blue");
    assert_eq!(index.bank.topics[0].icon, "M4 6h16M4 12h16M4 18h10");
    assert_eq!(index.chunks, vec![chunks[0].0.clone()]);
    assert!(chunks[0].0.starts_with("corpus/basics.") && chunks[0].0.ends_with(".bin"));
    let chunk: engine::Chunk = postcard::from_bytes(&chunks[0].1).unwrap();
    assert_eq!(chunk.questions[0].id, "bas-001");
    assert_eq!(
        chunk.questions[0]
            .choices
            .iter()
            .filter(|c| c.correct)
            .count(),
        1
    );
    assert_eq!(
        chunk.questions[0].references,
        vec![
            engine::Reference {
                title: "Python Language Reference: 3.1 Objects, values and types".into(),
                url: None,
            },
            engine::Reference {
                title: "PEP 484 – Type Hints".into(),
                url: Some("https://peps.python.org/pep-0484/".into()),
            },
        ]
    );
}
