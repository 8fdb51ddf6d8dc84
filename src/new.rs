//! `indsats new <plan>/<slug>`: writes a new initiative file with every key present, short
//! Danish comments on each, and the `## Indsats` / `## Status` sections; `--fra <plan>` starts
//! from the same initiative in an earlier plan period (title, themes, purpose and actors
//! carried over, status reset to `planlagt`, the Status section emptied) — the yearly routine.
//! New files are drafts (`udkast: true`) until the editor removes that line. Never overwrites.

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::Plan;
use crate::text::yaml_string as q;
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
    vec![Diagnostic::error("content/indsatser", msg).hint(hint)]
}

/// What is carried over from an earlier period.
struct Carried {
    title: Option<String>,
    themes: Vec<String>,
    purpose: Option<String>,
    actors: Vec<String>,
    indsats: Option<String>,
}

fn carry(root: &Path, plan: &str, slug: &str) -> Result<Carried, Vec<Diagnostic>> {
    let rel = PathBuf::from(format!("content/indsatser/{plan}/{slug}.md"));
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
        indsats,
    })
}

/// Writes the new file; returns its path relative to the root.
pub fn run(
    root: &Path,
    config: &SiteConfig,
    opts: &NewOptions,
) -> Result<PathBuf, Vec<Diagnostic>> {
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
    if !crate::slug::is_slug(slug) {
        return Err(error(
            format!("\"{slug}\" kan ikke bruges som filnavn"),
            format!("brug fx {}", crate::slug::slugify(slug)),
        ));
    }
    let rel = PathBuf::from(format!("content/indsatser/{plan}/{slug}.md"));
    if root.join(&rel).exists() {
        return Err(vec![Diagnostic::error(
            &rel,
            "filen findes allerede; indsats overskriver den ikke",
        )
        .hint("vælg et andet filnavn, eller ret den eksisterende fil")]);
    }
    let carried = match &opts.from {
        Some(from) => Some(carry(root, from, slug)?),
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
    let theme = match themes.as_slice() {
        [] => config
            .themes
            .first()
            .map_or_else(|| q("UDFYLD"), |t| q(&t.name)),
        [one] => q(one),
        many => format!(
            "[{}]",
            many.iter().map(|t| q(t)).collect::<Vec<_>>().join(", ")
        ),
    };
    let purpose = carried
        .and_then(|c| c.purpose.clone())
        .unwrap_or_else(|| "UDFYLD: hvad skal indsatsen opnå?".into());
    let actors = carried.map(|c| c.actors.clone()).unwrap_or_default();
    let actors = if actors.is_empty() {
        "aktører: []                      # hvem der står for indsatsen, én pr. linje med \"- \""
            .to_string()
    } else {
        let mut a = "aktører:                         # hvem der står for indsatsen".to_string();
        for x in actors {
            a.push_str(&format!("\n  - {}", q(&x)));
        }
        a
    };
    let themes_list: Vec<&str> = config.themes.iter().map(|t| t.name.as_str()).collect();
    let indsats = carried
        .and_then(|c| c.indsats.clone())
        .unwrap_or_else(|| "## Indsats\n\nHvad der bliver gjort.".into());
    let indsats = if indsats.starts_with("## Indsats") {
        indsats
    } else {
        format!("## Indsats\n\n{indsats}")
    };
    format!(
        "---
titel: {title}
tema: {theme}                # {themes}
status: planlagt                 # planlagt, igangværende, gennemført, udsat eller aflyst
formål: {purpose}
{actors}
tidsplan: \"\"                     # fx \"Hele perioden\" eller \"2. kvartal 2022\"
strategimål: []                  # numre fra site.yaml, fx [2, 3]
målgruppe: \"\"                    # hvem tilbuddet er til
tilmelding: \"\"                   # hvordan borgeren tilmelder sig (kan have et link)
kontakt:                         # slet de linjer, der ikke bruges
  navn: \"\"
  telefon: \"\"
  email: \"\"
sted: \"\"                         # hvor det foregår
nøgletal: []                     # fx - label: Deltagere / værdi: 38 / enhed: borgere / år: {first}
opdateret: \"\"                    # dato for seneste ændring, fx {first}-01-15
resumé: \"\"                       # kort tekst til lister; tom = første sætning af formålet
udkast: true                     # slet linjen, når indsatsen skal vises på siden
---
{indsats}

## Status

",
        title = q(&title),
        themes = themes_list.join(", "),
        purpose = q(&purpose),
        first = plan.first,
    )
}
