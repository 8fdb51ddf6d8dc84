//! A save against a file that changed since its form was opened (another tab, another
//! program): a three-way merge by field. The text the form was opened from (kept by its
//! version, `Bases`) tells who changed what: a field only the editor changed takes theirs,
//! a field only the disk changed keeps the disk's, and the save goes through with both. Only
//! fields both changed differently are asked about, each with "Behold min" / "Behold den på
//! disken"; the answer is a merged save. Without the original (a `serve` started since),
//! every field that differs is asked about.
//!
//! The conflict form carries both sides of each asked field (`min:<key>:<name>`,
//! `disk:<key>:<name>`) and the choice (`valg:<key>`); `chosen` turns it back into an
//! ordinary form before the save reads it.

use super::candidate::{boxes, sent_at_all};
use super::catalogue::{Field, Kind};
use super::file::File;
use super::page::CLEARED;
use super::values::{current, editable, fields_of, sent};
use super::PREFIX;
use crate::config::SiteConfig;
use serde::Serialize;
use std::collections::VecDeque;
use std::path::Path;
use std::sync::Mutex;

/// The texts forms were opened from, by version, the newest last.
#[derive(Default)]
pub struct Bases(Mutex<VecDeque<(String, String)>>);

/// How many versions are kept: enough for every form an editor has open.
const KEPT: usize = 256;

impl Bases {
    pub fn keep(&self, version: &str, text: &str) {
        let mut all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if all.iter().any(|(v, _)| v == version) {
            return;
        }
        all.push_back((version.to_string(), text.to_string()));
        if all.len() > KEPT {
            all.pop_front();
        }
    }

    fn get(&self, version: &str) -> Option<String> {
        let all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        all.iter()
            .find(|(v, _)| v == version)
            .map(|(_, t)| t.clone())
    }
}

/// A side of a field: its values, or the body's text.
type Side = Vec<String>;

/// One field, or the body (`field: None`), as the three texts have it.
struct Three {
    field: Option<&'static Field>,
    mine: Side,
    disk: Side,
}

/// What a save against a changed file comes to.
pub enum Outcome {
    /// Nothing both changed: the form to save over the disk's version.
    Merged(Vec<(String, String)>),
    /// The page that asks about the fields both changed.
    Asked(String),
}

/// What stands for a field the form cannot show (a key figure with a list of years): never
/// written, only compared; choosing it leaves the file's value as it is.
const NOT_SHOWN: &str = "\u{0}ikke i formularen";

fn not_shown(side: &[String]) -> bool {
    side.first().is_some_and(|v| v == NOT_SHOWN)
}

/// The fields' values (and the body, last) of a file's text; `None` when it cannot be read.
fn values_of(text: &str, fields: &[Field], config: Option<&SiteConfig>) -> Option<Vec<Side>> {
    let split = crate::content::frontmatter::split(text).ok()?;
    let parsed = crate::yaml::parse(split.yaml).ok()?;
    let mut all: Vec<Side> = fields
        .iter()
        .map(|f| {
            if editable(&parsed, f) {
                current(&parsed, f, config)
            } else {
                vec![NOT_SHOWN.to_string()]
            }
        })
        .collect();
    all.push(vec![split.body.trim_end().to_string()]);
    Some(all)
}

