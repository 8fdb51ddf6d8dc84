//! The validated content of a site: initiatives, updates and plain pages, with types that
//! cannot hold invalid values (a status is one of five, a plan period is two ordered years,
//! a date is a real date). Produced by `content`, consumed by `site` and `render`; this module
//! parses nothing from files itself.

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

/// A calendar date (no time, no zone: content dates are days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// Days in `month` of `year` (leap years included); None for no such month.
fn days_in_month(year: u16, month: u8) -> Option<u8> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

impl Date {
    /// The civil (proleptic Gregorian) date `days` days after 1970-01-01, for "today" in
    /// `indsats check`. Dates outside `YEARS` give `None`.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        // Howard Hinnant's days_from_civil, inverted: eras of 400 years of 146,097 days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let year = u16::try_from(year).ok().filter(|y| YEARS.contains(y))?;
        Some(Date {
            year,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }

    /// The same day a year earlier (29 February becomes 28 February).
    pub fn year_before(&self) -> Date {
        let day = if self.month == 2 && self.day == 29 {
            28
        } else {
            self.day
        };
        Date {
            year: self.year.saturating_sub(1),
            month: self.month,
            day,
        }
    }

    /// Parses `YYYY-MM-DD`, checking the day exists (leap years included).
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let year: u16 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        let day: u8 = d.parse().ok()?;
        let days = days_in_month(year, month)?;
        (YEARS.contains(&year) && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }

    /// What to tell an editor whose date did not parse, when more can be said than "write
    /// year-month-day": the day does not exist ("februar 2021 har 28 dage"), there is no such
    /// month, or it was written day first (`15-11-2022`: "mente du 2022-11-15?").
    pub fn advice(s: &str) -> Option<String> {
        let parts: Vec<&str> = s.trim().split(['-', '.', '/']).collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        let num = |t: &str| t.parse::<u16>().ok();
        if a.len() == 4 {
            let (year, month, day) = (num(a)?, num(b)?, num(c)?);
            let month8 = u8::try_from(month).ok()?;
            return match days_in_month(year, month8) {
                None => Some(format!("der er 12 måneder, så {month} kan ikke være en måned; skriv år-måned-dag, fx {year}-04-27")),
                Some(days) if day == 0 || day > u16::from(days) => Some(format!(
                    "{} {year} har {days} dage; skriv en dag, der findes",
                    MONTHS_DA[usize::from(month8 - 1)]
                )),
                _ => None,
            };
        }
        if c.len() == 4 {
            let iso = format!("{c}-{:0>2}-{:0>2}", b, a);
            return Date::parse(&iso)
                .map(|d| format!("mente du {}? Skriv år først: år-måned-dag", d.iso()));
        }
        None
    }

    /// `27. april 2021`
    pub fn danish(&self) -> String {
        format!(
            "{}. {} {}",
            self.day,
            MONTHS_DA[usize::from(self.month - 1)],
            self.year
        )
    }

    /// `2021-04-27`
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A month of a year, for dates known only to the month (a status report's "pr. april 2021").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

impl Month {
    /// Parses `YYYY-MM`, or a whole date `YYYY-MM-DD` (whose day is then dropped).
    pub fn parse(s: &str) -> Option<Month> {
        let s = s.trim();
        if let Some(d) = Date::parse(s) {
            return Some(Month {
                year: d.year,
                month: d.month,
            });
        }
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let year: u16 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        (YEARS.contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// `april 2021`
    pub fn danish(&self) -> String {
        format!("{} {}", MONTHS_DA[usize::from(self.month - 1)], self.year)
    }

    /// `2021-04`, as `<time datetime>` takes it.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
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
    pub fn danish(self) -> &'static str {
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

    pub fn danish(self) -> &'static str {
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

    pub fn danish(self) -> &'static str {
        match self {
            OfferForm::Group => "hold",
            OfferForm::Individual => "individuel",
            OfferForm::Online => "online",
            OfferForm::Open => "åben",
        }
    }
}

/// Looks a Danish word up among an enum's values, accepting the plain-ASCII spelling too.
pub fn parse_word<T: Copy>(all: &[T], word: &str, danish: impl Fn(T) -> &'static str) -> Option<T> {
    let w = crate::slug::fold_ascii(word.trim()).to_lowercase();
    all.iter()
        .copied()
        .find(|&v| crate::slug::fold_ascii(danish(v)) == w)
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
    pub body_blocks: Vec<String>,
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
    pub body_html: String,
    pub body_text: String,
    /// Plain text of each block of the body, for search excerpts.
    pub body_blocks: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_date_gets_advice_an_editor_can_act_on() {
        assert_eq!(
            Date::advice("2021-02-31").as_deref(),
            Some("februar 2021 har 28 dage; skriv en dag, der findes")
        );
        assert_eq!(
            Date::advice("2024-02-30").as_deref(),
            Some("februar 2024 har 29 dage; skriv en dag, der findes")
        );
        assert_eq!(
            Date::advice("15-11-2022").as_deref(),
            Some("mente du 2022-11-15? Skriv år først: år-måned-dag")
        );
        assert_eq!(
            Date::advice("1.4.2021").as_deref(),
            Some("mente du 2021-04-01? Skriv år først: år-måned-dag")
        );
        assert!(Date::advice("2021-13-01").is_some_and(|a| a.contains("12 måneder")));
        assert_eq!(Date::advice("i går"), None);
        assert_eq!(Date::advice("2021-04-27"), None);
    }

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
    fn days_since_1970_become_dates() {
        let d = |n| Date::from_unix_days(n).map(|d| d.iso());
        assert_eq!(d(0), Some("1970-01-01".into()));
        assert_eq!(d(11_016), Some("2000-02-29".into()));
        assert_eq!(d(20_415), Some("2025-11-23".into()));
        assert_eq!(d(-25_567), Some("1900-01-01".into()));
        assert_eq!(d(-25_568), None);
        let leap = Date::parse("2024-02-29").map(|d| d.year_before().iso());
        assert_eq!(leap, Some("2023-02-28".into()));
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            Date::parse("2021-04-27").map(|d| d.danish()),
            Some("27. april 2021".into())
        );
        assert!(Date::parse("2020-02-29").is_some());
        assert!(Date::parse("2021-02-29").is_none());
        assert!(Date::parse("2021-13-01").is_none());
        assert!(Date::parse("27-04-2021").is_none());
    }

    #[test]
    fn months_are_checked() {
        let m = |s| Month::parse(s).map(|m| (m.danish(), m.iso()));
        assert_eq!(m("2021-04"), Some(("april 2021".into(), "2021-04".into())));
        assert_eq!(
            m("2021-04-27"),
            Some(("april 2021".into(), "2021-04".into()))
        );
        assert_eq!(m("2021-13"), None);
        assert_eq!(m("april 2021"), None);
        assert_eq!(m("21-04"), None);
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
