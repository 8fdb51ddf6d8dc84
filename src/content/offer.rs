//! Reads one offer file (`content/tilbud/<slug>.md`) into an `Offer`: every key checked and
//! typed with Danish messages on the key's line (a course's problems on the course's own
//! line), themes resolved through `site.yaml`, the body rendered. Links to initiatives
//! (`indsatser`) are only checked for form here; `site` checks that they lead somewhere.

use super::initiative::{read_themes, CONTACT_KEYS};
use super::nested::{item_blocks, read_contact as read_contact_as, sub_fields};
use super::unfinished;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::fields::{describe, is_safe_url, key, key_ascii, Fields, KeySpec, Source};
use crate::markdown::Markdown;
use crate::model::{Course, InitiativeId, Offer, OfferContact, OfferForm, Plan, TimeSpan};
use serde_yaml::Value;

pub const KEYS: &[KeySpec] = &[
    key("titel"),
    key("tema"),
    key_ascii("resumé", "resume"),
    key_ascii("målgruppe", "maalgruppe"),
    key("henvisning"),
    key("indhold"),
    key("omfang"),
    key_ascii("holdstørrelse", "holdstoerrelse"),
    key("form"),
    key("sted"),
    key("hold"),
    key("pris"),
    key("tilmelding"),
    key("tilmeldingslink"),
    key("kontakt"),
    key_ascii("bekræftet", "bekraeftet"),
    key("indsatser"),
    key("opdateret"),
    key("udkast"),
    super::schedule::KEYS[0],
    super::schedule::KEYS[1],
];

const OFFER_CONTACT_KEYS: &[KeySpec] = &[
    CONTACT_KEYS[0],
    CONTACT_KEYS[1],
    CONTACT_KEYS[2],
    CONTACT_KEYS[3],
    key_ascii("åbningstider", "aabningstider"),
];

const COURSE_KEYS: &[KeySpec] = &[
    key("start"),
    key("tid"),
    key("sted"),
    key("form"),
    key("note"),
];

/// Reads the front matter `value` of offer `slug`. Returns the offer when it is valid, and
/// every problem found either way.
pub fn read(
    src: Source,
    slug: String,
    body: &str,
    value: Value,
    config: &SiteConfig,
    md: &Markdown,
) -> (Option<Offer>, Vec<Diagnostic>) {
    let mut f = Fields::new(src, value, KEYS);
    let title = f.required_text("titel", "Mental balance");
    let themes = read_themes(&mut f, config);
    let summary = f.required_text(
        "resumé",
        "Et forløb på seks gange for dig, der er stresset. Det er gratis.",
    );
    let target_group = f.text("målgruppe");
    let referral = f.text("henvisning");
    let content = f.text("indhold");
    let extent = f.text("omfang");
    let group_size = f.text("holdstørrelse");
    let forms = read_forms(&mut f, "form");
    let places = f.text_list("sted");
    let courses = read_courses(&mut f);
    let price = f.text("pris");
    let signup_html = f.text("tilmelding").map(|t| md.render_inline(&t));
    let signup_url = f.text("tilmeldingslink");
    if let Some(url) = &signup_url {
        if !is_safe_url(url) {
            f.error(
                "tilmeldingslink",
                format!("\"{url}\" er ikke en webadresse"),
                "skriv hele adressen, der begynder med https://",
            );
        }
    }
    let contact = read_contact(&mut f);
    let confirmed = f.date("bekræftet");
    let initiatives = read_initiatives(&mut f);
    let initiatives_line = (!initiatives.is_empty()).then(|| f.line_of("indsatser"));
    let updated = f.date("opdateret");
    let draft = f.boolean("udkast").unwrap_or(false);
    let schedule = super::schedule::read(&mut f);
    if !draft {
        let texts = [
            ("titel", &title),
            ("resumé", &summary),
            ("målgruppe", &target_group),
            ("indhold", &content),
            ("pris", &price),
        ];
        let values = texts
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.as_deref()?)))
            .chain(places.iter().map(|p| ("sted", p.as_str())));
        unfinished::check_values(&mut f, values);
    }
    let mut diagnostics = f.finish();
    if !draft {
        diagnostics.extend(unfinished::check_body(src.file, src.text, body));
    }
    let (Some(title), Some(summary), false) = (title, summary, themes.is_empty()) else {
        return (None, diagnostics);
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    let body = md.render(body, "");
    let offer = Offer {
        slug,
        source: src.file.to_path_buf(),
        title,
        summary,
        themes,
        target_group,
        referral,
        content,
        extent,
        group_size,
        forms,
        places,
        courses,
        price,
        signup_html,
        signup_url,
        contact,
        confirmed,
        initiatives,
        initiatives_line,
        updated,
        draft,
        schedule,
        body_html: body.html,
        body_text: body.text,
        body_blocks: body.blocks,
    };
    (Some(offer), diagnostics)
}

