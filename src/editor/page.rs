//! The editor's pages, in Danish: the form (labels, hints, required fields marked, errors
//! next to their fields and in a summary at the top, in the GOV.UK / DKFDS pattern), the
//! "Gemt" notice, and refusals.

use super::catalogue::{Field, Kind};
use super::{Reply, CHECK, CLOSED_TAB, OPEN_TAB, PREFIX, SCRIPT};
pub(super) use crate::render::html_escape as esc;

/// Where a problem belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The field at this index of the form's fields.
    Field(usize),
    Body,
    Form,
}

/// A problem the build's parser found, for the form.
#[derive(Debug, Clone)]
pub struct Problem {
    pub at: At,
    pub message: String,
    pub hint: Option<String>,
    /// The field came empty where the file has a value: the form offers to remove it.
    pub offer_clear: bool,
    /// The box of the field it is about, for a field of several (a key figure's part).
    pub control: Option<usize>,
}

impl Problem {
    pub fn general(message: String, hint: Option<String>) -> Problem {
        Problem {
            at: At::Form,
            message,
            hint,
            offer_clear: false,
            control: None,
        }
    }

    pub(super) fn text(&self) -> String {
        match &self.hint {
            Some(h) => format!("{}: {h}", self.message),
            None => self.message.clone(),
        }
    }
}

/// What the form shows.
pub struct Form<'a> {
    pub rel: &'a str,
    pub fields: &'a [Field],
    /// Each field's values: one text, or a list's items.
    pub values: Vec<Vec<String>>,
    /// Each field's choices (value, label): the site's themes and goals; empty for others.
    pub choices: Vec<Vec<(String, String)>>,
    /// Whether the form can show all the file holds for each field (else: edit it in the file).
    pub editable: Vec<bool>,
    pub body: String,
    /// The body as the site renders it.
    pub preview: String,
    /// Keys of the file the form does not show.
    pub others: Vec<String>,
    pub version: &'a str,
    pub token: &'a str,
    pub problems: Vec<Problem>,
    /// After a save: `Some(merged)`, `merged` when it took in changes made on the disk.
    pub saved: Option<bool>,
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1a1a1a}main{max-width:44rem;margin:0 auto;padding:1rem}label{display:block;font-weight:700}.field{margin-top:1.25rem}fieldset{border:0;padding:0;margin-left:0;margin-right:0}legend{font-weight:700;padding:0}.check{display:flex;gap:.5rem;align-items:center;margin:.35rem 0}.check input{width:1.5rem;height:1.5rem;margin:0}.check label{font-weight:400}label.row{font-weight:400;margin-top:.5rem}.hint{display:block;color:#4a4a4a;font-weight:400}input[type=text],input[type=date],select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:2px solid #1a1a1a;border-radius:0}textarea{min-height:6rem}textarea.body{min-height:20rem;font-family:ui-monospace,monospace}.error{color:#b00020;font-weight:700;display:block}[aria-invalid=true]{border-color:#b00020}.summary{border:4px solid #b00020;padding:1rem;margin:1rem 0}.saved{border:4px solid #00703c;padding:1rem;margin:1rem 0}button{font:inherit;font-weight:700;margin-top:1.5rem;padding:.6rem 1.4rem;background:#00703c;color:#fff;border:0}:focus{outline:3px solid #fd0;outline-offset:0}a{color:#1d4f91}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #b1b4b6;vertical-align:top}button.small{margin-top:0;padding:.3rem .6rem;font-weight:400}.figure{display:flex;flex-wrap:wrap;gap:0 .75rem;border-bottom:1px solid #b1b4b6;padding-bottom:.5rem}.figure>span{flex:1 1 8rem}.preview{border:2px dashed #b1b4b6;padding:0 1rem;margin-top:1rem}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.filter{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}.filter .field{flex:1 1 12rem}@media (max-width:40rem){table,tbody,tr,td{display:block;width:auto}thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}tr{border-bottom:1px solid #b1b4b6;padding:.5rem 0}td{border:0;padding:.15rem 0}td[data-label]::before{content:attr(data-label) \": \";font-weight:700}}*{overflow-wrap:anywhere}";

pub(super) fn shell(title: &str, main: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body><main>{main}</main></body></html>\n",
        esc(title)
    )
}

/// A refusal, with its status.
pub fn refused(status: u16, why: &str) -> Reply {
    Reply {
        status,
        location: None,
        cookie: None,
        html: shell(
            "Kan ikke redigeres",
            &format!("<h1>Kan ikke redigeres</h1><p>{}</p>", esc(why)),
        ),
    }
}

/// The page of a file as the site shows it, for the link after a save.
fn page_url(rel: &str) -> String {
    crate::content::page_path_of(std::path::Path::new(rel))
        .map_or_else(|| "/".to_string(), |p| format!("/{p}"))
}

