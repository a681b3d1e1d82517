//! Reading `content/`: raw TOML (with spans) → validated [`Corpus`], reporting every problem.
//!
//! Each file is parsed into a spanned document first, so unknown fields are reported one by
//! one with their line (and a "did you mean" hint), and each question is deserialized on its
//! own, so one broken question never hides the problems of the others.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use engine::{Kind, Reference, TONES};

use crate::dated::{YearMonth, AS_OF_HORIZON_MONTHS};
use serde::Deserialize;
use toml::de::DeValue;
use toml::Spanned;

use crate::checks;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Location, SourceFile};
use crate::model::{
    Choice, Code, Corpus, Question, Seen, Subtopic, Topic, ICON_MAX_CHARS, PHONE_CODE_COLUMNS,
};
use crate::open;
use crate::toml_file::{
    array_of_tables, check_keys, deserialize, file_name, is_slug, nonempty, parse, read,
    sorted_entries,
};
use crate::tracks::load_tracks;

const TOPIC_FIELDS: &[&str] = &[
    "title",
    "description",
    "order",
    "free",
    "free_sample",
    "id_prefix",
    "icon",
    "tone",
    "subtopic",
];
const SUBTOPIC_FIELDS: &[&str] = &["slug", "title", "description"];
const FILE_FIELDS: &[&str] = &["question"];
const QUESTION_FIELDS: &[&str] = &[
    "id",
    "kind",
    "difficulty",
    "tags",
    "prompt",
    "code",
    "code_lang",
    "explanation",
    "references",
    "free",
    "irt",
    "choice",
    "answer",
    "why_wrong",
    "as_of",
    "rechecked",
    "model_answer",
    "key_points",
    "follow_ups",
    "pitfalls",
    "time_seconds",
];
const CHOICE_FIELDS: &[&str] = &["text", "correct", "why"];
const REFERENCE_FIELDS: &[&str] = &["title", "url"];
const IRT_FIELDS: &[&str] = &["a", "b", "sd"];
/// Languages the highlighter knows and the app styles.
pub const CODE_LANGS: &[&str] = &["python", "sql", "bash", "json", "yaml", "text"];
const ROOT_FILES: &[&str] = &["FORMAT.md", "README.md", "ids.lock", "tracks.toml"];

#[derive(Deserialize)]
struct RawTopic {
    title: Spanned<String>,
    description: Spanned<String>,
    order: Spanned<i64>,
    free: bool,
    free_sample: Option<Spanned<i64>>,
    id_prefix: Spanned<String>,
    icon: Spanned<String>,
    tone: Spanned<String>,
    #[serde(default)]
    subtopic: Vec<Spanned<RawSubtopic>>,
}

#[derive(Deserialize)]
struct RawSubtopic {
    slug: Spanned<String>,
    title: Spanned<String>,
    description: Spanned<String>,
}

#[derive(Deserialize)]
struct RawQuestion {
    id: Spanned<String>,
    kind: Spanned<String>,
    difficulty: Spanned<i64>,
    tags: Spanned<Vec<String>>,
    prompt: Spanned<String>,
    code: Option<Spanned<String>>,
    code_lang: Option<Spanned<String>>,
    /// Every kind but `open` (whose `model_answer` takes its place).
    explanation: Option<Spanned<String>>,
    #[serde(default)]
    references: Vec<Spanned<RawReference>>,
    #[serde(default)]
    free: bool,
    irt: Option<Spanned<RawIrt>>,
    choice: Option<Vec<Spanned<RawChoice>>>,
    answer: Option<Spanned<bool>>,
    why_wrong: Option<Spanned<String>>,
    as_of: Option<Spanned<String>>,
    rechecked: Option<Spanned<String>>,
    model_answer: Option<Spanned<String>>,
    key_points: Option<Spanned<Vec<String>>>,
    follow_ups: Option<Spanned<Vec<String>>>,
    pitfalls: Option<Spanned<Vec<String>>>,
    time_seconds: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
struct RawChoice {
    text: String,
    #[serde(default)]
    correct: bool,
    why: Option<String>,
}

/// A reference: a title, or a table with the title and where to read it.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawReference {
    Title(String),
    Linked { title: String, url: String },
}

#[derive(Deserialize)]
struct RawIrt {
    a: Option<f64>,
    b: Option<f64>,
    sd: Option<f64>,
}

