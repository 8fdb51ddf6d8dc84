//! Reads one initiative file (`content/indsatser/<plan>/<slug>.md`) into an `Initiative`:
//! every key of the content model checked and typed, themes resolved through `site.yaml`,
//! years derived from the plan, the body rendered. Links between initiatives (`fortsætter`)
//! are only checked for form here; `site` checks that they lead somewhere.

use super::unfinished;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::fields::{describe, is_email, is_safe_url, key, key_ascii, Fields, KeySpec, Source};
use crate::markdown::{default_summary, Markdown};
use crate::model::{
    Contact, Initiative, InitiativeId, KeyFigure, OfferFacts, OfferForm, Plan, SignupStatus,
    Status, YEARS,
};
use serde_yaml::Value;

pub const KEYS: &[KeySpec] = &[
    key("titel"),
    key("tema"),
    key("handleplan"),
    key_ascii("år", "aar"),
    key("status"),
    key_ascii("formål", "formaal"),
    key_ascii("strategimål", "strategimaal"),
    key_ascii("aktører", "aktoerer"),
    key("tidsplan"),
    key_ascii("målgruppe", "maalgruppe"),
    key("tilmelding"),
    key("kontakt"),
    key("sted"),
    key_ascii("nøgletal", "noegletal"),
    key("opdateret"),
    key_ascii("resumé", "resume"),
    key("udkast"),
    key_ascii("fortsætter", "fortsaetter"),
    key_ascii("rækkefølge", "raekkefoelge"),
    key("pris"),
    key("form"),
    key("omfang"),
    key("start"),
    key("tilmeldingsstatus"),
    key("henvisning"),
    super::schedule::KEYS[0],
    super::schedule::KEYS[1],
];

pub(super) const CONTACT_KEYS: &[KeySpec] =
    &[key("navn"), key("telefon"), key("email"), key("url")];
const FIGURE_KEYS: &[KeySpec] = &[
    key("label"),
    key_ascii("værdi", "vaerdi"),
    key("enhed"),
    key_ascii("år", "aar"),
];

/// What the loader knows about a file before reading its front matter.
pub struct FileInfo<'a> {
    pub src: Source<'a>,
    pub plan: Plan,
    pub slug: String,
    pub body: &'a str,
}

/// Reads the front matter `value` of an initiative. Returns the initiative when it is valid,
/// and every problem found either way.
pub fn read(
    info: FileInfo,
    value: Value,
    config: &SiteConfig,
    md: &Markdown,
) -> (Option<Initiative>, Vec<Diagnostic>) {
    let mut f = Fields::new(info.src, value, KEYS);
    let title = f.required_text("titel", "Mental balance");
    let themes = read_themes(&mut f, config);
    if let Some(plan_text) = f.text("handleplan") {
        if plan_text != info.plan.to_string() {
            f.error(
                "handleplan",
                format!("handleplan \"{plan_text}\" passer ikke med mappen {}", info.plan),
                format!("slet linjen (planen læses af mappen), eller flyt filen til content/indsatser/{plan_text}/"),
            );
        }
    }
    let years = read_years(&mut f, info.plan);
    let status = match f.take("status") {
        None => {
            f.missing("status", "igangværende");
            None
        }
        Some(_) => f.word("status", &Status::ALL, Status::danish),
    };
    let purpose = f.required_text("formål", "At deltagerne lærer at håndtere stress.");
    let goals = read_goals(&mut f, config);
    let actors = f.text_list("aktører");
    let timeline = f.text("tidsplan");
    let target_group = f.text("målgruppe");
    let signup_html = f.text("tilmelding").map(|t| md.render_inline(&t));
    let contact = read_contact(&mut f);
    let place = f.text("sted");
    let key_figures = read_figures(&mut f);
    let updated = f.date("opdateret");
    let summary = f.text("resumé");
    let draft = f.boolean("udkast").unwrap_or(false);
    let schedule = super::schedule::read(&mut f);
    let continues = read_continues(&mut f);
    let continues_line = (!continues.is_empty()).then(|| f.line_of("fortsætter"));
    let order = f.number_list("rækkefølge").first().copied();
    let offer = read_offer(&mut f);
    if !draft {
        let texts = [
            ("titel", &title),
            ("formål", &purpose),
            ("tidsplan", &timeline),
            ("målgruppe", &target_group),
            ("sted", &place),
            ("resumé", &summary),
        ];
        let values = texts
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.as_deref()?)))
            .chain(actors.iter().map(|a| ("aktører", a.as_str())));
        unfinished::check_values(&mut f, values);
    }

    let mut diagnostics = f.finish();
    if !draft {
        diagnostics.extend(unfinished::check_body(
            info.src.file,
            info.src.text,
            info.body,
        ));
    }
    let (Some(title), Some(status), Some(purpose), false) =
        (title, status, purpose, themes.is_empty())
    else {
        return (None, diagnostics);
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    let body = md.render(info.body, "");
    let summary = summary.unwrap_or_else(|| default_summary(&purpose));
    let initiative = Initiative {
        id: InitiativeId {
            plan: info.plan,
            slug: info.slug,
        },
        source: info.src.file.to_path_buf(),
        title,
        themes,
        years,
        status,
        purpose,
        goals,
        actors,
        timeline,
        target_group,
        signup_html,
        contact,
        place,
        key_figures,
        updated,
        summary,
        draft,
        schedule,
        continues,
        continues_line,
        order,
        offer,
        body_html: body.html,
        body_text: body.text,
        body_blocks: body.blocks,
    };
    (Some(initiative), diagnostics)
}

