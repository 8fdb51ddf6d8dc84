//! Rendering: the minijinja environment (the theme's templates, overridable by the site's own
//! `templates/`), one context per page kind, and the machine-read files. Produces the whole
//! site as a list of files in memory; writing them is `output`'s job.

pub mod az;
pub mod chart;
pub mod data;
mod embedded;
pub mod feeds;
pub mod paging;
pub mod views;

use crate::diagnostics::Diagnostic;
use crate::layout;
use crate::model::Plan;
use crate::site::Site;
use minijinja::value::Serde;
use minijinja::{context, AutoEscape, Environment, UndefinedBehavior, Value};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use views::{Link, Views};

/// One output file: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The rendered site.
#[derive(Debug)]
pub struct Rendered {
    pub files: Vec<OutFile>,
    /// Static files to copy: (source on disk or embedded, path under the output folder).
    pub statics: Vec<(StaticSource, String)>,
    pub html_pages: usize,
}

#[derive(Debug, Clone)]
pub enum StaticSource {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

/// The templates of a design, compiled once.
pub struct Templates {
    env: Environment<'static>,
    /// Where each template came from, for error messages.
    origins: Vec<(String, PathBuf)>,
    statics: Vec<(StaticSource, String)>,
}

impl Templates {
    /// Loads the design `design`: `themes/<design>/` under the root if it exists, else the
    /// built-in default. A site's own `templates/` and `static/` override single files.
    pub fn load(root: &Path, design: &str) -> Result<Templates, Vec<Diagnostic>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(format_value);
        let mut origins = Vec::new();
        let mut statics = Vec::new();
        let mut problems = Vec::new();
        let theme_dir = root.join("themes").join(design);
        let mut sources: Vec<(String, String, PathBuf)> = Vec::new();
        if theme_dir.is_dir() {
            read_dir_files(
                root,
                &theme_dir.join("templates"),
                &mut sources,
                &mut problems,
            );
            collect_statics(root, &theme_dir.join("static"), &mut statics);
        } else if design == "default" {
            for (name, text) in embedded::TEMPLATES {
                sources.push((
                    name.to_string(),
                    text.to_string(),
                    Path::new("themes/default/templates").join(name),
                ));
            }
            for (name, bytes) in embedded::STATIC {
                statics.push((StaticSource::Embedded(bytes), name.to_string()));
            }
        } else {
            return Err(vec![Diagnostic::error(
                "site.yaml",
                format!("designet \"{design}\" findes ikke (mappen themes/{design}/ mangler)"),
            )
            .hint("skriv design: default, eller opret mappen")]);
        }
        let mut overrides = Vec::new();
        read_dir_files(root, &root.join("templates"), &mut overrides, &mut problems);
        for o in overrides {
            sources.retain(|s| s.0 != o.0);
            sources.push(o);
        }
        let mut own_static = Vec::new();
        collect_statics(root, &root.join("static"), &mut own_static);
        for (src, name) in own_static {
            statics.retain(|s| s.1 != name);
            statics.push((src, name));
        }
        statics.sort_by(|a, b| a.1.cmp(&b.1));
        for (name, text, origin) in sources {
            if let Err(e) = env.add_template_owned(name.clone(), text.clone()) {
                problems.push(template_error(&e, &origin, &text));
            }
            origins.push((name, origin));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Templates {
            env,
            origins,
            statics,
        })
    }

    /// The static files copied as they are: (source, path under the output folder).
    pub fn statics(&self) -> &[(StaticSource, String)] {
        &self.statics
    }

    fn render(&self, name: &str, ctx: Value) -> Result<String, Diagnostic> {
        let tpl = self.env.get_template(name).map_err(|e| self.error(&e))?;
        tpl.render(ctx)
            .map(|html| strip_indentation(&html))
            .map_err(|e| self.error(&e))
    }

    fn error(&self, e: &minijinja::Error) -> Diagnostic {
        let name = e.name().unwrap_or("");
        let origin = self
            .origins
            .iter()
            .find(|o| o.0 == name)
            .map_or_else(|| PathBuf::from(name), |o| o.1.clone());
        let text = self
            .env
            .get_template(name)
            .map(|t| t.source().to_string())
            .unwrap_or_default();
        template_error(e, &origin, &text)
    }
}

