//! The cell markup of the Word export (`<p>`, `<ul>`/`<ol>` with `•` or `1)` items and no
//! closing tags, `<u>`, `<i>`, `<br>`, entities, and plain lines in between) turned into
//! Markdown blocks, or into plain text for front-matter values. A tiny converter for this
//! closed set of tags: anything else that starts with `<` stays text (the reports write
//! "(25 < BMI < 30)"). It knows nothing of tables, initiatives or files.

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
    tidy(c.blocks)
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

/// Repairs what the export breaks: a paragraph that starts in lower case continues the one
/// before it (a cell or page break in Word); paragraphs written as "- punkt" or "• punkt"
/// become a list; an "a) …" paragraph right before a list of "b) …" items joins that list.
fn tidy(blocks: Vec<(Block, bool)>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for (b, explicit) in blocks {
        let Block::Paragraph(p) = b else {
            match (b, out.last_mut()) {
                (Block::List { ordered, items }, Some(Block::Paragraph(prev)))
                    if !ordered
                        && is_lettered(prev)
                        && items.first().is_some_and(|i| is_lettered(i)) =>
                {
                    let first = std::mem::take(prev);
                    out.pop();
                    let mut all = vec![first];
                    all.extend(items);
                    out.push(Block::List {
                        ordered: false,
                        items: all,
                    });
                }
                (b, _) => out.push(b),
            }
            continue;
        };
        let starts_lower = !explicit && p.chars().next().is_some_and(char::is_lowercase);
        if let Some(item) = bullet_item(&p) {
            match out.last_mut() {
                Some(Block::List {
                    ordered: false,
                    items,
                }) => items.extend(split_dashes(&item)),
                Some(Block::Paragraph(prev)) if is_lettered(prev) && is_lettered(&item) => {
                    let first = std::mem::take(prev);
                    out.pop();
                    out.push(Block::List {
                        ordered: false,
                        items: vec![first, item],
                    });
                }
                _ => out.push(Block::List {
                    ordered: false,
                    items: split_dashes(&item),
                }),
            }
        } else if starts_lower && !is_lettered(&p) {
            match out.last_mut() {
                Some(Block::Paragraph(prev)) => {
                    prev.push(' ');
                    prev.push_str(&p);
                }
                Some(Block::List { items, .. }) if !items.is_empty() => {
                    let last = items.last_mut().expect("not empty");
                    last.push(' ');
                    last.push_str(&p);
                }
                _ => out.push(Block::Paragraph(p)),
            }
        } else {
            out.push(Block::Paragraph(p));
        }
    }
    out
}

/// "- punkt", "-punkt", "• punkt" → "punkt".
fn bullet_item(p: &str) -> Option<String> {
    let rest = p.strip_prefix('-').or_else(|| p.strip_prefix('•'))?;
    let spaced = rest.starts_with(' ');
    let rest = rest.trim_start();
    let first = rest.chars().next()?;
    (spaced || first.is_alphanumeric()).then(|| rest.to_string())
}

/// "Alle 8. klasser. -Rygestoptilbud til unge" (a list flattened onto one line, each item
/// after " -" and a capital) → its items.
fn split_dashes(item: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut rest = item;
    while let Some(i) = rest
        .match_indices(" -")
        .map(|(i, _)| i)
        .find(|&i| rest[i + 2..].chars().next().is_some_and(char::is_uppercase))
    {
        items.push(rest[..i].trim().to_string());
        rest = &rest[i + 2..];
    }
    items.push(rest.trim().to_string());
    items
}

/// "a) …", "b) …": the reports' lettered enumerations.
fn is_lettered(p: &str) -> bool {
    let mut c = p.chars();
    matches!((c.next(), c.next(), c.next()), (Some(l), Some(')'), Some(' ')) if l.is_ascii_lowercase())
}

