//! Prepwise's content compiler (host only): reads `content/`, reports every problem at once with
//! `file:line` and a hint, renders Markdown and code to sanitized HTML, and writes the compiled
//! corpus in the engine's types. See `content/FORMAT.md` for the file format.

mod checks;
mod dated;
mod diagnostic;
mod load;
mod model;
mod open;
mod output;
mod render;
mod report;
mod toml_file;
mod tracks;

pub use checks::{NEAR_DUPLICATE_SIMILARITY, NOT_LOCKED};
pub use diagnostic::{Diagnostic, Location, Severity};
pub use load::{load, load_report, CODE_LANGS};
pub use model::{
    Choice, Code, Corpus, Question, Subtopic, Topic, Track, TrackTopic, PHONE_CODE_COLUMNS,
};
pub use output::{compile_bytes, short_hash, write, Written};
pub use render::{bank, Renderer};
pub use report::{correct_is_longest, export, stats};

/// Appends every id of the corpus that `ids.lock` lacks; returns how many were added.
pub fn lock(dir: &std::path::Path, corpus: &Corpus) -> std::io::Result<usize> {
    let path = dir.join("ids.lock");
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        "# Every question id ever shipped. Ids are forever: never delete a line; mark a withdrawn\n\
         # question `<id> retired`. `./x content lock` appends new ids.\n"
            .to_string()
    });
    let known: std::collections::HashSet<String> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    let mut added = 0;
    for q in &corpus.questions {
        if !known.contains(&q.id) {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&q.id);
            text.push('\n');
            added += 1;
        }
    }
    std::fs::write(path, text)?;
    Ok(added)
}
