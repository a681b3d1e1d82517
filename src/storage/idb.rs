//! IndexedDB through web-sys, with each request turned into a future.
//!
//! Object stores, and the database version that added them:
//! - `events` (1): one record per event, key = the event id as 16 hex digits,
//!   value = `{ v: <schema version>, data: <postcard bytes> }`;
//! - `quarantine` (1): records that could not be read, moved here unchanged (never deleted);
//! - `state` (1): small blobs by key (the test in progress);
//! - `snapshots` (2): under `log`, every readable event at some moment as one postcard blob,
//!   `{ v, records, newer, data }`. A cache for a fast start, never the truth: a start reads the
//!   blob and only the records added since, and a snapshot that cannot be read, is of another
//!   version or does not match the log is ignored and rewritten.
//!
//! Opening upgrades a database of any older version by creating the stores it lacks (records
//! keep their own schema version, read by [`decode_event`]). An open connection closes itself
//! when a newer version of the app opens the database, so it never blocks the upgrade.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use engine::Event;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

use super::codec::{decode_event, encode_event, event_key, Decoded};
use super::{Loaded, StoreError};

pub const DATABASE: &str = "prepwise";
const VERSION: u32 = 2;
const EVENTS: &str = "events";
const QUARANTINE: &str = "quarantine";
const STATE: &str = "state";
const SNAPSHOTS: &str = "snapshots";
/// Every store of the current version.
const STORES: [&str; 4] = [EVENTS, QUARANTINE, STATE, SNAPSHOTS];
const SNAPSHOT_KEY: &str = "log";
/// Version of the snapshot blob: another version is ignored (and rebuilt from the log).
const SNAPSHOT_VERSION: u32 = 1;
/// Above this many records missing from the snapshot, reading the whole log is faster than
/// fetching them one by one.
const MAX_FETCHED_SINGLY: usize = 200;

#[derive(Clone)]
pub struct IdbStore {
    db: IdbDatabase,
    /// Set when a newer app version asked for the database: this connection closed for it.
    superseded: Rc<Cell<bool>>,
}

