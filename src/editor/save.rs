//! Opening a file into the form and saving the form into the file: only the fields that
//! changed are rewritten (`rewrite`), the result is checked by the build's own parser
//! (`content::parse_source`) and written only when it has no errors, atomically (a temporary
//! file beside it, then a rename), and only when the file is still the one the form was
//! opened from. A save that succeeds leads on to the form read again (Post/Redirect/Get), so
//! that reloading the page never sends the form a second time.

use super::candidate::{candidate, unclear_problems, Candidate};
use super::catalogue::Field;
use super::conflict::{self, Bases};
use super::file::{read, version_of, write_atomically, File};
use super::page::{self, Form, Problem};
use super::values::{choices, current, editable, fields_of, other_keys, spellings};
use super::{wording, Reply, PREFIX};
use crate::config::SiteConfig;
use crate::content::frontmatter;
use std::path::Path;

/// The body as the site renders it, for the form's preview: at the root, where `serve`
/// serves the site, and with its heading ids prefixed so that none can clash with the form's.
fn preview(config: Option<&SiteConfig>, body: &str) -> String {
    let allow_html = config.is_some_and(|c| c.allow_html);
    crate::markdown::Markdown::new(allow_html, "/")
        .render(body, "visning-")
        .html
}

/// The form for `rel`, filled from the file; `saved` after a save led here (`flettet`
/// when it took in changes made on the disk meanwhile). The text is kept by its version,
/// for merging a save that comes after the file changed.
pub fn open(root: &Path, rel: &str, token: &str, saved: Option<&str>, bases: &Bases) -> Reply {
    let file = match read(root, rel) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    bases.keep(&file.version, &file.text);
    let Ok(split) = frontmatter::split(&file.text) else {
        return super::view::refused(422, "Filen har ingen oplysninger øverst (mellem to linjer med ---); ret den i en teksteditor.");
    };
    let config = crate::pipeline::load_config(root, None).ok();
    // A form of a file whose top cannot be read would show it empty: fix it in the file first.
    let parsed = match crate::yaml::parse(split.yaml) {
        Ok(v) => v,
        Err(e) => return super::view::unreadable(rel, &e, split.yaml_offset),
    };
    let fields = fields_of(rel);
    let values = fields
        .iter()
        .map(|f| current(&parsed, f, config.as_ref()))
        .collect();
    Reply::page(
        200,
        page::form(&Form {
            rel,
            fields,
            values,
            choices: choices(fields, config.as_ref()),
            editable: fields.iter().map(|f| editable(&parsed, f)).collect(),
            preview: preview(config.as_ref(), split.body),
            body: split.body.to_string(),
            others: other_keys(&parsed, fields),
            version: &file.version,
            token,
            problems: Vec::new(),
            saved: saved.map(|s| s == "flettet"),
        }),
    )
}

/// Checks the form as it would be saved, writing nothing: the build's problems, each with the
/// key of its field (`tekst` for the body, empty for the whole form), as JSON for the form's
/// script, which shows them as the editor types.
pub fn check_only(root: &Path, rel: &str, token: &str, body: &str) -> Reply {
    let c = match candidate(
        root,
        rel,
        token,
        &conflict::chosen(crate::text::form_pairs(body)),
    ) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    let mut found = unclear_problems(&c);
    found.extend(check(root, rel, &c.text, c.fields));
    let problems: Vec<serde_json::Value> = found
        .iter()
        .map(|p| {
            let key = match p.at {
                page::At::Field(i) => c.fields[i].key,
                page::At::Body => "tekst",
                page::At::Form => "",
            };
            serde_json::json!({ "felt": key, "besked": p.text() })
        })
        .collect();
    let html = preview(c.config.as_ref(), &c.body);
    Reply::json(&serde_json::json!({ "fejl": problems, "tekst_html": html }))
}

/// Saves the form's fields into `rel`. A file changed since the form was opened is merged
/// by field (`conflict`): saved when no field was changed on both sides, else asked about.
pub fn save(root: &Path, rel: &str, token: &str, body: &str, bases: &Bases) -> Reply {
    // One save at a time, from reading the file to renaming the new one into place: two tabs
    // cannot both pass the version check.
    static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = SAVING.lock().unwrap_or_else(|p| p.into_inner());
    let mut form = conflict::chosen(crate::text::form_pairs(body));
    // A merge is saved against the version it was made from; should the file change again
    // meanwhile, the merge is made again (a few times at most).
    for _ in 0..3 {
        match save_once(root, rel, token, &form, bases) {
            Saved::Done(reply) => return reply,
            Saved::Merge(merged) => form = merged,
        }
    }
    super::view::refused(
        409,
        "Filen bliver ved med at ændre sig, mens der gemmes, så intet er gemt. Prøv igen om lidt.",
    )
}

/// What one try at saving came to.
enum Saved {
    Done(Reply),
    /// The file had changed; the form merged with it, to save instead.
    Merge(Vec<(String, String)>),
}

