//! `indsats serve`: builds the site in memory, serves it over HTTP on loopback, watches the
//! sources, rebuilds on every save (re-parsing only the files that changed) and tells open
//! browser tabs to reload — or shows them the Danish error overlay while the last good build
//! stays served. Serving wraps building; it never writes into the site's `public/`.

pub mod http;
mod memory;
pub mod reload;
pub mod watch;

use crate::diagnostics::{self, Diagnostic};
use crate::incremental::Incremental;
use crate::render::{Job, OutFile};
use crate::site_files::{fill, FillError, SearchIndex, SiteFiles};
use http::Snapshot;
use reload::{Event, Hub};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    pub poll: bool,
    pub open: bool,
}

/// What the server threads share.
struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    error: RwLock<Option<Event>>,
    hub: Hub,
}

/// Why serving could not start.
#[derive(Debug)]
pub enum ServeError {
    NoPort(String),
    Watch(String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::NoPort(e) => write!(f, "kunne ikke åbne en port: {e}"),
            ServeError::Watch(e) => write!(f, "kunne ikke holde øje med filerne: {e}"),
        }
    }
}

/// Rendered files as served: the reload script goes into every page.
fn served(files: Vec<OutFile>) -> impl Iterator<Item = (String, Arc<[u8]>)> {
    files.into_iter().map(memory::served)
}

/// Builds the whole site (re-parsing only changed files) and turns it into a snapshot. With
/// `early`, the pages open in some tab are rendered as soon as the site is loaded, published,
/// and those tabs reloaded; their pages are returned, so that they are not reloaded again.
fn full_snapshot(
    inc: &mut Incremental,
    search_cache: &mut crate::search::Cache,
    early: Option<&Shared>,
) -> Result<(Snapshot, HashSet<String>), Vec<Diagnostic>> {
    inc.load()?;
    let plan = plan(inc).inspect_err(|_| inc.forget())?;
    let mut shown = HashSet::new();
    if let Some(shared) = early.filter(|s| s.hub.count() > 0) {
        let open = shared.hub.open_pages();
        let first: Vec<Job> = inc
            .jobs()
            .into_iter()
            // The search page waits for the new index (added after the build).
            .filter(|j| *j != Job::Search && open.contains(&inc.output(j)))
            .collect();
        if !first.is_empty() {
            let files = inc.render(&first).inspect_err(|_| inc.forget())?;
            shown = publish(shared, files);
            shared
                .hub
                .send_where(&Event::Reload, |p| p.is_some_and(|p| shown.contains(p)));
        }
    }
    let made = fill_snapshot(inc, &plan, search_cache);
    if made.is_err() {
        inc.forget();
    }
    Ok((made?, shown))
}

/// Every file of the loaded site, as a build plans them: a clash refused here is refused by
/// `build` and `check` alike.
fn plan(inc: &Incremental) -> Result<SiteFiles, Vec<Diagnostic>> {
    let (site, templates) = inc.parts().ok_or_else(Vec::new)?;
    SiteFiles::plan(inc.root(), site, templates, &crate::render::jobs(site))
}

/// Makes every file of the loaded site in memory, as a build makes them on disk
/// (`site_files::fill`): the same plan, so the same clashes are refused, and the same bytes.
fn fill_snapshot(
    inc: &Incremental,
    plan: &SiteFiles,
    search_cache: &mut crate::search::Cache,
) -> Result<Snapshot, Vec<Diagnostic>> {
    let (site, templates) = inc.parts().ok_or_else(Vec::new)?;
    let jobs = crate::render::jobs(site);
    let files = memory::Memory::default();
    fill(
        site,
        templates,
        &jobs,
        plan,
        &files,
        SearchIndex::Cached(search_cache),
        &|| {},
    )
    .map_err(|e| match e {
        FillError::Content(d) => d,
        // A file that went away between planning and copying (an editor renamed it).
        FillError::Output(e) => {
            vec![
                Diagnostic::error("content", format!("siden kunne ikke bygges: {e}"))
                    .hint("gem filen igen; serve bygger siden forfra"),
            ]
        }
    })?;
    Ok(files.into_snapshot())
}

