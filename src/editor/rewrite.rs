//! Changes one top-level key of a file's front matter, and nothing else: the other lines, the
//! comments, the key order and the body stay byte for byte. A value is written plain when
//! YAML reads it back as the same text, else quoted; text of several lines as a `|` block; a
//! list as `[a, b]` (themes, goals; one item alone) or as `- ` rows (names). A comment after
//! the old value on the key's line is kept.

use crate::fields::scalar_text;

/// The lines (0-based, end exclusive) that the value of the top-level `key` (or its ASCII
/// spelling) takes in `yaml`, and which spelling the file uses.
fn key_lines(yaml: &str, keys: &[&str]) -> Option<(usize, usize)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let start = keys
        .iter()
        .find_map(|k| crate::yaml::top_level_key_line(yaml, k))?
        - 1;
    let mut end = start + 1;
    // The value goes on while lines are indented (or a list at the key's own indentation);
    // blank lines and comments at the margin belong to it only when more of it follows
    // (`aktører:` / `  - A` / `# note` / `  - B` is one list).
    let mut last = end;
    while end < lines.len() {
        let l = lines[end];
        if l.trim().is_empty() || l.starts_with('#') {
            end += 1;
            continue;
        }
        if l.starts_with([' ', '\t']) || l.starts_with("- ") || l == "-" {
            end += 1;
            last = end;
            continue;
        }
        break;
    }
    Some((start, last))
}

/// The value of the top-level `key` in `yaml` as one text (`None` when it is absent or not
/// text), for comparing what a form sends with what the file holds.
pub fn value(parsed: &serde_yaml::Value, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| parsed.get(*k))
        .and_then(scalar_text)
}

/// The items of the top-level `key`: a list's, or a single value as one item.
pub fn items(parsed: &serde_yaml::Value, keys: &[&str]) -> Vec<String> {
    match keys.iter().find_map(|k| parsed.get(*k)) {
        Some(serde_yaml::Value::Sequence(list)) => list.iter().filter_map(scalar_text).collect(),
        Some(v) => scalar_text(v).into_iter().collect(),
        None => Vec::new(),
    }
}

/// A new value for a key.
#[derive(Debug, Clone, Copy)]
pub enum New<'a> {
    Text(&'a str),
    /// `[a, b]`, or `a` alone.
    Flow(&'a [String]),
    /// One `- item` row each.
    Rows(&'a [String]),
    /// A mapping of texts, one `key: value` line each, indented under the key.
    Parts(&'a [(&'a str, String)]),
    /// A list of mappings: `- first: …` and the rest indented under it.
    Table(&'a [Vec<(&'a str, String)>]),
}

/// `item` as YAML where `wrap` puts it (`k: [{}]`, `k:\n  - {}`): plain when it reads back the
/// same, else quoted.
fn item(value: &str, wrap: &str) -> String {
    let same = crate::yaml::parse(&wrap.replace("{}", value))
        .ok()
        .and_then(|v| match v.get("k") {
            Some(serde_yaml::Value::Sequence(l)) => l.first().and_then(scalar_text),
            Some(other) => scalar_text(other),
            None => None,
        })
        .is_some_and(|v| v == value);
    if same && !value.is_empty() {
        value.to_string()
    } else {
        crate::text::yaml_string(value)
    }
}

/// The comment after a one-line value (` # …`), when the line has one.
fn trailing_comment<'a>(key: &str, line: &'a str) -> Option<&'a str> {
    let whole = crate::yaml::parse(line).ok()?;
    let whole = whole.get(key).and_then(scalar_text);
    line.match_indices(" #").find_map(|(i, _)| {
        let before = crate::yaml::parse(&line[..i]).ok()?;
        // The spaces before `#` go with the comment, as they were.
        let start = line[..i].trim_end().len();
        (before.get(key).and_then(scalar_text) == whole).then_some(&line[start..])
    })
}

/// `key: value` as YAML.
fn entry(key: &str, value: New) -> String {
    match value {
        New::Text(text) => text_entry(key, text),
        New::Flow([one]) => format!("{key}: {}", item(one, "k: {}")),
        New::Flow(list) => {
            let items: Vec<String> = list.iter().map(|i| item(i, "k: [{}]")).collect();
            format!("{key}: [{}]", items.join(", "))
        }
        New::Parts(parts) => {
            let lines: Vec<String> = parts
                .iter()
                .map(|(k, v)| format!("  {}", text_entry(k, v)))
                .collect();
            format!("{key}:\n{}", lines.join("\n"))
        }
        New::Table(rows) => {
            let mut lines = Vec::new();
            for row in rows {
                for (i, (k, v)) in row.iter().enumerate() {
                    let lead = if i == 0 { "  - " } else { "    " };
                    lines.push(format!("{lead}{}", text_entry(k, v)));
                }
            }
            format!("{key}:\n{}", lines.join("\n"))
        }
        New::Rows(list) => {
            let rows: Vec<String> = list
                .iter()
                .map(|i| format!("  - {}", item(i, "k:\n  - {}")))
                .collect();
            format!("{key}:\n{}", rows.join("\n"))
        }
    }
}

