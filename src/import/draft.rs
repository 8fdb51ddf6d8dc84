//! One parsed initiative → a draft initiative file: the title tidied, the theme resolved
//! through `site.yaml`, the fields taken from the table, several rows as sub-sections, the
//! Indsats and Status texts as Markdown with footnotes kept, the status guessed. Every guess
//! and gap becomes a note for an editor. Pure; writing files is `import::run`'s job.

use super::guess;
use super::markup;
use super::parse::{Column, ParsedReport, RawInitiative};
use super::review;
use crate::config::SiteConfig;
use crate::content::write::{front_matter, KeyLine, Value};
use crate::model::Status;
use std::collections::BTreeMap;

/// An initiative ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The report's line with the title.
    pub line: usize,
    pub title: String,
    /// The file name without `.md`.
    pub slug: String,
    /// A theme's name from `site.yaml`, or the heading as written when it matches none.
    pub theme: String,
    pub status: Status,
    pub purpose: String,
    pub goals: Vec<u32>,
    pub actors: Vec<String>,
    pub timeline: String,
    /// Position in the report, for `rækkefølge`.
    pub order: usize,
    /// Markdown: `## Indsats`, `## Status`, footnotes.
    pub body: String,
    /// What an editor must look at, in Danish.
    pub notes: Vec<String>,
}

/// Every initiative of `report` as a draft, in report order. Initiatives before any theme
/// heading get the site's first theme; a heading carries over to the initiatives below it.
pub fn drafts(report: &ParsedReport, config: &SiteConfig) -> Vec<Draft> {
    let mut current: Option<String> = None;
    let mut out: Vec<Draft> = Vec::new();
    for (i, raw) in report.initiatives.iter().enumerate() {
        let mut notes = Vec::new();
        if let Some(h) = &raw.theme {
            current = Some(match config.find_theme(&h.text) {
                Some(t) => config.themes[t].name.clone(),
                None => {
                    notes.push(format!(
                        "temaoverskriften \"{}\" (linje {}) findes ikke i site.yaml; ret tema, eller tilføj overskriften som alias til et tema",
                        h.text, h.line
                    ));
                    h.text.clone()
                }
            });
        }
        let theme = match &current {
            Some(t) => t.clone(),
            None => {
                let first = config
                    .themes
                    .first()
                    .map_or_else(|| "UDFYLD".to_string(), |t| t.name.clone());
                notes.push(format!(
                    "rapporten giver ingen temaoverskrift; tema sat til det første tema i site.yaml, \"{first}\""
                ));
                first
            }
        };
        let mut draft = convert(raw, report, config, theme, i + 1, notes);
        let base = draft.slug.clone();
        let mut n = 2;
        while out.iter().any(|d| d.slug == draft.slug) {
            draft.slug = format!("{base}-{n}");
            n += 1;
        }
        if draft.slug != base {
            draft.notes.push(format!(
                "en anden indsats i rapporten har samme filnavn ({base}.md); denne hedder {}.md",
                draft.slug
            ));
        }
        out.push(draft);
    }
    out
}

