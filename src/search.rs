//! The search index: one Pagefind record per initiative, update and plain page, built with
//! Pagefind's Rust API and returned as files for `output` to write with the rest of the site
//! (`serve` builds it in memory; `build` through a scratch folder, see `build_via_folder`).
//! Pagefind is async (tokio); that stays inside this module.
//!
//! Danish reality: Pagefind stems Danish words and matches prefixes. Queries typed without
//! æ/ø/å ("overvaegt", "boern") are handled where they are typed: the search page also asks
//! for the Danish spelling (ae→æ, oe→ø, aa→å) and merges the results, so the index holds only
//! real text and every excerpt is readable.

use crate::render::views::Views;
use crate::render::OutFile;
use crate::site;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::path::Path;

/// The folder under the output that holds the index.
pub const BUNDLE_DIR: &str = "pagefind";

/// One searchable thing, already reduced to text.
pub struct Record {
    pub url: String,
    pub title: String,
    /// Text weighted above the body: purpose, target group.
    pub lead: String,
    pub body: String,
    pub kind: &'static str,
    pub themes: Vec<String>,
    pub years: Vec<String>,
    pub plan: Option<String>,
    pub status: Option<String>,
    pub summary: String,
}

/// Files the site's own search page loads. Pagefind's UI bundles, its playground and the
/// language-neutral WASM (every record is Danish) are left out.
fn wanted(path: &str) -> bool {
    !(path == "wasm.unknown.pagefind"
        || path.starts_with("pagefind-ui")
        || path.starts_with("pagefind-modular-ui")
        || path.starts_with("pagefind-component-ui")
        || path.starts_with("pagefind-highlight")
        || path.starts_with("playground"))
}

/// Every record of the site, in a stable order.
pub fn records(v: &Views) -> Vec<Record> {
    let s = v.site;
    let mut out = Vec::new();
    for (i, x) in s.initiatives.iter().enumerate() {
        let card = v.card(i);
        let mut lead = vec![x.purpose.clone()];
        lead.extend(x.target_group.clone());
        let mut body = vec![x.actors.join(", ")];
        body.extend(x.timeline.clone());
        body.push(x.body_text.clone());
        out.push(Record {
            url: card.url.clone(),
            title: x.title.clone(),
            lead: lead.join(" "),
            body: body.join(" "),
            kind: "Indsats",
            themes: card.themes.iter().map(|t| t.title.clone()).collect(),
            years: x.years.iter().map(u16::to_string).collect(),
            plan: Some(x.id.plan.to_string()),
            status: Some(card.status.label.clone()),
            summary: x.summary.clone(),
        });
    }
    for u in &s.updates {
        out.push(Record {
            url: v.url(&site::update_path(&u.slug)),
            title: u.title.clone(),
            lead: u.summary.clone().unwrap_or_default(),
            body: u.body_text.clone(),
            kind: "Nyhed",
            themes: Vec::new(),
            years: u.date.map(|d| d.year.to_string()).into_iter().collect(),
            plan: None,
            status: None,
            summary: u
                .summary
                .clone()
                .unwrap_or_else(|| crate::markdown::first_sentence(&u.body_text, 200)),
        });
    }
    for p in &s.pages {
        out.push(Record {
            url: v.url(&site::page_path(&p.slug)),
            title: p.title.clone(),
            lead: p.summary.clone().unwrap_or_default(),
            body: p.body_text.clone(),
            kind: "Side",
            themes: Vec::new(),
            years: Vec::new(),
            plan: None,
            status: None,
            summary: p
                .summary
                .clone()
                .unwrap_or_else(|| crate::markdown::first_sentence(&p.body_text, 200)),
        });
    }
    out
}

fn esc(s: &str) -> String {
    crate::render::html_escape(s)
}

/// The record as a small HTML document, so that Pagefind weights the title over the lead and
/// the lead over the body, and reads metadata and filters from attributes.
fn record_html(r: &Record) -> String {
    let mut h = String::with_capacity(r.title.len() + r.lead.len() + r.body.len() + 512);
    h.push_str("<!doctype html><html lang=\"da\"><head><title>");
    h.push_str(&esc(&r.title));
    h.push_str("</title></head><body><main data-pagefind-body>");
    h.push_str(&format!(
        "<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"10\">{}</h1>",
        esc(&r.title)
    ));
    h.push_str(&format!(
        "<p data-pagefind-weight=\"3\">{}</p>",
        esc(&r.lead)
    ));
    h.push_str(&format!("<div>{}</div>", esc(&r.body)));
    let meta = |k: &str, v: &str| format!("<span data-pagefind-meta=\"{k}:{}\"></span>", esc(v));
    let filter =
        |k: &str, v: &str| format!("<span data-pagefind-filter=\"{k}:{}\"></span>", esc(v));
    h.push_str(&meta("summary", &r.summary));
    h.push_str(&meta("kind", r.kind));
    h.push_str(&filter("type", r.kind));
    if !r.themes.is_empty() {
        h.push_str(&meta("theme", &r.themes.join(", ")));
    }
    for t in &r.themes {
        h.push_str(&filter("tema", t));
    }
    for y in &r.years {
        h.push_str(&filter("år", y));
    }
    if let Some(p) = &r.plan {
        h.push_str(&meta("plan", p));
        h.push_str(&filter("handleplan", p));
    }
    if let Some(s) = &r.status {
        h.push_str(&meta("status", s));
        h.push_str(&filter("status", s));
    }
    h.push_str("</main></body></html>");
    h
}

