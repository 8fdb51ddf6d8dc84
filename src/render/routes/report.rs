//! The plan report (`handleplan/2020-2021/`): every initiative of a plan period with its whole
//! text, grouped by theme as the printed report was, and an overview (initiatives per theme
//! as a chart, a theme × status table). Also the status counts the theme pages show.

use super::{home, meta, related, val, Route};
use crate::layout;
use crate::model::{Plan, Status};
use crate::render::chart;
use crate::render::html::{prefix_ids, shift_headings};
use crate::render::views::{Views, HISTORY_KEY};
use crate::site::aging::ReportAge;
use crate::site::Site;
use crate::text::capitalize;
use minijinja::{context, Value};

/// The plan reports that show initiative `i`: its own period's, and those of the initiatives
/// that show its card. Those reports hold their whole view, cards included (the default plan
/// template does not show the cards, but a site's own may).
pub(super) fn showing(site: &Site, i: usize) -> Vec<Route> {
    let mut routes = vec![Route::Plan(site.initiatives[i].id.plan)];
    routes.extend(related(site, i).map(|j| Route::Plan(site.initiatives[j].id.plan)));
    routes
}

/// The report of plan period `p`.
pub(super) fn context(v: &Views, p: Plan, site_value: &Value) -> (&'static str, Value) {
    let s = v.site;
    let path = layout::plan_path(p);
    let list = &s.by_plan[&p];
    let groups: Vec<Value> = report_groups(s, list)
        .into_iter()
        .map(|(t, items)| {
            let initiatives: Vec<_> = items
                .iter()
                .map(|&i| {
                    let mut view = v.initiative(i);
                    view.body_html = shift_headings(&prefix_ids(&view.body_html, &view.anchor), 2);
                    view
                })
                .collect();
            context! { theme => val(v.theme_link(t)), initiatives => val(initiatives) }
        })
        .collect();
    let title = format!("Status på handleplan {p}");
    let ctx = context! { site => site_value, page => meta(v, &title, &path, &format!("Status på handleplanen for sundhedsindsatsen {p}: alle indsatser, grupperet efter tema."), vec![home(v)]), plan => p.to_string(), groups => groups, count => list.len(), summary => plan_summary(v, p, list), report => val(v.report(p)), contact => val(crate::render::offer::site_contact(v.config())) };
    ("plan.html", ctx)
}

/// Counts per status of `list` at the build date, in the statuses' own order, leaving out
/// those with none: only current statuses are counted as what they say; the others (an
/// ended plan period, an old report) are counted once as history.
pub(super) fn status_counts(s: &Site, list: &[usize]) -> Vec<Value> {
    let current = |i: usize| ReportAge::of(s, s.initiatives[i].id.plan).is_current();
    let mut counts: Vec<Value> = Status::ALL
        .iter()
        .filter_map(|&st| {
            let n = list
                .iter()
                .filter(|&&i| s.initiatives[i].status == st && current(i))
                .count();
            (n > 0)
                .then(|| context! { key => st.key(), label => capitalize(st.danish()), count => n })
        })
        .collect();
    let old = list.iter().filter(|&&i| !current(i)).count();
    if old > 0 {
        counts.push(context! { key => HISTORY_KEY, label => "Status fra ældre statusrapporter", count => old });
    }
    counts
}

/// Counts per status of plan period `p`'s `list`, as its report gave them: in the statuses'
/// colours while they are current, neutral once they are history (the page dates them).
fn report_counts(s: &Site, p: Plan, list: &[usize]) -> Vec<Value> {
    let current = ReportAge::of(s, p).is_current();
    Status::ALL
        .iter()
        .filter_map(|&st| {
            let n = list
                .iter()
                .filter(|&&i| s.initiatives[i].status == st)
                .count();
            let key = if current { st.key() } else { HISTORY_KEY };
            (n > 0).then(|| context! { key => key, label => capitalize(st.danish()), count => n })
        })
        .collect()
}

/// The plan page's overview: initiatives per theme (a chart) and a theme × status table.
fn plan_summary(v: &Views, p: Plan, list: &[usize]) -> Value {
    let s = v.site;
    let statuses: Vec<Status> = Status::ALL
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
    context! { statuses => report_counts(s, p, list), rows => rows, chart => Value::from_safe_string(chart) }
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
