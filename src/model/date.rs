//! Calendar dates and months as content writes them (`2021-04-27`, `2021-04`): parsed with
//! the days of each month checked, written in Danish (`27. april 2021`) and ISO, and the
//! advice an editor gets for a date that does not parse.

use super::YEARS;
use serde::Serialize;

/// A calendar date (no time, no zone: content dates are days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// The months' Danish names, January first.
pub const MONTHS_DA: [&str; 12] = [
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

    /// Days from 1970-01-01 to this date (negative before it): `from_unix_days`'s inverse.
    pub fn unix_days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The month this date is in.
    pub fn month_of(&self) -> Month {
        Month {
            year: self.year,
            month: self.month,
        }
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
    pub(crate) fn advice(s: &str) -> Option<String> {
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

    /// The month `n` months later (`2021-04` + 13 = `2022-05`).
    pub fn plus(&self, n: u32) -> Month {
        let index = self.index() + n;
        Month {
            year: u16::try_from(index / 12).unwrap_or(u16::MAX),
            month: (index % 12) as u8 + 1,
        }
    }

    /// Whole months from `self` to `later` (0 in the same month; 0 when `later` is earlier).
    pub fn months_until(&self, later: Month) -> u32 {
        later.index().saturating_sub(self.index())
    }

    /// The month's first day.
    pub fn first_day(&self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: 1,
        }
    }

    /// Months since year 0, for arithmetic.
    fn index(&self) -> u32 {
        u32::from(self.year) * 12 + u32::from(self.month) - 1
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
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
    fn dates_count_days_and_months() {
        for iso in [
            "1970-01-01",
            "2000-02-29",
            "2021-04-27",
            "1900-01-01",
            "2199-12-31",
        ] {
            let d = Date::parse(iso).expect("date");
            assert_eq!(Date::from_unix_days(d.unix_days()), Some(d), "{iso}");
        }
        let m = Month::parse("2021-04").expect("month");
        assert_eq!(m.plus(13).iso(), "2022-05");
        assert_eq!(m.plus(8).iso(), "2021-12");
        assert_eq!(m.plus(9).iso(), "2022-01");
        assert_eq!(m.months_until(m.plus(12)), 12);
        assert_eq!(m.plus(12).months_until(m), 0);
        assert_eq!(m.first_day().iso(), "2021-04-01");
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
}
