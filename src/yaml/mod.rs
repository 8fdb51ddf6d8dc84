//! The one place YAML is parsed. Everything else sees a `serde_yaml::Value` or a `YamlError`
//! with a line, a column and a Danish explanation, so the parser can be swapped here alone.

mod explain;
mod indentation;

use explain::{
    control_character, duplicate_key, explain, missing_colon, missing_space_after_colon,
    place_unlocated, written_twice,
};
use serde_yaml::Value;

/// A YAML syntax problem, placed within the YAML text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// For a key written twice: the line of its first time (in the YAML text).
    pub first_line: Option<usize>,
}

impl YamlError {
    /// The message, with the first line of a key written twice given as a line of the file
    /// (the YAML text starting after `offset` lines of it).
    pub fn message_in_file(&self, offset: usize) -> String {
        match self.first_line {
            Some(first) => format!("{} (første gang i linje {})", self.message, first + offset),
            None => self.message.clone(),
        }
    }
}

/// Parses YAML text into a value tree. Indentation that would silently change the meaning
/// (an item indented into the text above it) is an error too.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    if let Some(e) = indentation::misleading(text) {
        return Err(e);
    }
    serde_yaml::from_str::<Value>(text).map_err(|e| {
        let raw = e.to_string();
        // The parser places a control character at the start of its line; we find the
        // character itself.
        let own = raw
            .contains("control characters")
            .then(|| control_character(text))
            .flatten();
        let (mut line, mut column) = own
            .or_else(|| e.location().map(|l| (l.line(), l.column())))
            .or_else(|| place_unlocated(&raw, text))
            .unwrap_or((1, 1));
        let (mut message, mut hint) = explain(&raw, text, line);
        let mut first_line = None;
        if let Some(key) = duplicate_key(&raw) {
            // The parser places a key written twice at the start of its mapping: find the
            // second time, and say where the first is.
            if let Some((first, second, col)) = written_twice(text, key) {
                (line, column, first_line) = (second, col, Some(first));
            }
        } else if let Some((at, col)) = ["could not find expected ':'", "did not find expected key"]
            .iter()
            .any(|n| raw.contains(n))
            .then(|| missing_space_after_colon(text, line))
            .flatten()
        {
            // `sted:Rådhuset` is one word to YAML; the error surfaces on a later line.
            (line, column) = (at, col);
            message = "der mangler et mellemrum efter kolonet".into();
            hint =
                Some("skriv et mellemrum mellem kolonet og værdien, fx \"sted: Rådhuset\"".into());
        } else if let Some((at, col, key)) = raw
            .contains("could not find expected ':'")
            .then(|| missing_colon(text, line))
            .flatten()
        {
            // `formål At …`: the parser stumbles on the line after; point at the key's own.
            (line, column) = (at, col);
            message = format!("linjen mangler et kolon efter »{key}«");
            hint = Some(format!(
                "skriv et kolon og et mellemrum efter nøglen, fx »{key}: …«"
            ));
        }
        YamlError {
            line,
            column,
            message,
            hint,
            first_line,
        }
    })
}

/// Where a top-level key is written: its 1-based line and column in the YAML text.
/// Only unindented `key:` lines count, which is where front-matter keys live.
pub(crate) fn top_level_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines().enumerate().find_map(|(i, line)| {
        let unquoted = line.strip_prefix(['"', '\'']).unwrap_or(line);
        let rest = unquoted.strip_prefix(key)?;
        rest.trim_start_matches(['"', '\'', ' '])
            .starts_with(':')
            .then_some(i + 1)
    })
}

/// The line of the first line at or after `from` (1-based) that contains `needle`, for
/// placing problems inside a nested value (a list item, a contact's e-mail).
pub(crate) fn line_containing(text: &str, needle: &str, from: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
}

