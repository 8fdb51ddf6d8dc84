//! The site's pages: the route enum `Route` (every page kind, and the file each page goes to),
//! the list of every page, and which pages show something of a given initiative.
//!
//! What a page shows is built in one file per family of pages, and each family file also
//! names which of its pages show an initiative (`showing`), right next to the context that
//! shows it, so that the two change together: `front` (home, search, 404, /was/, open data),
//! `initiative`, `report` (the plan report), `lists` (theme, year and A–Å lists), `news`
//! (news and plain pages) and `offers` (each offer and their list). Rendering the pages is `render`'s job; what they are made of,
//! `views`'.

mod ended;
mod front;
mod initiative;
mod lists;
mod news;
mod offers;
mod report;

use super::views::{Link, Views};
use super::{az, paging};
use crate::layout;
use crate::model::{Date, Plan};
use crate::site::Site;
use minijinja::value::Serde;
use minijinja::{context, Value};

/// A page to render. `output` says where it goes; `page_context` gives its template and context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
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
    /// The short page that keeps the address of expired file `n` (`Site::expired`).
    Ended(usize),
    /// Offer `k` (`Site::offers`).
    Offer(usize),
    /// The list of every offer.
    Offers,
}

impl Route {
    /// The page's file, relative to the output folder.
    pub fn output(&self, s: &Site) -> String {
        let folder = match *self {
            Route::Index => String::new(),
            Route::Initiative(i) => layout::initiative_path(&s.initiatives[i].id),
            Route::Theme(t, n) => {
                layout::list_page_path(&layout::theme_path(&s.config.themes[t].slug), n)
            }
            Route::Year(y, n) => layout::list_page_path(&layout::year_path(y), n),
            Route::Plan(p) => layout::plan_path(p),
            Route::Updates(n) => layout::list_page_path(layout::UPDATES, n),
            Route::Update(i) => layout::update_path(&s.updates[i].slug),
            Route::Page(i) => layout::page_path(&s.pages[i].slug),
            Route::Search => layout::SEARCH_PAGE.into(),
            Route::Az(n) => layout::az_path(n),
            Route::NotFound => return layout::NOT_FOUND.into(),
            Route::Was => layout::WAS.into(),
            Route::Data => layout::DATA_PAGE.into(),
            Route::Ended(i) => s.expired[i].path(),
            Route::Offer(k) => layout::offer_path(&s.offers[k].slug),
            Route::Offers => layout::OFFERS.into(),
        };
        format!("{folder}{}", layout::INDEX)
    }

    /// The content file the page shows, when it shows one (under the site's folder).
    pub fn source<'s>(&self, s: &'s Site) -> Option<&'s std::path::Path> {
        match *self {
            Route::Initiative(i) => Some(&s.initiatives[i].source),
            Route::Update(i) => Some(&s.updates[i].source),
            Route::Page(i) => Some(&s.pages[i].source),
            Route::Ended(i) => Some(s.expired[i].source()),
            Route::Offer(k) => Some(&s.offers[k].source),
            _ => None,
        }
    }

    /// True for a page whose address its file's name gives (a plain page, kept or ended):
    /// such an address may not be one the portal uses itself.
    pub fn named_by_file(&self, s: &Site) -> bool {
        match *self {
            Route::Page(_) => true,
            Route::Ended(i) => matches!(s.expired[i], crate::content::Expired::Page(_)),
            _ => false,
        }
    }

    /// The date the sitemap gives the page (when its content last changed), if known.
    pub(crate) fn date(&self, s: &Site) -> Option<Date> {
        match *self {
            Route::Initiative(i) => s.initiatives[i].updated,
            Route::Updates(n) => s
                .updates
                .get(paging::places(n, s.updates.len(), paging::PER_PAGE).start)
                .and_then(|u| u.date),
            Route::Update(i) => s.updates[i].updated.or(s.updates[i].date),
            Route::Page(i) => s.pages[i].updated,
            Route::Offer(k) => s.offers[k].updated.or(s.offers[k].confirmed),
            _ => None,
        }
    }
}

/// Every page of `site`.
pub fn all_routes(site: &Site) -> Vec<Route> {
    let mut routes = vec![
        Route::Index,
        Route::Search,
        Route::NotFound,
        Route::Was,
        Route::Data,
    ];
    routes.extend(az_pages(site));
    let news_pages = paging::page_count(site.updates.len(), paging::PER_PAGE);
    routes.extend((1..=news_pages).map(Route::Updates));
    routes.extend((0..site.initiatives.len()).map(Route::Initiative));
    for t in (0..site.config.themes.len()).filter(|&t| site.has_theme_page(t)) {
        let pages = paging::page_count(site.by_theme[t].len(), paging::PER_PAGE);
        routes.extend((1..=pages).map(|n| Route::Theme(t, n)));
    }
    for (&y, list) in &site.by_year {
        let pages = paging::page_count(list.len(), paging::PER_PAGE);
        routes.extend((1..=pages).map(|n| Route::Year(y, n)));
    }
    routes.extend(site.by_plan.keys().map(|&p| Route::Plan(p)));
    routes.extend((0..site.updates.len()).map(Route::Update));
    routes.extend((0..site.pages.len()).map(Route::Page));
    routes.extend((0..site.expired.len()).map(Route::Ended));
    if !site.offers.is_empty() {
        routes.push(Route::Offers);
        routes.extend((0..site.offers.len()).map(Route::Offer));
    }
    routes
}

