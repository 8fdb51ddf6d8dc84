//! Reads one initiative file (`content/indsatser/<plan>/<slug>.md`) into an `Initiative`:
//! every key of the content model checked and typed, themes resolved through `site.yaml`,
//! years derived from the plan, the body rendered. Links between initiatives (`fortsætter`)
//! are only checked for form here; `site` checks that they lead somewhere.

mod parts;

use super::unfinished;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::fields::{key, key_ascii, Fields, KeySpec, Source};
use crate::markdown::{default_summary, Markdown};
use crate::model::{Initiative, InitiativeId, Plan, Status, YEARS};
use parts::{read_contact, read_continues, read_figures, read_offer};
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
