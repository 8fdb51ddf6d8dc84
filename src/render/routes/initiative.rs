//! An initiative's own page: its whole view, with the cards of its related initiatives, and
//! its schema.org JSON-LD.

use super::{home, meta_crumb, related, val, Route};
use crate::layout;
use crate::render::jsonld;
use crate::render::views::Views;
use crate::site::Site;
use minijinja::{context, Value};

/// The initiative pages that show initiative `i`: its own, and those of the initiatives that
/// show its card (see `related`).
pub(super) fn showing(site: &Site, i: usize) -> Vec<Route> {
    let mut routes = vec![Route::Initiative(i)];
    routes.extend(related(site, i).map(Route::Initiative));
    routes
}

/// The page of initiative `i`.
pub(super) fn context(v: &Views, i: usize, site_value: &Value) -> (&'static str, Value) {
    let x = &v.site.initiatives[i];
    let path = layout::initiative_path(&x.id);
    let view = v.initiative(i);
    let first_theme = v.theme_link(x.themes[0]);
    let title = format!("{} – Handleplan {}", x.title, x.id.plan);
    let crumbs = vec![home(v), first_theme, v.plan_link(x.id.plan)];
    // The breadcrumb names the initiative without the plan period its last crumb shows.
    let page = meta_crumb(v, &title, &x.title, &path, &x.summary, crumbs);
    let ctx = context! { site => site_value, page => page, initiative => val(view), jsonld => Value::from_safe_string(jsonld::initiative(v, x)) };
    ("initiative.html", ctx)
}
