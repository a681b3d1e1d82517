//! A code block that fits a phone: lines too long for the screen scroll sideways behind a
//! visible hint, or wrap at the learner's choice (the choice is remembered on this device).

use leptos::html;
use leptos::prelude::*;

use crate::html::Html;

#[component]
pub fn CodeBlock(html: Html) -> impl IntoView {
    let block = NodeRef::<html::Div>::new();
    let overflows = RwSignal::new(false);
    let wrapped = RwSignal::new(crate::settings::wrap_code());
    // Whether any line is wider than the box, measured once it is laid out unwrapped. (Wrapping
    // itself is the root's `data-wrap`, which `set_wrap_code` sets for every code block.)
    Effect::new(move |_| {
        if let Some(pre) = block.get().and_then(|b| b.first_element_child()) {
            if !wrapped.get() {
                overflows.set(pre.scroll_width() > pre.client_width() + 1);
            }
        }
    });
    let toggle = move |_| {
        let on = !wrapped.get_untracked();
        crate::settings::set_wrap_code(on);
        wrapped.set(on);
    };
    view! {
        <div class="code-wrap">
            <div
                class="code-block"
                class:overflows=move || overflows.get() && !wrapped.get()
                node_ref=block
                inner_html=html.into_inner()
            ></div>
            <Show when=move || overflows.get() || wrapped.get()>
                <div class="code-tools">
                    <span class="scroll-hint" aria-hidden="true">
                        {move || if wrapped.get() { "" } else { "Scroll sideways for more →" }}
                    </span>
                    <button class="link-button" type="button" aria-pressed=move || if wrapped.get() { "true" } else { "false" } on:click=toggle>
                        "Wrap lines"
                    </button>
                </div>
            </Show>
        </div>
    }
}
