//! Mends what the Word export breaks in converted blocks: a paragraph broken off mid-sentence
//! (a cell or page break), lists written as "- punkt" paragraphs or flattened onto one line,
//! lettered enumerations; and finds the short lines of a Status text that are sub-headings.

use super::{Block, BREAK};

/// Repairs what the export breaks: a paragraph that starts in lower case continues the one
/// before it (a cell or page break in Word); paragraphs written as "- punkt" or "• punkt"
/// become a list; an "a) …" paragraph right before a list of "b) …" items joins that list.
pub(super) fn tidy(blocks: Vec<(Block, bool)>) -> Vec<Block> {
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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::markup::{blocks, to_markdown};

    fn md(s: &str) -> String {
        to_markdown(&blocks(s, true))
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
}