fn read_forms(f: &mut Fields, key: &str) -> Vec<OfferForm> {
    f.text_list(key)
        .iter()
        .filter_map(|w| {
            let found = crate::model::parse_word(&OfferForm::ALL, w, OfferForm::danish);
            if found.is_none() {
                f.error(
                    key,
                    format!("\"{w}\" er ikke en form, siden kender"),
                    "skriv en eller flere af: hold, individuel, online, åben",
                );
            }
            found
        })
        .collect()
}

/// `hold:` a list of course starts, each `- start: 2021-09-01` with optional `tid`, `sted`,
/// `form` and `note` on the lines under it; or a plain list of dates.
fn read_courses(f: &mut Fields) -> Vec<Course> {
    let items = match f.take("hold") {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Sequence(items)) => items,
        Some(other) => {
            f.error(
                "hold",
                format!("\"hold\" skal være en liste, men er {}", describe(&other)),
                "skriv hvert hold som et punkt: - start: 2021-09-01",
            );
            return Vec::new();
        }
    };
    let src = f.source();
    let parent = f.line_of("hold");
    let blocks = item_blocks(src.text, parent);
    let one_per_item = blocks.len() == items.len();
    let mut out = Vec::new();
    for (k, item) in items.into_iter().enumerate() {
        let line = blocks
            .get(k)
            .filter(|_| one_per_item)
            .map_or(parent, |(before, _)| before + 1);
        // `- 2021-09-01` alone is a course with a date and nothing more.
        let item = match item {
            Value::Mapping(_) => item,
            other => {
                let mut m = serde_yaml::Mapping::new();
                m.insert(Value::String("start".into()), other);
                Value::Mapping(m)
            }
        };
        let mut sub = match blocks.get(k).filter(|_| one_per_item) {
            Some((offset, block)) if block.contains(':') => {
                Fields::nested(src, *offset, block, item, COURSE_KEYS)
            }
            _ => sub_fields(f, "hold", item, COURSE_KEYS),
        };
        let start = match sub.take("start") {
            None => {
                sub.missing("start", "2021-09-01");
                None
            }
            Some(v) => {
                let text = crate::fields::scalar_text(&v).unwrap_or_default();
                match crate::model::Date::parse(&text) {
                    Some(d) => Some(d),
                    None => {
                        sub.error(
                            "start",
                            format!("holdets start skal være en dato, men er {}", describe(&v)),
                            crate::model::Date::advice(&text).unwrap_or_else(|| {
                                "skriv datoen som år-måned-dag, fx start: 2021-09-01".into()
                            }),
                        );
                        None
                    }
                }
            }
        };
        let time = sub.text("tid").and_then(|t| {
            let span = TimeSpan::parse(&t);
            if span.is_none() {
                sub.error(
                    "tid",
                    format!("\"{t}\" er ikke et tidsrum, siden kan læse"),
                    "skriv fra og til med punktum, fx tid: 10.00-12.00",
                );
            }
            span
        });
        let place = sub.text("sted");
        let form = read_forms(&mut sub, "form").first().copied();
        let note = sub.text("note");
        f.diagnostics.extend(sub.finish());
        if let Some(start) = start {
            out.push(Course {
                start,
                time,
                place,
                form,
                note,
                line,
            });
        }
    }
    out.sort_by(|a, b| (a.start, a.time.map(|t| t.from)).cmp(&(b.start, b.time.map(|t| t.from))));
    out
}

fn read_contact(f: &mut Fields) -> Option<OfferContact> {
    read_contact_as(f, OFFER_CONTACT_KEYS, true)
        .map(|(contact, hours)| OfferContact { contact, hours })
}

/// `indsatser: [2020-2021/mental-balance]`: the initiatives that report on the offer.
fn read_initiatives(f: &mut Fields) -> Vec<InitiativeId> {
    let mut out = Vec::new();
    for r in f.text_list("indsatser") {
        let parsed = r.split_once('/').and_then(|(p, s)| {
            let plan = Plan::parse(p)?;
            let slug = s.trim_end_matches(".md").to_string();
            crate::text::slug::is_slug(&slug).then_some(InitiativeId { plan, slug })
        });
        match parsed {
            Some(id) if !out.contains(&id) => out.push(id),
            Some(_) => {}
            None => f.error(
                "indsatser",
                format!("\"{r}\" er ikke en henvisning til en indsats"),
                "skriv planperiode/filnavn, fx indsatser: [2020-2021/mental-balance]",
            ),
        }
    }
    out
}
