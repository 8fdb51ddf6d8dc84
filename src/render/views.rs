//! What templates see: one plain, serializable view per thing on a page, with every URL
//! already built against the site's base path and every date already written out in Danish.
//! Templates lay these out; they never sort, filter or compute.

use super::chart::{series, Series};
use super::offer::ContactView;
use crate::config::{Goal, SiteConfig, SiteContact};
use crate::layout;
use crate::model::{Initiative, Page, Plan, Schedule, Status};
use crate::site::aging::ReportAge;
use crate::site::Site;
use crate::text::{capitalize, format_number};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Site-wide facts every page shows (header, footer, navigation).
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub owner: String,
    pub lang: String,
    /// The base path links start with, e.g. `/` or `/sundhed/`.
    pub base: String,
    pub contact: SiteContact,
    /// Who sends the portal, with the logo's URL made under the base.
    pub sender: Option<crate::config::Sender>,
    /// The site's phone as a `tel:` link (`offer::tel_href`, the one rule for every page).
    pub phone_href: Option<String>,
    pub statement_url: String,
    /// The first page of the list of every initiative A–Å.
    pub az_url: String,
    pub themes: Vec<ThemeLink>,
    pub plans: Vec<Link>,
    pub years: Vec<Link>,
    pub pages: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeLink {
    pub name: String,
    pub url: String,
    pub description: Option<String>,
    pub count: usize,
    /// How many offers the theme has.
    pub offers: usize,
}

/// An initiative's status as a tag: in its colour while it is what runs now, else as dated
/// history in a neutral style (`aging`).
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// `Igangværende`; for history `Seneste status (april 2021): igangværende`.
    pub label: String,
    /// The CSS class and search filter key: the status's own, or `historisk` for history.
    pub key: &'static str,
    /// The status is what runs now.
    pub current: bool,
    /// While current: the first day it is history (`2022-05-01`), for the page's script.
    pub stale_from: Option<String>,
    /// While current: the label it has from that day.
    pub stale_label: Option<String>,
}

/// The key of a status that is history (the neutral tag).
pub const HISTORY_KEY: &str = "historisk";

impl StatusView {
    pub fn new(status: Status, age: &ReportAge) -> StatusView {
        let history = match age.date_danish() {
            Some(d) => format!("Seneste status ({d}): {}", status.danish()),
            None => format!("Seneste status: {}", status.danish()),
        };
        if age.is_current() {
            StatusView {
                label: capitalize(status.danish()),
                key: status.key(),
                current: true,
                stale_from: age.stale_from.map(|d| d.iso()),
                stale_label: age.stale_from.map(|_| history),
            }
        } else {
            StatusView {
                label: history,
                key: HISTORY_KEY,
                current: false,
                stale_from: None,
                stale_label: None,
            }
        }
    }
}

/// An initiative in a list.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub title: String,
    pub url: String,
    pub plan: String,
    pub plan_url: String,
    pub themes: Vec<Link>,
    pub status: StatusView,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    pub label: String,
    pub value: String,
    pub unit: Option<String>,
    pub year: Option<u16>,
}

/// Which status report an initiative's text comes from, when it was made, and whether its
/// statuses are still what runs now at the build date (`aging`).
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// `2020-2021`
    pub plan: String,
    pub plan_url: String,
    /// `april 2021` (`ca. april 2021` for an estimate), when `site.yaml` gives the date.
    pub date: Option<String>,
    /// `2021-04`
    pub date_iso: Option<String>,
    /// The plan period has ended: a newer plan period's report exists, or its last year is
    /// over at the build date.
    pub ended: bool,
    /// The status report is older than the site's limit (`status_forældet_efter`).
    pub stale: bool,
    /// Neither: its statuses are shown as what runs now.
    pub current: bool,
    /// While current: the first day they are not (`2022-05-01`), for the page's script.
    pub stale_from: Option<String>,
    /// The limit in months, for the notice's words.
    pub limit_months: u32,
}

/// Everything about one initiative that its page (and the plan report) shows.
#[derive(Debug, Clone, Serialize)]
pub struct InitiativeView {
    pub card: Card,
    /// A draft (`udkast: true`), shown only by `serve` or `build --drafts`: marked "Kladde".
    pub draft: bool,
    pub anchor: String,
    pub years: Vec<Link>,
    pub purpose: String,
    /// The purpose split at blank lines, for reports whose tables had several rows.
    pub purpose_paragraphs: Vec<String>,
    pub goals: Vec<Goal>,
    pub actors: Vec<String>,
    pub timeline: Option<String>,
    pub target_group: Option<String>,
    pub signup_html: Option<String>,
    pub contact: Option<ContactView>,
    pub place: Option<String>,
    pub figures: Vec<FigureView>,
    /// Whether any key figure has a year (else the table has no "År" column).
    pub figures_dated: bool,
    /// Inline SVG charts (already escaped HTML).
    pub charts: Vec<String>,
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    pub body_html: String,
    pub other_periods: Vec<Card>,
    pub continues: Vec<Card>,
    pub continued_by: Vec<Card>,
    pub report: ReportView,
    /// What a citizen can do next: the offers it reports on, or the one line that says it is
    /// not an offer and where to turn.
    pub next_step: NextStepView,
    /// The site's contact, for "whom to ask" on initiatives whose status is history.
    pub site_contact: ContactView,
    /// `udgives` is later than the build date (only in the preview or with `--fremtid`):
    /// `1. februar 2027`.
    pub scheduled: Option<String>,
    /// `udløber`, when set: the last day it is on the site.
    pub expires: Option<String>,
}