/// Reads and validates the content folder. With any error, returns every problem found (warnings
/// included), sorted by file and line; without, the corpus carries its warnings.
pub fn load(dir: &Path) -> Result<Corpus, Vec<Diagnostic>> {
    let (mut corpus, diagnostics) = load_report(dir);
    if diagnostics.iter().any(Diagnostic::is_error) {
        Err(diagnostics)
    } else {
        corpus.warnings = diagnostics;
        Ok(corpus)
    }
}

/// Like [`load`], but returns what could be read along with every problem (used by `lock`); the
/// corpus's own `warnings` stay empty.
pub fn load_report(dir: &Path) -> (Corpus, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let mut topics = Vec::new();
    let mut questions = Vec::new();
    let mut seen = Seen {
        complete: true,
        ..Seen::default()
    };

    let entries = match sorted_entries(dir) {
        Ok(entries) => entries,
        Err(err) => {
            let at = Location {
                path: dir.to_path_buf(),
                line: 1,
            };
            diags.error_with_hint(
                &at,
                format!("cannot read the content folder: {err}"),
                "pass --content DIR",
            );
            return (
                Corpus {
                    topics: Vec::new(),
                    questions: Vec::new(),
                    tracks: Vec::new(),
                    warnings: Vec::new(),
                },
                diags.into_sorted(),
            );
        }
    };
    for path in entries {
        let name = file_name(&path);
        if path.is_dir() {
            seen.topic_folders.insert(name.clone());
            load_topic(&path, &mut topics, &mut questions, &mut seen, &mut diags);
        } else if !ROOT_FILES.contains(&name.as_str()) {
            let at = Location {
                path: path.clone(),
                line: 1,
            };
            diags.error_with_hint(
                &at,
                format!("unexpected file `{name}` in the content folder"),
                "topics are folders; the only files here are FORMAT.md, README.md, ids.lock and tracks.toml",
            );
        }
    }

    // Display order, then questions regrouped to follow it.
    let mut order: Vec<usize> = (0..topics.len()).collect();
    order.sort_by_key(|&i| (topics[i].0.order, topics[i].0.slug.clone()));
    let remap: HashMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(new, &old)| (old, new))
        .collect();
    let topics_with_loc: Vec<(Topic, Location)> =
        order.iter().map(|&i| topics[i].clone()).collect();
    for question in &mut questions {
        question.topic = remap[&question.topic];
    }
    questions.sort_by_key(|q: &Question| (q.topic, q.subtopic));
    mark_free_samples(&topics_with_loc, &mut questions, &mut diags);

    let topics: Vec<Topic> = topics_with_loc.iter().map(|(t, _)| t.clone()).collect();
    let tracks = load_tracks(dir, &topics, &seen, &mut diags);
    let corpus = Corpus {
        topics,
        questions,
        tracks,
        warnings: Vec::new(),
    };
    checks::corpus_wide(dir, &corpus, &topics_with_loc, &seen, &mut diags);
    (corpus, diags.into_sorted())
}

/// `free_sample = N` of a topic that is not free in full: 0 to 100.
fn free_sample(file: &SourceFile, raw: &RawTopic, diags: &mut Diagnostics) -> usize {
    let Some(n) = &raw.free_sample else {
        return 0;
    };
    let at = file.at(n.span().start);
    if raw.free {
        diags.error_with_hint(
            &at,
            "a free topic has no free_sample",
            "a topic with free = true is free in full: drop free_sample",
        );
        return 0;
    }
    match usize::try_from(*n.get_ref()) {
        Ok(n) if (1..=100).contains(&n) => n,
        _ => {
            diags.error_with_hint(
                &at,
                format!("free_sample = {} is out of range", n.get_ref()),
                "the number of questions free to try, 1 to 100 (for example 10)",
            );
            0
        }
    }
}

