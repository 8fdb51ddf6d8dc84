//! Open data: `data/indsatser.json` (every published initiative with all
//! its fields, URLs absolute), its JSON Schema, `data/indsatser.csv` (UTF-8 with BOM and `;`
//! as Danish Excel expects), and the offers' `data/tilbud.json` (`offers`). The schema.org
//! JSON-LD of pages is `jsonld`'s.

pub mod offers;
mod record;

use super::views::Views;
use super::OutFile;
use crate::model::Initiative;
use crate::text::format_number;
use rayon::prelude::*;
use record::{record, Record};
use serde::Serialize;
use serde_json::json;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io;

pub const JSON_PATH: &str = crate::layout::DATA_JSON;
pub const SCHEMA_PATH: &str = crate::layout::DATA_SCHEMA;
pub const CSV_PATH: &str = crate::layout::DATA_CSV;

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
    let record = record(v, x);
    // Serializing plain fields into a Vec cannot fail.
    let _ = record.serialize(&mut ser);
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
        csv: csv_row(&record),
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
pub const CSV_COLUMNS: [&str; 19] = [
    "id",
    "url",
    "titel",
    "handleplan",
    "år",
    "temaer",
    "status",
    "statusdato",
    "status_aktuel",
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

/// One initiative as a CSV row (without the line end): the columns of `CSV_COLUMNS`, lists
/// joined by ", ", key figures written out as text.
fn csv_row(r: &Record) -> String {
    let figures: Vec<String> = r
        .key_figures
        .iter()
        .map(|k| {
            let unit = k.unit.map(|u| format!(" {u}")).unwrap_or_default();
            let year = k.year.map(|y| format!(" ({y})")).unwrap_or_default();
            format!("{}: {}{unit}{year}", k.label, format_number(k.value))
        })
        .collect();
    let list = |items: Vec<String>| items.join(", ");
    let row = [
        r.id.clone(),
        r.url.clone(),
        r.title.to_string(),
        r.plan.clone(),
        list(r.years.iter().map(u16::to_string).collect()),
        r.themes.join(", "),
        r.status.to_string(),
        r.status_date.clone().unwrap_or_default(),
        if r.status_current { "ja" } else { "nej" }.to_string(),
        r.purpose.to_string(),
        list(r.goals.iter().map(|g| g.number.to_string()).collect()),
        r.actors.join(", "),
        r.timeline.unwrap_or_default().to_string(),
        r.target_group.unwrap_or_default().to_string(),
        r.place.unwrap_or_default().to_string(),
        r.updated.clone().unwrap_or_default(),
        r.summary.to_string(),
        figures.join(" | "),
        r.continues.join(", "),
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
