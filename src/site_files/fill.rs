//! Making the planned files: `fill` walks the plan (`SiteFiles`) and puts every file into a
//! `Sink`. `fill_pages` and `fill_site_wide` are its parts, for serve's patches (some pages
//! again, and the files made from the whole site).

use super::{Generated, SiteFiles};
use crate::diagnostics::Diagnostic;
use crate::output::OutputError;
use crate::output::{OutFile, StaticSource};
use crate::render::{self, data, views::Views, Route, Templates};
use crate::search;
use crate::site::Site;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

/// Where `fill` puts the files it makes.
pub trait Sink: Sync {
    /// Takes a file made in memory.
    fn put(&self, file: OutFile) -> Result<(), OutputError>;
    /// Takes a file whose bytes are shared (the search bundle's, kept by serve between
    /// rebuilds).
    fn put_shared(&self, path: String, bytes: Arc<[u8]>) -> Result<(), OutputError> {
        self.put(OutFile {
            path,
            bytes: bytes.to_vec(),
        })
    }
    /// Takes a file copied as it is, from the disk or built in.
    fn copy(&self, from: &StaticSource, path: &str) -> Result<(), OutputError>;
    /// Opens a file to be written piece by piece; it is complete when the writer is flushed
    /// and dropped.
    fn stream(&self, path: &str) -> Result<Box<dyn Write + Send + '_>, OutputError>;
}

/// The staging folder of a build (`output::Staging`) as a sink.
impl Sink for crate::output::Staging {
    fn put(&self, file: OutFile) -> Result<(), OutputError> {
        crate::output::Staging::put(self, &file)
    }

    fn copy(&self, from: &StaticSource, path: &str) -> Result<(), OutputError> {
        crate::output::Staging::copy(self, from, path)
    }

    fn stream(&self, path: &str) -> Result<Box<dyn Write + Send + '_>, OutputError> {
        Ok(Box::new(self.create_file(path)?))
    }
}

/// How the search bundle is made: from nothing, re-using the analyses of the builds before
/// (serve), or not at all (`check`, which resolves links only).
pub enum SearchIndex<'a> {
    Fresh,
    Cached(&'a mut SearchCache),
    Skipped,
}

/// Why a site's files could not all be made.
#[derive(Debug)]
pub enum FillError {
    /// A template failed on some page.
    Content(Vec<Diagnostic>),
    /// The sink refused a file.
    Output(OutputError),
}

impl FillError {
    /// The problems to show an editor (serve, check, the in-memory build), for a site under
    /// `root`: nothing is written there, so an output error is a file that could not be read
    /// (one that went away between planning and copying, say, when an editor renamed it).
    pub fn into_diagnostics(self, root: &std::path::Path) -> Vec<Diagnostic> {
        match self {
            FillError::Content(d) => d,
            FillError::Output(OutputError::Io(path, e)) => vec![Diagnostic::error(
                crate::diagnostics::display_path(path.strip_prefix(root).unwrap_or(&path)),
                format!("filen kunne ikke læses ({e})"),
            )
            .hint("tjek at filen findes og kan læses, og gem den igen")],
            FillError::Output(e) => vec![Diagnostic::error(
                crate::layout::CONTENT,
                format!("siden kunne ikke bygges: {e}"),
            )
            .hint("gem filen igen, og byg siden forfra")],
        }
    }
}

/// The search bundle of `site` (none: an empty one), re-inverting only: `cache` holds each
/// record's analysis and data file from the builds before, and the data files are shared
/// with it (serve).
pub fn search_bundle(site: Option<&Site>, cache: &mut SearchCache) -> Vec<(String, Arc<[u8]>)> {
    let Some(site) = site else {
        return search::build_shared(&[], &[], cache);
    };
    let records = search::records(&Views::new(site));
    search::build_shared(&records, &site.config.synonyms, cache)
}

/// What the search bundle keeps between builds (serve).
pub type SearchCache = search::Cache;

/// What `fill` made.
#[derive(Debug, Clone, Copy, Default)]
pub struct Made {
    pub pages: usize,
    /// Every file, the pages and the search bundle's included.
    pub files: usize,
    /// How long the search bundle took (alongside the pages).
    pub index_time: std::time::Duration,
}

