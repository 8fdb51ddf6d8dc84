//! How `serve` follows the saves: each batch of changed files is first named as a kind of
//! change (`Change`), then handled in one `match`: files copied as they are are read again,
//! an initiative edited without changing the site's structure re-renders the pages that show
//! it, anything else builds the whole site (into memory, as `build` makes it: `site_files`).
//! Open tabs are told to reload, swap their stylesheets, or show the error overlay.

use super::http::Snapshot;
use super::reload::{self, Event, Hub};

use super::incremental::{Incremental, Patch};
use super::Shared;
use crate::diagnostics::Diagnostic;
use crate::render::Route;
use crate::site_files::{
    fill, fill_pages, fill_site_wide, search_bundle, FillError, Memory, SearchCache, SearchIndex,
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// What kind of change a batch of saves is, named before anything is done about it.
#[derive(Debug)]
enum Change {
    /// Files copied as they are (stylesheets, scripts, images), still there: with where each
    /// is served.
    Copied(Vec<(PathBuf, String)>),
    /// Initiatives edited without changing the site's structure, read but not yet applied to
    /// the kept site (no edits when no file the site uses changed).
    Patch(Patch),
    /// Markdown under `content/` otherwise: a full build, the open tabs' pages first.
    Content,
    /// Anything else (`site.yaml`, a template, a static file that came or went, or a site
    /// that did not build last time): a full build.
    Everything,
}

/// What handling a batch of saves did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// Nothing served changed (a temporary file, a save of the same bytes).
    Nothing,
    /// Files copied as they are were read again.
    Copied,
    /// These pages (their paths under the site) were rendered again, with the search index
    /// and the site-wide files.
    Pages(Vec<String>),
    /// The whole site was built again.
    Full,
}

/// The site as `serve` keeps it between saves, and what it shares with the request threads.
/// The serve loop (`follow`) and the tests drive the same `apply`.
pub struct Rebuilder {
    pub(super) inc: Incremental,
    /// The build date is today's, read again when a new day begins (not a fixed `--dato`).
    pub(super) follows_clock: bool,
    search_cache: SearchCache,
    shared: Arc<Shared>,
}

impl Rebuilder {
    /// Nothing is built until `first_build`. `follows_clock`: the selection's date is today's,
    /// and a new day rebuilds the site against the new date.
    pub fn new(
        root: &Path,
        base_url: Option<&str>,
        selection: crate::content::Selection,
        follows_clock: bool,
    ) -> Rebuilder {
        Rebuilder {
            inc: Incremental::new(root, base_url, selection),
            follows_clock,
            search_cache: SearchCache::default(),
            shared: Arc::new(Shared {
                snapshot: RwLock::new(Arc::new(Snapshot::default())),
                error: RwLock::new(None),
                hub: Hub::default(),
            }),
        }
    }

    pub(super) fn shared(&self) -> Arc<Shared> {
        self.shared.clone()
    }

    /// Builds the whole site for the first time. Returns the problems when it does not build
    /// (they are shown in the browser too).
    pub fn first_build(&mut self) -> Result<(), Vec<Diagnostic>> {
        match full_snapshot(&mut self.inc, &mut self.search_cache, None) {
            Ok((s, _)) => {
                *self
                    .shared
                    .snapshot
                    .write()
                    .unwrap_or_else(|p| p.into_inner()) = Arc::new(s);
                Ok(())
            }
            Err(d) => {
                self.show_error(&d);
                Err(d)
            }
        }
    }

    /// Reads the site against another build date (a new day began) and builds all of it
    /// again; the open tabs reload.
    pub fn new_day(&mut self, date: crate::model::Date) -> Result<(), Vec<Diagnostic>> {
        self.inc.set_date(date);
        self.rebuild_all(false, false)
    }

