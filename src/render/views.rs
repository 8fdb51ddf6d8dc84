//! What templates see: one plain, serializable view per thing on a page, with every URL
//! already built against the site's base path and every date already written out in Danish.
//! Templates lay these out; they never sort, filter or compute.

use crate::config::{Goal, SiteConfig, SiteContact};
use crate::layout;
use crate::model::{Contact, Initiative, Page, Plan, Status};
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
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub label: String,
    pub key: &'static str,
}

impl From<Status> for StatusView {
    fn from(s: Status) -> Self {
        StatusView {
            label: capitalize(s.danish()),
            key: s.key(),
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

#[derive(Debug, Clone, Serialize)]
pub struct OfferView {
    pub price: Option<String>,
    pub forms: Vec<&'static str>,
    pub extent: Option<String>,
    pub starts: Vec<String>,
    pub signup_status: Option<&'static str>,
    pub referral: Option<String>,
}

/// Which status report an initiative's text comes from, and when it was made.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// `2020-2021`
    pub plan: String,
    pub plan_url: String,
    /// `april 2021`, when `site.yaml` gives the report's date.
    pub date: Option<String>,
    /// `2021-04`
    pub date_iso: Option<String>,
    /// The plan period has ended: a newer plan period's report exists.
    pub ended: bool,
}

/// Whom a citizen calls or writes to: the initiative's own contact, else the site's.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: Option<String>,
    pub phone: Option<String>,
    /// `tel:+4536377000`
    pub phone_href: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    /// True when these are the initiative's own channels, false for the site's.
    pub own: bool,
}

/// The "Sådan får du tilbuddet" box: what a citizen needs to act, from the offer facts.
#[derive(Debug, Clone, Serialize)]
pub struct HowToView {
    pub target_group: Option<String>,
    pub referral: Option<String>,
    pub signup_html: Option<String>,
    /// `Åben`, `Venteliste`, …
    pub signup_status: Option<String>,
    pub place: Option<String>,
    pub starts: Vec<String>,
    /// `Hold, online`
    pub forms: Option<String>,
    pub extent: Option<String>,
    pub price: Option<String>,
    /// False when the initiative gives none of the facts above: the box then says whom to ask.
    pub has_facts: bool,
    pub contact: ContactView,
}

/// Everything about one initiative that its page (and the plan report) shows.
#[derive(Debug, Clone, Serialize)]
pub struct InitiativeView {
    pub card: Card,
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
    pub contact: Option<Contact>,
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
    pub offer: Option<OfferView>,
    pub report: ReportView,
    /// The offer box, on initiatives that are offers (see `Views::how_to`).
    pub how_to: Option<HowToView>,
    /// The site's contact, for "whom to ask" on initiatives of ended plan periods.
    pub site_contact: ContactView,
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
}

/// Key figures by (plan period, first theme, label): (year, value, unit).
type Series<'s> =
    std::collections::HashMap<(&'s Plan, usize, &'s str), Vec<(u16, f64, Option<&'s str>)>>;

/// Builds views for one site; holds the base path so every URL comes out right.
pub struct Views<'s> {
    pub site: &'s Site,
    base: String,
    /// Key figures by (plan period, first theme, label): (year, value, unit), for time series.
    series: Series<'s>,
}

impl<'s> Views<'s> {
    pub fn new(site: &'s Site) -> Self {
        let mut series: Series<'s> = Series::new();
        for x in &site.initiatives {
            for k in &x.key_figures {
                if let Some(year) = k.year {
                    series
                        .entry((&x.id.plan, x.themes[0], k.label.as_str()))
                        .or_default()
                        .push((year, k.value, k.unit.as_deref()));
                }
            }
        }
        for points in series.values_mut() {
            points.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            points.dedup_by(|a, b| a.0 == b.0);
        }
        Views {
            site,
            base: site.config.base_url.path.clone(),
            series,
        }
    }

    pub fn config(&self) -> &SiteConfig {
        &self.site.config
    }

