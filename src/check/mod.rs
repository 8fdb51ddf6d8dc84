//! `indsats check`: everything the build validates, plus what a build cannot call an error
//! but a citizen would trip over: links and images in bodies that lead nowhere, images
//! without alternative text, statuses left "igangværende" after the plan period ended, live
//! offers nobody has updated in a year or that lack the facts a citizen needs first,
//! duplicate titles within a plan, an own contact with a phone but no name, and scripts in
//! SVG or HTML files under `content/`. It returns diagnostics and never writes output; "today"
//! comes from the caller so results are reproducible.

mod active_content;

use crate::content::Expired;
use crate::content::SourceFile;
use crate::diagnostics::{self, Diagnostic};
use crate::layout;
use crate::links::{self, Made, Targets};
use crate::markdown::Markdown;
use crate::model::{Date, Initiative, Status};
use crate::site::aging::ReportAge;
use crate::site::Site;
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
///
/// A content file with errors does not stop the other checks: they run on the files that
/// read without errors, so that one round shows everything (a link to the page of a file with
/// errors is not called a link to nothing). Only a broken `site.yaml` or design stops them.
pub fn run(opts: &CheckOptions) -> Vec<Diagnostic> {
    let selection = crate::content::Selection {
        drafts: opts.drafts,
        future: false,
        date: opts.today,
    };
    let (prepared, mut found) = match crate::pipeline::prepare_all(&opts.root, selection) {
        Ok(p) => p,
        Err(all) => return all,
    };
    let (site, templates, plan) = (&prepared.site, &prepared.templates, &prepared.plan);
    // The pages as a build makes them, to resolve links in; nothing copied is read.
    let pages = crate::site_files::Memory::made_only();
    let made = crate::site_files::fill(
        site,
        templates,
        plan,
        &pages,
        crate::site_files::SearchIndex::Skipped,
        &|| {},
    );
    if let Err(e) = made {
        found.extend(e.into_diagnostics(&opts.root));
        found.extend(prepared.warnings);
        diagnostics::sort(&mut found);
        return found;
    }
    let pages = pages.into_files();
    let unreadable: Vec<String> = found
        .iter()
        .filter_map(|d| crate::content::page_path_of(&d.file))
        .collect();
    let outputs = Outputs::new(plan, &pages, &unreadable);
    let outputs = links::WithEnded::new(site, &outputs);
    found.extend(prepared.warnings);
    let base_path = &site.config.base_url.path;
    let md = Markdown::new(false, base_path);
    for doc in links::documents(site) {
        let Some(file) = SourceFile::read(&opts.root, doc.source) else {
            continue;
        };
        found.extend(links::check_body(&file, &md, base_path, &doc.url, &outputs));
        if let Some(i) = doc.initiative {
            found.extend(check_initiative(&file, i, site));
        }
    }
    found.extend(duplicate_titles(&opts.root, site));
    found.extend(example_addresses(&opts.root, &site.config));
    found.extend(active_content::warnings(&opts.root));
    diagnostics::sort(&mut found);
    found
}

/// The files `check` rendered in memory, to resolve links against.
struct Outputs<'a> {
    files: HashMap<String, Option<&'a [u8]>>,
    /// Worked out when the first link leads nowhere.
    folders: std::sync::OnceLock<Vec<String>>,
}

impl<'a> Outputs<'a> {
    /// `plan`: every file a build makes; `pages`: those `check` made (the copied files are
    /// not read); `unreadable`: the pages of files with errors, which a fixed file will make.
    fn new(
        plan: &crate::site_files::SiteFiles,
        pages: &'a HashMap<String, std::sync::Arc<[u8]>>,
        unreadable: &[String],
    ) -> Outputs<'a> {
        let mut files = HashMap::new();
        for page in unreadable {
            files.insert(format!("{page}index.html"), None);
        }
        for path in plan.paths() {
            files.insert(path.to_string(), pages.get(path).map(|b| &b[..]));
        }
        // The search index is built after the pages and not by `check`; its folder exists.
        files.insert(format!("{}/index.json", crate::layout::SEARCH), None);
        Outputs {
            files,
            folders: std::sync::OnceLock::new(),
        }
    }
}

