//! The offers as open data: `data/tilbud.json` (every published offer with its facts, its
//! coming course starts at the build date and its initiatives, URLs absolute) and its JSON
//! Schema, beside `indsatser.json`. Made only for a site that has offers.

use super::NoMarkup;
use crate::layout;
use crate::model::Offer;
use crate::render::views::Views;
use crate::render::OutFile;
use serde::Serialize;
use serde_json::ser::PrettyFormatter;

pub const JSON_PATH: &str = layout::DATA_OFFERS_JSON;
pub const SCHEMA_PATH: &str = layout::DATA_OFFERS_SCHEMA;
const SCHEMA: &str = include_str!("tilbud.schema.json");

#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: String,
    titel: &'a str,
    ejer: &'a str,
    licens: Option<&'a str>,
    kilde: &'a str,
    /// The build date the courses are read against.
    dato: String,
    antal: usize,
    tilbud: Vec<OfferRecord<'a>>,
}

#[derive(Serialize)]
struct OfferRecord<'a> {
    id: &'a str,
    url: String,
    titel: &'a str,
    temaer: Vec<&'a str>,
    #[serde(rename = "resumé")]
    summary: &'a str,
    #[serde(rename = "målgruppe")]
    target_group: Option<&'a str>,
    henvisning: Option<&'a str>,
    indhold: Option<&'a str>,
    omfang: Option<&'a str>,
    #[serde(rename = "holdstørrelse")]
    group_size: Option<&'a str>,
    form: Vec<&'static str>,
    sted: &'a [String],
    hold: Vec<CourseRecord<'a>>,
    kalender: String,
    pris: Option<&'a str>,
    tilmeldingslink: Option<&'a str>,
    kontakt: Option<ContactRecord<'a>>,
    #[serde(rename = "bekræftet")]
    confirmed: Option<String>,
    indsatser: Vec<String>,
}

#[derive(Serialize)]
struct CourseRecord<'a> {
    start: String,
    tid: Option<String>,
    sted: Option<&'a str>,
    form: Option<&'static str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct ContactRecord<'a> {
    navn: Option<&'a str>,
    telefon: Option<&'a str>,
    email: Option<&'a str>,
    url: Option<&'a str>,
    #[serde(rename = "åbningstider")]
    hours: Option<&'a str>,
}

/// `data/tilbud.json` and its schema; nothing for a site without offers.
pub fn files(v: &Views) -> Vec<OutFile> {
    if v.site.offers.is_empty() {
        return Vec::new();
    }
    let c = v.config();
    let doc = Document {
        schema: v.absolute(SCHEMA_PATH),
        titel: &c.title,
        ejer: &c.owner,
        licens: c.license.as_deref(),
        kilde: &c.base_url.absolute,
        dato: v.site.date.iso(),
        antal: v.site.offers.len(),
        tilbud: (0..v.site.offers.len()).map(|k| record(v, k)).collect(),
    };
    let mut json = Vec::with_capacity(16 * 1024);
    let mut ser =
        serde_json::Serializer::with_formatter(&mut json, NoMarkup(PrettyFormatter::new()));
    // Serializing plain fields into a Vec cannot fail.
    let _ = doc.serialize(&mut ser);
    json.push(b'\n');
    vec![
        OutFile {
            path: JSON_PATH.into(),
            bytes: json,
        },
        OutFile {
            path: SCHEMA_PATH.into(),
            bytes: SCHEMA.as_bytes().to_vec(),
        },
    ]
}

/// The paths `files` makes, for the site's plan of files.
pub fn paths(v: &Views) -> Vec<String> {
    if v.site.offers.is_empty() {
        return Vec::new();
    }
    vec![JSON_PATH.into(), SCHEMA_PATH.into()]
}

fn record<'a>(v: &Views<'a>, k: usize) -> OfferRecord<'a> {
    let s = v.site;
    let o: &'a Offer = &s.offers[k];
    OfferRecord {
        id: &o.slug,
        url: v.absolute(&layout::offer_path(&o.slug)),
        titel: &o.title,
        temaer: o
            .themes
            .iter()
            .map(|&t| s.config.themes[t].name.as_str())
            .collect(),
        summary: &o.summary,
        target_group: o.target_group.as_deref(),
        henvisning: o.referral.as_deref(),
        indhold: o.content.as_deref(),
        omfang: o.extent.as_deref(),
        group_size: o.group_size.as_deref(),
        form: o.forms.iter().map(|f| f.danish()).collect(),
        sted: &o.places,
        hold: o
            .coming_courses(s.date)
            .map(|c| CourseRecord {
                start: c.start.iso(),
                tid: c
                    .time
                    .map(|t| format!("{}-{}", t.from.danish(), t.to.danish())),
                sted: c.place.as_deref(),
                form: c.form.map(|f| f.danish()),
                note: c.note.as_deref(),
            })
            .collect(),
        kalender: v.absolute(&layout::offer_calendar_path(&o.slug)),
        pris: o.price.as_deref(),
        tilmeldingslink: o.signup_url.as_deref(),
        kontakt: o.contact.as_ref().map(|c| ContactRecord {
            navn: c.contact.name.as_deref(),
            telefon: c.contact.phone.as_deref(),
            email: c.contact.email.as_deref(),
            url: c.contact.url.as_deref(),
            hours: c.hours.as_deref(),
        }),
        confirmed: o.confirmed.map(|d| d.iso()),
        indsatser: s.offer_initiatives[k]
            .iter()
            .map(|&i| s.initiatives[i].id.to_string())
            .collect(),
    }
}
