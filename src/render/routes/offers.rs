//! The offers' pages: each offer's own page (with its schema.org JSON-LD) and the list of
//! every offer (`tilbud/`).

use super::{home, meta, meta_crumb, val, Route};
use crate::layout;
use crate::render::jsonld;
use crate::render::views::{Link, Views};
use crate::site::Site;
use minijinja::{context, Value};

/// The offer pages that show initiative `i`: those of the offers it reports on, which list
/// its card under "Sådan er det gået".
pub(super) fn showing(site: &Site, i: usize) -> Vec<Route> {
    site.initiative_offers[i]
        .iter()
        .map(|&k| Route::Offer(k))
        .collect()
}

/// The breadcrumb step to the list of offers.
fn offers_link(v: &Views) -> Link {
    Link {
        title: "Tilbud".into(),
        url: v.url(layout::OFFERS),
    }
}

/// The page of offer `k`.
pub(super) fn offer(v: &Views, k: usize, site_value: &Value) -> (&'static str, Value) {
    let o = &v.site.offers[k];
    let path = layout::offer_path(&o.slug);
    let view = v.offer(k);
    let crumbs = vec![home(v), offers_link(v)];
    let page = meta_crumb(v, &o.title, &o.title, &path, &o.summary, crumbs);
    let ctx = context! { site => site_value, page => page, offer => val(view), jsonld => Value::from_safe_string(jsonld::offer(v, o)) };
    ("offer.html", ctx)
}

/// `tilbud/`: every offer, by theme in the site's order.
pub(super) fn list(v: &Views, site_value: &Value) -> (&'static str, Value) {
    let s = v.site;
    let groups: Vec<Value> = (0..s.config.themes.len())
        .filter(|&t| !s.offers_by_theme[t].is_empty())
        .map(|t| context! { theme => val(v.theme_link(t)), cards => val(v.offer_cards(&s.offers_by_theme[t])) })
        .collect();
    let description = "Forløb, hold og rådgivning, du kan bruge: hvem kan være med, hvornår, hvor, hvad det koster, og hvem du ringer til.";
    let ctx = context! {
        site => site_value,
        page => meta(v, "Tilbud du kan bruge", layout::OFFERS, description, vec![home(v)]),
        groups => groups,
        count => s.offers.len(),
        calendar_url => v.url(layout::OFFERS_CALENDAR),
        contact => val(crate::render::offer::site_contact(v.config())),
    };
    ("offers.html", ctx)
}
