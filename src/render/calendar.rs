//! The offers' course starts as iCalendar files (RFC 5545): one per offer
//! (`tilbud/<slug>/hold.ics`) and one with every offer's (`tilbud/hold.ics`), each holding
//! the courses that start on or after the build date. Each event's UID is made from the
//! offer and the start day (numbered when two start the same day), so it is the same in
//! every build and a calendar that subscribed updates the event rather than adding a copy; DTSTAMP is the build date, so the same input
//! and date give the same bytes. Times are local to Europe/Copenhagen, with its VTIMEZONE;
//! a course without a time is a whole-day event. Text is escaped and lines folded at 75
//! octets, each ended with CRLF.

use super::OutFile;
use crate::layout;
use crate::model::{Course, Date, Offer};
use crate::site::Site;

/// The calendar files of `site`: `tilbud/hold.ics` and one per offer. None without offers.
pub fn files(site: &Site) -> Vec<OutFile> {
    if site.offers.is_empty() {
        return Vec::new();
    }
    let host = host(&site.config.base_url.absolute);
    let all: Vec<(&Offer, &Course)> = site
        .offers
        .iter()
        .flat_map(|o| o.coming_courses(site.date).map(move |c| (o, c)))
        .collect();
    let mut sorted = all.clone();
    sorted.sort_by(|a, b| (a.1.start, &a.0.slug).cmp(&(b.1.start, &b.0.slug)));
    let mut out = vec![OutFile {
        path: layout::OFFERS_CALENDAR.into(),
        bytes: calendar(
            site,
            &host,
            &format!("{}: hold", site.config.title),
            &sorted,
        )
        .into_bytes(),
    }];
    for o in &site.offers {
        let courses: Vec<(&Offer, &Course)> = o.coming_courses(site.date).map(|c| (o, c)).collect();
        out.push(OutFile {
            path: layout::offer_calendar_path(&o.slug),
            bytes: calendar(site, &host, &o.title, &courses).into_bytes(),
        });
    }
    out
}

/// The paths `files` makes, for the site's plan of files.
pub fn paths(site: &Site) -> Vec<String> {
    if site.offers.is_empty() {
        return Vec::new();
    }
    std::iter::once(layout::OFFERS_CALENDAR.to_string())
        .chain(
            site.offers
                .iter()
                .map(|o| layout::offer_calendar_path(&o.slug)),
        )
        .collect()
}

/// `example.dk` from `https://example.dk/sundhed/`: the UIDs' domain.
fn host(absolute: &str) -> String {
    let rest = absolute.split_once("://").map_or(absolute, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_string()
}

fn calendar(site: &Site, host: &str, name: &str, courses: &[(&Offer, &Course)]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//indsats//tilbud//DA".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape(name)),
        "X-WR-TIMEZONE:Europe/Copenhagen".to_string(),
    ];
    lines.extend(TIMEZONE.iter().map(|l| l.to_string()));
    let stamp = format!("{}T000000Z", compact(site.date));
    for (o, c) in courses {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}@{host}", uid(o, c)));
        lines.push(format!("DTSTAMP:{stamp}"));
        match c.time {
            Some(t) => {
                let day = compact(c.start);
                lines.push(format!(
                    "DTSTART;TZID=Europe/Copenhagen:{day}T{:02}{:02}00",
                    t.from.hour, t.from.minute
                ));
                lines.push(format!(
                    "DTEND;TZID=Europe/Copenhagen:{day}T{:02}{:02}00",
                    t.to.hour, t.to.minute
                ));
            }
            None => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", compact(c.start)));
                if let Some(next) = super::offers::next_day(c.start) {
                    lines.push(format!("DTEND;VALUE=DATE:{}", compact(next)));
                }
            }
        }
        lines.push(format!(
            "SUMMARY:{}",
            escape(&format!("{}: holdstart", o.title))
        ));
        let mut about = o.summary.clone();
        if let Some(note) = &c.note {
            about = format!("{note}. {about}");
        }
        lines.push(format!("DESCRIPTION:{}", escape(&about)));
        if let Some(place) = c.place.as_ref().or(o.places.first()) {
            lines.push(format!("LOCATION:{}", escape(place)));
        }
        lines.push(format!(
            "URL:{}{}",
            site.config.base_url.absolute,
            layout::offer_path(&o.slug)
        ));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        fold(&l, &mut out);
    }
    out
}

/// `mental-balance-20210901`, and `-2`, `-3` … for a second and third course of the offer
/// that starts the same day (in the file's order of times): the same in every build.
fn uid(o: &Offer, c: &Course) -> String {
    let same_day = o.courses.iter().filter(|k| k.start == c.start);
    let n = same_day.take_while(|k| !std::ptr::eq(*k, c)).count();
    match n {
        0 => format!("{}-{}", o.slug, compact(c.start)),
        n => format!("{}-{}-{}", o.slug, compact(c.start), n + 1),
    }
}

/// `20210901`
fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

/// RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (never inside a UTF-8 character), each part ended
/// with CRLF and each continuation begun with a space.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// Europe/Copenhagen: CET, and CEST from the last Sunday of March to the last Sunday of
/// October (the EU rule since 1996).
const TIMEZONE: [&str; 17] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Copenhagen",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19960331T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded_between_characters() {
        assert_eq!(escape("Hold, mænd; a\\b\nc"), "Hold\\, mænd\\; a\\\\b\\nc");
        let mut out = String::new();
        fold(&"æ".repeat(50), &mut out);
        let parts: Vec<&str> = out.split("\r\n").collect();
        assert!(parts.iter().all(|p| p.len() <= 75), "{parts:?}");
        assert_eq!(out.replace("\r\n ", "").trim_end(), "æ".repeat(50));
    }

    #[test]
    fn two_courses_on_one_day_get_their_own_uids() {
        let day = |s| Date::parse(s).expect("date");
        let course = |d, line| Course {
            start: day(d),
            time: None,
            place: None,
            form: None,
            note: None,
            line,
        };
        let o = Offer {
            slug: "stress".into(),
            courses: vec![
                course("2021-09-01", 1),
                course("2021-09-01", 2),
                course("2021-10-01", 3),
            ],
            ..Offer::default()
        };
        let uids: Vec<String> = o.courses.iter().map(|c| uid(&o, c)).collect();
        assert_eq!(
            uids,
            ["stress-20210901", "stress-20210901-2", "stress-20211001"]
        );
    }
}
