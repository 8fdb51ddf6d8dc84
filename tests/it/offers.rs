//! Offers (`content/tilbud/`): the page a citizen lands on, its courses read against the build
//! date, its calendars, and what initiative pages say now that they are not offers.
//! The fixture is the `basic` site with the offers of `tests/fixtures/offers` laid over it.

use crate::common;

use common::{copy_tree, fixtures, indsats, read, site, stderr};
use std::path::Path;

/// The basic site with two offers, built at `date` into `out`.
fn build_at(root: &Path, out: &Path, date: &str) {
    let o = indsats(&[
        "build",
        "--root",
        root.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
        "--dato",
        date,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn offer_site() -> tempfile::TempDir {
    let dir = site("basic");
    copy_tree(&fixtures().join("offers"), dir.path());
    dir
}

#[test]
fn an_offer_page_shows_only_the_courses_still_to_come_at_the_build_date() {
    let s = offer_site();
    let out = s.path().join("public");
    build_at(s.path(), &out, "2021-05-01");
    let page = read(out.join("tilbud/stresshold/index.html"));
    for part in [
        "<h1>Stresshold</h1>",
        "Kort fortalt",
        "<a class=\"button\" href=\"tel:+4511223344\">Ring til Sundhedscenteret: +45 11 22 33 44</a>",
        "Hvem kan være med",
        "Henvisning: Kræver ikke henvisning",
        "Hvad sker der",
        "<h2>Hvor</h2>",
        "Næste hold",
        "<time datetime=\"2021-09-01\">1. september 2021</time>, kl. 10.00-12.00",
        "<time datetime=\"2021-10-05\">5. oktober 2021</time>",
        "<h2>Pris</h2>\n<p>Gratis</p>",
        "Træffes: Mandag-fredag kl. 9-12",
        "Sidst bekræftet: <time datetime=\"2021-04-01\">1. april 2021</time>",
        "Føj til kalender",
        "href=\"/tilbud/stresshold/hold.ics\"",
        "Sådan er det gået",
        "href=\"/indsatser/2020-2021/stressforloeb/\"",
        "\"@type\":\"Course\"",
        "\"@type\":\"CourseInstance\"",
    ] {
        assert!(page.contains(part), "missing {part:?} in:\n{page}");
    }
    assert!(
        !page.contains("2021-03-01"),
        "a course that has started is shown:\n{page}"
    );
    // Confirmed a month ago: the notice to call first waits, for the page's script, until
    // the facts are older than the site's limit (12 months).
    assert!(
        page.contains("data-stale-from=\"2022-05-01\" data-when-stale hidden"),
        "{page}"
    );

    // An offer with no contact of its own and no courses: the site's phone, and whom to ask.
    let bare = read(out.join("tilbud/raadgivning/index.html"));
    assert!(
        bare.contains("Der er ikke planlagt nye hold. Ring og hør"),
        "{bare}"
    );
    assert!(bare.contains("href=\"tel:11223344\""), "{bare}");
    assert!(bare.contains("Spørg "), "{bare}");
    assert!(!bare.contains("hold.ics\">Føj"), "{bare}");
}

#[test]
fn when_every_course_has_started_the_page_says_so_and_old_facts_ask_for_a_call() {
    let s = offer_site();
    let out = s.path().join("public");
    build_at(s.path(), &out, "2022-06-01");
    let page = read(out.join("tilbud/stresshold/index.html"));
    assert!(
        page.contains("Der er ikke planlagt nye hold. Ring og hør, hvornår du kan starte"),
        "{page}"
    );
    assert!(!page.contains("<ul class=\"courses\">"), "{page}");
    assert!(!page.contains("Føj til kalender"), "{page}");
    // Confirmed more than 12 months before the build date: the notice is shown at once.
    assert!(
        page.contains(
            "<div class=\"notice notice--ended\">\n<p><strong>Ring, før du møder op.</strong>"
        ),
        "{page}"
    );
    // The calendars are still there, with no events.
    let ics = read(out.join("tilbud/stresshold/hold.ics"));
    assert!(!ics.contains("BEGIN:VEVENT"), "{ics}");
}

/// The calendars' events: (UID, DTSTART, SUMMARY, LOCATION), by a real iCalendar parser.
fn events(path: &Path) -> Vec<(String, String, String, Option<String>)> {
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("open"));
    let mut out = Vec::new();
    let mut calendars = 0;
    for cal in ical::IcalParser::new(file) {
        let cal = cal.unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        calendars += 1;
        let props = |p: &[ical::property::Property], name: &str| {
            p.iter()
                .find(|x| x.name == name)
                .and_then(|x| x.value.clone())
        };
        assert!(props(&cal.properties, "VERSION").as_deref() == Some("2.0"));
        assert!(
            cal.timezones
                .iter()
                .any(|tz| props(&tz.properties, "TZID").as_deref() == Some("Europe/Copenhagen")),
            "no VTIMEZONE for Europe/Copenhagen"
        );
        for e in cal.events {
            assert!(
                props(&e.properties, "DTSTAMP").is_some(),
                "an event without DTSTAMP"
            );
            out.push((
                props(&e.properties, "UID").expect("UID"),
                props(&e.properties, "DTSTART").expect("DTSTART"),
                props(&e.properties, "SUMMARY").expect("SUMMARY"),
                props(&e.properties, "LOCATION"),
            ));
        }
    }
    assert_eq!(calendars, 1, "{}", path.display());
    out
}

#[test]
fn the_calendars_parse_and_keep_their_uids_across_builds() {
    let s = offer_site();
    let (early, later) = (s.path().join("early"), s.path().join("later"));
    build_at(s.path(), &early, "2021-05-01");
    build_at(s.path(), &later, "2021-09-15");
    let raw = read(early.join("tilbud/stresshold/hold.ics"));
    assert!(raw.lines().count() > 10);
    assert!(
        raw.split("\r\n").all(|l| l.len() <= 75),
        "a line longer than 75 octets:\n{raw}"
    );
    assert!(
        !raw.replace("\r\n", "").contains('\n'),
        "a line not ended by CRLF"
    );
    assert!(raw.contains("DTSTAMP:20210501T000000Z"), "{raw}");

    let first = events(&early.join("tilbud/stresshold/hold.ics"));
    assert_eq!(first.len(), 2, "{first:?}");
    let (uid, start, summary, place) = &first[0];
    assert_eq!(start, "20210901T100000");
    assert_eq!(summary, "Stresshold: holdstart");
    // Escaped in the file, read back as written.
    assert_eq!(
        place.as_deref(),
        Some("Biblioteket\\, Hovedgaden 1\\; 2. sal")
    );
    assert!(
        raw.contains("TZID=Europe/Copenhagen:20210901T100000"),
        "{raw}"
    );
    assert!(raw.contains("DTSTART;VALUE=DATE:20211005"), "{raw}");

    // Built again later: the course of 1 September has started, the other keeps its UID.
    let second = events(&later.join("tilbud/stresshold/hold.ics"));
    assert_eq!(second.len(), 1, "{second:?}");
    assert_eq!(second[0].0, first[1].0);
    assert_ne!(uid, &second[0].0);
    assert!(uid.ends_with("@test.example.dk"), "{uid}");

    // The site's calendar holds every offer's coming courses.
    let all = events(&early.join("tilbud/hold.ics"));
    assert_eq!(all.len(), 2);
    assert_eq!(
        std::fs::read(early.join("tilbud/hold.ics")).expect("read"),
        std::fs::read(s.path().join("early/tilbud/hold.ics")).expect("read")
    );
}

#[test]
fn an_initiative_links_to_its_offer_and_a_project_says_it_is_not_one() {
    let s = offer_site();
    let out = s.path().join("public");
    build_at(s.path(), &out, "2021-05-01");
    let with_offer = read(out.join("indsatser/2020-2021/stressforloeb/index.html"));
    assert!(with_offer.contains("<strong>Vil du være med?</strong> Se tilbuddet <a href=\"/tilbud/stresshold/\">Stresshold</a>"), "{with_offer}");
    assert!(!with_offer.contains("offer-box"), "{with_offer}");
    assert!(
        with_offer.contains("<h2>Fra statusrapporten</h2>"),
        "{with_offer}"
    );
    assert!(
        with_offer.contains("<dt>Hvem står bag</dt>"),
        "{with_offer}"
    );
    let mut projects = 0;
    for e in walkdir::WalkDir::new(out.join("indsatser"))
        .into_iter()
        .flatten()
    {
        if e.file_name() != "index.html"
            || e.path() == out.join("indsatser/2020-2021/stressforloeb/index.html")
        {
            continue;
        }
        let page = read(e.path());
        assert!(
            !page.contains("Sådan får du tilbuddet"),
            "{}",
            e.path().display()
        );
        assert!(
            page.contains(
                "Dette er et projekt i handleplanen, ikke et tilbud du kan melde dig til."
            ),
            "{}",
            e.path().display()
        );
        assert!(
            page.contains("href=\"tel:11223344\""),
            "{}",
            e.path().display()
        );
        projects += 1;
    }
    assert!(projects >= 2);
    // A theme's page leads with its offers; a theme without one says whom to ask.
    let theme = read(out.join("tema/mental-sundhed/index.html"));
    let offers_at = theme.find("Tilbud du kan bruge").expect("offers section");
    assert!(offers_at < theme.find("Handleplanens indsatser").expect("initiatives"));
    assert!(theme.contains("href=\"/tilbud/stresshold/\""));
    let none = read(out.join("tema/overvaegt/index.html"));
    assert!(none.contains("Der er ingen tilbud under temaet"), "{none}");
}

#[test]
fn offer_mistakes_are_danish_errors_on_their_lines() {
    let s = offer_site();
    std::fs::write(
        s.path().join("content/tilbud/fejl.md"),
        "---\ntitel: Fejl\ntema: Tobak\nresumé: Kort.\nhold:\n  - start: 2021-02-30\n  - start: 2021-09-01\n    tid: om morgenen\nindsatser: [2020-2021/findes-ikke]\n---\n",
    )
    .expect("write");
    let o = indsats(&["build", "--root", s.path().to_str().expect("utf-8")]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("content/tilbud/fejl.md:6"), "{err}");
    assert!(err.contains("holdets start skal være en dato"), "{err}");
    assert!(err.contains("content/tilbud/fejl.md:8"), "{err}");
    assert!(err.contains("er ikke et tidsrum"), "{err}");
    let o = {
        std::fs::write(
            s.path().join("content/tilbud/fejl.md"),
            "---\ntitel: Fejl\ntema: Tobak\nresumé: Kort.\nindsatser: [2020-2021/findes-ikke]\n---\n",
        )
        .expect("write");
        indsats(&["build", "--root", s.path().to_str().expect("utf-8")])
    };
    let err = stderr(&o);
    assert!(err.contains("content/tilbud/fejl.md:5"), "{err}");
    assert!(
        err.contains("henviser til en indsats, der ikke findes"),
        "{err}"
    );
}

#[test]
fn new_writes_an_offer_draft_that_builds_and_never_overwrites() {
    let s = site("basic");
    let root = s.path().to_str().expect("utf-8");
    let o = indsats(&[
        "new",
        "tilbud/stresshold",
        "--root",
        root,
        "--tema",
        "Mental sundhed",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = read(s.path().join("content/tilbud/stresshold.md"));
    for key in [
        "titel: \"Stresshold\"",
        "tema: \"Mental sundhed\"",
        "hold: []",
        "  åbningstider:",
        "bekræftet: 2021-05-01",
        "udkast: true",
    ] {
        assert!(text.contains(key), "{key} in:\n{text}");
    }
    // A draft: left out of a plain build, and on the site with --drafts.
    let out = s.path().join("public");
    let o = indsats(&[
        "build",
        "--root",
        root,
        "--out",
        out.to_str().expect("utf-8"),
        "--drafts",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("tilbud/stresshold/index.html").is_file());
    let again = indsats(&["new", "tilbud/stresshold", "--root", root]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("overskriver den ikke"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn the_sender_tops_every_page_with_its_name_logo_and_link() {
    let s = offer_site();
    let yaml = s.path().join("site.yaml");
    let text = read(&yaml);
    std::fs::write(
        &yaml,
        format!("{text}\nafsender:\n  navn: Testby Kommune\n  logo: billeder/graf.svg\n  link: https://testby.example.dk/\n"),
    )
    .expect("write");
    let out = s.path().join("public");
    build_at(s.path(), &out, "2021-05-01");
    for page in ["index.html", "tilbud/stresshold/index.html"] {
        let html = read(out.join(page));
        // The sender's bar comes first in the body, right after the skip link.
        let header = html
            .split("<body>")
            .nth(1)
            .and_then(|h| h.split("<header").next())
            .expect("a body");
        assert!(
            header.contains("<a class=\"sender-bar__link\" href=\"https://testby.example.dk/\"><img src=\"/billeder/graf.svg\" alt=\"Testby Kommune\""),
            "{page}: {header}"
        );
    }
    // A link that is not a web address is refused, on its line.
    std::fs::write(
        &yaml,
        format!("{text}\nafsender:\n  navn: Testby Kommune\n  link: testby.dk\n"),
    )
    .expect("write");
    let o = indsats(&["build", "--root", s.path().to_str().expect("utf-8")]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("\"testby.dk\" er ikke en webadresse"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_shipped_offers_built_today_ask_citizens_to_call_first() {
    let work = tempfile::tempdir().expect("temp");
    let (then, now) = (work.path().join("then"), work.path().join("now"));
    build_at(&common::repo_root(), &then, "2021-05-01");
    build_at(&common::repo_root(), &now, "2026-12-05");
    let mut seen = 0;
    for e in std::fs::read_dir(now.join("tilbud")).expect("tilbud") {
        let dir = e.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        let slug = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let page = read(dir.join("index.html"));
        // Their facts were confirmed with the status reports (2019 and 2021): the neutral
        // notice with a phone, and no course dates anyone invented.
        assert!(
            page.contains(
                "<div class=\"notice notice--ended\">\n<p><strong>Ring, før du møder op.</strong>"
            ),
            "{slug}"
        );
        assert!(page.contains("href=\"tel:36377000\""), "{slug}");
        assert!(page.contains("Der er ikke planlagt nye hold."), "{slug}");
        assert!(page.contains("Sådan er det gået"), "{slug}");
        let fresh = read(then.join("tilbud").join(&slug).join("index.html"));
        if !fresh.contains("bekræftet <time datetime=\"2019-") {
            assert!(
                fresh.contains("data-when-stale hidden>\n<p><strong>Ring, før du møder op."),
                "{slug}"
            );
        }
        seen += 1;
    }
    assert_eq!(seen, 9);
}

#[test]
fn a_top_task_to_an_offer_not_on_the_site_is_left_off_the_home_page() {
    let s = offer_site();
    let yaml = s.path().join("site.yaml");
    let text = read(&yaml);
    std::fs::write(
        &yaml,
        format!("{text}\ngenveje:\n  - tekst: Stress\n    tilbud: stresshold\n  - tekst: Kommer snart\n    tilbud: findes-ikke\n  - tekst: Tallene\n    side: handleplan/2020-2021/\n"),
    )
    .expect("write");
    let out = s.path().join("public");
    build_at(s.path(), &out, "2021-05-01");
    let home = read(out.join("index.html"));
    assert!(
        home.contains("<a href=\"/tilbud/stresshold/\">Stress</a>"),
        "{home}"
    );
    assert!(
        home.contains("<a href=\"/handleplan/2020-2021/\">Tallene</a>"),
        "{home}"
    );
    assert!(!home.contains("Kommer snart"), "{home}");
}