/// Marks each topic's free sample: `free_sample` multiple-choice questions spread evenly over the
/// levels (1 to 5 in turn) and, within a level, over the subtopics (the least represented first,
/// then file order), and its easiest open question. Deterministic, so every build and every learner gets the same sample.
fn mark_free_samples(
    topics: &[(Topic, Location)],
    questions: &mut [Question],
    diags: &mut Diagnostics,
) {
    for (t, (topic, at)) in topics.iter().enumerate() {
        if topic.free_sample == 0 {
            continue;
        }
        let mine: Vec<usize> = (0..questions.len())
            .filter(|&i| questions[i].topic == t && questions[i].kind.is_choice())
            .collect();
        if topic.free_sample > mine.len() {
            diags.error_with_hint(
                at,
                format!(
                    "free_sample = {} but the topic has {} questions",
                    topic.free_sample,
                    mine.len()
                ),
                "make the sample smaller than the topic",
            );
            continue;
        }
        let mut chosen: Vec<usize> = Vec::with_capacity(topic.free_sample);
        let mut level = 0u8;
        while chosen.len() < topic.free_sample {
            level = level % 5 + 1;
            let per_subtopic = |s: usize, chosen: &[usize]| {
                chosen
                    .iter()
                    .filter(|&&c| questions[c].subtopic == s)
                    .count()
            };
            if let Some(&pick) = mine
                .iter()
                .filter(|&&i| questions[i].difficulty == level && !chosen.contains(&i))
                .min_by_key(|&&i| per_subtopic(questions[i].subtopic, &chosen))
            {
                chosen.push(pick);
            } else if mine.iter().all(|i| chosen.contains(i)) {
                break;
            }
        }
        for i in chosen {
            questions[i].free = true;
        }
        // And the easiest open question, so interview mode can be tried in every topic.
        if let Some(i) = (0..questions.len())
            .filter(|&i| questions[i].topic == t && questions[i].kind == Kind::Open)
            .min_by_key(|&i| (questions[i].difficulty, i))
        {
            questions[i].free = true;
        }
    }
}

fn load_topic(
    dir: &Path,
    topics: &mut Vec<(Topic, Location)>,
    questions: &mut Vec<Question>,
    seen: &mut Seen,
    diags: &mut Diagnostics,
) {
    let slug = file_name(dir);
    let topic_path = dir.join("topic.toml");
    let Some(file) = read(&topic_path, diags) else {
        seen.complete = false;
        let at = Location {
            path: dir.to_path_buf(),
            line: 1,
        };
        diags.error_with_hint(
            &at,
            "topic folder has no topic.toml",
            "add title, description, order, free, id_prefix",
        );
        return;
    };
    if !is_slug(&slug) {
        diags.error_with_hint(
            &file.start(),
            format!("topic folder name `{slug}` is not a slug"),
            "use lowercase letters, digits and hyphens",
        );
    }
    let Some(table) = parse(&file, diags) else {
        seen.complete = false;
        return;
    };
    check_keys(&file, table.get_ref(), TOPIC_FIELDS, "topic", diags);
    for subtopic in array_of_tables(table.get_ref(), "subtopic") {
        check_keys(
            &file,
            subtopic.get_ref(),
            SUBTOPIC_FIELDS,
            "subtopic",
            diags,
        );
    }
    let Some(raw) = deserialize::<RawTopic>(&file, table, TOPIC_FIELDS, "topic", diags) else {
        seen.complete = false;
        return;
    };

    let mut topic = Topic {
        slug: slug.clone(),
        title: nonempty(&file, &raw.title, "title", diags),
        description: nonempty(&file, &raw.description, "description", diags),
        order: *raw.order.get_ref(),
        free: raw.free,
        free_sample: free_sample(&file, &raw, diags),
        id_prefix: raw.id_prefix.get_ref().clone(),
        icon: icon(&file, &raw.icon, diags),
        tone: tone(&file, &raw.tone, diags),
        subtopics: Vec::new(),
    };
    if !is_slug(&topic.id_prefix) {
        diags.error_with_hint(
            &file.at(raw.id_prefix.span().start),
            format!(
                "id_prefix `{}` is not a short lowercase slug",
                topic.id_prefix
            ),
            "for example \"pyf\"",
        );
    }
    if raw.subtopic.is_empty() {
        diags.error_with_hint(
            &file.start(),
            "topic has no subtopics",
            "add at least one [[subtopic]] table",
        );
    }

    let topic_index = topics.len();
    let mut declared = HashSet::new();
    for sub in &raw.subtopic {
        let sub = sub.get_ref();
        let sub_slug = sub.slug.get_ref().clone();
        let at = file.at(sub.slug.span().start);
        if !is_slug(&sub_slug) {
            diags.error_with_hint(
                &at,
                format!("subtopic slug `{sub_slug}` is not a slug"),
                "lowercase, digits, hyphens",
            );
        }
        if !declared.insert(sub_slug.clone()) {
            diags.error(&at, format!("subtopic `{sub_slug}` is declared twice"));
            continue;
        }
        let subtopic_index = topic.subtopics.len();
        topic.subtopics.push(Subtopic {
            slug: sub_slug.clone(),
            title: nonempty(&file, &sub.title, "subtopic title", diags),
            description: sub.description.get_ref().trim().to_string(),
        });
        let path = dir.join(format!("{sub_slug}.toml"));
        if !path.exists() {
            diags.error_with_hint(
                &at,
                format!("subtopic `{sub_slug}` has no question file"),
                format!("create {}", path.display()),
            );
            continue;
        }
        match load_questions(&path, topic_index, subtopic_index, questions, seen, diags) {
            Some(0) => diags.error(&at, format!("subtopic `{sub_slug}` has no questions")),
            Some(_) => {}
            None => seen.complete = false,
        }
    }

    match sorted_entries(dir) {
        Ok(entries) => {
            for path in entries {
                let name = file_name(&path);
                let declared_file = name
                    .strip_suffix(".toml")
                    .is_some_and(|stem| stem == "topic" || declared.contains(stem));
                if !declared_file {
                    diags.error_with_hint(
                        &Location {
                            path: path.clone(),
                            line: 1,
                        },
                        format!("`{name}` is not a subtopic declared in topic.toml"),
                        "declare it with a [[subtopic]] table, or move it out of the topic folder",
                    );
                }
            }
        }
        Err(err) => diags.error(
            &file.start(),
            format!("cannot list the topic folder: {err}"),
        ),
    }

    topics.push((topic, file.start()));
}