pub(super) fn read_themes(f: &mut Fields, config: &SiteConfig) -> Vec<usize> {
    let names = f.text_list("tema");
    if names.is_empty() {
        if f.take("tema").is_none() {
            f.missing(
                "tema",
                config.themes.first().map_or("Tobak", |t| t.name.as_str()),
            );
        }
        return Vec::new();
    }
    let mut out = Vec::new();
    for name in names {
        match config.find_theme(&name) {
            Some(i) if !out.contains(&i) => out.push(i),
            Some(_) => {}
            None => {
                let all = config.themes.iter().flat_map(|t| {
                    std::iter::once(t.name.as_str()).chain(t.aliases.iter().map(String::as_str))
                });
                let names: Vec<&str> = config.themes.iter().map(|t| t.name.as_str()).collect();
                let hint = match crate::fields::closest(&name, all) {
                    Some(near) => format!(
                        "mente du \"{near}\"? Temaerne står i site.yaml: {}",
                        names.join(", ")
                    ),
                    None => format!(
                        "brug et tema fra site.yaml: {} (eller tilføj temaet dér)",
                        names.join(", ")
                    ),
                };
                f.error(
                    "tema",
                    format!("temaet \"{name}\" findes ikke i site.yaml"),
                    hint,
                );
            }
        }
    }
    out
}

fn read_years(f: &mut Fields, plan: Plan) -> Vec<u16> {
    if f.take("år").is_none() {
        return plan.years().collect();
    }
    let mut years = Vec::new();
    for n in f.number_list("år") {
        match u16::try_from(n).ok().filter(|y| YEARS.contains(y)) {
            Some(y) => years.push(y),
            None => f.item_error(
                "år",
                n,
                format!("{n} er ikke et gyldigt årstal"),
                format!(
                    "skriv årstal med fire cifre, fx år: [{}, {}]",
                    plan.first, plan.last
                ),
            ),
        }
    }
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        years = plan.years().collect();
    }
    years
}

fn read_goals(f: &mut Fields, config: &SiteConfig) -> Vec<u32> {
    let mut goals = f.number_list("strategimål");
    for &g in &goals {
        if config.goal(g).is_none() {
            let known: Vec<String> = config.goals.iter().map(|g| g.number.to_string()).collect();
            f.error(
                "strategimål",
                format!("strategimål {g} findes ikke i site.yaml"),
                format!(
                    "brug et af de strategimål, site.yaml definerer: {}",
                    known.join(", ")
                ),
            );
        }
    }
    goals.sort_unstable();
    goals.dedup();
    goals
}