/// Turns paragraphs of the Status text that are sub-headings into headings: a short line
/// without end punctuation ("Ungemotion"), or a short line ending in a colon that introduces
/// a paragraph rather than a list ("Røgfri Fremtid:"). A heading is never the last block.
pub fn status_headings(blocks: Vec<Block>) -> Vec<Block> {
    let n = blocks.len();
    let mut out = Vec::with_capacity(n);
    let mut iter = blocks.into_iter().peekable();
    while let Some(b) = iter.next() {
        let next = iter.peek();
        match b {
            Block::Paragraph(p) if next.is_some() && is_heading_like(&p) => {
                let colon = p.ends_with(':');
                let before_paragraph = matches!(next, Some(Block::Paragraph(_)));
                if !colon || before_paragraph {
                    out.push(Block::Heading(
                        p.trim_end_matches(':').trim_matches('*').trim().to_string(),
                    ));
                } else {
                    out.push(Block::Paragraph(p));
                }
            }
            b => out.push(b),
        }
    }
    out
}

fn is_heading_like(p: &str) -> bool {
    let words = p.split_whitespace().count();
    let ends_open = !p.ends_with(['.', ';', ',', '!', '?', ')']);
    words > 0 && words <= 10 && p.chars().count() <= 80 && ends_open && !p.contains(BREAK)
}

/// The superscript digits the reports mark footnotes with.
pub fn superscript_value(c: char) -> Option<u32> {
    "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c).map(|p| p as u32)
}

/// Replaces footnote markers (`Sundhed¹`) whose number is in `known` by `[^1]`; returns the
/// text and the numbers used, in order of first use.
pub fn footnote_refs(text: &str, known: &dyn Fn(u32) -> bool) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut used = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(mut n) = superscript_value(c) else {
            out.push(c);
            continue;
        };
        let mut raw = c.to_string();
        while let Some(d) = chars.peek().and_then(|&d| superscript_value(d)) {
            n = n * 10 + d;
            raw.push(chars.next().expect("peeked"));
        }
        if known(n) {
            out.push_str(&format!("[^{n}]"));
            if !used.contains(&n) {
                used.push(n);
            }
        } else {
            out.push_str(&raw);
        }
    }
    (out, used)
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

    #[test]
    fn dashes_become_lists_and_broken_lines_are_joined() {
        assert_eq!(
            md("<p>Implementering</p> <p>-organisering</p> <p>- evaluering.</p>"),
            "Implementering\n\n- organisering\n- evaluering."
        );
        assert_eq!(
            md("-Alle 8. klasser. -Rygestoptilbud til unge. Et - to -tre"),
            "- Alle 8. klasser.\n- Rygestoptilbud til unge. Et - to -tre"
        );
        assert_eq!(
            md("<p>hvordan flere af deltagerne</p>\nkan fastholdes.\nMetodeudvikling."),
            "hvordan flere af deltagerne kan fastholdes.\n\nMetodeudvikling."
        );
        assert_eq!(
            md("<p>emner:</p> <p>a) Flyer.</p>\n\n- b) Aftale.\n- c) Katalog."),
            "emner:\n\n- a) Flyer.\n- b) Aftale.\n- c) Katalog."
        );
    }

    #[test]
    fn status_sub_headings() {
        let b = status_headings(blocks(
            "Røgfri Fremtid:\n\nUltimo 2018.\n\nTre typer:\n\n- a\n- b\n\nUngemotion\n\nHold.",
            true,
        ));
        assert_eq!(
            to_markdown(&b),
            "### Røgfri Fremtid\n\nUltimo 2018.\n\nTre typer:\n\n- a\n- b\n\n### Ungemotion\n\nHold."
        );
    }

    #[test]
    fn footnote_markers() {
        let (t, used) = footnote_refs("ABC for Mental Sundhed¹ og x²", &|n| n == 1);
        assert_eq!(t, "ABC for Mental Sundhed[^1] og x²");
        assert_eq!(used, vec![1]);
    }
}
