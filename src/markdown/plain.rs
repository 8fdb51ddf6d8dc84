//! Rendered bodies as plain text: for the search index (a body, or each of its blocks), the
//! open data's text, and the summaries and first sentences that cards and meta descriptions
//! show when an editor wrote none.

/// Strips tags and decodes the few entities comrak writes, collapsing whitespace. One pass:
/// it runs over every body of the site, and for the search index again per block.
pub fn plain_text(html: &str) -> String {
    const ENTITIES: [(&str, char); 6] = [
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#x27;", '\''),
        ("&#39;", '\''),
        ("&amp;", '&'),
    ];
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    // Whitespace (or a tag) was met since the last text: one space before the next text.
    let mut space = false;
    // Where the current run of ordinary characters began: copied whole when it ends.
    let mut run: Option<usize> = None;
    let flush = |out: &mut String, run: &mut Option<usize>, end: usize| {
        if let Some(start) = run.take() {
            out.push_str(&html[start..end]);
        }
    };
    let mut chars = html.char_indices();
    while let Some((i, c)) = chars.next() {
        if in_tag {
            if c == '>' {
                in_tag = false;
            }
            continue;
        }
        match c {
            '<' => {
                flush(&mut out, &mut run, i);
                in_tag = true;
                space = true;
            }
            '&' => {
                flush(&mut out, &mut run, i);
                let (decoded, len) = ENTITIES
                    .iter()
                    .find(|(e, _)| html[i..].starts_with(e))
                    .map_or(('&', 1), |(e, d)| (*d, e.len()));
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(decoded);
                for _ in 1..len {
                    chars.next();
                }
            }
            c if c.is_whitespace() => {
                flush(&mut out, &mut run, i);
                space = true;
            }
            _ => {
                if run.is_none() {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    run = Some(i);
                }
            }
        }
    }
    flush(&mut out, &mut run, html.len());
    out
}

/// The plain text of each block of `html` (paragraph, heading, list item, table cell, …),
/// in order, whitespace collapsed, empty blocks left out: the pieces a search excerpt is cut
/// from, so that no excerpt runs a heading into the paragraph after it.
pub fn plain_blocks(html: &str) -> Vec<String> {
    const BLOCKS: &[&str] = &[
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "td",
        "th",
        "tr",
        "div",
        "figcaption",
        "caption",
        "table",
        "ul",
        "ol",
        "section",
        "aside",
    ];
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        current.push_str(&rest[..open]);
        let tag = &rest[open + 1..];
        let Some(close) = tag.find('>') else {
            rest = "";
            break;
        };
        let name = tag[..close].trim_start_matches('/');
        let name = &name[..name
            .bytes()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        if BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name)) {
            blocks.push(std::mem::take(&mut current));
        } else {
            current.push(' ');
        }
        rest = &tag[close + 1..];
    }
    current.push_str(rest);
    blocks.push(current);
    blocks
        .iter()
        .map(|b| plain_text(b))
        .filter(|b| !b.is_empty())
        .collect()
}

/// How many characters a summary made from a text may have.
pub const SUMMARY_CHARS: usize = 200;

/// The summary of a text (an initiative's purpose, a page's body) where the editor wrote none.
pub fn default_summary(text: &str) -> String {
    first_sentence(text, SUMMARY_CHARS)
}

/// The first sentence of a text (up to the first ". " or the end), at most `max` characters.
fn first_sentence(text: &str, max: usize) -> String {
    let t = text.trim();
    let end = t.find(". ").map_or(t.len(), |i| i + 1);
    let s = &t[..end];
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(a, _)| a)
        .to_string();
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn first_sentences() {
        assert_eq!(first_sentence("Et. To.", 100), "Et.");
        assert_eq!(first_sentence("Uden punktum", 100), "Uden punktum");
        assert_eq!(first_sentence("aaa bbb ccc ddd", 9), "aaa bbb …");
    }
}
