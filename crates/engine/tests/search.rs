//! Typo-tolerant search, through the public API.

use engine::{Hit, SearchDoc, SearchIndex};
use proptest::prelude::*;

fn doc(prompt: &str, body: &str) -> SearchDoc {
    SearchDoc {
        prompt: prompt.into(),
        body: body.into(),
    }
}

fn corpus() -> Vec<SearchDoc> {
    vec![
        doc(
            "What does self-attention compute in a Transformer?",
            "Queries, keys and values; softmax.",
        ),
        doc(
            "Which NumPy call broadcasts two arrays?",
            "np.add broadcasts shapes.",
        ),
        doc(
            "Why does the GIL limit CPU-bound threads in CPython?",
            "The global interpreter lock.",
        ),
        doc(
            "What does a Python generator return when exhausted?",
            "StopIteration is raised.",
        ),
        doc(
            "How do you write a generator expression?",
            "Like a list comprehension in parentheses; Python evaluates it lazily.",
        ),
        doc(
            "What is a retention policy for model checkpoints?",
            "Keep the last few.",
        ),
        doc(
            "Naïve Bayes: why does the independence assumption help?",
            "θ is estimated per feature.",
        ),
        doc(
            "Which library is built on arrays?",
            "Pandas builds on numpy.",
        ),
    ]
}

fn docs_of(hits: &[Hit]) -> Vec<usize> {
    hits.iter().map(|h| h.doc).collect()
}

/// The highlighted text of each span.
fn highlighted<'a>(docs: &'a [SearchDoc], hit: &Hit) -> Vec<&'a str> {
    let prompt = &docs[hit.doc].prompt;
    hit.prompt_spans
        .iter()
        .map(|&(start, end)| &prompt[start..end])
        .collect()
}

#[test]
fn a_misspelt_word_finds_the_right_one() {
    let index = SearchIndex::new(corpus());
    // "retention" is two edits away, allowed for an eight-letter term; the
    // one-edit "attention" ranks first.
    assert_eq!(docs_of(&index.query("atention", 10)), [0, 5]);
    assert_eq!(
        docs_of(&index.query("attentoin", 10)),
        [0],
        "a transposition is one edit"
    );
    // NumPy in a prompt ranks above numpy in a body.
    assert_eq!(docs_of(&index.query("numpi", 10)), [1, 7]);
}

#[test]
fn short_terms_match_exactly_or_as_a_prefix_only() {
    let index = SearchIndex::new(corpus());
    assert_eq!(docs_of(&index.query("GIL", 10)), [2]);
    assert_eq!(docs_of(&index.query("gil", 10)), [2]);
    // "gol" is one edit from "gil" but three letters long: no fuzzy match.
    assert!(index.query("gol", 10).is_empty());
    // A prefix only for the last term.
    assert_eq!(docs_of(&index.query("transf", 10)), [0]);
    assert!(index.query("transf attention", 10).is_empty());
}

