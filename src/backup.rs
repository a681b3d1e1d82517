//! Backups: the whole event log as one versioned JSON file, and a strict reader for it.
//!
//! Reading is raw → validated: [`parse`] accepts only a file this app (or an older one) wrote,
//! within [`MAX_BYTES`], and says exactly what is wrong otherwise; it never panics (a proptest
//! fuzzes it natively). Merging is by event id, so importing a file twice changes nothing.

use engine::{Event, EVENT_VERSION};
use serde::{Deserialize, Serialize};

/// The `format` field of every backup.
pub const FORMAT: &str = "prepwise-backup";
/// The backup schema this app writes.
pub const VERSION: u32 = 1;
/// Larger files are refused before parsing (a year of daily practice is well under 5 MB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

#[derive(Serialize)]
struct BackupOut<'a> {
    format: &'static str,
    version: u32,
    exported_at_ms: i64,
    events: &'a [Event],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupIn {
    format: String,
    version: u32,
    exported_at_ms: i64,
    events: Vec<Event>,
}

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
            ImportError::TooLarge(n) => write!(f, "the file is too large ({} MB; a backup is at most {} MB)", n / 1_048_576, MAX_BYTES / 1_048_576),
            ImportError::Malformed(why) => write!(f, "the file is damaged or not a Prepwise backup ({why})"),
            ImportError::NotABackup => write!(f, "this is not a Prepwise backup file"),
            ImportError::NewerVersion(v) => write!(f, "the backup comes from a newer version of Prepwise (format {v}); update the app first"),
            ImportError::InvalidEvent(why) => write!(f, "the backup holds an impossible entry ({why})"),
        }
    }
}

/// The log as a backup file.
pub fn export(events: &[Event], now_ms: i64) -> String {
    let backup = BackupOut {
        format: FORMAT,
        version: VERSION,
        exported_at_ms: now_ms,
        events,
    };
    serde_json::to_string(&backup).expect("events always serialize")
}

/// A validated backup's events.
pub fn parse(bytes: &[u8]) -> Result<Vec<Event>, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    let raw: BackupIn = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_data() || e.is_syntax() || e.is_eof() {
            // A JSON object without our fields is "not a backup"; anything else is damage.
            if serde_json::from_slice::<serde_json::Value>(bytes)
                .is_ok_and(|v| v.get("format").is_none())
            {
                return ImportError::NotABackup;
            }
        }
        ImportError::Malformed(short(&e.to_string()))
    })?;
    if raw.format != FORMAT {
        return Err(ImportError::NotABackup);
    }
    if raw.version > VERSION {
        return Err(ImportError::NewerVersion(raw.version));
    }
    let _ = raw.exported_at_ms;
    const YEAR_2000_MS: i64 = 946_684_800_000;
    for event in &raw.events {
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
    Ok(raw.events)
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

#[cfg(test)]
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
}
