//! Open data: `data/indsatser.json` (every published initiative with all
//! its fields, URLs absolute), its JSON Schema, `data/indsatser.csv` (UTF-8 with BOM and `;`
//! as Danish Excel expects). The schema.org JSON-LD of pages is `jsonld`'s.

use super::views::Views;
use super::OutFile;
use crate::layout;
use crate::markdown::plain_text;
use crate::model::Initiative;
use rayon::prelude::*;
use serde_json::ser::{Formatter, PrettyFormatter};
use serde_json::{json, Map, Value};
use std::io;

pub const JSON_PATH: &str = "data/indsatser.json";
pub const SCHEMA_PATH: &str = "data/indsatser.schema.json";
pub const CSV_PATH: &str = "data/indsatser.csv";

fn opt(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

/// One initiative with every field, as the open data holds it.
pub fn initiative_json(v: &Views, x: &Initiative) -> Value {
    let c = v.config();
    let mut m = Map::new();
    m.insert("id".into(), json!(x.id.to_string()));
    m.insert(
        "url".into(),
        json!(v.absolute(&layout::initiative_path(&x.id))),
    );
    m.insert("titel".into(), json!(x.title));
    m.insert("handleplan".into(), json!(x.id.plan.to_string()));
    m.insert("år".into(), json!(x.years));
    m.insert(
        "temaer".into(),
        json!(x
            .themes
            .iter()
            .map(|&t| c.themes[t].name.clone())
            .collect::<Vec<_>>()),
    );
    m.insert("status".into(), json!(x.status.danish()));
    m.insert("formål".into(), json!(x.purpose));
    m.insert(
        "strategimål".into(),
        json!(x
            .goals
            .iter()
            .filter_map(|&g| c.goal(g))
            .map(|g| json!({"nummer": g.number, "tekst": g.text}))
            .collect::<Vec<_>>()),
    );
    m.insert("aktører".into(), json!(x.actors));
    m.insert("tidsplan".into(), opt(&x.timeline));
    m.insert("målgruppe".into(), opt(&x.target_group));
    m.insert(
        "tilmelding".into(),
        x.signup_html
            .as_deref()
            .map_or(Value::Null, |h| json!(plain_text(h))),
    );
    m.insert(
        "kontakt".into(),
        x.contact.as_ref().map_or(
            Value::Null,
            |k| json!({"navn": k.name, "telefon": k.phone, "email": k.email, "url": k.url}),
        ),
    );
    m.insert("sted".into(), opt(&x.place));
    m.insert(
        "nøgletal".into(),
        json!(x
            .key_figures
            .iter()
            .map(|k| json!({"label": k.label, "værdi": k.value, "enhed": k.unit, "år": k.year}))
            .collect::<Vec<_>>()),
    );
    m.insert(
        "opdateret".into(),
        x.updated.map_or(Value::Null, |d| json!(d.iso())),
    );
    m.insert("resumé".into(), json!(x.summary));
    m.insert(
        "fortsætter".into(),
        json!(x
            .continues
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()),
    );
    let o = &x.offer;
    m.insert("pris".into(), opt(&o.price));
    m.insert(
        "form".into(),
        json!(o.forms.iter().map(|f| f.danish()).collect::<Vec<_>>()),
    );
    m.insert("omfang".into(), opt(&o.extent));
    m.insert(
        "start".into(),
        json!(o.starts.iter().map(|d| d.iso()).collect::<Vec<_>>()),
    );
    m.insert(
        "tilmeldingsstatus".into(),
        o.signup_status.map_or(Value::Null, |s| json!(s.danish())),
    );
    m.insert("henvisning".into(), opt(&o.referral));
    m.insert("tekst".into(), json!(x.body_text));
    Value::Object(m)
}

/// The open-data files: JSON, its schema, CSV.
pub fn files(v: &Views) -> Vec<OutFile> {
    files_from(v, &rows(v))
}

/// One initiative's share of the open data: its object in `indsatser.json`, pretty-printed at
/// its depth in the document, and its CSV row. Kept by `serve` between rebuilds, so that an
/// edit re-serializes one initiative, not all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    json: String,
    csv: String,
}

