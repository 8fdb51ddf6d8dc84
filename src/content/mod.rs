//! Loading: walks `content/`, sorts each file into its kind by where it lies (initiatives
//! under `indsatser/<plan>/`, updates under `nyheder/`, plain pages under `sider/`, images
//! and files under `billeder/`), and reads the files in parallel. Every problem in every file
//! is collected; nothing is printed here.
//!
//! This file walks and dispatches; `place` tells what a file is by its path (and which names
//! are skipped), `files` reads a file from disk and words what went wrong doing so, `cache`
//! keeps parsed files between `serve`'s rebuilds, `source` reads a file again to place what
//! `check` finds on its lines, and `frontmatter`, `initiative` and `page` parse a file's text.

mod cache;
mod files;
pub mod frontmatter;
pub(crate) mod initiative;
mod nested;
pub(crate) mod offer;
pub(crate) mod page;
mod place;
mod schedule;
mod source;
pub(crate) mod unfinished;
pub(crate) mod write;

pub use cache::Cache;
pub(crate) use files::read_text;
pub(crate) use source::SourceFile;

use crate::config::SiteConfig;
use crate::diagnostics::{self, Diagnostic};
use crate::fields::Source;
use crate::markdown::Markdown;
use crate::model::{Date, Initiative, InitiativeId, Offer, Page, Schedule};
use cache::stamp;
use files::walk_error;
use page::PageKind;
use place::{classify, Placed};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Which files a build publishes, and the day that decides: drafts (`udkast: true`) only
/// when asked for, files whose `udgives` is later than `date` only when asked for (`--fremtid`,
/// and `serve`'s preview), and files whose `udløber` has passed never (a short page keeps
/// their address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
    /// The build date (`clock`).
    pub date: Date,
}

impl Selection {
    /// What a plain `indsats build` publishes on `date`.
    pub fn published(date: Date) -> Selection {
        Selection {
            drafts: false,
            future: false,
            date,
        }
    }

    /// What `serve`'s preview shows on `date`: drafts and scheduled files too, marked.
    pub fn preview(date: Date) -> Selection {
        Selection {
            drafts: true,
            future: true,
            date,
        }
    }

    /// Where a file with `draft` and `schedule` goes.
    fn place(&self, draft: bool, schedule: &Schedule) -> Placement {
        if draft && !self.drafts {
            Placement::Draft
        } else if schedule.is_scheduled(self.date) && !self.future {
            Placement::Scheduled
        } else if schedule.has_expired(self.date) {
            Placement::Expired
        } else {
            Placement::Published
        }
    }
}

enum Placement {
    Published,
    Draft,
    Scheduled,
    Expired,
}

/// A file whose `udløber` has passed: off every list, search, feed, sitemap and the open
/// data, its address kept by a short page that says it has ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Expired {
    Initiative(Box<Initiative>),
    Update(Page),
    Page(Page),
    Offer(Box<Offer>),
}

impl Expired {
    /// The address the file had, and keeps (`indsatser/2020-2021/x/`).
    pub fn path(&self) -> String {
        match self {
            Expired::Initiative(x) => crate::layout::initiative_path(&x.id),
            Expired::Update(p) => crate::layout::update_path(&p.slug),
            Expired::Page(p) => crate::layout::page_path(&p.slug),
            Expired::Offer(o) => crate::layout::offer_path(&o.slug),
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Expired::Initiative(x) => &x.title,
            Expired::Update(p) | Expired::Page(p) => &p.title,
            Expired::Offer(o) => &o.title,
        }
    }

    pub fn source(&self) -> &Path {
        match self {
            Expired::Initiative(x) => &x.source,
            Expired::Update(p) | Expired::Page(p) => &p.source,
            Expired::Offer(o) => &o.source,
        }
    }

    /// Its last day on the site (`udløber`).
    pub fn last_day(&self) -> Option<Date> {
        match self {
            Expired::Initiative(x) => x.schedule.expires,
            Expired::Update(p) | Expired::Page(p) => p.schedule.expires,
            Expired::Offer(o) => o.schedule.expires,
        }
    }
}

