//! Links and images written in content bodies, and whether each leads to a file the build
//! makes. `check` reports what leads nowhere as errors, against the pages it rendered in
//! memory; `build` as warnings, against the files it has just written to its staging folder
//! (and `build --strict` refuses to publish them). External URLs are never fetched: both work
//! offline.

use crate::content::SourceFile;
use crate::diagnostics::{Diagnostic, Severity};
use crate::fields::closest;
use crate::layout;
use crate::markdown::{Markdown, Reference};
use crate::model::Initiative;
use crate::site::Site;
use crate::site_files::SiteFiles;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What a path under the site's base is made as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    /// An HTML page, whose ids a `#fragment` can be checked against.
    Page,
    /// Any other file (an image, the feed, a design file).
    File,
}

/// The files of one built site, for resolving links against.
pub trait Targets {
    /// What the output file `path` (`tema/tobak/index.html`, `billeder/a.png`) is, if made.
    fn made(&self, path: &str) -> Option<Made>;
    /// Whether the page at `path` has an element with the id `id`.
    fn has_id(&self, path: &str, id: &str) -> bool;
    /// Every page's folder (`tema/tobak/`), sorted, for suggesting the closest one.
    fn page_folders(&self) -> &[String];
    /// Whether the page at `path` only says that its content has ended (`udløber`).
    fn ended(&self, _path: &str) -> bool {
        false
    }
}

/// The folders of the pages among `files` (`tema/tobak/index.html` → `tema/tobak/`), sorted.
pub(crate) fn folders_of<'a>(files: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut folders: Vec<String> = files
        .filter_map(|f| f.strip_suffix("index.html"))
        .map(str::to_string)
        .collect();
    folders.sort();
    folders
}

/// A content file that renders to one page.
pub(crate) struct Document<'a> {
    pub(crate) source: &'a Path,
    /// The page's path under the site's base, e.g. `indsatser/2020-2021/mental-balance/`.
    pub(crate) url: String,
    pub(crate) initiative: Option<&'a Initiative>,
    body_html: &'a str,
}

/// Every initiative, update and plain page of the site, in that order.
pub(crate) fn documents(site: &Site) -> Vec<Document<'_>> {
    let initiatives = site.initiatives.iter().map(|i| Document {
        source: &i.source,
        url: layout::initiative_path(&i.id),
        initiative: Some(i),
        body_html: &i.body_html,
    });
    let updates = site.updates.iter().map(|p| Document {
        source: &p.source,
        url: layout::update_path(&p.slug),
        initiative: None,
        body_html: &p.body_html,
    });
    let pages = site.pages.iter().map(|p| Document {
        source: &p.source,
        url: layout::page_path(&p.slug),
        initiative: None,
        body_html: &p.body_html,
    });
    initiatives.chain(updates).chain(pages).collect()
}

/// The build's check: every body's links and images against the written files, as warnings.
/// Only bodies whose HTML holds a link or an image are read again and parsed, so a site with
/// few links pays next to nothing.
pub fn warnings(root: &Path, site: &Site, targets: &(dyn Targets + Sync)) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let base_path = &site.config.base_url.path;
    let md = Markdown::new(false, base_path);
    let linked: Vec<Document> = documents(site)
        .into_iter()
        .filter(|d| d.body_html.contains("<a ") || d.body_html.contains("<img "))
        .collect();
    let targets = WithEnded::new(site, targets);
    let mut found: Vec<Diagnostic> = linked
        .par_iter()
        .flat_map_iter(|doc| match SourceFile::read(root, doc.source) {
            Some(file) => check_body(&file, &md, base_path, &doc.url, &targets),
            None => Vec::new(),
        })
        .collect();
    for d in &mut found {
        d.severity = Severity::Warning;
    }
    found
}

/// `targets`, knowing too which pages only say that their content has ended (the site's
/// expired files), so that a link to one is a warning for `build` and `check` alike.
pub(crate) struct WithEnded<'t> {
    targets: &'t (dyn Targets + Sync),
    ended: HashSet<String>,
}

