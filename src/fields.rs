//! Typed reading of a YAML mapping written by an editor (front matter, `site.yaml`): each key
//! resolved against a catalogue of Danish keys and their ASCII spellings, unknown keys
//! reported with the closest known one, and each value converted to the type it must have.
//! Every problem becomes a `Diagnostic` on the key's line; reading goes on, so one run
//! reports every mistake in a file.

use crate::diagnostics::Diagnostic;
use crate::model::Date;
use crate::slug::fold_ascii;
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
                        None => d.hint(format!("kendte nøgler er: {}", known_list(specs))),
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

    /// A single line or paragraph of text. Numbers and yes/no are accepted as their text.
    pub fn text(&mut self, key: &str) -> Option<String> {
        let v = self.take(key)?;
        if matches!(v, Value::Number(_) | Value::Bool(_)) {
            // `pris: 12.50` is the text "12.50", not the number 12.5 written back.
            if let Some(raw) = self
                .raw_scalar(key)
                .filter(|raw| crate::yaml::parse(raw).ok() == Some(v.clone()))
            {
                return Some(raw);
            }
        }
        match scalar_text(&v) {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(s.trim().to_string()),
            None => {
                self.error(
                    key,
                    format!("\"{key}\" skal være tekst, men er {}", describe(&v)),
                    format!("skriv teksten direkte efter kolon, fx {key}: Sundhedscenteret"),
                );
                None
            }
        }
    }

    /// A plain one-line value as written after `key:` in the source, comments removed.
    fn raw_scalar(&self, key: &str) -> Option<String> {
        let line = self
            .src
            .yaml
            .lines()
            .nth(self.yaml_line_of(key).checked_sub(1)?)?;
        let (_, rest) = line.split_once(':')?;
        let rest = rest.split(" #").next().unwrap_or(rest).trim();
        (!rest.is_empty() && !rest.starts_with(['"', '\'', '[', '{', '&', '*', '!', '|', '>']))
            .then(|| rest.to_string())
    }

    pub fn required_text(&mut self, key: &str, example: &str) -> Option<String> {
        let t = self.text(key);
        if t.is_none() && !self.has_bad_value(key) {
            self.missing(key, example);
        }
        t
    }

    fn has_bad_value(&self, key: &str) -> bool {
        matches!(self.values.get(key), Some((v, _, _)) if !matches!(v, Value::Null) && scalar_text(v).is_none_or(|s| !s.trim().is_empty()))
    }

    /// A list of texts; a single text is taken as a list of one.
    pub fn text_list(&mut self, key: &str) -> Vec<String> {
        let Some(v) = self.take(key) else {
            return Vec::new();
        };
        let items = as_items(v);
        let places = self.item_places(key, &items);
        let mut out = Vec::new();
        for (item, at) in items.into_iter().zip(places) {
            match scalar_text(&item) {
                Some(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                Some(_) | None if matches!(item, Value::Null) => {}
                Some(_) => {}
                None => self.error_at(
                    key,
                    at,
                    format!(
                        "hvert punkt i \"{key}\" skal være tekst, men et er {}",
                        describe(&item)
                    ),
                    "skriv ét punkt pr. linje med \"- \" foran",
                ),
            }
        }
        out
    }

    /// A list of whole numbers (strategic goals, years); accepts "2, 3 og 4" too.
    pub fn number_list(&mut self, key: &str) -> Vec<u32> {
        let Some(v) = self.take(key) else {
            return Vec::new();
        };
        let items = as_items(v);
        let places = self.item_places(key, &items);
        self.numbers.retain(|(k, _, _)| k != key);
        let mut out = Vec::new();
        for (item, at) in items.into_iter().zip(places) {
            let parsed: Option<Vec<u32>> = match &item {
                Value::Number(n) => n
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .map(|n| vec![n]),
                Value::String(s) => parse_number_phrase(s),
                _ => None,
            };
            match parsed {
                Some(ns) => {
                    if let Some(at) = at {
                        let placed = ns.iter().map(|&n| (key.to_string(), n, at));
                        self.numbers.extend(placed);
                    }
                    out.extend(ns);
                }
                None => self.error_at(
                    key,
                    at,
                    format!(
                        "\"{key}\" skal være hele tal, men indeholder {}",
                        describe(&item)
                    ),
                    format!("skriv tallene som en liste, fx {key}: [2, 3, 4]"),
                ),
            }
        }
        out
    }

    pub fn date(&mut self, key: &str) -> Option<Date> {
        let v = self.take(key)?;
        let s = scalar_text(&v).unwrap_or_default();
        match Date::parse(&s) {
            Some(d) => Some(d),
            None => {
                self.error(
                    key,
                    format!("\"{key}\" skal være en dato, men er {}", describe(&v)),
                    Date::advice(&s).unwrap_or_else(|| {
                        format!("skriv datoen som år-måned-dag, fx {key}: 2021-04-27")
                    }),
                );
                None
            }
        }
    }

    pub fn date_list(&mut self, key: &str) -> Vec<Date> {
        let Some(v) = self.take(key) else {
            return Vec::new();
        };
        let items = as_items(v);
        let places = self.item_places(key, &items);
        let mut out = Vec::new();
        for (item, at) in items.into_iter().zip(places) {
            let text = scalar_text(&item);
            match text.as_deref().and_then(Date::parse) {
                Some(d) => out.push(d),
                None => self.error_at(
                    key,
                    at,
                    format!(
                        "\"{key}\" skal være datoer, men indeholder {}",
                        describe(&item)
                    ),
                    text.as_deref().and_then(Date::advice).unwrap_or_else(|| {
                        format!("skriv datoer som år-måned-dag, fx {key}: [2021-09-01, 2022-01-15]")
                    }),
                ),
            }
        }
        out
    }

    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        let v = self.take(key)?;
        match &v {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match fold_ascii(s.trim()).to_lowercase().as_str() {
                "ja" | "true" => Some(true),
                "nej" | "false" => Some(false),
                _ => {
                    self.error(
                        key,
                        format!(
                            "\"{key}\" skal være ja eller nej (true/false), men er {}",
                            describe(&v)
                        ),
                        format!("skriv {key}: true eller {key}: false"),
                    );
                    None
                }
            },
            _ => {
                self.error(
                    key,
                    format!(
                        "\"{key}\" skal være ja eller nej (true/false), men er {}",
                        describe(&v)
                    ),
                    format!("skriv {key}: true eller {key}: false"),
                );
                None
            }
        }
    }

    /// One word out of a fixed set, e.g. a status.
    pub fn word<T: Copy>(
        &mut self,
        key: &str,
        all: &[T],
        danish: impl Fn(T) -> &'static str + Copy,
    ) -> Option<T> {
        let text = self.text(key)?;
        let found = crate::model::parse_word(all, &text, danish);
        if found.is_none() {
            let words: Vec<&str> = all.iter().map(|&v| danish(v)).collect();
            let near = closest(&text, words.iter().copied());
            let hint = match near {
                Some(w) => format!("mente du \"{w}\"? Mulige værdier: {}", words.join(", ")),
                None => format!("skriv en af: {}", words.join(", ")),
            };
            self.error(
                key,
                format!("\"{text}\" er ikke en gyldig værdi for \"{key}\""),
                hint,
            );
        }
        found
    }

    /// Finishes reading, returning every problem found.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// A list's items, or a single value as a list of one (`tema: Tobak` = `tema: [Tobak]`).