/// Builds the index for `records` in memory, one record after another; the files come back
/// relative to the output folder. Nothing touches the disk (`serve` uses this).
pub fn build(records: &[Record]) -> Result<Vec<OutFile>, String> {
    let files = run(|mut index| async move {
        for r in records {
            index
                .add_html_file(None, Some(r.url.clone()), record_html(r))
                .await
                .map_err(|e| format!("{}: {e}", r.url))?;
        }
        index.get_files().await.map_err(|e| e.to_string())
    })?;
    Ok(bundle(files))
}

/// As `build`, but faster on a site of many records: Pagefind parses pages given one by one
/// in a single thread, but a folder in parallel. So the records are written as small HTML
/// files into `scratch` (a folder that must not exist yet; it is removed again), each where
/// its URL says, and the folder is indexed in one call. The index holds the same records as
/// `build`'s; only Pagefind's internal page numbers may follow another order.
///
/// Pagefind makes each URL from the file's path (percent-encoding it), so this is used only
/// when every URL is plain (ASCII letters, digits, `-._~`, single slashes, no `.`/`..`
/// segments) and comes back unchanged, and when Pagefind can be given the scratch folder's
/// path as it is (valid UTF-8); otherwise the records go in one by one.
pub fn build_via_folder(records: &[Record], scratch: &Path) -> Result<Vec<OutFile>, String> {
    let Some(folder) = scratch.to_str() else {
        return build(records);
    };
    if !records.iter().all(|r| plain_url(&r.url)) {
        return build(records);
    }
    std::fs::create_dir(scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let result = write_records(records, scratch).and_then(|()| {
        run(|mut index| async move {
            let count = index
                .add_directory(folder.to_string(), Some("**/*.html".into()))
                .await
                .map_err(|e| e.to_string())?;
            // Pagefind only logs a file it could not parse; a record missing from the index
            // must fail the build instead.
            if count != records.len() {
                return Err(format!(
                    "{count} af {} sider kom med i søgeindekset",
                    records.len()
                ));
            }
            // The records are parsed and held in memory now; their files are not needed.
            let _ = std::fs::remove_dir_all(scratch);
            index.get_files().await.map_err(|e| e.to_string())
        })
    });
    // The scratch folder lies in the staging folder: it must be gone before the swap.
    if scratch.exists() {
        std::fs::remove_dir_all(scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    }
    Ok(bundle(result?))
}

/// A URL path Pagefind gives back unchanged when it is made from a folder path.
fn plain_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix('/') else {
        return false;
    };
    url.ends_with('/')
        && rest
            .split('/')
            .filter(|p| !p.is_empty())
            .all(|p| p != "." && p != "..")
        && !url.contains("//")
        && url
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b))
}

/// Runs `work` on a fresh Danish index inside a small single-thread runtime.
fn run<F, Fut>(work: F) -> Result<Vec<pagefind::api::SyntheticFile>, String>
where
    F: FnOnce(PagefindIndex) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<pagefind::api::SyntheticFile>, String>>,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    let config = PagefindServiceConfig::builder()
        .force_language("da".to_string())
        .build();
    let index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
    runtime.block_on(work(index))
}

/// The files the site uses, under `pagefind/`, sorted.
fn bundle(files: Vec<pagefind::api::SyntheticFile>) -> Vec<OutFile> {
    let mut out: Vec<OutFile> = files
        .into_iter()
        .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
        .filter(|(name, _)| wanted(name))
        .map(|(name, bytes)| OutFile {
            path: format!("{BUNDLE_DIR}/{name}"),
            bytes,
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Writes the records one by one, in their order: Pagefind numbers pages in the order it
/// walks the folder, which is the order the file system lists entries in (the order they were
/// made, or one fixed by their names), so the index comes out the same from build to build
/// on one file system.
fn write_records(records: &[Record], scratch: &Path) -> Result<(), String> {
    for r in records {
        // `plain_url` holds for every record: no segment can leave the scratch folder.
        let dir = scratch.join(r.url.trim_start_matches('/'));
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(dir.join("index.html"), record_html(r)))
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    Ok(())
}
