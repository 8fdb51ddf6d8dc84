//! Every file of a built site, named before any is made, and the one way they are made.
//!
//! `SiteFiles::plan` lists each output path with the one source it comes from (a page, a
//! generated file, the search bundle's folder, a design's static file, an image under
//! `content/`) and refuses a path two sources want, as a content error on the editor's file.
//! `fill` then makes every file into a `Sink`: `build` passes its staging folder, `serve` its
//! in-memory map. So build, serve and check refuse the same clashes and make the same bytes.
//! Where files end up, and how they get there safely, is the sink's business, not this one's.

use crate::diagnostics::Diagnostic;
use crate::output::OutputError;
use crate::render::{self, data, OutFile, Route, StaticSource, Templates};
use crate::search;
use crate::site::Site;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a planned file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    Page,
    /// The sitemap, the feed and the open data.
    Generated,
    /// A file of the design (`static/` of the site or its theme), or a built-in one.
    Design(Option<PathBuf>),
    /// A file under `content/` copied as it is (an image).
    Asset(PathBuf),
}

impl Origin {
    fn describe(&self, root: &Path) -> String {
        match self {
            Origin::Page | Origin::Generated => "portalen selv".into(),
            Origin::Design(None) => "designet".into(),
            Origin::Design(Some(p)) | Origin::Asset(p) => {
                crate::diagnostics::display_path(p.strip_prefix(root).unwrap_or(p))
            }
        }
    }
}

/// Every file a site's build makes, each path from one source.
#[derive(Debug)]
pub struct SiteFiles {
    planned: BTreeMap<String, Origin>,
    /// The search bundle's folder (`search/`), whose files are named only as they are made.
    search: String,
}

/// The generated files besides the pages, in the order they are made.
pub const GENERATED: [&str; 5] = [
    crate::layout::SITEMAP,
    crate::layout::FEED,
    data::SCHEMA_PATH,
    data::JSON_PATH,
    data::CSV_PATH,
];

impl SiteFiles {
    /// Plans `jobs` (the pages), the generated files, the search folder, the design's static
    /// files and the site's assets. Two sources for one path are an error on the file that
    /// can be renamed (the static file or the image), whichever comes.
    pub fn plan(
        root: &Path,
        site: &Site,
        templates: &Templates,
        jobs: &[Route],
    ) -> Result<SiteFiles, Vec<Diagnostic>> {
        let search = format!("{}/", crate::layout::SEARCH);
        let mut planned: BTreeMap<String, Origin> = BTreeMap::new();
        let mut problems = Vec::new();
        let generated = jobs
            .iter()
            .map(|j| (j.output(site), Origin::Page))
            .chain(GENERATED.iter().map(|p| (p.to_string(), Origin::Generated)));
        let copied = templates
            .statics()
            .iter()
            .map(|(src, name)| {
                let origin = match src {
                    StaticSource::Disk(p) => Origin::Design(Some(p.clone())),
                    StaticSource::Embedded(_) => Origin::Design(None),
                };
                (name.clone(), origin)
            })
            .chain(
                site.assets
                    .iter()
                    .map(|(src, rel)| (slashes(rel), Origin::Asset(src.clone()))),
            );
        for (path, origin) in generated.chain(copied) {
            let taken = if path.starts_with(&search) {
                Some(Origin::Generated)
            } else {
                planned.get(&path).cloned()
            };
            match taken {
                None => {
                    planned.insert(path, origin);
                }
                Some(first) => {
                    let file = match &origin {
                        Origin::Design(Some(p)) | Origin::Asset(p) => {
                            p.strip_prefix(root).unwrap_or(p).to_path_buf()
                        }
                        _ => PathBuf::from(&path),
                    };
                    problems.push(
                        Diagnostic::error(
                            &file,
                            format!(
                                "filen {path} bliver lavet to gange: af {} og af denne fil",
                                first.describe(root)
                            ),
                        )
                        .hint("giv filen et andet navn, eller læg den i en anden mappe"),
                    );
                }
            }
        }
        if problems.is_empty() {
            Ok(SiteFiles { planned, search })
        } else {
            crate::diagnostics::sort(&mut problems);
            Err(problems)
        }
    }

    /// Every planned path (the search bundle's files excepted, which are named as they are
    /// made), in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.planned.keys().map(String::as_str)
    }

    /// The folders every planned file needs, the search bundle's included, parents first.
    pub fn folders(&self) -> Vec<String> {
        let mut folders = std::collections::BTreeSet::new();
        let search_folders = [""].iter().chain(search::SUBFOLDERS.iter());
        for sub in search_folders {
            folders.insert(
                format!("{}{sub}", self.search)
                    .trim_end_matches('/')
                    .to_string(),
            );
        }
        for path in self.planned.keys() {
            let mut d = Path::new(path).parent();
            while let Some(p) = d.filter(|p| !p.as_os_str().is_empty()) {
                if !folders.insert(slashes(p)) {
                    break;
                }
                d = p.parent();
            }
        }
        let mut all: Vec<String> = folders.into_iter().collect();
        all.sort_by_key(|f| (f.matches('/').count(), f.clone()));
        all
    }

    /// How many files are planned (the search bundle's not counted).
    pub fn len(&self) -> usize {
        self.planned.len()
    }

    pub fn is_empty(&self) -> bool {
        self.planned.is_empty()
    }
}

fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Where `fill` puts the files it makes.
pub trait Sink: Sync {
    /// Takes a file made in memory.
    fn put(&self, file: OutFile) -> Result<(), OutputError>;
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

/// How the search bundle is made: from nothing, or re-using the analyses of the builds
/// before (serve).
pub enum SearchIndex<'a> {
    Fresh,
    Cached(&'a mut search::Cache),
}

/// Why a site's files could not all be made.
#[derive(Debug)]
pub enum FillError {
    /// A template failed on some page.
    Content(Vec<Diagnostic>),
    /// The sink refused a file.
    Output(OutputError),
}

/// What `fill` made.
#[derive(Debug, Clone, Copy, Default)]
pub struct Made {
    pub pages: usize,
    pub search_files: usize,
    /// Every file, the pages and the search bundle's included.
    pub files: usize,
    /// How long the search bundle took (alongside the pages).
    pub index_time: std::time::Duration,
}

/// Makes every planned file of `site` into `sink`: the pages (in parallel, each handed to
/// the sink as it is rendered) with the search bundle alongside in a thread of its own, then
/// the sitemap, the feed and the open data, then the copied files. `on_page` is called after
/// each page (a progress bar).
pub fn fill(
    site: &Site,
    templates: &Templates,
    jobs: &[Route],
    plan: &SiteFiles,
    sink: &dyn Sink,
    search_index: SearchIndex<'_>,
    on_page: &(dyn Fn() + Sync),
) -> Result<Made, FillError> {
    let views = render::views::Views::new(site);
    let records = search::records(&views);
    let search_files = std::sync::atomic::AtomicUsize::new(0);
    let counted = |f: OutFile| {
        search_files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        sink.put(f)
    };
    let (pages, index) = std::thread::scope(|scope| {
        let indexer = scope.spawn(|| {
            let t = std::time::Instant::now();
            let made = match search_index {
                SearchIndex::Fresh => search::build_once(&records, &site.config.synonyms, &counted),
                SearchIndex::Cached(cache) => search::build(&records, &site.config.synonyms, cache)
                    .into_iter()
                    .try_for_each(counted),
            };
            (made, t.elapsed())
        });
        let pages = render::render_pages_into(site, templates, jobs, &|f| {
            sink.put(f)?;
            on_page();
            Ok(())
        });
        (pages, indexer.join())
    });
    pages.map_err(|e| match e {
        render::RenderError::Content(d) => FillError::Content(d),
        render::RenderError::Sink(e) => FillError::Output(e),
    })?;
    // The indexer cannot fail on content; a panic in it is a bug, reported as one.
    let (index, index_time) = index.map_err(|_| FillError::Content(index_failed()))?;
    index.map_err(FillError::Output)?;
    for f in render::sitemap_and_feed(site) {
        sink.put(f).map_err(FillError::Output)?;
    }
    sink.put(OutFile {
        path: data::SCHEMA_PATH.into(),
        bytes: data::schema().to_vec(),
    })
    .map_err(FillError::Output)?;
    let mut json = sink.stream(data::JSON_PATH).map_err(FillError::Output)?;
    let mut csv = sink.stream(data::CSV_PATH).map_err(FillError::Output)?;
    // A write error names the JSON file; both files are in one folder.
    let io_error = |e| FillError::Output(OutputError::Io(PathBuf::from(data::JSON_PATH), e));
    data::stream(&views, &mut json, &mut csv).map_err(io_error)?;
    json.flush().map_err(io_error)?;
    csv.flush().map_err(io_error)?;
    drop((json, csv));
    let copied: Vec<(StaticSource, String)> = templates
        .statics()
        .iter()
        .cloned()
        .chain(
            site.assets
                .iter()
                .map(|(src, rel)| (StaticSource::Disk(src.clone()), slashes(rel))),
        )
        .collect();
    use rayon::prelude::*;
    copied
        .par_iter()
        .try_for_each(|(src, path)| sink.copy(src, path))
        .map_err(FillError::Output)?;
    let search_files = search_files.into_inner();
    Ok(Made {
        pages: jobs.len(),
        search_files,
        files: plan.len() + search_files,
        index_time,
    })
}

/// The index thread stopped without an index (a bug: building it cannot fail on content).
fn index_failed() -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        "content",
        "søgeindekset kunne ikke bygges (en intern fejl i indsats; prøv igen, og meld fejlen, hvis den kommer igen)",
    )]
}