fn as_items(v: Value) -> Vec<Value> {
    match v {
        Value::Sequence(items) => items,
        single => vec![single],
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

/// "2, 3 og 4" / "1,2,3,4" / "Strategimål 2 og 3." → [2, 3, 4] …; `None` if anything else is there.
fn parse_number_phrase(s: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for word in s.split(|c: char| c == ',' || c.is_whitespace() || c == '.') {
        match word {
            "" | "og" => {}
            w => out.push(w.parse().ok()?),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Resolves a key written by an editor to its spec, or suggests the closest known key.
pub fn resolve(name: &str, specs: &[KeySpec]) -> Result<KeySpec, Option<&'static str>> {
    let folded = fold_ascii(name.trim()).to_lowercase();
    specs
        .iter()
        .find(|s| s.name == name || s.ascii == Some(name) || fold_ascii(s.name) == folded)
        .copied()
        .ok_or_else(|| closest(name, specs.iter().map(|s| s.name)))
}

fn known_list(specs: &[KeySpec]) -> String {
    specs.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
}

/// The candidate nearest to `word` by edit distance (on ASCII-folded lower case), if near
/// enough to be a likely typo; else the one candidate `word` begins (`igang` →
/// `igangværende`), when it is at least four letters long.
pub fn closest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let w = fold_ascii(word).to_lowercase();
    let limit = (w.chars().count() / 2).max(3);
    let folded: Vec<(String, &'c str)> = candidates
        .map(|c| (fold_ascii(c).to_lowercase(), c))
        .collect();
    let near = folded
        .iter()
        .map(|(f, c)| (edit_distance(&w, f), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c);
    near.or_else(|| {
        let mut begun = folded
            .iter()
            .filter(|(f, _)| w.chars().count() >= 4 && f.starts_with(&w));
        match (begun.next(), begun.next()) {
            (Some((_, c)), None) => Some(*c),
            _ => None,
        }
    })
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_cut_short_is_recognised() {
        let statuses = ["planlagt", "igangværende", "gennemført", "udsat", "aflyst"];
        assert_eq!(
            closest("igang", statuses.iter().copied()),
            Some("igangværende")
        );
        assert_eq!(
            closest("gennemfort", statuses.iter().copied()),
            Some("gennemført")
        );
        assert_eq!(closest("ig", statuses.iter().copied()), None);
        assert_eq!(closest("xyzxyzxyz", statuses.iter().copied()), None);
    }

    const SPECS: &[KeySpec] = &[
        key("titel"),
        key_ascii("formål", "formaal"),
        key_ascii("aktører", "aktoerer"),
    ];

    #[test]
    fn resolves_ascii_spellings_and_suggests_near_misses() {
        assert_eq!(resolve("formaal", SPECS).map(|s| s.name), Ok("formål"));
        assert_eq!(resolve("aktører", SPECS).map(|s| s.name), Ok("aktører"));
        assert_eq!(
            resolve("formal", SPECS).map(|s| s.name),
            Err(Some("formål"))
        );
        assert_eq!(
            resolve("aktor", SPECS).map(|s| s.name),
            Err(Some("aktører"))
        );
        assert_eq!(resolve("xyzzyplugh", SPECS).map(|s| s.name), Err(None));
    }

    #[test]
    fn number_phrases() {
        assert_eq!(parse_number_phrase("2, 3 og 4"), Some(vec![2, 3, 4]));
        assert_eq!(parse_number_phrase("1,2,3,4"), Some(vec![1, 2, 3, 4]));
        assert_eq!(parse_number_phrase("to og tre"), None);
    }

    /// Reads `yaml` as front matter of a file (after its `---` line), with `år`, `datoer` and
    /// `aktører` keys, and gives each problem's line and column.
    fn read_lists(yaml: &str, check: impl FnOnce(&mut Fields)) -> Vec<(usize, usize, String)> {
        const LISTS: &[KeySpec] = &[
            key_ascii("år", "aar"),
            key("datoer"),
            key_ascii("aktører", "aktoerer"),
        ];
        let text = format!("---\n{yaml}---\n");
        let src = Source {
            file: Path::new("a.md"),
            text: &text,
            yaml,
            line_offset: 1,
        };
        let value = crate::yaml::parse(yaml).expect("valid YAML");
        let mut f = Fields::new(src, value, LISTS);
        check(&mut f);
        f.finish()
            .into_iter()
            .map(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0), d.message))
            .collect()
    }

    fn places(found: &[(usize, usize, String)]) -> Vec<(usize, usize)> {
        found.iter().map(|(l, c, _)| (*l, *c)).collect()
    }

    #[test]
    fn a_bad_list_item_is_placed_at_the_item_not_the_list() {
        let f = read_lists("# et år er forkert\naar: [2020, 20x1]\n", |f| {
            f.number_list("år");
        });
        assert_eq!(places(&f), [(3, 13)], "{f:?}");
        let f = read_lists("år:\n  - 2020\n  - abc\n", |f| {
            f.number_list("år");
        });
        assert_eq!(places(&f), [(4, 5)], "{f:?}");
        let f = read_lists(
            "datoer: [2021-09-01, 1. marts]\naktører:\n- a\n- [b]\n",
            |f| {
                f.date_list("datoer");
                f.text_list("aktører");
            },
        );
        assert_eq!(places(&f), [(2, 22), (5, 3)], "{f:?}");
        // A list the places cannot be told of keeps to the key's value.
        let f = read_lists("år: &y [2020, abc]\n", |f| {
            f.number_list("år");
        });
        assert_eq!(places(&f), [(2, 5)], "{f:?}");
    }

    #[test]
    fn a_callers_check_of_a_number_points_at_its_item() {
        let f = read_lists("aar: [2020, 99999]\n", |f| {
            for n in f.number_list("år") {
                if n > 3000 {
                    f.item_error("år", n, format!("{n} er ikke et gyldigt årstal"), "");
                }
            }
        });
        assert_eq!(places(&f), [(2, 13)], "{f:?}");
        let f = read_lists("år:\n  - 2020\n  - 2, 3 og 99999\n", |f| {
            for n in f.number_list("år") {
                if n > 3000 {
                    f.item_error("år", n, "", "");
                }
            }
        });
        assert_eq!(places(&f), [(4, 5)], "{f:?}");
        // A number read some other way is placed at the key's value.
        let f = read_lists("år: [2020]\n", |f| f.item_error("år", 7, "", ""));
        assert_eq!(places(&f), [(2, 5)], "{f:?}");
    }

    #[test]
    fn a_nested_mappings_value_column_is_counted_in_the_file() {
        const TASK: &[KeySpec] = &[key("tekst"), key("tema")];
        let text = "genveje:\n  - tekst: a\n    tema: Stres\n";
        // As config.rs hands a list item's mapping over: indentation and dashes taken off.
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

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("tema", "tema"), 0);
    }
}
