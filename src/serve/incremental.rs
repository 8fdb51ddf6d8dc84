//! Rebuilding after a save without rebuilding everything. A full build keeps the site graph,
//! the compiled templates and the plan of files; when the next change is an edit of initiatives that
//! leaves the graph as it was (same address, themes, years, `fortsætter` links and place in
//! the report's order, same key figures), the edited initiatives are swapped into the kept
//! site (a new title moves it in the A–Å list) and only the pages that show them are rendered
//! again (with the A–Å pages a new title changed), plus the site-wide files (sitemap, feed,
//! open data). Anything else — a new or deleted file, a page or update,
//! `site.yaml`, a template — takes a full build, re-parsing only the files that changed.
//! Either way the result equals a full build's, byte for byte (tests/it/serve.rs).
//!
//! Naming a change is pure: `plan_patch` reads the changed files and says whether they can be
//! patched in (`Patch`), touching nothing; `apply_patch` then swaps them into the kept site and
//! says which pages to render again.

use crate::content::{self, Cache, Selection};
use crate::diagnostics::Diagnostic;
use crate::model::Initiative;
use crate::render::views::Views;
use crate::render::{self, data, Route, Templates};
use crate::site::{report_order, Site};
use crate::site_files::SiteFiles;
use std::path::{Path, PathBuf};

/// A site kept between rebuilds.
pub struct Incremental {
    root: PathBuf,
    base_url: Option<String>,
    selection: Selection,
    cache: Cache,
    kept: Option<Kept>,
    /// The warnings of the last full load.
    warnings: Vec<Diagnostic>,
}

/// What a full build leaves for the patches that follow.
struct Kept {
    site: Site,
    templates: Templates,
    /// Every file the site makes; a patch changes no address, so it holds after one.
    plan: std::sync::Arc<SiteFiles>,
    /// The Markdown renderer the site was loaded with.
    markdown: crate::markdown::Markdown,
    /// The open data's rows, made at the first patch and kept up to date by the next ones.
    rows: Option<Vec<data::Row>>,
}

impl Incremental {
    /// Nothing is built until `load` is called. `root` should be absolute when the changed
    /// paths given to `patch` are (as a file watcher reports them).
    pub fn new(root: &Path, base_url: Option<&str>, selection: Selection) -> Incremental {
        Incremental {
            root: root.to_path_buf(),
            base_url: base_url.map(str::to_string),
            selection,
            cache: Cache::default(),
            kept: None,
            warnings: Vec::new(),
        }
    }

    /// Loads and links the site and compiles the templates, re-parsing only the content files
    /// that changed since the last load, and keeps the site for `patch` and `render`.
    pub fn load(&mut self) -> Result<(), Vec<Diagnostic>> {
        self.kept = None;
        let prepared = crate::pipeline::prepare(
            &self.root,
            self.base_url.as_deref(),
            self.selection,
            Some(&self.cache),
            &mut crate::pipeline::Phases::default(),
        )?;
        self.warnings = prepared.warnings;
        if self.selection.drafts {
            self.warnings.extend(prepared.site.continuing_drafts());
            crate::diagnostics::sort(&mut self.warnings);
        }
        self.kept = Some(Kept {
            site: prepared.site,
            templates: prepared.templates,
            plan: std::sync::Arc::new(prepared.plan),
            markdown: prepared.markdown,
            rows: None,
        });
        Ok(())
    }

    /// The build date the site is read against.
    pub fn date(&self) -> crate::model::Date {
        self.selection.date
    }

    /// Reads the site against another build date from the next `load` on (serve at midnight).
    pub fn set_date(&mut self, date: crate::model::Date) {
        self.selection.date = date;
        self.kept = None;
    }

    /// The warnings of the last full load (problems that do not stop a build).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Drops the kept site, so that the next change takes a full build.
    pub fn forget(&mut self) {
        self.kept = None;
    }

    /// The site of the last build (with any patches applied), its templates and its plan.
    pub fn parts(&self) -> Option<(&Site, &Templates, &std::sync::Arc<SiteFiles>)> {
        self.kept.as_ref().map(|k| (&k.site, &k.templates, &k.plan))
    }

    /// The site's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The site of the last build, with any patches applied.
    pub fn site(&self) -> Option<&Site> {
        self.kept.as_ref().map(|k| &k.site)
    }

    /// The open data's rows of the kept site, once a patch has made them.
    pub fn rows(&self) -> Option<&[data::Row]> {
        self.kept.as_ref().and_then(|k| k.rows.as_deref())
    }

