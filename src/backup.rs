//! Backups: the whole event log as one versioned JSON file, and a strict reader for it.
//!
//! Reading is raw → validated: [`parse`] accepts only a file this app (or an older one) wrote,
//! within [`MAX_BYTES`], and says exactly what is wrong otherwise; it never panics (a proptest
//! fuzzes it natively). Merging is by event id, so importing a file twice changes nothing.

use engine::{Event, EVENT_VERSION};

use crate::base64;

/// The `format` field of every backup.
pub const FORMAT: &str = "prepwise-backup";
/// The backup schema this app writes.
pub const VERSION: u32 = 1;
/// Larger files are refused before parsing (a year of daily practice is well under 5 MB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// Why a file is not a backup we can import. Nothing is changed when any of these occurs.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// Occurs when the file is larger than [`MAX_BYTES`].
    TooLarge(usize),
    /// Occurs when the file is not JSON of the backup's shape (truncated, edited, another file).
    Malformed(String),
    /// Occurs when the JSON is not a Prepwise backup at all.
    NotABackup,
    /// Occurs when the backup was written by a newer app.
    NewerVersion(u32),
    /// Occurs when an event is impossible (a date before 2000 or a schema we do not know).
    InvalidEvent(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::TooLarge(n) => write!(
                f,
                "the file is too large ({} MB; a backup is at most {} MB)",
                n / 1_048_576,
                MAX_BYTES / 1_048_576
            ),
            ImportError::Malformed(why) => {
                write!(f, "the file is damaged or not a Prepwise backup ({why})")
            }
            ImportError::NotABackup => write!(f, "this is not a Prepwise backup file"),
            ImportError::NewerVersion(v) => {
                write!(f, "the backup comes from a newer version of Prepwise (format {v}); update the app first")
            }
            ImportError::InvalidEvent(why) => {
                write!(f, "the backup holds an impossible entry ({why})")
            }
        }
    }
}

/// The log as a backup file: a small JSON object whose `events` field is the log in the same
/// binary encoding as IndexedDB (postcard), base64-encoded. A JSON parser for the events
/// themselves would cost ~20 KB of brotli'd wasm; this costs almost nothing.
pub fn export(events: &[Event], now_ms: i64) -> String {
    let bytes = postcard::to_allocvec(events).expect("events always serialize");
    format!(
        r#"{{"format":"{FORMAT}","version":{VERSION},"exported_at_ms":{now_ms},"count":{},"events":"{}"}}"#,
        events.len(),
        base64::encode(&bytes)
    )
}

/// A validated backup's events.
pub fn parse(bytes: &[u8]) -> Result<Vec<Event>, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::Malformed("not text".into()))?;
    let fields = flat_object(text)?;
    let get = |key: &str| fields.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    match get("format") {
        Some(Json::Str(format)) if format == FORMAT => {}
        _ => return Err(ImportError::NotABackup),
    }
    for (key, _) in &fields {
        if !["format", "version", "exported_at_ms", "count", "events"].contains(&key.as_str()) {
            return Err(ImportError::Malformed(format!(
                "unknown field `{}`",
                short(key)
            )));
        }
    }
    let number = |key: &str| match get(key) {
        Some(Json::Num(n)) => Ok(*n),
        _ => Err(ImportError::Malformed(format!(
            "`{key}` is missing or not a number"
        ))),
    };
    let version = number("version")?;
    if version > i64::from(VERSION) {
        return Err(ImportError::NewerVersion(
            version.clamp(0, i64::from(u32::MAX)) as u32,
        ));
    }
    if version < 1 {
        return Err(ImportError::Malformed(format!(
            "unknown backup version {version}"
        )));
    }
    number("exported_at_ms")?;
    let count = number("count")?;
    let Some(Json::Str(encoded)) = get("events") else {
        return Err(ImportError::Malformed("`events` is missing".into()));
    };
    let raw = base64::decode(encoded)
        .ok_or_else(|| ImportError::Malformed("`events` is not base64".into()))?;
    let events: Vec<Event> = postcard::from_bytes(&raw)
        .map_err(|_| ImportError::Malformed("the events are damaged".into()))?;
    if events.len() as i64 != count {
        return Err(ImportError::Malformed(format!(
            "{} events where the file says {count}",
            events.len()
        )));
    }
    const YEAR_2000_MS: i64 = 946_684_800_000;
    for event in &events {
        if event.at_ms < YEAR_2000_MS {
            return Err(ImportError::InvalidEvent(format!(
                "an entry dated before 2000 (id {:x})",
                event.id.0
            )));
        }
        if event.version == 0 || event.version > EVENT_VERSION {
            return Err(ImportError::InvalidEvent(format!(
                "an entry of schema {} (id {:x})",
                event.version, event.id.0
            )));
        }
    }
    Ok(events)
}