/// The form.
pub fn form(f: &Form) -> String {
    let title = f
        .values
        .first()
        .and_then(|v| v.first())
        .cloned()
        .unwrap_or_default();
    let mut out = format!(
        "<p><a href=\"{}\">Tilbage til siden</a> · <a href=\"{PREFIX}\">Alt indhold</a></p><h1>Rediger: {}</h1><p>Filen <code>{}</code>. Felter, hvor der står »Skal udfyldes«, skal have en værdi.</p>",
        esc(&page_url(f.rel)),
        esc(&title),
        esc(f.rel)
    );
    if let Some(merged) = f.saved {
        let also = if merged {
            " Filen var ændret et andet sted, mens du skrev; de ændringer er bevaret sammen med dine."
        } else {
            ""
        };
        out.push_str(&format!(
            "<div class=\"saved\" role=\"status\"><h2>Gemt</h2><p>Filen er gemt.{also} <a href=\"{}\">Se siden</a> (den bygges igen om et øjeblik).</p></div>",
            esc(&page_url(f.rel))
        ));
    }
    if !f.problems.is_empty() {
        out.push_str("<div class=\"summary\" role=\"alert\" tabindex=\"-1\" id=\"fejl\"><h2>Der er et problem, så intet er gemt</h2><ul>");
        for p in &f.problems {
            let target = match p.at {
                // The box it is about, or a list's first box or row.
                At::Field(i) if f.fields[i].kind.is_list() => {
                    format!("felt-{}-{}", f.fields[i].key, p.control.unwrap_or(0))
                }
                At::Field(i) => format!("felt-{}", f.fields[i].key),
                At::Body => "felt-tekst".to_string(),
                At::Form => "fejl".to_string(),
            };
            out.push_str(&format!(
                "<li><a href=\"#{}\">{}</a></li>",
                esc(&target),
                esc(&p.text())
            ));
        }
        out.push_str("</ul></div>");
    }
    // Filled by the form's script when another tab has the same file open.
    out.push_str("<div id=\"andre-faner\" role=\"status\"></div>");
    out.push_str(&format!(
        "<p id=\"live-status\" class=\"visually-hidden\" aria-live=\"polite\"></p><form method=\"post\" action=\"{PREFIX}{}\" data-tjek=\"{PREFIX}{CHECK}{}\" data-fane=\"{PREFIX}{OPEN_TAB}{}\" data-lukket=\"{PREFIX}{CLOSED_TAB}{}\" novalidate><input type=\"hidden\" name=\"token\" value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\">",
        esc(f.rel),
        esc(f.rel),
        esc(f.rel),
        esc(f.rel),
        esc(f.token),
        esc(f.version)
    ));
    for (i, field) in f.fields.iter().enumerate() {
        let errors: Vec<&Problem> = f.problems.iter().filter(|p| p.at == At::Field(i)).collect();
        let values = f.values.get(i).map_or(&[][..], Vec::as_slice);
        let choices = f.choices.get(i).map_or(&[][..], Vec::as_slice);
        if f.editable.get(i).copied().unwrap_or(true) {
            out.push_str(&input(field, values, choices, &errors));
            if errors.iter().any(|p| p.offer_clear) {
                out.push_str(&clear_box(field.key, field.label));
            }
        } else {
            out.push_str(&format!(
                "<div class=\"field\"><p><strong>{}</strong>: filen har oplysninger her, som formularen ikke kan vise (fx flere år i et nøgletal), så de rettes i filen med en teksteditor. Formularen ændrer dem ikke.</p></div>",
                esc(field.label)
            ));
        }
    }
    let body_errors: Vec<&Problem> = f.problems.iter().filter(|p| p.at == At::Body).collect();
    out.push_str(&format!(
        "<div class=\"field\"><label for=\"felt-tekst\">Tekst</label><span class=\"hint\" id=\"hint-tekst\">Afsnittene i Markdown: ## Indsats, ## Status, links som [tekst](/tema/tobak/).</span>{}<textarea class=\"body\" id=\"felt-tekst\" name=\"tekst\"{}>\n{}</textarea></div>",
        errors_html("tekst", &body_errors),
        described("tekst", &body_errors),
        esc(&f.body)
    ));
    if body_errors.iter().any(|p| p.offer_clear) {
        out.push_str(&clear_box("tekst", "Tekst"));
    }
    // The renderer's own HTML (raw HTML dropped or cleaned, as on the site's pages).
    out.push_str(&format!(
        "<section class=\"preview\" aria-labelledby=\"preview-heading\"><h2 id=\"preview-heading\">Forhåndsvisning af teksten</h2><div id=\"forhaandsvisning\">{}</div></section>",
        f.preview
    ));
    if !f.others.is_empty() {
        out.push_str(&format!(
            "<p>Disse oplysninger rettes i filen med en teksteditor: {}.</p>",
            esc(&f.others.join(", "))
        ));
    }
    out.push_str(&format!(
        "<button type=\"submit\">Gem</button></form><script src=\"{PREFIX}{SCRIPT}\" defer></script>"
    ));
    shell(&format!("Rediger: {title}"), &out)
}