    /// Every file as served, the way a build writes it (the reload script taken out of the
    /// pages, the script itself left out).
    pub fn files_as_built(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
        let snapshot = self
            .shared
            .snapshot
            .read()
            .map(|s| s.clone())
            .unwrap_or_default();
        snapshot
            .files
            .iter()
            .filter(|(path, _)| format!("/{path}") != reload::SCRIPT_PATH)
            .map(|(path, bytes)| (path.clone(), reload::take_out(bytes)))
            .collect()
    }

    /// Handles one batch of changed files (absolute paths) as serve does: names the change,
    /// then acts on it, and tells the open tabs. `css_only`: every file is a stylesheet.
    pub fn apply(&mut self, paths: &[PathBuf], css_only: bool) -> Result<Applied, Vec<Diagnostic>> {
        let failing = self.shared.error.read().map_or(true, |e| e.is_some());
        let content_only = paths.iter().all(|p| is_content(self.inc.root(), p));
        let early = match self.classify(paths, failing, content_only) {
            Change::Copied(files) => return Ok(self.recopy(files, css_only)),
            Change::Patch(patch) => match self.inc.apply_patch(patch) {
                routes if routes.is_empty() => return Ok(Applied::Nothing),
                routes => match self.rerender(&routes) {
                    Ok(()) => {
                        let pages = routes.iter().map(|j| self.inc.path_of(j)).collect();
                        return Ok(Applied::Pages(pages));
                    }
                    // A full build gives the same error, with every other one in the site.
                    Err(_) => {
                        self.inc.forget();
                        content_only
                    }
                },
            },
            Change::Content => true,
            Change::Everything => false,
        };
        self.rebuild_all(css_only, early).map(|()| Applied::Full)
    }

    /// Names the change, touching nothing: `apply` acts on it.
    fn classify(&self, paths: &[PathBuf], failing: bool, content_only: bool) -> Change {
        if failing {
            return Change::Everything;
        }
        if let Some(files) = self.inc.as_copied(paths) {
            return Change::Copied(files);
        }
        if let Some(patch) = self.inc.plan_patch(paths) {
            return Change::Patch(patch);
        }
        if content_only {
            Change::Content
        } else {
            Change::Everything
        }
    }

    /// Stylesheets, scripts and images are served as they are: read them again, and swap the
    /// stylesheets in open tabs (reload them for anything else).
    fn recopy(&self, files: Vec<(PathBuf, String)>, css_only: bool) -> Applied {
        // As they are: a build copies them without the reload script, and so does serve.
        let files: Vec<(String, Arc<[u8]>)> = files
            .into_iter()
            .filter_map(|(src, path)| std::fs::read(src).ok().map(|b| (path, Arc::from(b))))
            .collect();
        if publish_as(&self.shared, files).is_empty() {
            return Applied::Nothing;
        }
        self.shared
            .hub
            .broadcast(&if css_only { Event::Css } else { Event::Reload });
        Applied::Copied
    }

    /// Renders the pages a patch touched, and the search index and site-wide files.
    fn rerender(&mut self, routes: &[Route]) -> Result<(), Vec<Diagnostic>> {
        let Rebuilder {
            inc,
            search_cache,
            shared,
            ..
        } = self;
        publish_patch(inc, shared, routes, || search_files(inc, search_cache))
    }

    /// Builds the whole site (with `early`, the open tabs' pages first) and serves it.
    pub(super) fn rebuild_all(
        &mut self,
        css_only: bool,
        early: bool,
    ) -> Result<(), Vec<Diagnostic>> {
        let shared = self.shared.clone();
        let (s, shown) = full_snapshot(
            &mut self.inc,
            &mut self.search_cache,
            early.then_some(&*shared),
        )?;
        *shared.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(s);
        let had_error = shared
            .error
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .take()
            .is_some();
        let event = if css_only && !had_error {
            Event::Css
        } else {
            Event::Reload
        };
        shared
            .hub
            .send_where(&event, |p| p.is_none_or(|p| !shown.contains(p)));
        Ok(())
    }

