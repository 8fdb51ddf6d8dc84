//! The validated content of a site: initiatives, updates and plain pages, with types that
//! cannot hold invalid values (a status is one of five, a plan period is two ordered years,
//! a date is a real date). Produced by `content`, consumed by `site` and `render`; this module
//! parses nothing from files itself. Calendar dates and months live in `date`.

pub mod clock;
mod date;
mod offer;

pub use date::{Date, Month, MONTHS_DA};
pub use offer::{Course, Offer, OfferContact, TimeSpan};

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// A plan period such as 2020-2021 (first year ≤ last year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Plan {
    pub first: u16,
    pub last: u16,
}

impl Plan {
    /// Parses `"2020-2021"`; `None` unless both are plausible years in order.
    pub fn parse(s: &str) -> Option<Plan> {
        let (a, b) = s.split_once('-')?;
        if a.len() != 4 || b.len() != 4 {
            return None;
        }
        let first: u16 = a.parse().ok()?;
        let last: u16 = b.parse().ok()?;
        (YEARS.contains(&first) && YEARS.contains(&last) && first <= last && last - first <= 10)
            .then_some(Plan { first, last })
    }

    pub fn years(&self) -> impl Iterator<Item = u16> {
        self.first..=self.last
    }
}

/// Years a site can talk about; keeps typos such as 20211 or 99999 out.
pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=2199;

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.first, self.last)
    }
}

impl Serialize for Plan {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
/// Where an initiative stands in its plan (the status report's verdict).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    Ongoing,
    Completed,
    Postponed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Planned,
        Status::Ongoing,
        Status::Completed,
        Status::Postponed,
        Status::Cancelled,
    ];

    /// The word editors write and citizens read.
    pub const fn danish(self) -> &'static str {
        match self {
            Status::Planned => "planlagt",
            Status::Ongoing => "igangværende",
            Status::Completed => "gennemført",
            Status::Postponed => "udsat",
            Status::Cancelled => "aflyst",
        }
    }

    /// A stable ASCII key for CSS classes, filters and URLs.
    pub fn key(self) -> &'static str {
        match self {
            Status::Planned => "planlagt",
            Status::Ongoing => "igangvaerende",
            Status::Completed => "gennemfoert",
            Status::Postponed => "udsat",
            Status::Cancelled => "aflyst",
        }
    }
}

/// Whether a citizen can sign up now (apart from the plan status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SignupStatus {
    Open,
    Waitlist,
    Closed,
    Ended,
}

impl SignupStatus {
    pub const ALL: [SignupStatus; 4] = [
        SignupStatus::Open,
        SignupStatus::Waitlist,
        SignupStatus::Closed,
        SignupStatus::Ended,
    ];

    pub const fn danish(self) -> &'static str {
        match self {
            SignupStatus::Open => "åben",
            SignupStatus::Waitlist => "venteliste",
            SignupStatus::Closed => "lukket",
            SignupStatus::Ended => "afsluttet",
        }
    }
}

/// How an offer is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OfferForm {
    Group,
    Individual,
    Online,
    Open,
}

impl OfferForm {
    pub const ALL: [OfferForm; 4] = [
        OfferForm::Group,
        OfferForm::Individual,
        OfferForm::Online,
        OfferForm::Open,
    ];

    pub const fn danish(self) -> &'static str {
        match self {
            OfferForm::Group => "hold",
            OfferForm::Individual => "individuel",
            OfferForm::Online => "online",
            OfferForm::Open => "åben",
        }
    }
}

/// Looks a Danish word up among an enum's values, accepting the plain-ASCII spelling too.
pub(crate) fn parse_word<T: Copy>(
    all: &[T],
    word: &str,
    danish: impl Fn(T) -> &'static str,
) -> Option<T> {
    let w = crate::text::slug::fold_ascii(word.trim()).to_lowercase();
    all.iter()
        .copied()
        .find(|&v| crate::text::slug::fold_ascii(danish(v)) == w)
}

/// One key figure from a report: "158 borgere tilmeldt rygestopkursus i 2018".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyFigure {
    pub label: String,
    pub value: f64,
    pub unit: Option<String>,
    pub year: Option<u16>,
}

/// How to reach the people behind an initiative.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}

/// A reference to an initiative in a plan period: `2018-2019/mental-balance`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InitiativeId {
    pub plan: Plan,
    pub slug: String,
}

impl fmt::Display for InitiativeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.plan, self.slug)
    }
}

