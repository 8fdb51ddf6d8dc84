//! Typed reading of a YAML mapping written by an editor (front matter, `site.yaml`): each key
//! resolved against a catalogue of Danish keys and their ASCII spellings, unknown keys
//! reported with the closest known one, and each value converted to the type it must have.
//! Every problem becomes a `Diagnostic` on the key's line; reading goes on, so one run
//! reports every mistake in a file.
//!
//! This file holds the mapping and its places (which key is on which line, how a problem is
//! placed); `typed` converts values (text, lists, numbers, dates, yes/no, fixed words);
//! `suggest` finds the near miss for "mente du …?"; `address` says what an e-mail address and
//! a web link must look like. Nothing here knows which keys a file has: callers bring their
//! catalogue.

mod address;
mod suggest;
mod typed;

pub(crate) use address::{is_email, is_safe_url};
pub use suggest::{closest, resolve};

use crate::diagnostics::Diagnostic;
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A key an editor may write: its Danish spelling and, when it has æ/ø/å, the ASCII one.
#[derive(Debug, Clone, Copy)]
pub struct KeySpec {
    pub name: &'static str,
    pub ascii: Option<&'static str>,
}

pub const fn key(name: &'static str) -> KeySpec {
    KeySpec { name, ascii: None }
}

pub const fn key_ascii(name: &'static str, ascii: &'static str) -> KeySpec {
    KeySpec {
        name,
        ascii: Some(ascii),
    }
}

/// Where the YAML sits in its file, for turning YAML lines into file lines.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub file: &'a Path,
    /// The whole file, for snippets.
    pub text: &'a str,
    /// The YAML text alone, for finding keys.
    pub yaml: &'a str,
    /// How many file lines come before the YAML's first line.
    pub line_offset: usize,
}

impl<'a> Source<'a> {
    pub fn error(&self, yaml_line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        let line = yaml_line + self.line_offset;
        Diagnostic::error(self.file, message).at(self.text, line, column)
    }
}