/// Writes a value into a template. Strings are HTML-escaped for the five characters that
/// matter (minijinja's default also escapes `/`, which bloats every URL as `&#x2f;`).
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if matches!(state.auto_escape(), AutoEscape::Html) && !value.is_safe() {
        if let Some(s) = value.as_str() {
            return escape_into(out, s).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
            });
        }
    }
    minijinja::escape_formatter(out, state, value)
}

/// Escapes `& < > " '` for HTML text and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Writing to a String cannot fail.
    let _ = escape_into(&mut out, s);
    out
}

/// Writes `s` escaped to `out`: the runs between the five characters whole.
fn escape_into(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&s[start..i])?;
        out.write_str(entity)?;
        start = i + 1;
    }
    out.write_str(&s[start..])
}

/// A rendered page without the templates' indentation and blank lines: every line's leading
/// spaces go, and empty lines, except inside `<pre>` and `<textarea>`, where they are text.
/// A browser shows the page the same (a line break still separates what it separated), and
/// the average page is about 5 % smaller.
fn strip_indentation(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut verbatim = false;
    for line in html.split_inclusive('\n') {
        if verbatim {
            out.push_str(line);
        } else {
            let kept = line.trim_start_matches([' ', '\t']);
            if kept.trim().is_empty() {
                continue;
            }
            out.push_str(kept);
        }
        verbatim = verbatim_after(line, verbatim);
    }
    out
}

/// Whether a `<pre>` or `<textarea>` is open after `line`, given whether one was before it.
fn verbatim_after(line: &str, before: bool) -> bool {
    let last = |needles: [&str; 2]| {
        needles
            .iter()
            .filter_map(|n| {
                line.match_indices(n)
                    .filter(|(i, m)| {
                        m.ends_with('>')
                            || line[i + m.len()..]
                                .starts_with(|c: char| c == '>' || c.is_whitespace())
                    })
                    .map(|(i, _)| i)
                    .last()
            })
            .max()
    };
    match (last(["<pre", "<textarea"]), last(["</pre>", "</textarea>"])) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => before,
    }
}

fn template_error(e: &minijinja::Error, origin: &Path, text: &str) -> Diagnostic {
    let mut msg = format!("fejl i skabelonen: {}", e.kind());
    if let Some(detail) = e.detail() {
        msg.push_str(&format!(" ({detail})"));
    }
    let d = Diagnostic::error(origin, msg)
        .hint("ret skabelonen; fejlen ligger i designet, ikke i indholdet");
    match e.line() {
        Some(line) => d.at(text, line, 1),
        None => d,
    }
}

fn read_dir_files(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, String, PathBuf)>,
    problems: &mut Vec<Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel.to_string_lossy().replace('\\', "/");
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            continue;
        }
        let shown = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => out.push((name, text, shown)),
            Err(_) => problems.push(Diagnostic::error(
                shown,
                "skabelonen kunne ikke læses som UTF-8-tekst",
            )),
        }
    }
}

fn collect_statics(_root: &Path, dir: &Path, out: &mut Vec<(StaticSource, String)>) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = rel.to_string_lossy().replace('\\', "/");
            if !name.split('/').any(|p| p.starts_with('.')) && !name.ends_with('~') {
                out.push((StaticSource::Disk(entry.path().to_path_buf()), name));
            }
        }
    }
}

/// A page to render. `output` says where it goes; `page_context` gives its template and context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    Index,
    Initiative(usize),
    /// Page `n` (from 1) of a theme's list.
    Theme(usize, usize),
    /// Page `n` (from 1) of a year's list.
    Year(u16, usize),
    Plan(Plan),
    /// Page `n` (from 1) of the news list, newest first.
    Updates(usize),
    Update(usize),
    Page(usize),
    Search,
    /// Page `n` (from 1) of the list of every initiative A–Å.
    Az(usize),
    NotFound,
    Was,
    Data,
}

impl Job {
    /// The page's file, relative to the output folder.
    pub fn output(&self, s: &Site) -> String {
        let folder = match *self {
            Job::Index => String::new(),
            Job::Initiative(i) => layout::initiative_path(&s.initiatives[i].id),
            Job::Theme(t, n) => {
                layout::list_page_path(&layout::theme_path(&s.config.themes[t].slug), n)
            }
            Job::Year(y, n) => layout::list_page_path(&layout::year_path(y), n),
            Job::Plan(p) => layout::plan_path(p),
            Job::Updates(n) => layout::list_page_path("nyheder/", n),
            Job::Update(i) => layout::update_path(&s.updates[i].slug),
            Job::Page(i) => layout::page_path(&s.pages[i].slug),
            Job::Search => "soeg/".into(),
            Job::Az(n) => layout::az_path(n),
            Job::NotFound => return "404.html".into(),
            Job::Was => "was/".into(),
            Job::Data => "data/".into(),
        };
        format!("{folder}index.html")
    }