fn convert(
    raw: &RawInitiative,
    report: &ParsedReport,
    config: &SiteConfig,
    theme: String,
    order: usize,
    mut notes: Vec<String>,
) -> Draft {
    notes.extend(raw.notes.iter().cloned());
    let title = tidy_title(&raw.title.text);
    let title = if title.is_empty() {
        notes.push("indsatsen har ingen overskrift i rapporten; skriv en titel".into());
        format!("Indsats {order}")
    } else {
        title
    };
    let rows: Vec<Row> = (0..raw.rows.len()).map(|r| Row::read(raw, r)).collect();
    let goals = collect_goals(&rows, config, &mut notes);
    let purpose = unique(rows.iter().flat_map(|r| r.purpose.clone())).join("\n\n");
    if purpose.is_empty() {
        notes.push("formål mangler i rapporten; skriv det".into());
    }
    let actors = unique(rows.iter().flat_map(|r| r.actors.clone()));
    notes.extend(review::actor_notes(&actors));
    let timeline = unique(rows.iter().map(|r| r.timeline.clone())).join("; ");

    let status_text = raw.status.clone().unwrap_or_default();
    let status_md =
        markup::to_markdown(&markup::status_headings(markup::blocks(&status_text, true)));
    match &raw.status {
        None => notes.push("rapporten har intet Status-afsnit for indsatsen".into()),
        Some(_) if status_md.trim().is_empty() => notes.push("Status-afsnittet er tomt".into()),
        Some(_) => {}
    }
    let (status, reason) = guess::status(&markup::plain(&status_text, " "));
    notes.push(match reason {
        Some(phrase) => format!(
            "status gættet: {} (teksten siger \"{phrase}\")",
            status.danish()
        ),
        None => format!(
            "status gættet: {} (intet i teksten afgør det)",
            status.danish()
        ),
    });

    let indsats = if rows.len() > 1 {
        notes.push(format!(
            "tabellen har {} rækker; de står som underafsnit under Indsats med foreslåede overskrifter",
            rows.len()
        ));
        for (i, r) in rows.iter().enumerate() {
            if let (heading, true) = review::suggested_heading(&r.initiative) {
                notes.push(format!(
                    "overskriften på underafsnit {} under Indsats er forkortet: \"{heading}\"; skriv en kort overskrift, der dækker rækken",
                    i + 1
                ));
            }
        }
        rows.iter()
            .enumerate()
            .map(|(i, r)| r.section(i + 1))
            .collect::<Vec<_>>()
            .join("\n\n")
    } else {
        rows.first()
            .map(|r| r.initiative.clone())
            .unwrap_or_default()
    };
    let body = format!("## Indsats\n\n{indsats}\n\n## Status\n\n{status_md}");
    let body = with_footnotes(&body, &report.footnotes);
    let written = [
        title.as_str(),
        &purpose,
        &actors.join("\n"),
        &timeline,
        &body,
    ]
    .join("\n");
    notes.extend(review::hyphen_notes(&written));
    Draft {
        line: raw.title.line,
        slug: crate::text::slug::slugify(&title),
        title,
        theme,
        status,
        purpose,
        goals,
        actors,
        timeline,
        order,
        body,
        notes,
    }
}

/// The strategic goals of all rows, ascending, limited to those `site.yaml` defines; notes
/// what could not be read or does not exist.
fn collect_goals(rows: &[Row], config: &SiteConfig, notes: &mut Vec<String>) -> Vec<u32> {
    let mut goals: Vec<u32> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if row.goals_from_actors {
            notes.push(format!(
                "række {}: kolonnen Aktører indeholder strategimål (\"{}\"); de er læst som strategimål",
                r + 1,
                row.goals_text
            ));
        } else if !row.goals_text.is_empty() && row.goals.is_empty() {
            notes.push(format!(
                "række {}: strategimål \"{}\" kunne ikke læses som numre",
                r + 1,
                row.goals_text
            ));
        }
        goals.extend(&row.goals);
    }
    goals.sort_unstable();
    goals.dedup();
    let unknown: Vec<String> = goals
        .iter()
        .filter(|g| config.goal(**g).is_none())
        .map(u32::to_string)
        .collect();
    if !unknown.is_empty() {
        notes.push(format!(
            "strategimål {} findes ikke i site.yaml og er udeladt",
            unknown.join(", ")
        ));
        goals.retain(|g| config.goal(*g).is_some());
    }
    goals
}

/// One table row, read.
struct Row {
    /// Markdown.
    initiative: String,
    purpose: Vec<String>,
    goals: Vec<u32>,
    goals_text: String,
    goals_from_actors: bool,
    actors: Vec<String>,
    timeline: String,
}

impl Row {
    fn read(raw: &RawInitiative, r: usize) -> Row {
        let initiative =
            markup::to_markdown(&markup::blocks(raw.cell(r, &Column::Initiative), true));
        let purpose: Vec<String> = markup::plain(raw.cell(r, &Column::Purpose), "\n")
            .lines()
            .map(str::to_string)
            .filter(|l| !l.is_empty())
            .collect();
        let mut goals_text = markup::plain(raw.cell(r, &Column::Goals), " ");
        let mut actors_text = raw.cell(r, &Column::Actors).to_string();
        let mut goals_from_actors = false;
        // 2018-2019 has no Strategimål column, yet one row writes its goals under Aktører.
        let actors_plain = markup::plain(&actors_text, " ");
        if goals_text.is_empty() && guess::goals(&actors_plain).is_some() {
            goals_text = actors_plain;
            actors_text.clear();
            goals_from_actors = true;
        }
        let goals = guess::goals(&goals_text).unwrap_or_default();
        Row {
            initiative,
            purpose,
            goals,
            goals_text,
            goals_from_actors,
            actors: split_actors(&actors_text),
            timeline: markup::plain(raw.cell(r, &Column::Timeline), "; "),
        }
    }

