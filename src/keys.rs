//! Keyboard shortcuts, in one place: one listener per page that wants keys, and one rule for
//! when a key belongs to a text field instead of the app.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A key press meant for the app: not typed into a field, not a browser or system shortcut,
/// and not while a modal dialog is open (the dialog handles its own keys).
pub fn on_shortcut(handler: impl Fn(&web_sys::KeyboardEvent) + 'static) {
    let listener = window_event_listener(ev::keydown, move |event| {
        mark_keyboard_used();
        if event.ctrl_key() || event.meta_key() || event.alt_key() || event.is_composing() {
            return;
        }
        if event.target().is_some_and(|t| is_editable(&t)) {
            return;
        }
        if dialog_open() && event.key() != "?" {
            return;
        }
        handler(&event);
    });
    on_cleanup(move || listener.remove());
}

/// Whether a key pressed in `target` types text: text inputs of any type, text areas, selects
/// and editable content. Checkboxes, radio buttons and buttons take no text, so shortcuts work
/// while they have the focus.
pub fn is_editable(target: &web_sys::EventTarget) -> bool {
    let Some(element) = target.dyn_ref::<web_sys::HtmlElement>() else {
        return false;
    };
    if element.is_content_editable() {
        return true;
    }
    match element.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            element.get_attribute("type").as_deref(),
            Some("checkbox" | "radio" | "button" | "submit" | "reset" | "range" | "file")
        ),
        _ => false,
    }
}

fn dialog_open() -> bool {
    document()
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some()
}

/// Keyboard hints are shown where a keyboard is likely (a fine pointer that hovers, in CSS),
/// and everywhere once a key has been pressed: this marks the document so.
fn mark_keyboard_used() {
    if let Some(root) = document().document_element() {
        if !root.has_attribute("data-keys") {
            let _ = root.set_attribute("data-keys", "");
        }
    }
}
