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
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            out: root.join("public"),
            root,
            base_url: None,
            drafts: false,
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
    search::build_once(&records)
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
    let prepared = prepare(root, base_url, drafts, None)?;
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

fn prepare(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    cache: Option<&content::Cache>,
) -> Result<Prepared, Vec<Diagnostic>> {
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
    let site = site::Site::build(config, content)?;
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

/// Builds the site: everything is rendered before the output folder is touched, and the
/// output is replaced in one step. On any error the old output stays as it was.
///
/// The search index needs the site's text, not its pages, so it is built in a thread of its
/// own while the pages are rendered and written.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    output::check_target(&opts.root, &opts.out).map_err(BuildError::Output)?;
    let prepared = prepare(&opts.root, opts.base_url.as_deref(), opts.drafts, None)
        .map_err(BuildError::Content)?;
    let site = &prepared.site;
    let mut staging = output::Staging::create(&opts.out).map_err(BuildError::Output)?;
    let records = search::records(&render::views::Views::new(site));
    let (pages, index) = std::thread::scope(|scope| {
        let indexer = scope.spawn(|| search::build_once(&records));
        // The pages' bytes are dropped once written; only their counts are kept (html pages,
        // files).
        let pages = render::render(site, &prepared.templates)
            .map_err(BuildError::Content)
            .and_then(|r| {
                staging
                    .write(&r.files, &r.statics, &site.assets)
                    .map_err(BuildError::Output)
                    .map(|()| (r.html_pages, r.files.len() + r.statics.len()))
            });
        (pages, indexer.join())
    });
    let (html_pages, page_files) = pages?;
    let index = index.map_err(|_| BuildError::Content(index_failed()))?;
    staging
        .write(&index, &[], &[])
        .map_err(BuildError::Output)?;
    staging.commit().map_err(BuildError::Output)?;
    Ok(BuildReport {
        initiatives: site.initiatives.len(),
        pages: html_pages,
        files: page_files + index.len() + site.assets.len(),
        elapsed: start.elapsed(),
        warnings: prepared.warnings,
    })
}
