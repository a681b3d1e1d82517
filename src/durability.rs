//! Keeping progress beyond the browser's goodwill: persistent storage, installing the app, and
//! the backup download.
//!
//! Browsers may evict a site's storage: under storage pressure, and Safari after 7 days without a
//! visit unless the app is on the home screen. `navigator.storage.persist()` asks for an exemption
//! (Chromium decides by itself, mostly granting it to installed apps; Firefox asks the learner),
//! so it is requested once the learner has progress worth keeping. When the answer is no, the app
//! says so and suggests installing it and exporting a backup.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::platform::local_storage;
use crate::state::AppState;

/// Answers after which progress is worth asking the browser to keep (one sitting).
const WORTH_KEEPING: usize = 5;
const HINT_DISMISSED_KEY: &str = "prepwise.storage-hint-dismissed";
/// A dismissed hint comes back after this long, if storage is still not persistent.
const HINT_QUIET_MS: i64 = 30 * 86_400_000;

#[derive(Clone, Copy)]
pub struct Durability {
    /// Whether the browser promised to keep this site's storage; `None` while unknown or where
    /// the browser does not say.
    pub persisted: RwSignal<Option<bool>>,
    /// Bytes used and available to this site, as the browser estimates them.
    pub usage: RwSignal<Option<(f64, f64)>>,
    /// The browser's deferred install prompt (Chromium), when it offered one.
    install_prompt: StoredValue<Option<JsValue>, LocalStorage>,
    pub can_install: RwSignal<bool>,
    hint_dismissed: RwSignal<bool>,
    /// Whether the browser was asked on this page (to say what it answered, and to ask
    /// unprompted only once).
    pub asked: RwSignal<bool>,
}

/// Puts [`Durability`] in context, reads the current state, and asks for persistence once the
/// learner has progress worth keeping.
pub fn provide_durability(state: AppState) -> Durability {
    let durability = Durability {
        persisted: RwSignal::new(None),
        usage: RwSignal::new(None),
        install_prompt: StoredValue::new_local(None),
        can_install: RwSignal::new(false),
        hint_dismissed: RwSignal::new(hint_dismissed_recently()),
        asked: RwSignal::new(false),
    };
    provide_context(durability);
    durability.listen_for_install_prompt();
    spawn_local(async move {
        durability.persisted.set(persistence(false).await);
    });
    Effect::new(move |_| {
        let worth_keeping = state.is_loaded() && state.events.with(Vec::len) >= WORTH_KEEPING;
        if worth_keeping && durability.persisted.get() == Some(false) {
            durability.request_once();
        }
    });
    durability
}

pub fn use_durability() -> Durability {
    expect_context::<Durability>()
}

impl Durability {
    /// Asks the browser to keep this site's storage, unprompted: once per page, since Firefox
    /// asks the learner each time.
    fn request_once(&self) {
        if !self.asked.get_untracked() {
            self.ask();
        }
    }

    /// Asks the browser to keep this site's storage (the learner pressed a button).
    pub fn ask(&self) {
        self.asked.set(true);
        let this = *self;
        spawn_local(async move {
            if let Some(granted) = persistence(true).await {
                this.persisted.set(Some(granted));
            }
        });
    }

    /// Reads the browser's estimate of the space used and available (for Settings, which calls
    /// it when it opens: nothing else needs it).
    pub fn refresh_usage(&self) {
        let usage = self.usage;
        spawn_local(async move {
            let Some(promise) = storage_manager().and_then(|m| m.estimate().ok()) else {
                return;
            };
            let Ok(estimate) = JsFuture::from(promise).await else {
                return;
            };
            let number = |key: &str| {
                js_sys::Reflect::get(&estimate, &key.into())
                    .ok()
                    .and_then(|v| v.as_f64())
            };
            if let (Some(used), Some(quota)) = (number("usage"), number("quota")) {
                usage.set(Some((used, quota)));
            }
        });
    }

    /// Whether to suggest installing and a backup: progress worth keeping, not persistent.
    pub fn hint_visible(&self, state: AppState) -> bool {
        // Only once the browser was asked on this page and said no: before that, "not
        // persisted" only means "not asked yet" (Settings shows the same answer).
        self.asked.get()
            && self.persisted.get() == Some(false)
            && !self.hint_dismissed.get()
            && state.events.with(Vec::len) >= WORTH_KEEPING
    }

