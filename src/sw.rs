//! The service worker (assets/sw.js) from the app's side: registers `/sw.js`, notices when a new
//! build is installed and waiting, and applies it only when the learner agrees: the page posts
//! `skip-waiting` to the waiting worker, which takes control, and the page reloads once on
//! `controllerchange`. The worker never takes over on its own, so a sitting is never cut short
//! and a page never runs with another build's files.

use std::cell::Cell;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(false) };
}

/// Lets [`provide_updates`] register the worker: the real app calls this before mounting;
/// components mounted in tests do not, so they never register one.
pub fn enable() {
    ENABLED.with(|enabled| enabled.set(true));
}

/// New versions of the app, in context.
#[derive(Clone, Copy)]
pub struct Updates {
    /// A new build is installed and waiting for the learner's go-ahead (or another tab already
    /// applied it and this page runs the old one).
    pub ready: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
    /// The learner asked for the update: where to load the app again (this address when
    /// `None`) once the new worker takes control.
    applying: StoredValue<Option<Option<String>>>,
}

/// Puts [`Updates`] in context and, in the real app, registers the service worker.
pub fn provide_updates() -> Updates {
    let updates = Updates {
        ready: RwSignal::new(false),
        registration: StoredValue::new_local(None),
        applying: StoredValue::new(None),
    };
    provide_context(updates);
    if ENABLED.with(Cell::get) {
        if let Some(container) = container() {
            spawn_local(register(container, updates));
        }
    }
    updates
}

pub fn use_updates() -> Updates {
    expect_context::<Updates>()
}

impl Updates {
    /// Applies the waiting build: the worker takes over and the app loads once more, at `to`
    /// or, when `None`, at the same address.
    pub fn apply(&self, to: Option<&str>) {
        let to = to.map(str::to_string);
        self.applying.set_value(Some(to.clone()));
        match self
            .registration
            .with_value(|r| r.as_ref().and_then(ServiceWorkerRegistration::waiting))
        {
            Some(worker) => {
                if worker
                    .post_message(&JsValue::from_str("skip-waiting"))
                    .is_err()
                {
                    reload(to.as_deref());
                }
            }
            // Already active (applied from another tab): this page only needs to reload.
            None => reload(to.as_deref()),
        }
    }
}

/// `navigator.serviceWorker`, absent where service workers are unavailable (http, some
/// private modes).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let container = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    (!container.is_undefined()).then(|| container.unchecked_into())
}

fn reload(to: Option<&str>) {
    if let Some(window) = web_sys::window() {
        let _ = match to {
            Some(to) => window.location().replace(to),
            None => window.location().reload(),
        };
    }
}

/// Calls `f` for as long as the page lives (the listeners are never removed).
fn listener(f: impl FnMut() + 'static) -> js_sys::Function {
    Closure::<dyn FnMut()>::new(f)
        .into_js_value()
        .unchecked_into()
}

async fn register(container: ServiceWorkerContainer, updates: Updates) {
    // The first install also takes control (clients.claim) but changes nothing the page runs:
    // only a change from one controller to another is a new version.
    let had_controller = container.controller().is_some();
    container.set_oncontrollerchange(Some(&listener(move || {
        if let Some(to) = updates.applying.get_value() {
            reload(to.as_deref());
        } else if had_controller {
            updates.ready.set(true);
        }
    })));

    let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else {
        return; // no offline support this time; the app works online as before
    };
    let registration: ServiceWorkerRegistration = registration.unchecked_into();
    updates.registration.set_value(Some(registration.clone()));

    let controlled = {
        let container = container.clone();
        move || container.controller().is_some()
    };
    if registration.waiting().is_some() && controlled() {
        updates.ready.set(true);
    }
    let watched = registration.clone();
    registration.set_onupdatefound(Some(&listener(move || {
        let Some(worker) = watched.installing() else {
            return;
        };
        let installed = worker.clone();
        let controlled = controlled.clone();
        worker.set_onstatechange(Some(&listener(move || {
            if installed.state() == ServiceWorkerState::Installed && controlled() {
                updates.ready.set(true);
            }
        })));
    })));

    // Look for a new build whenever the app comes back to the foreground (the browser itself
    // checks only on navigations, and this app rarely navigates).
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let visible = document.clone();
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            &listener(move || {
                if !visible.hidden() {
                    if let Ok(promise) = registration.update() {
                        // Offline, the check fails; that is no error.
                        spawn_local(async move {
                            let _ = JsFuture::from(promise).await;
                        });
                    }
                }
            }),
        );
    }
}
