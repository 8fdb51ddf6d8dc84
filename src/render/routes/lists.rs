//! The list pages: a theme's and a year's initiatives as cards (grouped, `paging::PER_PAGE` to
//! a page) and the list of every initiative A–Å; with what a list page says about the part it
//! shows (its title on later pages, "1–50 af 120", the page navigation), which the news list
//! uses too.

use super::report::status_counts;
use super::{home, meta, val, Route};
use crate::layout;
use crate::render::views::Views;
use crate::render::{az, paging};
use crate::site::aging::ReportAge;
use crate::site::Site;
use crate::text::format_number;
use minijinja::{context, Value};

/// The list pages that show initiative `i`: the first page of each of its themes (it sums up
/// the theme's statuses), the theme and year pages that list its card, and the A–Å page that
/// lists it.
pub(super) fn showing(site: &Site, i: usize) -> Vec<Route> {
    let x = &site.initiatives[i];
    let mut routes = vec![Route::Az(az::page_of(site, i))];
    for &t in &x.themes {
        let place = theme_list(site, t)
            .iter()
            .position(|&j| j == i)
            .unwrap_or(0);
        routes.push(Route::Theme(t, 1));
        routes.push(Route::Theme(t, paging::page_of(place, paging::PER_PAGE)));
    }
    for &y in &x.years {
        let place = year_list(site, y).iter().position(|&j| j == i).unwrap_or(0);
        routes.push(Route::Year(y, paging::page_of(place, paging::PER_PAGE)));
    }
    routes
}

/// Page `n` of theme `t`: its offers (first page), then its initiatives by plan period,
/// newest first.
pub(super) fn theme(v: &Views, t: usize, n: usize, site_value: &Value) -> (&'static str, Value) {
    let s = v.site;
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
    let statuses = (n == 1 && !list.is_empty()).then(|| status_counts(s, &s.by_theme[t]));
    // The counts of current statuses hold until the first of them grows old.
    let statuses_stale_from = s.by_theme[t]
        .iter()
        .filter_map(|&i| ReportAge::of(s, s.initiatives[i].id.plan).stale_from)
        .min()
        .map(|d| d.iso());
    // The theme's offers come first, on its first page: what a citizen can use now.
    let offers = (n == 1).then(|| v.offer_cards(&s.offers_by_theme[t]));
    let contact = crate::render::offer::site_contact(v.config());
    let ctx = context! { site => site_value, page => meta(v, &title, &page_path, &description, vec![home(v)]), theme => val(theme), groups => groups, count => list.len(), statuses => statuses, statuses_stale_from => statuses_stale_from, paging => paging, offers => val(offers), contact => val(contact) };
    ("theme.html", ctx)
}

/// Page `n` of year `y`: the initiatives running that year, by theme.
pub(super) fn year(v: &Views, y: u16, n: usize, site_value: &Value) -> (&'static str, Value) {
    let s = v.site;
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

/// Page `n` of the list of every initiative A–Å (what it holds is `az`'s).
pub(super) fn az(v: &Views, n: usize, site_value: &Value) -> (&'static str, Value) {
    let path = layout::az_path(n);
    let az = az::page(v, n);
    let ctx = context! { site => site_value, page => meta(v, &az.title, &path, &az.description, vec![home(v)]), az => val(az) };
    ("az.html", ctx)
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
pub(super) fn list_paging(v: &Views, path: &str, n: usize, len: usize) -> Value {
    let total = paging::page_count(len, paging::PER_PAGE);
    let range = paging::places(n, len, paging::PER_PAGE);
    let num = |k: usize| format_number(k as f64);
    context! {
        number => n,
        total => total,
        count => num(len),
        first => num(range.start + 1),
        last => num(range.end),
        pagination => val(paging::pagination(n, total, |k| v.url(&layout::list_page_path(path, k)))),
    }
}

/// A list page's title: the list's name, and on later pages which page it is ("Tobak, side 2
/// af 25"), so that every page's title is its own.
pub(super) fn page_title(name: &str, n: usize, len: usize) -> String {
    let total = paging::page_count(len, paging::PER_PAGE);
    if n > 1 {
        format!("{name}, side {n} af {total}")
    } else {
        name.to_string()
    }
}