    pub fn dismiss_hint(&self) {
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(HINT_DISMISSED_KEY, &crate::platform::now_ms().to_string());
        }
        self.hint_dismissed.set(true);
    }

    /// Shows the browser's install dialog (only offered when the browser provided one).
    pub fn install(&self) {
        let Some(prompt) = self.install_prompt.get_value() else {
            return;
        };
        self.install_prompt.set_value(None);
        self.can_install.set(false);
        let show = js_sys::Reflect::get(&prompt, &"prompt".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(show) = show {
            let _ = show.call0(&prompt);
        }
    }

    fn listen_for_install_prompt(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let this = *self;
        let on_prompt = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            // Keep the browser's mini-infobar away; the app offers installing where it helps.
            event.prevent_default();
            this.install_prompt.set_value(Some(event.into()));
            this.can_install.set(true);
        });
        let on_installed = Closure::<dyn FnMut()>::new(move || {
            this.can_install.set(false);
            spawn_local(async move {
                this.persisted.set(persistence(false).await);
            });
        });
        let _ = window.add_event_listener_with_callback(
            "beforeinstallprompt",
            on_prompt.as_ref().unchecked_ref(),
        );
        let _ = window.add_event_listener_with_callback(
            "appinstalled",
            on_installed.as_ref().unchecked_ref(),
        );
        // Listening for the page's lifetime.
        on_prompt.forget();
        on_installed.forget();
    }
}

fn hint_dismissed_recently() -> bool {
    local_storage()
        .and_then(|s| s.get_item(HINT_DISMISSED_KEY).ok().flatten())
        .and_then(|at| at.parse::<i64>().ok())
        .is_some_and(|at| crate::platform::now_ms() - at < HINT_QUIET_MS)
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    // `navigator.storage` is missing on insecure origins and old browsers.
    let navigator = web_sys::window()?.navigator();
    let manager = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    manager.dyn_into().ok()
}

/// `navigator.storage.persist()` (`ask`) or `.persisted()`: the browser's answer, `None` if it
/// has none.
async fn persistence(ask: bool) -> Option<bool> {
    let manager = storage_manager()?;
    let promise = if ask {
        manager.persist()
    } else {
        manager.persisted()
    }
    .ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Bytes as a person reads them: "340 KB", "1.3 MB". Integer arithmetic only: formatting a
/// float would pull float printing into the wasm.
pub fn human_bytes(bytes: f64) -> String {
    let bytes = bytes.max(0.0) as u64;
    // Tenths of the unit, rounded half up.
    let tenths = |unit: u64| (bytes * 10 + unit / 2) / unit;
    match bytes {
        b if b < 1_000 => format!("{b} bytes"),
        b if b < 1_000_000 => format!("{} KB", (b + 500) / 1_000),
        b if b < 1_000_000_000 => {
            let t = tenths(1_000_000);
            format!("{}.{} MB", t / 10, t % 10)
        }
        _ => {
            let t = tenths(1_000_000_000);
            format!("{}.{} GB", t / 10, t % 10)
        }
    }
}

/// Downloads the whole log as `prepwise-backup-<date>.json`.
pub fn download_backup(state: AppState) {
    let json = state
        .events
        .with_untracked(|events| crate::backup::export(events, crate::platform::now_ms()));
    let name = format!("prepwise-backup-{}.json", crate::platform::today());
    let download = || -> Option<()> {
        let parts = js_sys::Array::of1(&JsValue::from_str(&json));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = web_sys::window()?.document()?;
        let anchor: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        anchor.set_href(&url);
        anchor.set_download(&name);
        anchor.click();
        web_sys::Url::revoke_object_url(&url).ok()
    };
    if download().is_none() {
        state.notice.set(Some(
            "The backup could not be saved: this browser refused the download.".into(),
        ));
    }
}

/// Whether this is iOS or iPadOS Safari outside the home screen: there the browser offers no
/// install prompt, and the way to install is Share, then Add to Home Screen.
pub fn ios_browser_tab() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let agent = navigator.user_agent().unwrap_or_default();
    // iPadOS reports itself as a Mac; only the touch points tell it apart.
    let ios = agent.contains("iPhone")
        || agent.contains("iPad")
        || agent.contains("iPod")
        || (agent.contains("Macintosh") && navigator.max_touch_points() > 1);
    let standalone = js_sys::Reflect::get(&navigator, &"standalone".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    ios && !standalone
}

#[cfg(test)]
mod tests {
    use super::human_bytes;

    #[test]
    fn bytes_read_as_people_say_them() {
        assert_eq!(human_bytes(512.0), "512 bytes");
        assert_eq!(human_bytes(340_200.0), "340 KB");
        assert_eq!(human_bytes(1_260_000.0), "1.3 MB");
        assert_eq!(human_bytes(999_999.0), "1000 KB");
        assert_eq!(human_bytes(10_740_003_051.0), "10.7 GB");
        assert_eq!(human_bytes(2_000_000_000.0), "2.0 GB");
    }
}