/// Everything in `content/`, read and validated (drafts removed unless asked for).
#[derive(Debug, Default)]
pub struct Content {
    pub initiatives: Vec<Initiative>,
    pub updates: Vec<Page>,
    pub pages: Vec<Page>,
    /// The offers a citizen can use (`content/tilbud/`).
    pub offers: Vec<Offer>,
    /// Files copied as they are: (absolute source, path relative to the output folder).
    pub assets: Vec<(PathBuf, PathBuf)>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The initiatives left out as drafts, so that a link to one can say so.
    pub drafts_left_out: Vec<crate::model::InitiativeId>,
    /// How many updates and plain pages were left out as drafts.
    pub draft_pages_left_out: usize,
    /// How many files were left out because their `udgives` is later than the build date.
    pub scheduled_left_out: usize,
    /// The address and file of each of those: they claim their address already, so that a
    /// clash is found today and not on their day, when a nightly build would stop on it.
    pub scheduled_claims: Vec<(String, PathBuf)>,
    /// Initiatives not on the site today though nothing is wrong with them (scheduled for
    /// later, or expired), so that a `fortsætter` to one is passed over, not called dangling.
    pub not_today: Vec<InitiativeId>,
    /// Files whose `udløber` has passed.
    pub expired: Vec<Expired>,
    /// The initiatives left out because their files have errors (only from `load_all`), so
    /// that a link to one is not called a link to nothing.
    pub unreadable: Vec<crate::model::InitiativeId>,
}
/// Loads `root/content`, re-reading only the files that changed since they went into `cache`,
/// without giving up on the first bad file: the content of every file that reads without
/// errors, and the errors of the others (sorted). `check` goes on with the files that parse,
/// so that one round shows every problem; a build stops when there is any.
pub(crate) fn load_all(
    root: &Path,
    config: &SiteConfig,
    md: &Markdown,
    selection: Selection,
    cache: Option<&Cache>,
) -> (Content, Vec<Diagnostic>) {
    let content_dir = root.join(crate::layout::CONTENT);
    let mut problems = Vec::new();
    let mut files = Vec::new();
    if !content_dir.is_dir() {
        let missing = Diagnostic::error("content", "mappen content/ findes ikke").hint("opret mappen content/ ved siden af site.yaml, med undermapperne indsatser/, nyheder/ og sider/");
        return (Content::default(), vec![missing]);
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
    for (path, (outcome, diags)) in files.iter().zip(results) {
        let mut failed = false;
        for d in diags {
            if d.is_error() {
                failed = true;
                problems.push(d)
            } else {
                content.warnings.push(d)
            }
        }
        if failed {
            if let Ok(Placed::Initiative(plan, slug)) = classify(&relative(root, path), path) {
                content
                    .unreadable
                    .push(crate::model::InitiativeId { plan, slug });
            }
            continue;
        }
        content.add(outcome, selection);
    }
    diagnostics::sort(&mut content.warnings);
    diagnostics::sort(&mut problems);
    (content, problems)
}

impl Content {
    /// Puts one file's outcome where `selection` says it goes.
    fn add(&mut self, outcome: Outcome, selection: Selection) {
        match outcome {
            Outcome::Initiative(i) => match selection.place(i.draft, &i.schedule) {
                Placement::Published => self.initiatives.push(*i),
                Placement::Draft => self.drafts_left_out.push(i.id),
                Placement::Scheduled => {
                    self.scheduled_left_out += 1;
                    let path = crate::layout::initiative_path(&i.id);
                    self.scheduled_claims.push((path, i.source.clone()));
                    self.not_today.push(i.id);
                }
                Placement::Expired => {
                    self.not_today.push(i.id.clone());
                    self.expired.push(Expired::Initiative(i));
                }
            },
            Outcome::Page(kind, p) => match selection.place(p.draft, &p.schedule) {
                Placement::Published if kind == PageKind::Update => self.updates.push(p),
                Placement::Published => self.pages.push(p),
                Placement::Draft => self.draft_pages_left_out += 1,
                Placement::Scheduled => {
                    self.scheduled_left_out += 1;
                    let path = match kind {
                        PageKind::Update => crate::layout::update_path(&p.slug),
                        PageKind::Plain => crate::layout::page_path(&p.slug),
                    };
                    self.scheduled_claims.push((path, p.source));
                }
                Placement::Expired if kind == PageKind::Update => {
                    self.expired.push(Expired::Update(p))
                }
                Placement::Expired => self.expired.push(Expired::Page(p)),
            },
            Outcome::Offer(o) => match selection.place(o.draft, &o.schedule) {
                Placement::Published => self.offers.push(*o),
                Placement::Draft => self.draft_pages_left_out += 1,
                Placement::Scheduled => self.scheduled_left_out += 1,
                Placement::Expired => self.expired.push(Expired::Offer(o)),
            },
            Outcome::Asset(src, dst) => self.assets.push((src, dst)),
            Outcome::Nothing => {}
        }
    }
}

/// The page a content file (`content/…`, relative to the root) becomes, whether or not it
/// reads without errors: `indsatser/2020-2021/mental-balance/`. `None` for files that are
/// not pages.
pub(crate) fn page_path_of(rel: &Path) -> Option<String> {
    match classify(rel, Path::new("")).ok()? {
        Placed::Initiative(plan, slug) => Some(crate::layout::initiative_path(
            &crate::model::InitiativeId { plan, slug },
        )),
        Placed::Page(PageKind::Update, slug) => Some(crate::layout::update_path(&slug)),
        Placed::Page(PageKind::Plain, slug) => Some(crate::layout::page_path(&slug)),
        Placed::Offer(slug) => Some(crate::layout::offer_path(&slug)),
        Placed::Asset | Placed::Skip => None,
    }
}

/// Re-reads one initiative's file (`path`, absolute) and puts it in `cache`. `None` unless it
/// is still an initiative with no errors; then a full `load_cached` tells what is wrong.
pub(crate) fn reload_initiative(
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
#[derive(Clone)]
enum Outcome {
    Initiative(Box<Initiative>),
    Page(PageKind, Page),
    Offer(Box<Offer>),
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
    match entry {
        Placed::Skip => return (Outcome::Nothing, Vec::new()),
        Placed::Asset => {
            let out = rel
                .strip_prefix(crate::layout::CONTENT)
                .unwrap_or(&rel)
                .to_path_buf();
            return (Outcome::Asset(path.to_path_buf(), out), Vec::new());
        }
        Placed::Initiative(..) | Placed::Page(..) | Placed::Offer(_) => {}
    }
    let text = match read_text(path, &rel) {
        Ok(t) => t,
        Err(d) => return (Outcome::Nothing, vec![*d]),
    };
    parse_text(&rel, &text, entry, config, md)
}

/// Parses the text of one content file (`rel` says where it lies) and returns its problems,
/// without touching the disk: the front-matter and body stages on their own, for fuzzing.
/// Files that are not content (images, files `build` skips) give no problems.
pub fn parse_source(rel: &Path, text: &str, config: &SiteConfig, md: &Markdown) -> Vec<Diagnostic> {
    // No folder on disk: name suggestions are made without looking at neighbouring files.
    match classify(rel, Path::new("")) {
        Ok(Placed::Asset | Placed::Skip) => Vec::new(),
        Ok(entry) => parse_text(rel, text, entry, config, md).1,
        Err(d) => vec![d],
    }
}

fn parse_text(
    rel: &Path,
    text: &str,
    entry: Placed,
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
            let d = Diagnostic::error(rel, e.message_in_file(split.yaml_offset)).at(
                text,
                e.line + split.yaml_offset,
                e.column,
            );
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
    match entry {
        Placed::Initiative(plan, slug) => {
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
        Placed::Page(kind, slug) => {
            let (p, d) = page::read(src, slug, split.body, value, kind, md);
            (p.map_or(Outcome::Nothing, |p| Outcome::Page(kind, p)), d)
        }
        Placed::Offer(slug) => {
            let (o, d) = offer::read(src, slug, split.body, value, config, md);
            (
                o.map_or(Outcome::Nothing, |o| Outcome::Offer(Box::new(o))),
                d,
            )
        }
        Placed::Asset | Placed::Skip => (Outcome::Nothing, Vec::new()),
    }
}
