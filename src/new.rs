//! `indsats new <plan>/<slug>`: writes a new initiative file with the keys an editor fills in
//! every year (`titel`, `tema`, `status`, `formål`, `aktører`, `tidsplan`, `strategimål`,
//! `målgruppe`, `tilmelding`, `kontakt` with `navn`, `telefon` and `email`, `sted`,
//! `nøgletal`, `opdateret`, `resumé`, `udkast`), short Danish comments on each, the keys used
//! now and then commented out with an example (the offer facts `pris`, `form`, `omfang`,
//! `start`, `tilmeldingsstatus`, `henvisning`, and `år`, `fortsætter`), and the `## Indsats` /
//! `## Status` sections. Left out: `handleplan` (the folder gives it), `rækkefølge` and
//! `kontakt`'s `url`. `--fra <plan>` starts from the same initiative in an earlier plan period
//! (title, themes, purpose, actors, target group and strategic goals carried over, status reset
//! to `planlagt`, the Status section emptied) —
//! the yearly routine. New files are drafts (`udkast: true`) until the editor removes that
//! line. Never overwrites. The front matter is written by `content::write`, as `import`'s is.
//! `indsats new tilbud/<slug>` writes an offer instead (`offer`).

pub mod offer;

use crate::config::SiteConfig;
use crate::content::write::{front_matter, KeyLine, Value};
use crate::diagnostics::Diagnostic;
use crate::model::{Plan, Status};
use std::path::{Path, PathBuf};

/// What to create.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// `2022-2023/mental-balance`
    pub target: String,
    pub theme: Option<String>,
    pub title: Option<String>,
    /// Copy from this earlier plan period.
    pub from: Option<String>,
}

fn error(msg: impl Into<String>, hint: impl Into<String>) -> Vec<Diagnostic> {
    let folder = Path::new(crate::layout::CONTENT).join(crate::layout::CONTENT_INITIATIVES);
    vec![Diagnostic::error(folder, msg).hint(hint)]
}

/// What is carried over from an earlier period.
struct Carried {
    title: Option<String>,
    themes: Vec<String>,
    purpose: Option<String>,
    actors: Vec<String>,
    target_group: Option<String>,
    goals: Vec<u32>,
    indsats: Option<String>,
}

fn carry(root: &Path, plan: &str, slug: &str) -> Result<Carried, Vec<Diagnostic>> {
    let rel = crate::layout::initiative_source(plan, slug);
    let text = std::fs::read_to_string(root.join(&rel)).map_err(|_| {
        vec![Diagnostic::error(
            &rel,
            format!("der er ingen indsats {plan}/{slug} at kopiere fra"),
        )
        .hint("tjek planperioden efter --fra og filnavnet")]
    })?;
    let split = crate::content::frontmatter::split(&text).map_err(|e| {
        vec![Diagnostic::error(&rel, e.message)
            .at(&text, e.line, 1)
            .hint(e.hint)]
    })?;
    let value = crate::yaml::parse(split.yaml)
        .map_err(|e| vec![Diagnostic::error(&rel, e.message).at(&text, e.line + 1, e.column)])?;
    let get = |k: &str, ascii: &str| value.get(k).or_else(|| value.get(ascii)).cloned();
    let text_of = |v: Option<serde_yaml::Value>| {
        v.and_then(|v| crate::fields::scalar_text(&v))
            .filter(|s| !s.trim().is_empty())
    };
    let list_of = |v: Option<serde_yaml::Value>| -> Vec<String> {
        match v {
            Some(serde_yaml::Value::Sequence(items)) => items
                .iter()
                .filter_map(crate::fields::scalar_text)
                .collect(),
            Some(other) => crate::fields::scalar_text(&other).into_iter().collect(),
            None => Vec::new(),
        }
    };
    let indsats = split
        .body
        .split("\n## Status")
        .next()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    Ok(Carried {
        title: text_of(get("titel", "titel")),
        themes: list_of(get("tema", "tema")),
        purpose: text_of(get("formål", "formaal")),
        actors: list_of(get("aktører", "aktoerer")),
        target_group: text_of(get("målgruppe", "maalgruppe")),
        // Every whole number written (`[2, 3]`, `2`, or a text such as "1 og 2").
        goals: list_of(get("strategimål", "strategimaal"))
            .iter()
            .flat_map(|t| {
                t.split(|c: char| !c.is_ascii_digit())
                    .filter_map(|n| n.parse().ok())
                    .collect::<Vec<u32>>()
            })
            .collect(),
        indsats,
    })
}

