//! What an offer's page and an offer's card show: the facts a citizen asks first, the
//! courses still to come at the build date (each carrying the day it passes, for the page's
//! script), whom to contact (the offer's own, else the site's), whether the facts are older
//! than the site's limit, and the initiatives that report on it. Templates lay this out.

use super::offer::{site_contact, tel_href, ContactView};
use super::views::{Card, Link, Views};
use crate::layout;
use crate::model::{Course, Date, Offer, OfferForm};
use crate::text::capitalize;
use serde::Serialize;

/// The page's one primary action: sign up online, or call, or write.
#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    /// `Tilmeld dig`, `Ring til Sundhedscenteret: 36 37 70 00`
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CourseView {
    /// `1. september 2021`
    pub date: String,
    pub date_iso: String,
    /// `kl. 10.00-12.00`
    pub time: Option<String>,
    pub place: Option<String>,
    /// `Hold`, `Online`
    pub form: Option<String>,
    pub note: Option<String>,
    /// The day after it starts: from then the page's script hides it.
    pub gone_from: String,
}

/// An offer in a list.
#[derive(Debug, Clone, Serialize)]
pub struct OfferCard {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub themes: Vec<Link>,
    /// The next course start, when one is planned: `1. september 2021`.
    pub next: Option<String>,
    pub price: Option<String>,
}

/// Everything an offer's page shows.
#[derive(Debug, Clone, Serialize)]
pub struct OfferView {
    pub card: OfferCard,
    /// The list of every offer (`tilbud/`).
    pub list_url: String,
    pub draft: bool,
    pub action: Option<ActionView>,
    pub target_group: Option<String>,
    pub referral: Option<String>,
    pub content: Option<String>,
    pub extent: Option<String>,
    pub group_size: Option<String>,
    /// `Hold, online`
    pub forms: Option<String>,
    pub places: Vec<String>,
    pub online: bool,
    /// The courses that start on or after the build date.
    pub courses: Vec<CourseView>,
    /// The day after the last coming course: from then the page's script shows that none
    /// is planned.
    pub courses_end: Option<String>,
    /// The offer's calendar of coming courses (`hold.ics`), when any is planned.
    pub calendar_url: Option<String>,
    pub signup_html: Option<String>,
    pub contact: ContactView,
    pub hours: Option<String>,
    /// `27. april 2021`
    pub confirmed: Option<String>,
    pub confirmed_iso: Option<String>,
    /// The facts were confirmed longer ago than the site's limit: call before coming.
    pub confirmed_stale: bool,
    /// While not stale: the first day they are, for the page's script.
    pub stale_from: Option<String>,
    /// The initiatives that report on it ("Sådan er det gået").
    pub reports: Vec<Card>,
    pub body_html: String,
    pub scheduled: Option<String>,
    pub expires: Option<String>,
}

