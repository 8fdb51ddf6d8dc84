//! The browser suite: builds the shipped site (at `/` and at the sub-path `/sundhed/`), the
//! `basic` fixture and the `az` fixture (an A–Å list of three pages), then drives Debian's headless Chromium over them with
//! `tests/browser/check.mjs` (axe-core WCAG 2.1 AA, keyboard, reflow, headings, links, print)
//! and validates every page with the W3C Nu HTML checker. Also drives `indsats serve` with
//! `tests/browser/live.mjs`: saves reload the open tab, mistakes show the error overlay.
//!
//! Needs `chromium`, `node`, `java` and `npm ci` in `tests/browser/` (`.ci/run` installs them).
//! Without them (see `build.rs`) `cargo test` lists these tests as ignored, with the reason;
//! under `CI=true` a missing tool fails them. Screenshots land in `target/screenshots/`.

#[path = "it/common/mod.rs"]
mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tool_missing() -> Option<String> {
    let browser_dir = repo_root().join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!("{chromium} (apt-get install chromium)"));
    }
    for (tool, arg) in [("node", "--version"), ("java", "-version")] {
        if Command::new(tool).arg(arg).output().is_err() {
            return Some(format!(
                "{tool} (apt-get install nodejs / default-jre-headless)"
            ));
        }
    }
    if !browser_dir.join("node_modules/playwright-core").is_dir() {
        return Some("tests/browser/node_modules (cd tests/browser && npm ci)".into());
    }
    None
}

/// Runs `tests/browser/<script>` with node; returns whether it succeeded and what it printed.
/// The browser reads the pages on the day they were built (`TEST_DATE`), so that what
/// `js/dates.js` does by the reader's clock is what the build did.
fn node(script: &str, args: &[&std::ffi::OsStr]) -> (bool, String) {
    let o = Command::new("node")
        .env("INDSATS_READER_DATE", TEST_DATE)
        .arg(repo_root().join("tests/browser").join(script))
        .args(args)
        .output()
        .expect("run node");
    (o.status.success(), format!("{}{}", stdout(&o), stderr(&o)))
}

