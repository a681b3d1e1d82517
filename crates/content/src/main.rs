//! `content`: the content compiler's command line.
//!
//! ```text
//! content [--content DIR] check              validate; print every problem
//! content [--content DIR] build --out DIR    validate, render, write the compiled corpus
//! content [--content DIR] stats --json       counts and quality figures
//! content [--content DIR] export --json [--blind]   every question in full
//! content [--content DIR] lock               record new ids in ids.lock
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use content::{Corpus, Renderer};

const USAGE: &str = "usage: content [--content DIR] (check | build --out DIR | stats --json | export --json [--blind] | lock)";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let dir =
        take_value(&mut args, "--content").map_or_else(|| PathBuf::from("content"), PathBuf::from);
    let out = take_value(&mut args, "--out").map(PathBuf::from);
    let json = take_flag(&mut args, "--json");
    let blind = take_flag(&mut args, "--blind");
    let command = match args.as_slice() {
        [command] => command.as_str(),
        _ => return usage(),
    };

    let start = Instant::now();
    let corpus = match command {
        "check" | "build" | "stats" | "export" => match load(&dir) {
            Some(corpus) => corpus,
            None => return ExitCode::FAILURE,
        },
        "lock" => {
            // Lock tolerates exactly the problems it exists to fix: ids not yet in ids.lock.
            let (corpus, diagnostics) = content::load_report(&dir);
            let blocking: Vec<_> = diagnostics
                .iter()
                .filter(|d| d.is_error() && !d.message.contains(content::NOT_LOCKED))
                .collect();
            if !blocking.is_empty() {
                blocking.iter().for_each(|d| eprintln!("{d}"));
                eprintln!("error: fix the problems above before locking ids");
                return ExitCode::FAILURE;
            }
            corpus
        }
        _ => return usage(),
    };

    match command {
        "check" => {
            for warning in &corpus.warnings {
                eprintln!("{warning}");
            }
            eprintln!(
                "content: {} questions in {} topics, no errors, {} warning(s) ({} ms)",
                corpus.questions.len(),
                corpus.topics.len(),
                corpus.warnings.len(),
                start.elapsed().as_millis()
            );
        }
        "build" => {
            let Some(out) = out else { return usage() };
            let renderer = Renderer::new();
            match content::write(&corpus, &renderer, &out) {
                Ok(written) => {
                    // Every app build runs this: a count, not the list (`content check` lists them).
                    if !corpus.warnings.is_empty() {
                        eprintln!(
                            "content: {} warning(s); `./x content check` lists them",
                            corpus.warnings.len()
                        );
                    }
                    let chunk_bytes: usize = written.chunks.iter().map(|(_, n)| n).sum();
                    eprintln!(
                        "content: compiled {} questions in {} topics into {} (index {} B, chunks {} B) in {} ms",
                        corpus.questions.len(),
                        corpus.topics.len(),
                        out.display(),
                        written.index_bytes,
                        chunk_bytes,
                        start.elapsed().as_millis()
                    );
                }
                Err(err) => {
                    eprintln!("error: cannot write {}: {err}", out.display());
                    return ExitCode::FAILURE;
                }
            }
        }
        "stats" | "export" if !json => return usage(),
        "stats" => println!(
            "{}",
            serde_json::to_string_pretty(&content::stats(&corpus)).expect("JSON")
        ),
        "export" => println!(
            "{}",
            serde_json::to_string_pretty(&content::export(&corpus, blind)).expect("JSON")
        ),
        "lock" => match content::lock(&dir, &corpus) {
            Ok(added) => eprintln!(
                "content: added {added} new ids to {}",
                dir.join("ids.lock").display()
            ),
            Err(err) => {
                eprintln!("error: cannot write ids.lock: {err}");
                return ExitCode::FAILURE;
            }
        },
        _ => return usage(),
    }
    ExitCode::SUCCESS
}

fn load(dir: &std::path::Path) -> Option<Corpus> {
    match content::load(dir) {
        Ok(corpus) => Some(corpus),
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            eprintln!(
                "error: {} error(s) in {}",
                diagnostics.iter().filter(|d| d.is_error()).count(),
                dir.display()
            );
            None
        }
    }
}

fn take_value(args: &mut Vec<String>, name: &str) -> Option<String> {
    let at = args.iter().position(|a| a == name)?;
    if at + 1 >= args.len() {
        return None;
    }
    args.remove(at);
    Some(args.remove(at))
}

fn take_flag(args: &mut Vec<String>, name: &str) -> bool {
    let before = args.len();
    args.retain(|a| a != name);
    args.len() != before
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}
