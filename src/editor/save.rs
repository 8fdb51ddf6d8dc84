//! Opening a file into the form and saving the form into the file: only the fields that
//! changed are rewritten (`rewrite`), the result is checked by the build's own parser
//! (`content::parse_source`) and written only when it has no errors, atomically (a temporary
//! file beside it, then a rename), and only when the file is still the one the form was
//! opened from.

use super::catalogue::{Field, Kind};
use super::page::{self, Form, Problem};
use super::values::{
    choices, current, editable, fields_of, other_keys, parse_form, sent, spellings,
};
use super::{rewrite, Reply};
use crate::config::SiteConfig;
use crate::content::frontmatter;
use std::path::Path;

/// A file as read for the form: its text with `\n` line ends, and how to write it back.
struct File {
    text: String,
    crlf: bool,
    bom: bool,
    version: String,
}

fn read(root: &Path, rel: &str) -> Result<File, Reply> {
    let bytes = std::fs::read(root.join(rel))
        .map_err(|e| page::refused(500, &format!("Filen kunne ikke læses: {e}.")))?;
    let version = version_of(&bytes);
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let Ok(raw) = String::from_utf8(bytes) else {
        return Err(page::refused(
            422,
            "Filen indeholder tegn, der ikke er UTF-8; gem den som UTF-8 i en teksteditor først.",
        ));
    };
    let raw = raw.trim_start_matches('\u{feff}');
    Ok(File {
        // Written back with CRLF only when every line had it (a mixed file comes back LF).
        crlf: raw.contains("\r\n") && !raw.replace("\r\n", "").contains('\n'),
        text: raw.replace("\r\n", "\n"),
        bom,
        version,
    })
}

/// A name for a file's bytes as they are: a save is taken only while the file still has it.
fn version_of(bytes: &[u8]) -> String {
    use std::hash::Hasher;
    // Fixed keys: the same bytes give the same name for as long as `serve` runs.
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    format!("{:016x}-{}", h.finish(), bytes.len())
}

/// The body as the site renders it, for the form's preview: at the root, where `serve`
/// serves the site, and with its heading ids prefixed so that none can clash with the form's.
fn preview(config: Option<&SiteConfig>, body: &str) -> String {
    let allow_html = config.is_some_and(|c| c.allow_html);
    crate::markdown::Markdown::new(allow_html, "/")
        .render(body, "visning-")
        .html
}

/// The refusal for a file whose front matter YAML cannot read.
fn unreadable(rel: &str, e: &crate::yaml::YamlError, offset: usize) -> Reply {
    page::refused(
        422,
        &format!(
            "Oplysningerne øverst i {rel} kan ikke læses (linje {}: {}). Ret fejlen i filen med en teksteditor først; forhåndsvisningen viser den.",
            e.line + offset,
            e.message
        ),
    )
}