fn save_once(
    root: &Path,
    rel: &str,
    token: &str,
    form: &[(String, String)],
    bases: &Bases,
) -> Saved {
    let c = match candidate(root, rel, token, form) {
        Ok(c) => c,
        Err(reply) => return Saved::Done(reply),
    };
    let mut problems = unclear_problems(&c);
    problems.extend(check(root, rel, &c.text, c.fields));
    let Candidate {
        file,
        fields,
        config,
        parsed,
        values,
        body,
        text,
        sent_version,
        unclear: _,
    } = c;
    let changed_since =
        |disk: &File| match conflict::merge(root, rel, form, &sent_version, disk, bases) {
            conflict::Outcome::Merged(merged) => Saved::Merge(merged),
            conflict::Outcome::Asked(html) => Saved::Done(Reply::page(409, html)),
        };
    if sent_version != file.version {
        return changed_since(&file);
    }
    if !problems.is_empty() {
        return Saved::Done(Reply::page(
            422,
            page::form(&Form {
                rel,
                fields,
                values,
                choices: choices(fields, config.as_ref()),
                editable: fields.iter().map(|f| editable(&parsed, f)).collect(),
                preview: preview(config.as_ref(), &body),
                body: body.clone(),
                others: other_keys(&parsed, fields),
                version: &sent_version,
                token,
                problems,
                saved: None,
            }),
        ));
    }
    let merged = form.iter().any(|(k, _)| k == "flettet");
    if text == file.text {
        return Saved::Done(saved(rel, merged));
    }
    let mut out = if file.crlf {
        text.replace('\n', "\r\n")
    } else {
        text.clone()
    };
    if file.bom {
        out.insert(0, '\u{feff}');
    }
    // Another program may have saved while this one checked: look again, last thing.
    if let Ok(now) = read(root, rel) {
        if now.version != file.version {
            return changed_since(&now);
        }
    }
    match write_atomically(&root.join(rel), out.as_bytes()) {
        Ok(()) => {
            bases.keep(&version_of(out.as_bytes()), &text);
            Saved::Done(saved(rel, merged))
        }
        Err(e) => Saved::Done(super::view::refused(
            500,
            &format!("Filen kunne ikke gemmes ({e}); intet er ændret."),
        )),
    }
}

/// On to the form read again, saying "Gemt" (Post/Redirect/Get); `merged` when the save
/// took in changes made on the disk meanwhile.
fn saved(rel: &str, merged: bool) -> Reply {
    let said = if merged { "flettet" } else { "1" };
    Reply::go(format!("{PREFIX}{rel}?gemt={said}"))
}

/// The build's problems with `text` as the content of `rel`, each on the field whose lines it
/// points at (or on the body, or on the whole form).
fn check(root: &Path, rel: &str, text: &str, fields: &[Field]) -> Vec<Problem> {
    let config = match crate::pipeline::load_config(root, None) {
        Ok(c) => c,
        Err(d) => {
            return d
                .iter()
                .map(|d| Problem::general(d.message.clone(), d.hint.clone()))
                .collect()
        }
    };
    let md = crate::markdown::Markdown::new(config.allow_html, &config.base_url.path);
    let found = crate::content::parse_source(Path::new(rel), text, &config, &md);
    let Ok(split) = frontmatter::split(text) else {
        return Vec::new();
    };
    let body_line = text[..text.len() - split.body.len()].matches('\n').count() + 1;
    found
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let line = d.line.unwrap_or(0);
            let field = fields.iter().position(|f| {
                spellings(f).iter().any(|k| {
                    crate::yaml::top_level_key_line(split.yaml, k)
                        .map(|l| l + split.yaml_offset)
                        .is_some_and(|start| {
                            let lines = value_lines(split.yaml, k);
                            (start..start + lines).contains(&line)
                        })
                })
            });
            // A missing key has no line of its own: its name in the message places it.
            let field = field.or_else(|| {
                fields.iter().position(|f| {
                    spellings(f)
                        .iter()
                        .any(|k| d.message.contains(&format!("\"{k}\"")))
                })
            });
            let at = match field {
                Some(i) => page::At::Field(i),
                None if line >= body_line => page::At::Body,
                None => page::At::Form,
            };
            // In the form's words: its labels, its boxes, the row of a key figure.
            let worded = match field {
                Some(i) => {
                    let f = &fields[i];
                    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
                    let row = spellings(f)
                        .iter()
                        .find_map(|k| crate::yaml::top_level_key_line(split.yaml, k))
                        .and_then(|key_line| {
                            let rel_line = line.checked_sub(split.yaml_offset)?;
                            wording::row_of(split.yaml, key_line, rel_line)
                        });
                    wording::at_field(f, &d.message, d.hint.as_deref(), line_text, row)
                }
                None => wording::Worded {
                    message: d.message.clone(),
                    hint: wording::general(d.hint.as_deref()),
                    control: None,
                },
            };
            Problem {
                at,
                message: worded.message,
                hint: worded.hint,
                offer_clear: false,
                control: worded.control,
            }
        })
        .collect()
}

/// How many lines the value of top-level `key` takes in `yaml` (at least its own).
fn value_lines(yaml: &str, key: &str) -> usize {
    let Some(start) = crate::yaml::top_level_key_line(yaml, key) else {
        return 1;
    };
    1 + yaml
        .lines()
        .skip(start)
        .take_while(|l| l.starts_with([' ', '\t']) || l.trim().is_empty())
        .count()
}
