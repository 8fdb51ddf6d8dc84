//! The content files as the editor lists them, read by the build's own reader
//! (`content::load_all`): titles, statuses, dates and drafts as the site has them, whichever
//! spelling a file uses (`udloeber`, `opdateret`), and a file the build cannot read listed
//! by its name with the build's first error. Initiatives, updates, offers and pages alike.

use crate::model::Plan;
use std::collections::HashMap;
use std::path::Path;

/// Where a file belongs in the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    Initiatives(Plan),
    Updates,
    Offers,
    Pages,
}

/// One content file.
#[derive(Debug, Clone)]
pub(super) struct Source {
    /// `content/indsatser/2020-2021/x.md`
    pub rel: String,
    pub group: Group,
    pub title: String,
    /// An initiative's status, as citizens read it; empty for other files.
    pub status: String,
    /// When it was last updated (or dated), `2021-03-01`.
    pub updated: String,
    /// A draft (`udkast: true`), shown only in the preview.
    pub draft: bool,
    /// The build's first error in the file, when it cannot be read.
    pub problem: Option<String>,
}

/// The group of the content file `rel`, by the folder it lies in; `None` for a file that is
/// not a page's.
fn group_of(rel: &str) -> Option<Group> {
    crate::content::page_path_of(Path::new(rel))?;
    let parts: Vec<&str> = rel.split('/').collect();
    use crate::layout::{CONTENT_INITIATIVES, CONTENT_OFFERS, CONTENT_PAGES, CONTENT_UPDATES};
    match parts.as_slice() {
        [_, CONTENT_INITIATIVES, plan, _] => Plan::parse(plan).map(Group::Initiatives),
        [_, CONTENT_UPDATES, _] => Some(Group::Updates),
        [_, CONTENT_OFFERS, _] => Some(Group::Offers),
        [_, CONTENT_PAGES, _] => Some(Group::Pages),
        _ => None,
    }
}