    /// Names the change `changed` (paths of files that were written) without applying it:
    /// a `Patch` when every file is an initiative edited without changing the graph (none
    /// when no file the site uses changed), `None` when it takes a full build.
    pub fn plan_patch(&self, changed: &[PathBuf]) -> Option<Patch> {
        let Kept {
            site,
            plan,
            markdown: md,
            ..
        } = self.kept.as_ref()?;
        if changed.is_empty() {
            return None;
        }
        let mut edits: Vec<(usize, Initiative)> = Vec::with_capacity(changed.len());
        for path in changed {
            let rel = path.strip_prefix(&self.root).ok()?;
            let Some(i) = site.initiatives.iter().position(|x| x.source == rel) else {
                // A file under content/ that came and went (a tool's temporary file, renamed
                // into place) and that the site never used changes nothing. Anything else —
                // a template, a static file, site.yaml, a folder moved away — builds all.
                if rel.starts_with(crate::layout::CONTENT)
                    && std::fs::symlink_metadata(path).is_err()
                    && !plan.uses(&self.root, rel)
                {
                    continue;
                }
                return None;
            };
            let new = content::reload_initiative(&self.root, path, &site.config, md, &self.cache)?;
            if !same_graph(&site.initiatives[i], &new) || (new.draft && !self.selection.drafts) {
                return None;
            }
            edits.push((i, new));
        }
        // The report's order must stay as it was: a new title may move the initiative, which
        // changes every list it is in.
        let list = &site.initiatives;
        let at = |j: usize| {
            edits
                .iter()
                .find(|(k, _)| *k == j)
                .map_or(&list[j], |(_, new)| new)
        };
        let in_order = |a: usize, b: usize| report_order(at(a), at(b)).is_lt();
        let kept_order = edits.iter().all(|&(i, _)| {
            (i == 0 || in_order(i - 1, i)) && (i + 1 == list.len() || in_order(i, i + 1))
        });
        kept_order.then_some(Patch { edits })
    }

    /// Swaps the initiatives of `patch` into the kept site and returns the pages to render
    /// again (see `render::pages_showing`).
    pub fn apply_patch(&mut self, patch: Patch) -> Vec<Route> {
        let Some(Kept { site, rows, .. }) = self.kept.as_mut() else {
            return Vec::new();
        };
        if patch.edits.is_empty() {
            return Vec::new();
        }
        let edited: Vec<usize> = patch.edits.iter().map(|e| e.0).collect();
        let retitled: Vec<usize> = patch
            .edits
            .iter()
            .filter(|(i, new)| site.initiatives[*i].title != new.title)
            .map(|e| e.0)
            .collect();
        for (i, new) in patch.edits {
            site.initiatives[i] = new;
        }
        let views = Views::new(site);
        match rows {
            Some(rows) => {
                for &i in &edited {
                    rows[i] = data::row(&views, &site.initiatives[i]);
                }
            }
            None => *rows = Some(data::rows(&views)),
        }
        // A new title may move the initiative in the A–Å list, and where a letter starts.
        let before = (!retitled.is_empty()).then(|| site.alphabetical.clone());
        site.alphabetical.retitle(&site.initiatives, &retitled);
        let mut pages: Vec<Route> = edited
            .into_iter()
            .flat_map(|i| render::pages_showing(site, i))
            .collect();
        if let Some(before) = before {
            pages.extend(render::az_pages_changed(site, &before));
        }
        let mut seen = std::collections::HashSet::new();
        pages.retain(|j| seen.insert(*j));
        pages
    }

    /// When every path in `changed` is a file copied as it is (a stylesheet, script or image
    /// of the design or the site, an image under content/billeder/) that is still there,
    /// returns them with their paths under the output folder: nothing needs rendering.
    /// `None` otherwise.
    pub fn as_copied(&self, changed: &[PathBuf]) -> Option<Vec<(PathBuf, String)>> {
        let kept = self.kept.as_ref()?;
        if changed.is_empty() {
            return None;
        }
        changed
            .iter()
            .map(|path| {
                let served = kept.plan.copied_to(path).filter(|_| path.is_file())?;
                Some((path.clone(), served))
            })
            .collect()
    }

    /// Where `route`'s page goes in the kept site.
    pub fn path_of(&self, route: &Route) -> String {
        self.site().map(|s| route.output(s)).unwrap_or_default()
    }
}

/// Initiatives edited without changing the site's graph, read and checked but not yet in the
/// kept site (`Incremental::plan_patch`). No edits: nothing the site uses changed.
#[derive(Debug)]
pub struct Patch {
    edits: Vec<(usize, Initiative)>,
}

/// True when swapping `new` for `old` leaves the site graph (groups, links, addresses) and
/// every chart as they were.
fn same_graph(old: &Initiative, new: &Initiative) -> bool {
    old.id == new.id
        && old.source == new.source
        && old.themes == new.themes
        && old.years == new.years
        && old.continues == new.continues
        && old.key_figures == new.key_figures
        // A draft marked or published takes a full build: the preview's warnings about
        // files that continue a draft are worked out there.
        && old.draft == new.draft
        // So does a new `udgives` or `udløber`: the file may come or go.
        && old.schedule == new.schedule
}
