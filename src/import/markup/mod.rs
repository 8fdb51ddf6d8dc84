//! The cell markup of the Word export (`<p>`, `<ul>`/`<ol>` with `•` or `1)` items and no
//! closing tags, `<u>`, `<i>`, `<br>`, entities, and plain lines in between) turned into
//! Markdown blocks, or into plain text for front-matter values. A tiny converter for this
//! closed set of tags: anything else that starts with `<` stays text (the reports write
//! "(25 < BMI < 30)"). It knows nothing of tables, initiatives or files.
//!
//! This file converts; `repair` mends what the export breaks (broken-off lines, flattened
//! lists) and finds the Status text's sub-headings; `footnotes` turns superscript markers
//! into Markdown footnotes.

mod footnotes;
mod repair;

pub use footnotes::{footnote_refs, superscript_value};
pub use repair::status_headings;

/// One block of converted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    List {
        ordered: bool,
        items: Vec<String>,
    },
    /// A sub-heading inside the Status text ("Kort samlet status", "Ungemotion").
    Heading(String),
}

/// Marks a `<br>` inside a paragraph until it is written out.
const BREAK: char = '\u{2028}';

/// Converts markup to Markdown blocks. In `markdown` mode emphasis is written with `*`/`**`
/// and a literal `<` before a letter is escaped; otherwise the text is left plain.
/// A line break in `text` (between exported lines) ends a paragraph.
pub fn blocks(text: &str, markdown: bool) -> Vec<Block> {
    let mut c = Converter {
        markdown,
        ..Converter::default()
    };
    let mut rest = text;
    while let Some(i) = rest.find(['<', '\n']) {
        c.text(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('\n') {
            c.end_paragraph();
            rest = &rest[1..];
        } else if let Some((name, closing, len)) = tag(rest) {
            c.tag(&name, closing);
            rest = &rest[len..];
        } else {
            c.text("<");
            rest = &rest[1..];
        }
    }
    c.text(rest);
    c.end_list();
    c.end_paragraph();
    repair::tidy(c.blocks)
}

/// The plain text of `text`: paragraphs (and list items) joined by `sep`.
pub fn plain(text: &str, sep: &str) -> String {
    let mut parts = Vec::new();
    for b in blocks(text, false) {
        match b {
            Block::Paragraph(p) | Block::Heading(p) => parts.push(p.replace(BREAK, " ")),
            Block::List { items, .. } => parts.extend(items),
        }
    }
    parts.join(sep)
}

/// Writes blocks as Markdown, blocks separated by a blank line.
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out: Vec<String> = Vec::new();
    for b in blocks {
        out.push(match b {
            Block::Paragraph(p) => p.replace(BREAK, "\\\n"),
            Block::Heading(h) => format!("### {h}"),
            Block::List { ordered, items } => items
                .iter()
                .enumerate()
                .map(|(i, item)| match ordered {
                    true => format!("{}. {item}", i + 1),
                    false => format!("- {item}"),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
    out.join("\n\n")
}

/// Recognises `<name ...>` or `</name>` for the tags the export uses; returns the lower-case
/// name, whether it closes, and the tag's length in bytes.
fn tag(s: &str) -> Option<(String, bool, usize)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    if inner.contains('<') || end > 200 {
        return None;
    }
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let rest = &inner[name.len()..];
    let known = [
        "p", "ul", "ol", "li", "u", "i", "em", "b", "strong", "br", "span", "div",
    ];
    let well_formed = rest.is_empty() || rest.starts_with([' ', '/']);
    (known.contains(&name.as_str()) && well_formed).then_some((name, closing, end + 1))
}

/// Decodes the entities an HTML export may hold.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&j| j <= 10).and_then(|j| {
            let name = &rest[1..j];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Default)]
struct Converter {
    markdown: bool,
    /// Blocks, each with whether it was an explicit `<p>` (never a broken-off line).
    blocks: Vec<(Block, bool)>,
    paragraph: String,
    in_p: bool,
    /// Inside `<ul>`/`<ol>`: whether ordered, and the items' text so far.
    list: Option<(bool, Vec<String>)>,
}

impl Converter {
    fn buffer(&mut self) -> &mut String {
        match &mut self.list {
            Some((_, items)) => {
                if items.is_empty() {
                    items.push(String::new());
                }
                items.last_mut().expect("an item was just ensured")
            }
            None => &mut self.paragraph,
        }
    }

    fn text(&mut self, raw: &str) {
        let text = decode_entities(raw).replace(['\t', '\r', '\u{a0}'], " ");
        let buf = self.buffer();
        for c in text.chars() {
            let prev_space = buf.is_empty() || buf.ends_with([' ', BREAK]);
            if c == ' ' && prev_space {
                continue;
            }
            buf.push(c);
        }
    }

    /// A finished block's text, with `<` escaped where Markdown could read a tag.
    fn finish(&self, text: &str) -> String {
        let text = text.trim_matches([' ', BREAK]);
        if self.markdown {
            escape_tags(text)
        } else {
            text.to_string()
        }
    }

    fn marker(&mut self, m: &str, closing: bool) {
        if !self.markdown {
            return;
        }
        let buf = self.buffer();
        if closing {
            // Emphasis must hug its text: "**Status:** tekst", never "**Status: ** tekst".
            let had_space = buf.ends_with(' ');
            while buf.ends_with(' ') {
                buf.pop();
            }
            buf.push_str(m);
            if had_space {
                buf.push(' ');
            }
        } else {
            buf.push_str(m);
        }
    }

    fn tag(&mut self, name: &str, closing: bool) {
        match (name, closing) {
            ("p" | "div", _) => {
                self.end_list();
                self.end_paragraph();
                self.in_p = !closing;
            }
            ("ul" | "ol", false) => {
                self.end_list();
                self.end_paragraph();
                self.list = Some((name == "ol", Vec::new()));
            }
            ("ul" | "ol", true) => self.end_list(),
            ("li", false) => {
                if let Some((_, items)) = &mut self.list {
                    items.push(String::new());
                }
            }
            ("br", _) => self.buffer().push(BREAK),
            // Markdown has no underline. The reports underline run-in headings
            // ("Proaktiv dialog med VBA-modellen:"), which carry weight, not voice, so they
            // become bold; italics stay for what the reports set in italics (quoted phrases).
            ("u" | "b" | "strong", _) => self.marker("**", closing),
            ("i" | "em", _) => self.marker("*", closing),
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        if self.list.is_some() {
            // A line break ends a run-on list too (the export never closes them).
            self.end_list();
        }
        let p = std::mem::take(&mut self.paragraph);
        let explicit = std::mem::replace(&mut self.in_p, false);
        let p = self.finish(&p);
        if !p.is_empty() && p != "**" && p != "*" {
            self.blocks.push((Block::Paragraph(p), explicit));
        }
    }

    fn end_list(&mut self) {
        let Some((ordered, raw)) = self.list.take() else {
            return;
        };
        let mut items: Vec<String> = Vec::new();
        for item in raw {
            let pieces = if ordered {
                split_numbered(&item)
            } else {
                item.split(['•', '·']).map(str::to_string).collect()
            };
            items.extend(
                pieces
                    .into_iter()
                    .map(|p| self.finish(&p))
                    .filter(|p| !p.is_empty()),
            );
        }
        if !items.is_empty() {
            self.blocks.push((Block::List { ordered, items }, true));
        }
    }
}

/// Escapes every `<` that a Markdown renderer could take for the start of an HTML tag.
fn escape_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let tag_like = chars
            .peek()
            .is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(*n));
        if c == '<' && tag_like && !out.ends_with('\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Splits "1) Første. 2) Anden." into items at markers numbered 1, 2, 3, … in turn (so a
/// "(25 < BMI < 30)" in the text is never taken for one).
fn split_numbered(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut expected = 1;
    let mut start = None;
    let mut i = 0;
    while i < text.len() {
        let at_word = i == 0 || text[..i].ends_with(' ');
        let marker = format!("{expected})");
        if at_word && text[i..].starts_with(&marker) {
            if let Some(s) = start {
                items.push(text[s..i].to_string());
            } else if !text[..i].trim().is_empty() {
                items.push(text[..i].to_string());
            }
            i += marker.len();
            start = Some(i);
            expected += 1;
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    match start {
        Some(s) => items.push(text[s..].to_string()),
        None => items.push(text.to_string()),
    }
    items
}
#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        to_markdown(&blocks(s, true))
    }

    #[test]
    fn paragraphs_and_entities() {
        assert_eq!(
            md("<p>Første &amp; bedste.</p> <p>Anden&nbsp;linje</p>"),
            "Første & bedste.\n\nAnden linje"
        );
        assert_eq!(plain("<p>a</p> <p>b</p>", "; "), "a; b");
    }

    #[test]
    fn underline_becomes_bold_and_italics_stay() {
        assert_eq!(
            md("<p><u>Proaktiv dialog:</u> Rødovre <i>Vi er en familie</i>.</p>"),
            "**Proaktiv dialog:** Rødovre *Vi er en familie*."
        );
        assert_eq!(
            plain("<p><u>Eksterne:</u> Region</p>", " "),
            "Eksterne: Region"
        );
    }

    #[test]
    fn unclosed_lists_with_bullets_and_numbers() {
        let text = "<p>Inkluderer:</p> <ul style=\"list-style-type: none\"> • Forundersøgelse • Opfølgende samtaler • Afslutning ";
        assert_eq!(
            md(text),
            "Inkluderer:\n\n- Forundersøgelse\n- Opfølgende samtaler\n- Afslutning"
        );
        let text = "<ol> 1) De ni kommuner fra 1. marts 2019. 2) Et samarbejde (25 < BMI < 30) <p>Efter.</p>";
        assert_eq!(
            md(text),
            "1. De ni kommuner fra 1. marts 2019.\n2. Et samarbejde (25 < BMI < 30)\n\nEfter."
        );
        assert_eq!(md("<ul><li>a</li><li>b</li></ul>"), "- a\n- b");
    }

    #[test]
    fn literal_angle_brackets_and_unknown_tags() {
        assert_eq!(
            md("<p>moderat overvægt (25 < BMI < 30) samt (BMI > 30)</p>"),
            "moderat overvægt (25 < BMI < 30) samt (BMI > 30)"
        );
        assert_eq!(md("a <script>x"), "a \\<script>x");
        assert_eq!(md("&lt;b&gt; og &lt;i&gt;"), "\\<b> og \\<i>");
        assert_eq!(plain("a <script>x", " "), "a <script>x");
        assert_eq!(md("linje<br>to"), "linje\\\nto");
    }
}