/// Writes the new file; returns its path relative to the root.
pub fn run(
    root: &Path,
    config: &SiteConfig,
    opts: &NewOptions,
) -> Result<PathBuf, Vec<Diagnostic>> {
    if let Some(slug) = opts.target.strip_prefix(crate::layout::OFFERS) {
        // `bekræftet` starts at the build date (SOURCE_DATE_EPOCH, else today).
        let today = crate::model::clock::BuildDate::resolve(None)
            .map_err(|e| {
                error(
                    e,
                    "angiv datoen med SOURCE_DATE_EPOCH, eller ret computerens ur",
                )
            })?
            .date;
        return offer::run(
            root,
            config,
            slug,
            opts.theme.as_deref(),
            opts.title.as_deref(),
            today,
        );
    }
    let Some((plan_text, slug)) = opts.target.split_once('/') else {
        return Err(error(
            format!("\"{}\" er ikke planperiode/filnavn", opts.target),
            "skriv fx indsats new 2022-2023/mental-balance",
        ));
    };
    let slug = slug.trim_end_matches(".md");
    let Some(plan) = Plan::parse(plan_text) else {
        return Err(error(
            format!("\"{plan_text}\" er ikke en planperiode"),
            "skriv første år-sidste år, fx 2022-2023",
        ));
    };
    if !crate::text::slug::is_slug(slug) {
        return Err(error(
            format!("\"{slug}\" kan ikke bruges som filnavn"),
            format!("brug fx {}", crate::text::slug::slugify(slug)),
        ));
    }
    let rel = crate::layout::initiative_source(plan, slug);
    if root.join(&rel).exists() {
        return Err(vec![Diagnostic::error(
            &rel,
            "filen findes allerede; indsats overskriver den ikke",
        )
        .hint("vælg et andet filnavn, eller ret den eksisterende fil")]);
    }
    let carried = match &opts.from {
        Some(from) => {
            // Only a plan period: never a path that climbs out of content/indsatser/.
            let Some(from) = Plan::parse(from) else {
                return Err(error(
                    format!("\"{from}\" er ikke en planperiode"),
                    "skriv den periode, indsatsen kommer fra, fx --fra 2020-2021",
                ));
            };
            Some(carry(root, &from.to_string(), slug)?)
        }
        None => None,
    };
    let mut themes: Vec<String> = carried
        .as_ref()
        .map(|c| c.themes.clone())
        .unwrap_or_default();
    if let Some(t) = &opts.theme {
        themes = vec![t.clone()];
    }
    for t in &themes {
        if config.find_theme(t).is_none() {
            let names: Vec<&str> = config.themes.iter().map(|t| t.name.as_str()).collect();
            return Err(error(
                format!("temaet \"{t}\" findes ikke i site.yaml"),
                format!("brug et af: {}", names.join(", ")),
            ));
        }
    }
    // Write the theme's own name, not an alias the old file may have used.
    let themes: Vec<String> = themes
        .iter()
        .filter_map(|t| config.find_theme(t))
        .map(|i| config.themes[i].name.clone())
        .collect();
    let title = opts
        .title
        .clone()
        .or_else(|| carried.as_ref().and_then(|c| c.title.clone()));
    let text = file_text(config, plan, slug, title, themes, carried.as_ref());
    let path = root.join(&rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            error(
                format!("mappen {} kunne ikke oprettes: {e}", dir.display()),
                "tjek at du har adgang til mappen",
            )
        })?;
    }
    // create_new: never overwrite, even if the file appeared since the check above.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|_| {
            vec![
                Diagnostic::error(&rel, "filen findes allerede; indsats overskriver den ikke")
                    .hint("vælg et andet filnavn"),
            ]
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| {
        error(
            format!("filen kunne ikke skrives: {e}"),
            "tjek pladsen på disken",
        )
    })?;
    Ok(rel)
}