    /// The row as a sub-section of Indsats, its fields as bold run-in labels.
    fn section(&self, n: usize) -> String {
        let mut s = format!(
            "### {n}. {}\n\n{}",
            review::suggested_heading(&self.initiative).0,
            self.initiative
        );
        let fields = [
            ("Formål", self.purpose.join("\\\n")),
            (
                "Strategimål",
                self.goals
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ("Aktører", self.actors.join(", ")),
            ("Tidsplan", self.timeline.clone()),
        ];
        for (label, value) in fields {
            if !value.is_empty() {
                s.push_str(&format!("\n\n**{label}:** {value}"));
            }
        }
        s
    }
}

/// The actors of a cell: one per paragraph, and a paragraph split after full stops that end
/// a sentence ("Sundhedscenteret. Vestbadet."); a trailing full stop is dropped.
fn split_actors(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    for p in markup::plain(cell, "\n").lines() {
        let mut rest = p.trim();
        while !rest.is_empty() {
            let cut = rest
                .match_indices(". ")
                .find(|(i, _)| rest[i + 2..].chars().next().is_some_and(char::is_uppercase));
            let (piece, next) = match cut {
                Some((i, _)) => (&rest[..i], &rest[i + 2..]),
                None => (rest, ""),
            };
            let piece = piece.trim().trim_end_matches('.').trim();
            if !piece.is_empty() {
                out.push(piece.to_string());
            }
            rest = next.trim();
        }
    }
    out
}

/// The values in order of first appearance, empty ones and repeats left out.
fn unique(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        if !v.is_empty() && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// A title as the site writes it: markup and tabs gone, spaces single; a title quoted as a
/// whole loses its quotes, and quotes inside become Danish »…« (the shipped content's style).
pub fn tidy_title(raw: &str) -> String {
    let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let is_quote = |c: char| matches!(c, '"' | '”' | '“' | '„' | '»' | '«');
    let inner = t
        .strip_prefix(is_quote)
        .and_then(|s| s.strip_suffix(is_quote))
        .filter(|s| !s.contains(is_quote));
    let t = inner.map_or(t.clone(), |s| s.trim().to_string());
    if t.chars().filter(|&c| is_quote(c)).count() % 2 != 0 {
        return t;
    }
    let mut open = true;
    t.chars()
        .map(|c| {
            if is_quote(c) {
                let q = if open { '»' } else { '«' };
                open = !open;
                q
            } else {
                c
            }
        })
        .collect()
}

/// Turns footnote markers into `[^n]` and appends the notes they point to.
fn with_footnotes(body: &str, notes: &BTreeMap<u32, String>) -> String {
    let (text, used) = markup::footnote_refs(body, &|n| notes.contains_key(&n));
    let mut out = text.trim_end().to_string();
    for n in used {
        let note = markup::plain(&notes[&n], " ");
        out.push_str(&format!("\n\n[^{n}]: {note}"));
    }
    out.push('\n');
    out
}

/// The initiative file: its front matter (written as `indsats new` writes it), then the body.
pub fn file_text(d: &Draft) -> String {
    let mut entries = vec![
        KeyLine::new("titel", Value::Text(d.title.clone())),
        KeyLine::new("tema", Value::OneOrMore(vec![d.theme.clone()])),
        KeyLine::new("status", Value::Bare(d.status.danish().into()))
            .note("gættet ud fra statusteksten; ret den, hvis den er forkert"),
    ];
    let purpose = match d.purpose.as_str() {
        "" => "UDFYLD: hvad skal indsatsen opnå?",
        p => p,
    };
    entries.push(KeyLine::new("formål", Value::Paragraphs(purpose.into())));
    if !d.goals.is_empty() {
        entries.push(KeyLine::new("strategimål", Value::Numbers(d.goals.clone())));
    }
    if !d.actors.is_empty() {
        entries.push(
            KeyLine::new("aktører", Value::Items(d.actors.clone()))
                .note("delt ved afsnit og punktum; tjek listen"),
        );
    }
    if !d.timeline.is_empty() {
        entries.push(KeyLine::new("tidsplan", Value::Text(d.timeline.clone())));
    }
    entries.push(
        KeyLine::new("rækkefølge", Value::Bare(d.order.to_string()))
            .note("plads i statusrapporten"),
    );
    entries.push(KeyLine::draft());
    format!("{}\n{}", front_matter(&entries), d.body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        let yaml = "titel: T\nejer: E\nbase_url: https://example.dk/\ntemaer:\n  - navn: Trivsel\n  - navn: Tobak\n    aliaser: [Tobaksforebyggelse]\nstrategimål:\n  - nummer: 1\n    tekst: Et\n";
        crate::config::parse(std::path::Path::new("site.yaml"), yaml, None).expect("config")
    }

    const HEADER: &str = "Indsats\tFormål\tStrategimål\tAktører\tTidsplan\n";

    #[test]
    fn themes_resolve_through_aliases_and_unknown_ones_are_reported() {
        let text = format!(
            "Først\n{HEADER}A\tB\t\tC\tD\n\nTobaksforebyggelse\n\nRygestop\n{HEADER}A\tB\tStrategimål 1 og 7\tC\tD\nStatus\nAfsluttet.\n\nSundhedsfremme\n\nRygestop\n{HEADER}A\tB\t\tC\tD\n"
        );
        let config = config();
        let report = super::super::parse::parse(&text, &["Tobak".into()]).expect("report");
        let d = drafts(&report, &config);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].theme, "Trivsel");
        assert!(d[0]
            .notes
            .iter()
            .any(|n| n.contains("ingen temaoverskrift")));
        assert!(d[0].notes.iter().any(|n| n.contains("intet Status-afsnit")));
        assert_eq!(d[1].theme, "Tobak");
        assert_eq!(d[1].goals, vec![1]);
        assert!(d[1]
            .notes
            .iter()
            .any(|n| n.contains("strategimål 7 findes ikke")));
        assert_eq!(d[1].status, Status::Completed);
        assert_eq!(d[2].theme, "Sundhedsfremme");
        assert!(
            d[2].notes
                .iter()
                .any(|n| n.contains("\"Sundhedsfremme\" (linje 13) findes ikke")),
            "{:?}",
            d[2].notes
        );
        assert_eq!(
            (d[1].slug.as_str(), d[2].slug.as_str()),
            ("rygestop", "rygestop-2")
        );
        assert!(d[2]
            .notes
            .iter()
            .any(|n| n.contains("samme filnavn (rygestop.md)")));
    }

