//! The short page that keeps the address of a file whose `udløber` has passed: it says the
//! content has ended and when, and where to go instead (the initiative's themes, the news,
//! the search, the front page) with whom to ask, so that old links and bookmarks never break.
//! It is on no list, in no search, feed, sitemap or open data, and asks search engines to
//! forget it.

use super::{home, meta, val, Route};
use crate::content::Expired;
use crate::layout;
use crate::render::offer::site_contact;
use crate::render::views::{Link, Views};
use crate::site::Site;
use minijinja::{context, Value};
use serde::Serialize;

/// The ended pages that show initiative `i`: none (an expired file is not in the graph).
pub(super) fn showing(_site: &Site, _i: usize) -> Vec<Route> {
    Vec::new()
}

#[derive(Serialize)]
struct EndedView {
    title: String,
    /// `indsatsen`, `tilbuddet`, `nyheden` or `siden`: what ended.
    what: &'static str,
    /// `31. december 2026`
    last_day: Option<String>,
    last_day_iso: Option<String>,
    /// Where to go instead, most specific first.
    links: Vec<Link>,
}

/// Ended page `i` (of `Site::expired`).
pub(super) fn context(v: &Views, i: usize, site_value: &Value) -> (&'static str, Value) {
    let e = &v.site.expired[i];
    let mut links: Vec<Link> = Vec::new();
    let what = match e {
        Expired::Initiative(x) => {
            links.extend(x.themes.iter().map(|&t| {
                let mut l = v.theme_link(t);
                l.title = format!("Temaet {}", l.title);
                l
            }));
            links.push(Link {
                title: "Alle indsatser fra A til Å".into(),
                url: v.url(&layout::az_path(1)),
            });
            "indsatsen"
        }
        Expired::Update(_) => {
            links.push(Link {
                title: "Nyheder".into(),
                url: v.url(layout::UPDATES),
            });
            "nyheden"
        }
        Expired::Page(_) => "siden",
        Expired::Offer(o) => {
            links.extend(o.themes.iter().map(|&t| {
                let mut l = v.theme_link(t);
                l.title = format!("Temaet {}", l.title);
                l
            }));
            links.push(Link {
                title: "Alle tilbud".into(),
                url: v.url(layout::OFFERS),
            });
            "tilbuddet"
        }
    };
    links.push(Link {
        title: "Søg efter et tilbud eller en indsats".into(),
        url: v.url(layout::SEARCH_PAGE),
    });
    links.push(Link {
        title: "Forsiden".into(),
        url: v.url(""),
    });
    let view = EndedView {
        title: e.title().to_string(),
        what,
        last_day: e.last_day().map(|d| d.danish()),
        last_day_iso: e.last_day().map(|d| d.iso()),
        links,
    };
    let path = e.path();
    let description = format!("{} er ikke længere på portalen.", e.title());
    let ctx = context! {
        site => site_value,
        page => meta(v, e.title(), &path, &description, vec![home(v)]),
        ended => val(view),
        contact => val(site_contact(v.config())),
    };
    ("ended.html", ctx)
}