#[test]
fn every_term_must_match_and_prompt_phrases_rank_first() {
    let docs = corpus();
    let index = SearchIndex::new(docs.clone());
    let hits = index.query("pyton generatr", 10);
    // Both prompts say generator; only the first has "Python generator" side
    // by side in it; the other has Python in its body.
    assert_eq!(docs_of(&hits), [3, 4]);
    assert_eq!(highlighted(&docs, &hits[0]), ["Python", "generator"]);
    assert_eq!(highlighted(&docs, &hits[1]), ["generator"]);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn exact_matches_rank_above_fuzzy_ones() {
    let index = SearchIndex::new(corpus());
    // "retention" is two edits from "attention"; "attention" is exact.
    let hits = index.query("attention", 10);
    assert_eq!(docs_of(&hits), [0, 5]);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn prompt_hits_rank_above_body_hits() {
    let index = SearchIndex::new(vec![
        doc("Something else", "arrays everywhere"),
        doc("About arrays", "nothing"),
        doc("Arays, fuzzily", "nothing"),
    ]);
    assert_eq!(docs_of(&index.query("arrays", 10)), [1, 2, 0]);
}

#[test]
fn spans_cover_the_matching_words_of_the_prompt() {
    let docs = corpus();
    let index = SearchIndex::new(docs.clone());
    let hits = index.query("self attention", 10);
    assert_eq!(docs_of(&hits), [0]);
    assert_eq!(hits[0].prompt_spans, [(10, 14), (15, 24)]);
    assert_eq!(highlighted(&docs, &hits[0]), ["self", "attention"]);
    // A body-only hit highlights nothing in the prompt.
    let hits = index.query("stopiteration", 10);
    assert_eq!(docs_of(&hits), [3]);
    assert!(hits[0].prompt_spans.is_empty());
}

#[test]
fn unicode_words_match_and_spans_stay_on_char_boundaries() {
    let docs = corpus();
    let index = SearchIndex::new(docs.clone());
    let hits = index.query("naive", 10);
    assert_eq!(docs_of(&hits), [6]);
    assert_eq!(highlighted(&docs, &hits[0]), ["Naïve"]);
    assert_eq!(docs_of(&index.query("NAÏVE bayes", 10)), [6]);
    assert_eq!(docs_of(&index.query("θ", 10)), [6]);
    // Letters whose lowercase is longer than themselves.
    let odd = vec![doc("İstanbul ΣΑΣ straße", "")];
    let index = SearchIndex::new(odd.clone());
    let hits = index.query("istanbul", 10);
    assert_eq!(
        docs_of(&hits),
        [0],
        "İ lowercases to i and a combining dot: one edit"
    );
    assert_eq!(highlighted(&odd, &hits[0]), ["İstanbul"]);
    assert_eq!(highlighted(&odd, &index.query("ΣΑΣ", 10)[0]), ["ΣΑΣ"]);
    assert!(
        index.query("σας", 10).is_empty(),
        "final sigma is another letter"
    );
    assert_eq!(highlighted(&odd, &index.query("strase", 10)[0]), ["straße"]);
}

#[test]
fn empty_queries_and_limits_give_no_hits() {
    let index = SearchIndex::new(corpus());
    assert!(index.query("", 10).is_empty());
    assert!(index.query("  -- ?? ", 10).is_empty());
    assert!(index.query("python", 0).is_empty());
    assert_eq!(index.query("x", 10).len(), 0, "one letter is no prefix");
    assert_eq!(
        docs_of(&index.query("a", 10)),
        [0, 3, 4, 5],
        "but may be a word"
    );
    assert_eq!(index.query("what", 2).len(), 2);
    assert!(SearchIndex::new(Vec::new()).query("python", 5).is_empty());
}

proptest! {
    /// Any text, any query: no panic, spans on char boundaries and in order,
    /// hits sorted by score.
    #[test]
    fn any_query_is_safe(
        prompts in proptest::collection::vec("\\PC{0,40}", 1..6),
        q in "\\PC{0,20}",
    ) {
        let docs: Vec<SearchDoc> = prompts.iter().map(|p| doc(p, p)).collect();
        let index = SearchIndex::new(docs.clone());
        let hits = index.query(&q, 10);
        for pair in hits.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score);
        }
        for hit in &hits {
            let prompt = &docs[hit.doc].prompt;
            let mut end_before = 0;
            for &(start, end) in &hit.prompt_spans {
                prop_assert!(start >= end_before && start < end && end <= prompt.len());
                prop_assert!(prompt.is_char_boundary(start) && prompt.is_char_boundary(end));
                end_before = end;
            }
        }
    }

    /// A query made of words of a document always finds it.
    #[test]
    fn a_documents_own_words_find_it(
        words in proptest::collection::vec("[a-z]{1,10}", 1..8),
        pick in proptest::collection::vec(any::<prop::sample::Index>(), 1..3),
    ) {
        let docs = vec![doc(&words.join(" "), ""), doc("unrelated text", "")];
        let index = SearchIndex::new(docs);
        let q: Vec<&str> = pick.iter().map(|i| words[i.index(words.len())].as_str()).collect();
        let hits = index.query(&q.join(" "), 10);
        prop_assert!(hits.iter().any(|h| h.doc == 0));
    }
}