    /// A link target inside the site: base path + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
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
            statement_url: c.statement_url(),
            az_url: self.url(&layout::az_path(1)),
            themes: c
                .themes
                .iter()
                .enumerate()
                .filter(|(i, _)| !self.site.by_theme[*i].is_empty())
                .map(|(i, t)| ThemeLink {
                    name: t.name.clone(),
                    url: self.url(&layout::theme_path(&t.slug)),
                    description: t.description.clone(),
                    count: self.site.by_theme[i].len(),
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
            status: x.status.into(),
            summary: x.summary.clone(),
        }
    }

    pub fn cards(&self, list: &[usize]) -> Vec<Card> {
        list.iter().map(|&i| self.card(i)).collect()
    }

    pub fn initiative(&self, i: usize) -> InitiativeView {
        let x: &Initiative = &self.site.initiatives[i];
        let c = &self.site.config;
        InitiativeView {
            card: self.card(i),
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
            goals: x.goals.iter().filter_map(|&g| c.goal(g).cloned()).collect(),
            actors: x.actors.clone(),
            timeline: x.timeline.clone(),
            target_group: x.target_group.clone(),
            signup_html: x.signup_html.clone(),
            contact: x.contact.clone(),
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
            charts: self.charts(i),
            updated: x.updated.map(|d| d.danish()),
            updated_iso: x.updated.map(|d| d.iso()),
            body_html: x.body_html.clone(),
            other_periods: self.cards(&self.site.other_periods[i]),
            continues: self.cards(&self.site.continues[i]),
            continued_by: self.cards(&self.site.continued_by[i]),
            offer: offer_view(x),
            report: self.report(x.id.plan),
            how_to: self.how_to(x),
            site_contact: self.site_contact(),
        }
    }

    /// The status report of plan period `plan`: its date from `site.yaml`, and whether the
    /// period has ended. A period has ended when a newer one is on the site (its last year is
    /// before the newest period's last year); the calendar is not asked, so the same content
    /// always builds the same pages.
    pub fn report(&self, plan: Plan) -> ReportView {
        let date = self.site.config.status_date(plan);
        let newest_last = self.site.by_plan.keys().map(|p| p.last).max();
        ReportView {
            plan: plan.to_string(),
            plan_url: self.url(&layout::plan_path(plan)),
            date: date.map(|d| d.danish()),
            date_iso: date.map(|d| d.iso()),
            ended: newest_last.is_some_and(|last| plan.last < last),
        }
    }

    /// The offer box, or `None` when the initiative is not an offer. An initiative is an offer
    /// when it gives a citizen-facing fact (`målgruppe`, `tilmelding`, `sted`, `kontakt` or one
    /// of the offer facts), or when it belongs to the newest plan period and is not cancelled:
    /// then the box says whom to ask. Ended periods' initiatives without such facts get the
    /// ended-period notice instead, which names whom to ask too.
    pub fn how_to(&self, x: &Initiative) -> Option<HowToView> {
        let o = &x.offer;
        let has_facts = x.target_group.is_some()
            || x.signup_html.is_some()
            || x.place.is_some()
            || o.price.is_some()
            || !o.forms.is_empty()
            || o.extent.is_some()
            || !o.starts.is_empty()
            || o.signup_status.is_some()
            || o.referral.is_some();
        let own = x
            .contact
            .as_ref()
            .filter(|c| c.phone.is_some() || c.email.is_some());
        // Of a running plan period, only what runs or is planned (not what is done, put off or
        // cancelled) is offered to citizens without facts of its own.
        let live =
            !self.report(x.id.plan).ended && matches!(x.status, Status::Ongoing | Status::Planned);
        if !(has_facts || own.is_some() || live) {
            return None;
        }
        let forms: Vec<&str> = o.forms.iter().map(|f| f.danish()).collect();
        Some(HowToView {
            target_group: x.target_group.clone(),
            referral: o.referral.clone(),
            signup_html: x.signup_html.clone(),
            signup_status: o.signup_status.map(|s| capitalize(s.danish())),
            place: x.place.clone(),
            starts: o.starts.iter().map(|d| d.danish()).collect(),
            forms: (!forms.is_empty()).then(|| capitalize(&forms.join(", "))),
            extent: o.extent.clone(),
            price: o.price.clone(),
            has_facts,
            contact: match own {
                Some(c) => ContactView {
                    // "Spørg …" needs a name: the site's owner when the contact gives none.
                    name: Some(
                        c.name
                            .clone()
                            .unwrap_or_else(|| self.site.config.owner.clone()),
                    ),
                    phone: c.phone.clone(),
                    phone_href: c.phone.as_deref().map(tel_href),
                    email: c.email.clone(),
                    url: c.url.clone(),
                    own: true,
                },
                None => self.site_contact(),
            },
        })
    }

