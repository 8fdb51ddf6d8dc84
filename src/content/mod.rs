//! Loading: walks `content/`, sorts each file into its kind by where it lies (initiatives
//! under `indsatser/<plan>/`, updates under `nyheder/`, plain pages under `sider/`, images
//! and files under `billeder/`), and reads the files in parallel. Every problem in every file
//! is collected; nothing is printed here.

pub mod frontmatter;
pub mod initiative;
pub mod page;

use crate::config::SiteConfig;
use crate::diagnostics::{self, Diagnostic};
use crate::fields::Source;
use crate::markdown::Markdown;
use crate::model::{Initiative, Page, Plan};
use page::PageKind;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Everything in `content/`, read and validated (drafts removed unless asked for).
#[derive(Debug, Default)]
pub struct Content {
    pub initiatives: Vec<Initiative>,
    pub updates: Vec<Page>,
    pub pages: Vec<Page>,
    /// Files copied as they are: (absolute source, path relative to the output folder).
    pub assets: Vec<(PathBuf, PathBuf)>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The initiatives left out as drafts, so that a link to one can say so.
    pub drafts_left_out: Vec<crate::model::InitiativeId>,
}

/// What a file in `content/` is, by where it lies.
enum Entry {
    Initiative(Plan, String),
    Page(PageKind, String),
    Asset,
    Skip,
}

/// Parsed files kept between builds (by `serve`), so that a rebuild re-reads only the files
/// whose size or modification time changed. Results depend on `site.yaml`, so the cache
/// remembers which `site.yaml` text it was filled under and empties itself when that changes.
#[derive(Default)]
pub struct Cache {
    inner: std::sync::Mutex<CacheInner>,
}

#[derive(Default)]
struct CacheInner {
    config_text: String,
    files: std::collections::HashMap<PathBuf, (Stamp, Outcome, Vec<Diagnostic>)>,
}

type Stamp = (Option<std::time::SystemTime>, u64);

impl Cache {
    /// Drops every entry unless they were made under the same `site.yaml` text.
    pub fn prepare(&self, config_text: &str) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.config_text != config_text {
            inner.files.clear();
            inner.config_text = config_text.to_string();
        }
    }

    /// How many files the cache holds.
    pub fn len(&self) -> usize {
        self.inner.lock().map_or(0, |i| i.files.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, path: &Path, stamp: Stamp) -> Option<(Outcome, Vec<Diagnostic>)> {
        let inner = self.inner.lock().ok()?;
        inner
            .files
            .get(path)
            .filter(|(s, _, _)| *s == stamp)
            .map(|(_, o, d)| (o.clone(), d.clone()))
    }

    fn put(&self, path: PathBuf, stamp: Stamp, outcome: Outcome, diags: Vec<Diagnostic>) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.files.insert(path, (stamp, outcome, diags));
        }
    }

    fn retain(&self, existing: &[PathBuf]) {
        if let Ok(mut inner) = self.inner.lock() {
            let keep: std::collections::HashSet<&PathBuf> = existing.iter().collect();
            inner.files.retain(|p, _| keep.contains(p));
        }
    }
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok(), m.len()))
}

/// Loads `root/content`. Returns every error found, sorted, if there is at least one.
pub fn load(
    root: &Path,
    config: &SiteConfig,
    md: &Markdown,
    drafts: bool,
) -> Result<Content, Vec<Diagnostic>> {
    load_cached(root, config, md, drafts, None)
}