    /// The date the sitemap gives the page (when its content last changed), if known.
    fn date(&self, s: &Site) -> Option<crate::model::Date> {
        match *self {
            Job::Initiative(i) => s.initiatives[i].updated,
            Job::Updates(n) => s
                .updates
                .get(paging::places(n, s.updates.len(), paging::PER_PAGE).start)
                .and_then(|u| u.date),
            Job::Update(i) => s.updates[i].updated.or(s.updates[i].date),
            Job::Page(i) => s.pages[i].updated,
            _ => None,
        }
    }
}

/// Every page of `site`.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![Job::Index, Job::Search, Job::NotFound, Job::Was, Job::Data];
    jobs.extend(az_pages(site));
    let news_pages = paging::page_count(site.updates.len(), paging::PER_PAGE);
    jobs.extend((1..=news_pages).map(Job::Updates));
    jobs.extend((0..site.initiatives.len()).map(Job::Initiative));
    for t in (0..site.config.themes.len()).filter(|&t| !site.by_theme[t].is_empty()) {
        let pages = paging::page_count(site.by_theme[t].len(), paging::PER_PAGE);
        jobs.extend((1..=pages).map(|n| Job::Theme(t, n)));
    }
    for (&y, list) in &site.by_year {
        let pages = paging::page_count(list.len(), paging::PER_PAGE);
        jobs.extend((1..=pages).map(|n| Job::Year(y, n)));
    }
    jobs.extend(site.by_plan.keys().map(|&p| Job::Plan(p)));
    jobs.extend((0..site.updates.len()).map(Job::Update));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs
}

/// The pages that show something of initiative `i` besides the site-wide files (sitemap,
/// feed, open data): its own page, the pages and plan reports of the initiatives that show its
/// card (the same initiative in other periods, what it continues and what continues it), its
/// theme, year and plan pages, the search page, and the A–Å page that lists it. Holds as long
/// as the site's graph is unchanged, the initiative's key figures are too (they feed the
/// charts of its whole theme), and so is its title (else see `az_pages_changed`).
pub fn pages_showing(site: &Site, i: usize) -> Vec<Job> {
    let x = &site.initiatives[i];
    let mut jobs = vec![
        Job::Initiative(i),
        Job::Plan(x.id.plan),
        Job::Search,
        Job::Az(az::page_of(site, i)),
    ];
    for related in [
        &site.other_periods[i],
        &site.continues[i],
        &site.continued_by[i],
    ] {
        // Their plan reports hold their whole view too, cards included (the default plan
        // template does not show those cards, but a site's own may).
        jobs.extend(
            related
                .iter()
                .flat_map(|&j| [Job::Initiative(j), Job::Plan(site.initiatives[j].id.plan)]),
        );
    }
    // The theme's first page sums up its statuses; the page that lists the initiative shows
    // its card.
    for &t in &x.themes {
        let place = theme_list(site, t)
            .iter()
            .position(|&j| j == i)
            .unwrap_or(0);
        jobs.push(Job::Theme(t, 1));
        jobs.push(Job::Theme(t, paging::page_of(place, paging::PER_PAGE)));
    }
    for &y in &x.years {
        let place = year_list(site, y).iter().position(|&j| j == i).unwrap_or(0);
        jobs.push(Job::Year(y, paging::page_of(place, paging::PER_PAGE)));
    }
    jobs.sort_unstable();
    jobs.dedup();
    jobs
}

/// A theme's initiatives as its pages list them: the newest plan period first, each in the
/// site's order.
fn theme_list(s: &Site, t: usize) -> Vec<usize> {
    let mut list = s.by_theme[t].clone();
    // Stable: within a period, the site's order stays.
    list.sort_by_key(|&i| std::cmp::Reverse(s.initiatives[i].id.plan));
    list
}

/// A year's initiatives as its pages list them: by first theme in the site's theme order,
/// each in the site's order.
fn year_list(s: &Site, y: u16) -> Vec<usize> {
    let mut list = s.by_year.get(&y).cloned().unwrap_or_default();
    list.sort_by_key(|&i| s.initiatives[i].themes[0]);
    list
}

