//! indsats: a static-site generator for public health-plan portals.
//!
//! The pipeline, one module per stage, data flowing one way:
//! `config` (site.yaml) → `content` (load + parse + validate files) → `site` (the graph) →
//! `render` (templates → files in memory) → `output` (staging folder, atomic swap).
//! The library returns values and diagnostics; only `main.rs` prints.

// Diagnostics travel in `Err` on the cold path; boxing them everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod alphabet;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod fields;
pub mod import;
pub mod incremental;
pub mod links;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod yaml;

use diagnostics::Diagnostic;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to build, and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder (holding `site.yaml`, `content/`, `themes/`).
    pub root: PathBuf,
    /// Where the site goes; `public/` under the root by default.
    pub out: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Include files marked `udkast: true`.
    pub drafts: bool,
    /// Counts the pages as they are written, for a progress bar.
    pub progress: Option<Arc<Progress>>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            out: root.join("public"),
            root,
            base_url: None,
            drafts: false,
            progress: None,
        }
    }
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub initiatives: usize,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// Each phase in order: its name, wall time, and the resident memory at its end (KiB,
    /// where the system tells).
    pub phases: Vec<(&'static str, Duration, Option<u64>)>,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files, every one found, sorted by file and line.
    Content(Vec<Diagnostic>),
    /// The output could not be written (refused folder, disk error).
    Output(output::OutputError),
}

/// A site built in memory, not yet written.
pub struct Built {
    pub site: site::Site,
    pub rendered: render::Rendered,
    pub warnings: Vec<Diagnostic>,
}

/// Loads, validates and renders the site under `root` without touching the disk's output.
pub fn build_in_memory(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<Built, Vec<Diagnostic>> {
    let mut built = build_pages_in_memory(root, base_url, drafts)?;
    let index = search_index(&built.site);
    built.rendered.files.extend(index);
    built.rendered.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(built)
}

/// The search index's files for a built site (`search/…`).
pub fn search_index(site: &site::Site) -> Vec<render::OutFile> {
    let records = search::records(&render::views::Views::new(site));
    search::build_once_files(&records)
}

/// The index thread stopped without an index (a bug: building it cannot fail on content).
fn index_failed() -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        "content",
        "søgeindekset kunne ikke bygges (en intern fejl i indsats; prøv igen, og meld fejlen, hvis den kommer igen)",
    )]
}