/// Puts `files` into the served snapshot (a new one: requests in flight keep the old). Returns
/// the files whose bytes changed.
fn publish(shared: &Shared, files: Vec<OutFile>) -> HashSet<String> {
    let mut guard = shared.snapshot.write().unwrap_or_else(|p| p.into_inner());
    let mut next = Snapshot {
        files: guard.files.clone(),
    };
    let mut changed = HashSet::new();
    for (path, bytes) in served(files) {
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
fn publish_index(shared: &Shared, files: Vec<OutFile>) -> bool {
    let entry = format!("{}/index.json", crate::layout::SEARCH);
    let folder = format!("{}/", crate::layout::SEARCH);
    let mut guard = shared.snapshot.write().unwrap_or_else(|p| p.into_inner());
    let before = guard.files.get(&entry).cloned();
    let mut next = Snapshot {
        files: guard.files.clone(),
    };
    next.files.retain(|path, _| !path.starts_with(&folder));
    next.files.extend(served(files));
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
fn apply_patch(
    inc: &Incremental,
    shared: &Shared,
    jobs: &[Job],
    index: impl FnOnce() -> Vec<OutFile>,
) -> Result<(), Vec<Diagnostic>> {
    let before = shared
        .snapshot
        .read()
        .map(|s| s.clone())
        .unwrap_or_default();
    let open = shared.hub.open_pages();
    let (first, rest): (Vec<Job>, Vec<Job>) = jobs
        .iter()
        .partition(|j| **j != Job::Search && open.contains(&inc.output(j)));
    let result = (|| {
        let mut changed = HashSet::new();
        if !first.is_empty() {
            changed = publish(shared, inc.render(&first)?);
            shared
                .hub
                .send_where(&Event::Reload, |p| p.is_some_and(|p| changed.contains(p)));
        }
        // The index next (it needs the records only), then the other pages. A tab on the
        // search page reloads when the index changed, even if the page itself did not.
        let mut later = HashSet::new();
        if publish_index(shared, index()) {
            later.insert(inc.output(&Job::Search));
        }
        let mut files = inc.render(&rest)?;
        files.extend(inc.site_files());
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

/// The search index of the kept site, re-inverting only: `cache` holds each record's analysis
/// from the builds before.
fn search_files(inc: &Incremental, cache: &mut crate::search::Cache) -> Vec<OutFile> {
    let records = inc
        .site()
        .map(|s| crate::search::records(&crate::render::views::Views::new(s)))
        .unwrap_or_default();
    crate::search::build(&records, cache)
}

/// Opens the first free port from `port` on (up to 20 tries); port 0 lets the system choose.
fn open_server(bind: &str, port: u16) -> Result<tiny_http::Server, ServeError> {
    let mut last = String::new();
    for p in port..=port.saturating_add(19) {
        match tiny_http::Server::http((bind, p)) {
            Ok(s) => return Ok(s),
            Err(e) => {
                if port != 0 {
                    eprintln!("Port {p} er optaget ({e}); prøver den næste.");
                }
                last = e.to_string();
            }
        }
    }
    Err(ServeError::NoPort(last))
}

/// Runs until the process is stopped (Ctrl-C). Nothing is written to disk, so stopping
/// leaves nothing behind.
pub fn run(opts: &ServeOptions) -> Result<(), ServeError> {
    let server = Arc::new(open_server(&opts.bind, opts.port)?);
    let port = server.server_addr().to_ip().map_or(opts.port, |a| a.port());
    let host = if opts.bind.contains(':') {
        format!("[{}]", opts.bind)
    } else {
        opts.bind.clone()
    };
    let base_url = format!("http://{host}:{port}/");
    // Watching starts before the first build, so that no save made while it runs (or before
    // the address is printed) goes unnoticed.
    let config_design = crate::load_config(&opts.root, Some(&base_url))
        .map(|c| c.design)
        .unwrap_or_else(|_| "default".into());
    // Notify reports absolute paths; compare them with an absolute root.
    let root = crate::output::absolute(&opts.root);
    let ignore = crate::layout::NOT_SOURCES
        .iter()
        .map(|d| root.join(d))
        .collect();
    let mut watch = watch::Watch::start(&root, &config_design, opts.poll, ignore)
        .map_err(|e| ServeError::Watch(e.to_string()))?;
    let mut inc = Incremental::new(&root, Some(&base_url), opts.drafts);
    let mut search_cache = crate::search::Cache::default();
    let start = Instant::now();
    let first = full_snapshot(&mut inc, &mut search_cache, None).map(|(s, _)| s);
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Arc::new(Snapshot::default())),
        error: RwLock::new(None),
        hub: Hub::default(),
    });
    match first {
        Ok(s) => {
            *shared.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(s);
            println!("Bygget på {} s.", seconds(start));
        }
        Err(d) => {
            eprint!("{}", diagnostics::render_all(&d));
            *shared.error.write().unwrap_or_else(|p| p.into_inner()) =
                Some(Event::Failed(reload::overlay(&d)));
        }
    }
    println!(
        "Serverer {} på {base_url} (Ctrl-C stopper)",
        opts.root.display()
    );
    if opts.open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&base_url)
        .spawn();
    }

    for _ in 0..4 {
        let (server, shared) = (server.clone(), shared.clone());
        std::thread::spawn(move || serve_requests(&server, &shared));
    }

    let mut pending: Option<watch::Changes> = None;
    while let Some(changes) = pending.take().or_else(|| watch.next()) {
        let t = Instant::now();
        let changed = match changes.paths.len() {
            1 => "1 fil ændret".to_string(),
            n => format!("{n} filer ændret"),
        };
        let failing = shared.error.read().map_or(true, |e| e.is_some());
        // Stylesheets, scripts and images are served as they are: read them again, and swap
        // the stylesheets in open tabs (reload them for anything else).
        if let Some(copied) = (!failing)
            .then(|| inc.copied_files(&changes.paths))
            .flatten()
        {
            let files: Vec<OutFile> = copied
                .into_iter()
                .filter_map(|(src, path)| {
                    std::fs::read(src).ok().map(|bytes| OutFile { path, bytes })
                })
                .collect();
            if publish(&shared, files).is_empty() {
                continue;
            }
            shared.hub.broadcast(&if changes.css_only() {
                Event::Css
            } else {
                Event::Reload
            });
            println!("Opdateret på {} s ({changed}).", seconds(t));
            continue;
        }
        // An edit of initiatives that leaves the site's structure as it was re-renders only
        // the pages that show them; anything else (or a site that did not build) builds all.
        if let Some(jobs) = (!failing).then(|| inc.patch(&changes.paths)).flatten() {
            if jobs.is_empty() {
                continue;
            }
            match apply_patch(&inc, &shared, &jobs, || {
                search_files(&inc, &mut search_cache)
            }) {
                Ok(()) => {
                    println!(
                        "Genopbygget på {} s ({changed}; {} sider lavet om).",
                        seconds(t),
                        jobs.len()
                    );
                    continue;
                }
                // A full build gives the same error, with every other one in the site.
                Err(_) => inc.forget(),
            }
        }
        // When only content files changed and the site built last time, the open tabs'
        // pages come first (a new image or stylesheet might not be served yet).
        let content_only = changes.paths.iter().all(|p| {
            p.starts_with(root.join(crate::layout::CONTENT))
                && p.extension().is_some_and(|e| e == "md")
        });
        let built = full_snapshot(
            &mut inc,
            &mut search_cache,
            (content_only && !failing).then_some(&*shared),
        );
        if let Some(design) = inc.site().map(|s| s.config.design.clone()) {
            // A folder made since the last build (a first static/) is watched from now on.
            let _ = watch.add_folders(&design);
        }
        match built {
            Ok((s, shown)) => {
                *shared.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(s);
                let had_error = shared
                    .error
                    .write()
                    .unwrap_or_else(|p| p.into_inner())
                    .take()
                    .is_some();
                let event = if changes.css_only() && !had_error {
                    Event::Css
                } else {
                    Event::Reload
                };
                shared
                    .hub
                    .send_where(&event, |p| p.is_none_or(|p| !shown.contains(p)));
                println!("Genopbygget på {} s ({changed}).", seconds(t));
            }
            Err(d) => {
                // A save that ended the wait early may be one of several (a checkout, "save
                // all"): the error is shown only if the files stay quiet for the full period.
                if changes.early {
                    if let Some(more) = watch.next_within(watch::QUIET) {
                        let mut all = changes;
                        all.merge(more);
                        pending = Some(all);
                        continue;
                    }
                }
                eprint!("{}", diagnostics::render_all(&d));
                eprintln!(
                    "Browseren viser fejlen; den seneste version, der kunne bygges, vises stadig."
                );
                let event = Event::Failed(reload::overlay(&d));
                shared.hub.broadcast(&event);
                *shared.error.write().unwrap_or_else(|p| p.into_inner()) = Some(event);
            }
        }
    }
    Ok(())
}

fn seconds(t: Instant) -> String {
    format!("{:.2}", t.elapsed().as_secs_f64()).replace('.', ",")
}

fn serve_requests(server: &tiny_http::Server, shared: &Arc<Shared>) {
    for req in server.incoming_requests() {
        if req.url().split('?').next() == Some(reload::EVENTS_PATH) {
            let rx = shared.hub.subscribe(http::page_of_events_url(req.url()));
            let first = shared.error.read().ok().and_then(|e| e.clone());
            let out = req.into_writer();
            std::thread::spawn(move || reload::stream(out, rx, first));
            continue;
        }
        let snap = shared
            .snapshot
            .read()
            .map(|s| s.clone())
            .unwrap_or_default();
        if snap.files.is_empty() {
            // Nothing has built yet: every page is the error, and it reloads when fixed.
            let overlay = match shared.error.read().ok().and_then(|e| e.clone()) {
                Some(Event::Failed(html)) => html,
                _ => "<p>Siden bygges …</p>".to_string(),
            };
            let page = format!(
                "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Siden kunne ikke bygges</title></head><body><main>{overlay}</main><script>{}</script></body></html>",
                reload::SCRIPT
            );
            let header = tiny_http::Header::from_bytes(
                &b"Content-Type"[..],
                &b"text/html; charset=utf-8"[..],
            );
            let mut response = tiny_http::Response::from_string(page).with_status_code(500);
            if let Ok(h) = header {
                response = response.with_header(h);
            }
            let _ = req.respond(response);
            continue;
        }
        http::respond(req, &snap);
    }
}
