//! The storage contract: what every backend must do, as async checks over a fresh store.
//! Run natively against [`MemoryStore`](super::MemoryStore) (unit tests) and in Chromium
//! against IndexedDB (`tests/storage.rs`).

use engine::{Answer, Event, EventBody, EventId, LocalDate, Mode, Response, SessionId};

use super::Store;

/// An answer event for tests.
pub fn sample_event(id: u64, at_ms: i64) -> Event {
    Event::answered(
        EventId(id),
        at_ms,
        LocalDate::from_utc_ms(at_ms, 0),
        Answer {
            question: format!("pyf-{:03}", id % 50 + 1),
            response: Response::Chose(vec![(id % 4) as u8]),
            correct: !id.is_multiple_of(3),
            time_taken_ms: 4_000 + id as u32,
            mode: Mode::Test,
            session: SessionId(7),
        },
    )
}

/// What the schema-version-1 fixtures (`tests/fixtures/events-v1.txt`, `backup-v1.json`) hold:
/// every kind of event, with edge values.
pub fn v1_events() -> Vec<Event> {
    let answer = |id: u64, at_ms: i64, offset: i32, response, correct, mode, session| {
        Event::answered(
            EventId(id),
            at_ms,
            LocalDate::from_utc_ms(at_ms, offset),
            Answer {
                question: "pyf-001".into(),
                response,
                correct,
                time_taken_ms: 12_345,
                mode,
                session: SessionId(session),
            },
        )
    };
    let other = |id: u64, at_ms: i64, body| Event {
        version: 1,
        id: EventId(id),
        at_ms,
        local_date: LocalDate::from_utc_ms(at_ms, -300),
        body,
    };
    vec![
        answer(
            1,
            1_764_000_000_000,
            60,
            Response::Chose(vec![2]),
            true,
            Mode::Test,
            7,
        ),
        answer(
            u64::MAX,
            1_764_000_100_000,
            -600,
            Response::Chose(vec![0, 3]),
            false,
            Mode::Daily,
            u64::MAX,
        ),
        answer(
            3,
            1_764_000_200_000,
            840,
            Response::DontKnow,
            false,
            Mode::Review,
            0,
        ),
        other(4, 1_764_000_300_000, EventBody::StreaksEnabled(false)),
        other(5, 1_764_000_400_000, EventBody::StreaksEnabled(true)),
        other(
            6,
            1_764_000_500_000,
            EventBody::Bookmarked {
                question: "ml-052".into(),
                on: true,
            },
        ),
        other(
            7,
            1_764_000_600_000,
            EventBody::Bookmarked {
                question: "unknown-id".into(),
                on: false,
            },
        ),
    ]
}

/// A new store starts empty.
pub async fn fresh_store_is_empty(store: Store) {
    let loaded = store.load().await.expect("load");
    assert!(loaded.events.is_empty());
    assert_eq!((loaded.newer, loaded.quarantined), (0, 0));
}

/// Every appended event reads back equal, oldest first, whatever the append order.
pub async fn appended_events_read_back_in_time_order(store: Store) {
    let events = [
        sample_event(3, 3_000),
        sample_event(1, 1_000),
        sample_event(2, 2_000),
    ];
    for event in &events {
        store.append(event).await.expect("append");
    }
    let loaded = store.load().await.expect("load");
    let ids: Vec<u64> = loaded.events.iter().map(|e| e.id.0).collect();
    assert_eq!(ids, vec![1, 2, 3]);
    assert_eq!(loaded.events[2], events[0]);
}

/// Appending an event twice (a retry, a second tab) stores it once.
pub async fn appending_twice_keeps_one(store: Store) {
    let event = sample_event(9, 9_000);
    store.append(&event).await.expect("append");
    store.append(&event).await.expect("append again");
    assert_eq!(store.load().await.expect("load").events, vec![event]);
}

/// Small state is put, read and removed by key.
pub async fn state_round_trips_and_deletes(store: Store) {
    assert_eq!(store.get_state("test").await.expect("get"), None);
    store
        .put_state("test", Some(&[1, 2, 3]))
        .await
        .expect("put");
    assert_eq!(
        store.get_state("test").await.expect("get"),
        Some(vec![1, 2, 3])
    );
    store.put_state("test", None).await.expect("delete");
    assert_eq!(store.get_state("test").await.expect("get"), None);
}

/// Clearing removes every event and all state.
pub async fn clearing_removes_everything(store: Store) {
    store.append(&sample_event(1, 1_000)).await.expect("append");
    store.put_state("test", Some(&[1])).await.expect("put");
    store.clear().await.expect("clear");
    assert!(store.load().await.expect("load").events.is_empty());
    assert_eq!(store.get_state("test").await.expect("get"), None);
}

/// A snapshot plus the events appended after it read back as the whole log, and clearing
/// removes the snapshot with the rest.
pub async fn snapshot_and_later_events_read_back_whole(store: Store) {
    let first = [sample_event(1, 1_000), sample_event(2, 2_000)];
    for event in &first {
        store.append(event).await.expect("append");
    }
    let loaded = store.load().await.expect("load");
    store
        .write_snapshot(&loaded.events, loaded.newer)
        .await
        .expect("snapshot");
    store.append(&sample_event(3, 3_000)).await.expect("append");
    let ids = |events: &[Event]| events.iter().map(|e| e.id.0).collect::<Vec<_>>();
    assert_eq!(
        ids(&store.load().await.expect("load").events),
        vec![1, 2, 3]
    );
    store.clear().await.expect("clear");
    assert!(store.load().await.expect("load").events.is_empty());
}

/// A batch (an import) is appended in one go, and a batch overlapping the log adds only what is
/// new.
pub async fn a_batch_is_appended_whole(store: Store) {
    let batch: Vec<Event> = (1..=300)
        .map(|id| sample_event(id, id as i64 * 1_000))
        .collect();
    store.append_all(&batch).await.expect("append a batch");
    store
        .append_all(&[sample_event(300, 300_000), sample_event(301, 301_000)])
        .await
        .expect("append an overlapping batch");
    let loaded = store.load().await.expect("load");
    assert_eq!(loaded.events.len(), 301);
    assert_eq!(loaded.events[..300], batch[..]);
}