/// The icon's path data, trimmed. The app writes it into a `d="…"` attribute as it is, so only
/// the characters of SVG path data get through: no quote or angle bracket can end the attribute.
fn icon(file: &SourceFile, raw: &Spanned<String>, diags: &mut Diagnostics) -> String {
    let at = file.at(raw.span().start);
    let path = raw.get_ref().trim();
    if path.is_empty() {
        diags.error_with_hint(
            &at,
            "icon is empty",
            "draw the topic as SVG path data for a 24×24 box, for example \"M4 12h16\"",
        );
    }
    let chars = path.chars().count();
    if chars > ICON_MAX_CHARS {
        diags.error_with_hint(
            &at,
            format!("icon is {chars} characters; at most {ICON_MAX_CHARS}"),
            "simplify the drawing: fewer segments, relative commands, fewer decimals",
        );
    }
    let mut bad: Vec<char> = path.chars().filter(|&c| !is_path_data(c)).collect();
    bad.sort_unstable();
    bad.dedup();
    if !bad.is_empty() {
        let list: Vec<String> = bad.iter().map(|c| format!("`{c}`")).collect();
        diags.error_with_hint(
            &at,
            format!("icon has characters that are not SVG path data: {}", list.join(", ")),
            "write only the `d` of a <path>: commands MLHVCSQTAZ (either case), numbers, `.`, `-`, `,` and spaces",
        );
    }
    path.to_string()
}

fn is_path_data(c: char) -> bool {
    "MmLlHhVvCcSsQqTtAaZz".contains(c) || c.is_ascii_digit() || matches!(c, '.' | '-' | ',' | ' ')
}

fn tone(file: &SourceFile, raw: &Spanned<String>, diags: &mut Diagnostics) -> String {
    let tone = raw.get_ref().trim();
    if !TONES.contains(&tone) {
        let hint = match did_you_mean(tone, &TONES) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("tones are: {}", TONES.join(", ")),
        };
        diags.error_with_hint(
            &file.at(raw.span().start),
            format!("unknown tone `{tone}`"),
            hint,
        );
    }
    tone.to_string()
}