/// Every test here needs the tools: without them (and not under CI) the build script leaves
/// `cfg(browser_tools)` unset and the tests show as ignored, with the reason.
///
/// Fails with what is missing (reached without the tools only under CI). Returns a guard
/// that lets one browser test run at a time: each starts Chromium (and some a server), and
/// eight of them at once on a 2-core machine made page loads time out.
fn tools() -> std::sync::MutexGuard<'static, ()> {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    if let Some(what) = tool_missing() {
        panic!("the browser suite needs {what}");
    }
    // A test that failed while holding the guard does not stop the others.
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn build(root: &Path, out: &Path, base_url: &str) {
    let o = indsats(&[
        "build",
        "--root",
        root.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
        "--base-url",
        base_url,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// One page of each kind (with a `kind` name, checked at three widths with screenshots),
/// then every other HTML page of the site (checked at one width).
fn pages(
    out: &Path,
    sample_initiative: &str,
    sample_update: &str,
    sample_page: &str,
    sample_offer: &str,
) -> Vec<serde_like::Entry> {
    use serde_like::Entry;
    let first = |dir: &str| -> String {
        let mut names: Vec<String> = std::fs::read_dir(out.join(dir))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        format!("{dir}/{}/", names.first().expect("at least one"))
    };
    let kinds = vec![
        Entry::kind("front", ""),
        Entry::kind("initiative", sample_initiative),
        Entry::kind("theme", &first("tema")),
        Entry::kind("year", &first("aar")),
        Entry::kind("plan", &first("handleplan")),
        Entry::kind("updates", "nyheder/"),
        Entry::kind("update", sample_update),
        Entry::kind("page", sample_page),
        Entry::kind("search", "soeg/"),
        Entry::kind("offer", sample_offer),
        Entry::kind("offers", "tilbud/"),
        Entry::kind("az", "alle/"),
        Entry {
            kind: Some("404".into()),
            path: "findes/ikke/".into(),
            status: 404,
        },
    ];
    let mut all: Vec<Entry> = walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let rel = e
                .path()
                .parent()
                .expect("in a folder")
                .strip_prefix(out)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            if rel.is_empty() {
                String::new()
            } else {
                format!("{rel}/")
            }
        })
        .filter(|p| !kinds.iter().any(|k| &k.path == p) && p != "was/")
        .map(|p| Entry {
            kind: None,
            path: p,
            status: 200,
        })
        .collect();
    let mut out = kinds;
    out.append(&mut all);
    out
}

/// The few JSON shapes the browser script reads, written by hand to keep the test
/// dependencies to what the crate already has.
mod serde_like {
    pub struct Entry {
        pub kind: Option<String>,
        pub path: String,
        pub status: u16,
    }

    impl Entry {
        pub fn kind(kind: &str, path: &str) -> Entry {
            Entry {
                kind: Some(kind.into()),
                path: path.into(),
                status: 200,
            }
        }
    }

    pub fn string(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    pub fn site(name: &str, dir: &str, base: &str, pages: &[Entry]) -> String {
        let pages: Vec<String> = pages
            .iter()
            .map(|p| {
                let kind = p.kind.as_deref().map_or("null".to_string(), string);
                format!(
                    "{{\"kind\":{kind},\"path\":{},\"status\":{}}}",
                    string(&p.path),
                    p.status
                )
            })
            .collect();
        format!(
            "{{\"name\":{},\"dir\":{},\"base\":{},\"pages\":[{}]}}",
            string(name),
            string(dir),
            string(base),
            pages.join(",")
        )
    }
}

fn screenshots_dir() -> PathBuf {
    let dir = repo_root().join("target/screenshots");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("screenshots folder");
    dir
}

#[test]
#[cfg_attr(
    not(browser_tools),
    ignore = "needs chromium, node, java and npm ci in tests/browser (bash .ci/run installs them)"
)]
fn every_page_kind_passes_the_browser_checks_at_root_and_sub_path() {
    let _one_at_a_time = tools();
    let work = tempfile::tempdir().expect("temp");
    let (root_out, sub_out, fix_out) = (
        work.path().join("root"),
        work.path().join("sub"),
        work.path().join("fixture"),
    );
    build(&repo_root(), &root_out, "http://127.0.0.1/");
    build(&repo_root(), &sub_out, "http://127.0.0.1/sundhed/");
    // The basic site with offers: one with courses, contact and a calendar, one without.
    let fixture = site("basic");
    copy_tree(&fixtures().join("offers"), fixture.path());
    build(fixture.path(), &fix_out, "http://127.0.0.1/");
    // The shipped site's A–Å list fits on one page; this one runs over three, at a sub-path.
    let az_out = work.path().join("az");
    let az = az_site();
    build(az.path(), &az_out, "http://127.0.0.1/sundhed/");
    let az_pages = [
        serde_like::Entry::kind("az-pages", "alle/2/"),
        serde_like::Entry {
            kind: None,
            path: "alle/".into(),
            status: 200,
        },
        serde_like::Entry {
            kind: None,
            path: "alle/3/".into(),
            status: 200,
        },
        serde_like::Entry {
            kind: None,
            path: "soeg/".into(),
            status: 200,
        },
        // 230 Tobak initiatives: the theme and year lists run over five pages each.
        serde_like::Entry::kind("theme-pages", "tema/tobak/2/"),
        serde_like::Entry::kind("year-pages", "aar/2021/5/"),
        serde_like::Entry {
            kind: None,
            path: "tema/tobak/".into(),
            status: 200,
        },
    ];

    let shipped = pages(
        &root_out,
        "indsatser/2020-2021/mental-balance/",
        "nyheder/roegfri-arbejdstid/",
        "om-handleplanen/",
        "tilbud/mental-balance/",
    );
    let kinds_only: Vec<_> = shipped
        .iter()
        .filter(|e| e.kind.is_some())
        .map(|e| serde_like::Entry {
            kind: e.kind.clone(),
            path: e.path.clone(),
            status: e.status,
        })
        .collect();
    let fixture_pages = pages(
        &fix_out,
        "indsatser/2020-2021/stressforloeb/",
        "nyheder/roegfri-arbejdstid/",
        "om/",
        "tilbud/stresshold/",
    );
    let shots = screenshots_dir();
    let config = format!(
        "{{\"screenshots\":{},\"sites\":[{},{},{},{}]}}",
        serde_like::string(shots.to_str().expect("utf-8")),
        serde_like::site("shipped", root_out.to_str().expect("utf-8"), "/", &shipped),
        serde_like::site(
            "shipped-subpath",
            sub_out.to_str().expect("utf-8"),
            "/sundhed/",
            &kinds_only
        ),
        serde_like::site(
            "fixture",
            fix_out.to_str().expect("utf-8"),
            "/",
            &fixture_pages
        ),
        serde_like::site(
            "az",
            az_out.to_str().expect("utf-8"),
            "/sundhed/",
            &az_pages
        ),
    );
    let config_path = work.path().join("config.json");
    std::fs::write(&config_path, config).expect("config");
    let (ok, report) = node("check.mjs", &[config_path.as_os_str()]);
    assert!(ok, "browser checks failed:\n{report}");
    assert!(report.contains(" 0 failures"), "{report}");
    for kind in [
        "front",
        "initiative",
        "theme",
        "year",
        "plan",
        "updates",
        "update",
        "page",
        "search",
        "az",
        "offer",
        "offers",
        "404",
    ] {
        for w in [375, 1280] {
            assert!(
                shots.join(format!("shipped/{kind}-{w}.png")).is_file(),
                "screenshot {kind}-{w}"
            );
        }
    }
}