/// As `load`, re-reading only the files that changed since they went into `cache`.
pub fn load_cached(
    root: &Path,
    config: &SiteConfig,
    md: &Markdown,
    drafts: bool,
    cache: Option<&Cache>,
) -> Result<Content, Vec<Diagnostic>> {
    let content_dir = root.join("content");
    let mut problems = Vec::new();
    let mut files = Vec::new();
    if !content_dir.is_dir() {
        return Err(vec![Diagnostic::error("content", "mappen content/ findes ikke").hint("opret mappen content/ ved siden af site.yaml, med undermapperne indsatser/, nyheder/ og sider/")]);
    }
    // Links (symlinks) are followed, so a linked folder is read as if it were here.
    let walk = walkdir::WalkDir::new(&content_dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => files.push(e.into_path()),
            Err(err) => problems.push(walk_error(root, &err)),
        }
    }
    let results: Vec<(Outcome, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| {
            let Some(cache) = cache else {
                return read_file(root, path, config, md);
            };
            let Some(st) = stamp(path) else {
                return read_file(root, path, config, md);
            };
            if let Some(hit) = cache.get(path, st) {
                return hit;
            }
            let (outcome, diags) = read_file(root, path, config, md);
            cache.put(path.clone(), st, outcome.clone(), diags.clone());
            (outcome, diags)
        })
        .collect();
    if let Some(cache) = cache {
        cache.retain(&files);
    }

    let mut content = Content::default();
    for (outcome, diags) in results {
        for d in diags {
            if d.is_error() {
                problems.push(d)
            } else {
                content.warnings.push(d)
            }
        }
        match outcome {
            Outcome::Initiative(i) if drafts || !i.draft => content.initiatives.push(*i),
            Outcome::Initiative(i) => content.drafts_left_out.push(i.id),
            Outcome::Page(PageKind::Update, p) if drafts || !p.draft => content.updates.push(p),
            Outcome::Page(PageKind::Plain, p) if drafts || !p.draft => content.pages.push(p),
            Outcome::Asset(src, dst) => content.assets.push((src, dst)),
            _ => {}
        }
    }
    if problems.is_empty() {
        diagnostics::sort(&mut content.warnings);
        Ok(content)
    } else {
        diagnostics::sort(&mut problems);
        Err(problems)
    }
}

/// Re-reads one initiative's file (`path`, absolute) and puts it in `cache`. `None` unless it
/// is still an initiative with no errors; then a full `load_cached` tells what is wrong.
pub fn reload_initiative(
    root: &Path,
    path: &Path,
    config: &SiteConfig,
    md: &Markdown,
    cache: &Cache,
) -> Option<Initiative> {
    let st = stamp(path)?;
    let (outcome, diags) = match cache.get(path, st) {
        Some(hit) => hit,
        None => {
            let (outcome, diags) = read_file(root, path, config, md);
            cache.put(path.to_path_buf(), st, outcome.clone(), diags.clone());
            (outcome, diags)
        }
    };
    match outcome {
        Outcome::Initiative(i) if !diags.iter().any(Diagnostic::is_error) => Some(*i),
        _ => None,
    }
}

/// Why a folder or file under `content/` could not be walked into, in the editor's words.
fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err.path().unwrap_or(Path::new("content"));
    let rel = relative(root, path);
    if err.loop_ancestor().is_some() {
        return Diagnostic::error(
            rel,
            "mappen er en genvej (symlink), der peger tilbage på en mappe over den",
        )
        .hint("slet genvejen, eller lad den pege på en mappe uden for content/");
    }
    match broken_link(path) {
        Some(BrokenLink::Loop) => {
            Diagnostic::error(rel, "filen er en genvej (symlink), der peger i ring")
                .hint("slet genvejen, eller lad den pege på en rigtig fil")
        }
        Some(BrokenLink::Dangling) => Diagnostic::error(
            rel,
            "filen er en genvej (symlink) til noget, der ikke findes",
        )
        .hint("slet genvejen, eller lad den pege på en fil, der findes"),
        None => {
            let reason = err.io_error().map_or("læsefejl", io_reason);
            Diagnostic::error(
                rel,
                format!("mappen eller filen kunne ikke læses ({reason})"),
            )
            .hint("tjek at filen findes og at du har adgang til den")
        }
    }
}

enum BrokenLink {
    Loop,
    Dangling,
}

/// Follows a chain of symlinks by hand to tell a ring of links from a link to nothing.
fn broken_link(path: &Path) -> Option<BrokenLink> {
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link(path) || std::fs::metadata(path).is_ok() {
        return None;
    }
    let mut seen = Vec::new();
    let mut at = path.to_path_buf();
    while is_link(&at) {
        if seen.contains(&at) || seen.len() > 64 {
            return Some(BrokenLink::Loop);
        }
        seen.push(at.clone());
        let target = std::fs::read_link(&at).ok()?;
        at = at.parent().unwrap_or(Path::new("")).join(target);
    }
    Some(BrokenLink::Dangling)
}

