//! indsats: a static-site generator for public health-plan portals.
//!
//! The pipeline, one module per stage, data flowing one way:
//! `config` (site.yaml) → `content` (load + parse + validate files) → `site` (the graph) →
//! `render` (templates → files in memory) → `output` (staging folder, atomic swap).
//! The library returns values and diagnostics; only `main.rs` prints.

// Diagnostics travel in `Err` on the cold path; boxing them everywhere would only add noise.
#![allow(clippy::result_large_err)]

mod check;
mod config;
mod content;
mod diagnostics;
mod editor;
mod fields;
mod import;
mod layout;
mod links;
mod markdown;
mod model;
mod new;
mod output;
mod pipeline;
mod render;
mod search;
mod serve;
mod site;
mod site_files;
mod text;
mod yaml;

// The face: the commands with their options, reports and errors, the problems they report,
// and the in-memory build. Everything else is the crate's own.
pub use check::{run as check, site_warnings, CheckOptions};
pub use config::SiteConfig;
pub use content::Selection;
pub use diagnostics::{display_path, render_all, render_check, Diagnostic, Severity};
pub use import::{run as import, ImportOptions, ImportReport};
pub use layout::OUTPUT as DEFAULT_OUTPUT;
pub use model::clock::BuildDate;
pub use model::Date;
pub use new::{run as new, NewOptions};
pub use output::OutputError;
pub use pipeline::{load_config, memory_kib};
pub use serve::{run as serve, ServeError, ServeOptions};
pub use site::Site;

/// What the tests and benchmarks reach into beyond the face: stages tested on their own.
/// Not part of the library's promise.
#[doc(hidden)]
pub mod testing {
    pub use crate::config::parse as parse_config;
    pub use crate::content::{frontmatter::split as split_front_matter, parse_source};
    pub use crate::markdown::Markdown;
    pub use crate::render::views::Views;
    pub use crate::serve::rebuild::{Applied, Rebuilder};
    pub use crate::text::percent_decode_lossy;
    pub use crate::text::slug::{fold_ascii, slugify};
    pub use crate::yaml::parse as parse_yaml;

    /// The search index, built and analysed as the client reads it.
    pub mod search {
        pub use crate::search::{
            analysis, build_once, build_shared, records, Cache, Facet, Kind, Record, Synonym,
        };
    }
}

use pipeline::{prepare, Phases};
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
    /// Include files whose `udgives` is later than `date` (`--fremtid`).
    pub future: bool,
    /// The build date every date-bound fact is read against (see `clock`).
    pub date: model::Date,
    /// Warnings (a link that leads nowhere, …) fail the build, and nothing is published.
    pub strict: bool,
    /// Counts the pages as they are written, for a progress bar.
    pub progress: Option<Arc<Progress>>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>, date: model::Date) -> Self {
        let root = root.into();
        BuildOptions {
            out: root.join(layout::OUTPUT),
            root,
            base_url: None,
            drafts: false,
            future: false,
            date,
            strict: false,
            progress: None,
        }
    }

    /// Which files this build publishes.
    pub fn selection(&self) -> Selection {
        Selection {
            drafts: self.drafts,
            future: self.future,
            date: self.date,
        }
    }
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub initiatives: usize,
    pub pages: usize,
    pub files: usize,
    /// Drafts (`udkast: true`) not built (without `--drafts`).
    pub drafts_left_out: usize,
    /// Files whose `udgives` is later than the build date, not built (without `--fremtid`).
    pub scheduled_left_out: usize,
    /// Files whose `udløber` has passed: each has a short page that says it has ended.
    pub expired: usize,
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
    /// Every file a build writes, by its path under the output folder.
    pub files: std::collections::BTreeMap<String, Arc<[u8]>>,
    pub warnings: Vec<Diagnostic>,
}

/// Loads, validates and makes every file of the site under `root` in memory, as `build`
/// writes them (the same plan, the same bytes), without touching the disk's output.
pub fn build_in_memory(
    root: &Path,
    base_url: Option<&str>,
    selection: Selection,
) -> Result<Built, Vec<Diagnostic>> {
    let prepared = prepare(root, base_url, selection, None, &mut Phases::default())?;
    let files = site_files::Memory::default();
    site_files::fill(
        &prepared.site,
        &prepared.templates,
        &prepared.plan,
        &files,
        site_files::SearchIndex::Fresh,
        &|| {},
    )
    .map_err(|e| e.into_diagnostics(root))?;
    Ok(Built {
        site: prepared.site,
        files: files.into_files().into_iter().collect(),
        warnings: prepared.warnings,
    })
}

/// A site loaded, validated and linked, not rendered.
pub struct Loaded {
    pub site: site::Site,
    pub warnings: Vec<Diagnostic>,
}

/// Loads, validates and links the site under `root` (everything `build` refuses, it refuses),
/// without rendering it: for tests and benchmarks of what comes after.
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    selection: Selection,
) -> Result<Loaded, Vec<Diagnostic>> {
    let prepared = prepare(root, base_url, selection, None, &mut Phases::default())?;
    Ok(Loaded {
        site: prepared.site,
        warnings: prepared.warnings,
    })
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
        opts.selection(),
        None,
        &mut phases,
    )
    .map_err(BuildError::Content)?;
    let (site, plan) = (&prepared.site, &prepared.plan);
    let staging = output::Staging::create(&opts.out).map_err(BuildError::Output)?;
    staging
        .make_folders(&plan.folders())
        .map_err(BuildError::Output)?;
    if let Some(p) = &opts.progress {
        p.total.store(plan.pages().len(), Ordering::Relaxed);
    }
    phases.mark("prepare output");
    let on_page = || {
        if let Some(p) = &opts.progress {
            p.done.fetch_add(1, Ordering::Relaxed);
        }
    };
    let made = site_files::fill(
        site,
        &prepared.templates,
        plan,
        &staging,
        site_files::SearchIndex::Fresh,
        &on_page,
    )
    .map_err(|e| match e {
        site_files::FillError::Content(d) => BuildError::Content(d),
        site_files::FillError::Output(e) => BuildError::Output(e),
    })?;
    phases.mark("render + write pages, open data");
    phases.add("search index (alongside)", made.index_time);
    let mut warnings = prepared.warnings;
    warnings.extend(links::warnings(
        &opts.root,
        site,
        &links::Written::new(plan, staging.path()),
    ));
    diagnostics::sort(&mut warnings);
    phases.mark("links");
    if opts.strict && !warnings.is_empty() {
        // Dropping the staging folder removes it; the output stays as it was.
        return Err(BuildError::Content(warnings));
    }
    staging.commit().map_err(BuildError::Output)?;
    phases.mark("swap");
    Ok(BuildReport {
        initiatives: site.initiatives.len(),
        pages: made.pages,
        files: made.files,
        drafts_left_out: site.drafts_left_out,
        scheduled_left_out: site.scheduled_left_out,
        expired: site.expired.len(),
        elapsed: start.elapsed(),
        warnings,
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