/// Merges the form (`form`, opened from version `sent_version`) with the file as it is now.
pub fn merge(
    root: &Path,
    rel: &str,
    form: &[(String, String)],
    sent_version: &str,
    disk: &File,
    bases: &Bases,
) -> Outcome {
    let fields = fields_of(rel);
    let config = crate::pipeline::load_config(root, None).ok();
    let Some(now) = values_of(&disk.text, fields, config.as_ref()) else {
        return Outcome::Asked(unreadable(rel));
    };
    let base = bases
        .get(sent_version)
        .and_then(|t| values_of(&t, fields, config.as_ref()));
    let cleared = |key: &str| form.iter().any(|(k, v)| k == CLEARED && v == key);
    let mut merged: Vec<(String, String)> = Vec::new();
    let mut asked: Vec<Three> = Vec::new();
    for (i, d) in now.iter().enumerate() {
        let field = fields.get(i);
        let original = base.as_ref().map(|b| &b[i]);
        // What the editor sent; a field not sent, or sent empty without saying so, is
        // one they did not touch.
        let mine: Side = match field {
            Some(f) => {
                let v = sent(form, f, d);
                let empty = v.iter().all(String::is_empty);
                let untouched = !sent_at_all(form, f)
                    || (empty && !boxes(f.kind) && !f.required && !cleared(f.key));
                if untouched {
                    original.unwrap_or(d).clone()
                } else {
                    v
                }
            }
            None => {
                let body = form
                    .iter()
                    .find(|(k, _)| k == "tekst")
                    .map(|(_, v)| v.replace("\r\n", "\n").trim_end().to_string());
                match body {
                    Some(b) if !b.is_empty() || cleared("tekst") => vec![b],
                    _ => original.unwrap_or(d).clone(),
                }
            }
        };
        let take = if mine == *d || original == Some(&mine) {
            d.clone()
        } else if original == Some(d) {
            mine
        } else {
            asked.push(Three {
                field,
                mine,
                disk: d.clone(),
            });
            continue;
        };
        if not_shown(&take) {
            continue;
        }
        merged.extend(pairs_of(field, &take, ""));
    }
    let token = form
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.clone());
    let head = [
        ("token".to_string(), token.unwrap_or_default()),
        ("version".to_string(), disk.version.clone()),
        ("flettet".to_string(), "ja".to_string()),
    ];
    if asked.is_empty() {
        return Outcome::Merged(head.into_iter().chain(merged).collect());
    }
    Outcome::Asked(page(rel, &head, &merged, &asked))
}

/// A field's values as the form's pairs (`prefix` before each name); a field left empty says
/// so (`tomt`), so that the save takes it as cleared on purpose.
fn pairs_of(field: Option<&Field>, values: &[String], prefix: &str) -> Vec<(String, String)> {
    let Some(f) = field else {
        let body = values.first().cloned().unwrap_or_default();
        let mut out = vec![(format!("{prefix}tekst"), body.clone())];
        if body.trim().is_empty() {
            out.push((format!("{prefix}{CLEARED}"), "tekst".into()));
        }
        return out;
    };
    let mut out: Vec<(String, String)> = match f.kind {
        Kind::Parts(parts) => parts
            .iter()
            .zip(values)
            .map(|((p, _), v)| (format!("{prefix}{}.{p}", f.key), v.clone()))
            .collect(),
        Kind::Rows(parts) => values
            .chunks(parts.len())
            .flat_map(|row| {
                parts
                    .iter()
                    .zip(row)
                    .map(|((p, _), v)| (format!("{prefix}{}.{p}", f.key), v.clone()))
                    .collect::<Vec<_>>()
            })
            .collect(),
        Kind::Flag => values
            .iter()
            .filter(|v| *v == "true")
            .map(|v| (format!("{prefix}{}", f.key), v.clone()))
            .collect(),
        _ => values
            .iter()
            .map(|v| (format!("{prefix}{}", f.key), v.clone()))
            .collect(),
    };
    if values.iter().all(String::is_empty) && !boxes(f.kind) {
        out.push((format!("{prefix}{CLEARED}"), f.key.to_string()));
    }
    out
}

/// Turns a conflict form's answers back into an ordinary form: for each `valg:<key>`, the
/// pairs of the side chosen (`min:<key>:<name>` → `<name>`). Other forms pass unchanged.
pub fn chosen(form: Vec<(String, String)>) -> Vec<(String, String)> {
    let choice = |key: &str| {
        form.iter()
            .find(|(k, _)| k.strip_prefix("valg:") == Some(key))
            .map(|(_, v)| v.clone())
    };
    form.iter()
        .filter(|(k, _)| !k.starts_with("valg:"))
        .filter_map(|(k, v)| {
            let Some((side, rest)) = k.split_once(':') else {
                return Some((k.clone(), v.clone()));
            };
            let (key, name) = rest.split_once(':')?;
            // Mine, unless the editor chose the disk's.
            let wanted = choice(key).unwrap_or_else(|| "min".into());
            (side == wanted).then(|| (name.to_string(), v.clone()))
        })
        .collect()
}

