//! Nested parts of a front matter (a contact's mapping, a list of key figures or course
//! starts), found by their place in the file's text so that each problem is reported on its
//! own line. Shared by the initiative and offer readers.

use crate::fields::{describe, is_email, is_safe_url, Fields, KeySpec};
use crate::model::Contact;
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

/// The file's `kontakt:` mapping with the keys `specs` allows (`navn`, `telefon`, `email`,
/// `url`, and for an offer `åbningstider`, read when `hours`), each problem on its own line.
/// None when there is no contact, or an empty one.
pub(crate) fn read_contact(
    f: &mut Fields,
    specs: &[KeySpec],
    hours: bool,
) -> Option<(Contact, Option<String>)> {
    let v = f.take("kontakt")?;
    if !matches!(v, Value::Mapping(_)) {
        f.error(
            "kontakt",
            format!("\"kontakt\" skal have underpunkter, men er {}", describe(&v)),
            "skriv fx kontakt: og på de næste linjer, rykket ind:   navn: …,   telefon: …,   email: …",
        );
        return None;
    }
    // The contact's own lines, so that a bad e-mail or address is shown on its line.
    let src = f.source();
    let parent = f.line_of("kontakt");
    let block = indented_block(src.text, parent);
    // Written on one line (`kontakt: {navn: …}`): problems point at that line.
    let line_offset = if block.trim().is_empty() {
        parent - 1
    } else {
        parent
    };
    let mut sub = Fields::nested(src, line_offset, &block, v, specs);
    let contact = Contact {
        name: sub.text("navn"),
        phone: sub.text("telefon"),
        email: sub.text("email"),
        url: sub.text("url"),
    };
    let hours = if hours {
        sub.text("åbningstider")
    } else {
        None
    };
    if let Some(url) = contact.url.as_ref().filter(|u| !is_safe_url(u)) {
        sub.error(
            "url",
            format!("adressen \"{url}\" er ikke en web-adresse"),
            "skriv en adresse, der begynder med https://",
        );
    }
    if let Some(email) = contact.email.as_ref().filter(|e| !is_email(e)) {
        sub.error(
            "email",
            format!("\"{email}\" er ikke en e-mailadresse"),
            "skriv fx email: sundhed@example.dk",
        );
    }
    f.diagnostics.extend(sub.finish());
    let empty = contact == Contact::default() && hours.is_none();
    (!empty).then_some((contact, hours))
}
