//! The app's state, in context: the engine (built once from the embedded index), the learner's
//! progress (derived from the event log), the log itself, the sitting in progress, and the
//! store behind them. Every change to progress goes through [`AppState::record`], which applies
//! the event incrementally and persists it in one transaction.

use std::sync::OnceLock;

use engine::{Access, Answer, Engine, Event, EventBody, EventId, Progress};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::corpus::index;
use crate::platform::{now_ms, random_u64, today, utc_offset_minutes};
use crate::session::{Session, SittingKind, StartError};
use crate::storage::{journal, Store, StoreError};
use crate::unlock::{self, KeyStatus};

/// What a full disk means for the learner (answers are still kept: see `storage::journal`).
const OUT_OF_SPACE: &str = "This device is out of storage space for Prepwise. Your answers are kept on this device and will be saved when space is freed; export a backup from Settings now.";

/// Key of the sittings in progress in the store's state (one per kind).
const SITTINGS_KEY: &str = "sittings";

/// The engine over the embedded bank, built once.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(index().bank.clone()))
}

/// How the stored progress looks to the learner.
#[derive(Clone, Debug, PartialEq)]
pub enum Health {
    /// Still reading the store.
    Loading,
    /// Saved on this device.
    Durable,
    /// Only in memory: the browser refused storage.
    MemoryOnly(String),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub progress: RwSignal<Progress>,
    pub events: RwSignal<Vec<Event>>,
    /// Sittings in progress or just finished, at most one of each kind.
    pub sittings: RwSignal<Vec<Session>>,
    pub health: RwSignal<Health>,
    /// A message for the learner about their data (a save that failed, records set aside).
    pub notice: RwSignal<Option<String>>,
    /// Derived from the progress (maintained by the engine as events apply), once for every
    /// page: bookmarked ids, most recent first; open mistakes (items), most recent first; and
    /// how many questions are due for review today.
    pub bookmarks: Memo<Vec<String>>,
    pub mistakes: Memo<Vec<usize>>,
    pub due: Memo<usize>,
    /// What the learner may open: the free tier, or everything once a key verifies.
    pub access: RwSignal<Access>,
    /// The stored key, verified (see [`AppState::check_key`]).
    pub key_status: RwSignal<KeyStatus>,
    store: StoredValue<Option<Store>, LocalStorage>,
    /// Events not yet saved (a failed write); retried with the next save.
    unsaved: StoredValue<Vec<Event>, LocalStorage>,
}