/// As `build_in_memory`, but without the search index (see `search_index`): the pages only,
/// for `check`, which does not need the index. (`serve` keeps its site between rebuilds with
/// `incremental::Incremental`.)
pub fn build_pages_in_memory(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<Built, Vec<Diagnostic>> {
    let prepared = prepare(root, base_url, drafts, None, &mut Phases::default())?;
    let rendered = render::render(&prepared.site, &prepared.templates)?;
    Ok(Built {
        site: prepared.site,
        rendered,
        warnings: prepared.warnings,
    })
}

/// A site loaded, validated and linked, with its compiled templates: all but the rendering.
struct Prepared {
    site: site::Site,
    templates: render::Templates,
    warnings: Vec<Diagnostic>,
}

pub(crate) fn prepare(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    cache: Option<&content::Cache>,
    phases: &mut Phases,
) -> Result<Prepared, Vec<Diagnostic>> {
    phases.since = Some(Instant::now());
    let (config, config_text) = load_config_text(root, base_url)?;
    if let Some(cache) = cache {
        // The key is the very text the configuration was parsed from, so a save of site.yaml
        // between two reads can never pair parsed files with another configuration.
        cache.prepare(&format!("{config_text}\n{base_url:?}\n{drafts}"));
    }
    let templates = render::Templates::load(root, &config.design);
    let md = markdown::Markdown::new(config.allow_html, &config.base_url.path);
    let content = content::load_cached(root, &config, &md, drafts, cache);
    let (templates, content) = match (templates, content) {
        (Ok(t), Ok(c)) => (t, c),
        (t, c) => {
            let mut all = t.err().unwrap_or_default();
            all.extend(c.err().unwrap_or_default());
            diagnostics::sort(&mut all);
            return Err(all);
        }
    };
    let mut warnings = content.warnings.clone();
    if config.accessibility_statement.is_none()
        && !content.pages.iter().any(|p| p.slug == "tilgaengelighed")
    {
        warnings.push(
            Diagnostic::warning("site.yaml", "siden har ingen tilgængelighedserklæring: sidefodens link og /was/ fører ingen steder hen")
                .hint("skriv adressen på erklæringen i site.yaml (tilgængelighedserklæring: https://…), eller opret content/sider/tilgaengelighed.md"),
        );
    }
    phases.mark("load");
    let site = site::Site::build(config, content)?;
    phases.mark("graph");
    Ok(Prepared {
        site,
        templates,
        warnings,
    })
}

/// Reads and validates `site.yaml`.
pub fn load_config(
    root: &Path,
    base_url: Option<&str>,
) -> Result<config::SiteConfig, Vec<Diagnostic>> {
    load_config_text(root, base_url).map(|(c, _)| c)
}

/// Reads and validates `site.yaml`, returning the text it was parsed from too.
fn load_config_text(
    root: &Path,
    base_url: Option<&str>,
) -> Result<(config::SiteConfig, String), Vec<Diagnostic>> {
    let path = root.join("site.yaml");
    let text = std::fs::read_to_string(&path).map_err(|_| {
        vec![
            Diagnostic::error("site.yaml", "site.yaml findes ikke eller kan ikke læses").hint(
                format!(
                    "kør indsats i sidens mappe, eller angiv den med --root (søgte i {})",
                    root.display()
                ),
            ),
        ]
    })?;
    let text = text.trim_start_matches('\u{feff}').to_string();
    let config = config::parse(Path::new("site.yaml"), &text, base_url)?;
    Ok((config, text))
}

/// Builds the site into a staging folder beside the output, which takes the output's place
/// in one step only when all of it is written. On any error the old output stays as it was.
///
/// Pages stream from the renderer to the disk (a page per thread is held, not the site); the
/// search index needs the site's text, not its pages, so it is built in a thread of its own
/// meanwhile. `progress`, when given, counts the pages written (for a progress bar).
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut phases = Phases::default();
    output::check_target(&opts.root, &opts.out).map_err(BuildError::Output)?;
    let prepared = prepare(
        &opts.root,
        opts.base_url.as_deref(),
        opts.drafts,
        None,
        &mut phases,
    )
    .map_err(BuildError::Content)?;
    let site = &prepared.site;
    let statics = prepared.templates.statics();
    let mut staging = output::Staging::create(&opts.out).map_err(BuildError::Output)?;
    let jobs = render::jobs(site);
    staging
        .reserve(
            jobs.iter()
                .map(|j| j.output(site))
                .chain(statics.iter().map(|(_, name)| name.clone()))
                .chain(
                    site.assets
                        .iter()
                        .map(|(_, rel)| rel.to_string_lossy().replace('\\', "/")),
                ),
        )
        .map_err(BuildError::Output)?;
    staging
        .claim(&format!("{}/", search::BUNDLE_DIR), &["d", "s"])
        .map_err(BuildError::Output)?;
    if let Some(p) = &opts.progress {
        p.total.store(jobs.len(), Ordering::Relaxed);
    }
    phases.mark("prepare output");
    let records = search::records(&render::views::Views::new(site));
    phases.mark("search records");
    let index_files = AtomicUsize::new(0);
    let shared = &staging;
    let (pages, index) = std::thread::scope(|scope| {
        let indexer = scope.spawn(|| {
            let t = Instant::now();
            let written = search::build_once(&records, &|f| {
                shared.put(&f)?;
                index_files.fetch_add(1, Ordering::Relaxed);
                Ok(())
            });
            (written, t.elapsed())
        });
        let pages = render::render_pages_into(site, &prepared.templates, &jobs, &|f| {
            shared.put(&f)?;
            if let Some(p) = &opts.progress {
                p.done.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })
        .map_err(|e| match e {
            render::RenderError::Content(d) => BuildError::Content(d),
            render::RenderError::Sink(e) => BuildError::Output(e),
        });
        (pages, indexer.join())
    });
    pages?;
    phases.mark("render + write pages");
    let (index, index_time) = index.map_err(|_| BuildError::Content(index_failed()))?;
    index.map_err(BuildError::Output)?;
    phases.add("search index (alongside)", index_time);
    let index_files = index_files.into_inner();
    let mut site_files = render::sitemap_and_feed(site);
    site_files.push(render::OutFile {
        path: render::data::SCHEMA_PATH.into(),
        bytes: render::data::schema().to_vec(),
    });
    staging
        .write(&site_files, &[], &[])
        .map_err(BuildError::Output)?;
    staging
        .reserve([
            render::data::JSON_PATH.into(),
            render::data::CSV_PATH.into(),
        ])
        .map_err(BuildError::Output)?;
    let (mut json, mut csv) = (
        staging
            .open_stream(render::data::JSON_PATH)
            .map_err(BuildError::Output)?,
        staging
            .open_stream(render::data::CSV_PATH)
            .map_err(BuildError::Output)?,
    );
    // A write error names the JSON file; both files are in one folder on one disk.
    render::data::stream(&render::views::Views::new(site), &mut json.w, &mut csv.w)
        .map_err(|e| BuildError::Output(output::OutputError::Io(json.path.clone(), e)))?;
    drop((json, csv));
    staging
        .copy(statics, &site.assets)
        .map_err(BuildError::Output)?;
    phases.mark("sitemap, feed, open data");
    staging.commit().map_err(BuildError::Output)?;
    phases.mark("swap");
    Ok(BuildReport {
        initiatives: site.initiatives.len(),
        pages: jobs.len(),
        files: jobs.len() + site_files.len() + 2 + statics.len() + index_files + site.assets.len(),
        elapsed: start.elapsed(),
        warnings: prepared.warnings,
        phases: phases.done,
    })
}

/// Counts for a progress bar, shared with the caller while a build runs.
#[derive(Debug, Default)]
pub struct Progress {
    /// Pages to render (known once the site is loaded; 0 before).
    pub total: AtomicUsize,
    /// Pages rendered and written so far.
    pub done: AtomicUsize,
}

/// Wall time per phase of a build, in order (`--verbose` prints them).
#[derive(Debug, Default)]
pub(crate) struct Phases {
    done: Vec<(&'static str, Duration, Option<u64>)>,
    since: Option<Instant>,
}

impl Phases {
    /// Ends the phase that started at the previous mark (or at the first mark's creation).
    fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        let since = self.since.unwrap_or(now);
        self.done.push((name, now - since, memory_kib("VmRSS:")));
        self.since = Some(now);
    }

    /// Records a phase timed elsewhere (one that ran alongside others).
    fn add(&mut self, name: &'static str, d: Duration) {
        self.done.push((name, d, None));
    }
}

/// A memory figure of this process from /proc/self/status (Linux), in KiB: `VmRSS:` (now)
/// or `VmHWM:` (peak). None where the system does not tell.
pub fn memory_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
