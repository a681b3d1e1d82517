//! Every code-output question is run with `python3`; its real stdout (and the exception it
//! ends with, if any) must equal the marked answer and no distractor. Each snippet runs twice
//! with different hash seeds, so an answer that depends on hash randomisation fails.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use engine::Kind;

/// What a program "outputs" in the content format: stdout with trailing whitespace trimmed,
/// then `raises <Name>` on its own line when it ends with an uncaught exception.
fn observed(code: &str, hash_seed: &str) -> String {
    let mut child = Command::new("python3")
        .arg("-")
        .env("PYTHONHASHSEED", hash_seed)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is installed (./x setup)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(code.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).trim_end().to_string();
    if out.status.success() {
        return stdout;
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let name = last.split(':').next().unwrap_or("").trim();
    let name = name.rsplit('.').next().unwrap_or(name);
    if stdout.is_empty() {
        format!("raises {name}")
    } else {
        format!("{stdout}\nraises {name}")
    }
}

#[test]
fn every_code_output_answer_is_what_python_prints() {
    let version = Command::new("python3")
        .arg("--version")
        .output()
        .expect("python3");
    eprintln!(
        "checking with {}",
        String::from_utf8_lossy(&version.stdout).trim()
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let corpus = content::load(&dir).unwrap_or_else(|d| panic!("content has {} problems", d.len()));
    let questions: Vec<_> = corpus
        .questions
        .iter()
        .filter(|q| q.kind == Kind::CodeOutput)
        .collect();
    assert!(!questions.is_empty());

    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = questions
            .chunks(questions.len().div_ceil(4))
            .map(|batch| {
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for q in batch {
                        let code = &q
                            .code
                            .as_ref()
                            .expect("validated: code_output has code")
                            .text;
                        let first = observed(code, "0");
                        let second = observed(code, "1");
                        let marked = q
                            .correct_choices()
                            .next()
                            .expect("validated: one correct")
                            .text
                            .trim_end();
                        if first != second {
                            failures.push(format!(
                                "{} ({}): output depends on the hash seed:\n{first}\n--\n{second}",
                                q.id, q.location
                            ));
                        } else if first != marked {
                            failures.push(format!(
                                "{} ({}): marked\n{marked}\nbut python3 prints\n{first}",
                                q.id, q.location
                            ));
                        } else if q.distractors().any(|d| d.text.trim_end() == first) {
                            failures.push(format!(
                                "{} ({}): a distractor is also the real output",
                                q.id, q.location
                            ));
                        }
                    }
                    failures
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    eprintln!("{} code-output questions run", questions.len());
    assert!(
        failures.is_empty(),
        "{} wrong:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
