//! Writing the compiled corpus: `index.bin` (embedded in the app) and one content-hashed chunk
//! per topic under `public/corpus/` (copied into `dist/corpus/` by Trunk).

use std::fs;
use std::io;
use std::path::Path;

use engine::{Chunk, Index, TrackMeta, TrackTopic, CORPUS_FORMAT};
use sha2::{Digest, Sha256};

use crate::model::Corpus;
use crate::render::{bank, chunks, Renderer};

/// What a build wrote.
pub struct Written {
    pub index_bytes: usize,
    /// (file name relative to the corpus folder, bytes)
    pub chunks: Vec<(String, usize)>,
}

/// Renders the corpus and returns the serialized index and chunks, without touching the disk.
pub fn compile_bytes(corpus: &Corpus, renderer: &Renderer) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let chunk_files: Vec<(String, Vec<u8>)> = chunks(corpus, renderer)
        .iter()
        .map(|chunk: &Chunk| {
            let bytes = postcard::to_allocvec(chunk).expect("a chunk always serializes");
            (
                format!("corpus/{}.{}.bin", chunk.topic, short_hash(&bytes)),
                bytes,
            )
        })
        .collect();
    let index = Index {
        format: CORPUS_FORMAT,
        bank: bank(corpus),
        chunks: chunk_files.iter().map(|(name, _)| name.clone()).collect(),
        tracks: tracks(corpus),
    };
    let index_bytes = postcard::to_allocvec(&index).expect("the index always serializes");
    (index_bytes, chunk_files)
}

/// The tracks as the app sees them: topics by their position in the bank (display order).
fn tracks(corpus: &Corpus) -> Vec<TrackMeta> {
    corpus
        .tracks
        .iter()
        .map(|track| TrackMeta {
            slug: track.slug.clone(),
            title: track.title.clone(),
            description: track.description.clone(),
            topics: track
                .topics
                .iter()
                .map(|t| TrackTopic {
                    topic: t.topic as u16,
                    weight: t.weight,
                })
                .collect(),
        })
        .collect()
}

/// Writes `out/index.bin` and `out/public/corpus/*.bin`, replacing an earlier build's chunks.
pub fn write(corpus: &Corpus, renderer: &Renderer, out: &Path) -> io::Result<Written> {
    let (index, chunk_files) = compile_bytes(corpus, renderer);
    let public = out.join("public");
    let chunk_dir = public.join("corpus");
    if chunk_dir.exists() {
        fs::remove_dir_all(&chunk_dir)?;
    }
    fs::create_dir_all(&chunk_dir)?;
    for (name, bytes) in &chunk_files {
        fs::write(public.join(name), bytes)?;
    }
    // Written last and only when changed, so the app rebuilds only for a real change.
    let index_path = out.join("index.bin");
    if fs::read(&index_path).ok().as_deref() != Some(index.as_slice()) {
        fs::write(&index_path, &index)?;
    }
    Ok(Written {
        index_bytes: index.len(),
        chunks: chunk_files
            .iter()
            .map(|(name, bytes)| (name.clone(), bytes.len()))
            .collect(),
    })
}

/// The first 16 hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}
