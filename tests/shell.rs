#![cfg(target_arch = "wasm32")]
//! The app shell, mounted in a real browser (headless Chromium via wasm-bindgen-test).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

#[wasm_bindgen_test]
async fn app_renders_the_brand_and_a_page_heading() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), prepwise::App);
    leptos::task::tick().await;

    let brand = host
        .query_selector("header a.brand")
        .unwrap()
        .expect("a brand link");
    assert_eq!(brand.text_content().unwrap(), "Prepwise");
    assert!(
        host.query_selector("main h1").unwrap().is_some(),
        "every page has a heading"
    );
}

#[wasm_bindgen_test]
async fn not_found_page_links_back_home() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), || {
        view! { <prepwise::routes::NotFound /> }
    });
    leptos::task::tick().await;

    assert_eq!(
        host.query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Page not found"
    );
    let link = host
        .query_selector("a.button")
        .unwrap()
        .expect("a way back");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/"));
}