/// The values of one mapping, by canonical key, with the line each was written on.
pub struct Fields<'a> {
    src: Source<'a>,
    /// Each value with its key's YAML line (1 when the key's line was not found) and
    /// whether it was found.
    values: BTreeMap<&'static str, (Value, usize, bool)>,
    /// Where each number read by `number_list` was written (file line and column), by key,
    /// so that a caller's check of a number can point at the item it came from.
    numbers: Vec<(String, u32, (usize, usize))>,
    /// A mapping inside another (a contact, a key figure): missing keys are reported on the
    /// parent key's line rather than at the top of the file.
    pub nested: bool,
    /// Keys suggested for misspelt ones: their absence is already explained.
    suggested: Vec<&'static str>,
    /// The value was not a mapping at all (already reported): no key is "missing" then.
    not_a_mapping: bool,
    /// Problems found so far, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    /// A mapping inside another (a contact, a theme, a key figure), whose YAML text `yaml`
    /// starts after `line_offset` lines of the file: checked like `new`, and missing keys are
    /// reported on the parent key's line.
    pub fn nested(
        src: Source<'a>,
        line_offset: usize,
        yaml: &'a str,
        value: Value,
        specs: &[KeySpec],
    ) -> Fields<'a> {
        let src = Source {
            line_offset,
            yaml,
            ..src
        };
        let mut fields = Fields::new(src, value, specs);
        fields.nested = true;
        fields
    }

    /// Checks that `value` is a mapping of known keys, reporting unknown ones.
    pub fn new(src: Source<'a>, value: Value, specs: &[KeySpec]) -> Fields<'a> {
        let mut fields = Fields {
            src,
            values: BTreeMap::new(),
            numbers: Vec::new(),
            nested: false,
            suggested: Vec::new(),
            not_a_mapping: false,
            diagnostics: Vec::new(),
        };
        let map = match value {
            Value::Mapping(m) => m,
            Value::Null => return fields,
            other => {
                fields.not_a_mapping = true;
                fields.diagnostics.push(
                    src.error(
                        1,
                        1,
                        format!(
                            "forventede nøgler som \"titel: …\", men fandt {}",
                            describe(&other)
                        ),
                    )
                    .hint("skriv én nøgle pr. linje, fx titel: Mental balance"),
                );
                return fields;
            }
        };
        for (k, v) in map {
            let Some(name) = key_text(&k) else {
                fields.diagnostics.push(
                    src.error(
                        1,
                        1,
                        format!("en nøgle skal være et ord, ikke {}", describe(&k)),
                    )
                    .hint("skriv nøglen som et ord efterfulgt af kolon, fx tema: Tobak"),
                );
                continue;
            };
            let found = crate::yaml::top_level_key_line(src.yaml, &name);
            let line = found.unwrap_or(1);
            match resolve(&name, specs) {
                Ok(spec) => {
                    if let Some((_, first, _)) = fields.values.get(spec.name) {
                        let first = first + src.line_offset;
                        fields.diagnostics.push(
                            src.error(
                                line,
                                1,
                                format!(
                                    "nøglen \"{}\" står der to gange (også i linje {first})",
                                    spec.name
                                ),
                            )
                            .hint("slet den ene, så nøglen kun står én gang"),
                        );
                    } else {
                        fields.values.insert(spec.name, (v, line, found.is_some()));
                    }
                }
                Err(suggestion) => {
                    let d = src.error(line, 1, format!("ukendt nøgle \"{name}\""));
                    let d = match suggestion {
                        Some(s) => {
                            fields.suggested.push(s);
                            d.hint(format!("mente du \"{s}\"?"))
                        }
                        None => d.hint(format!("kendte nøgler er: {}", suggest::known_list(specs))),
                    };
                    fields.diagnostics.push(d);
                }
            }
        }
        fields
    }

    pub fn source(&self) -> Source<'a> {
        self.src
    }

    /// The line (in the file) a key was written on, or the first line of the YAML.
    pub fn line_of(&self, key: &str) -> usize {
        self.values.get(key).map_or(1, |(_, l, _)| *l) + self.src.line_offset
    }

    fn yaml_line_of(&self, key: &str) -> usize {
        self.values.get(key).map_or(1, |(_, l, _)| *l)
    }

    /// Reports a problem with the value of `key`, on its line.
    pub fn error(&mut self, key: &str, message: impl Into<String>, hint: impl Into<String>) {
        let line = self.yaml_line_of(key);
        // The column is counted in the file's own line: the YAML handed to a nested
        // mapping has its indentation and list dashes taken off.
        let col = match self.src.yaml.lines().nth(line - 1) {
            Some(_) => self
                .src
                .text
                .lines()
                .nth(line - 1 + self.src.line_offset)
                .map_or(1, crate::yaml::value_column),
            None => 1,
        };
        let d = self.src.error(line, col, message).hint(hint);
        self.diagnostics.push(d);
    }

    /// Reports a problem with one item of `key`'s list at the item (file line and column),
    /// or, when the item's place is not known, as `error` does.
    fn error_at(
        &mut self,
        key: &str,
        at: Option<(usize, usize)>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        match at {
            Some((line, column)) => {
                let d = Diagnostic::error(self.src.file, message)
                    .at(self.src.text, line, column)
                    .hint(hint);
                self.diagnostics.push(d);
            }
            None => self.error(key, message, hint),
        }
    }

    /// Reports a problem with the number `n` of `key`, read by `number_list`: at the list
    /// item it was written in (`år: [2020, 99999]` points at `99999`), else as `error`.
    pub fn item_error(
        &mut self,
        key: &str,
        n: u32,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let at = self
            .numbers
            .iter()
            .find(|(k, m, _)| k == key && *m == n)
            .map(|(_, _, at)| *at);
        self.error_at(key, at, message, hint);
    }

    /// Where each of `items` (the value of `key` as a list) is written in the file, one place
    /// per item, when every item can be found.
    fn item_places(&self, key: &str, items: &[Value]) -> Vec<Option<(usize, usize)>> {
        let places = match self.values.get(key) {
            Some((_, line, true)) => crate::yaml::list_item_places(
                self.src.text,
                line + self.src.line_offset,
                self.src.line_offset + self.src.yaml.lines().count(),
            ),
            _ => None,
        };
        match places {
            Some(p) if p.len() == items.len() => p.into_iter().map(Some).collect(),
            _ => vec![None; items.len()],
        }
    }

    /// Reports a key that must be there and is not, at the start of the front matter.
    pub fn missing(&mut self, key: &str, example: &str) {
        if self.suggested.contains(&key) || self.not_a_mapping {
            return;
        }
        if self.values.contains_key(key) {
            // `tema: null`, `titel: ""`: the line is there, its value is not.
            self.error(
                key,
                format!("nøglen \"{key}\" er tom"),
                format!("skriv en værdi efter kolon, fx {key}: {example}"),
            );
            return;
        }
        let line = if self.nested {
            self.src.line_offset + 1
        } else {
            self.src.line_offset.max(1)
        };
        let d = Diagnostic::error(self.src.file, format!("nøglen \"{key}\" mangler"))
            .at(self.src.text, line, 1)
            .hint(format!("tilføj en linje, fx {key}: {example}"));
        self.diagnostics.push(d);
    }

    /// Takes the raw value of a key, if present and not empty (`""` counts as empty).
    pub fn take(&mut self, key: &str) -> Option<Value> {
        match self.values.get(key) {
            Some((Value::Null, _, _)) | None => None,
            // `key: ""` is an empty field, as if the line were not there.
            Some((Value::String(t), _, _)) if t.trim().is_empty() => None,
            Some((v, _, _)) => Some(v.clone()),
        }
    }

    /// Finishes reading, returning every problem found.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Text of a scalar (strings, numbers, booleans); `None` for lists and mappings.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(true) => Some("true".into()),
        Value::Bool(false) => Some("false".into()),
        Value::Tagged(t) => scalar_text(&t.value),
        Value::Null => Some(String::new()),
        _ => None,
    }
}

fn key_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Describes a YAML value in plain Danish for messages.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "tom".into(),
        Value::Bool(b) => format!("ja/nej-værdien {b}"),
        Value::Number(n) => format!("tallet {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            if short.len() < s.len() {
                format!("teksten \"{short}…\"")
            } else {
                format!("teksten \"{short}\"")
            }
        }
        Value::Sequence(_) => "en liste".into(),
        Value::Mapping(_) => "en gruppe af nøgler".into(),
        Value::Tagged(_) => "en værdi med et YAML-mærke (!)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_mappings_value_column_is_counted_in_the_file() {
        const TASK: &[KeySpec] = &[key("tekst"), key("tema")];
        let text = "genveje:\n  - tekst: a\n    tema: Stres\n";
        // As config/ hands a list item's mapping over: indentation and dashes taken off.
        let yaml = "tekst: a\ntema: Stres\n";
        let src = Source {
            file: Path::new("site.yaml"),
            text,
            yaml,
            line_offset: 1,
        };
        let value = crate::yaml::parse(yaml).expect("valid YAML");
        let mut f = Fields::new(src, value, TASK);
        f.error("tema", "temaet findes ikke", "");
        let d = &f.finish()[0];
        assert_eq!((d.line, d.column), (Some(3), Some(11)), "{d:?}");
    }
}