/// Byte offsets in a `key: value` line of the key's colon and of the value after it (the
/// line's end when nothing follows). Indentation, list dashes and a quoted key are skipped,
/// so `  - "a:b": c` finds the colon after the quote. `None` when the line has no such colon.
fn key_colon_and_value(line: &str) -> Option<(usize, usize)> {
    let start = line.len() - line.trim_start_matches([' ', '-']).len();
    let mut from = start;
    if let Some(q) = line[start..]
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))
    {
        from = line[start + 1..]
            .find(q)
            .map_or(start, |end| start + 1 + end + 1);
    }
    let colon = line[from..]
        .match_indices(':')
        .map(|(i, _)| from + i)
        .find(|&i| line[i + 1..].is_empty() || line[i + 1..].starts_with([' ', '\t']))?;
    let after = &line[colon + 1..];
    Some((
        colon,
        line.len() - after.trim_start_matches([' ', '\t']).len(),
    ))
}

/// The 1-based column (in characters) where the value of the `key: value` line starts: the
/// first character after the colon and its spaces, or just after the colon when the value
/// is written on the lines below (or only a comment follows); 1 when the line has no key.
pub(crate) fn value_column(line: &str) -> usize {
    let line = line.trim_end();
    match key_colon_and_value(line) {
        None => 1,
        Some((colon, value)) if value == line.len() || line[value..].starts_with('#') => {
            line[..=colon].chars().count() + 1
        }
        Some((_, value)) => line[..value].chars().count() + 1,
    }
}

/// Where each item of the list that is the value of the key on line `key_line` starts, as
/// 1-based line and column (in characters), looking no further than line `last_line`: the
/// items of a flow list (`år: [2020, 20x1]`, which may run over several lines), of a block
/// list on the lines below (`- 2020`), or a single value standing for a list of one
/// (`år: 2020`). `None` when the value is written some other way (an anchor, a tag, a
/// mapping, a list that is not closed): then the key's own place is the best there is.
pub(crate) fn list_item_places(
    text: &str,
    key_line: usize,
    last_line: usize,
) -> Option<Vec<(usize, usize)>> {
    let lines: Vec<&str> = text.lines().take(last_line).map(str::trim_end).collect();
    let first = *lines.get(key_line.checked_sub(1)?)?;
    let (_, value) = key_colon_and_value(first)?;
    let rest = &first[value..];
    if rest.is_empty() || rest.starts_with('#') {
        block_items(&lines, key_line)
    } else if rest.starts_with('[') {
        flow_items(&lines, key_line, value)
    } else if rest.starts_with(['&', '*', '!', '{', '|', '>', ']', '}', ',']) {
        None
    } else {
        Some(vec![(key_line, first[..value].chars().count() + 1)])
    }
}

/// The items of the flow list opening at byte `open` of line `key_line`.
fn flow_items(lines: &[&str], key_line: usize, open: usize) -> Option<Vec<(usize, usize)>> {
    let mut places = Vec::new();
    let mut depth = 0usize;
    // The next character that is not a space, at depth 1, begins an item.
    let mut expecting = false;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut closed_single = false;
    // The last character outside quotes that was not a space: a quote after `[`, `{`, `,`
    // or `:` opens a quoted scalar; elsewhere (`Børn's`) it is part of a plain one.
    let mut last = ' ';
    for (i, line) in lines.iter().enumerate().skip(key_line - 1) {
        let start = if i + 1 == key_line { open } else { 0 };
        let mut after_space = true;
        for (b, c) in line[start..].char_indices() {
            if std::mem::take(&mut closed_single) && c == '\'' {
                // `''` inside single quotes is one quote: the scalar goes on.
                quote = Some(c);
                continue;
            }
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if q == '"' && c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                    closed_single = q == '\'';
                    last = c;
                }
                continue;
            }
            if c == ' ' || c == '\t' {
                after_space = true;
                continue;
            }
            if c == '#' && after_space {
                break;
            }
            if expecting && depth == 1 && c != ',' && c != ']' {
                places.push((i + 1, line[..start + b].chars().count() + 1));
                expecting = false;
            }
            match c {
                '[' | '{' => {
                    depth += 1;
                    expecting = depth == 1;
                }
                ']' | '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(places);
                    }
                }
                ',' if depth == 1 => expecting = true,
                '"' | '\'' if matches!(last, '[' | '{' | ',' | ':') => quote = Some(c),
                _ => {}
            }
            last = c;
            after_space = false;
        }
    }
    None
}