impl IdbStore {
    /// Opens (creating or upgrading) the database. `on_blocked` runs when a tab of an older
    /// version holds the database open and the upgrade must wait for it to close.
    pub async fn open(name: &str, on_blocked: impl Fn() + 'static) -> Result<IdbStore, StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or_else(|| {
                StoreError::Unavailable("this browser offers no IndexedDB here".into())
            })?;
        let request: IdbOpenDbRequest = factory
            .open_with_u32(name, VERSION)
            .map_err(|e| StoreError::Unavailable(message(&e)))?;
        let upgrade_request = request.clone();
        let on_upgrade = Closure::<dyn FnMut()>::new(move || {
            let Ok(result) = upgrade_request.result() else {
                return;
            };
            let db: IdbDatabase = result.unchecked_into();
            let names = db.object_store_names();
            for store in STORES {
                if !names.contains(store) {
                    // Creation only fails for a duplicate name, which was just ruled out.
                    let _ = db.create_object_store(store);
                }
            }
        });
        let on_blocked = Closure::<dyn FnMut()>::new(on_blocked);
        request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        request.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
        let result = wait(&request).await;
        request.set_onupgradeneeded(None);
        request.set_onblocked(None);
        drop((on_upgrade, on_blocked));
        let db: IdbDatabase = result.map_err(unavailable)?.unchecked_into();
        let superseded = Rc::new(Cell::new(false));
        let (closing, flag) = (db.clone(), superseded.clone());
        let on_version_change = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            closing.close();
        });
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        // Lives as long as the connection: the page's lifetime.
        on_version_change.forget();
        Ok(IdbStore { db, superseded })
    }

    /// Reads the log: the snapshot plus the records added since, or every record when there is
    /// no usable snapshot. Unreadable records are moved to the quarantine.
    pub async fn load(&self) -> Result<Loaded, StoreError> {
        let tx = self.transaction(&[EVENTS, SNAPSHOTS], IdbTransactionMode::Readonly)?;
        let store = tx.object_store(EVENTS).map_err(failed)?;
        let snapshot = wait(
            &tx.object_store(SNAPSHOTS)
                .map_err(failed)?
                .get(&SNAPSHOT_KEY.into())
                .map_err(failed)?,
        )
        .await
        .map_err(failed)?;
        let snapshot = read_snapshot(&snapshot);
        let records = wait(&store.count().map_err(failed)?)
            .await
            .map_err(failed)?
            .as_f64()
            .unwrap_or(0.0) as usize;

        let mut loaded = Loaded::default();
        let mut unreadable = Vec::new();
        match snapshot {
            // The log is append-only, and whatever removes records (quarantine, reset) deletes
            // the snapshot in the same transaction: the same count is the same records.
            Some(snapshot) if snapshot.records == records => {
                loaded.from_snapshot = snapshot.events.len();
                loaded.events = snapshot.events;
                loaded.newer = snapshot.newer;
            }
            Some(snapshot) => {
                let keys: Array = wait(&store.get_all_keys().map_err(failed)?)
                    .await
                    .map_err(failed)?
                    .unchecked_into();
                let mut covered: HashMap<String, Event> = snapshot
                    .events
                    .into_iter()
                    .map(|e| (event_key(&e), e))
                    .collect();
                let mut missing = Vec::new();
                for key in keys.iter() {
                    match key.as_string().and_then(|k| covered.remove(&k)) {
                        Some(event) => loaded.events.push(event),
                        None => missing.push(key),
                    }
                }
                loaded.from_snapshot = loaded.events.len();
                if missing.len() > MAX_FETCHED_SINGLY {
                    loaded = Loaded::default();
                    self.read_all(&store, &mut loaded, &mut unreadable).await?;
                } else {
                    for key in missing {
                        let value = wait(&store.get(&key).map_err(failed)?)
                            .await
                            .map_err(failed)?;
                        classify(key, value, &mut loaded, &mut unreadable);
                    }
                }
            }
            None => self.read_all(&store, &mut loaded, &mut unreadable).await?,
        }
        loaded.quarantined = unreadable.len();
        if !unreadable.is_empty() {
            self.quarantine(&unreadable).await?;
        }
        engine::sort_events(&mut loaded.events);
        Ok(loaded)
    }

    /// Reads every record of the log.
    async fn read_all(
        &self,
        store: &IdbObjectStore,
        loaded: &mut Loaded,
        unreadable: &mut Vec<(JsValue, JsValue)>,
    ) -> Result<(), StoreError> {
        let keys: Array = wait(&store.get_all_keys().map_err(failed)?)
            .await
            .map_err(failed)?
            .unchecked_into();
        let values: Array = wait(&store.get_all().map_err(failed)?)
            .await
            .map_err(failed)?
            .unchecked_into();
        for (key, value) in keys.iter().zip(values.iter()) {
            classify(key, value, loaded, unreadable);
        }
        Ok(())
    }

    /// Saves `events` (every readable event just loaded, `newer` records besides) as the
    /// snapshot a later start reads instead of each record.
    pub async fn write_snapshot(&self, events: &[Event], newer: usize) -> Result<(), StoreError> {
        let record = Object::new();
        set(&record, "v", &JsValue::from(SNAPSHOT_VERSION));
        set(
            &record,
            "records",
            &JsValue::from((events.len() + newer) as u32),
        );
        set(&record, "newer", &JsValue::from(newer as u32));
        let bytes = postcard::to_allocvec(events).expect("events always serialize");
        set(&record, "data", &Uint8Array::from(bytes.as_slice()).into());
        let tx = self.transaction(&[SNAPSHOTS], IdbTransactionMode::Readwrite)?;
        tx.object_store(SNAPSHOTS)
            .map_err(failed)?
            .put_with_key(&record, &SNAPSHOT_KEY.into())
            .map_err(failed)?;
        committed(&tx).await
    }

    /// Moves unreadable records to the quarantine store in one transaction.
    async fn quarantine(&self, records: &[(JsValue, JsValue)]) -> Result<(), StoreError> {
        let tx = self.transaction(
            &[EVENTS, QUARANTINE, SNAPSHOTS],
            IdbTransactionMode::Readwrite,
        )?;
        let events = tx.object_store(EVENTS).map_err(failed)?;
        let quarantine = tx.object_store(QUARANTINE).map_err(failed)?;
        for (key, value) in records {
            quarantine.put_with_key(value, key).map_err(failed)?;
            events.delete(key).map_err(failed)?;
        }
        // The log shrank: a snapshot's record count would no longer identify it.
        tx.object_store(SNAPSHOTS)
            .map_err(failed)?
            .delete(&SNAPSHOT_KEY.into())
            .map_err(failed)?;
        committed(&tx).await
    }

    /// Appends events in one transaction: all of them are stored, or none.
    pub async fn append_all(&self, events: &[Event]) -> Result<(), StoreError> {
        let tx = self.transaction(&[EVENTS], IdbTransactionMode::Readwrite)?;
        let store = tx.object_store(EVENTS).map_err(failed)?;
        for event in events {
            let record = Object::new();
            set(&record, "v", &JsValue::from(event.version));
            set(
                &record,
                "data",
                &Uint8Array::from(encode_event(event).as_slice()).into(),
            );
            store
                .put_with_key(&record, &event_key(event).into())
                .map_err(failed)?;
        }
        committed(&tx).await
    }

    pub async fn clear(&self) -> Result<(), StoreError> {
        let tx = self.transaction(&[EVENTS, STATE, SNAPSHOTS], IdbTransactionMode::Readwrite)?;
        for name in [EVENTS, STATE, SNAPSHOTS] {
            tx.object_store(name)
                .map_err(failed)?
                .clear()
                .map_err(failed)?;
        }
        committed(&tx).await
    }

    pub async fn put_state(&self, key: &str, bytes: Option<&[u8]>) -> Result<(), StoreError> {
        let tx = self.transaction(&[STATE], IdbTransactionMode::Readwrite)?;
        let store = tx.object_store(STATE).map_err(failed)?;
        match bytes {
            Some(bytes) => store
                .put_with_key(&Uint8Array::from(bytes).into(), &key.into())
                .map(|_| ()),
            None => store.delete(&key.into()).map(|_| ()),
        }
        .map_err(failed)?;
        committed(&tx).await
    }

    pub async fn get_state(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let tx = self.transaction(&[STATE], IdbTransactionMode::Readonly)?;
        let store = tx.object_store(STATE).map_err(failed)?;
        let value = wait(&store.get(&key.into()).map_err(failed)?)
            .await
            .map_err(failed)?;
        Ok(value.dyn_into::<Uint8Array>().ok().map(|a| a.to_vec()))
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<IdbTransaction, StoreError> {
        if self.superseded.get() {
            return Err(StoreError::Superseded);
        }
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        self.db
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(failed)
    }
}

