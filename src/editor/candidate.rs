//! The file a form asks for, before it is checked or written: only the keys whose value
//! changed are rewritten (`rewrite`), the body only when it changed. Nothing is removed on
//! ambiguity: a field the form sends empty where the file has a value is cleared only when
//! the form says so (`tomt=<key>`, which the form's script adds when the editor empties a
//! field, or the box the form offers after asking); otherwise the file keeps it and the
//! form asks. A field the form does not send at all is left as it is.

use super::catalogue::{Field, Kind};
use super::file::{read, File};
use super::page::{At, Problem};
use super::values::{current, editable, fields_of, sent, spellings};
use super::view::unreadable;
use super::{rewrite, Reply};
use crate::config::SiteConfig;
use crate::content::frontmatter;
use std::path::Path;

use super::page::CLEARED;

/// Whether a field is boxes to tick, which a browser leaves out of the form when none is
/// ticked: for them, nothing sent is the editor's answer.
pub(super) fn boxes(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Themes | Kind::Goals | Kind::Several(_) | Kind::Flag
    )
}

/// Whether the form sent the field at all (a box counts as sent: unticked is an answer).
pub(super) fn sent_at_all(form: &[(String, String)], f: &Field) -> bool {
    boxes(f.kind)
        || form.iter().any(|(k, _)| {
            k == f.key
                || k.strip_prefix(f.key)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
}

/// The question for each field kept because it came empty.
pub(super) fn unclear_problems(c: &Candidate) -> Vec<Problem> {
    c.unclear
        .iter()
        .map(|at| {
            let (label, kind) = match at {
                At::Field(i) => (c.fields[*i].label, Some(c.fields[*i].kind)),
                _ => ("Tekst", None),
            };
            let message = if kind == Some(Kind::Date) {
                format!("»{label}« kom tomt frem, måske fordi datoen kun er skrevet delvist; datoen i filen er bevaret")
            } else {
                format!("»{label}« kom tomt frem; det, der står i filen, er bevaret")
            };
            Problem {
                at: *at,
                message,
                hint: Some(format!(
                    "{}, eller sæt kryds i »Fjern {label} fra filen« og gem igen",
                    if kind == Some(Kind::Date) {
                        "skriv hele datoen"
                    } else {
                        "skriv det igen"
                    }
                )),
                offer_clear: true,
                control: None,
            }
        })
        .collect()
}

/// The parts given a value, by name: `[("navn", "…"), ("email", "…")]`.
fn named<'a>(parts: &[(&'a str, &str)], values: &[String]) -> Vec<(&'a str, String)> {
    parts
        .iter()
        .zip(values)
        .filter(|(_, v)| !v.is_empty())
        .map(|((p, _), v)| (*p, v.clone()))
        .collect()
}

/// The file the form would make, before it is checked or written.
pub(super) struct Candidate {
    pub file: File,
    pub fields: &'static [Field],
    pub config: Option<SiteConfig>,
    pub parsed: serde_yaml::Value,
    /// Each field's values, as the form will show them again.
    pub values: Vec<Vec<String>>,
    pub body: String,
    pub text: String,
    /// The version of the file the form was opened from.
    pub sent_version: String,
    /// The fields (and the body) sent empty where the file has a value, without the form
    /// saying they were cleared on purpose: kept as the file has them, and asked about.
    pub unclear: Vec<At>,
}

