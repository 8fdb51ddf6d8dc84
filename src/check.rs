//! `indsats check`: everything the build validates, plus what a build cannot call an error
//! but a citizen would trip over: links and images in bodies that lead nowhere, images
//! without alternative text, statuses left "igangværende" after the plan period ended, live
//! offers nobody has updated in a year or that lack the facts a citizen needs first, and
//! duplicate titles within a plan. It returns diagnostics and never writes output; "today"
//! comes from the caller so results are reproducible.

use crate::content::frontmatter;
use crate::diagnostics::{self, Diagnostic};
use crate::fields::closest;
use crate::layout;
use crate::markdown::{Markdown, Reference};
use crate::model::{Date, Initiative, Status};
use crate::site::Site;
use crate::yaml::top_level_key_line;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Check drafts (`udkast: true`) too.
    pub drafts: bool,
    /// The day to judge staleness against.
    pub today: Date,
}

/// Every problem found, errors and warnings, sorted by file and line.
pub fn run(opts: &CheckOptions) -> Vec<Diagnostic> {
    let built = match crate::build_pages_in_memory(&opts.root, None, opts.drafts) {
        Ok(b) => b,
        // Without a valid site there is no graph to check links against; the build's own
        // errors are what the editor must fix first.
        Err(all) => return all,
    };
    let mut found = built.warnings;
    let outputs = Outputs::new(&built.site, &built.rendered);
    let md = Markdown::new(false, &built.site.config.base_url.path);
    for doc in documents(&built.site) {
        let Some(file) = SourceFile::read(&opts.root, doc.source) else {
            continue;
        };
        for r in md.references(file.body()) {
            found.extend(check_reference(&file, &r, &doc.url, &outputs));
        }
        if let Some(i) = doc.initiative {
            found.extend(check_initiative(&file, i, opts.today));
        }
    }
    found.extend(duplicate_titles(&opts.root, &built.site));
    found.extend(example_addresses(&opts.root, &built.site.config));
    diagnostics::sort(&mut found);
    found
}

/// A content file that renders to one page.
struct Document<'a> {
    source: &'a Path,
    /// The page's path under the site's base, e.g. `indsatser/2020-2021/mental-balance/`.
    url: String,
    initiative: Option<&'a Initiative>,
}

fn documents(site: &Site) -> Vec<Document<'_>> {
    let initiatives = site.initiatives.iter().map(|i| Document {
        source: &i.source,
        url: layout::initiative_path(&i.id),
        initiative: Some(i),
    });
    let updates = site.updates.iter().map(|p| Document {
        source: &p.source,
        url: layout::update_path(&p.slug),
        initiative: None,
    });
    let pages = site.pages.iter().map(|p| Document {
        source: &p.source,
        url: layout::page_path(&p.slug),
        initiative: None,
    });
    initiatives.chain(updates).chain(pages).collect()
}

/// A content file's text, split, for placing problems on its lines.
struct SourceFile {
    rel: PathBuf,
    text: String,
    /// Byte offset of the body, and how many lines come before it.
    body_start: usize,
    body_line: usize,
    yaml_range: (usize, usize),
    yaml_offset: usize,
}

impl SourceFile {
    fn read(root: &Path, rel: &Path) -> Option<SourceFile> {
        // The build has just read this file; if it vanished since, the next run will say so.
        let text = crate::content::read_text(&root.join(rel), rel).ok()?;
        let split = frontmatter::split(&text).ok()?;
        let offset = |part: &str| part.as_ptr() as usize - text.as_ptr() as usize;
        let body_start = offset(split.body);
        let yaml_start = offset(split.yaml);
        let yaml_range = (yaml_start, yaml_start + split.yaml.len());
        let yaml_offset = split.yaml_offset;
        Some(SourceFile {
            rel: rel.to_path_buf(),
            body_line: text[..body_start].matches('\n').count(),
            body_start,
            yaml_range,
            yaml_offset,
            text,
        })
    }

    fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The file line of a front-matter key (Danish or ASCII spelling), or the first line.
    fn key_line(&self, keys: &[&str]) -> usize {
        let yaml = &self.text[self.yaml_range.0..self.yaml_range.1];
        keys.iter()
            .find_map(|k| top_level_key_line(yaml, k))
            .map_or(1, |l| l + self.yaml_offset)
    }

    fn warning_at_key(&self, keys: &[&str], message: String, hint: String) -> Diagnostic {
        Diagnostic::warning(&self.rel, message)
            .at(&self.text, self.key_line(keys), 1)
            .hint(hint)
    }
}

/// The files a build writes, to resolve links against.
struct Outputs<'a> {
    files: HashMap<String, Option<&'a [u8]>>,
    /// Page URLs (`tema/tobak/`), for suggesting the closest one.
    pages: Vec<String>,
    base_path: String,
}

impl<'a> Outputs<'a> {
    fn new(site: &Site, rendered: &'a crate::render::Rendered) -> Outputs<'a> {
        let mut files = HashMap::new();
        let mut pages = Vec::new();
        for f in &rendered.files {
            if let Some(dir) = f.path.strip_suffix("index.html") {
                pages.push(dir.to_string());
            }
            files.insert(f.path.clone(), Some(f.bytes.as_slice()));
        }
        for (_, path) in &rendered.statics {
            files.insert(path.clone(), None);
        }
        for (_, path) in &site.assets {
            files.insert(diagnostics::display_path(path), None);
        }
        // The search index is built after the pages and not by `check`; its folder exists.
        files.insert(format!("{}/index.json", crate::layout::SEARCH), None);
        Outputs {
            files,
            pages,
            base_path: site.config.base_url.path.clone(),
        }
    }

    /// The file a path (relative to the base, no query or fragment) is served from.
    fn lookup(&self, path: &str) -> Option<Option<&'a [u8]>> {
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.to_string(), format!("{path}/index.html")]
        };
        candidates
            .iter()
            .find_map(|c| self.files.get(c.as_str()).copied())
    }
}