impl<'t> WithEnded<'t> {
    pub(crate) fn new(site: &Site, targets: &'t (dyn Targets + Sync)) -> WithEnded<'t> {
        WithEnded {
            targets,
            ended: site
                .expired
                .iter()
                .map(|e| format!("{}{}", e.path(), layout::INDEX))
                .collect(),
        }
    }
}

impl Targets for WithEnded<'_> {
    fn made(&self, path: &str) -> Option<Made> {
        self.targets.made(path)
    }

    fn has_id(&self, path: &str, id: &str) -> bool {
        self.targets.has_id(path, id)
    }

    fn page_folders(&self) -> &[String] {
        self.targets.page_folders()
    }

    fn ended(&self, path: &str) -> bool {
        self.ended.contains(path)
    }
}

/// Every problem with the links and images in one file's body, as errors.
pub(crate) fn check_body(
    file: &SourceFile,
    md: &Markdown,
    base_path: &str,
    page_url: &str,
    targets: &dyn Targets,
) -> Vec<Diagnostic> {
    md.references(file.body())
        .iter()
        .filter_map(|r| check_reference(file, r, page_url, base_path, targets))
        .collect()
}

/// Checks one link or image.
fn check_reference(
    file: &SourceFile,
    r: &Reference,
    page_url: &str,
    base_path: &str,
    targets: &dyn Targets,
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
            .strip_prefix(base_path)
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
    let Some((served, made)) = lookup(targets, &target) else {
        let (message, hint) = if r.image {
            (
                format!("billedet findes ikke: {url}"),
                "læg billedet i mappen content/billeder/ og skriv adressen som /billeder/filnavn.jpg".to_string(),
            )
        } else {
            let wanted = target.trim_end_matches('/');
            let folders = targets.page_folders();
            let suggestion = closest(wanted, folders.iter().map(|p| p.trim_end_matches('/')));
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
    if targets.ended(&served) {
        return Some(place(
            Diagnostic::warning(&file.rel, format!("linket fører til en side, der er udløbet: {url}"))
                .hint("siden siger nu kun, at indholdet er slut; fjern linket, eller link til det, der gælder i dag"),
        ));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    if made != Made::Page || targets.has_id(&served, fragment) {
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

/// The file a path (relative to the base, no query or fragment) is served from, as a web
/// host serves it: a folder's `index.html`, or the file itself.
fn lookup(targets: &dyn Targets, path: &str) -> Option<(String, Made)> {
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    };
    candidates
        .into_iter()
        .find_map(|c| targets.made(&c).map(|m| (c, m)))
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

/// Whether `html` has an element with the id `id` (as the templates and Markdown write ids).
pub(crate) fn has_id(html: &[u8], id: &str) -> bool {
    let needle = format!(" id=\"{id}\"");
    html.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// The files a build has planned, written under `dir` (its staging folder).
pub struct Written {
    files: HashSet<String>,
    dir: PathBuf,
    /// Worked out when the first link leads nowhere.
    folders: OnceLock<Vec<String>>,
}

impl Written {
    pub fn new(plan: &SiteFiles, dir: &Path) -> Written {
        let mut files: HashSet<String> = plan.paths().map(str::to_string).collect();
        // The search bundle's files are named as they are made; its entry point is known.
        files.insert(format!("{}/index.json", layout::SEARCH));
        Written {
            files,
            dir: dir.to_path_buf(),
            folders: OnceLock::new(),
        }
    }
}

impl Targets for Written {
    fn made(&self, path: &str) -> Option<Made> {
        self.files.contains(path).then(|| made_as(path))
    }

    fn has_id(&self, path: &str, id: &str) -> bool {
        // A page the build has just written; if it cannot be read, the fragment is not judged.
        std::fs::read(self.dir.join(path)).map_or(true, |html| has_id(&html, id))
    }

    fn page_folders(&self) -> &[String] {
        self.folders.get_or_init(|| folders_of(self.files.iter()))
    }
}

/// Pages are HTML files; every other file is taken as it is.
pub(crate) fn made_as(path: &str) -> Made {
    if path.ends_with(".html") {
        Made::Page
    } else {
        Made::File
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn ids_are_found_as_attributes_only() {
        assert!(has_id(b"<h2 id=\"status\">Status</h2>", "status"));
        assert!(!has_id(b"<h2 id=\"status-2\">", "status"));
        assert!(!has_id(b"<p>id=\"status\"</p>", "status"));
    }
}
