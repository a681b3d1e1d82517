#![cfg(target_arch = "wasm32")]
//! The storage contract against real IndexedDB in Chromium, plus what only IndexedDB can show:
//! data survives reopening, snapshots are used and never trusted blindly, and a database written
//! by every past version opens and reads.

use std::cell::Cell;
use std::rc::Rc;

use prepwise::storage::{contract, IdbStore, Store};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

#[wasm_bindgen(inline_js = r#"
const request = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
const done = (tx) => new Promise((ok, fail) => { tx.oncomplete = () => ok(); tx.onabort = tx.onerror = () => fail(tx.error); });

// A database as version 1 of the app created it, holding `records` ([key, v, base64]); the
// connection stays open and, like version 1, ignores requests to upgrade.
export async function createVersion1(name, records) {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => { for (const s of ["events", "quarantine", "state"]) open.result.createObjectStore(s); };
  const db = await request(open);
  const tx = db.transaction("events", "readwrite");
  for (const [key, v, data] of records) {
    tx.objectStore("events").put({ v, data: Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) }, key);
  }
  await done(tx);
  return db;
}

export function closeDatabase(db) { db.close(); }

export async function storeNames(name) {
  const db = await request(indexedDB.open(name));
  const names = [...db.objectStoreNames];
  const version = db.version;
  db.close();
  return [version, names.join(",")];
}

export async function putRaw(name, store, key, value) {
  const db = await request(indexedDB.open(name));
  const tx = db.transaction(store, "readwrite");
  tx.objectStore(store).put(value, key);
  await done(tx);
  db.close();
}

export async function countOf(name, store) {
  const db = await request(indexedDB.open(name));
  const n = await request(db.transaction(store).objectStore(store).count());
  db.close();
  return n;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = createVersion1)]
    async fn create_version_1(name: &str, records: JsValue) -> JsValue;
    #[wasm_bindgen(js_name = closeDatabase)]
    fn close_database(db: &JsValue);
    #[wasm_bindgen(js_name = storeNames)]
    async fn store_names(name: &str) -> JsValue;
    #[wasm_bindgen(js_name = putRaw)]
    async fn put_raw(name: &str, store: &str, key: &str, value: JsValue);
    #[wasm_bindgen(js_name = countOf)]
    async fn count_of(name: &str, store: &str) -> JsValue;
}

fn unique(name: &str) -> String {
    format!("prepwise-test-{name}-{}", js_sys::Math::random())
}

wasm_bindgen_test_configure!(run_in_browser);

/// A store in its own, new database.
async fn fresh(name: &str) -> Store {
    Store::Idb(
        IdbStore::open(&unique(name), || {})
            .await
            .expect("IndexedDB opens in Chromium"),
    )
}

#[wasm_bindgen_test]
async fn idb_fresh_store_is_empty() {
    contract::fresh_store_is_empty(fresh("empty").await).await;
}

#[wasm_bindgen_test]
async fn idb_appended_events_read_back_in_time_order() {
    contract::appended_events_read_back_in_time_order(fresh("order").await).await;
}

#[wasm_bindgen_test]
async fn idb_appending_twice_keeps_one() {
    contract::appending_twice_keeps_one(fresh("twice").await).await;
}

#[wasm_bindgen_test]
async fn idb_state_round_trips_and_deletes() {
    contract::state_round_trips_and_deletes(fresh("state").await).await;
}

#[wasm_bindgen_test]
async fn idb_clearing_removes_everything() {
    contract::clearing_removes_everything(fresh("clear").await).await;
}

#[wasm_bindgen_test]
async fn idb_events_survive_reopening_the_database() {
    let name = unique("reopen");
    let first = IdbStore::open(&name, || {}).await.unwrap();
    first
        .append_all(&[contract::sample_event(1, 1_000)])
        .await
        .unwrap();
    let second = IdbStore::open(&name, || {}).await.unwrap();
    assert_eq!(
        second.load().await.unwrap().events,
        vec![contract::sample_event(1, 1_000)]
    );
}

#[wasm_bindgen_test]
async fn idb_a_batch_is_appended_whole() {
    contract::a_batch_is_appended_whole(fresh("batch").await).await;
}

#[wasm_bindgen_test]
async fn idb_snapshot_and_later_events_read_back_whole() {
    contract::snapshot_and_later_events_read_back_whole(fresh("snapshot").await).await;
}

/// Appends events 1..=n and returns the store.
async fn with_events(name: &str, n: u64) -> IdbStore {
    let store = IdbStore::open(name, || {}).await.unwrap();
    for id in 1..=n {
        store
            .append_all(&[contract::sample_event(id, id as i64 * 1_000)])
            .await
            .unwrap();
    }
    store
}

