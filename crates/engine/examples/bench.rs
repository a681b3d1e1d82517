//! Prints timings of the hot operations (not asserted):
//! building a test on a 2,000-question bank, replaying 10,000 events, and
//! building and querying the search index over 2,000 questions' text.
//!
//! ```text
//! cargo run --release -p engine --example bench [-- --json]
//! ```
//!
//! With `--json`, the same figures as one JSON object (`./x bench` reads it):
//! `{"banks": {LABEL: {KEY: value}}, "search": {...}}`, each KEY the line's
//! label as a slug plus its unit (`build_test_one_topic_us`), with the
//! precision the text shows. `scripts/bench.mjs` reads the text of a revision
//! without `--json` into the same keys.

use std::hint::black_box;
use std::time::Instant;

use serde_json::{json, Map, Value};

use engine::{
    Access, Answer, Bank, Engine, Event, EventBody, EventId, ItemMeta, Kind, LocalDate, Mode,
    Response, Scope, SearchDoc, SearchIndex, SessionId, SplitMix64, SubtopicMeta, TopicMeta,
    MS_PER_DAY,
};

/// `topics` topics sharing `items` questions, labels 1–5, 10 % true/false.
fn bank(topics: u16, items: usize) -> Bank {
    let mut bank = Bank::default();
    for t in 0..topics {
        bank.topics.push(TopicMeta {
            slug: format!("t{t}"),
            title: format!("Topic {t}"),
            description: String::new(),
            free: true,
            icon: String::new(),
            tone: String::new(),
        });
        for s in 0..4 {
            bank.subtopics.push(SubtopicMeta {
                slug: format!("t{t}-s{s}"),
                title: String::new(),
                description: String::new(),
                topic: t,
            });
        }
    }
    for i in 0..items {
        let topic = (i % usize::from(topics)) as u16;
        let true_false = i % 10 == 3;
        bank.items.push(ItemMeta {
            id: format!("q{i:05}"),
            topic,
            subtopic: topic * 4 + (i / usize::from(topics) % 4) as u16,
            kind: if true_false {
                Kind::TrueFalse
            } else {
                Kind::Single
            },
            difficulty: (i / 7 % 5) as u8 + 1,
            options: if true_false { 2 } else { 4 },
            irt_a: None,
            irt_b: None,
            irt_b_sd: None,
            free: true,
        });
    }
    bank
}

/// `n` answer events spread over a year, to random questions.
fn log(engine: &Engine, n: usize) -> Vec<Event> {
    let mut rng = SplitMix64::new(9);
    let start = 1_735_718_400_000i64;
    (0..n)
        .map(|k| {
            let at = start + (k as i64) * (365 * MS_PER_DAY / n as i64);
            let item = rng.below(engine.bank().items.len());
            Event::answered(
                EventId(rng.next_u64()),
                at,
                LocalDate::from_utc_ms(at, 60),
                Answer {
                    question: engine.bank().items[item].id.clone(),
                    response: Response::Chose(vec![0]),
                    correct: rng.next_f64() < 0.7,
                    time_taken_ms: 20_000,
                    mode: Mode::Test,
                    session: SessionId(k as u64 / 5),
                },
            )
        })
        .collect()
}

/// As [`log`], with the day's daily challenge answered (in daily mode) at
/// the start of each day, as a learner who does it every day would.
fn log_with_daily(engine: &Engine, n: usize) -> Vec<Event> {
    let mut events = log(engine, n);
    let mut last_day = None;
    for k in 0..events.len() {
        let day = events[k].local_date;
        if last_day == Some(day) {
            continue;
        }
        last_day = Some(day);
        for (position, item) in engine.daily_challenge(day).into_iter().enumerate() {
            let Some(event) = events.get_mut(k + position) else {
                break;
            };
            if let EventBody::Answered(answer) = &mut event.body {
                answer.question = engine.bank().items[item].id.clone();
                answer.mode = Mode::Daily;
                answer.session = SessionId(day.days_since_epoch() as u64);
            }
        }
    }
    events
}