    /// Shows `d` in every open tab, and in every page requested until a build succeeds (while
    /// the last good build stays served).
    pub(super) fn show_error(&self, d: &[Diagnostic]) {
        let event = Event::Failed(reload::overlay(d));
        // Kept before it is sent: a tab that connects in between gets it as its first event.
        *self.shared.error.write().unwrap_or_else(|p| p.into_inner()) = Some(event.clone());
        self.shared.hub.broadcast(&event);
    }
}

/// A Markdown file under `content/`.
fn is_content(root: &Path, p: &Path) -> bool {
    p.starts_with(root.join(crate::layout::CONTENT)) && p.extension().is_some_and(|e| e == "md")
}

/// A sink for files as served: the reload script goes into every page.
fn served() -> Memory {
    Memory::new(|page| reload::inject(&page))
}

/// Renders `routes` of the kept site as served.
fn render(inc: &Incremental, routes: &[Route]) -> Result<Memory, Vec<Diagnostic>> {
    let files = served();
    if let Some((site, templates, _)) = inc.parts() {
        fill_pages(site, templates, routes, &files).map_err(|e| fill_error(inc, e))?;
    }
    Ok(files)
}

/// Builds the whole site (re-parsing only changed files) and turns it into a snapshot. With
/// `early`, the pages open in some tab are rendered as soon as the site is loaded, published,
/// and those tabs reloaded; their pages are returned, so that they are not reloaded again.
fn full_snapshot(
    inc: &mut Incremental,
    search_cache: &mut SearchCache,
    early: Option<&Shared>,
) -> Result<(Snapshot, HashSet<String>), Vec<Diagnostic>> {
    inc.load()?;
    let mut shown = HashSet::new();
    if let Some(shared) = early.filter(|s| s.hub.count() > 0) {
        let open = shared.hub.open_pages();
        let first: Vec<Route> = inc
            .parts()
            .map(|(_, _, plan)| plan.pages())
            .unwrap_or_default()
            .into_iter()
            // The search page waits for the new index (added after the build).
            .filter(|j| *j != Route::Search && open.contains(&inc.path_of(j)))
            .collect();
        if !first.is_empty() {
            let files = render(inc, &first).inspect_err(|_| inc.forget())?;
            shown = publish(shared, files);
            shared
                .hub
                .send_where(&Event::Reload, |p| p.is_some_and(|p| shown.contains(p)));
        }
    }
    let made = fill_snapshot(inc, search_cache);
    if made.is_err() {
        inc.forget();
    }
    Ok((made?, shown))
}

/// Makes every file of the loaded site in memory, as a build makes them on disk
/// (`site_files::fill`): the same plan, so the same clashes are refused, and the same bytes.
fn fill_snapshot(
    inc: &Incremental,
    search_cache: &mut SearchCache,
) -> Result<Snapshot, Vec<Diagnostic>> {
    let (site, templates, plan) = inc.parts().ok_or_else(Vec::new)?;
    let files = served();
    fill(
        site,
        templates,
        plan,
        &files,
        SearchIndex::Cached(search_cache),
        &|| {},
    )
    .map_err(|e| fill_error(inc, e))?;
    let mut files = files.into_files();
    files.insert(
        reload::SCRIPT_PATH.trim_start_matches('/').to_string(),
        Arc::from(reload::SCRIPT.as_bytes()),
    );
    Ok(Snapshot {
        files,
        plan: Some(plan.clone()),
    })
}

/// Why files could not be made, as problems to show.
fn fill_error(inc: &Incremental, e: FillError) -> Vec<Diagnostic> {
    e.into_diagnostics(inc.root())
}

/// Puts `files` into the served snapshot (a new one: requests in flight keep the old). Returns
/// the files whose bytes changed.
fn publish(shared: &Shared, files: Memory) -> HashSet<String> {
    publish_as(shared, files.into_files().into_iter().collect())
}

