//! The editors' pages: the news list (`nyheder/`, newest first), each news item, and the plain
//! pages (`om-handleplanen/`). None of them shows an initiative.

use super::lists::{list_paging, page_title};
use super::{home, meta, val, Route};
use crate::layout;
use crate::markdown::default_summary;
use crate::render::jsonld;
use crate::render::paging;
use crate::render::views::{Link, Views};
use crate::site::Site;
use minijinja::{context, Value};

/// The news and plain pages that show initiative `i`: none (their text may link to it, but
/// a link does not change with the initiative).
pub(super) fn showing(_site: &Site, _i: usize) -> Vec<Route> {
    Vec::new()
}

/// Page `n` of the news list.
pub(super) fn list(v: &Views, n: usize, site_value: &Value) -> (&'static str, Value) {
    let s = v.site;
    let path = crate::layout::UPDATES.to_string();
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

/// News item `i`.
pub(super) fn update(v: &Views, i: usize, site_value: &Value) -> (&'static str, Value) {
    let u = &v.site.updates[i];
    let path = layout::update_path(&u.slug);
    let view = v.page(u, path.clone());
    let description = u
        .summary
        .clone()
        .unwrap_or_else(|| default_summary(&u.body_text));
    let crumbs = vec![
        home(v),
        Link {
            title: "Nyheder".into(),
            url: v.url(crate::layout::UPDATES),
        },
    ];
    let ctx = context! { site => site_value, page => meta(v, &u.title, &path, &description, crumbs), update => val(view), jsonld => Value::from_safe_string(jsonld::update(v, u)) };
    ("update.html", ctx)
}

/// Plain page `i`.
pub(super) fn page(v: &Views, i: usize, site_value: &Value) -> (&'static str, Value) {
    let p = &v.site.pages[i];
    let path = layout::page_path(&p.slug);
    let view = v.page(p, path.clone());
    let description = p
        .summary
        .clone()
        .unwrap_or_else(|| default_summary(&p.body_text));
    let ctx = context! { site => site_value, page => meta(v, &p.title, &path, &description, vec![home(v)]), content => val(view) };
    ("page.html", ctx)
}
