//! Nested parts of a front matter (a contact's mapping, a list of key figures or course
//! starts), found by their place in the file's text so that each problem is reported on its
//! own line. Shared by the initiative and offer readers.

use crate::fields::{Fields, KeySpec};
use serde_yaml::Value;

/// A nested mapping's fields, placed at the line of its parent key.
pub(crate) fn sub_fields<'a>(
    f: &Fields<'a>,
    parent: &str,
    value: Value,
    specs: &[KeySpec],
) -> Fields<'a> {
    let src = f.source();
    let line = f.line_of(parent);
    Fields::nested(src, line - 1, "", value, specs)
}

/// The indented lines right after file line `parent` (a nested mapping), without their
/// indentation, so that its keys can be found as top-level keys of this slice.
pub(crate) fn indented_block(text: &str, parent: usize) -> String {
    text.lines()
        .skip(parent)
        .take_while(|l| l.starts_with([' ', '\t']) || l.trim().is_empty())
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The items of a block list under file line `parent` (`- label: …` and the lines indented
/// under it), each as its number of file lines before it and its text without indentation
/// and dash.
pub(crate) fn item_blocks(text: &str, parent: usize) -> Vec<(usize, String)> {
    let mut blocks: Vec<(usize, Vec<&str>)> = Vec::new();
    // Only a dash at the first item's indentation starts an item (a nested `år:` list's
    // dashes do not).
    let mut item_indent = None;
    for (i, line) in text.lines().enumerate().skip(parent) {
        let indented = line.starts_with([' ', '\t', '-']) && line.trim_end() != "---";
        if !(indented || line.trim().is_empty()) {
            break;
        }
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let starts_item = body.starts_with('-') && *item_indent.get_or_insert(indent) == indent;
        if let Some(first) = body.strip_prefix('-').filter(|_| starts_item) {
            blocks.push((i, vec![first.trim_start()]));
        } else if let Some((_, lines)) = blocks.last_mut() {
            lines.push(body);
        }
    }
    blocks
        .into_iter()
        .map(|(before, lines)| (before, lines.join("\n")))
        .collect()
}