#[derive(Clone)]
enum Outcome {
    Initiative(Box<Initiative>),
    Page(PageKind, Page),
    Asset(PathBuf, PathBuf),
    Nothing,
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn read_file(
    root: &Path,
    path: &Path,
    config: &SiteConfig,
    md: &Markdown,
) -> (Outcome, Vec<Diagnostic>) {
    let rel = relative(root, path);
    let entry = match classify(&rel, path) {
        Ok(e) => e,
        Err(d) => return (Outcome::Nothing, vec![d]),
    };
    let (plan_slug, kind_slug) = match entry {
        Entry::Skip => return (Outcome::Nothing, Vec::new()),
        Entry::Asset => {
            let out = rel.strip_prefix("content").unwrap_or(&rel).to_path_buf();
            return (Outcome::Asset(path.to_path_buf(), out), Vec::new());
        }
        Entry::Initiative(plan, slug) => (Some((plan, slug)), None),
        Entry::Page(kind, slug) => (None, Some((kind, slug))),
    };
    let text = match read_text(path, &rel) {
        Ok(t) => t,
        Err(d) => return (Outcome::Nothing, vec![*d]),
    };
    parse_text(&rel, &text, plan_slug, kind_slug, config, md)
}

/// Parses the text of one content file (`rel` says where it lies) and returns its problems,
/// without touching the disk: the front-matter and body stages on their own, for fuzzing.
/// Files that are not content (images, files `build` skips) give no problems.
pub fn parse_source(rel: &Path, text: &str, config: &SiteConfig, md: &Markdown) -> Vec<Diagnostic> {
    // No folder on disk: name suggestions are made without looking at neighbouring files.
    let (plan_slug, kind_slug) = match classify(rel, Path::new("")) {
        Ok(Entry::Initiative(plan, slug)) => (Some((plan, slug)), None),
        Ok(Entry::Page(kind, slug)) => (None, Some((kind, slug))),
        Ok(Entry::Asset | Entry::Skip) => return Vec::new(),
        Err(d) => return vec![d],
    };
    parse_text(rel, text, plan_slug, kind_slug, config, md).1
}

fn parse_text(
    rel: &Path,
    text: &str,
    plan_slug: Option<(Plan, String)>,
    kind_slug: Option<(PageKind, String)>,
    config: &SiteConfig,
    md: &Markdown,
) -> (Outcome, Vec<Diagnostic>) {
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(e) => {
            let d = Diagnostic::error(rel, e.message)
                .at(text, e.line, 1)
                .hint(e.hint);
            return (Outcome::Nothing, vec![d]);
        }
    };
    let value = match crate::yaml::parse(split.yaml) {
        Ok(v) => v,
        Err(e) => {
            let d =
                Diagnostic::error(rel, e.message).at(text, e.line + split.yaml_offset, e.column);
            return (
                Outcome::Nothing,
                vec![match e.hint {
                    Some(h) => d.hint(h),
                    None => d,
                }],
            );
        }
    };
    let src = Source {
        file: rel,
        text,
        yaml: split.yaml,
        line_offset: split.yaml_offset,
    };
    match (plan_slug, kind_slug) {
        (Some((plan, slug)), _) => {
            let info = initiative::FileInfo {
                src,
                plan,
                slug,
                body: split.body,
            };
            let (i, d) = initiative::read(info, value, config, md);
            (
                i.map_or(Outcome::Nothing, |i| Outcome::Initiative(Box::new(i))),
                d,
            )
        }
        (_, Some((kind, slug))) => {
            let (p, d) = page::read(src, slug, split.body, value, kind, md);
            (p.map_or(Outcome::Nothing, |p| Outcome::Page(kind, p)), d)
        }
        _ => (Outcome::Nothing, Vec::new()),
    }
}

/// Reads a file as UTF-8 text without a BOM and with `\n` line ends.
pub(crate) fn read_text(path: &Path, rel: &Path) -> Result<String, Box<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(
            Diagnostic::error(rel, format!("filen kunne ikke læses ({})", io_reason(&e)))
                .hint("tjek at filen findes og at du har adgang til den"),
        )
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(if s.contains('\r') {
            s.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            s.to_string()
        }),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = valid
                .rsplit(|&b| b == b'\n')
                .next()
                .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
                + 1;
            let lossy = String::from_utf8_lossy(bytes);
            Err(Box::new(
                Diagnostic::error(
                    rel,
                    "filen indeholder tegn, der ikke er UTF-8 (fx fra et gammelt tekstprogram)",
                )
                .at(&lossy, line, col)
                .hint("gem filen igen som UTF-8, og skriv æ, ø og å om, hvis de ser forkerte ud"),
            ))
        }
    }
}

