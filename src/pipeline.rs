//! The first half of every build: `site.yaml` read and checked, the templates compiled, the
//! content loaded and linked into the site graph. `build`, `check` and `serve` all start
//! here; what they do with the site afterwards is theirs.

use crate::content::Selection;
use crate::diagnostics::{self, Diagnostic};
use crate::{config, content, markdown, render, site, site_files};
use std::path::Path;
use std::time::{Duration, Instant};

/// A site loaded, validated and linked, with its compiled templates: all but the rendering.
pub(crate) struct Prepared {
    pub site: site::Site,
    pub templates: render::Templates,
    /// Every file the site makes, each from one source (`site_files`).
    pub plan: site_files::SiteFiles,
    pub warnings: Vec<Diagnostic>,
    /// The Markdown renderer the content was rendered with, for files read again later.
    pub markdown: markdown::Markdown,
}

pub(crate) fn prepare(
    root: &Path,
    base_url: Option<&str>,
    selection: Selection,
    cache: Option<&content::Cache>,
    phases: &mut Phases,
) -> Result<Prepared, Vec<Diagnostic>> {
    let (prepared, _) = prepare_as(root, base_url, selection, cache, phases, Errors::Stop)?;
    Ok(prepared)
}

/// As `prepare`, going on past errors in content files: the site of every file that reads
/// without errors, and every error found (sorted). Only a broken `site.yaml` or design stops
/// it. For `check`, which shows every problem in one round.
pub(crate) fn prepare_all(
    root: &Path,
    selection: Selection,
) -> Result<(Prepared, Vec<Diagnostic>), Vec<Diagnostic>> {
    prepare_as(
        root,
        None,
        selection,
        None,
        &mut Phases::default(),
        Errors::GoOn,
    )
}

/// What errors in content files do to `prepare_as`.
#[derive(Clone, Copy, PartialEq)]
enum Errors {
    Stop,
    GoOn,
}

fn prepare_as(
    root: &Path,
    base_url: Option<&str>,
    selection: Selection,
    cache: Option<&content::Cache>,
    phases: &mut Phases,
    errors: Errors,
) -> Result<(Prepared, Vec<Diagnostic>), Vec<Diagnostic>> {
    phases.since = Some(Instant::now());
    let (config, config_text) = load_config_text(root, base_url)?;
    if let Some(cache) = cache {
        // The key is the very text the configuration was parsed from, so a save of site.yaml
        // between two reads can never pair parsed files with another configuration.
        // (The selection is applied after parsing, so it is no part of the key.)
        cache.prepare(&format!("{config_text}\n{base_url:?}"));
    }
    let templates = render::Templates::load(root, &config.design);
    let md = markdown::Markdown::new(config.allow_html, &config.base_url.path);
    let (content, mut problems) = content::load_all(root, &config, &md, selection, cache);
    let templates = match templates {
        Ok(t) if problems.is_empty() || errors == Errors::GoOn => t,
        t => {
            let mut all = t.err().unwrap_or_default();
            all.append(&mut problems);
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
    let (site, mut inconsistent) = site::Site::link(config, content, selection.date);
    problems.append(&mut inconsistent);
    // The files the site makes, refusing two sources for one (two files for one address).
    let (plan, mut clashes) = site_files::SiteFiles::plan(root, &site, &templates);
    problems.append(&mut clashes);
    diagnostics::sort(&mut problems);
    if errors == Errors::Stop && !problems.is_empty() {
        return Err(problems);
    }
    phases.mark("graph");
    let prepared = Prepared {
        site,
        templates,
        plan,
        warnings,
        markdown: md,
    };
    Ok((prepared, problems))
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
    let path = root.join(crate::layout::SITE_YAML);
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

/// Wall time per phase of a build, in order (`--verbose` prints them).
#[derive(Debug, Default)]
pub(crate) struct Phases {
    pub(crate) done: Vec<(&'static str, Duration, Option<u64>)>,
    pub(crate) since: Option<Instant>,
}

impl Phases {
    /// Ends the phase that started at the previous mark (or at the first mark's creation).
    pub(crate) fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        let since = self.since.unwrap_or(now);
        self.done.push((name, now - since, memory_kib("VmRSS:")));
        self.since = Some(now);
    }

    /// Records a phase timed elsewhere (one that ran alongside others).
    pub(crate) fn add(&mut self, name: &'static str, d: Duration) {
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
