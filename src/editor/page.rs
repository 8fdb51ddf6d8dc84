//! The form, prepared for its template (`templates/form.html`): labels, hints, required
//! fields marked, errors next to their fields and in a summary at the top (the GOV.UK /
//! DKFDS pattern), and the "Gemt" notice. What each field shows is decided here; the
//! template lays it out.

use super::catalogue::{Field, Kind};
use super::{CHECK, CLOSED_TAB, OPEN_TAB, PREFIX, SCRIPT};
use serde::Serialize;

/// The form's name for "this field was emptied on purpose"; its value is the field's key.
pub const CLEARED: &str = "tomt";

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

/// The page of a file as the site shows it, for the link after a save.
fn page_url(rel: &str) -> String {
    crate::content::page_path_of(std::path::Path::new(rel))
        .map_or_else(|| "/".to_string(), |p| format!("/{p}"))
}

/// The form's page.
pub fn form(f: &Form) -> String {
    let name = f
        .values
        .first()
        .and_then(|v| v.first())
        .cloned()
        .unwrap_or_default();
    let problems: Vec<Summary> = f
        .problems
        .iter()
        .map(|p| Summary {
            target: match p.at {
                // The box it is about, or a list's first box or row.
                At::Field(i) if f.fields[i].kind.is_list() => {
                    format!("felt-{}-{}", f.fields[i].key, p.control.unwrap_or(0))
                }
                At::Field(i) => format!("felt-{}", f.fields[i].key),
                At::Body => "felt-tekst".to_string(),
                At::Form => "fejl".to_string(),
            },
            text: p.text(),
        })
        .collect();
    let fields: Vec<FieldView> = f
        .fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let errors: Vec<&Problem> =
                f.problems.iter().filter(|p| p.at == At::Field(i)).collect();
            let values = f.values.get(i).map_or(&[][..], Vec::as_slice);
            let choices = f.choices.get(i).map_or(&[][..], Vec::as_slice);
            let editable = f.editable.get(i).copied().unwrap_or(true);
            field_view(field, values, choices, &errors, editable)
        })
        .collect();
    let body_errors: Vec<&Problem> = f.problems.iter().filter(|p| p.at == At::Body).collect();
    let at = |route: &str| format!("{PREFIX}{route}{}", f.rel);
    let context = FormPage {
        title: format!("Rediger: {name}"),
        name,
        page: page_url(f.rel),
        prefix: PREFIX,
        rel: f.rel,
        saved: f.saved,
        problems,
        action: at(""),
        check: at(CHECK),
        open_tab: at(OPEN_TAB),
        closed_tab: at(CLOSED_TAB),
        token: f.token,
        version: f.version,
        fields,
        body: BodyView {
            key: "tekst",
            errors: body_errors.iter().map(|p| p.text()).collect(),
            clear: body_errors.iter().any(|p| p.offer_clear),
            value: &f.body,
        },
        preview: minijinja::Value::from_safe_string(f.preview.clone()),
        others: f.others.join(", "),
        cleared: CLEARED,
        script: format!("{PREFIX}{SCRIPT}"),
    };
    super::view::render("form.html", context)
}

/// What `form.html` is given.
#[derive(Serialize)]
struct FormPage<'a> {
    title: String,
    name: String,
    page: String,
    prefix: &'static str,
    rel: &'a str,
    /// After a save: whether it took in changes made on the disk.
    saved: Option<bool>,
    problems: Vec<Summary>,
    action: String,
    check: String,
    open_tab: String,
    closed_tab: String,
    token: &'a str,
    version: &'a str,
    fields: Vec<FieldView>,
    body: BodyView<'a>,
    preview: minijinja::Value,
    /// Keys of the file the form leaves to the file, `, `-separated.
    others: String,
    /// The name of the box that says a field emptied is meant to go.
    cleared: &'static str,
    script: String,
}

/// A problem in the summary at the top, linking to its field's box.
#[derive(Serialize)]
struct Summary {
    target: String,
    text: String,
}

#[derive(Serialize)]
struct BodyView<'a> {
    key: &'static str,
    errors: Vec<String>,
    clear: bool,
    value: &'a str,
}

