//! The in-memory store: same contract as IndexedDB, nothing survives a reload.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use engine::Event;

use super::{Loaded, StoreError};

#[derive(Clone, Default)]
pub struct MemoryStore {
    inner: Rc<RefCell<Inner>>,
}

#[derive(Default)]
struct Inner {
    events: Vec<Event>,
    state: HashMap<String, Vec<u8>>,
}

impl MemoryStore {
    pub fn load(&self) -> Loaded {
        let mut events = self.inner.borrow().events.clone();
        engine::sort_events(&mut events);
        Loaded {
            events,
            ..Loaded::default()
        }
    }

    pub fn append_all(&self, events: &[Event]) -> Result<(), StoreError> {
        let mut inner = self.inner.borrow_mut();
        for event in events {
            if !inner.events.iter().any(|e| e.id == event.id) {
                inner.events.push(event.clone());
            }
        }
        Ok(())
    }

    pub fn clear(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.events.clear();
        inner.state.clear();
    }

    pub fn put_state(&self, key: &str, bytes: Option<&[u8]>) -> Result<(), StoreError> {
        let mut inner = self.inner.borrow_mut();
        match bytes {
            Some(bytes) => inner.state.insert(key.to_string(), bytes.to_vec()),
            None => inner.state.remove(key),
        };
        Ok(())
    }

    pub fn get_state(&self, key: &str) -> Option<Vec<u8>> {
        self.inner.borrow().state.get(key).cloned()
    }
}
