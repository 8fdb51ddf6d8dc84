//! How old a plan period's statuses are at the build date. A status is current while its
//! plan period runs (no newer period is on the site, and its last year is not before the
//! build date's year) and its status report is no more than `status_forældet_efter` months
//! old. Anything else is history: pages show it in a neutral style with its date, never as
//! what runs now, and `check` warns about it. Pure: the build date comes with the site.

use crate::model::{Date, Month, Plan};
use crate::site::Site;

/// The age of plan period `plan`'s statuses at the site's build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportAge {
    /// The month of the period's status report, when `site.yaml` gives it.
    pub status_date: Option<Month>,
    /// The status date is an estimate (`anslået: ja`): "ca. april 2021".
    pub estimated: bool,
    /// A newer plan period is on the site, or the period's last year is over.
    pub ended: bool,
    /// The status report is more than the site's limit old.
    pub stale: bool,
    /// While current: the first day the statuses are no longer current, so that a page that
    /// is not built again can still tell its reader (`data-stale-from`).
    pub stale_from: Option<Date>,
}

impl ReportAge {
    pub fn of(site: &Site, plan: Plan) -> ReportAge {
        let settings = site.config.plan_settings(plan);
        let status_date = settings.and_then(|s| s.status_date);
        let limit = site.config.status_stale_after;
        let today = site.date;
        let newer = site.by_plan.keys().any(|p| p.last > plan.last);
        let ended = newer || plan.last < today.year;
        let stale = status_date.is_some_and(|d| d.months_until(today.month_of()) > limit);
        // The period ends with its last year; the report grows old `limit` months on.
        let period_end = Date::parse(&format!("{:04}-01-01", plan.last.saturating_add(1)));
        let report_end = status_date.map(|d| d.plus(limit + 1).first_day());
        let stale_from = match (period_end, report_end) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        ReportAge {
            status_date,
            estimated: settings.is_some_and(|s| s.estimated),
            ended,
            stale,
            stale_from: stale_from.filter(|_| !ended && !stale),
        }
    }

    /// Its statuses can be shown as what runs now.
    pub fn is_current(&self) -> bool {
        !self.ended && !self.stale
    }

    /// `april 2021`, or `ca. april 2021` for an estimate.
    pub fn date_danish(&self) -> Option<String> {
        let d = self.status_date?.danish();
        Some(if self.estimated {
            format!("ca. {d}")
        } else {
            d
        })
    }
}