/// `docs` documents of synthetic English-like text: a 15-word prompt and a
/// 135-word body each, words drawn with a Zipf-like skew from a vocabulary of
/// 8,000 random words (a few real ones among them, for the queries).
fn search_docs(docs: usize) -> Vec<SearchDoc> {
    let mut rng = SplitMix64::new(5);
    let letters: Vec<char> = "etaoinshrdlcumwfgypbvkjxqz".chars().collect();
    let mut vocabulary: Vec<String> = [
        "python",
        "generator",
        "attention",
        "numpy",
        "gil",
        "the",
        "a",
        "of",
        "is",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    while vocabulary.len() < 8_000 {
        let length = 3 + rng.below(9);
        // Common letters more often: index by the square of a uniform draw.
        let word: String = (0..length)
            .map(|_| {
                let u = rng.next_f64();
                letters[((u * u) * letters.len() as f64) as usize % letters.len()]
            })
            .collect();
        vocabulary.push(word);
    }
    let mut text = |words: usize| {
        (0..words)
            .map(|_| {
                let u = rng.next_f64();
                vocabulary[((u * u * u) * vocabulary.len() as f64) as usize % vocabulary.len()]
                    .as_str()
            })
            .collect::<Vec<&str>>()
            .join(" ")
    };
    (0..docs)
        .map(|_| SearchDoc {
            prompt: format!("{}?", text(15)),
            body: text(135),
        })
        .collect()
}

/// Median of `runs` timings of `f`, in microseconds.
fn median_us(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// The figures as they are measured: printed as text at once, or kept for
/// one JSON object at the end.
struct Report {
    json: bool,
    section: Map<String, Value>,
}

impl Report {
    /// One timing: `label` as the text shows it, `unit` `µs` (one decimal)
    /// or `ms` (two), `note` after it in the text only.
    fn metric(&mut self, label: &str, value: f64, unit: &str, note: &str) {
        let (decimals, key_unit) = if unit == "ms" { (2, "ms") } else { (1, "us") };
        let shown = format!("{value:.decimals$}");
        if self.json {
            let value: f64 = shown.parse().expect("a formatted number");
            self.section
                .insert(format!("{}_{key_unit}", slug(label)), json!(value));
        } else {
            println!("  {:<32}{shown:>8} {unit}{note}", format!("{label}:"));
        }
    }

    /// Ends a section: its figures so far, emptied for the next.
    fn take(&mut self) -> Map<String, Value> {
        std::mem::take(&mut self.section)
    }
}

/// A label as a key: lowercase letters and digits, every other run of
/// characters one `_` (`"build_test, one topic"` → `build_test_one_topic`).
fn slug(label: &str) -> String {
    let mut key = String::new();
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    key.trim_end_matches('_').to_string()
}

fn main() {
    let json = std::env::args().skip(1).any(|a| a == "--json");
    let mut report = Report {
        json,
        section: Map::new(),
    };
    let mut banks = Map::new();
    let now = 1_767_225_600_000i64;
    for (label, topics) in [("1 topic of 2,000", 1u16), ("12 topics, 2,000 in all", 12)] {
        let engine = Engine::new(bank(topics, 2_000));
        let events = log(&engine, 10_000);
        let progress = engine.replay(&events);
        let mut seed = 0u64;
        let topic_us = median_us(2_001, || {
            seed += 1;
            black_box(
                engine
                    .build_test(&progress, &Scope::Topic(0), Access::Unlocked, now, seed)
                    .ok(),
            );
        });
        let all: Vec<u16> = (0..topics).collect();
        let mixed_us = median_us(2_001, || {
            seed += 1;
            black_box(
                engine
                    .build_test(
                        &progress,
                        &Scope::Mixed(all.clone()),
                        Access::Unlocked,
                        now,
                        seed,
                    )
                    .ok(),
            );
        });
        let replay_ms = median_us(21, || {
            black_box(engine.replay(black_box(&events)));
        }) / 1e3;
        let mut incremental = engine.replay(&events[..9_999]);
        let apply_us = median_us(1, || {
            black_box(engine.apply(&mut incremental, &events[9_999]));
        });
        let daily_us = median_us(2_001, || {
            seed += 1;
            black_box(engine.daily_challenge(LocalDate::from_days_since_epoch(seed as i32)));
        });
        let review_us = median_us(201, || {
            black_box(engine.review_queue(&progress, LocalDate::from_utc_ms(now, 60), 20));
        });
        if !json {
            println!("bank: {label}");
        }
        report.metric("build_test, one topic", topic_us, "µs", "  (budget 100 µs)");
        report.metric("build_test, mixed over all", mixed_us, "µs", "");
        report.metric("replay 10,000 events", replay_ms, "ms", "  (budget 20 ms)");
        report.metric("apply one event (hot path)", apply_us, "µs", "");
        report.metric("daily_challenge", daily_us, "µs", "");
        let with_daily = log_with_daily(&engine, 10_000);
        let replay_daily_ms = median_us(21, || {
            black_box(engine.replay(black_box(&with_daily)));
        }) / 1e3;
        let last_daily = with_daily
            .iter()
            .rposition(|e| matches!(&e.body, EventBody::Answered(a) if a.mode == Mode::Daily))
            .expect("the log has daily answers");
        let mut incremental = engine.replay(&with_daily[..last_daily]);
        let apply_daily_us = median_us(1, || {
            black_box(engine.apply(&mut incremental, &with_daily[last_daily]));
        });
        report.metric("review_queue (top 20)", review_us, "µs", "");
        report.metric("replay, a daily challenge a day", replay_daily_ms, "ms", "");
        report.metric("apply one daily answer", apply_daily_us, "µs", "");
        banks.insert(label.to_string(), Value::Object(report.take()));
    }

    let docs = search_docs(2_000);
    let words: usize = docs
        .iter()
        .map(|d| d.prompt.split(' ').count() + d.body.split(' ').count())
        .sum();
    let build_ms = median_us(5, || {
        black_box(SearchIndex::new(black_box(docs.clone())));
    }) / 1e3;
    let index = SearchIndex::new(docs);
    if !json {
        println!(
            "search: 2,000 documents, {words} words, vocabulary {}",
            index.vocabulary_len()
        );
    }
    report.metric(
        "build the index (copying the text included)",
        build_ms,
        "ms",
        "  (once per visit)",
    );
    let mut queries = Map::new();
    for q in ["pyton generatr", "atention", "numpy", "gil the", "th"] {
        let mut hits = 0;
        let query_us = median_us(201, || {
            hits = black_box(index.query(black_box(q), 50)).len();
        });
        if json {
            let us: f64 = format!("{query_us:.1}")
                .parse()
                .expect("a formatted number");
            queries.insert(q.to_string(), json!({ "hits": hits, "us": us }));
        } else {
            println!("  query {q:<16} ({hits:2} hits):   {query_us:8.1} µs");
        }
    }
    if json {
        let mut search = report.take();
        search.insert("documents".into(), json!(2_000));
        search.insert("words".into(), json!(words));
        search.insert("vocabulary".into(), json!(index.vocabulary_len()));
        search.insert("queries".into(), Value::Object(queries));
        println!("{}", json!({ "banks": banks, "search": search }));
    }
}
