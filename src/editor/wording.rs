//! The build's problems in the form's own words. The parser speaks of the file (`nøglen
//! "titel" er tom`, "skriv en værdi efter kolon", "skriv udkast: true øverst i filen",
//! "år-måned-dag"); the form has labels, boxes and a date picker. A problem at a field is
//! said with the field's label and what to do on the form ("Skriv en titel"); a problem in a
//! row of key figures names the row and the part ("Nøgletal, række 2: …") and points at that
//! part's box. What this module does not know how to say stays as the parser said it.

use super::catalogue::{Field, Kind};
use super::values::spellings;

/// A problem as the form says it: the message, the hint, and for a field of several boxes
/// the box it is about (its index among the field's controls).
pub struct Worded {
    pub message: String,
    pub hint: Option<String>,
    pub control: Option<usize>,
}

/// What to do with an empty field that must be filled in.
fn fill_in(f: &Field) -> String {
    match (f.key, f.kind) {
        ("titel", _) => "Skriv en titel".into(),
        ("formål", _) => "Skriv formålet med indsatsen".into(),
        (_, Kind::Themes) => "Sæt kryds ved mindst ét tema".into(),
        (_, Kind::Choice(_)) => format!("Vælg {} på listen", f.label.to_lowercase()),
        (_, Kind::Date) => format!("Vælg en dato i »{}«", f.label),
        _ => format!("Udfyld »{}«", f.label),
    }
}

/// Says a problem at field `f` in the form's words. `line_text` is the problem's line of the
/// file; `row` the key figure the line is in (0-based), when `f` is a list of rows.
pub fn at_field(
    f: &Field,
    message: &str,
    hint: Option<&str>,
    line_text: &str,
    row: Option<usize>,
) -> Worded {
    let keys = spellings(f);
    let empty = keys.iter().any(|k| {
        message == format!("nøglen \"{k}\" er tom") || message == format!("nøglen \"{k}\" mangler")
    });
    if empty {
        return Worded {
            message: fill_in(f),
            hint: None,
            control: None,
        };
    }
    if let Kind::Rows(parts) = f.kind {
        return in_row(f, parts, message, hint, line_text, row);
    }
    if let Kind::Parts(parts) = f.kind {
        if let Some(i) = part_on(parts, line_text) {
            let (part, label) = parts[i];
            return Worded {
                message: format!("{}, {}: {message}", f.label, label.to_lowercase()),
                // `skriv fx email: sundhed@…` → `skriv fx sundhed@…`: the box is the key.
                hint: hint.map(|h| h.replace(&format!("{part}: "), "")),
                control: Some(i),
            };
        }
    }
    let mut message = message.to_string();
    for k in &keys {
        message = message.replace(&format!("\"{k}\""), &format!("»{}«", f.label));
    }
    let hint = match f.kind {
        Kind::Date => Some(
            "vælg datoen i kalenderen, eller skriv den som dag, måned og år (dd.mm.åååå)".into(),
        ),
        Kind::Flag => Some(flag_hint(f)),
        // A hint that shows the file's way of writing it (`status: igangværende`) is dropped.
        _ => hint
            .filter(|h| !keys.iter().any(|k| h.contains(&format!("{k}:"))))
            .map(str::to_string),
    };
    Worded {
        message,
        hint,
        control: None,
    }
}

fn flag_hint(f: &Field) -> String {
    format!("sæt kryds i »{}«, eller fjern det", f.label)
}

/// A problem in a row of key figures: which row, which part, in the form's words.
fn in_row(
    f: &Field,
    parts: &[(&str, &str)],
    message: &str,
    hint: Option<&str>,
    line_text: &str,
    row: Option<usize>,
) -> Worded {
    // The part: the key on the problem's line (`    værdi: 38x`), else the one the message
    // names (`nøglen "værdi" mangler`).
    let part = part_on(parts, line_text).or_else(|| {
        parts
            .iter()
            .position(|(p, _)| message.contains(&format!("\"{p}\"")))
    });
    let label = part.map_or("", |i| parts[i].1);
    let said = match part.map(|i| parts[i].0) {
        _ if message.ends_with("\" mangler") || message.ends_with("\" er tom") => {
            format!("udfyld »{label}«")
        }
        Some("værdi") => format!("»{label}« skal være et tal, fx 38; enheden skrives i »Enhed«"),
        Some("år") => format!("»{label}« skal være et årstal med fire cifre, fx 2020"),
        _ => match hint {
            Some(h) if !h.contains(':') => format!("{message}: {h}"),
            _ => message.to_string(),
        },
    };
    let message = match row {
        Some(r) => format!("{}, række {}: {said}", f.label, r + 1),
        None => format!("{}: {said}", f.label),
    };
    Worded {
        message,
        hint: None,
        control: row.zip(part).map(|(r, p)| r * parts.len() + p),
    }
}