/// Page `n` of a list grouped by `key` (consecutive items with the same key), for a
/// template: each group's key, its items, and whether it began on an earlier page.
fn page_groups<K: PartialEq + Copy>(
    list: &[usize],
    n: usize,
    key: impl Fn(usize) -> K,
) -> Vec<(K, Vec<usize>, bool)> {
    let range = paging::places(n, list.len(), paging::PER_PAGE);
    let first = range.start;
    let mut groups: Vec<(K, Vec<usize>, bool)> = Vec::new();
    for place in range {
        let k = key(list[place]);
        match groups.last_mut() {
            Some(g) if g.0 == k => g.1.push(list[place]),
            _ => groups.push((
                k,
                vec![list[place]],
                place == first && place > 0 && key(list[place - 1]) == k,
            )),
        }
    }
    groups
}

/// What a list page says about which part of the list it shows, and its page navigation.
fn list_paging(v: &Views, path: &str, n: usize, len: usize) -> Value {
    let total = paging::page_count(len, paging::PER_PAGE);
    let range = paging::places(n, len, paging::PER_PAGE);
    let num = |k: usize| crate::text::format_number(k as f64);
    context! {
        number => n,
        total => total,
        count => num(len),
        first => num(range.start + 1),
        last => num(range.end),
        pagination => val(paging::pagination(n, total, |k| v.url(&layout::list_page_path(path, k)))),
    }
}

/// Every page of the A–Å list.
pub fn az_pages(site: &Site) -> Vec<Job> {
    (1..=az::page_count(site)).map(Job::Az).collect()
}

/// The A–Å pages a new title changes, with the order as it was before (`before`): the title
/// may move its initiative, every title between its old and new place, and where a letter
/// starts (which every page's letter index shows).
pub fn az_pages_changed(site: &Site, before: &crate::alphabet::Alphabetical) -> Vec<Job> {
    az::changed_pages(site, before)
        .into_iter()
        .map(Job::Az)
        .collect()
}

/// Renders every page of `site` with `templates`.
pub fn render(site: &Site, templates: &Templates) -> Result<Rendered, Vec<Diagnostic>> {
    let jobs = jobs(site);
    let mut files = render_pages(site, templates, &jobs)?;
    let html_pages = files.len();
    files.extend(site_files(site, None));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered {
        files,
        statics: templates.statics.clone(),
        html_pages,
    })
}

/// Renders the pages `jobs`, in parallel. Returns every distinct problem if any page fails.
pub fn render_pages(
    site: &Site,
    templates: &Templates,
    jobs: &[Job],
) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::with_capacity(jobs.len()));
    let pushed = render_pages_into(site, templates, jobs, &|f| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok::<(), std::convert::Infallible>(())
    });
    match pushed {
        Ok(()) => {
            let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
            files.sort_by(|a, b| a.path.cmp(&b.path));
            Ok(files)
        }
        Err(RenderError::Content(problems)) => Err(problems),
        Err(RenderError::Sink(never)) => match never {},
    }
}

/// Why streamed rendering stopped: problems in the site's files (every distinct one), or
/// the sink (the writer) failed.
#[derive(Debug)]
pub enum RenderError<E> {
    Content(Vec<Diagnostic>),
    Sink(E),
}

/// Renders the pages `jobs` in parallel and hands each page to `sink` as soon as it is made,
/// so that no more than a page per thread is held. The sink's first error stops the work;
/// a page that fails to render is skipped and every distinct problem is returned.
pub fn render_pages_into<E: Send>(
    site: &Site,
    templates: &Templates,
    jobs: &[Job],
    sink: &(dyn Fn(OutFile) -> Result<(), E> + Sync),
) -> Result<(), RenderError<E>> {
    let views = Views::new(site);
    let site_value = val(views.site_view());
    let problems = std::sync::Mutex::new(Vec::<Diagnostic>::new());
    jobs.par_iter()
        .try_for_each(|job| {
            let (template, ctx) = page_context(&views, job, &site_value);
            match templates.render(template, ctx) {
                Ok(html) => sink(OutFile {
                    path: job.output(site),
                    bytes: html.into_bytes(),
                }),
                Err(d) => {
                    let mut all = problems.lock().unwrap_or_else(|e| e.into_inner());
                    if !all.contains(&d) {
                        all.push(d);
                    }
                    Ok(())
                }
            }
        })
        .map_err(RenderError::Sink)?;
    let mut problems = problems.into_inner().unwrap_or_else(|e| e.into_inner());
    if problems.is_empty() {
        Ok(())
    } else {
        crate::diagnostics::sort(&mut problems);
        Err(RenderError::Content(problems))
    }
}