#[test]
#[cfg_attr(
    not(browser_tools),
    ignore = "needs chromium, node, java and npm ci in tests/browser (bash .ci/run installs them)"
)]
fn every_built_page_is_valid_html() {
    let _one_at_a_time = tools();
    let work = tempfile::tempdir().expect("temp");
    let out = work.path().join("site");
    build(&repo_root(), &out, "https://example.dk/sundhed/");
    let fixture = site("basic");
    let fix_out = work.path().join("fixture");
    build(fixture.path(), &fix_out, "https://example.dk/");
    let vnu = repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    let o = Command::new("java")
        .args([
            "-jar",
            vnu.to_str().expect("utf-8"),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "text",
        ])
        .arg(&out)
        .arg(&fix_out)
        .output()
        .expect("run the Nu HTML checker");
    assert!(
        o.status.success(),
        "Nu HTML checker found errors:\n{}{}",
        stdout(&o),
        stderr(&o)
    );
}

/// The Danish query set: what a citizen types, and the initiative that must come up in the
/// top 3. Each is tried as typed and, where it has æ/ø/å, typed without them.
const QUERIES: &[(&str, &str)] = &[
    ("rygestop", "Afprøvning af nye typer af rygestopkurser"),
    ("rygestopkursus", "Færre rygere gennem en målrettet indsats"),
    ("stress", "Mental balance"),
    ("vægttab børn", "Vægtenheden for børn og unge"),
    ("kræft familie", "Sammen med Borgeren livssituation: »Vi er en familie, hvor mor eller far har en kræftdiagnose«"),
    ("overvægt voksne", "Individuel model for voksne"),
    ("røgfri", "Røgfri Fremtid"),
    ("børnene", "Vægtenheden for børn og unge"),
    ("kurser", "Mental balance"),
    ("kursus", "Mental balance"),
    ("diabetes", "Type 2-diabetes"),
    ("cykel", "Cykelløb"),
    ("fædre madlavning", "Fars Køkkenskole"),
    ("kultur", "»Kulturvitaminer« som pilotprojekter"),
];

