//! Every file of a built site, named before any is made: the one map of the output.
//!
//! `SiteFiles::plan` lists each output path with the one source it comes from (a page with
//! the content file it shows, a file made from the whole site, the search bundle's folder, a
//! design's static file, an image under `content/`) and refuses what cannot be: two files
//! wanting one address, a plain page taking an address the portal uses itself, a static file
//! or image landing on a file the portal makes. `fill` (in `fill`) then walks the plan and
//! makes every file into a `Sink`: `build` passes its staging folder, `check`, serve and the
//! in-memory build a `Memory`. So every command refuses the same clashes and makes the same
//! bytes, and serve and the editor ask the plan which file a page comes from.

mod fill;
mod memory;

pub use fill::{
    fill, fill_pages, fill_site_wide, search_bundle, FillError, SearchCache, SearchIndex, Sink,
};
pub use memory::Memory;

use crate::diagnostics::{display_path, Diagnostic};
use crate::layout;
use crate::render::{self, Route, StaticSource, Templates};
use crate::search;
use crate::site::Site;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where a planned file comes from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A page, with the content file it shows when it shows one.
    Page(Route, Option<PathBuf>),
    /// A file made from the whole site.
    Generated(Generated),
    /// A file of the design (`static/` of the site or its theme, or built in), copied as it is.
    Design(StaticSource),
    /// A file under `content/` copied as it is (an image).
    Asset(PathBuf),
}

/// The files made from the whole site rather than one page, by what makes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Generated {
    /// `sitemap.xml` and `feed.xml`.
    SitemapAndFeed,
    /// The initiatives as open data: JSON, its schema, CSV.
    OpenData,
    /// The offers' calendars and open data (a site with offers only).
    Offers,
}

impl Origin {
    /// The file to name in an error about this origin: the one an editor can rename.
    fn file(&self, root: &Path) -> Option<PathBuf> {
        match self {
            Origin::Page(_, Some(p)) => Some(p.clone()),
            Origin::Design(StaticSource::Disk(p)) | Origin::Asset(p) => {
                Some(p.strip_prefix(root).unwrap_or(p).to_path_buf())
            }
            _ => None,
        }
    }