/// The files made from the whole site rather than one page: the sitemap (every page but the
/// 404 page and the /was/ redirect), the feed and the open data (from `rows` when given: one
/// per initiative, in the site's order, as `data::rows` makes them).
pub fn site_files(site: &Site, rows: Option<&[data::Row]>) -> Vec<OutFile> {
    let views = Views::new(site);
    let mut files = sitemap_and_feed(site);
    files.extend(match rows {
        Some(rows) => data::files_from(&views, rows),
        None => data::files(&views),
    });
    files
}

/// The sitemap (every page but the 404 page and the /was/ redirect) and the feed.
pub fn sitemap_and_feed(site: &Site) -> Vec<OutFile> {
    let views = Views::new(site);
    let mut sitemap_pages: Vec<(String, Option<crate::model::Date>)> = jobs(site)
        .iter()
        .filter(|j| !matches!(j, Job::NotFound | Job::Was))
        .map(|j| {
            let out = j.output(site);
            (out.trim_end_matches("index.html").to_string(), j.date(site))
        })
        .collect();
    sitemap_pages.sort();
    vec![
        OutFile {
            path: "sitemap.xml".into(),
            bytes: feeds::sitemap(&views, &sitemap_pages).into_bytes(),
        },
        OutFile {
            path: "feed.xml".into(),
            bytes: feeds::atom(&views).into_bytes(),
        },
    ]
}

/// A list page's title: the list's name, and on later pages which page it is ("Tobak, side 2
/// af 25"), so that every page's title is its own.
fn page_title(name: &str, n: usize, len: usize) -> String {
    let total = paging::page_count(len, paging::PER_PAGE);
    if n > 1 {
        format!("{name}, side {n} af {total}")
    } else {
        name.to_string()
    }
}

/// Any serializable view as a template value.
fn val<T: serde::Serialize>(x: T) -> Value {
    Value::from(Serde(x))
}

/// Page metadata every template gets as `page`.
fn meta(v: &Views, title: &str, path: &str, description: &str, crumbs: Vec<Link>) -> Value {
    let site_title = &v.config().title;
    let full_title = if path.is_empty() {
        site_title.clone()
    } else {
        format!("{title} – {site_title}")
    };
    // The breadcrumb names the page itself without the plan period the crumbs already show.
    let crumb = title.split(" – Handleplan ").next().unwrap_or(title);
    context! {
        title => title,
        crumb => crumb,
        full_title => full_title,
        path => path,
        url => v.url(path),
        canonical => format!("{}{}", v.config().base_url.absolute, path),
        description => description,
        crumbs => val(crumbs),
    }
}

/// The home page's top tasks, with their targets made into URLs under the site's base.
fn top_tasks(v: &Views) -> Vec<Link> {
    use crate::config::TaskTarget;
    let config = v.config();
    config
        .top_tasks
        .iter()
        .map(|t| Link {
            title: t.text.clone(),
            url: match &t.target {
                TaskTarget::Theme(i) => v.url(&layout::theme_path(&config.themes[*i].slug)),
                TaskTarget::Search(q) => format!("{}?q={}", v.url("soeg/"), query_encode(q)),
                TaskTarget::Initiative(path) => v.url(&format!("indsatser/{path}/")),
                TaskTarget::Url(url) => url.clone(),
            },
        })
        .collect()
}