/// The open-data row of initiative `x`.
pub fn row(v: &Views, x: &Initiative) -> Row {
    let mut object = Vec::with_capacity(4096);
    let mut ser =
        serde_json::Serializer::with_formatter(&mut object, NoMarkup(PrettyFormatter::new()));
    // Serializing a `Value` into a Vec cannot fail.
    let _ = serde::Serialize::serialize(&initiative_json(v, x), &mut ser);
    let object = String::from_utf8_lossy(&object);
    // In the document the object is an element of the array under "indsatser": two levels
    // deeper. Strings hold no raw line breaks (JSON escapes them), so indenting every line
    // gives exactly what the pretty printer writes for the whole document.
    let mut json = String::with_capacity(object.len() + object.len() / 8);
    for (k, line) in object.split('\n').enumerate() {
        if k > 0 {
            json.push('\n');
        }
        json.push_str("    ");
        json.push_str(line);
    }
    Row {
        json,
        csv: csv_row(v, x),
    }
}

/// The open-data rows of every initiative, in the site's order.
pub fn rows(v: &Views) -> Vec<Row> {
    v.site.initiatives.par_iter().map(|x| row(v, x)).collect()
}

/// The open-data files made from `rows` (one per initiative, in the site's order).
pub fn files_from(v: &Views, rows: &[Row]) -> Vec<OutFile> {
    let (json_text, csv_text) = rayon::join(|| json_document(v, rows), || csv(rows));
    vec![
        OutFile {
            path: JSON_PATH.into(),
            bytes: json_text,
        },
        OutFile {
            path: SCHEMA_PATH.into(),
            bytes: SCHEMA.as_bytes().to_vec(),
        },
        OutFile {
            path: CSV_PATH.into(),
            bytes: csv_text.into_bytes(),
        },
    ]
}

/// `data/indsatser.json`, pretty-printed.
fn json_document(v: &Views, rows: &[Row]) -> Vec<u8> {
    let (mut doc, tail) = json_frame(v, rows.len());
    doc.reserve(rows.iter().map(|r| r.json.len() + 2).sum::<usize>() + tail.len());
    for (k, r) in rows.iter().enumerate() {
        if k > 0 {
            doc.extend_from_slice(b",\n");
        }
        doc.extend_from_slice(r.json.as_bytes());
    }
    doc.extend_from_slice(&tail);
    doc
}

/// The JSON document around its `count` rows: what comes before the first row and after the
/// last. Rows go between, separated by ",\n".
fn json_frame(v: &Views, count: usize) -> (Vec<u8>, Vec<u8>) {
    let c = v.config();
    let head = json!({
        "$schema": v.absolute(SCHEMA_PATH),
        "titel": c.title,
        "ejer": c.owner,
        "licens": c.license,
        "kilde": c.base_url.absolute,
        "antal": count,
        "indsatser": [],
    });
    let mut doc = Vec::with_capacity(1024);
    let mut ser =
        serde_json::Serializer::with_formatter(&mut doc, NoMarkup(PrettyFormatter::new()));
    let _ = serde::Serialize::serialize(&head, &mut ser);
    // The rows go into the empty array. A string value cannot hold this text: its quotes
    // would be escaped.
    const EMPTY: &[u8] = b"\"indsatser\": []";
    let mut tail = Vec::new();
    if let (true, Some(at)) = (count > 0, doc.windows(EMPTY.len()).position(|w| w == EMPTY)) {
        tail = doc.split_off(at + EMPTY.len() - 1);
        doc.push(b'\n');
        tail.splice(0..0, b"\n  ".iter().copied());
    }
    tail.push(b'\n');
    (doc, tail)
}

