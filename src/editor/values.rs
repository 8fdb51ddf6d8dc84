//! What a field holds: in the file (`current`), and as the form sent it (`sent`), with the
//! choices a field offers and the keys the form leaves to the file. The form and the file
//! meet here, so that an untouched field reads back exactly as the file has it.

use super::catalogue::{Field, Kind, INITIATIVE, OFFER, PAGE};
use super::rewrite;
use crate::config::SiteConfig;

/// The fields for a file: an initiative's, an offer's, or a page's.
pub(super) fn fields_of(rel: &str) -> &'static [Field] {
    use crate::layout::{CONTENT, CONTENT_INITIATIVES, CONTENT_OFFERS};
    let path = std::path::Path::new(rel);
    if path.starts_with(std::path::Path::new(CONTENT).join(CONTENT_INITIATIVES)) {
        INITIATIVE
    } else if path.starts_with(std::path::Path::new(CONTENT).join(CONTENT_OFFERS)) {
        OFFER
    } else {
        PAGE
    }
}

pub(super) fn spellings(f: &Field) -> Vec<&'static str> {
    std::iter::once(f.key).chain(f.ascii).collect()
}

/// A field's values as the file holds them: one text, or a list's items (themes by the
/// names `site.yaml` gives them, so that an alias the file uses shows as its theme).
pub(super) fn current(
    parsed: &serde_yaml::Value,
    f: &Field,
    config: Option<&SiteConfig>,
) -> Vec<String> {
    let keys = spellings(f);
    match f.kind {
        Kind::Themes => rewrite::items(parsed, &keys)
            .iter()
            .map(|t| {
                config
                    .and_then(|c| c.find_theme(t).map(|i| c.themes[i].name.clone()))
                    .unwrap_or_else(|| t.clone())
            })
            .collect(),
        // Every whole number written: `[2, 3]`, `2`, or a text such as "1 og 2".
        Kind::Goals => rewrite::items(parsed, &keys)
            .iter()
            .flat_map(|t| {
                t.split(|c: char| !c.is_ascii_digit())
                    .filter(|n| !n.is_empty())
                    .map(|n| n.trim_start_matches('0').to_string())
                    .collect::<Vec<_>>()
            })
            .collect(),
        Kind::Items | Kind::Several(_) => rewrite::items(parsed, &keys),
        Kind::Parts(parts) => {
            let map = keys.iter().find_map(|k| parsed.get(*k));
            parts
                .iter()
                .map(|(p, _)| map.and_then(|m| part(m, p)).unwrap_or_default())
                .collect()
        }
        Kind::Rows(parts) => {
            let rows = keys.iter().find_map(|k| parsed.get(*k));
            let rows = rows
                .and_then(|r| r.as_sequence())
                .map_or(&[][..], Vec::as_slice);
            rows.iter()
                .flat_map(|row| {
                    parts
                        .iter()
                        .map(move |(p, _)| part(row, p).unwrap_or_default())
                })
                .collect()
        }
        // Ticked or not, whichever way the file says yes.
        Kind::Flag => {
            let said = rewrite::value(parsed, &keys).unwrap_or_default();
            let yes = matches!(said.trim().to_lowercase().as_str(), "true" | "ja" | "yes");
            vec![if yes { "true".into() } else { String::new() }]
        }
        _ => vec![rewrite::value(parsed, &keys).unwrap_or_default()],
    }
}

/// A part of a mapping (`værdi`, or its ASCII spelling `vaerdi`) as text.
fn part(map: &serde_yaml::Value, name: &str) -> Option<String> {
    map.get(name)
        .or_else(|| map.get(crate::text::slug::fold_ascii(name).as_str()))
        .and_then(crate::fields::scalar_text)
}

