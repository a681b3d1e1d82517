//! Record an open answer out loud and play it back beside the key points. The recording lives
//! in this page only (an object URL in memory): never uploaded, never stored, never in a backup,
//! gone when the question is left or the recording deleted. Offered only where the browser can
//! record (MediaRecorder) and has a microphone; when the learner refuses the microphone, the
//! button goes away and says why.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Debug, PartialEq)]
enum Take {
    /// Nothing recorded yet.
    Idle,
    /// Asking for the microphone.
    Asking,
    Recording,
    /// A recording to play: its object URL.
    Done(String),
    /// No microphone after all, or the learner said no.
    Unavailable(&'static str),
}

/// The recorder, while it records: the MediaRecorder, its stream, and the callbacks it holds.
struct Live {
    recorder: web_sys::MediaRecorder,
    stream: web_sys::MediaStream,
    _on_data: Closure<dyn FnMut(web_sys::BlobEvent)>,
    _on_stop: Closure<dyn FnMut()>,
}

#[component]
pub fn Recorder() -> impl IntoView {
    let offered = RwSignal::new(false);
    let take = RwSignal::new(Take::Idle);
    let live = StoredValue::new_local(None::<Live>);
    spawn_local(async move { offered.set(has_microphone().await) });
    on_cleanup(move || {
        stop_live(live);
        if let Some(Take::Done(url)) = take.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });

    let record = move |_| {
        take.set(Take::Asking);
        spawn_local(async move {
            match start(take).await {
                Ok(started) => {
                    live.set_value(Some(started));
                    take.set(Take::Recording);
                }
                Err(why) => take.set(Take::Unavailable(why)),
            }
        });
    };
    let stop = move |_| {
        live.with_value(|l| {
            if let Some(l) = l {
                let _ = l.recorder.stop();
            }
        });
    };
    let delete = move |_| {
        if let Take::Done(url) = take.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
        live.set_value(None);
        take.set(Take::Idle);
    };

    move || {
        offered.get().then(|| {
            view! {
                <div class="recorder">
                    {move || match take.get() {
                        Take::Idle => view! {
                            <button class="button secondary" type="button" on:click=record>"Record your answer"</button>
                        }.into_any(),
                        Take::Asking => view! { <p class="hint" role="status">"Asking for the microphone…"</p> }.into_any(),
                        Take::Recording => view! {
                            <button class="button secondary recording" type="button" on:click=stop>
                                <span class="rec-dot" aria-hidden="true"></span>"Stop recording"
                            </button>
                        }.into_any(),
                        Take::Done(url) => view! {
                            <audio class="playback" controls src=url aria-label="Your recorded answer"></audio>
                            <button class="link-button" type="button" on:click=delete>"Delete recording"</button>
                        }.into_any(),
                        Take::Unavailable(why) => view! { <p class="hint" role="status">{why}</p> }.into_any(),
                    }}
                    <p class="hint recorder-note">"Recordings stay on this device, in this page only: never uploaded, not saved, not in backups."</p>
                </div>
            }
        })
    }
}

/// Whether recording can be offered: MediaRecorder exists and a microphone is listed.
async fn has_microphone() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    if !js_sys::Reflect::has(&window, &JsValue::from_str("MediaRecorder")).unwrap_or(false) {
        return false;
    }
    let Ok(devices) = window.navigator().media_devices() else {
        return false;
    };
    let Ok(promise) = devices.enumerate_devices() else {
        return false;
    };
    let Ok(list) = JsFuture::from(promise).await else {
        return false;
    };
    js_sys::Array::from(&list).iter().any(|d| {
        d.dyn_into::<web_sys::MediaDeviceInfo>()
            .is_ok_and(|d| d.kind() == web_sys::MediaDeviceKind::Audioinput)
    })
}

/// Asks for the microphone and starts recording; when it stops, the recording becomes `take`.
async fn start(take: RwSignal<Take>) -> Result<Live, &'static str> {
    const REFUSED: &str = "The microphone is not available (refused or in use), so there is nothing to record. Say it out loud anyway.";
    let devices = web_sys::window()
        .and_then(|w| w.navigator().media_devices().ok())
        .ok_or(REFUSED)?;
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_audio(&JsValue::TRUE);
    let promise = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(|_| REFUSED)?;
    let stream: web_sys::MediaStream = JsFuture::from(promise)
        .await
        .map_err(|_| REFUSED)?
        .dyn_into()
        .map_err(|_| REFUSED)?;
    let recorder = web_sys::MediaRecorder::new_with_media_stream(&stream).map_err(|_| REFUSED)?;
    let parts = js_sys::Array::new();
    let on_data = {
        let parts = parts.clone();
        Closure::<dyn FnMut(web_sys::BlobEvent)>::new(move |event: web_sys::BlobEvent| {
            if let Some(blob) = event.data() {
                parts.push(&blob);
            }
        })
    };
    let on_stop = {
        let stream = stream.clone();
        Closure::<dyn FnMut()>::new(move || {
            stop_tracks(&stream);
            if let Ok(blob) = web_sys::Blob::new_with_blob_sequence(&parts) {
                if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
                    take.set(Take::Done(url));
                    return;
                }
            }
            take.set(Take::Unavailable("The recording could not be kept."));
        })
    };
    recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
    recorder.set_onstop(Some(on_stop.as_ref().unchecked_ref()));
    recorder.start().map_err(|_| REFUSED)?;
    Ok(Live {
        recorder,
        stream,
        _on_data: on_data,
        _on_stop: on_stop,
    })
}

fn stop_tracks(stream: &web_sys::MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// Stops a recording in progress (leaving the question) and releases the microphone.
fn stop_live(live: StoredValue<Option<Live>, LocalStorage>) {
    live.try_with_value(|l| {
        if let Some(l) = l {
            l.recorder.set_onstop(None);
            let _ = l.recorder.stop();
            stop_tracks(&l.stream);
        }
    });
}