/// A JSON value of the backup's top level.
#[derive(Debug, PartialEq)]
enum Json {
    Str(String),
    Num(i64),
}

/// Parses a flat JSON object of strings and integers (the backup's whole shape), strictly.
fn flat_object(text: &str) -> Result<Vec<(String, Json)>, ImportError> {
    let bad = |why: &str| ImportError::Malformed(why.to_string());
    let mut chars = text.trim().chars().peekable();
    if chars.next() != Some('{') {
        return Err(ImportError::NotABackup);
    }
    let mut fields = Vec::new();
    loop {
        skip_ws(&mut chars);
        if fields.is_empty() && chars.peek() == Some(&'}') {
            chars.next();
            break;
        }
        if chars.next() != Some('"') {
            return Err(bad("expected a field name"));
        }
        let key = string_body(&mut chars).ok_or_else(|| bad("unterminated field name"))?;
        skip_ws(&mut chars);
        if chars.next() != Some(':') {
            return Err(bad("expected `:`"));
        }
        skip_ws(&mut chars);
        let value = match chars.peek() {
            Some('"') => {
                chars.next();
                Json::Str(string_body(&mut chars).ok_or_else(|| bad("unterminated text"))?)
            }
            Some(c) if *c == '-' || c.is_ascii_digit() => {
                let mut digits = String::new();
                while let Some(&c) = chars.peek() {
                    if c == '-' || c.is_ascii_digit() {
                        digits.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                Json::Num(
                    digits
                        .parse()
                        .map_err(|_| bad("a number is out of range"))?,
                )
            }
            _ => return Err(bad("a value is neither text nor a whole number")),
        };
        if fields.iter().any(|(k, _)| *k == key) {
            return Err(bad("a field appears twice"));
        }
        fields.push((key, value));
        skip_ws(&mut chars);
        match chars.next() {
            Some(',') => continue,
            Some('}') => break,
            _ => return Err(bad("expected `,` or `}` (the file may be cut short)")),
        }
    }
    skip_ws(&mut chars);
    if chars.next().is_some() {
        return Err(bad("text after the end of the backup"));
    }
    Ok(fields)
}

fn skip_ws(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars.peek().is_some_and(|c| c.is_whitespace()) {
        chars.next();
    }
}

/// The rest of a JSON string after its opening quote, unescaped.
fn string_body(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    let mut out = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                '/' => out.push('/'),
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
}

/// The events of `imported` that `current` lacks (by id): what an import adds.
pub fn new_events(current: &[Event], imported: &[Event]) -> Vec<Event> {
    let known: std::collections::HashSet<_> = current.iter().map(|e| e.id).collect();
    let mut seen = std::collections::HashSet::new();
    imported
        .iter()
        .filter(|e| !known.contains(&e.id) && seen.insert(e.id))
        .cloned()
        .collect()
}

fn short(message: &str) -> String {
    message.chars().take(120).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::storage::contract::sample_event;
    use proptest::prelude::*;

    const NOW: i64 = 1_764_000_000_000;

    #[test]
    fn an_export_reads_back_identically() {
        let events = vec![sample_event(1, NOW), sample_event(2, NOW + 1)];
        assert_eq!(parse(export(&events, NOW).as_bytes()), Ok(events));
    }

    #[test]
    fn an_open_answer_travels_with_its_ticked_points() {
        let mut open = sample_event(3, NOW + 2);
        if let engine::EventBody::Answered(answer) = &mut open.body {
            answer.question = "pyf-501".into();
            answer.response = engine::Response::Covered(vec![0, 2, 3]);
        }
        let events = vec![sample_event(1, NOW), open];
        assert_eq!(parse(export(&events, NOW).as_bytes()), Ok(events));
    }

    #[test]
    fn bad_files_get_a_precise_error() {
        let good = export(&[sample_event(1, NOW)], NOW);
        assert!(
            matches!(
                parse(&good.as_bytes()[..good.len() / 2]),
                Err(ImportError::Malformed(_))
            ),
            "truncated"
        );
        assert_eq!(
            parse(br#"{"hello": "world"}"#),
            Err(ImportError::NotABackup)
        );
        assert_eq!(parse(br#"[1, 2, 3]"#), Err(ImportError::NotABackup));
        assert_eq!(
            parse(good.replace("prepwise-backup", "other-app").as_bytes()),
            Err(ImportError::NotABackup)
        );
        assert_eq!(
            parse(
                good.replace("\"version\":1,\"exported", "\"version\":9,\"exported")
                    .as_bytes()
            ),
            Err(ImportError::NewerVersion(9))
        );
        assert!(
            matches!(
                parse(
                    good.replace("\"exported_at_ms\"", "\"extra\":1,\"exported_at_ms\"")
                        .as_bytes()
                ),
                Err(ImportError::Malformed(_))
            ),
            "unknown fields"
        );
        assert_eq!(
            parse(&vec![b' '; MAX_BYTES + 1]),
            Err(ImportError::TooLarge(MAX_BYTES + 1))
        );
        let ancient = export(&[sample_event(1, 5)], NOW);
        assert!(matches!(
            parse(ancient.as_bytes()),
            Err(ImportError::InvalidEvent(_))
        ));
    }

    #[test]
    fn importing_twice_adds_nothing_the_second_time() {
        let current = vec![sample_event(1, NOW)];
        let imported = vec![
            sample_event(1, NOW),
            sample_event(2, NOW),
            sample_event(2, NOW),
        ];
        assert_eq!(new_events(&current, &imported), vec![sample_event(2, NOW)]);
        let after: Vec<Event> = current
            .iter()
            .cloned()
            .chain(new_events(&current, &imported))
            .collect();
        assert!(new_events(&after, &imported).is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn any_bytes_are_refused_or_read_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn mutated_backups_never_panic(cut in 0usize..300, flip in 0usize..300, byte in any::<u8>()) {
            let mut text = export(&[sample_event(1, NOW), sample_event(2, NOW + 5)], NOW).into_bytes();
            let at = flip % text.len();
            text[at] = byte;
            text.truncate(text.len().saturating_sub(cut));
            let _ = parse(&text);
        }
    }

    /// Files as each past backup version wrote them (`tests/fixtures/backup-v<N>.json`, never
    /// regenerated): every one must still import, to the events it held.
    const FIXTURES: [&str; super::VERSION as usize] =
        [include_str!("../tests/fixtures/backup-v1.json")];

    #[test]
    fn backups_of_every_past_version_still_import() {
        let expected = [crate::storage::contract::v1_events()];
        for (version, (fixture, want)) in FIXTURES.iter().zip(expected).enumerate() {
            assert_eq!(
                parse(fixture.as_bytes()),
                Ok(want),
                "backup format v{}",
                version + 1
            );
        }
    }
}
