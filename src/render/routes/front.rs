//! The site's fixed pages: the home page (latest news, top tasks), the search page (its
//! filters), the 404 page, the /was/ redirect to the accessibility statement, and the open
//! data page.

use super::{home, meta, val, Route};
use crate::layout;
use crate::model::Kind;
use crate::model::Status;
use crate::render::data;
use crate::render::views::{Link, Views, HISTORY_KEY};
use crate::site::aging::ReportAge;
use crate::site::Site;
use crate::text::{capitalize, format_number};
use minijinja::{context, Value};

/// The fixed pages that show initiative `i`: the search page, whose filters offer its status,
/// themes, plan period and years. (The home and open-data pages show only counts and the
/// site's own lists, which change with the site's graph.)
pub(super) fn showing(_site: &Site, _i: usize) -> Vec<Route> {
    vec![Route::Search]
}

/// The home page.
pub(super) fn index(v: &Views, site_value: &Value) -> (&'static str, Value) {
    let s = v.site;
    let latest: Vec<_> = s
        .updates
        .iter()
        .take(3)
        .map(|u| v.page(u, layout::update_path(&u.slug)))
        .collect();
    // "Seneste nyt" only while the newest item is within the site's limit for old facts.
    let limit = s.config.status_stale_after;
    let news_is_recent = s
        .updates
        .first()
        .and_then(|u| u.date)
        .is_some_and(|d| d.month_of().months_until(s.date.month_of()) <= limit);
    let ctx = context! { site => site_value, page => meta(v, &s.config.title, "", &s.config.description, vec![]), latest => val(latest), top_tasks => val(top_tasks(v)), offers => val(v.offer_cards(&(0..s.offers.len()).collect::<Vec<_>>())), offers_url => v.url(layout::OFFERS), news_is_recent => news_is_recent };
    ("index.html", ctx)
}

/// The search page.
pub(super) fn search(v: &Views, site_value: &Value) -> (&'static str, Value) {
    let path = crate::layout::SEARCH_PAGE.to_string();
    let filters = search_filters(v);
    let ctx = context! { site => site_value, page => meta(v, "Søg", &path, "Søg i alle indsatser, eller se dem alle fra A til Å.", vec![home(v)]), count => format_number(v.site.initiatives.len() as f64), filters => filters };
    ("search.html", ctx)
}

/// The 404 page.
pub(super) fn not_found(v: &Views, site_value: &Value) -> (&'static str, Value) {
    let ctx = context! { site => site_value, page => meta(v, "Siden findes ikke", "404.html", "Siden findes ikke.", vec![]) };
    ("404.html", ctx)
}

/// `was/`: the short address of the accessibility statement.
pub(super) fn was(v: &Views, site_value: &Value) -> (&'static str, Value) {
    let path = "was/".to_string();
    let ctx = context! { site => site_value, page => meta(v, "Tilgængelighedserklæring (videresendelse)", &path, "Kort adresse til sidens tilgængelighedserklæring.", vec![home(v)]), target => v.site.config.statement_url() };
    ("was.html", ctx)
}

/// `data/`: what the open data holds and where its files are.
pub(super) fn data(v: &Views, site_value: &Value) -> (&'static str, Value) {
    let s = v.site;
    let path = "data/".to_string();
    let files = context! {
        json => v.url(data::JSON_PATH),
        schema => v.url(data::SCHEMA_PATH),
        csv => v.url(data::CSV_PATH),
        offers => (!s.offers.is_empty()).then(|| v.url(data::offers::JSON_PATH)),
        offers_schema => v.url(data::offers::SCHEMA_PATH),
        calendar => v.url(layout::OFFERS_CALENDAR),
    };
    let columns: Vec<&str> = data::CSV_COLUMNS.to_vec();
    let ctx = context! { site => site_value, page => meta(v, "Åbne data", &path, "Alle indsatser som åbne data i JSON og CSV, til genbrug.", vec![home(v)]), files => files, license => s.config.license.clone(), count => s.initiatives.len(), columns => columns };
    ("data.html", ctx)
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
    // A status that is history at the build date is filtered as such, as its tag shows it.
    let current = |i: usize| ReportAge::of(s, s.initiatives[i].id.plan).is_current();
    let history = (0..s.initiatives.len()).any(|i| !current(i));
    let mut now: Vec<Status> = (0..s.initiatives.len())
        .filter(|&i| current(i))
        .map(|i| s.initiatives[i].status)
        .collect();
    now.sort();
    now.dedup();
    let mut statuses: Vec<(String, String)> = now
        .into_iter()
        .map(|st| (st.key().to_string(), capitalize(st.danish())))
        .collect();
    if history {
        statuses.push((
            HISTORY_KEY.to_string(),
            "Status fra ældre statusrapporter".into(),
        ));
    }
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
    // What a result is, offers first: a citizen looking for something to join can keep to
    // offers. Only the kinds the site has (adding the first offer or news item is a full build).
    let kinds = Kind::ALL
        .into_iter()
        .filter(|k| match k {
            Kind::Offer => !s.offers.is_empty(),
            Kind::Initiative => !s.initiatives.is_empty(),
            Kind::Update => !s.updates.is_empty(),
            Kind::Page => !s.pages.is_empty(),
        })
        .map(|k| (k.value().to_string(), k.plural().to_string()))
        .collect();
    Value::from(vec![
        group("type", "Type", kinds),
        group("tema", "Tema", themes),
        group("status", "Status", statuses),
        group("handleplan", "Handleplan", plans),
        group("aar", "År", years),
    ])
}

/// The home page's top tasks, with their targets made into URLs under the site's base. A top
/// task to an offer that is not on the site today (not yet published, expired, a draft, or
/// not written) is left out rather than leading nowhere.
fn top_tasks(v: &Views) -> Vec<Link> {
    use crate::config::TaskTarget;
    let config = v.config();
    config
        .top_tasks
        .iter()
        .filter(|t| match &t.target {
            TaskTarget::Offer(slug) => v.site.offers.iter().any(|o| &o.slug == slug),
            _ => true,
        })
        .map(|t| Link {
            title: t.text.clone(),
            url: match &t.target {
                TaskTarget::Theme(i) => v.url(&layout::theme_path(&config.themes[*i].slug)),
                TaskTarget::Search(q) => format!("{}?q={}", v.url("soeg/"), query_encode(q)),
                TaskTarget::Initiative(path) => v.url(&crate::layout::initiative_path_of(path)),
                TaskTarget::Offer(slug) => v.url(&crate::layout::offer_path(slug)),
                TaskTarget::Path(path) => v.url(path),
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
