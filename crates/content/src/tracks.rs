//! `tracks.toml`: the roles a learner prepares for, each a weighted list of topics. Read after the
//! topics, since a track names them by slug and the compiled track points at them by position.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{did_you_mean, Diagnostics, Location, SourceFile};
use crate::model::{Seen, Topic, Track, TrackTopic};
use crate::toml_file::{array_of_tables, check_keys, deserialize, is_slug, nonempty, parse, read};

const FILE_FIELDS: &[&str] = &["track"];
const TRACK_FIELDS: &[&str] = &["slug", "title", "description", "topics"];
const TRACK_TOPIC_FIELDS: &[&str] = &["topic", "weight"];
/// 1 touched on · 2 asked often · 3 core for the role.
const WEIGHTS: std::ops::RangeInclusive<i64> = 1..=3;

#[derive(Deserialize)]
struct RawTrack {
    slug: Spanned<String>,
    title: Spanned<String>,
    description: Spanned<String>,
    topics: Spanned<Vec<Spanned<RawTrackTopic>>>,
}

#[derive(Deserialize)]
struct RawTrackTopic {
    topic: Spanned<String>,
    weight: Spanned<i64>,
}

/// Reads `dir/tracks.toml`; `topics` are the loaded topics in display order (the indices of the
/// result point into them).
pub fn load_tracks(
    dir: &Path,
    topics: &[Topic],
    seen: &Seen,
    diags: &mut Diagnostics,
) -> Vec<Track> {
    let path = dir.join("tracks.toml");
    let Some(file) = read(&path, diags) else {
        diags.error_with_hint(
            &Location { path, line: 1 },
            "no tracks.toml: the app offers its topics by role",
            "add tracks.toml with a [[track]] table per role (see content/FORMAT.md)",
        );
        return Vec::new();
    };
    let Some(table) = parse(&file, diags) else {
        return Vec::new();
    };
    check_keys(&file, table.get_ref(), FILE_FIELDS, "tracks.toml", diags);
    let tables = array_of_tables(table.get_ref(), "track");
    if tables.is_empty() {
        diags.error_with_hint(
            &file.start(),
            "tracks.toml has no tracks",
            "add a [[track]] table with slug, title, description and topics",
        );
    }

    let slugs: Vec<&str> = topics.iter().map(|t| t.slug.as_str()).collect();
    let mut declared: HashMap<String, Location> = HashMap::new();
    let mut tracks = Vec::new();
    for value in tables {
        check_keys(&file, value.get_ref(), TRACK_FIELDS, "track", diags);
        for entry in array_of_tables(value.get_ref(), "topics") {
            check_keys(
                &file,
                entry.get_ref(),
                TRACK_TOPIC_FIELDS,
                "a track's topic",
                diags,
            );
        }
        let Some(raw) = deserialize::<RawTrack>(&file, value, TRACK_FIELDS, "track", diags) else {
            continue;
        };
        let slug = raw.slug.get_ref().trim().to_string();
        let at = file.at(raw.slug.span().start);
        if !is_slug(&slug) {
            diags.error_with_hint(
                &at,
                format!("track slug `{slug}` is not a slug"),
                "use lowercase letters, digits and hyphens, for example \"ml-engineer\"",
            );
        }
        if let Some(first) = declared.get(&slug) {
            diags.error_with_hint(
                &at,
                format!("track `{slug}` is declared twice (first at {first})"),
                "give each track its own slug, or merge the two",
            );
            continue;
        }
        declared.insert(slug.clone(), at);
        let title = nonempty(&file, &raw.title, "track title", diags);
        let description = nonempty(&file, &raw.description, "track description", diags);
        let track_topics = track_topics(&file, &slug, &raw.topics, &slugs, seen, diags);
        tracks.push(Track {
            slug,
            title,
            description,
            topics: track_topics,
        });
    }
    tracks
}

fn track_topics(
    file: &SourceFile,
    track: &str,
    raw: &Spanned<Vec<Spanned<RawTrackTopic>>>,
    slugs: &[&str],
    seen: &Seen,
    diags: &mut Diagnostics,
) -> Vec<TrackTopic> {
    if raw.get_ref().is_empty() {
        diags.error_with_hint(
            &file.at(raw.span().start),
            format!("track `{track}` has no topics"),
            "list the topics its interviews ask about: topics = [{ topic = \"…\", weight = 3 }]",
        );
    }
    let mut listed: HashMap<&str, Location> = HashMap::new();
    let mut out = Vec::new();
    for entry in raw.get_ref() {
        let at = file.at(entry.span().start);
        let entry = entry.get_ref();
        let slug = entry.topic.get_ref().as_str();
        let weight = *entry.weight.get_ref();
        if !WEIGHTS.contains(&weight) {
            diags.error_with_hint(
                &file.at(entry.weight.span().start),
                format!("track `{track}`: weight {weight} of `{slug}` is out of range"),
                "3 core for the role · 2 asked often · 1 touched on",
            );
        }
        if let Some(first) = listed.get(slug) {
            diags.error_with_hint(
                &at,
                format!("track `{track}` lists topic `{slug}` twice (first at {first})"),
                "keep one entry, with the weight that fits the role",
            );
            continue;
        }
        listed.insert(slug, at);
        let Some(topic) = slugs.iter().position(|s| *s == slug) else {
            // A folder whose topic.toml failed has been reported already.
            if !seen.topic_folders.contains(slug) {
                let hint = match did_you_mean(slug, slugs) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("topics are: {}", slugs.join(", ")),
                };
                diags.error_with_hint(
                    &file.at(entry.topic.span().start),
                    format!("track `{track}`: unknown topic `{slug}`"),
                    hint,
                );
            }
            continue;
        };
        out.push(TrackTopic {
            topic,
            weight: weight.clamp(*WEIGHTS.start(), *WEIGHTS.end()) as u8,
        });
    }
    out
}
