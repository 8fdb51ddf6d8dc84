//! The `temaer:` and `strategimål:` lists of `site.yaml`: each theme with its slug, description
//! and aliases (no name, alias or slug used twice), each strategic goal with its number, and
//! how a theme is found by any of its names.

use super::{nested_yaml, take_list, Goal, SiteConfig, Theme};
use crate::diagnostics::Diagnostic;
use crate::fields::{key, Fields, KeySpec};
use crate::text::slug::{fold_ascii, is_slug, slugify};
use serde_yaml::Value;

const THEME_KEYS: &[KeySpec] = &[key("navn"), key("slug"), key("beskrivelse"), key("aliaser")];
const GOAL_KEYS: &[KeySpec] = &[key("nummer"), key("tekst")];

pub(super) fn find_theme_in(themes: &[Theme], name: &str) -> Option<usize> {
    let wanted = fold_ascii(name.trim()).to_lowercase();
    themes.iter().position(|t| {
        std::iter::once(&t.name)
            .chain(&t.aliases)
            .any(|n| fold_ascii(n).to_lowercase() == wanted)
            || t.slug == wanted
    })
}

pub(super) fn read_themes(f: &mut Fields) -> Vec<Theme> {
    let mut themes: Vec<Theme> = Vec::new();
    let items = match f.take("temaer") {
        Some(Value::Sequence(items)) => items,
        Some(_) => {
            f.error(
                "temaer",
                "\"temaer\" skal være en liste",
                "skriv hvert tema som et punkt: - navn: Tobak",
            );
            return themes;
        }
        None => {
            f.missing("temaer", "[- navn: Tobak]");
            return themes;
        }
    };
    let src = f.source();
    let base = f.line_of("temaer");
    for item in items {
        let name_hint = item
            .get("navn")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let line = crate::yaml::line_containing(src.text, &name_hint, base).unwrap_or(base);
        let nested = nested_yaml(src.text, line);
        let mut sub = Fields::nested(src, line - 1, &nested, item, THEME_KEYS);
        let name = sub.required_text("navn", "Tobak");
        let slug = sub.text("slug");
        let description = sub.text("beskrivelse");
        let aliases = sub.text_list("aliaser");
        f.diagnostics.extend(sub.finish());
        let Some(name) = name else { continue };
        let slug = slug.unwrap_or_else(|| slugify(&name));
        if !is_slug(&slug) {
            f.diagnostics.push(
                Diagnostic::error(
                    src.file,
                    format!(
                        "temaets slug \"{slug}\" må kun have små bogstaver a-z, tal og bindestreg"
                    ),
                )
                .at(src.text, line, 1)
                .hint(format!("skriv slug: {}", slugify(&slug))),
            );
        }
        let theme = Theme {
            name,
            slug,
            description,
            aliases,
        };
        let probe = SiteConfig::probe(&themes);
        for n in std::iter::once(&theme.name).chain(&theme.aliases) {
            if let Some(other) = probe
                .iter()
                .find(|t| t.0 == fold_ascii(n).to_lowercase() || t.1 == theme.slug)
            {
                f.diagnostics.push(
                    Diagnostic::error(
                        src.file,
                        format!("temaet \"{n}\" findes allerede som \"{}\"", other.2),
                    )
                    .at(src.text, line, 1)
                    .hint("giv hvert tema sit eget navn og slug, eller gør navnet til et alias"),
                );
            }
        }
        themes.push(theme);
    }
    themes
}

impl SiteConfig {
    /// (folded name, slug, display name) of every name and alias, for duplicate checks.
    fn probe(themes: &[Theme]) -> Vec<(String, String, String)> {
        themes
            .iter()
            .flat_map(|t| {
                std::iter::once(&t.name)
                    .chain(&t.aliases)
                    .map(move |n| (fold_ascii(n).to_lowercase(), t.slug.clone(), t.name.clone()))
            })
            .collect()
    }
}

pub(super) fn read_goals(f: &mut Fields) -> Vec<Goal> {
    let mut goals = Vec::new();
    let Some(items) = take_list(
        f,
        "strategimål",
        "skriv hvert mål som et punkt: - nummer: 1",
    ) else {
        return goals;
    };
    let src = f.source();
    let base = f.line_of("strategimål");
    for item in items {
        let nested = nested_yaml(src.text, base);
        let mut sub = Fields::nested(src, base - 1, &nested, item, GOAL_KEYS);
        let number = sub.number_list("nummer").first().copied();
        // A goal without its wording is known by number only; pages then show nothing for it
        // rather than "Strategimål 2".
        let text = sub.text("tekst").unwrap_or_default();
        f.diagnostics.extend(sub.finish());
        if let Some(number) = number {
            goals.push(Goal { number, text });
        }
    }
    goals.sort_by_key(|g| g.number);
    goals
}

#[cfg(test)]
mod tests {
    use crate::config::{parse, tests::SITE};
    use std::path::Path;

    #[test]
    fn themes_are_found_by_alias_and_spelling() {
        let c = parse(Path::new("site.yaml"), SITE, None).expect("valid site.yaml");
        assert_eq!(c.find_theme("Tobaksforebyggelse"), Some(0));
        assert_eq!(c.find_theme("Mental Sundhed"), Some(1));
        assert_eq!(c.find_theme("mental-sundhed"), Some(1));
        assert_eq!(c.find_theme("Overvægt"), None);
        assert_eq!(c.themes[1].slug, "mental-sundhed");
        assert_eq!(c.goal(1).map(|g| g.text.as_str()), Some("Mål et"));
    }
}