/// The form for `rel`, filled from the file.
pub fn open(root: &Path, rel: &str, token: &str) -> Reply {
    let file = match read(root, rel) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let Ok(split) = frontmatter::split(&file.text) else {
        return page::refused(422, "Filen har ingen oplysninger øverst (mellem to linjer med ---); ret den i en teksteditor.");
    };
    let config = crate::load_config(root, None).ok();
    // A form of a file whose top cannot be read would show it empty: fix it in the file first.
    let parsed = match crate::yaml::parse(split.yaml) {
        Ok(v) => v,
        Err(e) => return unreadable(rel, &e, split.yaml_offset),
    };
    let fields = fields_of(rel);
    let values = fields
        .iter()
        .map(|f| current(&parsed, f, config.as_ref()))
        .collect();
    Reply {
        location: None,
        cookie: None,
        status: 200,
        html: page::form(&Form {
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
            saved: false,
        }),
    }
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
struct Candidate {
    file: File,
    fields: &'static [Field],
    config: Option<SiteConfig>,
    parsed: serde_yaml::Value,
    values: Vec<Vec<String>>,
    body: String,
    text: String,
    /// The version of the file the form was opened from.
    sent_version: String,
}

/// Reads the form and the file, and makes the text the form asks for: only the keys that
/// changed rewritten, the body replaced only when it changed.
fn candidate(root: &Path, rel: &str, token: &str, body: &str) -> Result<Candidate, Reply> {
    let form = parse_form(body);
    let get = |name: &str| -> Option<String> {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.replace("\r\n", "\n"))
    };
    if get("token").as_deref() != Some(token) {
        return Err(page::refused(403, "Formularen er for gammel eller kom ikke fra denne side, så intet er gemt. Hent siden igen."));
    }
    let file = read(root, rel)?;
    let Ok(split) = frontmatter::split(&file.text) else {
        return Err(page::refused(422, "Filen har ingen oplysninger øverst (mellem to linjer med ---); ret den i en teksteditor."));
    };
    let config = crate::load_config(root, None).ok();
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
    let values: Vec<Vec<String>> = fields
        .iter()
        .zip(&old)
        .map(|(f, o)| sent(&form, f, o))
        .collect();
    let new_body = get("tekst").unwrap_or_default();
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

/// Checks the form as it would be saved, writing nothing: the build's problems, each with the
/// key of its field (`tekst` for the body, empty for the whole form), as JSON for the form's
/// script, which shows them as the editor types.
pub fn check_only(root: &Path, rel: &str, token: &str, body: &str) -> Reply {
    let c = match candidate(root, rel, token, body) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    let problems: Vec<serde_json::Value> = check(root, rel, &c.text, c.fields)
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
    Reply {
        status: 200,
        html: serde_json::json!({ "fejl": problems, "tekst_html": html }).to_string(),
        location: None,
        cookie: None,
    }
}

/// Saves the form's fields into `rel`.
pub fn save(root: &Path, rel: &str, token: &str, body: &str) -> Reply {
    // One save at a time, from reading the file to renaming the new one into place: two tabs
    // cannot both pass the version check.
    static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = SAVING.lock().unwrap_or_else(|p| p.into_inner());
    let c = match candidate(root, rel, token, body) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    let Candidate {
        file,
        fields,
        config,
        parsed,
        values,
        body,
        text,
        sent_version,
    } = c;

    let form_of = |problems: Vec<Problem>, saved: bool, version: &str| {
        page::form(&Form {
            rel,
            fields,
            values: values.clone(),
            choices: choices(fields, config.as_ref()),
            editable: fields.iter().map(|f| editable(&parsed, f)).collect(),
            preview: preview(config.as_ref(), &body),
            body: body.clone(),
            others: other_keys(&parsed, fields),
            version,
            token,
            problems,
            saved,
        })
    };
    let problems = check(root, rel, &text, fields);
    if !problems.is_empty() {
        return Reply {
            status: 422,
            html: form_of(problems, false, &sent_version),
            location: None,
            cookie: None,
        };
    }
    if sent_version != file.version {
        return Reply {
            status: 409,
            html: page::conflict(rel, &text, &file.text),
            location: None,
            cookie: None,
        };
    }
    if text == file.text {
        return Reply {
            status: 200,
            html: form_of(Vec::new(), true, &file.version),
            location: None,
            cookie: None,
        };
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
    let now = std::fs::read(root.join(rel)).map(|b| version_of(&b));
    if now.as_deref().ok() != Some(file.version.as_str()) {
        let theirs = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
        return Reply {
            status: 409,
            html: page::conflict(rel, &text, &theirs),
            location: None,
            cookie: None,
        };
    }
    match write_atomically(&root.join(rel), out.as_bytes()) {
        Ok(()) => Reply {
            status: 200,
            html: form_of(Vec::new(), true, &version_of(out.as_bytes())),
            location: None,
            cookie: None,
        },
        Err(e) => page::refused(
            500,
            &format!("Filen kunne ikke gemmes ({e}); intet er ændret."),
        ),
    }
}

/// The build's problems with `text` as the content of `rel`, each on the field whose lines it
/// points at (or on the body, or on the whole form).
fn check(root: &Path, rel: &str, text: &str, fields: &[Field]) -> Vec<Problem> {
    let config = match crate::load_config(root, None) {
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
            Problem {
                at,
                message: d.message.clone(),
                hint: d.hint.clone(),
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

/// Writes `bytes` to `path` through a temporary file beside it (hidden, so the build skips
/// it), then renames it into place: a reader sees the old file or the new, never half.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A fresh name no one can guess, made new: never an existing file or a planted link.
    let tmp = dir.join(format!(".{name}.gemmes-{}", super::token()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_name_the_bytes() {
        assert_eq!(version_of(b"abc"), version_of(b"abc"));
        assert_ne!(version_of(b"abc"), version_of(b"abd"));
    }
}
