//! How an event is stored: its version and id in the clear (so a record can be recognised even
//! when its body cannot be read), and the event itself as postcard bytes.

use engine::{Event, EVENT_VERSION};

/// The outcome of reading one stored record.
#[derive(Clone, Debug, PartialEq)]
pub enum Decoded {
    Event(Event),
    /// Written by a newer app: keep it, do not apply it.
    Newer,
    /// Damaged or foreign: quarantine it.
    Unreadable,
}

/// An event's key wherever it is stored (IndexedDB, the journal): its id as 16 hex digits.
pub fn event_key(event: &Event) -> String {
    format!("{:016x}", event.id.0)
}

pub fn encode_event(event: &Event) -> Vec<u8> {
    postcard::to_allocvec(event).expect("an event always serializes")
}

pub fn decode_event(version: u16, bytes: &[u8]) -> Decoded {
    match postcard::from_bytes::<Event>(bytes) {
        Ok(event) if event.version <= EVENT_VERSION => Decoded::Event(event),
        Ok(_) => Decoded::Newer,
        Err(_) if version > EVENT_VERSION => Decoded::Newer,
        Err(_) => Decoded::Unreadable,
    }
}

/// Records exactly as each past schema version wrote them, one fixture per version
/// (`tests/fixtures/events-v<N>.txt`: `<version> <base64 postcard>` per line). A fixture is the
/// past: it is never regenerated. When [`EVENT_VERSION`] grows, add the new version's fixture,
/// keep the old ones, and make [`decode_event`] migrate them (the tests below must still pass).
#[cfg(test)]
const FIXTURES: [&str; EVENT_VERSION as usize] =
    [include_str!("../../tests/fixtures/events-v1.txt")];

#[cfg(test)]
mod tests {
    use engine::EVENT_VERSION;

    use super::super::contract::v1_events;
    use super::{decode_event, encode_event, Decoded, FIXTURES};

    fn records(fixture: &str) -> Vec<(u16, Vec<u8>)> {
        fixture
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(|line| {
                let (version, data) = line.split_once(' ').expect("`<version> <base64>`");
                let bytes = crate::base64::decode(data.trim()).expect("base64");
                (version.parse().expect("a version number"), bytes)
            })
            .collect()
    }

    #[test]
    fn records_of_every_past_version_still_read() {
        let expected = [v1_events()];
        for (version, (fixture, want)) in FIXTURES.iter().zip(expected).enumerate() {
            let read: Vec<Decoded> = records(fixture)
                .into_iter()
                .map(|(v, bytes)| {
                    assert_eq!(
                        usize::from(v),
                        version + 1,
                        "fixture v{} holds a v{v} record",
                        version + 1
                    );
                    decode_event(v, &bytes)
                })
                .collect();
            let want: Vec<Decoded> = want.into_iter().map(Decoded::Event).collect();
            assert_eq!(read, want, "records of schema v{}", version + 1);
        }
    }

    #[test]
    fn this_version_writes_exactly_its_fixture() {
        // While EVENT_VERSION is 1 the writer must produce the v1 bytes: a change to the event
        // types that alters them is a new schema version, not a silent edit.
        let fixture = records(FIXTURES[usize::from(EVENT_VERSION) - 1]);
        let written: Vec<(u16, Vec<u8>)> = v1_events()
            .iter()
            .map(|e| (e.version, encode_event(e)))
            .collect();
        assert_eq!(written, fixture);
    }

    #[test]
    fn newer_and_damaged_records_are_told_apart() {
        let (_, bytes) = records(FIXTURES[0]).remove(0);
        assert_eq!(
            decode_event(EVENT_VERSION + 1, &[0xff, 0xff]),
            Decoded::Newer
        );
        assert_eq!(decode_event(1, &[0xff, 0xff]), Decoded::Unreadable);
        assert_eq!(
            decode_event(1, &bytes[..bytes.len() - 3]),
            Decoded::Unreadable
        );
    }
}
