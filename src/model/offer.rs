//! An offer a citizen can use (`content/tilbud/<slug>.md`): who can join, what happens, where,
//! the courses that start (`hold`), the price, whom to contact, the day its facts were last
//! confirmed, and the plan's initiatives that report on it. Validated by `content::offer`;
//! which courses are still to come and whether the facts are old is read against the build
//! date by `render`.

use super::{Contact, Date, InitiativeId, OfferForm, Schedule};
use std::path::PathBuf;

/// One course start (`hold:`): the day it starts, and where and how when the editor says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    pub start: Date,
    /// The time of day it starts and ends, when given (`tid: 10.00-12.00`).
    pub time: Option<TimeSpan>,
    pub place: Option<String>,
    pub form: Option<OfferForm>,
    /// A short note: `Hold for mænd`, `Aftenhold`.
    pub note: Option<String>,
    /// The file line of the course's item, for problems found after reading.
    pub line: usize,
}

/// A time of day, whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock {
    pub hour: u8,
    pub minute: u8,
}

impl Clock {
    /// `10.00`, `10:00`, `9.30`, `kl. 9` → the time; `None` for anything else.
    pub fn parse(s: &str) -> Option<Clock> {
        let s = s.trim();
        let s = s.strip_prefix("kl.").unwrap_or(s).trim();
        let (h, m) = match s.split_once(['.', ':']) {
            Some((h, m)) => (h, m),
            None => (s, "00"),
        };
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        let hour: u8 = h.parse().ok()?;
        let minute: u8 = m.parse().ok()?;
        (hour < 24 && minute < 60).then_some(Clock { hour, minute })
    }

    /// `10.00`, as Danish writes a time.
    pub fn danish(&self) -> String {
        format!("{:02}.{:02}", self.hour, self.minute)
    }
}

/// From a time to a later one on the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeSpan {
    pub from: Clock,
    pub to: Clock,
}

impl TimeSpan {
    /// `10.00-12.00` (or with `–`, or `til`); `None` unless the end is after the start.
    pub fn parse(s: &str) -> Option<TimeSpan> {
        let (a, b) = s
            .split_once('–')
            .or_else(|| s.split_once('-'))
            .or_else(|| s.split_once(" til "))?;
        let (from, to) = (Clock::parse(a)?, Clock::parse(b)?);
        (to > from).then_some(TimeSpan { from, to })
    }

    /// `kl. 10.00-12.00`
    pub fn danish(&self) -> String {
        format!("kl. {}-{}", self.from.danish(), self.to.danish())
    }
}

/// Whom to contact about an offer: a contact and its opening hours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferContact {
    pub contact: Contact,
    /// `Mandag-fredag kl. 9-12`
    pub hours: Option<String>,
}

/// One offer, validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Offer {
    pub slug: String,
    /// Source file, relative to the site root.
    pub source: PathBuf,
    pub title: String,
    /// "Kort fortalt": two sentences for the top of the page and for lists.
    pub summary: String,
    /// Indexes into `SiteConfig::themes`.
    pub themes: Vec<usize>,
    /// Who can join (`målgruppe`).
    pub target_group: Option<String>,
    pub referral: Option<String>,
    /// What happens (`indhold`).
    pub content: Option<String>,
    /// How many sessions, how long (`omfang`).
    pub extent: Option<String>,
    /// `holdstørrelse`: `Højst 12 deltagere`.
    pub group_size: Option<String>,
    pub forms: Vec<OfferForm>,
    /// Where (`sted`): one or more places.
    pub places: Vec<String>,
    /// The course starts, in date order.
    pub courses: Vec<Course>,
    pub price: Option<String>,
    /// How to sign up, rendered from Markdown.
    pub signup_html: Option<String>,
    /// Where to sign up online: the page's primary action "Tilmeld dig".
    pub signup_url: Option<String>,
    pub contact: Option<OfferContact>,
    /// `bekræftet`: the day the facts were last confirmed.
    pub confirmed: Option<Date>,
    /// The plan's initiatives that report on the offer ("Sådan er det gået").
    pub initiatives: Vec<InitiativeId>,
    /// The line of the `indsatser` key, for links that lead nowhere.
    pub initiatives_line: Option<usize>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub schedule: Schedule,
    pub body_html: String,
    pub body_text: String,
    pub body_blocks: crate::text::blocks::BlockEnds,
}

impl Offer {
    /// The courses that have not started by `today`, in date order.
    pub fn coming_courses(&self, today: Date) -> impl Iterator<Item = &Course> {
        self.courses.iter().filter(move |c| c.start >= today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_danish_writes_them() {
        let t = TimeSpan::parse("10.00-12.00").expect("a span");
        assert_eq!(t.danish(), "kl. 10.00-12.00");
        assert_eq!(
            TimeSpan::parse("kl. 9.30 til 11").map(|t| t.danish()),
            Some("kl. 09.30-11.00".into())
        );
        assert_eq!(TimeSpan::parse("12.00-10.00"), None);
        assert_eq!(TimeSpan::parse("25.00-26.00"), None);
        assert_eq!(TimeSpan::parse("om formiddagen"), None);
    }
}
