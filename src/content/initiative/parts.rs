//! The parts of an initiative file that are more than one value: its own contact
//! (`kontakt`), its key figures (`nøgletal`, one mapping per figure), what it continues
//! (`fortsætter`, plan/slug pairs) and the facts a citizen needs of an offer (`pris`, `form`,
//! `omfang`, `start`, `tilmeldingsstatus`, `henvisning`), each read and checked on its lines.

use super::{CONTACT_KEYS, FIGURE_KEYS};
use crate::content::nested::{item_blocks, read_contact as read_contact_as, sub_fields};
use crate::fields::{describe, Fields};
use crate::model::{
    Contact, InitiativeId, KeyFigure, OfferFacts, OfferForm, Plan, SignupStatus, YEARS,
};
use serde_yaml::Value;

pub(super) fn read_contact(f: &mut Fields) -> Option<Contact> {
    read_contact_as(f, CONTACT_KEYS, false).map(|(contact, _)| contact)
}

pub(super) fn read_figures(f: &mut Fields) -> Vec<KeyFigure> {
    let items = match f.take("nøgletal") {
        None => return Vec::new(),
        Some(Value::Sequence(items)) => items,
        Some(other) => {
            f.error(
                "nøgletal",
                format!(
                    "\"nøgletal\" skal være en liste, men er {}",
                    describe(&other)
                ),
                "skriv hvert nøgletal som et punkt: - label: Deltagere  værdi: 38",
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    let src = f.source();
    let blocks = item_blocks(src.text, f.line_of("nøgletal"));
    let one_per_item = blocks.len() == items.len();
    for (k, item) in items.into_iter().enumerate() {
        // Each figure's own lines, so that a bad value is shown on its line; written inline
        // (`nøgletal: [{…}]`), problems point at the `nøgletal:` line.
        let mut sub = match blocks.get(k).filter(|_| one_per_item) {
            Some((offset, block)) => Fields::nested(src, *offset, block, item, FIGURE_KEYS),
            None => sub_fields(f, "nøgletal", item, FIGURE_KEYS),
        };
        let label = sub.required_text("label", "Borgere tilmeldt rygestopkursus");
        let value = match sub.take("værdi") {
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) => match s.trim().replace(',', ".").parse::<f64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    sub.error(
                        "værdi",
                        format!("værdien \"{s}\" er ikke et tal"),
                        "skriv kun tallet, fx værdi: 38, og enheden for sig: enhed: borgere",
                    );
                    None
                }
            },
            Some(other) => {
                sub.error(
                    "værdi",
                    format!("værdien skal være et tal, men er {}", describe(&other)),
                    "skriv kun tallet, fx værdi: 38",
                );
                None
            }
            None => {
                sub.missing("værdi", "38");
                None
            }
        };
        let unit = sub.text("enhed");
        let year = sub.number_list("år").first().copied();
        let year = match year.map(|y| u16::try_from(y).ok().filter(|y| YEARS.contains(y))) {
            Some(Some(y)) => Some(y),
            Some(None) => {
                sub.error(
                    "år",
                    "året skal være et årstal med fire cifre",
                    "skriv fx år: 2018",
                );
                None
            }
            None => None,
        };
        f.diagnostics.extend(sub.finish());
        if let (Some(label), Some(value)) = (label, value) {
            if value.is_finite() {
                out.push(KeyFigure {
                    label,
                    value,
                    unit,
                    year,
                });
            } else {
                let msg = format!("værdien for \"{label}\" er ikke et endeligt tal");
                f.error("nøgletal", msg, "skriv tallet med cifre, fx værdi: 38");
            }
        }
    }
    out
}

pub(super) fn read_continues(f: &mut Fields) -> Vec<InitiativeId> {
    let mut out = Vec::new();
    for r in f.text_list("fortsætter") {
        let parsed = r.split_once('/').and_then(|(p, s)| {
            let plan = Plan::parse(p)?;
            let slug = s.trim_end_matches(".md").to_string();
            crate::text::slug::is_slug(&slug).then_some(InitiativeId { plan, slug })
        });
        match parsed {
            Some(id) => out.push(id),
            None => f.error(
                "fortsætter",
                format!("\"{r}\" er ikke en henvisning til en indsats"),
                "skriv planperiode/filnavn, fx fortsætter: [2018-2019/mental-balance]",
            ),
        }
    }
    out
}

pub(super) fn read_offer(f: &mut Fields) -> OfferFacts {
    let forms = f
        .text_list("form")
        .iter()
        .filter_map(|w| {
            let found = crate::model::parse_word(&OfferForm::ALL, w, OfferForm::danish);
            if found.is_none() {
                f.error(
                    "form",
                    format!("\"{w}\" er ikke en form, siden kender"),
                    "skriv en eller flere af: hold, individuel, online, åben",
                );
            }
            found
        })
        .collect();
    OfferFacts {
        price: f.text("pris"),
        forms,
        extent: f.text("omfang"),
        starts: f.date_list("start"),
        signup_status: f.word(
            "tilmeldingsstatus",
            &SignupStatus::ALL,
            SignupStatus::danish,
        ),
        referral: f.text("henvisning"),
    }
}
