//! Rules that need the whole corpus: id format and uniqueness, the id lock (ids are forever),
//! internal links, and near-duplicate prompts.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use crate::diagnostic::{Diagnostics, Location, SourceFile};
use crate::model::{Corpus, Question, Seen, Topic};

/// Part of the message of a question whose id is not yet in `ids.lock`.
pub const NOT_LOCKED: &str = "is not in ids.lock";

/// Jaccard similarity of word trigrams above which two prompts are near-duplicates.
pub const NEAR_DUPLICATE_SIMILARITY: f64 = 0.8;

pub fn corpus_wide(
    dir: &Path,
    corpus: &Corpus,
    topics: &[(Topic, Location)],
    seen: &Seen,
    diags: &mut Diagnostics,
) {
    topic_uniqueness(topics, diags);
    ids(corpus, diags);
    id_lock(dir, corpus, seen, diags);
    links(corpus, diags);
    near_duplicates(corpus, diags);
}

fn topic_uniqueness(topics: &[(Topic, Location)], diags: &mut Diagnostics) {
    let mut prefixes: HashMap<&str, &Location> = HashMap::new();
    let mut orders: HashMap<i64, &Location> = HashMap::new();
    for (topic, at) in topics {
        if let Some(other) = prefixes.insert(&topic.id_prefix, at) {
            diags.error(
                at,
                format!("id_prefix `{}` is also used by {other}", topic.id_prefix),
            );
        }
        if let Some(other) = orders.insert(topic.order, at) {
            diags.error_with_hint(
                at,
                format!("order {} is also used by {other}", topic.order),
                "give each topic its own position",
            );
        }
    }
}

fn ids(corpus: &Corpus, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Location> = HashMap::new();
    for q in &corpus.questions {
        let prefix = &corpus.topics[q.topic].id_prefix;
        let well_formed =
            q.id.strip_prefix(prefix.as_str())
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|n| n.len() >= 3 && n.chars().all(|c| c.is_ascii_digit()));
        if !well_formed {
            diags.error_with_hint(
                &q.location,
                format!("id `{}` does not match the topic's id_prefix", q.id),
                format!("ids in this topic look like `{prefix}-001`"),
            );
        }
        if let Some(first) = seen.insert(&q.id, &q.location) {
            diags.error_with_hint(
                &q.location,
                format!("duplicate id `{}` (first used at {first})", q.id),
                "every question needs its own id; take the next free number",
            );
        }
    }
}

/// `ids.lock` lists every id ever shipped, one per line; `<id> retired` marks one withdrawn on
/// purpose. A shipped id that disappears (deleted or renamed) would orphan learners' progress.
fn id_lock(dir: &Path, corpus: &Corpus, seen: &Seen, diags: &mut Diagnostics) {
    let path = dir.join("ids.lock");
    // No lock yet means nothing was shipped: every id is new.
    let text = fs::read_to_string(&path).unwrap_or_default();
    let file = SourceFile::new(&path, text);
    // Ids of questions that failed validation still count as present: they were reported already.
    let present: HashSet<&str> = seen.ids.iter().map(String::as_str).collect();
    let mut locked = HashSet::new();
    let mut offset = 0;
    for line in file.text.lines() {
        let at = file.at(offset);
        offset += line.len() + 1;
        let mut words = line.split_whitespace();
        let Some(id) = words.next() else { continue };
        if id.starts_with('#') {
            continue;
        }
        let retired = match words.next() {
            None => false,
            Some("retired") => true,
            Some(other) => {
                diags.error_with_hint(
                    &at,
                    format!("unknown marker `{other}`"),
                    "a line is `<id>` or `<id> retired`",
                );
                false
            }
        };
        locked.insert(id.to_string());
        if retired && present.contains(id) {
            diags.error_with_hint(
                &at,
                format!("id `{id}` is retired but a question uses it"),
                "ids are never reused: give the question a new id",
            );
        } else if !retired && !present.contains(id) && seen.complete {
            diags.error_with_hint(
                &at,
                format!("shipped id `{id}` is missing from the content (deleted or renamed?)"),
                "ids are forever: restore the question, or mark the line `retired` if it was withdrawn on purpose",
            );
        }
    }
    for q in &corpus.questions {
        if !locked.contains(&q.id) {
            diags.error_with_hint(
                &q.location,
                format!("new id `{}` {NOT_LOCKED}", q.id),
                "run `./x content lock` once the question is reviewed",
            );
        }
    }
}

/// Every `q:<id>` and `topic:<slug>` link target in a question's Markdown.
pub fn link_targets(q: &Question) -> Vec<String> {
    let mut targets = Vec::new();
    let open = q.open.iter().flat_map(|open| {
        open.key_points
            .iter()
            .chain(&open.follow_ups)
            .chain(&open.pitfalls)
    });
    let texts = [&q.prompt, &q.explanation]
        .into_iter()
        .chain(q.choices.iter().flat_map(|c| [&c.text, &c.why]))
        .chain(open);
    for text in texts {
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let end = rest.find([')', ' ']).unwrap_or(rest.len());
            let target = &rest[..end];
            if target.starts_with("q:") || target.starts_with("topic:") {
                targets.push(target.to_string());
            }
        }
    }
    targets
}

fn links(corpus: &Corpus, diags: &mut Diagnostics) {
    let ids: HashSet<&str> = corpus.questions.iter().map(|q| q.id.as_str()).collect();
    let slugs: HashSet<&str> = corpus.topics.iter().map(|t| t.slug.as_str()).collect();
    for q in &corpus.questions {
        for target in link_targets(q) {
            let ok = match target.split_once(':') {
                Some(("q", id)) => ids.contains(id),
                Some(("topic", slug)) => slugs.contains(slug),
                _ => true,
            };
            if !ok {
                diags.error_with_hint(
                    &q.location,
                    format!("{}: broken link `{target}`", q.id),
                    "link to an existing question id (q:pyf-001) or topic slug (topic:python-internals)",
                );
            }
        }
    }
}

fn shingles(q: &Question) -> Vec<u64> {
    let text = format!(
        "{} {}",
        q.prompt,
        q.code.as_ref().map_or("", |c| c.text.as_str())
    );
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<u64> = if words.len() < 3 {
        vec![fnv1a(&words.join(" "))]
    } else {
        words.windows(3).map(|w| fnv1a(&w.join(" "))).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

fn near_duplicates(corpus: &Corpus, diags: &mut Diagnostics) {
    let sets: Vec<Vec<u64>> = corpus.questions.iter().map(shingles).collect();
    for (j, later) in corpus.questions.iter().enumerate() {
        for (i, earlier) in corpus.questions[..j].iter().enumerate() {
            // Cheap bound first: Jaccard ≤ min/max of the set sizes.
            let (small, large) = (
                sets[i].len().min(sets[j].len()),
                sets[i].len().max(sets[j].len()),
            );
            if (small as f64) < NEAR_DUPLICATE_SIMILARITY * large as f64 {
                continue;
            }
            let similarity = jaccard(&sets[i], &sets[j]);
            if similarity >= NEAR_DUPLICATE_SIMILARITY {
                diags.error_with_hint(
                    &later.location,
                    format!(
                        "{}: prompt is a near-duplicate of {} at {} ({:.0}% the same)",
                        later.id,
                        earlier.id,
                        earlier.location,
                        similarity * 100.0
                    ),
                    "ask something different, or merge the two questions",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_of_identical_sets_is_one_and_of_disjoint_sets_zero() {
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2], &[3, 4]), 0.0);
        assert!((jaccard(&[1, 2, 3], &[2, 3, 4]) - 0.5).abs() < 1e-12);
    }
}