fn load_questions(
    path: &Path,
    topic: usize,
    subtopic: usize,
    questions: &mut Vec<Question>,
    seen: &mut Seen,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let file = read(path, diags)?;
    let table = parse(&file, diags)?;
    check_keys(
        &file,
        table.get_ref(),
        FILE_FIELDS,
        "a question file",
        diags,
    );
    let tables = array_of_tables(table.get_ref(), "question");
    for value in &tables {
        let id = value
            .get_ref()
            .iter()
            .find(|(k, _)| k.get_ref() == "id")
            .and_then(|(_, v)| v.get_ref().as_str());
        let what = match id {
            Some(id) => {
                seen.ids.insert(id.to_string());
                format!("question {id}")
            }
            None => "question".to_string(),
        };
        check_keys(&file, value.get_ref(), QUESTION_FIELDS, "question", diags);
        for choice in array_of_tables(value.get_ref(), "choice") {
            check_keys(&file, choice.get_ref(), CHOICE_FIELDS, "choice", diags);
        }
        for reference in array_of_tables(value.get_ref(), "references") {
            check_keys(
                &file,
                reference.get_ref(),
                REFERENCE_FIELDS,
                "reference",
                diags,
            );
        }
        if let Some(irt) = value.get_ref().iter().find(|(k, _)| k.get_ref() == "irt") {
            if let DeValue::Table(irt) = irt.1.get_ref() {
                check_keys(&file, irt, IRT_FIELDS, "irt", diags);
            }
        }
        let Some(raw) =
            deserialize::<RawQuestion>(&file, value.clone(), QUESTION_FIELDS, &what, diags)
        else {
            continue;
        };
        if let Some(question) = validate_question(&file, raw, topic, subtopic, diags) {
            questions.push(question);
        }
    }
    Some(tables.len())
}