/// Sorts one stored record into the events, the newer records or the unreadable ones.
fn classify(
    key: JsValue,
    value: JsValue,
    loaded: &mut Loaded,
    unreadable: &mut Vec<(JsValue, JsValue)>,
) {
    let version = Reflect::get(&value, &"v".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u16;
    match bytes_of(&value).map(|b| decode_event(version, &b)) {
        Some(Decoded::Event(event)) => loaded.events.push(event),
        Some(Decoded::Newer) => loaded.newer += 1,
        Some(Decoded::Unreadable) | None => unreadable.push((key, value)),
    }
}

fn bytes_of(value: &JsValue) -> Option<Vec<u8>> {
    Reflect::get(value, &"data".into())
        .ok()?
        .dyn_into::<Uint8Array>()
        .ok()
        .map(|d| d.to_vec())
}

/// A snapshot as stored.
struct Snapshot {
    events: Vec<Event>,
    /// How many records the log held when it was taken.
    records: usize,
    newer: usize,
}

/// The snapshot, when there is one of this version that reads back whole.
fn read_snapshot(value: &JsValue) -> Option<Snapshot> {
    let number = |key: &str| {
        Reflect::get(value, &key.into())
            .ok()?
            .as_f64()
            .map(|n| n as usize)
    };
    if number("v")? != SNAPSHOT_VERSION as usize {
        return None;
    }
    let events: Vec<Event> = postcard::from_bytes(&bytes_of(value)?).ok()?;
    if events.iter().any(|e| e.version > engine::EVENT_VERSION) {
        return None;
    }
    Some(Snapshot {
        events,
        records: number("records")?,
        newer: number("newer")?,
    })
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &key.into(), value);
}

/// Resolves with the request's result once it succeeds, or with its error.
async fn wait(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let (promise, resolve, reject) = deferred();
    let ok_request = request.clone();
    let on_success = Closure::<dyn FnMut()>::new(move || {
        let _ = resolve.call1(
            &JsValue::NULL,
            &ok_request.result().unwrap_or(JsValue::UNDEFINED),
        );
    });
    let err_request = request.clone();
    let on_error = Closure::<dyn FnMut()>::new(move || {
        let error = err_request
            .error()
            .ok()
            .flatten()
            .map(JsValue::from)
            .unwrap_or(JsValue::UNDEFINED);
        let _ = reject.call1(&JsValue::NULL, &error);
    });
    request.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
    request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let result = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    result
}

/// Resolves once the transaction has committed (the data is durable), or with why it aborted.
async fn committed(tx: &IdbTransaction) -> Result<(), StoreError> {
    let (promise, resolve, reject) = deferred();
    let on_complete = Closure::<dyn FnMut()>::new(move || {
        let _ = resolve.call0(&JsValue::NULL);
    });
    let failed_tx = tx.clone();
    let on_abort = Closure::<dyn FnMut()>::new(move || {
        let error = failed_tx
            .error()
            .map(JsValue::from)
            .unwrap_or(JsValue::UNDEFINED);
        let _ = reject.call1(&JsValue::NULL, &error);
    });
    tx.set_oncomplete(Some(on_complete.as_ref().unchecked_ref()));
    tx.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
    tx.set_onerror(Some(on_abort.as_ref().unchecked_ref()));
    let result = JsFuture::from(promise).await;
    tx.set_oncomplete(None);
    tx.set_onabort(None);
    tx.set_onerror(None);
    result.map(|_| ()).map_err(failed)
}

fn deferred() -> (Promise, js_sys::Function, js_sys::Function) {
    let mut functions = None;
    let promise = Promise::new(&mut |resolve, reject| functions = Some((resolve, reject)));
    let (resolve, reject) = functions.expect("the Promise executor runs synchronously");
    (promise, resolve, reject)
}

fn message(error: &JsValue) -> String {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Why the database did not open. A `VersionError` means a newer version of the app upgraded it
/// (this page is an old copy): the data is there, and a reload brings the version that reads it.
fn unavailable(error: JsValue) -> StoreError {
    let newer = error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "VersionError");
    StoreError::Unavailable(if newer {
        "your progress was saved by a newer version of Prepwise; reload the page to get it".into()
    } else {
        message(&error)
    })
}

fn failed(error: JsValue) -> StoreError {
    let is_quota = error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError");
    if is_quota {
        StoreError::QuotaExceeded
    } else {
        StoreError::Failed(message(&error))
    }
}