/// The part whose key a line of the file writes (`    værdi: 38x` → `værdi`, or its ASCII
/// spelling).
fn part_on(parts: &[(&str, &str)], line_text: &str) -> Option<usize> {
    let on_line = line_text
        .trim_start_matches([' ', '-'])
        .split(':')
        .next()
        .unwrap_or("");
    parts
        .iter()
        .position(|(p, _)| *p == on_line || crate::text::slug::fold_ascii(p) == on_line)
}

/// Says a problem of the whole form or the body in the form's words: the draft line is the
/// "Kladde" box.
pub fn general(hint: Option<&str>) -> Option<String> {
    hint.map(|h| {
        h.replace(
            "skriv udkast: true øverst i filen",
            "sæt kryds i »Kladde«, hvis den ikke skal udgives endnu",
        )
    })
}

/// Which item of the list whose key is on line `key_line` (1-based, in `yaml`) line `line`
/// is in (0-based): the items start with `- ` at the list's indentation.
pub fn row_of(yaml: &str, key_line: usize, line: usize) -> Option<usize> {
    let lines: Vec<&str> = yaml.lines().collect();
    let items: Vec<usize> = (key_line..line.min(lines.len()))
        .filter(|&i| lines[i].trim_start().starts_with("- ") || lines[i].trim() == "-")
        .collect();
    items.len().checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::catalogue::INITIATIVE;

    fn field(key: &str) -> &'static Field {
        INITIATIVE
            .iter()
            .find(|f| f.key == key)
            .expect("a field of the form")
    }

    #[test]
    fn the_form_says_what_to_do_on_the_form() {
        let w = at_field(
            field("titel"),
            "nøglen \"titel\" er tom",
            Some("skriv en værdi efter kolon, fx titel: Rygestop"),
            "titel: \"\"",
            None,
        );
        assert_eq!((w.message.as_str(), w.hint), ("Skriv en titel", None));
        let w = at_field(
            field("status"),
            "\"igang\" er ikke en gyldig værdi for \"status\": mente du \"igangværende\"?",
            None,
            "status: igang",
            None,
        );
        assert_eq!(
            w.message,
            "\"igang\" er ikke en gyldig værdi for »Status«: mente du \"igangværende\"?"
        );
        assert_eq!(
            general(Some("skriv udkast: true øverst i filen, så den ikke bliver udgivet")),
            Some("sæt kryds i »Kladde«, hvis den ikke skal udgives endnu, så den ikke bliver udgivet".into())
        );
    }

    #[test]
    fn a_key_figure_names_its_row_and_part() {
        let yaml = "titel: X\nnøgletal:\n  - label: A\n    værdi: 1\n  - label: B\n    værdi: 3x\n";
        let row = row_of(yaml, 2, 6);
        assert_eq!(row, Some(1));
        let w = at_field(
            field("nøgletal"),
            "værdien \"3x\" er ikke et tal",
            Some("skriv kun tallet, fx værdi: 38"),
            "    værdi: 3x",
            row,
        );
        assert_eq!(
            w.message,
            "Nøgletal, række 2: »Tal« skal være et tal, fx 38; enheden skrives i »Enhed«"
        );
        assert_eq!(w.control, Some(5));
    }

    #[test]
    fn a_contact_part_is_named() {
        let w = at_field(
            field("kontakt"),
            "\"stress@\" er ikke en e-mailadresse",
            Some("skriv fx email: sundhed@example.dk"),
            "  email: stress@",
            None,
        );
        assert_eq!(
            w.message,
            "Kontakt, e-mail: \"stress@\" er ikke en e-mailadresse"
        );
        assert_eq!(w.hint.as_deref(), Some("skriv fx sundhed@example.dk"));
        assert_eq!(w.control, Some(2));
    }
}