/// The line under an initiative's summary: "Vil du være med?" and its offers, or, for a
/// project no one signs up for, that it is not an offer, with the theme's offers or the
/// site's phone.
#[derive(Debug, Clone, Serialize)]
pub struct NextStepView {
    /// The offers the initiative reports on.
    pub offers: Vec<Link>,
    /// For an initiative with no offer: its first theme's offers, when the theme has any.
    pub theme_offers: Option<Link>,
    /// The site's contact.
    pub contact: ContactView,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    pub url: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub updated: Option<String>,
    pub summary: Option<String>,
    pub body_html: String,
    /// A draft (`udkast: true`), shown only by `serve` or `build --drafts`: marked "Kladde".
    pub draft: bool,
    /// `udgives` is later than the build date (preview, `--fremtid`): `1. februar 2027`.
    pub scheduled: Option<String>,
    /// `udløber`, when set: the last day it is on the site.
    pub expires: Option<String>,
}

/// Builds views for one site; holds the base path so every URL comes out right.
pub struct Views<'s> {
    pub site: &'s Site,
    base: String,
    /// Key figures by (plan period, first theme, label): (year, value, unit), for time series.
    pub(super) series: Series<'s>,
}

impl<'s> Views<'s> {
    pub fn new(site: &'s Site) -> Self {
        Views {
            site,
            base: site.config.base_url.path.clone(),
            series: series(site),
        }
    }

    pub fn config(&self) -> &SiteConfig {
        &self.site.config
    }