/// The per-question rules (CONTENT.md and FORMAT.md). Corpus-wide rules live in `checks`.
fn validate_question(
    file: &SourceFile,
    raw: RawQuestion,
    topic: usize,
    subtopic: usize,
    diags: &mut Diagnostics,
) -> Option<Question> {
    let at = file.at(raw.id.span().start);
    let id = raw.id.get_ref().clone();
    let kind = match raw.kind.get_ref().as_str() {
        "single" => Kind::Single,
        "multi" => Kind::Multi,
        "true_false" => Kind::TrueFalse,
        "code_output" => Kind::CodeOutput,
        "open" => Kind::Open,
        other => {
            let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.slug()).collect();
            let hint = match did_you_mean(other, &kinds) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("kinds are: {}", kinds.join(", ")),
            };
            diags.error_with_hint(
                &file.at(raw.kind.span().start),
                format!("{id}: unknown kind `{other}`"),
                hint,
            );
            return None;
        }
    };
    let difficulty = *raw.difficulty.get_ref();
    if !(1..=5).contains(&difficulty) {
        diags.error_with_hint(
            &file.at(raw.difficulty.span().start),
            format!("{id}: difficulty {difficulty} is out of range"),
            "1 recall · 2 explain · 3 apply · 4 analyse · 5 expert",
        );
    }
    let tags = raw.tags.get_ref().clone();
    if tags.is_empty() {
        diags.error(&file.at(raw.tags.span().start), format!("{id}: no tags"));
    }
    for tag in &tags {
        if tag.trim().is_empty() || tag.chars().any(|c| c.is_uppercase()) {
            diags.error_with_hint(
                &file.at(raw.tags.span().start),
                format!("{id}: tag `{tag}` must be lowercase and non-empty"),
                "for example \"generators\"",
            );
        }
    }
    let prompt = nonempty(file, &raw.prompt, &format!("{id}: prompt"), diags);
    let raw_open = open::RawOpen {
        model_answer: raw.model_answer.as_ref(),
        key_points: raw.key_points.as_ref(),
        follow_ups: raw.follow_ups.as_ref(),
        pitfalls: raw.pitfalls.as_ref(),
        time_seconds: raw.time_seconds.as_ref(),
    };
    let level = difficulty.clamp(1, 5) as u8;
    let (explanation, open) = if kind == Kind::Open {
        if let Some(explanation) = &raw.explanation {
            diags.error_with_hint(
                &file.at(explanation.span().start),
                format!("{id}: an open question has no `explanation`"),
                "its model_answer is what the learner reads after answering",
            );
        }
        let (answer, open) =
            open::validate(file, &raw_open, &id, level, raw.id.span().start, diags);
        (answer, Some(open))
    } else {
        for field in raw_open.present() {
            diags.error_with_hint(
                &at,
                format!("{id}: `{field}` belongs to open questions only"),
                "write kind = \"open\", or drop the field",
            );
        }
        let explanation = match &raw.explanation {
            Some(text) => nonempty(file, text, &format!("{id}: explanation"), diags),
            None => {
                diags.error_with_hint(
                    &at,
                    format!("{id}: no `explanation`"),
                    "explain the right answer and the idea behind it",
                );
                String::new()
            }
        };
        (explanation, None)
    };

    let lang = raw
        .code_lang
        .as_ref()
        .map_or("python".to_string(), |l| l.get_ref().clone());
    if let Some(l) = &raw.code_lang {
        if !CODE_LANGS.contains(&l.get_ref().as_str()) {
            diags.error_with_hint(
                &file.at(l.span().start),
                format!("{id}: unknown code_lang `{}`", l.get_ref()),
                format!("languages are: {}", CODE_LANGS.join(", ")),
            );
        }
    }
    let code = raw.code.as_ref().map(|c| Code {
        lang: lang.clone(),
        text: c.get_ref().trim_end().to_string(),
    });
    if let Some(c) = &raw.code {
        if c.get_ref().trim().is_empty() {
            diags.error(&file.at(c.span().start), format!("{id}: code is empty"));
        }
    }
    if let (Some(raw_code), Some(code)) = (&raw.code, &code) {
        let first_line = first_value_line(file, raw_code.span().start);
        for (i, width) in code.lines_over_phone_width() {
            diags.warning_with_hint(
                &Location {
                    path: file.path.clone(),
                    line: first_line + i,
                },
                format!("{id}: code line is {width} characters, wider than a phone shows ({PHONE_CODE_COLUMNS})"),
                "break it into shorter lines; the app wraps a longer one with a marker",
            );
        }
    }

    let mut irt_a = None;
    let mut irt_b = None;
    let mut irt_b_sd = None;
    if let Some(irt) = &raw.irt {
        let here = file.at(irt.span().start);
        if let Some(a) = irt.get_ref().a {
            if !(a > 0.0 && a <= 4.0) {
                diags.error_with_hint(
                    &here,
                    format!("{id}: irt.a = {a} is out of range"),
                    "discrimination is in (0, 4]",
                );
            }
            irt_a = Some(a as f32);
        }
        if let Some(b) = irt.get_ref().b {
            if !(-5.0..=5.0).contains(&b) {
                diags.error_with_hint(
                    &here,
                    format!("{id}: irt.b = {b} is out of range"),
                    "difficulty is in [-5, 5] logits",
                );
            }
            irt_b = Some(b as f32);
        }
        if let Some(sd) = irt.get_ref().sd {
            if irt_b.is_none() {
                diags.error_with_hint(
                    &here,
                    format!("{id}: irt.sd without irt.b"),
                    "sd is the standard error of an authored difficulty: give b with it",
                );
            } else if !(sd > 0.0 && sd <= engine::MAX_DIFFICULTY_SD) {
                diags.error_with_hint(
                    &here,
                    format!("{id}: irt.sd = {sd} is out of range"),
                    format!(
                        "the standard error of b in logits, above 0 and at most {}",
                        engine::MAX_DIFFICULTY_SD
                    ),
                );
            }
            irt_b_sd = Some(sd as f32);
        }
    }

    let choices = match kind {
        Kind::TrueFalse => true_false_choices(file, &raw, &id, diags),
        Kind::Open => {
            if raw.choice.is_some() || raw.answer.is_some() || raw.why_wrong.is_some() {
                diags.error_with_hint(
                    &at,
                    format!("{id}: an open question has no options"),
                    "the learner answers out loud and ticks key_points; drop choice, answer and why_wrong",
                );
            }
            Vec::new()
        }
        _ => authored_choices(file, &raw, kind, &id, diags),
    };
    if kind == Kind::CodeOutput {
        match &code {
            None => diags.error_with_hint(
                &at,
                format!("{id}: code_output needs `code`"),
                "add the program whose output is asked",
            ),
            Some(c) if c.lang != "python" => diags.error_with_hint(
                &at,
                format!(
                    "{id}: code_output snippets must be python (got `{}`)",
                    c.lang
                ),
                "the build runs them with python3 to check the answer",
            ),
            _ => {}
        }
    }

    let references = references(file, &raw.references, &id, diags);
    let as_of = dated(file, &raw, &id, diags);
    Some(Question {
        id,
        topic,
        subtopic,
        kind,
        difficulty: difficulty.clamp(1, 5) as u8,
        tags,
        prompt,
        code,
        explanation,
        references,
        free: raw.free,
        irt_a,
        irt_b,
        irt_b_sd,
        choices,
        open,
        as_of,
        location: at,
    })
}