/// Reads the form and the file, and makes the text the form asks for: only the keys that
/// changed rewritten, the body replaced only when it changed.
pub(super) fn candidate(
    root: &Path,
    rel: &str,
    token: &str,
    form: &[(String, String)],
) -> Result<Candidate, Reply> {
    let cleared = |key: &str| form.iter().any(|(k, v)| k == CLEARED && v == key);
    let get = |name: &str| -> Option<String> {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.replace("\r\n", "\n"))
    };
    if get("token").as_deref() != Some(token) {
        return Err(super::view::refused(403, "Formularen er for gammel eller kom ikke fra denne side, så intet er gemt. Hent siden igen."));
    }
    let file = read(root, rel)?;
    let Ok(split) = frontmatter::split(&file.text) else {
        return Err(super::view::refused(422, "Filen har ingen oplysninger øverst (mellem to linjer med ---); ret den i en teksteditor."));
    };
    let config = crate::pipeline::load_config(root, None).ok();
    let fields = fields_of(rel);
    // A form of a file whose top cannot be read would show it empty: fix it in the file first.
    let parsed = match crate::yaml::parse(split.yaml) {
        Ok(v) => v,
        Err(e) => return Err(unreadable(rel, &e, split.yaml_offset)),
    };
    let old: Vec<Vec<String>> = fields
        .iter()
        .map(|f| current(&parsed, f, config.as_ref()))
        .collect();
    let mut values: Vec<Vec<String>> = fields
        .iter()
        .zip(&old)
        .map(|(f, o)| sent(form, f, o))
        .collect();
    let mut unclear = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let had = old[i].iter().any(|v| !v.trim().is_empty());
        let gone = values[i].iter().all(String::is_empty);
        if !sent_at_all(form, f) {
            // A form without the field (an old page, a hand-made request): the file keeps it.
            values[i].clone_from(&old[i]);
        } else if had && gone && !f.required && !boxes(f.kind) && !cleared(f.key) {
            // Emptied, or never filled in by the browser (a half-typed date): ask.
            values[i].clone_from(&old[i]);
            unclear.push(At::Field(i));
        }
    }
    let sent_body = get("tekst");
    let new_body = match sent_body {
        Some(b) if !b.trim().is_empty() || split.body.trim().is_empty() || cleared("tekst") => b,
        Some(_) => {
            unclear.push(At::Body);
            split.body.to_string()
        }
        None => split.body.to_string(),
    };
    let mut yaml = split.yaml.to_string();
    for ((f, v), o) in fields.iter().zip(&values).zip(&old) {
        if !editable(&parsed, f) {
            // The form could not show all of it: the file keeps it as it is.
            continue;
        }
        let unchanged = if f.kind.is_list() {
            v == o
        } else {
            o.first().map_or("", |s| s.trim()) == v.first().map_or("", String::as_str)
        };
        if unchanged {
            continue;
        }
        let empty = v.iter().all(String::is_empty);
        let new = match f.kind {
            _ if empty && !f.required => None,
            Kind::Themes | Kind::Goals | Kind::Several(_) => Some(rewrite::New::Flow(v)),
            Kind::Items => Some(rewrite::New::Rows(v)),
            Kind::Parts(parts) => {
                let given = named(parts, v);
                yaml = rewrite::set(
                    &yaml,
                    &spellings(f),
                    (!given.is_empty()).then_some(rewrite::New::Parts(&given)),
                );
                continue;
            }
            Kind::Rows(parts) => {
                let rows: Vec<Vec<(&str, String)>> =
                    v.chunks(parts.len()).map(|row| named(parts, row)).collect();
                yaml = rewrite::set(
                    &yaml,
                    &spellings(f),
                    (!rows.is_empty()).then_some(rewrite::New::Table(&rows)),
                );
                continue;
            }
            _ => Some(rewrite::New::Text(v.first().map_or("", String::as_str))),
        };
        yaml = rewrite::set(&yaml, &spellings(f), new);
    }
    let offset = |part: &str| part.as_ptr() as usize - file.text.as_ptr() as usize;
    let (yaml_start, body_start) = (offset(split.yaml), offset(split.body));
    let yaml_end = yaml_start + split.yaml.len();
    let body = if new_body.trim_end() == split.body.trim_end() {
        split.body.to_string()
    } else {
        let mut b = new_body;
        if !b.ends_with('\n') {
            b.push('\n');
        }
        b
    };
    let text = format!(
        "{}{yaml}{}{body}",
        &file.text[..yaml_start],
        &file.text[yaml_end..body_start]
    );
    Ok(Candidate {
        unclear,
        sent_version: get("version").unwrap_or_default(),
        fields,
        config,
        parsed,
        values,
        body,
        text,
        file,
    })
}
