//! The open data's row type: one initiative with every field, as `indsatser.json` holds it
//! (Danish keys, in the order the file has always had) and as the CSV takes its cells.

use crate::layout;
use crate::markdown::plain_text;
use crate::model::Initiative;
use crate::render::views::Views;
use serde::Serialize;

/// One initiative with every field, as `indsatser.json` holds it and the CSV takes its
/// columns from. The fields stand in the byte order of their keys, the order the file has
/// always had (it was first built as a sorted map); `keys_stand_in_byte_order` checks it.
#[derive(Debug, Default, Serialize)]
pub(super) struct Record<'a> {
    #[serde(rename = "aktører")]
    pub(super) actors: &'a [String],
    #[serde(rename = "form")]
    pub(super) forms: Vec<&'static str>,
    #[serde(rename = "formål")]
    pub(super) purpose: &'a str,
    #[serde(rename = "fortsætter")]
    pub(super) continues: Vec<String>,
    #[serde(rename = "handleplan")]
    pub(super) plan: String,
    #[serde(rename = "henvisning")]
    pub(super) referral: Option<&'a str>,
    pub(super) id: String,
    #[serde(rename = "kontakt")]
    pub(super) contact: Option<ContactRecord<'a>>,
    #[serde(rename = "målgruppe")]
    pub(super) target_group: Option<&'a str>,
    #[serde(rename = "nøgletal")]
    pub(super) key_figures: Vec<FigureRecord<'a>>,
    #[serde(rename = "omfang")]
    pub(super) extent: Option<&'a str>,
    #[serde(rename = "opdateret")]
    pub(super) updated: Option<String>,
    #[serde(rename = "pris")]
    pub(super) price: Option<&'a str>,
    #[serde(rename = "resumé")]
    pub(super) summary: &'a str,
    #[serde(rename = "start")]
    pub(super) starts: Vec<String>,
    pub(super) status: &'static str,
    /// Whether the status is what runs now at the build date, or history (`aging`).
    #[serde(rename = "status_aktuel")]
    pub(super) status_current: bool,
    /// The month of the status report the status comes from, when `site.yaml` gives it.
    #[serde(rename = "statusdato")]
    pub(super) status_date: Option<String>,
    #[serde(rename = "sted")]
    pub(super) place: Option<&'a str>,
    #[serde(rename = "strategimål")]
    pub(super) goals: Vec<GoalRecord<'a>>,
    #[serde(rename = "tekst")]
    pub(super) text: &'a str,
    #[serde(rename = "temaer")]
    pub(super) themes: Vec<&'a str>,
    #[serde(rename = "tidsplan")]
    pub(super) timeline: Option<&'a str>,
    /// The sign-up text without its markup.
    #[serde(rename = "tilmelding")]
    pub(super) signup: Option<String>,
    #[serde(rename = "tilmeldingsstatus")]
    pub(super) signup_status: Option<&'static str>,
    #[serde(rename = "titel")]
    pub(super) title: &'a str,
    pub(super) url: String,
    #[serde(rename = "år")]
    pub(super) years: &'a [u16],
}

/// A strategic goal the initiative serves (keys in byte order, as in `Record`).
#[derive(Debug, Default, Serialize)]
pub(super) struct GoalRecord<'a> {
    #[serde(rename = "nummer")]
    pub(super) number: u32,
    #[serde(rename = "tekst")]
    pub(super) text: &'a str,
}

/// The initiative's own contact (keys in byte order, as in `Record`).
#[derive(Debug, Default, Serialize)]
pub(super) struct ContactRecord<'a> {
    pub(super) email: Option<&'a str>,
    #[serde(rename = "navn")]
    pub(super) name: Option<&'a str>,
    #[serde(rename = "telefon")]
    pub(super) phone: Option<&'a str>,
    pub(super) url: Option<&'a str>,
}

/// A key figure (keys in byte order, as in `Record`).
#[derive(Debug, Default, Serialize)]
pub(super) struct FigureRecord<'a> {
    #[serde(rename = "enhed")]
    pub(super) unit: Option<&'a str>,
    pub(super) label: &'a str,
    #[serde(rename = "værdi")]
    pub(super) value: f64,
    #[serde(rename = "år")]
    pub(super) year: Option<u16>,
}

/// The open-data record of initiative `x`.
pub(super) fn record<'a>(v: &'a Views, x: &'a Initiative) -> Record<'a> {
    let c = v.config();
    let age = crate::site::aging::ReportAge::of(v.site, x.id.plan);
    let o = &x.offer;
    Record {
        actors: &x.actors,
        forms: o.forms.iter().map(|f| f.danish()).collect(),
        purpose: &x.purpose,
        continues: x.continues.iter().map(ToString::to_string).collect(),
        plan: x.id.plan.to_string(),
        referral: o.referral.as_deref(),
        id: x.id.to_string(),
        contact: x.contact.as_ref().map(|k| ContactRecord {
            email: k.email.as_deref(),
            name: k.name.as_deref(),
            phone: k.phone.as_deref(),
            url: k.url.as_deref(),
        }),
        target_group: x.target_group.as_deref(),
        key_figures: x
            .key_figures
            .iter()
            .map(|k| FigureRecord {
                unit: k.unit.as_deref(),
                label: &k.label,
                value: k.value,
                year: k.year,
            })
            .collect(),
        extent: o.extent.as_deref(),
        updated: x.updated.map(|d| d.iso()),
        price: o.price.as_deref(),
        summary: &x.summary,
        starts: o.starts.iter().map(|d| d.iso()).collect(),
        status: x.status.danish(),
        status_current: age.is_current(),
        status_date: age.status_date.map(|m| m.iso()),
        place: x.place.as_deref(),
        // Validation refuses a goal `site.yaml` does not define, so none is left out here.
        goals: x
            .goals
            .iter()
            .filter_map(|&g| c.goal(g))
            .map(|g| GoalRecord {
                number: g.number,
                text: &g.text,
            })
            .collect(),
        text: &x.body_text,
        themes: x
            .themes
            .iter()
            .map(|&t| c.themes[t].name.as_str())
            .collect(),
        timeline: x.timeline.as_deref(),
        signup: x.signup_html.as_deref().map(plain_text),
        signup_status: o.signup_status.map(|s| s.danish()),
        title: &x.title,
        url: v.absolute(&layout::initiative_path(&x.id)),
        years: &x.years,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The open data's keys stay where they always were: in byte order in every object.
    #[test]
    fn keys_stand_in_byte_order() {
        let record = Record {
            contact: Some(ContactRecord::default()),
            key_figures: vec![FigureRecord::default()],
            goals: vec![GoalRecord::default()],
            ..Record::default()
        };
        let text = serde_json::to_string_pretty(&record).expect("plain fields serialize");
        // The last key seen in each object open at this point, innermost last.
        let mut open: Vec<Option<String>> = Vec::new();
        let mut keys = 0;
        for line in text.lines().map(str::trim) {
            if line.starts_with('}') || line.starts_with(']') {
                open.pop();
            }
            if let Some((key, _)) = line.strip_prefix('"').and_then(|l| l.split_once("\": ")) {
                let last = open.last_mut().expect("a key stands in an object");
                if let Some(before) = last.as_deref() {
                    assert!(before < key, "\"{key}\" stands after \"{before}\"");
                }
                *last = Some(key.to_string());
                keys += 1;
            }
            if line.ends_with('{') || line.ends_with('[') {
                open.push(None);
            }
        }
        assert_eq!(keys, 28 + 4 + 4 + 2, "{text}");
    }
}