/// What a field without a value of its own shows on the page (the site's contact), and a
/// button (shown by the form's script) that copies it into the field to change it.
fn inherited(key: &str, choices: &[(String, String)]) -> String {
    let shown: Vec<&str> = choices.iter().map(|(_, v)| v.as_str()).collect();
    let data: serde_json::Map<String, serde_json::Value> = choices
        .iter()
        .map(|(p, v)| (p.clone(), serde_json::Value::String(v.clone())))
        .collect();
    format!(
        "<p class=\"hint\" id=\"arvet-{key}\">Filen har ingen egen kontakt, så siden viser portalens: <strong>{}</strong>. Skriver du noget her, erstatter det hele portalens kontakt i boksen, så skriv både navn og telefon eller e-mail.</p><button type=\"button\" class=\"small\" hidden data-kopier=\"{key}\" data-dele=\"{}\" aria-describedby=\"arvet-{key}\">Kopiér portalens kontakt hertil</button>",
        esc(&shown.join(" · ")),
        esc(&serde_json::Value::Object(data).to_string())
    )
}

/// The box that says a field emptied is meant to go (`tomt=<key>`).
fn clear_box(key: &str, label: &str) -> String {
    format!(
        "<div class=\"check\"><input type=\"checkbox\" id=\"tomt-{key}\" name=\"{}\" value=\"{key}\"><label for=\"tomt-{key}\">Fjern {} fra filen</label></div>",
        super::candidate::CLEARED,
        esc(label)
    )
}

fn errors_html(id: &str, errors: &[&Problem]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let texts: String = errors
        .iter()
        .map(|p| format!("<span class=\"error\">Fejl: {}</span>", esc(&p.text())))
        .collect();
    format!("<span id=\"fejl-{id}\">{texts}</span>")
}

/// `aria-describedby` and `aria-invalid` for a control with hint `hint-{id}`.
fn described(id: &str, errors: &[&Problem]) -> String {
    if errors.is_empty() {
        format!(" aria-describedby=\"hint-{id}\"")
    } else {
        format!(" aria-describedby=\"hint-{id} fejl-{id}\" aria-invalid=\"true\"")
    }
}

/// How many empty rows a list of names gets, to add to it without a script.
const NEW_ROWS: usize = 2;

fn input(
    field: &Field,
    values: &[String],
    choices: &[(String, String)],
    errors: &[&Problem],
) -> String {
    if field.kind.is_list() {
        return list_input(field, values, choices, errors);
    }
    if field.kind == Kind::Flag {
        let key = field.key;
        let checked = if values.first().is_some_and(|v| v == "true") {
            " checked"
        } else {
            ""
        };
        return format!(
            "<div class=\"field\"><div class=\"check\"><input type=\"checkbox\" id=\"felt-{key}\" name=\"{key}\" value=\"true\"{}{checked}><label for=\"felt-{key}\">{}</label></div><span class=\"hint\" id=\"hint-{key}\">{}</span>{}</div>",
            described(key, errors),
            esc(field.label),
            esc(field.hint),
            errors_html(key, errors)
        );
    }
    let value = values.first().map_or("", String::as_str);
    let key = field.key;
    let (must, aria_required) = if field.required {
        ("Skal udfyldes. ", " aria-required=\"true\"")
    } else {
        ("", "")
    };
    // One format for dates, the date picker's: the form never speaks of år-måned-dag.
    let format = if field.kind == Kind::Date {
        " Vælg datoen i kalenderen, eller skriv den som dag, måned og år (dd.mm.åååå)."
    } else {
        ""
    };
    let label = format!(
        "<label for=\"felt-{key}\">{}</label><span class=\"hint\" id=\"hint-{key}\">{must}{}{format}</span>{}",
        esc(field.label),
        esc(field.hint),
        errors_html(key, errors)
    );
    let common = format!(
        "id=\"felt-{key}\" name=\"{key}\"{}{aria_required}",
        described(key, errors)
    );
    let control = match field.kind {
        Kind::Line => format!("<input type=\"text\" {common} value=\"{}\">", esc(value)),
        Kind::Date => format!("<input type=\"date\" {common} value=\"{}\">", esc(value)),
        Kind::Paragraphs => format!("<textarea {common}>\n{}</textarea>", esc(value)),
        Kind::Choice(words) => {
            let mut options = String::new();
            if !field.required {
                let selected = if value.is_empty() { " selected" } else { "" };
                options.push_str(&format!("<option value=\"\"{selected}>(ingen)</option>"));
            }
            let offered_empty = value.is_empty() && !field.required;
            if !words.contains(&value) && !offered_empty {
                options.push_str(&format!(
                    "<option value=\"{}\" selected>{}</option>",
                    esc(value),
                    esc(value)
                ));
            }
            for w in words {
                let selected = if *w == value { " selected" } else { "" };
                options.push_str(&format!("<option value=\"{w}\"{selected}>{w}</option>"));
            }
            format!("<select {common}>{options}</select>")
        }
        // Lists and the box are drawn above.
        _ => String::new(),
    };
    format!("<div class=\"field\">{label}{control}</div>")
}

