//! The pending-answer journal: every event is written to localStorage synchronously, before its
//! IndexedDB transaction starts, and removed once that transaction has committed. IndexedDB
//! writes are asynchronous: a reload, a closed tab or a killed app between the answer and the
//! commit would lose the answer. localStorage writes are synchronous, so an answer the learner saw
//! recorded survives all of these; the next start moves what the journal holds into the log.
//!
//! One localStorage entry per event (`prepwise.pending.<event key>`), so two tabs never overwrite
//! each other's entries. The value is `<schema version>:<base64 of the postcard event>`.

use engine::Event;

use super::codec::{decode_event, encode_event, event_key, Decoded};
use crate::base64;
use crate::platform::local_storage;

const PREFIX: &str = "prepwise.pending.";

/// The localStorage key of an event's entry.
pub fn key(event: &Event) -> String {
    format!("{PREFIX}{}", event_key(event))
}

/// The localStorage value of an event's entry.
pub fn encode(event: &Event) -> String {
    format!("{}:{}", event.version, base64::encode(&encode_event(event)))
}

/// Reads an entry back.
pub fn decode(value: &str) -> Decoded {
    let Some((version, data)) = value.split_once(':') else {
        return Decoded::Unreadable;
    };
    match (version.parse::<u16>(), base64::decode(data)) {
        (Ok(version), Some(bytes)) => decode_event(version, &bytes),
        _ => Decoded::Unreadable,
    }
}

/// Writes an event's entry. When localStorage refuses it (full, or unavailable) the event still
/// has its IndexedDB write and the in-memory retry; only the reload guard is missing.
pub fn write(event: &Event) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(&key(event), &encode(event));
    }
}

/// Removes an event's entry (its IndexedDB write has committed).
pub fn remove(event: &Event) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&key(event));
    }
}

/// Removes every entry (the learner reset their progress).
pub fn clear() {
    let Some(storage) = local_storage() else {
        return;
    };
    for key in keys(&storage) {
        let _ = storage.remove_item(&key);
    }
}

fn keys(storage: &web_sys::Storage) -> Vec<String> {
    let len = storage.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect()
}

/// Every readable event in the journal. Entries that cannot be read, or were written by a newer
/// version, are left where they are: nothing is deleted that was not saved elsewhere.
pub fn read_all() -> Vec<Event> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    keys(&storage)
        .into_iter()
        .filter_map(|key| match decode(&storage.get_item(&key).ok()??) {
            Decoded::Event(event) => Some(event),
            Decoded::Newer | Decoded::Unreadable => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use engine::{Event, EventBody, EventId, LocalDate, EVENT_VERSION};

    use super::{decode, encode, key, Decoded};

    fn event() -> Event {
        Event {
            version: EVENT_VERSION,
            id: EventId(0xfeed),
            at_ms: 1_764_000_000_000,
            local_date: LocalDate::from_utc_ms(1_764_000_000_000, 60),
            body: EventBody::Bookmarked {
                question: "pyf-001".into(),
                on: true,
            },
        }
    }

    #[test]
    fn an_entry_round_trips() {
        let event = event();
        assert_eq!(key(&event), "prepwise.pending.000000000000feed");
        assert_eq!(decode(&encode(&event)), Decoded::Event(event));
    }

    #[test]
    fn damaged_entries_are_unreadable_and_newer_ones_are_recognised() {
        assert_eq!(decode(""), Decoded::Unreadable);
        assert_eq!(decode("1:not base64!"), Decoded::Unreadable);
        assert_eq!(decode("x:AAAA"), Decoded::Unreadable);
        assert_eq!(decode("1:/w=="), Decoded::Unreadable);
        assert_eq!(decode("999:/w=="), Decoded::Newer);
    }
}