/// Checks one link or image. External URLs are not fetched: `check` works offline.
fn check_reference(
    file: &SourceFile,
    r: &Reference,
    page_url: &str,
    outputs: &Outputs,
) -> Option<Diagnostic> {
    let line = file.body_line + r.line;
    let column = r.column;
    let place = |d: Diagnostic| d.at(&file.text, line, column);
    if r.image && r.alt.is_empty() {
        return Some(place(
            Diagnostic::error(&file.rel, "billedet har ingen alternativ tekst")
                .hint("skriv hvad billedet viser mellem de firkantede parenteser, fx ![Deltagere på gåtur i parken](/billeder/gaatur.jpg); skærmlæsere læser teksten op, og loven kræver den"),
        ));
    }
    let url = r.url.trim();
    let external = url.starts_with("//")
        || url
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains('/'));
    if url.is_empty() || external {
        return None;
    }
    let (without_fragment, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let path = without_fragment.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        page_url.to_string()
    } else if let Some(abs) = path.strip_prefix('/') {
        let under_base = format!("/{abs}");
        under_base
            .strip_prefix(outputs.base_path.as_str())
            .unwrap_or(abs)
            .to_string()
    } else {
        match join(page_url, path) {
            Some(t) => t,
            None => {
                return Some(place(
                    Diagnostic::error(&file.rel, format!("linket går op over sidens øverste mappe: {url}"))
                        .hint("skriv adressen fra sidens rod, fx /tema/tobak/ eller /indsatser/2020-2021/mental-balance/"),
                ))
            }
        }
    };
    let target = crate::text::percent_decode_lossy(&target);
    let Some(found) = outputs.lookup(&target) else {
        let (message, hint) = if r.image {
            (
                format!("billedet findes ikke: {url}"),
                "læg billedet i mappen content/billeder/ og skriv adressen som /billeder/filnavn.jpg".to_string(),
            )
        } else {
            let wanted = target.trim_end_matches('/');
            let suggestion = closest(
                wanted,
                outputs.pages.iter().map(|p| p.trim_end_matches('/')),
            );
            (
                format!("linket fører ingen steder hen: {url}"),
                match suggestion {
                    Some(s) => format!("mente du /{s}/? Adresser på siden skrives som /indsatser/2020-2021/mental-balance/ eller /tema/tobak/"),
                    None => "tjek adressen; adresser på siden skrives som /indsatser/2020-2021/mental-balance/ eller /tema/tobak/".to_string(),
                },
            )
        };
        return Some(place(Diagnostic::error(&file.rel, message).hint(hint)));
    };
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let html = found?;
    let needle = format!(" id=\"{fragment}\"");
    if contains_bytes(html, needle.as_bytes()) {
        return None;
    }
    Some(place(
        Diagnostic::error(
            &file.rel,
            format!("linket peger på et afsnit, der ikke findes: #{fragment}"),
        )
        .hint("afsnit får adresser efter overskriften: \"## Status\" bliver #status; tjek stavningen, eller fjern #… fra linket"),
    ))
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `indsatser/2020-2021/a/` + `../b/` → `indsatser/2020-2021/b/`; `None` above the root.
fn join(base_dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base_dir.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = rel.ends_with('/');
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if trailing && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// Staleness and missing facts for one initiative.
fn check_initiative(file: &SourceFile, i: &Initiative, today: Date) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let ended = i.id.plan.last < today.year;
    if ended && i.status == Status::Ongoing {
        found.push(file.warning_at_key(
            &["status"],
            format!(
                "planperioden {} er slut, men status er stadig \"igangværende\"",
                i.id.plan
            ),
            "skriv hvordan det gik (gennemført, udsat eller aflyst), eller før indsatsen videre i den nye periode med: indsats new <ny periode>/<filnavn> --fra <denne periode>".into(),
        ));
    }
    // Archived initiatives (an ended plan) are history; only live ones must stay current.
    let live = !ended && matches!(i.status, Status::Ongoing | Status::Planned);
    if !live {
        return found;
    }
    match i.updated {
        None => found.push(file.warning_at_key(
            &["opdateret", "titel"],
            "indsatsen har ingen dato for, hvornår den sidst blev opdateret".into(),
            format!(
                "skriv fx opdateret: {}, så borgerne kan se, at oplysningerne er friske",
                today.iso()
            ),
        )),
        Some(d) if d < today.year_before() => found.push(file.warning_at_key(
            &["opdateret"],
            format!(
                "indsatsen er ikke opdateret i over et år (sidst {})",
                d.danish()
            ),
            format!("gennemgå teksten, og skriv opdateret: {}", today.iso()),
        )),
        Some(_) => {}
    }
    if i.target_group.is_none() {
        found.push(file.warning_at_key(
            &["målgruppe", "maalgruppe", "titel"],
            "indsatsen mangler en målgruppe".into(),
            "skriv hvem tilbuddet er for, fx målgruppe: Voksne rygere i Rødovre".into(),
        ));
    }
    if i.status == Status::Ongoing && i.signup_html.is_none() && i.contact.is_none() {
        found.push(file.warning_at_key(
            &["tilmelding", "kontakt", "titel"],
            "borgerne kan ikke se, hvordan de tilmelder sig eller hvem de kan kontakte".into(),
            "skriv tilmelding: (hvordan man kommer med) eller kontakt: med navn, telefon eller email".into(),
        ));
    }
    found
}