impl Targets for Outputs<'_> {
    fn made(&self, path: &str) -> Option<Made> {
        match self.files.get(path)? {
            Some(_) => Some(links::made_as(path)),
            None => Some(Made::File),
        }
    }

    fn has_id(&self, path: &str, id: &str) -> bool {
        match self.files.get(path) {
            Some(Some(html)) => links::has_id(html, id),
            _ => true,
        }
    }

    fn page_folders(&self) -> &[String] {
        self.folders
            .get_or_init(|| links::folders_of(self.files.keys()))
    }
}

/// Staleness and missing facts for one initiative, at the site's build date.
fn check_initiative(file: &SourceFile, i: &Initiative, site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let today = site.date;
    let age = ReportAge::of(site, i.id.plan);
    let running = matches!(i.status, Status::Ongoing | Status::Planned);
    if age.ended && i.id.plan.last < today.year && i.status == Status::Ongoing {
        found.push(file.warning_at_key(
            &["status"],
            format!(
                "planperioden {} er slut, men status er stadig \"igangværende\"",
                i.id.plan
            ),
            "skriv hvordan det gik (gennemført, udsat eller aflyst), eller før indsatsen videre i den nye periode med: indsats new <ny periode>/<filnavn> --fra <denne periode>".into(),
        ));
    } else if age.stale && !age.ended && running {
        found.push(file.warning_at_key(
            &["status"],
            format!(
                "status \"{}\" er fra statusrapporten ({}) og er mere end {} måneder gammel, så siden viser den som historik",
                i.status.danish(),
                age.date_danish().unwrap_or_default(),
                site.config.status_stale_after
            ),
            "skriv den status, der gælder nu, og ret statusdato under handleplaner i site.yaml, når der er en ny statusrapport".into(),
        ));
    }
    for target in &i.continues {
        if site
            .expired
            .iter()
            .any(|e| matches!(e, Expired::Initiative(x) if &x.id == target))
        {
            found.push(file.warning_at_key(
                &["fortsætter", "fortsaetter"],
                format!("\"fortsætter: {target}\" henviser til en indsats, der er udløbet, så linket til den er udeladt"),
                "fjern linjen fortsætter, eller fjern udløber i den anden fil".into(),
            ));
        }
    }
    // An own contact replaces the site's in the offer box: a phone alone says not whom.
    if i.contact
        .as_ref()
        .is_some_and(|c| c.phone.is_some() && c.name.is_none())
    {
        found.push(file.warning_at_key(
            &["kontakt"],
            "kontakten har et telefonnummer, men intet navn".into(),
            "skriv navn: under kontakt:, så borgerne ved, hvem de ringer til; en kontakt i filen erstatter hele portalens kontakt i boksen".into(),
        ));
    }
    // History (an ended plan, an old report) is shown as such; only live ones must stay
    // current.
    let live = age.is_current() && running;
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

/// The warnings about `site.yaml` itself (a sample address such as example.dk), for `build`
/// to repeat in its summary (and refuse with `--strict`); `base_url` overrides the file's.
/// Empty when `site.yaml` cannot be read: the build reports that itself.
pub fn site_warnings(root: &Path, base_url: Option<&str>) -> Vec<Diagnostic> {
    crate::pipeline::load_config(root, base_url)
        .map(|config| example_addresses(root, &config))
        .unwrap_or_default()
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
    fn percent_escapes_decode() {
        assert_eq!(
            crate::text::percent_decode_lossy("min%20graf.svg"),
            "min graf.svg"
        );
        assert_eq!(crate::text::percent_decode_lossy("s%C3%B8g"), "søg");
        assert_eq!(crate::text::percent_decode_lossy("100%"), "100%");
    }
}