/// One field as the template draws it; `kind` says how (`fixed`: what the form cannot show,
/// `flag`, `line`, `date`, `paragraphs`, `choice`, `parts`, `rows`, `items`, `boxes`).
#[derive(Serialize, Default)]
struct FieldView {
    kind: &'static str,
    key: &'static str,
    label: &'static str,
    hint: &'static str,
    /// "Skal udfyldes. " for a required field.
    must: &'static str,
    /// How a date is written, after the hint.
    format: &'static str,
    required: bool,
    errors: Vec<String>,
    /// The field came empty where the file has a value: offer to remove it.
    clear: bool,
    value: String,
    checked: bool,
    /// A choice's options, or the boxes to tick.
    options: Vec<Choice>,
    /// The boxes of a contact's parts, or a list's rows of names.
    controls: Vec<Control>,
    /// A key figure's rows.
    rows: Vec<Row>,
    /// The site's contact, shown while the file has none of its own.
    inherited: Option<Inherited>,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct Control {
    n: usize,
    name: String,
    label: String,
    value: String,
    invalid: bool,
}

#[derive(Serialize)]
struct Row {
    number: usize,
    controls: Vec<Control>,
}

#[derive(Serialize)]
struct Inherited {
    shown: String,
    /// The parts as JSON, for the button that copies them into the field.
    parts: String,
}

/// How many empty rows a list of names gets, to add to it without a script.
const NEW_ROWS: usize = 2;

fn field_view(
    field: &Field,
    values: &[String],
    choices: &[(String, String)],
    errors: &[&Problem],
    editable: bool,
) -> FieldView {
    let base = FieldView {
        key: field.key,
        label: field.label,
        hint: field.hint,
        must: if field.required {
            "Skal udfyldes. "
        } else {
            ""
        },
        required: field.required,
        errors: errors.iter().map(|p| p.text()).collect(),
        clear: errors.iter().any(|p| p.offer_clear),
        ..FieldView::default()
    };
    if !editable {
        return FieldView {
            kind: "fixed",
            clear: false,
            ..base
        };
    }
    let value = values.first().cloned().unwrap_or_default();
    let invalid = |n: usize| errors.iter().any(|p| p.control == Some(n));
    let control = |n: usize, name: String, label: String, value: &str| Control {
        n,
        name,
        label,
        value: value.to_string(),
        invalid: invalid(n),
    };
    match field.kind {
        Kind::Flag => FieldView {
            kind: "flag",
            must: "",
            checked: value == "true",
            ..base
        },
        Kind::Line => FieldView {
            kind: "line",
            value,
            ..base
        },
        // One format for dates, the date picker's: the form never speaks of år-måned-dag.
        Kind::Date => FieldView {
            kind: "date",
            value,
            format: " Vælg datoen i kalenderen, eller skriv den som dag, måned og år (dd.mm.åååå).",
            ..base
        },
        Kind::Paragraphs => FieldView {
            kind: "paragraphs",
            value,
            ..base
        },
        Kind::Choice(words) => FieldView {
            kind: "choice",
            options: choice_options(field.required, words, &value),
            value,
            ..base
        },
        Kind::Parts(parts) => FieldView {
            kind: "parts",
            inherited: (values.iter().all(String::is_empty) && !choices.is_empty())
                .then(|| inherited(choices)),
            controls: parts
                .iter()
                .enumerate()
                .map(|(n, (part, label))| {
                    let value = values.get(n).map_or("", String::as_str);
                    control(n, format!("{}.{part}", field.key), label.to_string(), value)
                })
                .collect(),
            ..base
        },
        Kind::Rows(parts) => {
            let width = parts.len();
            let rows = (0..values.len() / width + 1)
                .map(|r| Row {
                    number: r + 1,
                    controls: parts
                        .iter()
                        .enumerate()
                        .map(|(c, (part, label))| {
                            let n = r * width + c;
                            let value = values.get(n).map_or("", String::as_str);
                            control(n, format!("{}.{part}", field.key), label.to_string(), value)
                        })
                        .collect(),
                })
                .collect();
            FieldView {
                kind: "rows",
                rows,
                ..base
            }
        }
        Kind::Items => FieldView {
            kind: "items",
            controls: values
                .iter()
                .map(String::as_str)
                .chain([""; NEW_ROWS])
                .enumerate()
                .map(|(n, v)| Control {
                    n,
                    name: field.key.to_string(),
                    label: format!("{} {}", field.label, n + 1),
                    value: v.to_string(),
                    invalid: false,
                })
                .collect(),
            ..base
        },
        Kind::Themes | Kind::Goals | Kind::Several(_) => FieldView {
            kind: "boxes",
            options: boxes(values, choices),
            ..base
        },
    }
}

/// A choice's options: "(ingen)" when it may be left out, a value the file has that is not
/// one of the words (kept, to be seen and changed), then the words.
fn choice_options(required: bool, words: &[&str], value: &str) -> Vec<Choice> {
    let mut options = Vec::new();
    if !required {
        options.push(Choice {
            value: String::new(),
            label: "(ingen)".into(),
            selected: value.is_empty(),
        });
    }
    let offered_empty = value.is_empty() && !required;
    if !words.contains(&value) && !offered_empty {
        options.push(Choice {
            value: value.to_string(),
            label: value.to_string(),
            selected: true,
        });
    }
    options.extend(words.iter().map(|w| Choice {
        value: w.to_string(),
        label: w.to_string(),
        selected: *w == value,
    }));
    options
}

/// The site's themes or goals as boxes, ticked as the file has them; a value the file has
/// that the site does not offer stays visible, to be unticked.
fn boxes(values: &[String], choices: &[(String, String)]) -> Vec<Choice> {
    let unknown = values
        .iter()
        .filter(|v| !choices.iter().any(|(c, _)| c == *v))
        .map(|v| (v.clone(), format!("{v} (findes ikke i site.yaml)")));
    choices
        .iter()
        .cloned()
        .chain(unknown)
        .map(|(value, label)| Choice {
            selected: values.contains(&value),
            value,
            label,
        })
        .collect()
}

/// What a field without a value of its own shows on the page (the site's contact), for the
/// button (shown by the form's script) that copies it into the field to change it.
fn inherited(choices: &[(String, String)]) -> Inherited {
    let shown: Vec<&str> = choices.iter().map(|(_, v)| v.as_str()).collect();
    let data: serde_json::Map<String, serde_json::Value> = choices
        .iter()
        .map(|(p, v)| (p.clone(), serde_json::Value::String(v.clone())))
        .collect();
    Inherited {
        shown: shown.join(" · "),
        parts: serde_json::Value::Object(data).to_string(),
    }
}