#[test]
#[cfg_attr(
    not(browser_tools),
    ignore = "needs chromium, node, java and npm ci in tests/browser (bash .ci/run installs them)"
)]
fn citizens_find_the_right_initiative_in_danish() {
    let _one_at_a_time = tools();
    let work = tempfile::tempdir().expect("temp");
    let out = work.path().join("site");
    build(&repo_root(), &out, "http://127.0.0.1/sundhed/");
    let mut queries: Vec<(String, String)> = Vec::new();
    for (q, want) in QUERIES {
        queries.push((q.to_string(), want.to_string()));
        let folded = indsats::testing::fold_ascii(q);
        if folded != *q {
            queries.push((folded, want.to_string()));
        }
    }
    let initiatives = walkdir::WalkDir::new(out.join("indsatser"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
        .count();
    let list: Vec<String> = queries
        .iter()
        .map(|(q, w)| format!("[{},{}]", serde_like::string(q), serde_like::string(w)))
        .collect();
    let config = format!(
        "{{\"dir\":{},\"base\":\"/sundhed/\",\"initiatives\":{initiatives},\"queries\":[{}]}}",
        serde_like::string(out.to_str().expect("utf-8")),
        list.join(",")
    );
    let config_path = work.path().join("search.json");
    std::fs::write(&config_path, config).expect("config");
    let (ok, report) = node("search.mjs", &[config_path.as_os_str()]);
    println!("{report}");
    assert!(
        ok && report.contains(" 0 failures"),
        "search checks failed:\n{report}"
    );
}

#[test]
#[cfg_attr(
    not(browser_tools),
    ignore = "needs chromium, node, java and npm ci in tests/browser (bash .ci/run installs them)"
)]
fn an_editor_sees_saves_and_mistakes_live_in_the_browser() {
    let _one_at_a_time = tools();
    let dir = site("basic");
    let server = start(dir.path());
    let file = dir.path().join("content/indsatser/2018-2019/rygestop.md");
    let origin = format!("http://127.0.0.1:{}/", server.port);
    let (ok, report) = node(
        "live.mjs",
        &[
            origin.as_ref(),
            file.as_os_str(),
            "indsatser/2018-2019/rygestop/".as_ref(),
        ],
    );
    println!("{report}");
    assert!(
        ok && report.contains("live reload: 0 failures"),
        "live reload checks failed:\n{report}"
    );
}

/// The editor in `serve` as an editor uses it (`tests/browser/editor.mjs`): "Rediger denne
/// side", "Titel" changed with the keyboard, "Gem", the page shows it; an empty title shown at
/// its field; axe clean at 375 and 1280 px; and the form in both states passes the Nu checker.
#[test]
#[cfg_attr(
    not(browser_tools),
    ignore = "needs chromium, node, java and npm ci in tests/browser (bash .ci/run installs them)"
)]
fn an_editor_edits_a_title_in_the_browser_form() {
    let _one_at_a_time = tools();
    let dir = site("basic");
    let server = start(dir.path());
    let origin = format!("http://127.0.0.1:{}/", server.port);
    let pages = tempfile::tempdir().expect("temp");
    let address = server
        .editor
        .clone()
        .expect("serve printed the editor's address");
    let (ok, report) = node(
        "editor.mjs",
        &[
            origin.as_ref(),
            "indsatser/2018-2019/rygestop/".as_ref(),
            pages.path().as_os_str(),
            address.as_ref(),
        ],
    );
    println!("{report}");
    assert!(
        ok && report.contains("editor: 0 failures"),
        "editor checks failed:\n{report}"
    );
    let file = read(dir.path().join("content/indsatser/2018-2019/rygestop.md"));
    assert!(
        file.contains("\ntitel: Rygestop for alle borgere\n"),
        "{file}"
    );
    let vnu = repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    let o = Command::new("java")
        .args([
            "-jar",
            vnu.to_str().expect("utf-8"),
            "--errors-only",
            "--format",
            "text",
        ])
        .arg(pages.path().join("form.html"))
        .arg(pages.path().join("form-with-errors.html"))
        .arg(pages.path().join("overview.html"))
        .output()
        .expect("run the Nu HTML checker");
    assert!(
        o.status.success(),
        "Nu HTML checker found errors in the editor's form:\n{}{}",
        stdout(&o),
        stderr(&o)
    );
}

/// What the editor guards against (`tests/browser/editor-guards.mjs`, issue #31): a half-typed
/// date never takes the date out of the file (stopped at the field by the form's script;
/// kept and asked about by the server without it; removed only when ticked), and an SVG with
/// a script in `content/billeder/`, opened in the editor's own browser, runs nothing and
/// makes nothing.
#[test]
#[cfg_attr(
    not(browser_tools),
    ignore = "needs chromium, node, java and npm ci in tests/browser (bash .ci/run installs them)"
)]
fn a_half_typed_date_and_a_scripted_svg_cannot_harm_the_file() {
    let _one_at_a_time = tools();
    let dir = site("basic");
    let server = start(dir.path());
    let origin = format!("http://127.0.0.1:{}/", server.port);
    let address = server
        .editor
        .clone()
        .expect("serve printed the editor's address");
    let (ok, report) = node(
        "editor-guards.mjs",
        &[origin.as_ref(), address.as_ref(), dir.path().as_os_str()],
    );
    println!("{report}");
    assert!(
        ok && report.contains("editor guards: 0 failures"),
        "editor guard checks failed:\n{report}"
    );
}