/// A nested mapping's fields, placed at the line of its parent key.
pub(super) fn sub_fields<'a>(
    f: &Fields<'a>,
    parent: &str,
    value: Value,
    specs: &[KeySpec],
) -> Fields<'a> {
    let src = f.source();
    let line = f.line_of(parent);
    Fields::nested(src, line - 1, "", value, specs)
}

/// The indented lines right after file line `parent` (a nested mapping), without their
/// indentation, so that its keys can be found as top-level keys of this slice.
pub(super) fn indented_block(text: &str, parent: usize) -> String {
    text.lines()
        .skip(parent)
        .take_while(|l| l.starts_with([' ', '\t']) || l.trim().is_empty())
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The items of a block list under file line `parent` (`- label: …` and the lines indented
/// under it), each as its number of file lines before it and its text without indentation
/// and dash.
pub(super) fn item_blocks(text: &str, parent: usize) -> Vec<(usize, String)> {
    let mut blocks: Vec<(usize, Vec<&str>)> = Vec::new();
    // Only a dash at the first item's indentation starts an item (a nested `år:` list's
    // dashes do not).
    let mut item_indent = None;
    for (i, line) in text.lines().enumerate().skip(parent) {
        let indented = line.starts_with([' ', '\t', '-']) && line.trim_end() != "---";
        if !(indented || line.trim().is_empty()) {
            break;
        }
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let starts_item = body.starts_with('-') && *item_indent.get_or_insert(indent) == indent;
        if let Some(first) = body.strip_prefix('-').filter(|_| starts_item) {
            blocks.push((i, vec![first.trim_start()]));
        } else if let Some((_, lines)) = blocks.last_mut() {
            lines.push(body);
        }
    }
    blocks
        .into_iter()
        .map(|(before, lines)| (before, lines.join("\n")))
        .collect()
}

fn read_contact(f: &mut Fields) -> Option<Contact> {
    let v = f.take("kontakt")?;
    if !matches!(v, Value::Mapping(_)) {
        f.error("kontakt", format!("\"kontakt\" skal have underpunkter, men er {}", describe(&v)), "skriv fx kontakt: og på de næste linjer, rykket ind:   navn: …,   telefon: …,   email: …");
        return None;
    }
    // The contact's own lines, so that a bad e-mail or address is shown on its line.
    let src = f.source();
    let parent = f.line_of("kontakt");
    let block = indented_block(src.text, parent);
    // Written on one line (`kontakt: {navn: …}`): problems point at that line.
    let line_offset = if block.trim().is_empty() {
        parent - 1
    } else {
        parent
    };
    let mut sub = Fields::nested(src, line_offset, &block, v, CONTACT_KEYS);
    let contact = Contact {
        name: sub.text("navn"),
        phone: sub.text("telefon"),
        email: sub.text("email"),
        url: sub.text("url"),
    };
    if let Some(url) = &contact.url {
        if !is_safe_url(url) {
            sub.error(
                "url",
                format!("adressen \"{url}\" er ikke en web-adresse"),
                "skriv en adresse, der begynder med https://",
            );
        }
    }
    if let Some(email) = &contact.email {
        if !is_email(email) {
            sub.error(
                "email",
                format!("\"{email}\" er ikke en e-mailadresse"),
                "skriv fx email: sundhed@example.dk",
            );
        }
    }
    f.diagnostics.extend(sub.finish());
    let empty = contact.name.is_none()
        && contact.phone.is_none()
        && contact.email.is_none()
        && contact.url.is_none();
    (!empty).then_some(contact)
}

fn read_figures(f: &mut Fields) -> Vec<KeyFigure> {
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
            crate::slug::is_slug(&slug).then_some(InitiativeId { plan, slug })
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

fn read_offer(f: &mut Fields) -> OfferFacts {
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
