//! The one writer of an initiative's front matter, for `indsats new` (a file with the keys an
//! editor fills in) and `indsats import` (a draft from a status report). A caller says which
//! keys, in which order, with which values and comments; this module says how each is
//! written: texts quoted (`text::yaml_string`), lists inline or one item a line, several
//! paragraphs as a literal block, and every comment starting in one column, so that the
//! file reads like a form. It writes text only; reading it back is `initiative.rs`, and
//! putting the file on disk is the caller's job.

use crate::text::yaml_string as q;

/// The column (in characters, counted from 0) where comments start, when the value leaves
/// room for them.
const COMMENT_COLUMN: usize = 33;

/// How one key's value is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// A text, quoted: `"Mental balance"`; an empty one is `""`.
    Text(String),
    /// A text of one or more paragraphs: quoted when it is one line, else a literal block
    /// (`|-`) with each line indented.
    Paragraphs(String),
    /// Written as it is: a status word, a number, `true`.
    Bare(String),
    /// One text as itself, several as an inline list: `["Tobak", "Mental sundhed"]`.
    OneOrMore(Vec<String>),
    /// Texts one a line (`  - "…"`) under the key, or `[]` when there are none.
    Items(Vec<String>),
    /// Whole numbers as an inline list: `[2, 3]`, or `[]`.
    Numbers(Vec<u32>),
    /// A nested mapping of texts, one key a line, indented: `kontakt`'s `navn`, `telefon`, …
    Mapping(Vec<(&'static str, String)>),
}

/// Where a key's comment goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Comment {
    /// In the comment column (at least one space after the value).
    Aligned(String),
}

/// One key of the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyLine {
    /// The key as editors write it (`formål`, not `formaal`).
    pub key: &'static str,
    pub value: Value,
    pub comment: Option<Comment>,
    /// Written as a YAML comment (`# pris: ""`): a key offered for the editor to use.
    pub offered: bool,
}

impl KeyLine {
    pub(crate) fn new(key: &'static str, value: Value) -> KeyLine {
        KeyLine {
            key,
            value,
            comment: None,
            offered: false,
        }
    }

    /// A key the editor may add: written commented out, with `value` as the example.
    pub(crate) fn offered(key: &'static str, value: Value) -> KeyLine {
        KeyLine {
            offered: true,
            ..KeyLine::new(key, value)
        }
    }

    /// The entry with a comment in the comment column.
    pub(crate) fn note(self, comment: impl Into<String>) -> KeyLine {
        KeyLine {
            comment: Some(Comment::Aligned(comment.into())),
            ..self
        }
    }

    /// `udkast: true`, with the comment that says how to publish: every written file is a
    /// draft until an editor removes the line.
    pub(crate) fn draft() -> KeyLine {
        KeyLine::new("udkast", Value::Bare("true".into()))
            .note("slet linjen, når indsatsen skal vises på siden")
    }
}

/// Writes the front matter, from the opening `---` line to the closing one (with its line
/// end); the body follows.
pub(crate) fn front_matter(entries: &[KeyLine]) -> String {
    let mut out = String::from("---\n");
    for e in entries {
        debug_assert!(
            super::initiative::KEYS.iter().any(|k| k.name == e.key),
            "\"{}\" is not a key of an initiative",
            e.key
        );
        let (head, rest) = value_lines(&e.value);
        let mut line = format!("{}{}:", if e.offered { "# " } else { "" }, e.key);
        if !head.is_empty() {
            line.push(' ');
            line.push_str(&head);
        }
        match &e.comment {
            Some(Comment::Aligned(c)) => {
                let used = line.chars().count();
                let pad = COMMENT_COLUMN.saturating_sub(used).max(1);
                line.push_str(&format!("{}# {c}", " ".repeat(pad)));
            }
            None => {}
        }
        out.push_str(&line);
        out.push('\n');
        for l in rest {
            if e.offered {
                out.push_str("# ");
            }
            out.push_str(&l);
            out.push('\n');
        }
    }
    out.push_str("---\n");
    out
}

/// The value as written after `key:` on the key's line, and the lines below it.
fn value_lines(value: &Value) -> (String, Vec<String>) {
    let inline = |items: Vec<String>| format!("[{}]", items.join(", "));
    match value {
        Value::Text(t) => (q(t), Vec::new()),
        Value::Paragraphs(t) if !t.contains('\n') => (q(t), Vec::new()),
        Value::Paragraphs(t) => {
            let lines = t
                .lines()
                .map(|l| match l {
                    "" => String::new(),
                    l => format!("  {l}"),
                })
                .collect();
            ("|-".into(), lines)
        }
        Value::Bare(b) => (b.clone(), Vec::new()),
        Value::OneOrMore(items) => match items.as_slice() {
            [one] => (q(one), Vec::new()),
            many => (inline(many.iter().map(|t| q(t)).collect()), Vec::new()),
        },
        Value::Items(items) if items.is_empty() => ("[]".into(), Vec::new()),
        Value::Items(items) => (
            String::new(),
            items.iter().map(|t| format!("  - {}", q(t))).collect(),
        ),
        Value::Numbers(ns) => (inline(ns.iter().map(u32::to_string).collect()), Vec::new()),
        Value::Mapping(pairs) => (
            String::new(),
            pairs
                .iter()
                .map(|(k, v)| format!("  {k}: {}", q(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_start_in_one_column() {
        let text = front_matter(&[
            KeyLine::new("status", Value::Bare("planlagt".into())).note("a"),
            KeyLine::new("aktører", Value::Items(Vec::new())).note("b"),
            KeyLine::new("rækkefølge", Value::Bare("12".into())).note("c"),
            KeyLine::offered("pris", Value::Text("Gratis".into())).note("x"),
            KeyLine::draft(),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        for l in &lines[1..4] {
            assert_eq!(
                l.chars().position(|c| c == '#'),
                Some(COMMENT_COLUMN),
                "{l}"
            );
        }
        assert_eq!(
            lines[4], "# pris: \"Gratis\"                 # x",
            "offered: commented out"
        );
        assert!(lines[5].starts_with("udkast: true "));
        assert_eq!(lines[6], "---");
    }

    #[test]
    fn lists_paragraphs_and_mappings() {
        let one = front_matter(&[KeyLine::new("formål", Value::Paragraphs("Et: to".into()))]);
        assert_eq!(one, "---\nformål: \"Et: to\"\n---\n");
        let text = front_matter(&[
            KeyLine::new("tema", Value::OneOrMore(vec!["A".into(), "B".into()])),
            KeyLine::new("formål", Value::Paragraphs("Et.\n\nTo.".into())),
            KeyLine::new("aktører", Value::Items(vec!["a: b".into()])),
            KeyLine::new("strategimål", Value::Numbers(vec![2, 3])),
            KeyLine::new("kontakt", Value::Mapping(vec![("navn", String::new())])),
        ]);
        assert_eq!(
            text,
            "---\ntema: [\"A\", \"B\"]\nformål: |-\n  Et.\n\n  To.\naktører:\n  - \"a: b\"\nstrategimål: [2, 3]\nkontakt:\n  navn: \"\"\n---\n"
        );
    }
}