    fn describe(&self, root: &Path) -> String {
        match (self, self.file(root)) {
            (_, Some(file)) => display_path(&file),
            (Origin::Design(_), None) => "designet".into(),
            _ => "portalen selv".into(),
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

/// The generated files besides the pages, with what makes them.
const GENERATED: [(&str, Generated); 5] = [
    (layout::SITEMAP, Generated::SitemapAndFeed),
    (layout::FEED, Generated::SitemapAndFeed),
    (layout::DATA_SCHEMA, Generated::OpenData),
    (layout::DATA_JSON, Generated::OpenData),
    (layout::DATA_CSV, Generated::OpenData),
];

impl SiteFiles {
    /// Plans every page of `site`, the generated files, the search folder, the design's
    /// static files and the site's assets. Returns the plan with every problem found (sorted);
    /// where two sources want a path, the first keeps it, so that `check` can go on.
    ///
    /// The files a page comes from claim its address first, in the order of their paths (the
    /// later of two gets the error, naming the other), with the addresses of files scheduled
    /// for later, which nothing is made for yet. Then the portal's own pages and files, then
    /// the copied files (an error on the static file or image, which can be renamed).
    pub fn plan(root: &Path, site: &Site, templates: &Templates) -> (SiteFiles, Vec<Diagnostic>) {
        let mut plan = SiteFiles {
            planned: BTreeMap::new(),
            search: format!("{}/", layout::SEARCH),
        };
        let mut problems = Vec::new();
        let routes = render::all_routes(site);
        let (own, portal): (Vec<&Route>, Vec<&Route>) =
            routes.iter().partition(|r| r.source(site).is_some());
        problems.extend(plan.claim_addresses(site, &own));
        let generated = portal
            .iter()
            .map(|r| (r.output(site), Origin::Page(**r, None)))
            .chain(
                GENERATED
                    .iter()
                    .map(|(p, g)| (p.to_string(), Origin::Generated(*g))),
            )
            .chain(
                render::offer_paths(site)
                    .into_iter()
                    .map(|p| (p, Origin::Generated(Generated::Offers))),
            );
        let copied = templates
            .statics()
            .iter()
            .map(|(src, name)| (name.clone(), Origin::Design(src.clone())))
            .chain(
                site.assets
                    .iter()
                    .map(|(src, rel)| (slashes(rel), Origin::Asset(src.clone()))),
            );
        for (path, origin) in generated.chain(copied) {
            if let Err(d) = plan.insert(root, path, origin) {
                problems.push(d);
            }
        }
        crate::diagnostics::sort(&mut problems);
        (plan, problems)
    }

    /// The addresses of the pages that show a content file, and of the files scheduled for
    /// later: one file each, and none the portal uses itself.
    fn claim_addresses(&mut self, site: &Site, own: &[&Route]) -> Vec<Diagnostic> {
        let mut claims: Vec<(String, &Path, Option<Route>)> =
            own.iter()
                .filter_map(|r| Some((r.output(site), r.source(site)?, Some(**r))))
                .chain(site.scheduled_claims.iter().map(|(folder, file)| {
                    (format!("{folder}{}", layout::INDEX), file.as_path(), None)
                }))
                .collect();
        claims.sort_by(|a, b| a.1.cmp(b.1));
        let mut problems = Vec::new();
        let mut scheduled = BTreeMap::new();
        for (path, file, route) in claims {
            let folder = path.trim_end_matches(layout::INDEX);
            let other = self
                .planned
                .get(&path)
                .and_then(|o| o.file(Path::new("")))
                .or_else(|| scheduled.get(&path).cloned());
            if let Some(other) = other {
                problems.push(
                    Diagnostic::error(
                        file,
                        format!("adressen /{folder} bruges også af {}", display_path(&other)),
                    )
                    .hint("giv den ene fil et andet navn, så hver side får sin egen adresse"),
                );
                continue;
            }
            // Files scheduled for later are judged on their day, as the page they become.
            let by_name = route.is_some_and(|r| r.named_by_file(site));
            let first = folder.split('/').next().unwrap_or("");
            if by_name && layout::is_reserved(first) {
                // The portal's own page keeps the address: one error, on the file.
                problems.push(
                    Diagnostic::error(file, format!("adressen /{first}/ bruges af portalen selv"))
                        .hint(format!("giv siden et andet filnavn, fx om-{first}.md")),
                );
                continue;
            }
            match route {
                Some(r) => {
                    self.planned
                        .insert(path, Origin::Page(r, Some(file.to_path_buf())));
                }
                None => {
                    scheduled.insert(path, file.to_path_buf());
                }
            }
        }
        problems
    }

    /// Plans `path` from `origin`, or says why it cannot be (the path is taken).
    fn insert(&mut self, root: &Path, path: String, origin: Origin) -> Result<(), Diagnostic> {
        let taken = if path.starts_with(&self.search) {
            Some(Origin::Generated(Generated::OpenData))
        } else {
            self.planned.get(&path).cloned()
        };
        let Some(first) = taken else {
            self.planned.insert(path, origin);
            return Ok(());
        };
        // The portal's own page on an address a content file took (a news item named
        // `…-2.md` on page 2 of the news): the error is the content file's, which can be
        // renamed; the portal's page keeps its address.
        if let (None, Origin::Page(_, Some(holder))) = (origin.file(root), &first) {
            let folder = path.trim_end_matches(layout::INDEX);
            return Err(Diagnostic::error(
                holder,
                format!("adressen /{folder} bruges af portalen selv"),
            )
            .hint(
                "giv filen et navn med ord, så siden får sin egen adresse (fx ikke et tal alene)",
            ));
        }
        let file = origin.file(root).unwrap_or_else(|| PathBuf::from(&path));
        let first = match first {
            Origin::Generated(_) => "portalen selv".to_string(),
            other => other.describe(root),
        };
        Err(Diagnostic::error(
            &file,
            format!("filen {path} bliver lavet to gange: af {first} og af denne fil"),
        )
        .hint("giv filen et andet navn, eller læg den i en anden mappe"))
    }

    /// Every planned path (the search bundle's files excepted, which are named as they are
    /// made), in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.planned.keys().map(String::as_str)
    }

    /// Every page to render.
    pub fn pages(&self) -> Vec<Route> {
        self.planned
            .values()
            .filter_map(|o| match o {
                Origin::Page(r, _) => Some(*r),
                _ => None,
            })
            .collect()
    }

    /// The files made from the whole site, by what makes them.
    pub fn generated(&self) -> BTreeSet<Generated> {
        self.planned
            .values()
            .filter_map(|o| match o {
                Origin::Generated(g) => Some(*g),
                _ => None,
            })
            .collect()
    }

    /// The files copied as they are: where from, and their paths under the output folder.
    pub fn copies(&self) -> Vec<(StaticSource, String)> {
        self.planned
            .iter()
            .filter_map(|(path, o)| match o {
                Origin::Design(src) => Some((src.clone(), path.clone())),
                Origin::Asset(src) => Some((StaticSource::Disk(src.clone()), path.clone())),
                _ => None,
            })
            .collect()
    }

    /// The content file the page at `address` shows (`indsatser/2020-2021/x/`, with or without
    /// its `index.html`), relative to the site's folder; none for the portal's own pages.
    pub fn source_of(&self, address: &str) -> Option<&Path> {
        let address = address.trim_start_matches('/');
        let key = if address.is_empty() || address.ends_with('/') {
            format!("{address}{}", layout::INDEX)
        } else {
            address.to_string()
        };
        match self.planned.get(&key)? {
            Origin::Page(_, Some(source)) => Some(source),
            _ => None,
        }
    }

    /// The copied file (a design's static file on disk, or an image under `content/`) that is
    /// served at `path`, if any.
    pub fn copied_to(&self, file: &Path) -> Option<String> {
        self.planned.iter().find_map(|(path, o)| match o {
            Origin::Design(StaticSource::Disk(p)) | Origin::Asset(p) if p == file => {
                Some(path.clone())
            }
            _ => None,
        })
    }

    /// True when the site was made with the file at `rel` (under the site's folder), or with
    /// a file inside it if it was a folder.
    pub fn uses(&self, root: &Path, rel: &Path) -> bool {
        let path = root.join(rel);
        self.planned.values().any(|o| match o {
            Origin::Page(_, Some(source)) => source.starts_with(rel),
            Origin::Asset(src) => src.starts_with(&path),
            _ => false,
        })
    }

    /// The folders every planned file needs, the search bundle's included, parents first.
    pub fn folders(&self) -> Vec<String> {
        let mut folders = BTreeSet::new();
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
    pub fn count(&self) -> usize {
        self.planned.len()
    }
}

fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