/// Puts files as they are into the served snapshot (see `publish`).
fn publish_as(shared: &Shared, files: Vec<(String, Arc<[u8]>)>) -> HashSet<String> {
    let mut guard = shared.snapshot.write().unwrap_or_else(|p| p.into_inner());
    let mut next = Snapshot {
        files: guard.files.clone(),
        plan: guard.plan.clone(),
    };
    let mut changed = HashSet::new();
    for (path, bytes) in files {
        if next.files.get(&path) != Some(&bytes) {
            changed.insert(path.clone());
        }
        next.files.insert(path, bytes);
    }
    *guard = Arc::new(next);
    changed
}

/// Replaces the served search index with `files` (old shards and data files go, so that they
/// neither pile up over a session nor differ from what a build writes). Returns whether
/// `index.json` changed.
fn publish_index(shared: &Shared, files: Vec<(String, Arc<[u8]>)>) -> bool {
    let entry = format!("{}/index.json", crate::layout::SEARCH);
    let folder = format!("{}/", crate::layout::SEARCH);
    let mut guard = shared.snapshot.write().unwrap_or_else(|p| p.into_inner());
    let before = guard.files.get(&entry).cloned();
    let mut next = Snapshot {
        files: guard.files.clone(),
        plan: guard.plan.clone(),
    };
    next.files.retain(|path, _| !path.starts_with(&folder));
    next.files.extend(files);
    let changed = next.files.get(&entry) != before.as_ref();
    *guard = Arc::new(next);
    changed
}

/// Renders the pages a patch touched. The pages open in some tab come first and those tabs
/// reload at once; then the search index (`index`), then the rest and the site-wide files, and
/// the tabs showing a page that changed reload (a tab that did not say which page it shows reloads
/// if anything changed). The search page waits for the index, so that it never reloads to
/// stale results. Tabs whose page is as it was are left alone. On an error the snapshot is
/// put back.
fn publish_patch(
    inc: &Incremental,
    shared: &Shared,
    routes: &[Route],
    index: impl FnOnce() -> Vec<(String, Arc<[u8]>)>,
) -> Result<(), Vec<Diagnostic>> {
    let before = shared
        .snapshot
        .read()
        .map(|s| s.clone())
        .unwrap_or_default();
    let open = shared.hub.open_pages();
    let (first, rest): (Vec<Route>, Vec<Route>) = routes
        .iter()
        .partition(|j| **j != Route::Search && open.contains(&inc.path_of(j)));
    let result = (|| {
        let mut changed = HashSet::new();
        if !first.is_empty() {
            changed = publish(shared, render(inc, &first)?);
            shared
                .hub
                .send_where(&Event::Reload, |p| p.is_some_and(|p| changed.contains(p)));
        }
        // The index next (it needs the records only), then the other pages. A tab on the
        // search page reloads when the index changed, even if the page itself did not.
        let mut later = HashSet::new();
        if publish_index(shared, index()) {
            later.insert(inc.path_of(&Route::Search));
        }
        let files = render(inc, &rest)?;
        if let Some((site, _, _)) = inc.parts() {
            fill_site_wide(site, inc.rows(), &files).map_err(|e| fill_error(inc, e))?;
        }
        later.extend(publish(shared, files));
        Ok((changed.is_empty(), later))
    })();
    match result {
        Ok((first_unchanged, later)) => {
            let anything = !first_unchanged || !later.is_empty();
            shared.hub.send_where(&Event::Reload, |p| match p {
                Some(p) => later.contains(p),
                None => anything,
            });
            Ok(())
        }
        Err(d) => {
            *shared.snapshot.write().unwrap_or_else(|p| p.into_inner()) = before;
            Err(d)
        }
    }
}

/// The search index of the kept site (see `site_files::search_bundle`).
fn search_files(inc: &Incremental, cache: &mut SearchCache) -> Vec<(String, Arc<[u8]>)> {
    search_bundle(inc.site(), cache)
}
