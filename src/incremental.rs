//! Rebuilding after a save without rebuilding everything (for `serve`). A full build keeps the
//! site graph and the compiled templates; when the next change is an edit of initiatives that
//! leaves the graph as it was (same address, themes, years, `fortsætter` links and place in
//! the report's order, same key figures), the edited initiatives are swapped into the kept
//! site (a new title moves it in the A–Å list) and only the pages that show them are rendered
//! again (with the A–Å pages a new title changed), plus the site-wide files (sitemap, feed,
//! open data). Anything else — a new or deleted file, a page or update,
//! `site.yaml`, a template — takes a full build, re-parsing only the files that changed.
//! Either way the result equals a full build's, byte for byte (tests/serve.rs).

use crate::content::{self, Cache, Selection};
use crate::diagnostics::Diagnostic;
use crate::model::Initiative;
use crate::render::views::Views;
use crate::render::{self, data, OutFile, Route, Templates};
use crate::site::{report_order, Site};
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

    /// Every page of the kept site.
    pub fn routes(&self) -> Vec<Route> {
        self.site().map(render::all_routes).unwrap_or_default()
    }

    /// Drops the kept site, so that the next change takes a full build.
    pub fn forget(&mut self) {
        self.kept = None;
    }

    /// The site of the last build (with any patches applied) and its templates.
    pub fn parts(&self) -> Option<(&Site, &Templates)> {
        self.kept.as_ref().map(|k| (&k.site, &k.templates))
    }

    /// The site's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The site of the last build, with any patches applied.
    pub fn site(&self) -> Option<&Site> {
        self.kept.as_ref().map(|k| &k.site)
    }

    /// Applies `changed` (paths of files that were written) to the kept site when every one
    /// is an initiative edited without changing the graph, and returns the pages to render
    /// again (see `render::pages_showing`; none when no file the site uses changed). `None` means a full build is needed: the kept
    /// site is then dropped, and `load` must run before the next `patch`.
    pub fn patch(&mut self, changed: &[PathBuf]) -> Option<Vec<Route>> {
        let jobs = self.try_patch(changed);
        if jobs.is_none() {
            self.kept = None;
        }
        jobs
    }

    fn try_patch(&mut self, changed: &[PathBuf]) -> Option<Vec<Route>> {
        let Kept {
            site,
            rows,
            markdown: md,
            ..
        } = self.kept.as_mut()?;
        if changed.is_empty() {
            return None;
        }
        let mut edits = Vec::with_capacity(changed.len());
        for path in changed {
            let rel = path.strip_prefix(&self.root).ok()?;
            let Some(i) = site.initiatives.iter().position(|x| x.source == rel) else {
                // A file under content/ that came and went (a tool's temporary file, renamed
                // into place) and that the site never used changes nothing. Anything else —
                // a template, a static file, site.yaml, a folder moved away — builds all.
                if rel.starts_with(crate::layout::CONTENT)
                    && std::fs::symlink_metadata(path).is_err()
                    && !uses(site, rel, path)
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
        if edits.is_empty() {
            return Some(Vec::new());
        }
        let edited: Vec<usize> = edits.iter().map(|e| e.0).collect();
        let retitled: Vec<usize> = edits
            .iter()
            .filter(|(i, new)| site.initiatives[*i].title != new.title)
            .map(|e| e.0)
            .collect();
        for (i, new) in edits {
            site.initiatives[i] = new;
        }
        // The report's order must be as it was: a new title may move the initiative, which
        // changes every list it is in.
        let list = &site.initiatives;
        let in_order = |a: usize, b: usize| report_order(&list[a], &list[b]).is_lt();
        if !edited
            .iter()
            .all(|&i| (i == 0 || in_order(i - 1, i)) && (i + 1 == list.len() || in_order(i, i + 1)))
        {
            return None;
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
        Some(pages)
    }

    /// When every path in `changed` is a file copied as it is (a stylesheet, script or image
    /// of the design or the site, an image under content/billeder/) that is still there,
    /// returns them with their paths under the output folder: nothing needs rendering.
    /// `None` otherwise (and the kept site stays as it is).
    pub fn as_copied(&self, changed: &[PathBuf]) -> Option<Vec<(PathBuf, String)>> {
        let kept = self.kept.as_ref()?;
        if changed.is_empty() {
            return None;
        }
        changed
            .iter()
            .map(|path| {
                if !path.is_file() {
                    return None;
                }
                let design = kept
                    .templates
                    .statics()
                    .iter()
                    .find_map(|(src, name)| match src {
                        render::StaticSource::Disk(p) if p == path => Some(name.clone()),
                        _ => None,
                    });
                let asset = || {
                    kept.site.assets.iter().find_map(|(src, rel)| {
                        (src == path).then(|| rel.to_string_lossy().replace('\\', "/"))
                    })
                };
                design.or_else(asset).map(|name| (path.clone(), name))
            })
            .collect()
    }

    /// Renders `jobs` of the kept site.
    pub fn render(&self, jobs: &[Route]) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
        match &self.kept {
            Some(k) => render::render_pages(&k.site, &k.templates, jobs),
            None => Ok(Vec::new()),
        }
    }

    /// The sitemap, feed and open data of the kept site.
    pub fn site_files(&self) -> Vec<OutFile> {
        self.kept
            .as_ref()
            .map(|k| render::site_files(&k.site, k.rows.as_deref()))
            .unwrap_or_default()
    }

    /// Where `job`'s page goes in the kept site.
    pub fn path_of(&self, job: &Route) -> String {
        self.site().map(|s| job.output(s)).unwrap_or_default()
    }
}

/// True when the site was made with the file at `path` (`rel` under the root), or with a
/// file inside it if it was a folder.
fn uses(site: &Site, rel: &Path, path: &Path) -> bool {
    site.initiatives
        .iter()
        .map(|x| &x.source)
        .chain(site.updates.iter().chain(&site.pages).map(|p| &p.source))
        .any(|source| source.starts_with(rel))
        || site.assets.iter().any(|(src, _)| src.starts_with(path))
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
