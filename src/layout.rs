//! Where things go: every URL the site has and every folder name the generator uses.
//! The rest of the code asks here instead of spelling a path out, so that a URL changes in
//! one place.

use crate::model::{InitiativeId, Plan};
use std::path::{Path, PathBuf};

/// The site's settings, at the root of the site's folder.
pub const SITE_YAML: &str = "site.yaml";
/// The initiatives, news, pages and offers, each kind in its folder under it.
pub const CONTENT: &str = "content";
/// `content/indsatser/<plan>/<slug>.md`: an initiative of a plan period.
pub const CONTENT_INITIATIVES: &str = "indsatser";
/// `content/nyheder/<ÅÅÅÅ-MM-DD>-<slug>.md`: a news item.
pub const CONTENT_UPDATES: &str = "nyheder";
/// `content/sider/<slug>.md`: a plain page.
pub const CONTENT_PAGES: &str = "sider";
/// `content/tilbud/<slug>.md`: an offer.
pub const CONTENT_OFFERS: &str = "tilbud";
/// Images under `content/`, copied as they are.
pub const IMAGES: &str = "billeder";
/// The source file of initiative `slug` of plan period `plan`, under the site's folder.
pub fn initiative_source(plan: impl std::fmt::Display, slug: &str) -> PathBuf {
    Path::new(CONTENT)
        .join(CONTENT_INITIATIVES)
        .join(plan.to_string())
        .join(format!("{slug}.md"))
}

/// The source file of a news item of day `iso` (`2021-05-01`), under the site's folder.
pub fn update_source(iso: &str, slug: &str) -> PathBuf {
    Path::new(CONTENT)
        .join(CONTENT_UPDATES)
        .join(format!("{iso}-{slug}.md"))
}

/// The source file of offer `slug`, under the site's folder.
pub fn offer_source(slug: &str) -> PathBuf {
    Path::new(CONTENT)
        .join(CONTENT_OFFERS)
        .join(format!("{slug}.md"))
}

/// The designs, each in `themes/<name>/` with `templates/` and `static/`.
pub const THEMES: &str = "themes";
/// A site's own templates and static files, overriding single files of its design.
pub const TEMPLATES: &str = "templates";
pub const STATIC: &str = "static";
/// Where `build` writes by default.
pub const OUTPUT: &str = "public";
/// The search bundle's folder under the output.
pub const SEARCH: &str = "search";

/// The folder of design `design` under the site's folder.
pub fn theme_dir(root: &Path, design: &str) -> PathBuf {
    root.join(THEMES).join(design)
}

/// The folders a site is made from: what `serve` watches, and what `build` never writes into.
pub fn source_folders(root: &Path, design: &str) -> [PathBuf; 4] {
    [
        root.join(CONTENT),
        root.join(TEMPLATES),
        root.join(STATIC),
        theme_dir(root, design),
    ]
}

/// Folders beside the sources that are never part of the site (`serve` ignores them).
pub const NOT_SOURCES: [&str; 4] = [OUTPUT, "target", ".git", "node_modules"];

/// Files editors' programs leave while saving: `x.md~`, `.x.md.swp`, `4913`, `.#x.md`,
/// JetBrains' `x.md___jb_tmp___`, Emacs' `#x.md#`, and backups (`x.md.bak`, which
/// `import --force` keeps of each file it replaces).
pub fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
        || name.starts_with(".#")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
}

/// A file name that is never part of the site, wherever it is: an editor's temporary file or
/// a hidden file (`.DS_Store`, `.htaccess`).
pub fn is_skipped(name: &str) -> bool {
    is_editor_temp(name) || (name.starts_with('.') && name != "." && name != "..")
}

/// The page addresses (relative to the site's base) that are not one per file.
pub const UPDATES: &str = "nyheder/";
/// The A–Å list, `alle/` (later pages `alle/2/`, …).
pub const AZ: &str = "alle/";
/// A theme's list, `tema/<slug>/`.
pub const THEME: &str = "tema/";
/// A year's list, `aar/<year>/`.
pub const YEAR: &str = "aar/";
/// A plan period's report, `handleplan/<plan>/`.
pub const PLAN: &str = "handleplan/";
pub const SEARCH_PAGE: &str = "soeg/";
pub const WAS: &str = "was/";
pub const DATA_PAGE: &str = "data/";
/// The initiatives' folder, `indsatser/<plan>/<slug>/`.
pub const INITIATIVES: &str = "indsatser/";
/// The offers' list, `tilbud/`; each offer at `tilbud/<slug>/`.
pub const OFFERS: &str = "tilbud/";
/// Every coming course start of every offer, as one calendar.
pub const OFFERS_CALENDAR: &str = "tilbud/hold.ics";
pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const FEED: &str = "feed.xml";
/// The open data files and their schema.
pub const DATA_JSON: &str = "data/indsatser.json";
pub const DATA_SCHEMA: &str = "data/indsatser.schema.json";
pub const DATA_CSV: &str = "data/indsatser.csv";
/// The offers as open data, beside the initiatives.
pub const DATA_OFFERS_JSON: &str = "data/tilbud.json";
pub const DATA_OFFERS_SCHEMA: &str = "data/tilbud.schema.json";
/// The file a folder's address serves.
pub const INDEX: &str = "index.html";

/// The addresses the portal makes itself, besides one per file; a plain page's file name may
/// not take their first segment (`is_reserved`). `css/` and `js/` hold the design's static
/// files; hosts look for `404/` as well as `404.html`; `serve` answers its editor and its
/// own files (the reload script) under `EDITOR` and `DEV`.
const PORTAL_ADDRESSES: [&str; 22] = [
    EDITOR,
    DEV,
    INITIATIVES,
    OFFERS,
    AZ,
    THEME,
    YEAR,
    PLAN,
    UPDATES,
    SEARCH_PAGE,
    WAS,
    DATA_PAGE,
    IMAGES,
    SEARCH,
    STATIC,
    NOT_FOUND,
    SITEMAP,
    FEED,
    DATA_JSON,
    "css/",
    "js/",
    "404/",
];

