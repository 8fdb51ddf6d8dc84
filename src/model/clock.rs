//! The build date: the one day every date-bound fact on the site is read against (a status
//! that has grown old, a plan period that has ended, a file scheduled with `udgives` or taken
//! down with `udløber`, a course date that has passed). It is `--dato ÅÅÅÅ-MM-DD` when given,
//! else `SOURCE_DATE_EPOCH` (the reproducible-builds convention: seconds since 1970, UTC),
//! else the computer's clock; the last two are read as a day in Europe/Copenhagen, where the
//! site's readers are. Only `main` and `serve` ask the clock; the library takes the date.
//!
//! Danish summer time is the EU's rule (Directive 2000/84/EC): from 01:00 UTC on the last
//! Sunday of March to 01:00 UTC on the last Sunday of October the offset is +2 hours, else +1.

use crate::model::Date;

/// Where a build date came from, for `build --verbose` and `check` to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// `--dato`
    Option,
    /// The `SOURCE_DATE_EPOCH` environment variable.
    SourceDateEpoch,
    /// The computer's clock, today in Europe/Copenhagen.
    Clock,
}

/// The day a build reads its dates against, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildDate {
    pub date: Date,
    pub source: DateSource,
}

impl BuildDate {
    /// `--dato` when given, else `SOURCE_DATE_EPOCH`, else today in Europe/Copenhagen. The
    /// error is a Danish sentence for the terminal.
    pub fn resolve(option: Option<&str>) -> Result<BuildDate, String> {
        let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
        Self::resolve_from(option, epoch.as_deref(), unix_now())
    }

    /// Whether the date is fixed (`--dato`, `SOURCE_DATE_EPOCH`) rather than today's, which
    /// `serve` reads again at midnight.
    pub fn is_fixed(&self) -> bool {
        self.source != DateSource::Clock
    }

    fn resolve_from(
        option: Option<&str>,
        epoch: Option<&str>,
        now: Option<i64>,
    ) -> Result<BuildDate, String> {
        if let Some(text) = option {
            return Date::parse(text)
                .map(|date| BuildDate {
                    date,
                    source: DateSource::Option,
                })
                .ok_or_else(|| {
                    let advice = Date::advice(text)
                        .unwrap_or_else(|| "skriv år-måned-dag, fx --dato 2026-12-05".into());
                    format!("--dato \"{text}\" er ikke en dato: {advice}")
                });
        }
        if let Some(text) = epoch.map(str::trim).filter(|t| !t.is_empty()) {
            return text
                .parse::<i64>()
                .ok()
                .and_then(copenhagen_date)
                .map(|date| BuildDate {
                    date,
                    source: DateSource::SourceDateEpoch,
                })
                .ok_or_else(|| format!("SOURCE_DATE_EPOCH=\"{text}\" er ikke et antal sekunder siden 1. januar 1970; ret eller fjern variablen, eller angiv datoen med --dato ÅÅÅÅ-MM-DD"));
        }
        now.and_then(copenhagen_date)
            .map(|date| BuildDate {
                date,
                source: DateSource::Clock,
            })
            .ok_or_else(|| "computerens ur står forkert, så datoen kan ikke læses; angiv den med --dato ÅÅÅÅ-MM-DD".into())
    }

    /// `Byggedato: 5. december 2026 (dagens dato)`, for the terminal.
    pub fn describe(&self) -> String {
        let from = match self.source {
            DateSource::Option => "fra --dato",
            DateSource::SourceDateEpoch => "fra SOURCE_DATE_EPOCH",
            DateSource::Clock => "dagens dato",
        };
        format!("Byggedato: {} ({from})", self.date.danish())
    }
}

/// Today in Europe/Copenhagen by the computer's clock, if it reads as a plausible date.
pub fn today() -> Option<Date> {
    unix_now().and_then(copenhagen_date)
}

/// How long until the next day begins in Europe/Copenhagen (at the first whole minute of it),
/// so that `serve` can read its pages against the new date.
pub fn until_tomorrow() -> std::time::Duration {
    let secs = unix_now().unwrap_or(0);
    let today = copenhagen_date(secs);
    // The next midnight is within 25 hours; find the first whole minute whose day differs.
    let mut later = secs - secs.rem_euclid(60) + 60;
    while copenhagen_date(later) == today && later - secs < 90_000 {
        later += 60;
    }
    std::time::Duration::from_secs(u64::try_from(later - secs).unwrap_or(60))
}

