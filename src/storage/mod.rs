//! Where learner progress lives. The event log is the truth (see the engine); this module
//! stores it durably and reads it back, keeping anything it cannot read aside instead of
//! dropping it.
//!
//! [`Store`] is an enum rather than a trait object: two backends, no `dyn` over async.
//! - [`Store::Idb`]: IndexedDB, one write transaction per answer (or per batch: an import).
//! - [`Store::Memory`]: in memory, used natively in tests and when IndexedDB is unavailable
//!   (a private window that refuses it): the app still works, and says progress will not last.
//!
//! In front of either, [`journal`] keeps each event in localStorage from the moment it is
//! recorded until the store has it, so an answer survives a reload that beats its transaction.

mod codec;
#[doc(hidden)]
pub mod contract;
mod idb;
pub mod journal;
mod memory;

use engine::Event;

pub use codec::{decode_event, encode_event, Decoded};
pub use idb::IdbStore;
pub use memory::MemoryStore;

/// A storage failure, with the browser's message.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// Occurs when the database cannot be opened at all.
    Unavailable(String),
    /// Occurs when the browser refuses a write because the origin is out of space.
    QuotaExceeded,
    /// Occurs when a newer version of the app, open in another tab, upgraded the database: this
    /// tab's connection closed for it.
    Superseded,
    /// Occurs when a read or write fails for another reason.
    Failed(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable(why) => write!(f, "storage is unavailable: {why}"),
            StoreError::QuotaExceeded => {
                write!(f, "the device is out of storage space for this site")
            }
            StoreError::Superseded => write!(
                f,
                "a newer version of Prepwise opened in another tab; reload this tab to keep saving"
            ),
            StoreError::Failed(why) => write!(f, "storage failed: {why}"),
        }
    }
}

/// What was read back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// Every readable event, oldest first.
    pub events: Vec<Event>,
    /// Records written by a newer version of the app: kept as they are, not applied.
    pub newer: usize,
    /// Records that could not be read: moved aside (never deleted), and counted here.
    pub quarantined: usize,
    /// How many of `events` came from the snapshot rather than from their own records.
    pub from_snapshot: usize,
}

/// A start that read at least this many records one by one writes a new snapshot.
pub const SNAPSHOT_AFTER: usize = 50;

impl Loaded {
    /// Whether enough was read record by record that the next start should have a new snapshot.
    pub fn wants_snapshot(&self) -> bool {
        self.events.len() - self.from_snapshot >= SNAPSHOT_AFTER
    }
}

/// The learner's store.
#[derive(Clone)]
pub enum Store {
    Idb(IdbStore),
    Memory(MemoryStore),
}

impl Store {
    /// Opens IndexedDB, or falls back to memory (with the reason) when the browser refuses it.
    /// `on_blocked` runs if an older version of the app, open in another tab, holds the database
    /// and the upgrade waits for that tab to close.
    pub async fn open(on_blocked: impl Fn() + 'static) -> (Store, Option<StoreError>) {
        match IdbStore::open(idb::DATABASE, on_blocked).await {
            Ok(store) => (Store::Idb(store), None),
            Err(err) => (Store::Memory(MemoryStore::default()), Some(err)),
        }
    }

    pub fn is_durable(&self) -> bool {
        matches!(self, Store::Idb(_))
    }

    pub async fn load(&self) -> Result<Loaded, StoreError> {
        match self {
            Store::Idb(store) => store.load().await,
            Store::Memory(store) => Ok(store.load()),
        }
    }

    /// Appends one event in one transaction; resolves once it is durable.
    pub async fn append(&self, event: &Event) -> Result<(), StoreError> {
        self.append_all(std::slice::from_ref(event)).await
    }

    /// Appends events in one transaction (all or none); resolves once they are durable.
    pub async fn append_all(&self, events: &[Event]) -> Result<(), StoreError> {
        match self {
            Store::Idb(store) => store.append_all(events).await,
            Store::Memory(store) => store.append_all(events),
        }
    }

    /// Records `events` (all readable ones just loaded, `newer` unreadable-but-newer records
    /// besides) as the snapshot the next start reads in one piece.
    pub async fn write_snapshot(&self, events: &[Event], newer: usize) -> Result<(), StoreError> {
        match self {
            Store::Idb(store) => store.write_snapshot(events, newer).await,
            // Nothing to speed up: memory is read in one piece anyway.
            Store::Memory(_) => Ok(()),
        }
    }

    /// Deletes every event and all state (the learner asked to reset their progress).
    pub async fn clear(&self) -> Result<(), StoreError> {
        match self {
            Store::Idb(store) => store.clear().await,
            Store::Memory(store) => {
                store.clear();
                Ok(())
            }
        }
    }

    /// Small state that is not part of the log (the test in progress), by key.
    pub async fn put_state(&self, key: &str, bytes: Option<&[u8]>) -> Result<(), StoreError> {
        match self {
            Store::Idb(store) => store.put_state(key, bytes).await,
            Store::Memory(store) => store.put_state(key, bytes),
        }
    }

    pub async fn get_state(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            Store::Idb(store) => store.get_state(key).await,
            Store::Memory(store) => Ok(store.get_state(key)),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{contract, MemoryStore, Store};

    fn memory() -> Store {
        Store::Memory(MemoryStore::default())
    }

    #[test]
    fn memory_store_meets_the_storage_contract() {
        pollster::block_on(contract::fresh_store_is_empty(memory()));
        pollster::block_on(contract::appended_events_read_back_in_time_order(memory()));
        pollster::block_on(contract::appending_twice_keeps_one(memory()));
        pollster::block_on(contract::state_round_trips_and_deletes(memory()));
        pollster::block_on(contract::clearing_removes_everything(memory()));
        pollster::block_on(contract::snapshot_and_later_events_read_back_whole(memory()));
        pollster::block_on(contract::a_batch_is_appended_whole(memory()));
    }
}