/// The six journeys of issue #29, tapped on a 375 px phone from the home page of the shipped
/// site at a sub-path: four needs that end at an offer page (stress, a child's weight,
/// smoking, exercise), and two that end at an honest page with whom to ask (what came of the
/// diabetes work; a journalist's numbers). Each: (need, taps, arrival, ends at an offer).
const JOURNEYS: &[(&str, &[&str], &str, bool)] = &[
    (
        "stress",
        &["Stress og mistrivsel"],
        "/tilbud/mental-balance/",
        true,
    ),
    (
        "overvægt hos et barn",
        &["Overvægt hos børn og unge"],
        "/tilbud/vaegtenheden/",
        true,
    ),
    (
        "rygestop",
        &["Stop med at ryge", "Rygestopkursus"],
        "/tilbud/rygestopkursus/",
        true,
    ),
    (
        "motion som senior",
        &[
            "Motion og bevægelse",
            "Rehabiliteringsforløb ved type 2-diabetes",
        ],
        "/tilbud/type-2-diabetes/",
        true,
    ),
    (
        "hvad kom der ud af diabetesindsatsen",
        &["Type 2-diabetes", "Type 2-diabetes"],
        "/indsatser/2020-2021/type2diabetes/",
        false,
    ),
    (
        "journalistens tal",
        &["Resultater og tal"],
        "/handleplan/2020-2021/",
        false,
    ),
];

#[test]
#[cfg_attr(
    not(browser_tools),
    ignore = "needs chromium, node, java and npm ci in tests/browser (bash .ci/run installs them)"
)]
fn a_citizen_taps_from_a_worry_to_an_offer_in_three_taps() {
    let _one_at_a_time = tools();
    let work = tempfile::tempdir().expect("temp");
    let out = work.path().join("site");
    build(&repo_root(), &out, "http://127.0.0.1/sundhed/");
    let journeys: Vec<String> = JOURNEYS
        .iter()
        .map(|(need, taps, arrive, offer)| {
            let taps: Vec<String> = taps.iter().map(|t| serde_like::string(t)).collect();
            format!(
                "{{\"need\":{},\"taps\":[{}],\"arrive\":{},\"offer\":{offer}}}",
                serde_like::string(need),
                taps.join(","),
                serde_like::string(arrive)
            )
        })
        .collect();
    let config = format!(
        "{{\"dir\":{},\"base\":\"/sundhed/\",\"journeys\":[{}]}}",
        serde_like::string(out.to_str().expect("utf-8")),
        journeys.join(",")
    );
    let config_path = work.path().join("journeys.json");
    std::fs::write(&config_path, config).expect("config");
    let (ok, report) = node("journeys.mjs", &[config_path.as_os_str()]);
    println!("{report}");
    assert!(
        ok && report.contains("journeys: 0 failures"),
        "journeys failed:\n{report}"
    );
}

/// A page built while its status was current ages in the reader's browser when the site is
/// not built again: `js/dates.js` shows the history notice once the reader's (mocked) clock
/// passes the day in `data-stale-from`, and the page stays accessible.
#[test]
#[cfg_attr(
    not(browser_tools),
    ignore = "needs chromium, node, java and npm ci in tests/browser (bash .ci/run installs them)"
)]
fn a_page_that_is_not_built_again_still_ages_in_the_browser() {
    let _one_at_a_time = tools();
    let work = tempfile::tempdir().expect("temp");
    let out = work.path().join("site");
    // Built at the test date (May 2021): Mental balance 2020-2021 is current until 2022-01-01.
    build(&repo_root(), &out, "http://127.0.0.1/sundhed/");
    let page = "indsatser/2020-2021/mental-balance/";
    let html = read(out.join(page).join("index.html"));
    assert!(html.contains("data-stale-from=\"2022-01-01\""), "{html}");
    let args: Vec<&std::ffi::OsStr> = [
        out.as_os_str(),
        "/sundhed/".as_ref(),
        page.as_ref(),
        "2021-12-31".as_ref(),
        "2026-12-05".as_ref(),
    ]
    .to_vec();
    let (ok, report) = node("dates.mjs", &args);
    println!("{report}");
    assert!(ok && report.contains("dates: 0 failures"), "{report}");
}