/// The items of the block list on the lines after `key_line`: lines beginning with `- ` at
/// one indentation, no less indented than the key (`år:` then `- 2020` is a list too).
fn block_items(lines: &[&str], key_line: usize) -> Option<Vec<(usize, usize)>> {
    let key = lines[key_line - 1];
    let key_indent = key.len() - key.trim_start_matches([' ', '-']).len();
    let mut dash_indent = None;
    let mut places = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(key_line) {
        let text = line.trim_start_matches(' ');
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let indent = line.len() - text.len();
        let is_item = text == "-" || text.starts_with("- ") || text.starts_with("-\t");
        match dash_indent {
            None if is_item && indent >= key_indent => dash_indent = Some(indent),
            None => return None,
            Some(d) if indent < d || indent == d && !is_item => break,
            Some(d) if indent > d => continue,
            Some(_) => {}
        }
        let item = text[1..].trim_start_matches([' ', '\t']);
        let at = if item.is_empty() {
            indent
        } else {
            line.len() - item.len()
        };
        places.push((i + 1, line[..at].chars().count() + 1));
    }
    dash_indent.map(|_| places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_mapping() {
        let v = parse("titel: Mental balance\nstatus: igangværende\n").expect("valid YAML");
        assert_eq!(v["titel"].as_str(), Some("Mental balance"));
    }

    #[test]
    fn colon_in_text_is_explained_with_its_line() {
        let e = parse("titel: ok\nformål: Status: godt i gang\n").expect_err("invalid YAML");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("kolon"), "{e:?}");
        assert!(e.hint.as_deref().unwrap_or("").contains("anførselstegn"));
    }

    #[test]
    fn a_key_repeated_in_a_list_item_is_placed_in_that_item() {
        let text =
            "nøgletal:\n  - label: A\n    værdi: 1\n  - label: B\n    værdi: 2\n    værdi: 3\n";
        let e = parse(text).expect_err("duplicate");
        assert_eq!((e.line, e.column), (6, 5), "{e:?}");
        assert_eq!(e.first_line, Some(5), "{e:?}");
        assert_eq!(e.message, "nøglen værdi står der mere end én gang");
        assert_eq!(
            super::explain::written_twice("a:\n  - x: 1\n  - x: 2\n", "x"),
            None
        );
    }

    #[test]
    fn duplicate_key_is_named() {
        let e = parse("titel: a\ntitel: b\n").expect_err("duplicate");
        assert!(e.message.contains("titel"), "{e:?}");
    }

    #[test]
    fn tab_indentation_is_explained() {
        let e = parse("aktører:\n\t- Sundhedscenter\n").expect_err("tab");
        assert!(e.message.contains("tabulator"), "{e:?}");
    }

    #[test]
    fn hostile_yaml_is_explained_in_danish_at_its_place() {
        let e = parse("titel: a\nsted: \"x\u{7}\"\n").expect_err("control character");
        assert_eq!((e.line, e.column), (2, 9), "{e:?}");
        assert!(e.message.contains("styretegn"), "{e:?}");
        let e = parse("titel: a\n---\ntitel: b\n").expect_err("two documents");
        assert_eq!(e.line, 2, "{e:?}");
        assert!(e.message.contains("mere end ét YAML-dokument"), "{e:?}");
        let e = parse("titel: [a\nstatus: b\n").expect_err("unclosed");
        assert!(e.message.contains("ikke lukket"), "{e:?}");
        let e = parse("år: 18446744073709551616\n").expect_err("too big");
        assert!(e.message.contains("for stort"), "{e:?}");
    }

    #[test]
    fn finds_top_level_keys() {
        let t = "titel: a\nkontakt:\n  navn: b\nstatus: c\n";
        assert_eq!(top_level_key_line(t, "status"), Some(4));
        assert_eq!(top_level_key_line("a: 1\n\"titel\": x\n", "titel"), Some(2));
        assert_eq!(top_level_key_line("titelx: 1\n", "titel"), None);
        assert_eq!(top_level_key_line(t, "navn"), None);
        assert_eq!(line_containing(t, "navn", 2), Some(3));
    }

    #[test]
    fn value_columns_count_characters() {
        assert_eq!(value_column("status: igangværende"), 9);
        assert_eq!(value_column("    tema: Stres"), 11);
        assert_eq!(value_column("  - tekst: Stop: nu"), 12);
        assert_eq!(value_column("åø:   x"), 7);
        assert_eq!(value_column("\"a:b\": c"), 8);
        assert_eq!(value_column("år:"), 4);
        assert_eq!(value_column("år:   # senere"), 4);
        assert_eq!(value_column("ingen nøgle her"), 1);
    }

    #[test]
    fn finds_the_items_of_a_flow_list() {
        let t = "titel: x\når: [2020, 20x1]\n";
        assert_eq!(list_item_places(t, 2, 2), Some(vec![(2, 6), (2, 12)]));
        let t = "år: [ 'a, b', \"c\\\", d\" ,æ, 'it''s, x' ,[1, 2], {k: v},]  # [x, y]\n";
        assert_eq!(
            list_item_places(t, 1, 1),
            Some(vec![(1, 7), (1, 15), (1, 25), (1, 28), (1, 40), (1, 48)])
        );
        let t = "aktører: [Børn's hus, Skolen]\n";
        assert_eq!(list_item_places(t, 1, 1), Some(vec![(1, 11), (1, 23)]));
        let t = "år: [2020,\n     2021, # kommentar, med komma\n  abc]\nx: 1\n";
        assert_eq!(
            list_item_places(t, 1, 4),
            Some(vec![(1, 6), (2, 6), (3, 3)])
        );
        assert_eq!(list_item_places("år: []\n", 1, 1), Some(vec![]));
        assert_eq!(list_item_places("år: [2020, 2021\n", 1, 1), None);
    }

    #[test]
    fn finds_the_items_of_a_block_list() {
        let t = "år:\n  - 2020\n\n  # kommentar\n  -   abc\n  -\n    x\nstatus: y\n";
        assert_eq!(
            list_item_places(t, 1, 8),
            Some(vec![(2, 5), (5, 7), (6, 3)])
        );
        let t = "år:\n- 2020\n- 20x1\nstatus: y\n";
        assert_eq!(list_item_places(t, 1, 4), Some(vec![(2, 3), (3, 3)]));
        // Nested under a list item: the items are indented under the key, not the dash.
        let t = "genveje:\n  - tekst: a\n    tema:\n      - Tobak\n      - Stres\n  - tekst: b\n";
        assert_eq!(list_item_places(t, 3, 6), Some(vec![(4, 9), (5, 9)]));
        // The list stops at the last line the caller allows (the end of the front matter).
        let t = "år:\n  - 2020\n---\n  - 2021\n";
        assert_eq!(list_item_places(t, 1, 2), Some(vec![(2, 5)]));
        // A mapping, or nothing, under the key is not a list.
        assert_eq!(list_item_places("år:\n  a: 1\n", 1, 2), None);
        assert_eq!(list_item_places("år:\nstatus: x\n", 1, 2), None);
    }

    #[test]
    fn a_single_value_is_a_list_of_one_and_odd_values_have_no_items() {
        assert_eq!(list_item_places("år: 2020\n", 1, 1), Some(vec![(1, 5)]));
        assert_eq!(list_item_places("år: &a [1]\n", 1, 1), None);
        assert_eq!(list_item_places("år: [1]\n", 2, 2), None);
        assert_eq!(list_item_places("ingen nøgle\n", 1, 1), None);
    }
}