#[wasm_bindgen_test]
async fn idb_a_start_reads_the_snapshot_and_only_the_records_added_since() {
    let name = unique("snapshot-used");
    let store = with_events(&name, 60).await;
    let loaded = store.load().await.unwrap();
    assert_eq!((loaded.events.len(), loaded.from_snapshot), (60, 0));
    assert!(loaded.wants_snapshot());
    store.write_snapshot(&loaded.events, 0).await.unwrap();

    let again = store.load().await.unwrap();
    assert_eq!(again.events, loaded.events);
    assert_eq!(again.from_snapshot, 60, "all from the snapshot");
    assert!(!again.wants_snapshot());

    // Another tab appends two answers behind this snapshot's back.
    let other = IdbStore::open(&name, || {}).await.unwrap();
    for id in [61, 62] {
        other
            .append_all(&[contract::sample_event(id, id as i64 * 1_000)])
            .await
            .unwrap();
    }
    let later = store.load().await.unwrap();
    assert_eq!(later.events.len(), 62);
    assert_eq!(later.from_snapshot, 60, "two read one by one");
    assert_eq!(
        later.events.last(),
        Some(&contract::sample_event(62, 62_000))
    );
}

#[wasm_bindgen_test]
async fn idb_a_damaged_or_foreign_snapshot_is_ignored_and_nothing_is_lost() {
    let name = unique("snapshot-damaged");
    let store = with_events(&name, 5).await;
    for value in [
        // Bytes that are not a log.
        js_sys::eval("({ v: 1, records: 5, newer: 0, data: new Uint8Array([255, 255, 1]) })")
            .unwrap(),
        // A later snapshot format.
        js_sys::eval("({ v: 99, records: 5, newer: 0, data: new Uint8Array([0]) })").unwrap(),
        // Not even an object.
        JsValue::from_str("garbage"),
    ] {
        put_raw(&name, "snapshots", "log", value).await;
        let loaded = store.load().await.unwrap();
        assert_eq!(loaded.events.len(), 5);
        assert_eq!(loaded.from_snapshot, 0);
    }
}

#[wasm_bindgen_test]
async fn idb_quarantining_a_record_drops_the_snapshot() {
    let name = unique("snapshot-quarantine");
    let store = with_events(&name, 3).await;
    let loaded = store.load().await.unwrap();
    store.write_snapshot(&loaded.events, 0).await.unwrap();
    let damaged = js_sys::eval("({ v: 1, data: new Uint8Array([255, 1]) })").unwrap();
    put_raw(&name, "events", "00000000deadbeef", damaged).await;
    let loaded = store.load().await.unwrap();
    assert_eq!((loaded.events.len(), loaded.quarantined), (3, 1));
    assert_eq!(count_of(&name, "snapshots").await.as_f64(), Some(0.0));
    assert_eq!(count_of(&name, "quarantine").await.as_f64(), Some(1.0));
    assert_eq!(store.load().await.unwrap().events.len(), 3);
}

/// Records of the version-1 fixture as `[key, v, base64]`.
fn version_1_records() -> JsValue {
    let fixture = include_str!("fixtures/events-v1.txt");
    let records = js_sys::Array::new();
    let lines = fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    for (line, event) in lines.zip(contract::v1_events()) {
        let (v, data) = line.split_once(' ').unwrap();
        let record = js_sys::Array::of3(
            &format!("{:016x}", event.id.0).into(),
            &v.parse::<u32>().unwrap().into(),
            &data.into(),
        );
        records.push(&record);
    }
    records.into()
}

#[wasm_bindgen_test]
async fn idb_a_version_1_database_upgrades_and_reads_whole_once_the_old_tab_lets_go() {
    let name = unique("upgrade-v1");
    let old_tab = create_version_1(&name, version_1_records()).await;
    let blocked = Rc::new(Cell::new(false));
    let flag = blocked.clone();
    // Version 1 never closes for an upgrade: the open waits, says so, and goes on when the
    // old tab closes.
    let store = IdbStore::open(&name, move || {
        flag.set(true);
        close_database(&old_tab);
    })
    .await
    .unwrap();
    assert!(blocked.get(), "the wait for the old tab was reported");
    let loaded = store.load().await.unwrap();
    let mut want = contract::v1_events();
    want.sort_by_key(|e| (e.at_ms, e.id));
    assert_eq!(loaded.events, want);
    assert_eq!((loaded.quarantined, loaded.newer), (0, 0));
    let names: js_sys::Array = store_names(&name).await.unchecked_into();
    assert_eq!(names.get(0).as_f64(), Some(2.0));
    assert_eq!(
        names.get(1).as_string().as_deref(),
        Some("events,quarantine,snapshots,state")
    );
}

#[wasm_bindgen_test]
async fn idb_this_version_closes_for_a_newer_one() {
    let name = unique("superseded");
    let store = with_events(&name, 1).await;
    // A newer app opens the database at a higher version: this connection must let it.
    let newer = js_sys::eval(&format!(
        "new Promise((ok, fail) => {{ const r = indexedDB.open({name:?}, 3); r.onsuccess = () => {{ r.result.close(); ok(r.result.version); }}; r.onerror = () => fail(r.error); r.onblocked = () => fail(new Error('blocked')); }})"
    ))
    .unwrap();
    let version = JsFuture::from(js_sys::Promise::from(newer)).await.unwrap();
    assert_eq!(version.as_f64(), Some(3.0));
    assert_eq!(
        store.append_all(&[contract::sample_event(2, 2_000)]).await,
        Err(prepwise::storage::StoreError::Superseded)
    );
}