/// The page files under `content/`, by path, sorted.
fn files(root: &Path) -> Vec<(String, Group)> {
    let walk = walkdir::WalkDir::new(root.join(crate::layout::CONTENT))
        .follow_links(true)
        .sort_by_file_name();
    let mut out: Vec<(String, Group)> = walk
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(root).ok()?;
            let rel = crate::diagnostics::display_path(rel);
            group_of(&rel).map(|g| (rel, g))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// What the build read from a file: title, status, date, draft.
type Read = (String, String, String, bool);

/// How the editor reads the site's files: as the build reads them, at serve's build date
/// (`--dato`, else `SOURCE_DATE_EPOCH`, else today), re-parsing only the files that changed
/// since the last read (the content cache serve's rebuilds use), so that an overview of a
/// large site costs a walk of its folder, not a build.
#[derive(Default)]
pub struct Reader {
    cache: crate::content::Cache,
    date: Option<crate::model::Date>,
}

impl Reader {
    /// Reads at `date` when given (serve's `--dato`), else at the build date of the moment.
    pub fn new(date: Option<crate::model::Date>) -> Reader {
        Reader {
            cache: crate::content::Cache::default(),
            date,
        }
    }

    /// Every page file under `content/` as the build reads it.
    pub(super) fn all(&self, root: &Path) -> Vec<Source> {
        all(root, self)
    }

    /// The title of content file `rel` as the build reads it, or its file name.
    pub(super) fn title(&self, root: &Path, rel: &str) -> String {
        let (read, _) = read_all(root, self);
        read.get(rel).map_or_else(
            || rel.rsplit('/').next().unwrap_or(rel).to_string(),
            |r| r.0.clone(),
        )
    }

    fn date(&self) -> Option<crate::model::Date> {
        self.date.or_else(|| {
            crate::model::clock::BuildDate::resolve(None)
                .ok()
                .map(|b| b.date)
        })
    }
}

fn all(root: &Path, reader: &Reader) -> Vec<Source> {
    let (read, problems) = read_all(root, reader);
    files(root)
        .into_iter()
        .map(|(rel, group)| {
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            let (title, status, updated, draft) = read.get(&rel).cloned().unwrap_or_else(|| {
                (
                    name.trim_end_matches(".md").to_string(),
                    String::new(),
                    String::new(),
                    false,
                )
            });
            Source {
                problem: problems
                    .get(&rel)
                    .cloned()
                    .filter(|_| !read.contains_key(&rel)),
                rel,
                group,
                title,
                status,
                updated,
                draft,
            }
        })
        .collect()
}

/// What the build reads from each file (by path), and each unreadable file's first error.
fn read_all(root: &Path, reader: &Reader) -> (HashMap<String, Read>, HashMap<String, String>) {
    let config = match crate::pipeline::load_config(root, None) {
        Ok(c) => c,
        Err(d) => {
            let why = d.first().map(said).unwrap_or_default();
            let all = files(root).into_iter().map(|(rel, _)| (rel, why.clone()));
            return (HashMap::new(), all.collect());
        }
    };
    let md = crate::markdown::Markdown::new(config.allow_html, &config.base_url.path);
    // Drafts and files for later too, as the preview shows them. The day only decides
    // which files have expired, and those are listed too.
    let Some(date) = reader.date() else {
        return (HashMap::new(), HashMap::new());
    };
    let selection = crate::content::Selection::preview(date);
    // The cache holds files parsed under this site.yaml's text only.
    let yaml = std::fs::read_to_string(root.join(crate::layout::SITE_YAML)).unwrap_or_default();
    reader.cache.prepare(&yaml);
    let (content, diagnostics) =
        crate::content::load_all(root, &config, &md, selection, Some(&reader.cache));
    let day = |d: Option<crate::model::Date>| d.map(|d| d.iso()).unwrap_or_default();
    let mut read = HashMap::new();
    let mut put = |source: &Path, r: Read| {
        read.insert(crate::diagnostics::display_path(source), r);
    };
    for i in &content.initiatives {
        let status = i.status.danish().to_string();
        put(
            &i.source,
            (i.title.clone(), status, day(i.updated), i.draft),
        );
    }
    for p in content.updates.iter().chain(&content.pages) {
        let when = day(p.updated.or(p.date));
        put(&p.source, (p.title.clone(), String::new(), when, p.draft));
    }
    for o in &content.offers {
        put(
            &o.source,
            (o.title.clone(), String::new(), day(o.updated), o.draft),
        );
    }
    for e in &content.expired {
        let (status, updated, draft) = match e {
            crate::content::Expired::Initiative(i) => {
                (i.status.danish().to_string(), day(i.updated), i.draft)
            }
            crate::content::Expired::Update(p) | crate::content::Expired::Page(p) => {
                (String::new(), day(p.updated.or(p.date)), p.draft)
            }
            crate::content::Expired::Offer(o) => (String::new(), day(o.updated), o.draft),
        };
        put(e.source(), (e.title().to_string(), status, updated, draft));
    }
    let mut problems = HashMap::new();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        problems
            .entry(crate::diagnostics::display_path(&d.file))
            .or_insert_with(|| said(d));
    }
    (read, problems)
}

/// A problem as the overview says it: `linje 4: …: what to write instead`.
fn said(d: &crate::diagnostics::Diagnostic) -> String {
    let message = match &d.hint {
        Some(h) => format!("{}: {h}", d.message),
        None => d.message.clone(),
    };
    match d.line {
        Some(line) => format!("linje {line}: {message}"),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_grouped_by_their_folder() {
        let plan = Plan::parse("2020-2021").expect("a plan");
        assert_eq!(
            group_of("content/indsatser/2020-2021/x.md"),
            Some(Group::Initiatives(plan))
        );
        assert_eq!(
            group_of("content/nyheder/2021-01-01-x.md"),
            Some(Group::Updates)
        );
        assert_eq!(group_of("content/tilbud/x.md"), Some(Group::Offers));
        assert_eq!(group_of("content/sider/om.md"), Some(Group::Pages));
        assert_eq!(group_of("content/billeder/x.md"), None);
        assert_eq!(group_of("content/README.md"), None);
    }
}