    /// A link target inside the site: base path + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The full address of `path` (for machine-read files and canonical links): the site's
    /// absolute base URL + `path`.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_url.absolute)
    }

    pub fn site_view(&self) -> SiteView {
        let c = &self.site.config;
        SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            owner: c.owner.clone(),
            lang: c.language.clone(),
            base: self.base.clone(),
            contact: c.contact.clone(),
            phone_href: c.contact.phone.as_deref().map(super::offer::tel_href),
            sender: c.sender.clone().map(|s| crate::config::Sender {
                logo: s.logo.map(|l| self.url(&l)),
                ..s
            }),
            statement_url: c.statement_url(),
            az_url: self.url(&layout::az_path(1)),
            themes: c
                .themes
                .iter()
                .enumerate()
                .filter(|(i, _)| self.site.has_theme_page(*i))
                .map(|(i, t)| ThemeLink {
                    name: t.name.clone(),
                    url: self.url(&layout::theme_path(&t.slug)),
                    description: t.description.clone(),
                    count: self.site.by_theme[i].len(),
                    offers: self.site.offers_by_theme[i].len(),
                })
                .collect(),
            plans: self
                .site
                .by_plan
                .keys()
                .rev()
                .map(|&p| self.plan_link(p))
                .collect(),
            years: self
                .site
                .by_year
                .keys()
                .rev()
                .map(|&y| Link {
                    title: y.to_string(),
                    url: self.url(&layout::year_path(y)),
                })
                .collect(),
            pages: self
                .site
                .pages
                .iter()
                .map(|p| Link {
                    title: p.title.clone(),
                    url: self.url(&layout::page_path(&p.slug)),
                })
                .collect(),
        }
    }

    pub fn plan_link(&self, p: Plan) -> Link {
        Link {
            title: format!("Handleplan {p}"),
            url: self.url(&layout::plan_path(p)),
        }
    }

    pub fn theme_link(&self, t: usize) -> Link {
        let theme = &self.site.config.themes[t];
        Link {
            title: theme.name.clone(),
            url: self.url(&layout::theme_path(&theme.slug)),
        }
    }

    pub fn card(&self, i: usize) -> Card {
        let x = &self.site.initiatives[i];
        Card {
            title: x.title.clone(),
            url: self.url(&layout::initiative_path(&x.id)),
            plan: x.id.plan.to_string(),
            plan_url: self.url(&layout::plan_path(x.id.plan)),
            themes: x.themes.iter().map(|&t| self.theme_link(t)).collect(),
            status: StatusView::new(x.status, &ReportAge::of(self.site, x.id.plan)),
            summary: x.summary.clone(),
        }
    }

    pub fn cards(&self, list: &[usize]) -> Vec<Card> {
        list.iter().map(|&i| self.card(i)).collect()
    }

    pub fn initiative(&self, i: usize) -> InitiativeView {
        let x: &Initiative = &self.site.initiatives[i];
        let c = &self.site.config;
        let report = self.report(x.id.plan);
        InitiativeView {
            card: self.card(i),
            draft: x.draft,
            anchor: x.id.slug.clone(),
            years: x
                .years
                .iter()
                .map(|&y| Link {
                    title: y.to_string(),
                    url: self.url(&layout::year_path(y)),
                })
                .collect(),
            purpose: x.purpose.clone(),
            purpose_paragraphs: x
                .purpose
                .split("\n\n")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect(),
            // A goal is shown in its own words, or not at all (`site.yaml` may give only numbers).
            goals: x
                .goals
                .iter()
                .filter_map(|&g| c.goal(g).filter(|g| !g.text.is_empty()).cloned())
                .collect(),
            actors: x.actors.clone(),
            timeline: x.timeline.clone(),
            target_group: x.target_group.clone(),
            signup_html: x.signup_html.clone(),
            contact: x.contact.as_ref().map(|k| ContactView {
                name: k.name.clone(),
                phone: k.phone.clone(),
                phone_href: k.phone.as_deref().map(super::offer::tel_href),
                email: k.email.clone(),
                url: k.url.clone(),
                own: true,
            }),
            place: x.place.clone(),
            figures: x
                .key_figures
                .iter()
                .map(|k| FigureView {
                    label: k.label.clone(),
                    value: format_number(k.value),
                    unit: k.unit.clone(),
                    year: k.year,
                })
                .collect(),
            figures_dated: x.key_figures.iter().any(|k| k.year.is_some()),
            charts: super::chart::charts(&self.series, x),
            updated: x.updated.map(|d| d.danish()),
            updated_iso: x.updated.map(|d| d.iso()),
            body_html: x.body_html.clone(),
            other_periods: self.cards(&self.site.other_periods[i]),
            continues: self.cards(&self.site.continues[i]),
            continued_by: self.cards(&self.site.continued_by[i]),
            next_step: self.next_step(i),
            report,
            site_contact: super::offer::site_contact(&self.site.config),
            scheduled: self.scheduled(&x.schedule),
            expires: x.schedule.expires.map(|d| d.danish()),
        }
    }

    /// What a citizen can do next from initiative `i`'s page.
    pub fn next_step(&self, i: usize) -> NextStepView {
        let s = self.site;
        let offers = s.initiative_offers[i]
            .iter()
            .map(|&k| Link {
                title: s.offers[k].title.clone(),
                url: self.url(&layout::offer_path(&s.offers[k].slug)),
            })
            .collect::<Vec<_>>();
        let theme_offers = s.initiatives[i]
            .themes
            .iter()
            .find(|&&t| !s.offers_by_theme[t].is_empty())
            .filter(|_| offers.is_empty())
            .map(|&t| {
                let l = self.theme_link(t);
                Link {
                    title: format!("tilbud om {}", l.title.to_lowercase()),
                    url: format!("{}#tilbud", l.url),
                }
            });
        NextStepView {
            offers,
            theme_offers,
            contact: super::offer::site_contact(&s.config),
        }
    }

    /// The day a file scheduled for later is published (`udgives`), when that is after the
    /// build date: the preview marks it "Planlagt til …".
    fn scheduled(&self, s: &Schedule) -> Option<String> {
        s.is_scheduled(self.site.date)
            .then(|| s.publish.map(|d| d.danish()))
            .flatten()
    }

    /// The status report of plan period `plan`: its date from `site.yaml`, and how old its
    /// statuses are at the build date (`aging`).
    pub fn report(&self, plan: Plan) -> ReportView {
        let age = ReportAge::of(self.site, plan);
        ReportView {
            plan: plan.to_string(),
            plan_url: self.url(&layout::plan_path(plan)),
            date: age.date_danish(),
            date_iso: age.status_date.map(|d| d.iso()),
            ended: age.ended,
            stale: age.stale,
            current: age.is_current(),
            stale_from: age.stale_from.map(|d| d.iso()),
            limit_months: self.site.config.status_stale_after,
        }
    }

    pub fn page(&self, p: &Page, path: String) -> PageView {
        PageView {
            title: p.title.clone(),
            url: self.url(&path),
            date: p.date.map(|d| d.danish()),
            date_iso: p.date.map(|d| d.iso()),
            updated: p.updated.map(|d| d.danish()),
            summary: p.summary.clone(),
            body_html: p.body_html.clone(),
            draft: p.draft,
            scheduled: self.scheduled(&p.schedule),
            expires: p.schedule.expires.map(|d| d.danish()),
        }
    }
}
