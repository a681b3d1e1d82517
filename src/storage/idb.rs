//! IndexedDB through web-sys, with each request turned into a future.
//!
//! Object stores (database version 1):
//! - `events`: one record per event, key = the event id as 16 hex digits,
//!   value = `{ v: <schema version>, data: <postcard bytes> }`;
//! - `quarantine`: records that could not be read, moved here unchanged (never deleted);
//! - `state`: small blobs by key (the test in progress).

use engine::Event;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

use super::codec::{decode_event, encode_event, Decoded};
use super::{Loaded, StoreError};

pub const DATABASE: &str = "prepwise";
const VERSION: u32 = 1;
const EVENTS: &str = "events";
const QUARANTINE: &str = "quarantine";
const STATE: &str = "state";

#[derive(Clone)]
pub struct IdbStore {
    db: IdbDatabase,
}

impl IdbStore {
    pub async fn open(name: &str) -> Result<IdbStore, StoreError> {
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
            for store in [EVENTS, QUARANTINE, STATE] {
                if !names.contains(store) {
                    // Creation only fails for a duplicate name, which was just ruled out.
                    let _ = db.create_object_store(store);
                }
            }
        });
        request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        let result = wait(&request).await;
        request.set_onupgradeneeded(None);
        drop(on_upgrade);
        let db: IdbDatabase = result
            .map_err(|e| StoreError::Unavailable(message(&e)))?
            .unchecked_into();
        Ok(IdbStore { db })
    }

    pub async fn load(&self) -> Result<Loaded, StoreError> {
        let tx = self.transaction(&[EVENTS], IdbTransactionMode::Readonly)?;
        let store = tx.object_store(EVENTS).map_err(failed)?;
        let keys: Array = wait(&store.get_all_keys().map_err(failed)?)
            .await
            .map_err(failed)?
            .unchecked_into();
        let values: Array = wait(&store.get_all().map_err(failed)?)
            .await
            .map_err(failed)?
            .unchecked_into();

        let mut loaded = Loaded::default();
        let mut unreadable = Vec::new();
        for (key, value) in keys.iter().zip(values.iter()) {
            let version = Reflect::get(&value, &"v".into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0) as u16;
            let bytes = Reflect::get(&value, &"data".into())
                .ok()
                .and_then(|d| d.dyn_into::<Uint8Array>().ok())
                .map(|d| d.to_vec());
            match bytes.map(|b| decode_event(version, &b)) {
                Some(Decoded::Event(event)) => loaded.events.push(event),
                Some(Decoded::Newer) => loaded.newer += 1,
                Some(Decoded::Unreadable) | None => unreadable.push((key, value)),
            }
        }
        loaded.quarantined = unreadable.len();
        if !unreadable.is_empty() {
            self.quarantine(&unreadable).await?;
        }
        loaded.events.sort_by_key(|e| (e.at_ms, e.id));
        Ok(loaded)
    }

    /// Moves unreadable records to the quarantine store in one transaction.
    async fn quarantine(&self, records: &[(JsValue, JsValue)]) -> Result<(), StoreError> {
        let tx = self.transaction(&[EVENTS, QUARANTINE], IdbTransactionMode::Readwrite)?;
        let events = tx.object_store(EVENTS).map_err(failed)?;
        let quarantine = tx.object_store(QUARANTINE).map_err(failed)?;
        for (key, value) in records {
            quarantine.put_with_key(value, key).map_err(failed)?;
            events.delete(key).map_err(failed)?;
        }
        committed(&tx).await
    }

    pub async fn append(&self, event: &Event) -> Result<(), StoreError> {
        let record = Object::new();
        let bytes = encode_event(event);
        set(&record, "v", &JsValue::from(event.version));
        set(&record, "data", &Uint8Array::from(bytes.as_slice()).into());
        let tx = self.transaction(&[EVENTS], IdbTransactionMode::Readwrite)?;
        let store = tx.object_store(EVENTS).map_err(failed)?;
        store
            .put_with_key(&record, &event_key(event).into())
            .map_err(failed)?;
        committed(&tx).await
    }

    pub async fn clear(&self) -> Result<(), StoreError> {
        let tx = self.transaction(&[EVENTS, STATE], IdbTransactionMode::Readwrite)?;
        for name in [EVENTS, STATE] {
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
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        self.db
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(failed)
    }
}

fn event_key(event: &Event) -> String {
    format!("{:016x}", event.id.0)
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
