//! Reading one TOML file of `content/` with spans: syntax errors, unknown fields (with a "did you
//! mean" hint) and type errors all become diagnostics with their line. Shared by every reader
//! (`load` for topics and questions, `tracks` for the role tracks) so none depends on another.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::{did_you_mean, Diagnostics, Location, SourceFile};

pub fn read(path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    match fs::read_to_string(path) {
        Ok(text) => Some(SourceFile::new(path, text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => {
            diags.error(
                &Location {
                    path: path.to_path_buf(),
                    line: 1,
                },
                format!("cannot read: {err}"),
            );
            None
        }
    }
}

pub fn parse<'i>(file: &'i SourceFile, diags: &mut Diagnostics) -> Option<Spanned<DeTable<'i>>> {
    let (table, errors) = DeTable::parse_recoverable(&file.text);
    if errors.is_empty() {
        return Some(table);
    }
    for err in errors {
        let line = err.span().map_or(1, |span| file.line_of(span.start));
        diags.error_with_hint(
            &Location {
                path: file.path.clone(),
                line,
            },
            format!("TOML syntax: {}", err.message().trim()),
            "see content/FORMAT.md",
        );
    }
    None
}

pub fn check_keys(
    file: &SourceFile,
    table: &DeTable<'_>,
    allowed: &[&str],
    what: &str,
    diags: &mut Diagnostics,
) {
    for (key, _) in table.iter() {
        let name: &str = key.get_ref();
        if !allowed.contains(&name) {
            let hint = match did_you_mean(name, allowed) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("{what} fields are: {}", allowed.join(", ")),
            };
            diags.error_with_hint(
                &file.at(key.span().start),
                format!("unknown field `{name}` in {what}"),
                hint,
            );
        }
    }
}

pub fn array_of_tables<'i>(table: &DeTable<'i>, key: &str) -> Vec<Spanned<DeTable<'i>>> {
    let Some((_, value)) = table.iter().find(|(k, _)| k.get_ref() == key) else {
        return Vec::new();
    };
    match value.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::Table(t) => Some(Spanned::new(item.span(), t.clone())),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Deserializes a table after dropping the unknown fields (already reported by `check_keys`).
pub fn deserialize<T: DeserializeOwned>(
    file: &SourceFile,
    table: Spanned<DeTable<'_>>,
    allowed: &[&str],
    what: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    let span = table.span();
    let mut known = DeTable::new();
    for (key, value) in table.into_inner() {
        if allowed.contains(&&**key.get_ref()) {
            known.insert(key, value);
        }
    }
    let value = Spanned::new(span.clone(), DeValue::Table(known));
    match T::deserialize(toml::de::ValueDeserializer::from(value)) {
        Ok(raw) => Some(raw),
        Err(err) => {
            let line = file.line_of(err.span().unwrap_or(span).start);
            diags.error_with_hint(
                &Location {
                    path: file.path.clone(),
                    line,
                },
                format!("{what}: {}", err.message().trim()),
                "see content/FORMAT.md for the fields and their types",
            );
            None
        }
    }
}

pub fn nonempty(
    file: &SourceFile,
    value: &Spanned<String>,
    what: &str,
    diags: &mut Diagnostics,
) -> String {
    let text = value.get_ref().trim().to_string();
    if text.is_empty() {
        diags.error(&file.at(value.span().start), format!("{what} is empty"));
    }
    text
}

pub fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}
