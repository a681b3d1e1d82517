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