/// The shipped `site.yaml`'s sample addresses (`example.dk`) left in place: the site would
/// link to and give an e-mail address at a domain nobody owns.
fn example_addresses(root: &Path, config: &crate::config::SiteConfig) -> Vec<Diagnostic> {
    let Ok(text) = std::fs::read_to_string(root.join(layout::SITE_YAML)) else {
        return Vec::new();
    };
    let host = |url: &str| {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        rest.split(['/', ':']).next().unwrap_or("").to_string()
    };
    let mut found = Vec::new();
    let candidates = [
        (host(&config.base_url.absolute), "base_url", "adresse"),
        (
            config
                .contact
                .email
                .as_deref()
                .and_then(|e| e.rsplit_once('@'))
                .map(|(_, d)| d.to_string())
                .unwrap_or_default(),
            "email",
            "e-mailadresse",
        ),
    ];
    for (domain, key, what) in candidates {
        if !is_example_domain(&domain) {
            continue;
        }
        // The first line that writes the domain as a value (not in a comment).
        let line = text
            .lines()
            .position(|l| {
                let value = l.split_once('#').map_or(l, |(v, _)| v);
                value.contains(&format!("{key}:")) && value.contains(&domain)
            })
            .map_or(1, |i| i + 1);
        let column = text
            .lines()
            .nth(line - 1)
            .and_then(|l| l.find(&domain))
            .map_or(1, |byte| {
                text.lines()
                    .nth(line - 1)
                    .map_or(1, |l| l[..byte].chars().count() + 1)
            });
        found.push(
            Diagnostic::warning(
                layout::SITE_YAML,
                format!("{what}n bruger eksempeldomænet {domain}"),
            )
            .at(&text, line, column)
            .hint(format!(
                "skriv kommunens rigtige {what} i site.yaml ({key}), før siden udgives"
            )),
        );
    }
    found
}

/// A domain kept for examples and tests (RFC 2606): `example.dk`, `test.example.dk`,
/// `x.example`, `x.test`, `x.invalid`.
fn is_example_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let n = labels.len();
    (n >= 2 && labels[n - 2].eq_ignore_ascii_case("example"))
        || labels.last().is_some_and(|tld| {
            ["example", "test", "invalid"].contains(&tld.to_ascii_lowercase().as_str())
        })
}

/// Initiatives in the same plan with the same title (ignoring case and spacing).
fn duplicate_titles(root: &Path, site: &Site) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<(crate::model::Plan, String), Vec<&Initiative>> = BTreeMap::new();
    for i in &site.initiatives {
        let key = i.title.split_whitespace().collect::<Vec<_>>().join(" ");
        groups
            .entry((i.id.plan, key.to_lowercase()))
            .or_default()
            .push(i);
    }
    let mut found = Vec::new();
    for ((plan, _), same) in groups.into_iter().filter(|(_, v)| v.len() > 1) {
        for i in &same {
            let others: Vec<String> = same
                .iter()
                .filter(|o| o.source != i.source)
                .map(|o| diagnostics::display_path(&o.source))
                .collect();
            let Some(file) = SourceFile::read(root, &i.source) else {
                continue;
            };
            found.push(file.warning_at_key(
                &["titel"],
                format!(
                    "en anden indsats i planperioden {plan} har samme titel: {}",
                    others.join(", ")
                ),
                "giv hver indsats sin egen titel, så borgerne kan skelne dem i lister og søgning".into(),
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_domains_are_the_reserved_ones() {
        for d in [
            "example.dk",
            "test.example.dk",
            "EXAMPLE.com",
            "kommune.example",
            "x.test",
        ] {
            assert!(is_example_domain(d), "{d}");
        }
        for d in ["roedovre.dk", "examples.dk", "example-kommune.dk", "dk", ""] {
            assert!(!is_example_domain(d), "{d}");
        }
    }

    #[test]
    fn relative_links_resolve_against_the_page() {
        let page = "indsatser/2020-2021/a/";
        assert_eq!(
            join(page, "../b/").as_deref(),
            Some("indsatser/2020-2021/b/")
        );
        assert_eq!(
            join(page, "./x.png").as_deref(),
            Some("indsatser/2020-2021/a/x.png")
        );
        assert_eq!(join(page, "../../../../x"), None);
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(
            crate::text::percent_decode_lossy("min%20graf.svg"),
            "min graf.svg"
        );
        assert_eq!(crate::text::percent_decode_lossy("s%C3%B8g"), "søg");
        assert_eq!(crate::text::percent_decode_lossy("100%"), "100%");
    }
}