/// `key: value` as YAML: plain when it reads back the same, else quoted; several lines as a
/// literal block.
fn text_entry(key: &str, value: &str) -> String {
    if value.contains('\n') {
        let body: Vec<String> = value
            .lines()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("  {l}")
                }
            })
            .collect();
        return format!("{key}: |\n{}", body.join("\n"));
    }
    let plain = format!("{key}: {value}");
    let same = crate::yaml::parse(&plain)
        .ok()
        .and_then(|v| v.get(key).and_then(scalar_text))
        .is_some_and(|v| v == value);
    if same && !value.is_empty() {
        plain
    } else {
        format!("{key}: {}", crate::text::yaml_string(value))
    }
}

/// `yaml` with the top-level key (`keys`: its spellings, the first written when it is new)
/// set to `value`, or removed when `value` is `None`.
pub fn set(yaml: &str, keys: &[&str], value: Option<New>) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let Some((start, end)) = key_lines(yaml, keys) else {
        let Some(value) = value else {
            return yaml.to_string();
        };
        let mut out = yaml.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&entry(keys[0], value));
        out.push('\n');
        return out;
    };
    // The key as the file spells it.
    let written = keys
        .iter()
        .find(|k| crate::yaml::top_level_key_line(yaml, k) == Some(start + 1))
        .copied()
        .unwrap_or(keys[0]);
    let mut out: Vec<String> = lines[..start].iter().map(|l| l.to_string()).collect();
    if let Some(value) = value {
        let mut new = entry(written, value);
        if end == start + 1 && matches!(value, New::Text(t) if !t.contains('\n')) {
            if let Some(comment) = trailing_comment(written, lines[start]) {
                new.push_str(comment);
            }
        }
        out.push(new);
    }
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    let mut text = out.join("\n");
    if yaml.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "# Rygestop\ntitel: Rygestop   # som i rapporten\nstatus: igangværende\nformål: |\n  Første.\n\n  Anden.\naktører:\n  - Sundhedscenteret\n\nsted: \"Rådhuset\"\n";

    #[test]
    fn one_key_changes_and_every_other_line_stays() {
        let out = set(YAML, &["titel"], Some(New::Text("Rygestop for alle")));
        assert_eq!(
            out,
            YAML.replace(
                "titel: Rygestop   # som",
                "titel: Rygestop for alle   # som"
            )
        );
        let out = set(YAML, &["formål", "formaal"], Some(New::Text("Kun én.")));
        assert_eq!(
            out,
            YAML.replace("formål: |\n  Første.\n\n  Anden.\n", "formål: Kun én.\n")
        );
    }

    #[test]
    fn values_are_quoted_only_when_they_must_be() {
        assert_eq!(
            text_entry("titel", "Status: godt"),
            "titel: \"Status: godt\""
        );
        assert_eq!(
            text_entry("titel", "#1 i Danmark"),
            "titel: \"#1 i Danmark\""
        );
        assert_eq!(text_entry("titel", "- punkt"), "titel: \"- punkt\"");
        assert_eq!(text_entry("titel", "[a, b]"), "titel: \"[a, b]\"");
        assert_eq!(text_entry("titel", " foran"), "titel: \" foran\"");
        assert_eq!(text_entry("sted", "Rådhuset"), "sted: Rådhuset");
        assert_eq!(text_entry("formål", "a\n\nb"), "formål: |\n  a\n\n  b");
    }

    #[test]
    fn lists_are_written_as_the_content_writes_them() {
        let two = ["Tobak".to_string(), "Mental sundhed".to_string()];
        assert_eq!(entry("tema", New::Flow(&two[..1])), "tema: Tobak");
        assert_eq!(
            entry("tema", New::Flow(&two)),
            "tema: [Tobak, Mental sundhed]"
        );
        let goals = ["2".to_string(), "3".to_string()];
        assert_eq!(
            entry("strategimål", New::Flow(&goals)),
            "strategimål: [2, 3]"
        );
        let names = ["Sundhedscenteret".to_string(), "Kultur: idræt".to_string()];
        assert_eq!(
            entry("aktører", New::Rows(&names)),
            "aktører:\n  - Sundhedscenteret\n  - \"Kultur: idræt\""
        );
        let out = set(YAML, &["aktører", "aktoerer"], Some(New::Rows(&names)));
        assert_eq!(
            out,
            YAML.replace(
                "  - Sundhedscenteret\n",
                "  - Sundhedscenteret\n  - \"Kultur: idræt\"\n"
            )
        );
    }

    #[test]
    fn a_comment_between_a_lists_items_is_part_of_the_list() {
        let yaml = "aktører:\n  - A\n# midt i listen\n  - B\n# om sted\nsted: Her\n";
        let names = ["C".to_string()];
        assert_eq!(
            set(yaml, &["aktører"], Some(New::Rows(&names))),
            "aktører:\n  - C\n# om sted\nsted: Her\n"
        );
        assert_eq!(set(yaml, &["aktører"], None), "# om sted\nsted: Her\n");
    }

    #[test]
    fn a_new_key_is_added_and_an_emptied_one_removed() {
        let out = set(
            YAML,
            &["målgruppe", "maalgruppe"],
            Some(New::Text("Voksne")),
        );
        assert_eq!(out, format!("{YAML}målgruppe: Voksne\n"));
        let out = set(YAML, &["sted"], None);
        assert_eq!(out, YAML.replace("sted: \"Rådhuset\"\n", ""));
        let out = set(YAML, &["aktører", "aktoerer"], None);
        assert_eq!(out, YAML.replace("aktører:\n  - Sundhedscenteret\n", ""));
    }
}
