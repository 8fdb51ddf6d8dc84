//! The build date (issue #28): the same content read against different days. Statuses grow
//! old and are then shown as dated history with whom to ask, files wait for their `udgives`
//! day and leave after their `udløber` day (a short page keeps the address), `check` warns
//! about both, and a fixed date gives the same bytes every time.

use crate::common;
use common::*;
use std::path::Path;

/// Builds `root` into a new folder at `date` with `extra` options; returns the folder and
/// what the build printed.
fn build_at(root: &Path, date: &str, extra: &[&str]) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().expect("temp");
    let mut args = vec![
        "build",
        "--root",
        root.to_str().expect("utf-8"),
        "--out",
        out.path().to_str().expect("utf-8"),
        "--dato",
        date,
    ];
    args.extend_from_slice(extra);
    let o = indsats(&args);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    (out, stdout(&o))
}

/// The status line of an initiative page (its own status, not its related cards').
fn status_line(page: &str) -> &str {
    page.split("<p class=\"status-line\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .unwrap_or("")
}

/// Runs `indsats <command> --root <root> --dato <date> <extra…>` (in the site's own `public/`
/// for a build).
fn at(command: &str, root: &Path, date: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        command,
        "--root",
        root.to_str().expect("utf-8"),
        "--dato",
        date,
    ];
    args.extend_from_slice(extra);
    indsats(&args)
}

/// Every initiative page of a built site: (its path, its HTML).
fn initiative_pages(out: &Path) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for plan in std::fs::read_dir(out.join("indsatser")).expect("indsatser/") {
        let plan = plan.expect("entry").path();
        if !plan.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&plan).expect("plan") {
            let page = entry.expect("entry").path().join("index.html");
            if page.is_file() {
                pages.push((page.display().to_string(), read(&page)));
            }
        }
    }
    pages.sort();
    pages
}

#[test]
fn the_shipped_site_built_years_later_shows_no_status_as_current() {
    let (out, printed) = build_at(&repo_root(), "2026-12-05", &["--verbose"]);
    assert!(
        printed.contains("Byggedato: 5. december 2026 (fra --dato)"),
        "{printed}"
    );
    let pages = initiative_pages(out.path());
    assert_eq!(pages.len(), 28);
    for (path, page) in &pages {
        assert!(!page.contains("tag--igangvaerende"), "{path}: a green chip");
        assert!(!page.contains("offer-box"), "{path}: an offer box");
        assert!(!page.contains("Sådan får du tilbuddet"), "{path}");
        let notice = page
            .split("<div class=\"notice notice--ended\">")
            .nth(1)
            .and_then(|rest| rest.split("</div>").next())
            .unwrap_or_else(|| panic!("{path}: no history notice"));
        assert!(
            notice.contains("(pr. <time datetime=\"2021-04\">ca. april 2021</time>)")
                || notice.contains("(pr. <time datetime=\"2019-04\">ca. april 2019</time>)"),
            "{path}: the notice names the status date, marked as an estimate: {notice}"
        );
        assert!(
            notice.contains("<a href=\"tel:36377000\">36 37 70 00</a>"),
            "{path}: the notice gives a phone: {notice}"
        );
        assert!(page.contains("<strong class=\"tag tag--historisk\">Seneste status (ca. "));
    }
    // The counts and filters count only current statuses: here none.
    let theme = read(out.path().join("tema/tobak/index.html"));
    assert!(!theme.contains("tag--igangvaerende"));
    assert!(theme.contains("Status fra ældre statusrapporter"));
    let search = read(out.path().join("soeg/index.html"));
    assert!(!search.contains("value=\"igangvaerende\""));
    assert!(search.contains("value=\"historisk\""));
    // News from 2021 is not "Seneste nyt" in 2026, and carries its year.
    let home = read(out.path().join("index.html"));
    assert!(!home.contains("Seneste nyt"), "old news as latest");
    assert!(home.contains("27. april 2021"));
}