fn io_reason(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "den findes ikke længere",
        std::io::ErrorKind::PermissionDenied => "ingen adgang",
        _ => "læsefejl",
    }
}

/// Decides what a file is from its path relative to the root (`content/…`).
fn classify(rel: &Path, path: &Path) -> Result<Entry, Diagnostic> {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let name = parts.last().map(String::as_str).unwrap_or("");
    if parts.iter().any(|p| p.starts_with('.')) || is_editor_temp(name) {
        return Ok(Entry::Skip);
    }
    let parts: Vec<&str> = parts.iter().skip(1).map(String::as_str).collect();
    // content/README.md holds the editors' own notes on the content; it is not a page.
    if parts.len() == 1 && name.eq_ignore_ascii_case("README.md") {
        return Ok(Entry::Skip);
    }
    if parts.first() == Some(&"billeder") {
        return Ok(Entry::Asset);
    }
    let Some(stem) = name.strip_suffix(".md") else {
        return Err(
            Diagnostic::warning(rel, "filen er ikke en .md-fil og bliver ikke brugt")
                .hint("læg billeder og andre filer i content/billeder/"),
        );
    };
    let slug = check_slug(rel, path, stem, parts.first() == Some(&"sider"))?;
    match parts.as_slice() {
        ["indsatser", plan, _] => match Plan::parse(plan) {
            Some(p) => Ok(Entry::Initiative(p, slug)),
            None => Err(Diagnostic::error(rel, format!("mappen \"{plan}\" er ikke en planperiode")).hint("planmapper hedder første år-sidste år, fx content/indsatser/2020-2021/")),
        },
        ["nyheder", _] => Ok(Entry::Page(PageKind::Update, strip_date(&slug).to_string())),
        ["sider", _] => Ok(Entry::Page(PageKind::Plain, slug)),
        _ => Err(Diagnostic::error(rel, "filen ligger i en mappe, indsats ikke kender").hint("læg indsatser i content/indsatser/<planperiode>/, nyheder i content/nyheder/ og sider i content/sider/")),
    }
}

fn check_slug(rel: &Path, path: &Path, stem: &str, page: bool) -> Result<String, Diagnostic> {
    if crate::slug::is_slug(stem) {
        return Ok(stem.to_string());
    }
    let suggestion = crate::slug::slugify(stem);
    // The folded name may be taken already (røgfri.md next to roegfri.md), or be an address
    // the portal uses itself (søg.md → /soeg/): then suggest one that is free.
    let siblings: Vec<String> = path
        .parent()
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let taken = |name: &str| siblings.iter().any(|s| s == &format!("{name}.md"));
    let hint = if suggestion.is_empty() {
        "giv filen et navn med små bogstaver a-z, tal og bindestreg, fx mental-balance.md"
            .to_string()
    } else if page && crate::layout::RESERVED.contains(&suggestion.as_str()) {
        format!("omdøb filen til om-{suggestion}.md (/{suggestion}/ bruges af portalen selv)")
    } else if taken(&suggestion) {
        let free = (2..)
            .map(|n| format!("{suggestion}-{n}"))
            .find(|name| !taken(name))
            .unwrap_or_default();
        format!("omdøb filen til {free}.md ({suggestion}.md findes allerede)")
    } else {
        format!("omdøb filen til {suggestion}.md")
    };
    Err(Diagnostic::error(
        rel,
        format!("filnavnet \"{stem}.md\" kan ikke bruges i en webadresse"),
    )
    .hint(hint))
}

/// `2021-04-27-roegfri-arbejdstid` → `roegfri-arbejdstid`: the date is in `dato`, not the URL.
fn strip_date(stem: &str) -> &str {
    match stem.get(..11) {
        Some(prefix)
            if prefix.ends_with('-')
                && crate::model::Date::parse(&prefix[..10]).is_some()
                && stem.len() > 11 =>
        {
            &stem[11..]
        }
        _ => stem,
    }
}

/// Files editors' programs leave while saving: `x.md~`, `.x.md.swp`, `4913`, `.#x.md`,
/// JetBrains' `x.md___jb_tmp___`, Emacs' `#x.md#`.
pub(crate) fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
        || name.starts_with(".#")
        || name.ends_with(".tmp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
}