/// `as_of` and `rechecked` (see `dated`): well-formed, in order, not in the future, and not older
/// than the horizon.
fn dated(
    file: &SourceFile,
    raw: &RawQuestion,
    id: &str,
    diags: &mut Diagnostics,
) -> Option<YearMonth> {
    let month = |field: &Spanned<String>, name: &str, diags: &mut Diagnostics| {
        let parsed = YearMonth::parse(field.get_ref());
        if parsed.is_none() {
            diags.error_with_hint(
                &file.at(field.span().start),
                format!("{id}: {name} `{}` is not a month", field.get_ref()),
                "write it as \"YYYY-MM\", e.g. \"2026-11\"",
            );
        }
        parsed
    };
    let as_of = month(raw.as_of.as_ref()?, "as_of", diags)?;
    let rechecked = match &raw.rechecked {
        Some(field) => Some(month(field, "rechecked", diags)?),
        None => None,
    };
    let here = file.at(raw.as_of.as_ref()?.span().start);
    let today = YearMonth::today();
    let checked = rechecked.unwrap_or(as_of);
    if let Some(r) = rechecked.filter(|&r| r < as_of) {
        diags.error_with_hint(
            &here,
            format!("{id}: rechecked {r} is before as_of {as_of}"),
            "rechecked is the month the facts were last confirmed, on or after as_of",
        );
    } else if today.months_until(checked) > 0 {
        diags.error_with_hint(
            &here,
            format!("{id}: {checked} is a month still to come"),
            "date a fact by the month it was checked",
        );
    } else if checked.months_until(today) > AS_OF_HORIZON_MONTHS {
        diags.error_with_hint(
            &here,
            format!(
                "{id}: its facts date from {checked}, more than {AS_OF_HORIZON_MONTHS} months ago"
            ),
            "check them again, correct what changed, then write rechecked = \"YYYY-MM\" (this month)",
        );
    }
    Some(as_of)
}

/// The file line of the first line of a string value whose literal starts at `start`. A
/// multi-line literal (`"""` or `'''`) drops a newline right after its opening quotes, so its
/// value starts on the next line; every later value line is one file line (code blocks use no
/// line-ending backslashes, which would join lines).
fn first_value_line(file: &SourceFile, start: usize) -> usize {
    let literal = &file.text[start..];
    let after_quotes = literal
        .strip_prefix("\"\"\"")
        .or_else(|| literal.strip_prefix("'''"));
    let skips_newline =
        after_quotes.is_some_and(|rest| rest.starts_with('\n') || rest.starts_with("\r\n"));
    file.line_of(start) + usize::from(skips_newline)
}

/// References with a trimmed, non-empty title, and an address only where it is a web address:
/// the app makes it a link, so `javascript:`, `file:` or a bare host name must never get there.
fn references(
    file: &SourceFile,
    raw: &[Spanned<RawReference>],
    id: &str,
    diags: &mut Diagnostics,
) -> Vec<Reference> {
    let mut references = Vec::new();
    for reference in raw {
        let here = file.at(reference.span().start);
        let (title, url) = match reference.get_ref() {
            RawReference::Title(title) => (title.trim(), None),
            RawReference::Linked { title, url } => (title.trim(), Some(url.trim())),
        };
        if title.is_empty() {
            diags.error_with_hint(
                &here,
                format!("{id}: a reference has no title"),
                "name the source, for example \"PEP 484 – Type Hints\"",
            );
        }
        if let Some(url) = url.filter(|url| !is_web_address(url)) {
            diags.error_with_hint(
                &here,
                format!("{id}: reference url `{url}` is not an http(s) address"),
                "write the full address, starting with https:// (or http://), with no spaces, quotes or angle brackets",
            );
        }
        references.push(Reference {
            title: title.to_string(),
            url: url.filter(|url| is_web_address(url)).map(str::to_string),
        });
    }
    references
}

/// `http://` or `https://`, a host, and nothing that could end an HTML attribute.
pub fn is_web_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
        })
}

