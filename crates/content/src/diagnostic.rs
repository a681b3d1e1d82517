//! Problems found in content, each pinned to `file:line` with a hint on how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// How much a problem matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Occurs when content breaks a rule: the build produces no corpus.
    Error,
    /// Occurs when content is valid but reads worse than it should (a code line too wide for a
    /// phone): reported by `check`, counted by `build`, never fails either.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in the content.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    pub message: String,
    pub hint: Option<String>,
    /// Last, so that sorting stays by file, line and message.
    pub severity: Severity,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.path.display(),
            self.line,
            self.severity,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {hint}")?;
        }
        Ok(())
    }
}

/// Collects every problem of a run, so one run reports them all.
#[derive(Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(&mut self, at: &Location, message: impl Into<String>) {
        self.push(Severity::Error, at, message.into(), None);
    }

    pub fn error_with_hint(
        &mut self,
        at: &Location,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Error, at, message.into(), Some(hint.into()));
    }

    pub fn warning_with_hint(
        &mut self,
        at: &Location,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Warning, at, message.into(), Some(hint.into()));
    }

    fn push(&mut self, severity: Severity, at: &Location, message: String, hint: Option<String>) {
        self.list.push(Diagnostic {
            path: at.path.clone(),
            line: at.line,
            message,
            hint,
            severity,
        });
    }

    /// The problems, sorted by file and line.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list.sort();
        self.list.dedup();
        self.list
    }
}

/// A place in a content file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)
    }
}

/// Maps byte offsets of one file to 1-based lines.
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: &Path, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.to_path_buf(),
            text,
            line_starts,
        }
    }

    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    pub fn at(&self, offset: usize) -> Location {
        Location {
            path: self.path.clone(),
            line: self.line_of(offset),
        }
    }

    pub fn start(&self) -> Location {
        Location {
            path: self.path.clone(),
            line: 1,
        }
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based_and_count_newlines() {
        let file = SourceFile::new(Path::new("x.toml"), "a\nbc\n\nd".into());
        assert_eq!(file.line_of(0), 1);
        assert_eq!(file.line_of(2), 2);
        assert_eq!(file.line_of(3), 2);
        assert_eq!(file.line_of(5), 3);
        assert_eq!(file.line_of(6), 4);
    }

    #[test]
    fn typo_suggestions_pick_the_nearest_known_field() {
        let fields = ["explanation", "difficulty", "prompt"];
        assert_eq!(did_you_mean("explenation", &fields), Some("explanation"));
        assert_eq!(did_you_mean("dificulty", &fields), Some("difficulty"));
        assert_eq!(did_you_mean("colour", &fields), None);
    }
}