/// Puts the state in context and starts loading the store.
pub fn provide_app_state() -> AppState {
    let engine = engine();
    let progress = RwSignal::new(engine.empty_progress());
    let state = AppState {
        progress,
        bookmarks: Memo::new(move |_| progress.with(|p| p.bookmarks().to_vec())),
        mistakes: Memo::new(move |_| progress.with(|p| p.recent_mistakes().collect())),
        due: Memo::new(move |_| {
            progress.with(|p| engine.review_queue(p, today(), usize::MAX).len())
        }),
        events: RwSignal::new(Vec::new()),
        sittings: RwSignal::new(Vec::new()),
        health: RwSignal::new(Health::Loading),
        notice: RwSignal::new(None),
        access: RwSignal::new(Access::Free),
        key_status: RwSignal::new(KeyStatus::NoKey),
        store: StoredValue::new_local(None),
        unsaved: StoredValue::new_local(Vec::new()),
    };
    provide_context(state);
    spawn_local(state.load());
    state
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    async fn load(self) {
        crate::platform::mark("prepwise:load-start");
        const BLOCKED: &str = "Prepwise was updated: close its other tabs or windows to finish, and your progress will load.";
        let notice = self.notice;
        let (store, refused) = Store::open(move || notice.set(Some(BLOCKED.into()))).await;
        if notice.with_untracked(|n| n.as_deref() == Some(BLOCKED)) {
            notice.set(None);
        }
        let loaded = store.load().await;
        crate::platform::mark("prepwise:read");
        let mut sittings = store
            .get_state(SITTINGS_KEY)
            .await
            .ok()
            .flatten()
            .and_then(|b| Session::decode_all(&b, crate::corpus::fingerprint()))
            .unwrap_or_default();
        // A finished sitting showed its results already; only unfinished ones resume.
        sittings.retain(|s| !s.is_finished());
        self.store.set_value(Some(store.clone()));
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(err) => {
                self.notice.set(Some(format!(
                    "Your saved progress could not be read ({err}). Nothing was deleted."
                )));
                Default::default()
            }
        };
        if loaded.quarantined > 0 {
            self.notice.set(Some(format!(
                "{} damaged record(s) in your saved progress were set aside (not deleted); everything else loaded.",
                loaded.quarantined
            )));
        }
        if loaded.wants_snapshot() {
            let (store, events, newer) = (store.clone(), loaded.events.clone(), loaded.newer);
            spawn_local(async move {
                // A cache: when it cannot be written the next start reads every record instead.
                let _ = store.write_snapshot(&events, newer).await;
            });
        }
        // Answers recorded before this load finished, and answers an earlier page recorded whose
        // transaction never committed (the journal): whatever the store lacks is added and saved.
        let mut events = loaded.events;
        let journaled = journal::read_all();
        let recorded_here = self.events.get_untracked();
        let missing =
            crate::backup::new_events(&events, &[recorded_here, journaled.clone()].concat());
        if store.is_durable() {
            // Entries whose write committed but whose removal a reload cut short.
            for stale in journaled
                .iter()
                .filter(|j| !missing.iter().any(|m| m.id == j.id))
            {
                journal::remove(stale);
            }
        }
        events.extend(missing.iter().cloned());
        engine::sort_events(&mut events);
        let progress = engine().replay(&events);
        self.progress.set(progress);
        self.events.set(events);
        // Before the app counts as loaded, so no page starts a sitting as locked by mistake.
        self.check_key().await;
        self.unsaved.update_value(|unsaved| {
            let queued = crate::backup::new_events(unsaved, &missing);
            unsaved.extend(queued);
        });
        self.flush();
        self.sittings.set(sittings);
        self.health.set(match refused {
            None => Health::Durable,
            Some(err) => Health::MemoryOnly(err.to_string()),
        });
        // The shell is marked busy (index.html) until the progress shown is the saved one.
        if let Some(app) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"))
        {
            let _ = app.remove_attribute("aria-busy");
        }
        crate::platform::mark("prepwise:loaded");
    }

    /// Whether the saved progress has been read (before that, progress shows as empty).
    pub fn is_loaded(&self) -> bool {
        self.health.with(|h| *h != Health::Loading)
    }

    /// Appends an answer to the log: applied at once, saved in the background.
    pub fn record(&self, answer: Answer) {
        let now = now_ms();
        let event = Event::answered(EventId(random_u64()), now, today(), answer);
        self.append(event);
    }

    /// Bookmarks a question, or removes its bookmark (an event in the log like any other).
    pub fn toggle_bookmark(&self, question: &str) {
        let on = !self.progress.with_untracked(|p| p.is_bookmarked(question));
        self.append_now(EventBody::Bookmarked {
            question: question.to_string(),
            on,
        });
    }

    /// Turns streak tracking on or off (an event in the log like any other).
    pub fn set_streaks_enabled(&self, enabled: bool) {
        self.append_now(EventBody::StreaksEnabled(enabled));
    }

    /// Appends an event of the current version, stamped now.
    fn append_now(&self, body: EventBody) {
        let now = now_ms();
        self.append(Event {
            version: engine::EVENT_VERSION,
            id: EventId(random_u64()),
            at_ms: now,
            local_date: engine::LocalDate::from_utc_ms(now, utc_offset_minutes()),
            body,
        });
    }

    fn append(&self, event: Event) {
        self.progress.update(|p| {
            engine().apply(p, &event);
        });
        self.events.update(|events| events.push(event.clone()));
        journal::write(&event);
        self.unsaved.update_value(|unsaved| unsaved.push(event));
        self.flush();
    }

    /// Saves every unsaved event in one transaction; keeps them for the next attempt if it fails.
    fn flush(&self) {
        let state = *self;
        spawn_local(async move {
            let Some(store) = state.store.get_value() else {
                return;
            };
            let pending = state.unsaved.get_value();
            if pending.is_empty() {
                return;
            }
            // One transaction for everything waiting: one answer usually, a whole import at once.
            match store.append_all(&pending).await {
                Ok(()) => {
                    // In memory only (storage refused), the journal is all that outlives the
                    // tab: a newer version that owns the database picks the answers up there.
                    if store.is_durable() {
                        pending.iter().for_each(journal::remove);
                    }
                    let saved: std::collections::HashSet<EventId> =
                        pending.iter().map(|e| e.id).collect();
                    state
                        .unsaved
                        .update_value(|u| u.retain(|e| !saved.contains(&e.id)));
                }
                Err(err) => {
                    let message = match err {
                        StoreError::QuotaExceeded => OUT_OF_SPACE.to_string(),
                        other => format!("Your last answer could not be saved yet ({other}); it is kept and will be retried."),
                    };
                    state.notice.set(Some(message));
                }
            }
        });
    }

    /// Adds the events of a validated backup that the log lacks, once they are stored (in one
    /// transaction: all or none); returns how many were added. On an error nothing changed.
    pub async fn import(&self, imported: &[Event]) -> Result<usize, StoreError> {
        let fresh = self
            .events
            .with_untracked(|current| crate::backup::new_events(current, imported));
        match self.store.get_value() {
            Some(store) => store.append_all(&fresh).await?,
            // Not loaded yet: saved with the next flush, once the store is open.
            None => self
                .unsaved
                .update_value(|unsaved| unsaved.extend(fresh.iter().cloned())),
        }
        let added = fresh.len();
        self.events.update(|events| {
            events.extend(fresh);
            engine::sort_events(events);
        });
        // Imported events may be older than some already applied: replay in time order.
        self.progress
            .set(self.events.with_untracked(|events| engine().replay(events)));
        // A backup's key counts only once it verifies here.
        self.check_key().await;
        Ok(added)
    }

    /// Verifies the stored keys (newest first; the first that verifies counts) and sets what
    /// the learner may open. A stored key proves nothing by itself: only its signature, checked
    /// now, unlocks; when none verifies, the newest one's reason is shown.
    pub async fn check_key(&self) {
        let texts = self.progress.with_untracked(|p| p.unlock_keys().to_vec());
        let mut status = KeyStatus::NoKey;
        for text in &texts {
            match unlock::verify(text, &unlock::keyring()).await {
                Ok(key) => {
                    status = KeyStatus::Valid(key);
                    break;
                }
                Err(err) if status == KeyStatus::NoKey => status = KeyStatus::Invalid(err),
                Err(_) => {}
            }
        }
        let access = match status {
            KeyStatus::Valid(_) => Access::Unlocked,
            _ => Access::Free,
        };
        self.key_status.set(status);
        self.access.set(access);
    }

    /// Checks a key the learner pasted; a key that verifies is kept in the log (its text, in
    /// canonical form) and unlocks at once. A key that does not changes nothing.
    pub async fn enter_key(&self, text: &str) -> Result<(), license::KeyError> {
        let key = unlock::verify(text, &unlock::keyring()).await?;
        self.append_now(EventBody::KeyEntered { key: key.to_text() });
        self.key_status.set(KeyStatus::Valid(key));
        self.access.set(Access::Unlocked);
        Ok(())
    }

    /// Deletes all progress after the learner confirmed it.
    pub async fn reset(&self) -> Result<(), StoreError> {
        if let Some(store) = self.store.get_value() {
            store.clear().await?;
        }
        journal::clear();
        self.unsaved.set_value(Vec::new());
        self.events.set(Vec::new());
        self.sittings.set(Vec::new());
        self.progress.set(engine().empty_progress());
        self.key_status.set(KeyStatus::NoKey);
        self.access.set(Access::Free);
        Ok(())
    }

    /// Reads the sitting of `kind`, if there is one (tracked).
    pub fn with_sitting<T>(&self, kind: &SittingKind, f: impl FnOnce(Option<&Session>) -> T) -> T {
        self.sittings
            .with(|all| f(all.iter().find(|s| s.kind == *kind)))
    }

    /// Reads the sitting of `kind`, if there is one, without tracking (event handlers).
    pub fn with_sitting_untracked<T>(
        &self,
        kind: &SittingKind,
        f: impl FnOnce(Option<&Session>) -> T,
    ) -> T {
        self.sittings
            .with_untracked(|all| f(all.iter().find(|s| s.kind == *kind)))
    }

    /// Starts the sitting just built, replacing only a sitting of the same kind (a daily
    /// replaces any daily: an older date's cannot be finished any more), and saves. False when
    /// it could not be built (nothing to ask).
    pub fn start_sitting(&self, started: Result<Session, StartError>) -> Result<(), StartError> {
        let session = started?;
        self.sittings.update(|all| {
            all.retain(|s| {
                !(s.kind == session.kind
                    || matches!(
                        (&s.kind, &session.kind),
                        (SittingKind::Daily(_), SittingKind::Daily(_))
                    ))
            });
            all.push(session);
        });
        self.save_sittings();
        Ok(())
    }

    /// Changes the sitting of `kind` in place and saves; returns what `f` returned.
    pub fn update_sitting<T>(
        &self,
        kind: &SittingKind,
        f: impl FnOnce(&mut Session) -> T,
    ) -> Option<T> {
        let mut out = None;
        self.sittings.update(|all| {
            if let Some(s) = all.iter_mut().find(|s| s.kind == *kind) {
                out = Some(f(s));
            }
        });
        self.save_sittings();
        out
    }

    /// Forgets the sitting of `kind` (its answers stay in the log).
    pub fn end_sitting(&self, kind: &SittingKind) {
        self.sittings.update(|all| all.retain(|s| s.kind != *kind));
        self.save_sittings();
    }

    /// Persists the sittings (so a reload resumes them).
    pub fn save_sittings(&self) {
        let state = *self;
        // A single question on its own page is not worth resuming.
        let bytes = self.sittings.with_untracked(|all| {
            let kept: Vec<Session> = all
                .iter()
                .filter(|s| !matches!(s.kind, SittingKind::Single(_)))
                .cloned()
                .collect();
            Session::encode_all(&kept, crate::corpus::fingerprint())
        });
        spawn_local(async move {
            let Some(store) = state.store.get_value() else {
                return;
            };
            match store.put_state(SITTINGS_KEY, Some(&bytes)).await {
                Ok(()) => {}
                Err(StoreError::QuotaExceeded) => state.notice.set(Some(OUT_OF_SPACE.into())),
                Err(err) => state.notice.set(Some(format!(
                    "The test in progress could not be saved ({err})."
                ))),
            }
        });
    }
}