fn true_false_choices(
    file: &SourceFile,
    raw: &RawQuestion,
    id: &str,
    diags: &mut Diagnostics,
) -> Vec<Choice> {
    let at = file.at(raw.id.span().start);
    if let Some(choice) = raw.choice.as_ref().and_then(|c| c.first()) {
        diags.error_with_hint(
            &file.at(choice.span().start),
            format!("{id}: true_false questions take `answer`, not choices"),
            "write answer = true (or false) and why_wrong = \"…\"",
        );
    }
    let Some(answer) = &raw.answer else {
        diags.error_with_hint(
            &at,
            format!("{id}: true_false question has no `answer`"),
            "answer = true or false",
        );
        return Vec::new();
    };
    let why_wrong = match &raw.why_wrong {
        Some(w) if !w.get_ref().trim().is_empty() => w.get_ref().trim().to_string(),
        _ => {
            diags.error_with_hint(
                &at,
                format!("{id}: distractor has no rationale (`why_wrong`)"),
                "one line on why the other answer is wrong",
            );
            String::new()
        }
    };
    let answer = *answer.get_ref();
    vec![
        Choice {
            text: "True".into(),
            correct: answer,
            why: if answer {
                String::new()
            } else {
                why_wrong.clone()
            },
        },
        Choice {
            text: "False".into(),
            correct: !answer,
            why: if answer { why_wrong } else { String::new() },
        },
    ]
}

fn authored_choices(
    file: &SourceFile,
    raw: &RawQuestion,
    kind: Kind,
    id: &str,
    diags: &mut Diagnostics,
) -> Vec<Choice> {
    let at = file.at(raw.id.span().start);
    for (field, present) in [
        ("answer", raw.answer.is_some()),
        ("why_wrong", raw.why_wrong.is_some()),
    ] {
        if present {
            diags.error_with_hint(
                &at,
                format!("{id}: `{field}` belongs to true_false questions only"),
                "give the options as [[question.choice]] tables",
            );
        }
    }
    let raw_choices = raw.choice.as_deref().unwrap_or_default();
    let mut choices = Vec::new();
    let mut seen = HashSet::new();
    for choice in raw_choices {
        let here = file.at(choice.span().start);
        let c = choice.get_ref();
        let text = if kind == Kind::CodeOutput {
            c.text.trim_end().to_string()
        } else {
            c.text.trim().to_string()
        };
        if text.is_empty() {
            diags.error(&here, format!("{id}: a choice has empty text"));
        }
        if !seen.insert(text.clone()) {
            diags.error(
                &here,
                format!("{id}: two choices have the same text `{text}`"),
            );
        }
        let why = c.why.as_deref().unwrap_or("").trim().to_string();
        if !c.correct && why.is_empty() {
            diags.error_with_hint(
                &here,
                format!("{id}: distractor has no rationale (`why`)"),
                "one line naming the misconception this option represents",
            );
        }
        choices.push(Choice {
            text,
            correct: c.correct,
            why,
        });
    }
    let correct = choices.iter().filter(|c| c.correct).count();
    let distractors = choices.len() - correct;
    match kind {
        Kind::Open => {}
        Kind::Single | Kind::CodeOutput => {
            if correct != 1 {
                diags.error_with_hint(
                    &at,
                    format!("{id}: {} question has {correct} correct choices; it needs exactly 1", kind.slug()),
                    "mark exactly one choice with correct = true (use kind = \"multi\" for several)",
                );
            }
            if distractors < 3 {
                diags.error_with_hint(
                    &at,
                    format!(
                        "{id}: {distractors} distractors; a {} question needs at least 3",
                        kind.slug()
                    ),
                    "add plausible wrong options, each with its why",
                );
            }
        }
        Kind::Multi => {
            if correct < 2 {
                diags.error_with_hint(
                    &at,
                    format!(
                        "{id}: multi question has {correct} correct choices; it needs at least 2"
                    ),
                    "use kind = \"single\" for one correct option",
                );
            }
            if distractors < 1 {
                diags.error(&at, format!("{id}: multi question has no distractor"));
            }
            if !(4..=6).contains(&choices.len()) {
                diags.error(
                    &at,
                    format!(
                        "{id}: multi question has {} choices; it needs 4 to 6",
                        choices.len()
                    ),
                );
            }
        }
        Kind::TrueFalse => unreachable!("true/false choices are built from `answer`"),
    }
    choices
}