/// Percent-encodes a search query for a URL's `q=` parameter (UTF-8, spaces as `+`).
fn query_encode(q: &str) -> String {
    let mut out = String::new();
    for b in q.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn home(v: &Views) -> Link {
    Link {
        title: "Forside".into(),
        url: v.url(""),
    }
}

/// The template and context of a page.
fn page_context(v: &Views, job: &Job, site_value: &Value) -> (&'static str, Value) {
    let s = v.site;
    match *job {
        Job::Index => {
            let latest: Vec<_> = s
                .updates
                .iter()
                .take(3)
                .map(|u| v.page(u, layout::update_path(&u.slug)))
                .collect();
            let ctx = context! { site => site_value, page => meta(v, &s.config.title, "", &s.config.description, vec![]), latest => val(latest), top_tasks => val(top_tasks(v)) };
            ("index.html", ctx)
        }
        Job::Initiative(i) => {
            let x = &s.initiatives[i];
            let path = layout::initiative_path(&x.id);
            let view = v.initiative(i);
            let first_theme = v.theme_link(x.themes[0]);
            let title = format!("{} – Handleplan {}", x.title, x.id.plan);
            let crumbs = vec![home(v), first_theme, v.plan_link(x.id.plan)];
            let ctx = context! { site => site_value, page => meta(v, &title, &path, &x.summary, crumbs), initiative => val(view), jsonld => Value::from_safe_string(data::initiative_ld(v, x)) };
            ("initiative.html", ctx)
        }
        Job::Theme(t, n) => {
            let theme = &s.config.themes[t];
            let path = layout::theme_path(&theme.slug);
            let list = theme_list(s, t);
            let groups: Vec<Value> = page_groups(&list, n, |i| s.initiatives[i].id.plan)
                .into_iter()
                .map(|(p, items, continued)| {
                    context! { plan => val(v.plan_link(p)), cards => val(v.cards(&items)), continued => continued }
                })
                .collect();
            let description = theme
                .description
                .clone()
                .unwrap_or_else(|| format!("Alle indsatser under temaet {}.", theme.name));
            let paging = list_paging(v, &path, n, list.len());
            let page_path = layout::list_page_path(&path, n);
            let title = page_title(&theme.name, n, list.len());
            let statuses = (n == 1).then(|| status_counts(s, &s.by_theme[t]));
            let ctx = context! { site => site_value, page => meta(v, &title, &page_path, &description, vec![home(v)]), theme => val(theme), groups => groups, count => list.len(), statuses => statuses, paging => paging };
            ("theme.html", ctx)
        }
        Job::Year(y, n) => {
            let path = layout::year_path(y);
            let list = year_list(s, y);
            let groups: Vec<Value> = page_groups(&list, n, |i| s.initiatives[i].themes[0])
                .into_iter()
                .map(|(t, items, continued)| {
                    context! { theme => val(v.theme_link(t)), cards => val(v.cards(&items)), continued => continued }
                })
                .collect();
            let title = page_title(&format!("Indsatser i {y}"), n, list.len());
            let paging = list_paging(v, &path, n, list.len());
            let page_path = layout::list_page_path(&path, n);
            let ctx = context! { site => site_value, page => meta(v, &title, &page_path, &format!("Alle indsatser, der var i gang i {y}."), vec![home(v)]), year => y, groups => groups, count => list.len(), paging => paging };
            ("year.html", ctx)
        }
        Job::Plan(p) => {
            let path = layout::plan_path(p);
            let list = &s.by_plan[&p];
            let groups: Vec<Value> = report_groups(s, list)
                .into_iter()
                .map(|(t, items)| {
                    let initiatives: Vec<_> = items
                        .iter()
                        .map(|&i| {
                            let mut view = v.initiative(i);
                            view.body_html =
                                shift_headings(&prefix_ids(&view.body_html, &view.anchor), 2);
                            view
                        })
                        .collect();
                    context! { theme => val(v.theme_link(t)), initiatives => val(initiatives) }
                })
                .collect();
            let title = format!("Status på handleplan {p}");
            let ctx = context! { site => site_value, page => meta(v, &title, &path, &format!("Status på handleplanen for sundhedsindsatsen {p}: alle indsatser, grupperet efter tema."), vec![home(v)]), plan => p.to_string(), groups => groups, count => list.len(), summary => plan_summary(v, p, list), report => val(v.report(p)) };
            ("plan.html", ctx)
        }
        Job::Updates(n) => {
            let path = "nyheder/".to_string();
            let items: Vec<_> = s.updates[paging::places(n, s.updates.len(), paging::PER_PAGE)]
                .iter()
                .map(|u| v.page(u, layout::update_path(&u.slug)))
                .collect();
            let title = page_title("Nyheder", n, s.updates.len());
            let paging = list_paging(v, &path, n, s.updates.len());
            let page_path = layout::list_page_path(&path, n);
            let ctx = context! { site => site_value, page => meta(v, &title, &page_path, "Nyt om sundhedsindsatsen, nyeste først.", vec![home(v)]), updates => val(items), paging => paging };
            ("updates.html", ctx)
        }
        Job::Update(i) => {
            let u = &s.updates[i];
            let path = layout::update_path(&u.slug);
            let view = v.page(u, path.clone());
            let description = u
                .summary
                .clone()
                .unwrap_or_else(|| crate::markdown::first_sentence(&u.body_text, 200));
            let crumbs = vec![
                home(v),
                Link {
                    title: "Nyheder".into(),
                    url: v.url("nyheder/"),
                },
            ];
            let ctx = context! { site => site_value, page => meta(v, &u.title, &path, &description, crumbs), update => val(view), jsonld => Value::from_safe_string(data::update_ld(v, u)) };
            ("update.html", ctx)
        }
        Job::Page(i) => {
            let p = &s.pages[i];
            let path = layout::page_path(&p.slug);
            let view = v.page(p, path.clone());
            let description = p
                .summary
                .clone()
                .unwrap_or_else(|| crate::markdown::first_sentence(&p.body_text, 200));
            let ctx = context! { site => site_value, page => meta(v, &p.title, &path, &description, vec![home(v)]), content => val(view) };
            ("page.html", ctx)
        }
        Job::Search => {
            let path = "soeg/".to_string();
            let filters = search_filters(v);
            let ctx = context! { site => site_value, page => meta(v, "Søg", &path, "Søg i alle indsatser, eller se dem alle fra A til Å.", vec![home(v)]), count => crate::text::format_number(s.initiatives.len() as f64), filters => filters };
            ("search.html", ctx)
        }
        Job::Az(n) => {
            let path = layout::az_path(n);
            let az = az::page(v, n);
            let ctx = context! { site => site_value, page => meta(v, &az.title, &path, &az.description, vec![home(v)]), az => val(az) };
            ("az.html", ctx)
        }
        Job::NotFound => {
            let ctx = context! { site => site_value, page => meta(v, "Siden findes ikke", "404.html", "Siden findes ikke.", vec![]) };
            ("404.html", ctx)
        }
        Job::Was => {
            let path = "was/".to_string();
            let ctx = context! { site => site_value, page => meta(v, "Tilgængelighedserklæring (videresendelse)", &path, "Kort adresse til sidens tilgængelighedserklæring.", vec![home(v)]), target => s.config.statement_url() };
            ("was.html", ctx)
        }
        Job::Data => {
            let path = "data/".to_string();
            let files = context! {
                json => v.url(data::JSON_PATH),
                schema => v.url(data::SCHEMA_PATH),
                csv => v.url(data::CSV_PATH),
            };
            let columns: Vec<&str> = data::CSV_COLUMNS.to_vec();
            let ctx = context! { site => site_value, page => meta(v, "Åbne data", &path, "Alle indsatser som åbne data i JSON og CSV, til genbrug.", vec![home(v)]), files => files, license => s.config.license.clone(), count => s.initiatives.len(), columns => columns };
            ("data.html", ctx)
        }
    }
}

/// The search page's filter groups: (URL parameter, legend, [(value in the URL, label)]).
/// The label is also the Pagefind filter value.
fn search_filters(v: &Views) -> Value {
    let s = v.site;
    let group = |param: &str, legend: &str, options: Vec<(String, String)>| {
        let options: Vec<Value> = options
            .into_iter()
            .map(|(value, label)| context! { value => value, label => label })
            .collect();
        context! { param => param, legend => legend, options => options }
    };
    let themes = (0..s.config.themes.len())
        .filter(|&t| !s.by_theme[t].is_empty())
        .map(|t| {
            (
                s.config.themes[t].slug.clone(),
                s.config.themes[t].name.clone(),
            )
        })
        .collect();
    let mut statuses: Vec<crate::model::Status> = s.initiatives.iter().map(|x| x.status).collect();
    statuses.sort();
    statuses.dedup();
    let statuses = statuses
        .into_iter()
        .map(|st| (st.key().to_string(), crate::text::capitalize(st.danish())))
        .collect();
    let plans = s
        .by_plan
        .keys()
        .rev()
        .map(|p| (p.to_string(), p.to_string()))
        .collect();
    let years = s
        .by_year
        .keys()
        .rev()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    Value::from(vec![
        group("tema", "Tema", themes),
        group("status", "Status", statuses),
        group("handleplan", "Handleplan", plans),
        group("aar", "År", years),
    ])
}

/// Counts per status of `list`, in the statuses' own order, leaving out those with none.
fn status_counts(s: &Site, list: &[usize]) -> Vec<Value> {
    crate::model::Status::ALL
        .iter()
        .filter_map(|&st| {
            let n = list.iter().filter(|&&i| s.initiatives[i].status == st).count();
            (n > 0).then(|| context! { key => st.key(), label => crate::text::capitalize(st.danish()), count => n })
        })
        .collect()
}

/// The plan page's overview: initiatives per theme (a chart) and a theme × status table.
fn plan_summary(v: &Views, p: Plan, list: &[usize]) -> Value {
    let s = v.site;
    let statuses: Vec<crate::model::Status> = crate::model::Status::ALL
        .iter()
        .copied()
        .filter(|&st| list.iter().any(|&i| s.initiatives[i].status == st))
        .collect();
    let mut bars = Vec::new();
    let mut rows = Vec::new();
    for (t, items) in report_groups(s, list) {
        let name = s.config.themes[t].name.clone();
        let text: Vec<String> = statuses
            .iter()
            .filter_map(|&st| {
                let n = items
                    .iter()
                    .filter(|&&i| s.initiatives[i].status == st)
                    .count();
                (n > 0).then(|| format!("{n} {}", st.danish()))
            })
            .collect();
        bars.push(chart::Bar {
            label: name.clone(),
            value: items.len() as f64,
        });
        rows.push(context! { theme => name, statuses => text.join(", "), total => items.len() });
    }
    let chart = chart::bar_chart(
        &format!("plan-{p}"),
        &format!("Antal indsatser pr. tema, handleplan {p}"),
        None,
        &bars,
    );
    context! { statuses => status_counts(s, list), rows => rows, chart => Value::from_safe_string(chart) }
}

/// The printed report's grouping: consecutive initiatives (in report order) under their first
/// theme; a theme seen again later joins its first group.
fn report_groups(s: &Site, list: &[usize]) -> Vec<(usize, Vec<usize>)> {
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for &i in list {
        let t = s.initiatives[i].themes[0];
        match groups.iter_mut().find(|g| g.0 == t) {
            Some(g) => g.1.push(i),
            None => groups.push((t, vec![i])),
        }
    }
    groups
}

/// Makes ids (headings, footnotes) unique on a page holding many bodies.
pub fn prefix_ids(html: &str, prefix: &str) -> String {
    // `--` never occurs in a slug, so `{slug}--{id}` cannot equal another initiative's anchor.
    html.replace(" id=\"", &format!(" id=\"{prefix}--"))
        .replace("href=\"#", &format!("href=\"#{prefix}--"))
}

/// Moves every heading `by` levels down (h2 → h4), capped at h6.
pub fn shift_headings(html: &str, by: u8) -> String {
    let mut out = html.to_string();
    for level in (2..=6u8).rev() {
        let to = (level + by).min(6);
        out = out
            .replace(&format!("<h{level}"), &format!("<h{to}"))
            .replace(&format!("</h{level}>"), &format!("</h{to}>"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_goes_except_where_it_is_text() {
        let page = "<ul>\n    <li>a</li>\n\n  <li>b</li>\n</ul>\n<pre><code>x\n    indented\n\n</code></pre>\n  <p>c\n    d</p>\n";
        assert_eq!(
            strip_indentation(page),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre><code>x\n    indented\n\n</code></pre>\n<p>c\nd</p>\n"
        );
        assert!(verbatim_after("<pre class=\"x\">", false));
        assert!(!verbatim_after("<prefix>", false));
        assert!(!verbatim_after("<pre>a</pre>", false));
        assert!(verbatim_after("text", true));
        assert_eq!(html_escape("a<b>&\"'c"), "a&lt;b&gt;&amp;&quot;&#39;c");
    }

    #[test]
    fn ids_and_headings_shift_for_the_report() {
        let html = "<h2 id=\"status\">Status</h2><p>x<sup><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup></p><h3 id=\"a\">A</h3>";
        let out = shift_headings(&prefix_ids(html, "abc"), 2);
        assert_eq!(out, "<h4 id=\"abc--status\">Status</h4><p>x<sup><a href=\"#abc--fn-1\" id=\"abc--fnref-1\">1</a></sup></p><h5 id=\"abc--a\">A</h5>");
    }
}