/// The pages that show something of initiative `i` besides the site-wide files (sitemap,
/// feed, open data): its own page, the pages and plan reports of the initiatives that show its
/// card (the same initiative in other periods, what it continues and what continues it), its
/// theme, year and plan pages, the search page, and the A–Å page that lists it. Holds as long
/// as the site's graph is unchanged, the initiative's key figures are too (they feed the
/// charts of its whole theme), and so is its title (else see `az_pages_changed`).
///
/// Each family of pages answers for its own pages, next to the context it builds.
pub fn pages_showing(site: &Site, i: usize) -> Vec<Route> {
    let mut routes = initiative::showing(site, i);
    routes.extend(report::showing(site, i));
    routes.extend(lists::showing(site, i));
    routes.extend(front::showing(site, i));
    routes.extend(news::showing(site, i));
    routes.extend(ended::showing(site, i));
    routes.extend(offers::showing(site, i));
    routes.sort_unstable();
    routes.dedup();
    routes
}

/// Every page of the A–Å list.
pub fn az_pages(site: &Site) -> Vec<Route> {
    (1..=az::page_count(site)).map(Route::Az).collect()
}

/// The A–Å pages a new title changes, with the order as it was before (`before`): the title
/// may move its initiative, every title between its old and new place, and where a letter
/// starts (which every page's letter index shows).
pub fn az_pages_changed(site: &Site, before: &crate::site::alphabet::Alphabetical) -> Vec<Route> {
    az::changed_pages(site, before)
        .into_iter()
        .map(Route::Az)
        .collect()
}

/// The template and context of a page. `site_value` is the site's view, the same on every page.
pub(super) fn page_context(v: &Views, route: &Route, site_value: &Value) -> (&'static str, Value) {
    match *route {
        Route::Index => front::index(v, site_value),
        Route::Initiative(i) => initiative::context(v, i, site_value),
        Route::Theme(t, n) => lists::theme(v, t, n, site_value),
        Route::Year(y, n) => lists::year(v, y, n, site_value),
        Route::Plan(p) => report::context(v, p, site_value),
        Route::Updates(n) => news::list(v, n, site_value),
        Route::Update(i) => news::update(v, i, site_value),
        Route::Page(i) => news::page(v, i, site_value),
        Route::Search => front::search(v, site_value),
        Route::Az(n) => lists::az(v, n, site_value),
        Route::NotFound => front::not_found(v, site_value),
        Route::Was => front::was(v, site_value),
        Route::Data => front::data(v, site_value),
        Route::Ended(i) => ended::context(v, i, site_value),
        Route::Offer(k) => offers::offer(v, k, site_value),
        Route::Offers => offers::list(v, site_value),
    }
}

/// The initiatives whose pages and plan reports show initiative `i`'s card: the same
/// initiative in other periods, what it continues and what continues it.
fn related(site: &Site, i: usize) -> impl Iterator<Item = usize> + '_ {
    [
        &site.other_periods[i],
        &site.continues[i],
        &site.continued_by[i],
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Any serializable view as a template value.
pub(super) fn val<T: serde::Serialize>(x: T) -> Value {
    Value::from(Serde(x))
}

/// Page metadata every template gets as `page`; the breadcrumb names the page by its title.
fn meta(v: &Views, title: &str, path: &str, description: &str, crumbs: Vec<Link>) -> Value {
    meta_crumb(v, title, title, path, description, crumbs)
}

/// Page metadata, with the breadcrumb naming the page `crumb` (shorter than its title when the
/// crumbs before it already say the rest).
fn meta_crumb(
    v: &Views,
    title: &str,
    crumb: &str,
    path: &str,
    description: &str,
    crumbs: Vec<Link>,
) -> Value {
    let site_title = &v.config().title;
    let full_title = if path.is_empty() {
        site_title.clone()
    } else {
        format!("{title} – {site_title}")
    };
    context! {
        title => title,
        crumb => crumb,
        full_title => full_title,
        path => path,
        url => v.url(path),
        canonical => v.absolute(path),
        description => description,
        crumbs => val(crumbs),
    }
}

/// The breadcrumb's first step.
fn home(v: &Views) -> Link {
    Link {
        title: "Forside".into(),
        url: v.url(""),
    }
}