    #[test]
    fn titles_lose_whole_quotes_and_get_danish_ones() {
        assert_eq!(tidy_title("\"Mental balance\""), "Mental balance");
        assert_eq!(
            tidy_title("\"Kulturvitaminer\" som pilotprojekter"),
            "»Kulturvitaminer« som pilotprojekter"
        );
        assert_eq!(
            tidy_title("Sammen med Borgeren livssituation: ”Vi er en familie”"),
            "Sammen med Borgeren livssituation: »Vi er en familie«"
        );
        assert_eq!(tidy_title("  Vestegnsprojektet \t"), "Vestegnsprojektet");
    }

    #[test]
    fn actors_split_at_paragraphs_and_sentences() {
        assert_eq!(
            split_actors("<p>Sundhedsfagligt personale</p> <p>Ekstern underviser (Psykolog) Kommunikationsmedarbejder.</p>"),
            vec!["Sundhedsfagligt personale", "Ekstern underviser (Psykolog) Kommunikationsmedarbejder"]
        );
        assert_eq!(
            split_actors(
                "Ældre- og Handicapafdelingen Sundhedscenteret. Vestbadet. Patientforeningen."
            ),
            vec![
                "Ældre- og Handicapafdelingen Sundhedscenteret",
                "Vestbadet",
                "Patientforeningen"
            ]
        );
        assert!(split_actors("").is_empty());
    }
}