/// A list field: checkboxes for the site's themes or goals, rows of text for names; a
/// fieldset whose legend is the label.
fn list_input(
    field: &Field,
    values: &[String],
    choices: &[(String, String)],
    errors: &[&Problem],
) -> String {
    let key = field.key;
    let must = if field.required {
        "Skal udfyldes. "
    } else {
        ""
    };
    let described_by = if errors.is_empty() {
        format!(" aria-describedby=\"hint-{key}\"")
    } else {
        format!(" aria-describedby=\"hint-{key} fejl-{key}\"")
    };
    let mut out = format!(
        "<fieldset class=\"field\"{described_by}><legend>{}</legend><span class=\"hint\" id=\"hint-{key}\">{must}{}</span>{}",
        esc(field.label),
        esc(field.hint),
        errors_html(key, errors)
    );
    if let Kind::Parts(parts) = field.kind {
        if values.iter().all(String::is_empty) && !choices.is_empty() {
            out.push_str(&inherited(key, choices));
        }
        for (n, (part, label)) in parts.iter().enumerate() {
            let value = values.get(n).map_or("", String::as_str);
            let invalid = if errors.iter().any(|p| p.control == Some(n)) {
                format!(" aria-invalid=\"true\" aria-describedby=\"fejl-{key}\"")
            } else {
                String::new()
            };
            out.push_str(&format!(
                "<label class=\"row\" for=\"felt-{key}-{n}\">{}</label><input type=\"text\" id=\"felt-{key}-{n}\" name=\"{key}.{part}\" value=\"{}\"{invalid}>",
                esc(label),
                esc(value)
            ));
        }
    } else if let Kind::Rows(parts) = field.kind {
        let width = parts.len();
        let rows = values.len() / width + 1;
        for r in 0..rows {
            out.push_str(&format!(
                "<div class=\"figure\" role=\"group\" aria-label=\"{} {}\">",
                esc(field.label),
                r + 1
            ));
            for (c, (part, label)) in parts.iter().enumerate() {
                let n = r * width + c;
                let value = values.get(n).map_or("", String::as_str);
                let invalid = if errors.iter().any(|p| p.control == Some(n)) {
                    format!(" aria-invalid=\"true\" aria-describedby=\"fejl-{key}\"")
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "<span><label class=\"row\" for=\"felt-{key}-{n}\">{} <span class=\"visually-hidden\">(række {})</span></label><input type=\"text\" id=\"felt-{key}-{n}\" name=\"{key}.{part}\" value=\"{}\"{invalid}></span>",
                    esc(label),
                    r + 1,
                    esc(value)
                ));
            }
            out.push_str("</div>");
        }
    } else if matches!(field.kind, Kind::Items) {
        let rows = values.iter().map(String::as_str).chain([""; NEW_ROWS]);
        for (n, v) in rows.enumerate() {
            out.push_str(&format!(
                "<label class=\"row\" for=\"felt-{key}-{n}\">{} {}</label><input type=\"text\" id=\"felt-{key}-{n}\" name=\"{key}\" value=\"{}\">",
                esc(field.label),
                n + 1,
                esc(v)
            ));
        }
    } else {
        // A value the file has that the site does not offer stays visible, to be unticked.
        let unknown = values
            .iter()
            .filter(|v| !choices.iter().any(|(c, _)| c == *v))
            .map(|v| (v.clone(), format!("{v} (findes ikke i site.yaml)")));
        let all: Vec<(String, String)> = choices.iter().cloned().chain(unknown).collect();
        for (n, (value, label)) in all.iter().enumerate() {
            let checked = if values.contains(value) {
                " checked"
            } else {
                ""
            };
            out.push_str(&format!(
                "<div class=\"check\"><input type=\"checkbox\" id=\"felt-{key}-{n}\" name=\"{key}\" value=\"{}\"{checked}><label for=\"felt-{key}-{n}\">{}</label></div>",
                esc(value),
                esc(label)
            ));
        }
    }
    out.push_str("</fieldset>");
    out
}