#[test]
fn the_shipped_site_built_in_may_2021_looks_as_it_did_then() {
    let (out, _) = build_at(&repo_root(), "2021-05-01", &[]);
    let page = read(
        out.path()
            .join("indsatser/2020-2021/mental-balance/index.html"),
    );
    assert!(page.contains("tag--igangvaerende"), "current in May 2021");
    assert!(page.contains("Status pr. <time datetime=\"2021-04\">ca. april 2021</time>"));
    // It carries the day it goes stale: the period ends before the report is 12 months old.
    assert!(page.contains("data-stale-from=\"2022-01-01\""), "{page}");
    let hidden = page
        .split("data-when-stale hidden>")
        .nth(1)
        .expect("the notice for that day is on the page, hidden");
    assert!(hidden.contains("tel:36377000"));
    let old = read(
        out.path()
            .join("indsatser/2018-2019/mental-balance/index.html"),
    );
    assert!(status_line(&old).starts_with("<strong class=\"tag tag--historisk\">"));
    assert!(old.contains("<div class=\"notice notice--ended\">"));
    let home = read(out.path().join("index.html"));
    assert!(home.contains("Seneste nyt"));
}

#[test]
fn a_status_report_grows_old_after_the_sites_limit() {
    let dir = site("basic");
    let yaml = dir.path().join("site.yaml");
    let text = read(&yaml).replace(
        "handleplaner:\n",
        "status_forældet_efter: 6\nhandleplaner:\n",
    );
    std::fs::write(&yaml, text).expect("write");
    // April 2021 + 6 months: current through October, history from 1 November 2021.
    let page = |out: &Path| read(out.join("indsatser/2020-2021/stressforloeb/index.html"));
    let (october, _) = build_at(dir.path(), "2021-10-31", &[]);
    let p = page(october.path());
    assert!(p.contains("data-stale-from=\"2021-11-01\""), "{p}");
    assert!(!status_line(&p).contains("tag--historisk"));
    let (november, _) = build_at(dir.path(), "2021-11-01", &[]);
    let p = page(november.path());
    assert!(status_line(&p).contains("tag--historisk"));
    assert!(p.contains("<div class=\"notice notice--ended\">"));
    assert!(!p.contains("offer-box"));
    // check says so, at the status line, once per file.
    let o = at("check", dir.path(), "2021-11-01", &[]);
    let out = stdout(&o);
    assert!(
        out.contains("Byggedato: 1. november 2021 (fra --dato)"),
        "{out}"
    );
    assert!(
        out.contains("er mere end 6 måneder gammel, så siden viser den som historik"),
        "{out}"
    );
}

/// The `basic` site with files that wait for a day or have passed theirs.
fn dated_site() -> tempfile::TempDir {
    let dir = site("basic");
    copy_tree(&fixtures().join("dates"), dir.path());
    dir
}

const SCHEDULED: [&str; 3] = [
    "indsatser/2020-2021/sovnforloeb/index.html",
    "nyheder/sommerhold/index.html",
    "snart/index.html",
];
const EXPIRED: [&str; 3] = [
    "indsatser/2020-2021/roegfri-kampagne/index.html",
    "nyheder/vinterhold/index.html",
    "kampagne/index.html",
];
const SLUGS: [&str; 6] = [
    "sovnforloeb",
    "sommerhold",
    "snart",
    "roegfri-kampagne",
    "vinterhold",
    "kampagne/",
];

/// Every file a site hands to machines and lists: where no file that is not on the site may
/// be named.
fn listed(out: &Path) -> Vec<(String, String)> {
    let mut files = vec![
        "sitemap.xml".to_string(),
        "feed.xml".to_string(),
        "data/indsatser.json".to_string(),
        "data/indsatser.csv".to_string(),
        "index.html".to_string(),
        "nyheder/index.html".to_string(),
        "alle/index.html".to_string(),
        "tema/tobak/index.html".to_string(),
        "tema/mental-sundhed/index.html".to_string(),
    ];
    for f in std::fs::read_dir(out.join("search")).expect("search/") {
        let name = f.expect("entry").file_name().to_string_lossy().into_owned();
        files.push(format!("search/{name}"));
    }
    files
        .into_iter()
        .filter(|f| out.join(f).is_file())
        .map(|f| {
            let text =
                String::from_utf8_lossy(&std::fs::read(out.join(&f)).expect("read")).into_owned();
            (f, text)
        })
        .collect()
}