impl Views<'_> {
    pub fn offer_card(&self, k: usize) -> OfferCard {
        let o = &self.site.offers[k];
        OfferCard {
            title: o.title.clone(),
            url: self.url(&layout::offer_path(&o.slug)),
            summary: o.summary.clone(),
            themes: o.themes.iter().map(|&t| self.theme_link(t)).collect(),
            next: o
                .coming_courses(self.site.date)
                .next()
                .map(|c| c.start.danish()),
            price: o.price.clone(),
        }
    }

    pub fn offer_cards(&self, list: &[usize]) -> Vec<OfferCard> {
        list.iter().map(|&k| self.offer_card(k)).collect()
    }

    pub fn offer(&self, k: usize) -> OfferView {
        let o: &Offer = &self.site.offers[k];
        let today = self.site.date;
        let courses: Vec<&Course> = o.coming_courses(today).collect();
        let contact = offer_contact(self, o);
        let limit = self.site.config.status_stale_after;
        let stale = o.confirmed.is_some_and(|d| is_stale(d, today, limit));
        OfferView {
            card: self.offer_card(k),
            list_url: self.url(layout::OFFERS),
            draft: o.draft,
            action: action(o, &contact),
            target_group: o.target_group.clone(),
            referral: o.referral.clone(),
            content: o.content.clone(),
            extent: o.extent.clone(),
            group_size: o.group_size.clone(),
            forms: forms(&o.forms),
            places: o.places.clone(),
            online: o.forms.contains(&OfferForm::Online),
            courses: courses.iter().map(|c| course_view(c)).collect(),
            courses_end: courses
                .last()
                .and_then(|c| next_day(c.start))
                .map(|d| d.iso()),
            calendar_url: (!courses.is_empty())
                .then(|| self.url(&layout::offer_calendar_path(&o.slug))),
            signup_html: o.signup_html.clone(),
            hours: o
                .contact
                .as_ref()
                .filter(|_| contact.own)
                .and_then(|c| c.hours.clone()),
            contact,
            confirmed: o.confirmed.map(|d| d.danish()),
            confirmed_iso: o.confirmed.map(|d| d.iso()),
            confirmed_stale: stale,
            stale_from: o
                .confirmed
                .filter(|_| !stale)
                .map(|d| d.month_of().plus(limit + 1).first_day().iso()),
            reports: self.cards(&self.site.offer_initiatives[k]),
            body_html: o.body_html.clone(),
            scheduled: o
                .schedule
                .is_scheduled(today)
                .then(|| o.schedule.publish.map(|d| d.danish()))
                .flatten(),
            expires: o.schedule.expires.map(|d| d.danish()),
        }
    }
}

/// Facts confirmed on `confirmed` are old at `today` past `limit` months (as status reports
/// grow old, `aging`).
fn is_stale(confirmed: Date, today: Date, limit: u32) -> bool {
    confirmed.month_of().months_until(today.month_of()) > limit
}

/// The offer's own contact when it gives a phone or an e-mail, else the site's.
fn offer_contact(v: &Views, o: &Offer) -> ContactView {
    match o
        .contact
        .as_ref()
        .map(|c| &c.contact)
        .filter(|c| c.phone.is_some() || c.email.is_some())
    {
        Some(c) => ContactView {
            name: Some(c.name.clone().unwrap_or_else(|| v.config().owner.clone())),
            phone: c.phone.clone(),
            phone_href: c.phone.as_deref().map(tel_href),
            email: c.email.clone(),
            url: c.url.clone(),
            own: true,
        },
        None => site_contact(v.config()),
    }
}

/// Sign up online when the offer has a link; else call; else write.
fn action(o: &Offer, c: &ContactView) -> Option<ActionView> {
    let name = c.name.clone().unwrap_or_default();
    if let Some(url) = &o.signup_url {
        return Some(ActionView {
            label: "Tilmeld dig".into(),
            url: url.clone(),
        });
    }
    if let (Some(phone), Some(href)) = (&c.phone, &c.phone_href) {
        return Some(ActionView {
            label: format!("Ring til {name}: {phone}"),
            url: href.clone(),
        });
    }
    c.email.as_ref().map(|e| ActionView {
        label: format!("Skriv til {name}"),
        url: format!("mailto:{e}"),
    })
}

fn forms(forms: &[OfferForm]) -> Option<String> {
    let words: Vec<&str> = forms.iter().map(|f| f.danish()).collect();
    (!words.is_empty()).then(|| capitalize(&words.join(", ")))
}

fn course_view(c: &Course) -> CourseView {
    CourseView {
        date: c.start.danish(),
        date_iso: c.start.iso(),
        time: c.time.map(|t| t.danish()),
        place: c.place.clone(),
        form: c.form.map(|f| capitalize(f.danish())),
        note: c.note.clone(),
        gone_from: next_day(c.start).map_or_else(|| c.start.iso(), |d| d.iso()),
    }
}

/// The day after `d`.
pub(crate) fn next_day(d: Date) -> Option<Date> {
    Date::from_unix_days(d.unix_days() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_grow_old_past_the_limit_in_months() {
        let d = |s| Date::parse(s).expect("date");
        assert!(!is_stale(d("2021-04-27"), d("2022-04-30"), 12));
        assert!(is_stale(d("2021-04-27"), d("2022-05-01"), 12));
        assert_eq!(next_day(d("2021-12-31")), Some(d("2022-01-01")));
    }
}