/// A side as the page shows it.
fn shown(field: Option<&Field>, side: &[String]) -> String {
    if not_shown(side) {
        return "det, filen har nu (kan ikke vises her; se filen)".into();
    }
    let text = match field.map(|f| f.kind) {
        Some(Kind::Rows(parts)) => side
            .chunks(parts.len())
            .map(|r| r.join(" · "))
            .collect::<Vec<_>>()
            .join("; "),
        Some(Kind::Flag) => {
            if side.first().is_some_and(|v| v == "true") {
                "kryds sat".into()
            } else {
                "intet kryds".into()
            }
        }
        _ => side
            .iter()
            .filter(|v| !v.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
    };
    if text.trim().is_empty() {
        "(tomt)".into()
    } else {
        text
    }
}

/// What `conflict.html` is given: the form's pairs, and each field asked about.
#[derive(Serialize)]
struct Asking<'a> {
    title: &'static str,
    rel: &'a str,
    action: String,
    /// The file on disk cannot be read now: nothing to merge with.
    unreadable: bool,
    hidden: Vec<(String, String)>,
    asked: Vec<AskedView>,
}

#[derive(Serialize)]
struct AskedView {
    n: usize,
    key: &'static str,
    label: &'static str,
    /// Both sides' pairs (`min:<key>:<name>`, `disk:<key>:<name>`).
    hidden: Vec<(String, String)>,
    mine: String,
    disk: String,
}

/// The page that asks about each field both changed, and saves the merge.
fn page(
    rel: &str,
    head: &[(String, String)],
    merged: &[(String, String)],
    asked: &[Three],
) -> String {
    let asked = asked
        .iter()
        .enumerate()
        .map(|(n, three)| {
            let (key, label) = three.field.map_or(("tekst", "Tekst"), |f| (f.key, f.label));
            let hidden = [("min", &three.mine), ("disk", &three.disk)]
                .into_iter()
                // A side the form cannot show sends nothing: the file keeps what it has.
                .filter(|(_, values)| !not_shown(values))
                .flat_map(|(side, values)| {
                    pairs_of(three.field, values, "")
                        .into_iter()
                        .map(move |(k, v)| (format!("{side}:{key}:{k}"), v))
                })
                .collect();
            AskedView {
                n,
                key,
                label,
                hidden,
                mine: shown(three.field, &three.mine),
                disk: shown(three.field, &three.disk),
            }
        })
        .collect();
    super::view::render(
        "conflict.html",
        Asking {
            title: "Filen er ændret af en anden",
            rel,
            action: format!("{PREFIX}{rel}"),
            unreadable: false,
            hidden: head.iter().chain(merged).cloned().collect(),
            asked,
        },
    )
}

/// The file on disk cannot be read now: nothing to merge with.
fn unreadable(rel: &str) -> String {
    super::view::render(
        "conflict.html",
        Asking {
            title: "Filen er ændret af en anden",
            rel,
            action: format!("{PREFIX}{rel}"),
            unreadable: true,
            hidden: Vec::new(),
            asked: Vec::new(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_keeps_one_side() {
        let form = vec![
            ("token".to_string(), "t".to_string()),
            ("min:titel:titel".to_string(), "Min".to_string()),
            ("disk:titel:titel".to_string(), "Disk".to_string()),
            ("valg:titel".to_string(), "disk".to_string()),
            ("min:sted:sted".to_string(), "Her".to_string()),
            ("disk:sted:sted".to_string(), "Der".to_string()),
        ];
        assert_eq!(
            chosen(form),
            vec![
                ("token".to_string(), "t".to_string()),
                ("titel".to_string(), "Disk".to_string()),
                ("sted".to_string(), "Her".to_string()),
            ]
        );
    }
}