/// Makes every planned file of `site` into `sink`: the pages (in parallel, each handed to
/// the sink as it is rendered) with the search bundle alongside in a thread of its own, then
/// the files made from the whole site, then the copied files. `on_page` is called after each
/// page (a progress bar).
pub fn fill(
    site: &Site,
    templates: &Templates,
    plan: &SiteFiles,
    sink: &dyn Sink,
    search_index: SearchIndex<'_>,
    on_page: &(dyn Fn() + Sync),
) -> Result<Made, FillError> {
    let routes = plan.pages();
    let views = Views::new(site);
    let search_files = std::sync::atomic::AtomicUsize::new(0);
    let count = || search_files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (pages, index) = std::thread::scope(|scope| {
        let indexer = scope.spawn(|| {
            let t = std::time::Instant::now();
            let synonyms = &site.config.synonyms;
            let made = match search_index {
                SearchIndex::Fresh => {
                    search::build_once(&search::records(&views), synonyms, &|f| {
                        count();
                        sink.put(f)
                    })
                }
                SearchIndex::Cached(cache) => {
                    search::build_shared(&search::records(&views), synonyms, cache)
                        .into_iter()
                        .try_for_each(|(path, bytes)| {
                            count();
                            sink.put_shared(path, bytes)
                        })
                }
                SearchIndex::Skipped => Ok(()),
            };
            (made, t.elapsed())
        });
        let pages = render_into(site, templates, &routes, sink, on_page);
        (pages, indexer.join())
    });
    pages?;
    // The indexer cannot fail on content; a panic in it is a bug, reported as one.
    let (index, index_time) = index.map_err(|_| FillError::Content(index_failed()))?;
    index.map_err(FillError::Output)?;
    fill_generated(site, &views, &plan.generated(), None, sink)?;
    use rayon::prelude::*;
    plan.copies()
        .par_iter()
        .try_for_each(|(src, path)| sink.copy(src, path))
        .map_err(FillError::Output)?;
    let search_files = search_files.into_inner();
    Ok(Made {
        pages: routes.len(),
        files: plan.count() + search_files,
        index_time,
    })
}

/// Renders the pages `routes` of `site` into `sink`.
pub fn fill_pages(
    site: &Site,
    templates: &Templates,
    routes: &[Route],
    sink: &dyn Sink,
) -> Result<(), FillError> {
    render_into(site, templates, routes, sink, &|| {})
}

fn render_into(
    site: &Site,
    templates: &Templates,
    routes: &[Route],
    sink: &dyn Sink,
    on_page: &(dyn Fn() + Sync),
) -> Result<(), FillError> {
    render::render_pages_into(site, templates, routes, &|f| {
        sink.put(f)?;
        on_page();
        Ok(())
    })
    .map_err(|e| match e {
        render::RenderError::Content(d) => FillError::Content(d),
        render::RenderError::Sink(e) => FillError::Output(e),
    })
}

/// Makes the files `site` makes from the whole site (sitemap, feed, open data, the offers'
/// calendars and data) into `sink`; the open data from `rows` when given (one per initiative,
/// in the site's order, as serve keeps them between saves).
pub fn fill_site_wide(
    site: &Site,
    rows: Option<&[data::Row]>,
    sink: &dyn Sink,
) -> Result<(), FillError> {
    let all = [
        Generated::SitemapAndFeed,
        Generated::OpenData,
        Generated::Offers,
    ];
    fill_generated(site, &Views::new(site), &BTreeSet::from(all), rows, sink)
}

fn fill_generated(
    site: &Site,
    views: &Views,
    kinds: &BTreeSet<Generated>,
    rows: Option<&[data::Row]>,
    sink: &dyn Sink,
) -> Result<(), FillError> {
    let put = |files: Vec<OutFile>| {
        files
            .into_iter()
            .try_for_each(|f| sink.put(f))
            .map_err(FillError::Output)
    };
    for kind in kinds {
        match (kind, rows) {
            (Generated::SitemapAndFeed, _) => put(render::sitemap_and_feed(site))?,
            (Generated::Offers, _) => put(render::offer_files(site))?,
            (Generated::OpenData, Some(rows)) => put(data::files_from(views, rows))?,
            (Generated::OpenData, None) => open_data(views, sink)?,
        }
    }
    Ok(())
}

/// The open data, its JSON and CSV written as they are made.
fn open_data(views: &Views, sink: &dyn Sink) -> Result<(), FillError> {
    sink.put(OutFile {
        path: data::SCHEMA_PATH.into(),
        bytes: data::schema().to_vec(),
    })
    .map_err(FillError::Output)?;
    let mut json = sink.stream(data::JSON_PATH).map_err(FillError::Output)?;
    let mut csv = sink.stream(data::CSV_PATH).map_err(FillError::Output)?;
    // A write error names the JSON file; both files are in one folder.
    let io_error = |e| FillError::Output(OutputError::Io(PathBuf::from(data::JSON_PATH), e));
    data::stream(views, &mut json, &mut csv).map_err(io_error)?;
    json.flush().map_err(io_error)?;
    csv.flush().map_err(io_error)?;
    Ok(())
}

/// The index thread stopped without an index (a bug: building it cannot fail on content).
fn index_failed() -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        crate::layout::CONTENT,
        "søgeindekset kunne ikke bygges (en intern fejl i indsats; prøv igen, og meld fejlen, hvis den kommer igen)",
    )]
}