/// When a file is on the site (`udgives`, `udløber`): from its publishing day, until and
/// including its last day. Checked on reading: `expires` is never before `publish`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Schedule {
    pub publish: Option<Date>,
    pub expires: Option<Date>,
}

impl Schedule {
    /// Not yet to be published on `today`.
    pub fn is_scheduled(&self, today: Date) -> bool {
        self.publish.is_some_and(|p| p > today)
    }

    /// Taken down by `today`: its last day has passed.
    pub fn has_expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|e| e < today)
    }
}

/// Facts a citizen asks first; all optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OfferFacts {
    pub price: Option<String>,
    pub forms: Vec<OfferForm>,
    pub extent: Option<String>,
    pub starts: Vec<Date>,
    pub signup_status: Option<SignupStatus>,
    pub referral: Option<String>,
}

/// One initiative in one plan period, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Initiative {
    pub id: InitiativeId,
    /// Source file, relative to the site root.
    pub source: PathBuf,
    pub title: String,
    /// Indexes into `SiteConfig::themes`; the first is the one the report groups it under.
    pub themes: Vec<usize>,
    pub years: Vec<u16>,
    pub status: Status,
    pub purpose: String,
    pub goals: Vec<u32>,
    pub actors: Vec<String>,
    pub timeline: Option<String>,
    pub target_group: Option<String>,
    /// How to sign up, rendered from Markdown.
    pub signup_html: Option<String>,
    pub contact: Option<Contact>,
    pub place: Option<String>,
    pub key_figures: Vec<KeyFigure>,
    pub updated: Option<Date>,
    pub summary: String,
    pub draft: bool,
    pub schedule: Schedule,
    pub continues: Vec<InitiativeId>,
    /// The line of the `fortsætter` key, for reporting links that lead nowhere.
    pub continues_line: Option<usize>,
    /// Position in the printed report, when given.
    pub order: Option<u32>,
    pub offer: OfferFacts,
    pub body_html: String,
    /// Plain text of the body, for search and feeds.
    pub body_text: String,
    /// Plain text of each block of the body (paragraph, heading, list item): search excerpts.
    pub body_blocks: crate::text::blocks::BlockEnds,
}

/// An update (news item) or a plain page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub slug: String,
    pub source: PathBuf,
    pub title: String,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub summary: Option<String>,
    pub draft: bool,
    pub schedule: Schedule,
    pub body_html: String,
    pub body_text: String,
    /// Plain text of each block of the body, for search excerpts.
    pub body_blocks: crate::text::blocks::BlockEnds,
}

/// What a page a citizen finds is about: an offer, an initiative, a news item or a plain page.
/// The search page shows it on each result and filters by it; the order is the search
/// index's order of kinds (among equal scores the earlier record ranks first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An offer a citizen can use (`content/tilbud/`): ranks above an initiative that matches
    /// as well.
    Offer,
    Initiative,
    Update,
    Page,
}

impl Kind {
    /// Every kind, in the index's order (and the search page's type filter's).
    pub const ALL: [Kind; 4] = [Kind::Offer, Kind::Initiative, Kind::Update, Kind::Page];

    /// The Danish word shown on a result.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Offer => "Tilbud",
            Kind::Initiative => "Indsats",
            Kind::Update => "Nyhed",
            Kind::Page => "Side",
        }
    }

    /// The Danish word for the kind's results, as the search page's type filter names them.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Offer => "Tilbud",
            Kind::Initiative => "Indsatser",
            Kind::Update => "Nyheder",
            Kind::Page => "Sider",
        }
    }

    /// The value in the search page's URL (`?type=nyhed`).
    pub fn value(self) -> &'static str {
        match self {
            Kind::Offer => "tilbud",
            Kind::Initiative => "indsats",
            Kind::Update => "nyhed",
            Kind::Page => "side",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_parse_only_in_order() {
        assert_eq!(
            Plan::parse("2020-2021"),
            Some(Plan {
                first: 2020,
                last: 2021
            })
        );
        assert_eq!(Plan::parse("2021-2020"), None);
        assert_eq!(Plan::parse("2020-99999"), None);
        assert_eq!(Plan::parse("20-21"), None);
    }

    #[test]
    fn words_match_with_or_without_danish_letters() {
        let d = |s: Status| s.danish();
        assert_eq!(
            parse_word(&Status::ALL, "igangværende", d),
            Some(Status::Ongoing)
        );
        assert_eq!(
            parse_word(&Status::ALL, "Igangvaerende", d),
            Some(Status::Ongoing)
        );
        assert_eq!(parse_word(&Status::ALL, "færdig", d), None);
    }
}
