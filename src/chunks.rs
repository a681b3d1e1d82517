//! Topic chunks (full question text), fetched once per topic and kept for the session. The
//! service worker serves them offline; their names are content-hashed, so they never go stale.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use engine::{Chunk, CORPUS_FORMAT};
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::corpus::index;

thread_local! {
    static CHUNKS: RefCell<HashMap<u16, Rc<Chunk>>> = RefCell::new(HashMap::new());
}

/// The full text of `topic`'s questions.
pub async fn load_chunk(topic: u16) -> Result<Rc<Chunk>, String> {
    if let Some(chunk) = CHUNKS.with(|c| c.borrow().get(&topic).cloned()) {
        return Ok(chunk);
    }
    let name = index()
        .chunks
        .get(usize::from(topic))
        .ok_or("no such topic")?;
    let bytes = fetch_bytes(&format!("/{name}")).await?;
    let chunk: Chunk =
        postcard::from_bytes(&bytes).map_err(|e| format!("the question file is damaged ({e})"))?;
    if chunk.format != CORPUS_FORMAT {
        return Err("the question file is from another version of the app; reload".into());
    }
    let chunk = Rc::new(chunk);
    CHUNKS.with(|c| c.borrow_mut().insert(topic, chunk.clone()));
    Ok(chunk)
}

/// The text of one question (by index into the bank's items).
pub async fn load_question(item: usize) -> Result<(Rc<Chunk>, usize), String> {
    let meta = index().bank.items.get(item).ok_or("no such question")?;
    let chunk = load_chunk(meta.topic).await?;
    let position = chunk
        .questions
        .iter()
        .position(|q| q.id == meta.id)
        .ok_or("the question is missing from its topic")?;
    Ok((chunk, position))
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| {
            "the questions could not be downloaded; check the connection and try again".to_string()
        })?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "unexpected fetch result")?;
    if !response.ok() {
        return Err(format!(
            "the questions could not be downloaded (HTTP {})",
            response.status()
        ));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| "unreadable response")?)
        .await
        .map_err(|_| "the download was interrupted")?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