/// Writes the open data (`indsatser.json`, `indsatser.csv`) of every initiative to `json` and
/// `csv`, a chunk of rows at a time: the same bytes as `files`, without holding the whole
/// documents.
pub fn stream(v: &Views, json: &mut dyn io::Write, csv: &mut dyn io::Write) -> io::Result<()> {
    let all = &v.site.initiatives;
    let (head, tail) = json_frame(v, all.len());
    json.write_all(&head)?;
    csv.write_all(csv_head().as_bytes())?;
    for (c, chunk) in all.chunks(512).enumerate() {
        let rows: Vec<Row> = chunk.par_iter().map(|x| row(v, x)).collect();
        for (k, r) in rows.iter().enumerate() {
            if c > 0 || k > 0 {
                json.write_all(b",\n")?;
            }
            json.write_all(r.json.as_bytes())?;
            csv.write_all(r.csv.as_bytes())?;
            csv.write_all(b"\r\n")?;
        }
    }
    json.write_all(&tail)?;
    json.flush()?;
    csv.flush()
}

/// The JSON schema of `indsatser.json`.
pub fn schema() -> &'static [u8] {
    SCHEMA.as_bytes()
}

/// serde_json's pretty printer, writing `<` and `>` in strings as `\u003c` and `\u003e`: the
/// same JSON to every parser, but never markup to a browser that is shown the file as HTML
/// (a misconfigured host, a viewer that sniffs).
struct NoMarkup<'a>(PrettyFormatter<'a>);

impl Formatter for NoMarkup<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment.as_bytes();
        while let Some(i) = rest.iter().position(|&b| b == b'<' || b == b'>') {
            w.write_all(&rest[..i])?;
            w.write_all(if rest[i] == b'<' {
                b"\\u003c"
            } else {
                b"\\u003e"
            })?;
            rest = &rest[i + 1..];
        }
        w.write_all(rest)
    }
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// The columns of the CSV, one row per initiative.
pub const CSV_COLUMNS: [&str; 17] = [
    "id",
    "url",
    "titel",
    "handleplan",
    "år",
    "temaer",
    "status",
    "formål",
    "strategimål",
    "aktører",
    "tidsplan",
    "målgruppe",
    "sted",
    "opdateret",
    "resumé",
    "nøgletal",
    "fortsætter",
];

fn csv_field(s: &str) -> String {
    // A cell starting with = + - @ would be run as a formula by spreadsheet programs.
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV file's start: a byte-order mark (so spreadsheet programs read UTF-8) and the
/// header row.
fn csv_head() -> String {
    format!("\u{feff}{}\r\n", CSV_COLUMNS.join(";"))
}

fn csv(rows: &[Row]) -> String {
    let mut out = String::with_capacity(rows.iter().map(|r| r.csv.len() + 2).sum::<usize>() + 256);
    out.push_str(&csv_head());
    for r in rows {
        out.push_str(&r.csv);
        out.push_str("\r\n");
    }
    out
}

/// One initiative as a CSV row (without the line end).
fn csv_row(v: &Views, x: &Initiative) -> String {
    let c = v.config();
    let figures: Vec<String> = x
        .key_figures
        .iter()
        .map(|k| {
            let unit = k
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let year = k.year.map(|y| format!(" ({y})")).unwrap_or_default();
            format!(
                "{}: {}{unit}{year}",
                k.label,
                crate::text::format_number(k.value)
            )
        })
        .collect();
    let row = [
        x.id.to_string(),
        v.absolute(&layout::initiative_path(&x.id)),
        x.title.clone(),
        x.id.plan.to_string(),
        x.years
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        x.themes
            .iter()
            .map(|&t| c.themes[t].name.clone())
            .collect::<Vec<_>>()
            .join(", "),
        x.status.danish().to_string(),
        x.purpose.clone(),
        x.goals
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        x.actors.join(", "),
        x.timeline.clone().unwrap_or_default(),
        x.target_group.clone().unwrap_or_default(),
        x.place.clone().unwrap_or_default(),
        x.updated.map(|d| d.iso()).unwrap_or_default(),
        x.summary.clone(),
        figures.join(" | "),
        x.continues
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    ];
    row.iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(";")
}

/// The JSON Schema of `data/indsatser.json`.
pub const SCHEMA: &str = include_str!("indsatser.schema.json");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("sagde \"hej\""), "\"sagde \"\"hej\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