/// Whether the form can show all the file holds for `f`: a mapping (or list of mappings) of
/// its parts with one text each. A `nøgletal` with a list of years, or a key the form does not
/// know, is left to the file, and the form never rewrites it.
pub(super) fn editable(parsed: &serde_yaml::Value, f: &Field) -> bool {
    let shown = |map: &serde_yaml::Value, parts: &[(&str, &str)]| {
        map.as_mapping().is_some_and(|m| {
            m.iter().all(|(k, v)| {
                let known = k.as_str().is_some_and(|k| {
                    parts
                        .iter()
                        .any(|(p, _)| *p == k || crate::text::slug::fold_ascii(p) == k)
                });
                known && crate::fields::scalar_text(v).is_some()
            })
        })
    };
    let value = spellings(f).iter().find_map(|k| parsed.get(*k));
    match (f.kind, value) {
        (_, None) => true,
        (Kind::Parts(parts), Some(v)) => shown(v, parts),
        (Kind::Rows(parts), Some(v)) => v
            .as_sequence()
            .is_some_and(|rows| rows.iter().all(|r| shown(r, parts))),
        _ => true,
    }
}

/// The choices of the fields that offer some: the site's themes and goals (value, label),
/// and for the contact the site's own (part, value), which it inherits.
pub(super) fn choices(fields: &[Field], config: Option<&SiteConfig>) -> Vec<Vec<(String, String)>> {
    fields
        .iter()
        .map(|f| match (f.kind, config) {
            (Kind::Themes, Some(c)) => c
                .themes
                .iter()
                .map(|t| (t.name.clone(), t.name.clone()))
                .collect(),
            (Kind::Several(words), _) => words
                .iter()
                .map(|w| (w.to_string(), w.to_string()))
                .collect(),
            // The site's contact, which the page shows while the file has none of its own.
            (Kind::Parts(_), Some(c)) if f.key == "kontakt" => [
                ("navn", &c.contact.name),
                ("telefon", &c.contact.phone),
                ("email", &c.contact.email),
            ]
            .into_iter()
            .filter_map(|(part, v)| v.clone().map(|v| (part.to_string(), v)))
            .collect(),
            (Kind::Goals, Some(c)) => c
                .goals
                .iter()
                .map(|g| (g.number.to_string(), format!("{}. {}", g.number, g.text)))
                .collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// The keys of the file the form does not show, to be edited in the file.
pub(super) fn other_keys(parsed: &serde_yaml::Value, fields: &[Field]) -> Vec<String> {
    let Some(map) = parsed.as_mapping() else {
        return Vec::new();
    };
    map.keys()
        .filter_map(|k| k.as_str())
        .filter(|k| !fields.iter().any(|f| f.key == *k || f.ascii == Some(*k)))
        .map(str::to_string)
        .collect()
}

/// What the form sent for a field: its one text, trimmed, or its non-empty items. Boxes keep
/// the file's order for those still ticked (the first theme groups the initiative in the
/// report), then the newly ticked ones, so that an untouched list is not rewritten.
pub(super) fn sent(form: &[(String, String)], f: &Field, old: &[String]) -> Vec<String> {
    let of = |name: &str| -> Vec<String> {
        form.iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.replace("\r\n", "\n").trim().to_string())
            .collect()
    };
    match f.kind {
        // One value a part, by name (`kontakt.navn`).
        Kind::Parts(parts) => {
            return parts
                .iter()
                .map(|(p, _)| {
                    of(&format!("{}.{p}", f.key))
                        .into_iter()
                        .next()
                        .unwrap_or_default()
                })
                .collect()
        }
        // Rows of parts; a row left empty is dropped.
        Kind::Rows(parts) => {
            let columns: Vec<Vec<String>> = parts
                .iter()
                .map(|(p, _)| of(&format!("{}.{p}", f.key)))
                .collect();
            let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
            return (0..rows)
                .map(|r| {
                    columns
                        .iter()
                        .map(|c| c.get(r).cloned().unwrap_or_default())
                        .collect::<Vec<_>>()
                })
                .filter(|row| row.iter().any(|v| !v.is_empty()))
                .flatten()
                .collect();
        }
        _ => {}
    }
    let all = of(f.key);
    if !f.kind.is_list() {
        return vec![all.into_iter().next().unwrap_or_default()];
    }
    let ticked: Vec<String> = all.into_iter().filter(|v| !v.is_empty()).collect();
    // Boxes: the file's order for those still ticked, then the new ones.
    if matches!(f.kind, Kind::Themes | Kind::Goals | Kind::Several(_)) {
        let kept = old.iter().filter(|t| ticked.contains(t)).cloned();
        let added = ticked.iter().filter(|t| !old.contains(t)).cloned();
        return kept.chain(added).collect();
    }
    ticked
}