fn file_text(
    config: &SiteConfig,
    plan: Plan,
    slug: &str,
    title: Option<String>,
    themes: Vec<String>,
    carried: Option<&Carried>,
) -> String {
    let title = title.unwrap_or_else(|| {
        let words = slug.replace('-', " ");
        crate::text::capitalize(&words)
    });
    let themes = if themes.is_empty() {
        let first = config.themes.first();
        vec![first.map_or_else(|| "UDFYLD".to_string(), |t| t.name.clone())]
    } else {
        themes
    };
    let purpose = carried
        .and_then(|c| c.purpose.clone())
        .unwrap_or_else(|| "UDFYLD: hvad skal indsatsen opnå?".into());
    let actors = carried.map(|c| c.actors.clone()).unwrap_or_default();
    let actors_note = if actors.is_empty() {
        "hvem der står for indsatsen, én pr. linje med \"- \""
    } else {
        "hvem der står for indsatsen"
    };
    let themes_list: Vec<&str> = config.themes.iter().map(|t| t.name.as_str()).collect();
    let first = plan.first;
    let empty = || Value::Text(String::new());
    let entries = [
        KeyLine::new("titel", Value::Text(title)),
        KeyLine::new("tema", Value::OneOrMore(themes)).note(themes_list.join(", ")),
        KeyLine::new("status", Value::Bare(Status::Planned.danish().into()))
            .note("planlagt, igangværende, gennemført, udsat eller aflyst"),
        KeyLine::new("formål", Value::Text(purpose)),
        KeyLine::new("aktører", Value::Items(actors)).note(actors_note),
        KeyLine::new("tidsplan", empty()).note("fx \"Hele perioden\" eller \"2. kvartal 2022\""),
        KeyLine::new(
            "strategimål",
            Value::Numbers(carried.map(|c| c.goals.clone()).unwrap_or_default()),
        )
        .note("numre fra site.yaml, fx [2, 3]"),
        KeyLine::new(
            "målgruppe",
            Value::Text(
                carried
                    .and_then(|c| c.target_group.clone())
                    .unwrap_or_default(),
            ),
        )
        .note("hvem tilbuddet er til"),
        KeyLine::new("tilmelding", empty())
            .note("hvordan borgeren tilmelder sig (kan have et link)"),
        KeyLine::new(
            "kontakt",
            Value::Mapping(vec![
                ("navn", String::new()),
                ("telefon", String::new()),
                ("email", String::new()),
            ]),
        )
        .note("slet de linjer, der ikke bruges"),
        KeyLine::new("sted", empty()).note("hvor det foregår"),
        KeyLine::new("nøgletal", Value::Items(Vec::new())).note(format!(
            "fx - label: Deltagere / værdi: 38 / enhed: borgere / år: {first}"
        )),
        KeyLine::new("opdateret", empty())
            .note(format!("dato for seneste ændring, fx {first}-01-15")),
        KeyLine::new("resumé", empty())
            .note("kort tekst til lister; tom = første sætning af formålet"),
        // Keys used now and then: commented out, for the editor to take in when needed.
        KeyLine::offered("pris", Value::Text("Gratis".into())).note("hvad det koster borgeren"),
        KeyLine::offered("form", Value::OneOrMore(vec!["hold".into()]))
            .note("hold, individuel, online eller åben; flere som [hold, online]"),
        KeyLine::offered("omfang", Value::Text("8 gange à 2 timer".into()))
            .note("hvor meget, hvor længe"),
        KeyLine::offered("start", Value::Bare(format!("[{first}-09-01]")))
            .note("datoer, hvor nye hold starter"),
        KeyLine::offered("tilmeldingsstatus", Value::Bare("åben".into()))
            .note("åben, venteliste, lukket eller afsluttet"),
        KeyLine::offered("henvisning", Value::Text("Egen læge henviser".into()))
            .note("hvem der henviser, hvis man skal henvises"),
        KeyLine::offered("år", Value::Bare(format!("[{first}]")))
            .note("kun hvis indsatsen ikke kører hele perioden"),
        KeyLine::offered("fortsætter", Value::Bare("2020-2021/filnavn".into()))
            .note("en tidligere indsats, som denne fortsætter under nyt navn"),
        KeyLine::offered("udgives", Value::Bare(format!("{first}-01-15")))
            .note("først på portalen den dag; ellers med det samme"),
        KeyLine::offered("udløber", Value::Bare(format!("{}-12-31", first + 1)))
            .note("sidste dag på portalen; derefter siger siden, at den er slut"),
        KeyLine::draft(),
    ];
    let indsats = carried
        .and_then(|c| c.indsats.clone())
        .unwrap_or_else(|| "## Indsats\n\nHvad der bliver gjort.".into());
    let indsats = if indsats.starts_with("## Indsats") {
        indsats
    } else {
        format!("## Indsats\n\n{indsats}")
    };
    format!("{}{indsats}\n\n## Status\n\n", front_matter(&entries))
}