    /// The site's own contact (`kontakt:` in `site.yaml`), named by its owner when unnamed.
    pub fn site_contact(&self) -> ContactView {
        let c = &self.site.config;
        ContactView {
            name: Some(c.contact.name.clone().unwrap_or_else(|| c.owner.clone())),
            phone: c.contact.phone.clone(),
            phone_href: c.contact.phone.as_deref().map(tel_href),
            email: c.contact.email.clone(),
            url: None,
            own: false,
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
        }
    }
}

impl Views<'_> {
    /// An initiative's charts: one for each measure (label) that has figures for two or more
    /// consecutive years within the initiative's own plan period (its own figures, or another
    /// initiative's of the same theme and period). A series never splices two periods or skips a
    /// year, and two measures never share a scale; single figures stand in the table only.
    pub fn charts(&self, i: usize) -> Vec<String> {
        use super::chart::{bar_chart, Bar};
        let x = &self.site.initiatives[i];
        let mut out = Vec::new();
        let mut seen_labels: Vec<&str> = Vec::new();
        for k in &x.key_figures {
            if seen_labels.contains(&k.label.as_str()) {
                continue;
            }
            seen_labels.push(&k.label);
            let Some(points) = self
                .series
                .get(&(&x.id.plan, x.themes[0], k.label.as_str()))
            else {
                continue;
            };
            let consecutive = points.windows(2).all(|w| w[1].0 == w[0].0 + 1);
            if points.len() < 2 || !consecutive {
                continue;
            }
            let bars: Vec<Bar> = points
                .iter()
                .map(|(y, v, _)| Bar {
                    label: y.to_string(),
                    value: *v,
                })
                .collect();
            let first = points.first().map_or(0, |p| p.0);
            let last = points.last().map_or(0, |p| p.0);
            let title = format!("{}, {first}-{last}", k.label);
            out.push(bar_chart(
                &format!("{}-serie-{}", x.id.slug, out.len() + 1),
                &title,
                k.unit.as_deref(),
                &bars,
            ));
        }
        out
    }
}

fn offer_view(x: &Initiative) -> Option<OfferView> {
    let o = &x.offer;
    let empty = o.price.is_none()
        && o.forms.is_empty()
        && o.extent.is_none()
        && o.starts.is_empty()
        && o.signup_status.is_none()
        && o.referral.is_none();
    (!empty).then(|| OfferView {
        price: o.price.clone(),
        forms: o.forms.iter().map(|f| f.danish()).collect(),
        extent: o.extent.clone(),
        starts: o.starts.iter().map(|d| d.danish()).collect(),
        signup_status: o.signup_status.map(|s| s.danish()),
        referral: o.referral.clone(),
    })
}

/// `tel:` link for a phone number as written: `36 37 70 00` → `tel:36377000`,
/// `+45 36 37 70 00` → `tel:+4536377000`.
pub fn tel_href(phone: &str) -> String {
    let mut out = String::from("tel:");
    for (i, c) in phone.trim().chars().enumerate() {
        if c.is_ascii_digit() || (i == 0 && c == '+') {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_links_keep_digits_and_a_leading_plus() {
        assert_eq!(tel_href("36 37 70 00"), "tel:36377000");
        assert_eq!(tel_href("+45 36-37-70-00"), "tel:+4536377000");
    }
}