fn unix_now() -> Option<i64> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    i64::try_from(secs).ok()
}

/// The day in Europe/Copenhagen at `secs` seconds after 1970-01-01 00:00 UTC.
pub fn copenhagen_date(secs: i64) -> Option<Date> {
    let utc = Date::from_unix_days(secs.div_euclid(86_400))?;
    let switch = |month: u8| -> Option<i64> {
        let last = last_sunday(utc.year, month)?;
        Some(last.unix_days() * 86_400 + 3_600)
    };
    let summer = (switch(3)?..switch(10)?).contains(&secs);
    let offset = if summer { 7_200 } else { 3_600 };
    Date::from_unix_days((secs + offset).div_euclid(86_400))
}

/// The last Sunday of `month` in `year`.
fn last_sunday(year: u16, month: u8) -> Option<Date> {
    let next = if month == 12 {
        Date::parse(&format!("{:04}-01-01", year + 1))?
    } else {
        Date::parse(&format!("{year:04}-{:02}-01", month + 1))?
    };
    let last = next.unix_days() - 1;
    // 1970-01-01 was a Thursday: (days + 4) mod 7 is 0 on Sundays.
    Date::from_unix_days(last - (last + 4).rem_euclid(7))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(iso: &str, hour: i64, minute: i64) -> i64 {
        let d = Date::parse(iso).expect("date");
        d.unix_days() * 86_400 + hour * 3_600 + minute * 60
    }

    #[test]
    fn copenhagen_days_follow_summer_time() {
        let day = |s| copenhagen_date(s).map(|d| d.iso());
        // Winter: UTC+1, so 23:30 UTC is already the next day.
        assert_eq!(day(secs("2026-12-05", 22, 59)), Some("2026-12-05".into()));
        assert_eq!(day(secs("2026-12-05", 23, 0)), Some("2026-12-06".into()));
        assert_eq!(day(secs("2026-12-31", 23, 30)), Some("2027-01-01".into()));
        // Summer: UTC+2, so 22:00 UTC is the next day.
        assert_eq!(day(secs("2026-07-01", 21, 59)), Some("2026-07-01".into()));
        assert_eq!(day(secs("2026-07-01", 22, 0)), Some("2026-07-02".into()));
        // 2026's switches: 29 March and 25 October, at 01:00 UTC.
        assert_eq!(
            last_sunday(2026, 3).map(|d| d.iso()),
            Some("2026-03-29".into())
        );
        assert_eq!(
            last_sunday(2026, 10).map(|d| d.iso()),
            Some("2026-10-25".into())
        );
        assert_eq!(day(secs("2026-03-28", 23, 0)), Some("2026-03-29".into()));
        assert_eq!(day(secs("2026-10-24", 22, 30)), Some("2026-10-25".into()));
    }

    #[test]
    fn the_option_wins_then_the_epoch_then_the_clock() {
        let now = Some(secs("2026-12-05", 12, 0));
        let r = |o, e| BuildDate::resolve_from(o, e, now);
        let got = r(Some("2021-05-01"), Some("0")).expect("option");
        assert_eq!(
            (got.date.iso(), got.source),
            ("2021-05-01".into(), DateSource::Option)
        );
        let got = r(None, Some("1619827200")).expect("epoch");
        assert_eq!(
            (got.date.iso(), got.source),
            ("2021-05-01".into(), DateSource::SourceDateEpoch)
        );
        let got = r(None, Some(" ")).expect("empty epoch is no epoch");
        assert_eq!(
            (got.date.iso(), got.source),
            ("2026-12-05".into(), DateSource::Clock)
        );
        let bad = r(Some("2021-02-30"), None).expect_err("no such day");
        assert!(bad.contains("februar 2021 har 28 dage"), "{bad}");
        let bad = r(None, Some("i går")).expect_err("not seconds");
        assert!(bad.contains("SOURCE_DATE_EPOCH"), "{bad}");
        assert!(got.describe().contains("5. december 2026"));
    }
}