#[test]
fn files_wait_for_udgives_and_leave_after_udloeber() {
    let dir = dated_site();
    let (out, printed) = build_at(dir.path(), "2021-05-01", &[]);
    assert!(
        printed.contains("3 filer skal først udgives senere; byg med --fremtid for at se dem"),
        "{printed}"
    );
    assert!(printed.contains("3 filer er udløbet"), "{printed}");
    for page in SCHEDULED {
        assert!(!out.path().join(page).exists(), "{page} before its day");
    }
    for page in EXPIRED {
        let html = read(out.path().join(page));
        assert!(html.contains("Siden er ikke længere aktuel."), "{page}");
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(
            html.contains("href=\"tel:11223344\""),
            "{page}: whom to ask"
        );
        assert!(html.contains("href=\"/soeg/\""), "{page}: where to go");
    }
    let ended = read(out.path().join(EXPIRED[0]));
    assert!(ended.contains(
        "Indsatsen er taget af portalen efter <time datetime=\"2021-04-01\">1. april 2021</time>"
    ));
    assert!(ended.contains("<a href=\"/tema/tobak/\">Temaet Tobak</a>"));
    for (file, text) in listed(out.path()) {
        for slug in SLUGS {
            assert!(!text.contains(slug), "{file} names {slug}");
        }
    }
    // With --fremtid the scheduled files are built; expired ones stay ended.
    let (future, printed) = build_at(dir.path(), "2021-05-01", &["--fremtid"]);
    assert!(!printed.contains("udgives senere"), "{printed}");
    for page in SCHEDULED {
        assert!(future.path().join(page).is_file(), "{page} with --fremtid");
    }
    // On their day they are published without asking.
    let (later, _) = build_at(dir.path(), "2021-09-01", &[]);
    for page in SCHEDULED {
        assert!(later.path().join(page).is_file(), "{page} on its day");
    }
    let sitemap = read(later.path().join("sitemap.xml"));
    assert!(sitemap.contains("/snart/") && sitemap.contains("/indsatser/2020-2021/sovnforloeb/"));
}

#[test]
fn check_warns_about_links_to_expired_pages() {
    let dir = dated_site();
    let o = at("check", dir.path(), "2021-05-01", &[]);
    let out = stdout(&o);
    assert!(
        out.contains("advarsel: linket fører til en side, der er udløbet: /kampagne/"),
        "{out}"
    );
    assert!(
        out.contains("  --> content/sider/henvisninger.md:4:4\n"),
        "placed at the link:\n{out}"
    );
}

#[test]
fn a_fixed_date_gives_the_same_bytes_and_another_date_other_bytes() {
    let dir = dated_site();
    let (a, _) = build_at(dir.path(), "2021-05-01", &[]);
    let (b, _) = build_at(dir.path(), "2021-05-01", &[]);
    assert!(
        snapshot(a.path()) == snapshot(b.path()),
        "same date, same bytes"
    );
    // SOURCE_DATE_EPOCH (set by the test harness to 2021-05-01) gives the same day too.
    let c = tempfile::tempdir().expect("temp");
    let o = indsats(&[
        "build",
        "--root",
        dir.path().to_str().expect("utf-8"),
        "--out",
        c.path().to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        snapshot(a.path()) == snapshot(c.path()),
        "SOURCE_DATE_EPOCH"
    );
    let (d, _) = build_at(dir.path(), "2022-05-01", &[]);
    assert!(snapshot(a.path()) != snapshot(d.path()), "the date matters");
}

#[test]
fn a_date_that_does_not_exist_is_refused() {
    let dir = site("basic");
    let o = at("build", dir.path(), "2021-02-29", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--dato \"2021-02-29\" er ikke en dato: februar 2021 har 28 dage"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("public").exists(), "nothing written");
}

#[test]
fn a_file_scheduled_for_later_claims_its_address_today() {
    let dir = dated_site();
    // A published update that wants the address the scheduled one will have on 15 June.
    std::fs::write(
        dir.path().join("content/nyheder/2021-01-01-sommerhold.md"),
        "---\ntitel: Sommerhold sidste år\ndato: 2021-01-01\n---\nTekst.\n",
    )
    .expect("write");
    let o = at("build", dir.path(), "2021-05-01", &[]);
    assert_eq!(o.status.code(), Some(1), "found before its day");
    assert!(
        stderr(&o).contains("adressen /nyheder/sommerhold/ bruges også af"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn build_warns_about_links_to_expired_pages_as_check_does() {
    let dir = dated_site();
    // A real address, so that --strict has only the links to refuse.
    let yaml = dir.path().join("site.yaml");
    std::fs::write(
        &yaml,
        read(&yaml).replace("test.example.dk", "sundhed.testby.dk"),
    )
    .expect("write");
    let o = at("build", dir.path(), "2021-05-01", &["--strict"]);
    assert_eq!(o.status.code(), Some(1), "--strict refuses it");
    assert!(
        stderr(&o).contains("advarsel: linket fører til en side, der er udløbet: /kampagne/"),
        "{}",
        stderr(&o)
    );
}