/// True when `segment` (a URL's first segment, `tema`) is one the portal uses itself.
pub fn is_reserved(segment: &str) -> bool {
    !segment.is_empty()
        && PORTAL_ADDRESSES
            .iter()
            .any(|a| a.split('/').next() == Some(segment))
}

/// `indsatser/2020-2021/mental-balance/` (relative to the site's base).
pub fn initiative_path(id: &InitiativeId) -> String {
    format!("{INITIATIVES}{}/{}/", id.plan, id.slug)
}

/// `indsatser/2020-2021/mental-balance/` from `2020-2021/mental-balance` (a top task's target).
pub fn initiative_path_of(plan_and_slug: &str) -> String {
    format!("{INITIATIVES}{plan_and_slug}/")
}

/// `tilbud/mental-balance/` (relative to the site's base).
pub fn offer_path(slug: &str) -> String {
    format!("{OFFERS}{slug}/")
}

/// `tilbud/mental-balance/hold.ics`: the offer's coming course starts as a calendar.
pub fn offer_calendar_path(slug: &str) -> String {
    format!("{OFFERS}{slug}/hold.ics")
}

pub fn theme_path(slug: &str) -> String {
    format!("{THEME}{slug}/")
}

pub fn year_path(year: u16) -> String {
    format!("{YEAR}{year}/")
}

pub fn plan_path(plan: Plan) -> String {
    format!("{PLAN}{plan}/")
}

pub fn update_path(slug: &str) -> String {
    format!("{UPDATES}{slug}/")
}

/// Page `page` (from 1) of the A–Å list: `alle/`, `alle/2/`, …
pub fn az_path(page: usize) -> String {
    list_page_path(AZ, page)
}

pub fn page_path(slug: &str) -> String {
    format!("{slug}/")
}

/// Page `page` (from 1) of the list at `path`: the first page is the list's own address,
/// later ones a numbered folder under it (`tema/tobak/` → `tema/tobak/2/`).
pub fn list_page_path(path: &str, page: usize) -> String {
    if page <= 1 {
        path.to_string()
    } else {
        format!("{path}{page}/")
    }
}

/// Why a path is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum BadPath {
    Encoding,
    Traversal,
}

/// Decodes a request path's `%xx` and checks it stays inside the site (for `serve` and its
/// editor). Returns the path relative to the site root, without a leading slash
/// (`tema/tobak/`).
pub fn clean_path(raw: &str) -> Result<String, BadPath> {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(BadPath::Traversal);
    }
    let decoded = crate::text::percent_decode(path).ok_or(BadPath::Encoding)?;
    if decoded.contains(['\0', '\\']) || decoded.starts_with("//") {
        return Err(BadPath::Traversal);
    }
    let rel = &decoded[1..];
    if rel.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(BadPath::Traversal);
    }
    if rel.contains("//") {
        return Err(BadPath::Traversal);
    }
    Ok(rel.to_string())
}

// The addresses only `serve` answers, never part of a built site: its editor and its own
// files (the live-reload script and event stream). Spelled once here; the segments are
// macros so that the prefixes can be made from them at compile time.
macro_rules! editor_segment {
    () => {
        "_rediger"
    };
}
macro_rules! dev_segment {
    () => {
        "__indsats"
    };
}
/// `RELOAD_EVENTS` as a literal, for a script that names it (`concat!`).
macro_rules! reload_events {
    () => {
        concat!("/", $crate::layout::dev_segment!(), "/events")
    };
}
pub(crate) use {dev_segment, reload_events};

/// The editor's top-level segment, `_rediger`.
pub const EDITOR: &str = editor_segment!();
/// Where the editor answers: `/_rediger/`.
pub const EDITOR_PREFIX: &str = concat!("/", editor_segment!(), "/");
/// `serve`'s own files' top-level segment, `__indsats`.
pub const DEV: &str = dev_segment!();
/// The live-reload script `serve` puts into every page.
pub const RELOAD_SCRIPT: &str = concat!("/", dev_segment!(), "/reload.js");
/// The event stream the live-reload script listens to.
pub const RELOAD_EVENTS: &str = reload_events!();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_s_own_addresses_are_reserved_and_others_free() {
        for segment in [
            "indsatser",
            "tema",
            "alle",
            "soeg",
            "css",
            "404",
            "404.html",
            "feed.xml",
        ] {
            assert!(is_reserved(segment), "{segment}");
        }
        for segment in ["om", "om-tema", "kontakt", "", "tilgaengelighed"] {
            assert!(!is_reserved(segment), "{segment}");
        }
    }

    #[test]
    fn sources_are_under_their_kind_s_folder() {
        let plan = Plan::parse("2020-2021").expect("a plan");
        assert_eq!(
            initiative_source(plan, "x"),
            Path::new("content/indsatser/2020-2021/x.md")
        );
        assert_eq!(
            update_source("2021-05-01", "x"),
            Path::new("content/nyheder/2021-05-01-x.md")
        );
        assert_eq!(offer_source("x"), Path::new("content/tilbud/x.md"));
    }

    #[test]
    fn a_list_s_later_pages_are_numbered_folders() {
        assert_eq!(list_page_path("tema/tobak/", 1), "tema/tobak/");
        assert_eq!(list_page_path("tema/tobak/", 3), "tema/tobak/3/");
    }
}
