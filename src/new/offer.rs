//! `indsats new tilbud/<slug>`: writes a new offer file with every key of an offer and a
//! short Danish comment on each (the start-page facts, `hold` with one example course,
//! `kontakt` with opening hours, `bekræftet`, `indsatser`), as a draft. Never overwrites.

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::text::yaml_string;
use std::path::{Path, PathBuf};

/// Writes `content/tilbud/<slug>.md`; returns its path relative to the root.
pub fn run(
    root: &Path,
    config: &SiteConfig,
    slug: &str,
    theme: Option<&str>,
    title: Option<&str>,
    today: crate::model::Date,
) -> Result<PathBuf, Vec<Diagnostic>> {
    let slug = slug.trim_end_matches(".md");
    if !crate::text::slug::is_slug(slug) {
        return Err(vec![Diagnostic::error(
            offers_folder(),
            format!("\"{slug}\" kan ikke bruges som filnavn"),
        )
        .hint(format!(
            "brug fx indsats new tilbud/{}",
            crate::text::slug::slugify(slug)
        ))]);
    }
    let theme = match theme {
        Some(t) => match config.find_theme(t) {
            Some(i) => config.themes[i].name.clone(),
            None => {
                let names: Vec<&str> = config.themes.iter().map(|t| t.name.as_str()).collect();
                return Err(vec![Diagnostic::error(
                    offers_folder(),
                    format!("temaet \"{t}\" findes ikke i site.yaml"),
                )
                .hint(format!("brug et af: {}", names.join(", ")))]);
            }
        },
        None => config
            .themes
            .first()
            .map_or_else(|| "UDFYLD".to_string(), |t| t.name.clone()),
    };
    let title = title
        .map(str::to_string)
        .unwrap_or_else(|| crate::text::capitalize(&slug.replace('-', " ")));
    let rel = crate::layout::offer_source(slug);
    let path = root.join(&rel);
    let exists = || {
        vec![
            Diagnostic::error(&rel, "filen findes allerede; indsats overskriver den ikke")
                .hint("vælg et andet filnavn, eller ret den eksisterende fil"),
        ]
    };
    if path.exists() {
        return Err(exists());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            vec![Diagnostic::error(
                &rel,
                format!("mappen {} kunne ikke oprettes: {e}", dir.display()),
            )
            .hint("tjek at du har adgang til mappen")]
        })?;
    }
    let text = file_text(&title, &theme, config, today);
    // create_new: never overwrite, even if the file appeared since the check above.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|_| exists())?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| {
        vec![
            Diagnostic::error(&rel, format!("filen kunne ikke skrives: {e}"))
                .hint("tjek pladsen på disken"),
        ]
    })?;
    Ok(rel)
}

fn file_text(title: &str, theme: &str, config: &SiteConfig, today: crate::model::Date) -> String {
    let themes: Vec<&str> = config.themes.iter().map(|t| t.name.as_str()).collect();
    let next_year = today.year + 1;
    let lines = [
        "---".to_string(),
        format!("titel: {}", yaml_string(title)),
        format!("tema: {}  # {}", yaml_string(theme), themes.join(", ")),
        "resumé: \"UDFYLD: to sætninger: hvem tilbuddet er til, og hvad man får\"  # Kort fortalt".into(),
        "målgruppe: \"\"  # Hvem kan være med".into(),
        "# henvisning: \"Kræver henvisning fra egen læge\"  # kun hvis man skal henvises".into(),
        "indhold: \"\"  # Hvad sker der".into(),
        "omfang: \"\"  # fx \"Seks gange à to timer\"".into(),
        "# holdstørrelse: \"Højst 12 deltagere\"".into(),
        "form: [hold]  # hold, individuel, online eller åben; flere som [hold, online]".into(),
        "sted: \"\"  # adressen; flere steder som en liste".into(),
        "hold: []  # holdstarter; datoer, der er gået, vises ikke. Fx:".into(),
        format!("#   - start: {next_year}-09-01"),
        "#     tid: 10.00-12.00".into(),
        "#     sted: \"Sundhedscenteret\"".into(),
        "# pris: \"Gratis\"  # uden pris står der, hvem man kan spørge".into(),
        "# tilmelding: \"Ring til Sundhedscenteret\"  # hvordan man tilmelder sig (kan have et link)".into(),
        "# tilmeldingslink: \"https://…\"  # gør »Tilmeld dig« til sidens knap".into(),
        "kontakt:  # slet de linjer, der ikke bruges; uden kontakt bruges portalens".into(),
        "  navn: \"\"".into(),
        "  telefon: \"\"".into(),
        "  email: \"\"".into(),
        "  åbningstider: \"\"".into(),
        format!("bekræftet: {}  # den dag, oplysningerne sidst blev tjekket", today.iso()),
        "indsatser: []  # handleplanens indsatser om tilbuddet, fx [2020-2021/mental-balance]".into(),
        "udkast: true  # slet linjen, når tilbuddet skal vises på siden".into(),
        "---".into(),
        "Mere om tilbuddet, hvis der er brug for det.".into(),
    ];
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// `content/tilbud`, where a problem with the offer's name is reported.
fn offers_folder() -> PathBuf {
    Path::new(crate::layout::CONTENT).join(crate::layout::CONTENT_OFFERS)
}
