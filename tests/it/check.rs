//! `indsats check`: the `check` fixture (laid over `basic`) holds one case of every problem
//! check finds beyond the build; the shipped site passes.

use crate::common;
use common::*;
use indsats::Date;
use indsats::{check as run, CheckOptions};

fn check_site() -> tempfile::TempDir {
    let dir = site("basic");
    copy_tree(&fixtures().join("check"), dir.path());
    dir
}

/// Everything `check` finds in the site at `root` (drafts left out) on `today()`.
fn check_at(root: &std::path::Path) -> Vec<indsats::Diagnostic> {
    run(&CheckOptions {
        root: root.to_path_buf(),
        drafts: false,
        today: today(),
    })
}

/// The day these checks judge staleness at: every plan period of the fixtures has ended.
const CHECK_DATE: &str = "2030-06-01";

fn today() -> Date {
    Date::parse(CHECK_DATE).expect("a valid date")
}

#[test]
fn finds_every_kind_of_problem_with_file_and_line() {
    let dir = check_site();
    let found = check_at(dir.path());
    let got: Vec<String> = found
        .iter()
        .map(|d| {
            let kind = if d.is_error() { "fejl" } else { "advarsel" };
            let msg = d.message.split(':').next().unwrap_or("");
            format!("{} {kind}: {msg}", d.location())
        })
        .collect();
    let links = "content/indsatser/2018-2019/doede-links.md";
    let fresh = "content/indsatser/2030-2031/nyt-tilbud";
    let want = [
        format!("{links}:4:1 advarsel: planperioden 2018-2019 er slut, men status er stadig \"igangværende\""),
        format!("{links}:9:4 fejl: linket fører ingen steder hen"),
        format!("{links}:12:1 fejl: linket peger på et afsnit, der ikke findes"),
        format!("{links}:14:1 fejl: billedet har ingen alternativ tekst"),
        format!("{links}:16:1 fejl: billedet findes ikke"),
        format!("{fresh}-igen.md:2:1 advarsel: en anden indsats i planperioden 2030-2031 har samme titel"),
        format!("{fresh}-igen.md:7:1 advarsel: indsatsen er ikke opdateret i over et år (sidst 1. januar 2028)"),
        format!("{fresh}.md:2:1 advarsel: indsatsen har ingen dato for, hvornår den sidst blev opdateret"),
        format!("{fresh}.md:2:1 advarsel: indsatsen mangler en målgruppe"),
        format!("{fresh}.md:2:1 advarsel: borgerne kan ikke se, hvordan de tilmelder sig eller hvem de kan kontakte"),
        format!("{fresh}.md:2:1 advarsel: en anden indsats i planperioden 2030-2031 har samme titel"),
        "content/indsatser/2020-2021/stressforloeb.md:4:1 advarsel: planperioden 2020-2021 er slut, men status er stadig \"igangværende\"".to_string(),
        "content/indsatser/2030-2031/kun-telefon.md:9:1 advarsel: kontakten har et telefonnummer, men intet navn".to_string(),
        "content/billeder/kort.svg:3:3 advarsel: filen indeholder et script (<script>), som en browser kører, når filen åbnes".to_string(),
        "site.yaml:4:19 advarsel: adressen bruger eksempeldomænet test.example.dk".to_string(),
        "site.yaml:7:18 advarsel: e-mailadressen bruger eksempeldomænet test.example.dk".to_string(),
    ];
    let mut want = want.to_vec();
    want.sort();
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(sorted, want, "in order found:\n{}", got.join("\n"));
    let broken = found
        .iter()
        .find(|d| d.message.contains("ingen steder hen"))
        .expect("the broken link");
    assert_eq!(
        broken.message,
        "linket fører ingen steder hen: /indsatser/2018-2019/stresforloeb/"
    );
    let hint = broken.hint.as_deref().unwrap_or("");
    assert!(
        hint.starts_with("mente du /indsatser/2018-2019/stressforloeb/?"),
        "{hint}"
    );
}

#[test]
fn the_command_line_exits_one_on_errors_and_groups_by_file() {
    let dir = check_site();
    let root = dir.path().to_str().expect("utf-8");
    let o = indsats(&["check", "--dato", CHECK_DATE, "--root", root]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("== content/indsatser/2018-2019/doede-links.md (4 fejl og 1 advarsel)"),
        "{out}"
    );
    assert!(
        out.contains("  --> content/indsatser/2018-2019/doede-links.md:14:1\n"),
        "{out}"
    );
    let json = indsats(&[
        "check", "--dato", CHECK_DATE, "--root", root, "--format", "json",
    ]);
    assert_eq!(json.status.code(), Some(1));
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON output");
    let items = parsed.as_array().expect("a list of problems");
    let alt = items
        .iter()
        .find(|d| d["message"] == "billedet har ingen alternativ tekst")
        .expect("the image without alt text");
    assert_eq!(alt["severity"], "error");
    assert_eq!(alt["file"], "content/indsatser/2018-2019/doede-links.md");
    assert_eq!(alt["line"], 14);
}

#[test]
fn warnings_pass_unless_strict() {
    let dir = site("basic");
    let root = dir.path().to_str().expect("utf-8");
    // basic has one stale status (2020-2021 still "igangværende") and the sample domain
    // test.example.dk in its address and e-mail, and nothing else.
    let o = indsats(&["check", "--dato", CHECK_DATE, "--root", root]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("0 fejl og 3 advarsler i 2 filer."),
        "{}",
        stdout(&o)
    );
    let strict = indsats(&["check", "--dato", CHECK_DATE, "--root", root, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn build_errors_are_check_errors() {
    let dir = site("basic");
    let file = dir
        .path()
        .join("content/indsatser/2020-2021/stressforloeb.md");
    let text = read(&file).replace("status: igangværende", "status: igang");
    std::fs::write(&file, text).expect("write");
    let o = indsats(&[
        "check",
        "--dato",
        CHECK_DATE,
        "--root",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("content/indsatser/2020-2021/stressforloeb.md:4"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_shipped_site_passes() {
    let o = indsats(&[
        "check",
        "--dato",
        CHECK_DATE,
        "--root",
        repo_root().to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("fejl:"), "{}", stdout(&o));
}

/// The sample addresses of a `site.yaml` (`example.dk`, RFC 2606) are a warning on the line
/// that writes them, so an editor does not publish a site that links to a domain nobody owns;
/// with real addresses the warnings go.
#[test]
fn sample_addresses_in_site_yaml_are_pointed_out() {
    let dir = site("basic");
    let root = dir.path().to_str().expect("utf-8");
    let o = indsats(&["check", "--dato", CHECK_DATE, "--root", root]);
    let out = stdout(&o);
    for (place, what) in [
        (
            "site.yaml:4:",
            "adressen bruger eksempeldomænet test.example.dk",
        ),
        (
            "site.yaml:7:",
            "e-mailadressen bruger eksempeldomænet test.example.dk",
        ),
    ] {
        assert!(
            out.contains(place) && out.contains(what),
            "{place} {what}: {out}"
        );
    }
    let yaml = dir.path().join("site.yaml");
    std::fs::write(
        &yaml,
        read(&yaml).replace("test.example.dk", "sundhed.roedovre.dk"),
    )
    .expect("write");
    let o = indsats(&["check", "--dato", CHECK_DATE, "--root", root]);
    assert!(!stdout(&o).contains("eksempeldomænet"), "{}", stdout(&o));
}

/// One round of `check` shows what to fix first: files with errors come before files with
/// warnings only, and a warning that recurs (the same words and hint in three places or more)
/// is shown once with the list of its places instead of once per file; the count line still
/// counts every one.
#[test]
fn errors_come_first_and_recurring_warnings_are_shown_once() {
    let dir = check_site();
    // A dead link in a file that sorts after every file with warnings only.
    std::fs::write(
        dir.path().join("content/sider/zz-links.md"),
        "---\ntitel: Links\n---\nSe [siden](/findes-ikke/).\n",
    )
    .expect("write");
    // The same stale status in three more files of an ended period.
    let stale = read(
        dir.path()
            .join("content/indsatser/2020-2021/stressforloeb.md"),
    );
    for name in ["a", "b", "c"] {
        std::fs::write(
            dir.path()
                .join(format!("content/indsatser/2020-2021/stress-{name}.md")),
            stale.replace("titel: ", &format!("titel: {name} ")),
        )
        .expect("write");
    }
    let o = indsats(&[
        "check",
        "--dato",
        CHECK_DATE,
        "--root",
        dir.path().to_str().expect("utf-8"),
    ]);
    let out = stdout(&o);
    let at = |s: &str| {
        out.find(s)
            .unwrap_or_else(|| panic!("{s:?} missing:\n{out}"))
    };
    assert!(
        at("== content/sider/zz-links.md") < at("== content/indsatser/2030-2031/nyt-tilbud.md"),
        "files with errors first:\n{out}"
    );
    let stale_words = "planperioden 2020-2021 er slut, men status er stadig";
    assert_eq!(out.matches(stale_words).count(), 1, "shown once:\n{out}");
    assert!(out.contains("== Samme advarsel i 4 filer"), "{out}");
    for name in ["stressforloeb", "stress-a", "stress-b", "stress-c"] {
        assert!(
            out.contains(&format!(
                "  --> content/indsatser/2020-2021/{name}.md:4:1\n"
            )),
            "{name}:\n{out}"
        );
    }
    assert!(
        out.trim_end().ends_with("filer."),
        "the count line last:\n{out}"
    );
}

/// What `check` calls a link or an image that leads nowhere, the build warns about (it knows
/// every file it made), at the same place; `build --strict` refuses it and changes nothing.
#[test]
fn build_warns_on_the_links_check_finds_and_strict_publishes_nothing() {
    let dir = check_site();
    let root = dir.path().to_str().expect("utf-8");
    let place = |d: &indsats::Diagnostic| format!("{} {}", d.location(), d.message);
    let from_check: Vec<String> = check_at(dir.path())
        .iter()
        .filter(|d| d.message.starts_with("linket") || d.message.starts_with("billedet"))
        .map(place)
        .collect();
    assert_eq!(from_check.len(), 4, "{from_check:?}");

    let report = indsats::build(&indsats::BuildOptions::new(dir.path(), common::test_date()))
        .expect("builds");
    let from_build: Vec<String> = report
        .warnings
        .iter()
        .filter(|d| !d.is_error())
        .map(place)
        .filter(|p| p.contains(" linket") || p.contains(" billedet"))
        .collect();
    assert_eq!(from_build, from_check);

    let o = indsats(&["build", "--root", root]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("advarsel: linket fører ingen steder hen: /indsatser/2018-2019/stresforloeb/\n  --> content/indsatser/2018-2019/doede-links.md:9:4\n"),
        "{}",
        stderr(&o)
    );
    let before = snapshot(&dir.path().join("public"));
    let strict = indsats(&["build", "--root", root, "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(
        stderr(&strict).contains("bygget med --strict.\nIntet er ændret i public/."),
        "{}",
        stderr(&strict)
    );
    assert_eq!(snapshot(&dir.path().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("site folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("-old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A file with an error does not hide the rest: the other checks run on the files that read
/// without errors, in the same round, and a link (or `fortsætter`) to the broken file's page
/// is not called a link to nothing.
#[test]
fn one_round_shows_the_build_error_and_everything_else() {
    let dir = site("basic");
    let edit = |rel: &str, from: &str, to: &str| {
        let file = dir.path().join(rel);
        let text = read(&file);
        assert!(text.contains(from), "{rel}");
        std::fs::write(&file, text.replacen(from, to, 1)).expect("write");
    };
    // rygestop-paa-nettet.md continues this one.
    edit(
        "content/indsatser/2018-2019/rygestop.md",
        "status: gennemført",
        "status: igang",
    );
    let stress = "content/indsatser/2020-2021/stressforloeb.md";
    let text = read(dir.path().join(stress));
    std::fs::write(
        dir.path().join(stress),
        format!(
            "{text}\nSe [rygestop](/indsatser/2018-2019/rygestop/) og [forkert](/tema/tobakk/).\n"
        ),
    )
    .expect("write");
    let found = check_at(dir.path());
    let got: Vec<String> = found
        .iter()
        .map(|d| {
            let kind = if d.is_error() { "fejl" } else { "advarsel" };
            format!("{} {kind}: {}", d.location(), d.message)
        })
        .collect();
    let last = read(dir.path().join(stress)).lines().count();
    assert_eq!(
        got,
        [
            "content/indsatser/2018-2019/rygestop.md:4:9 fejl: \"igang\" er ikke en gyldig værdi for \"status\"".to_string(),
            format!("{stress}:4:1 advarsel: planperioden 2020-2021 er slut, men status er stadig \"igangværende\""),
            format!("{stress}:{last}:50 fejl: linket fører ingen steder hen: /tema/tobakk/"),
            "site.yaml:4:19 advarsel: adressen bruger eksempeldomænet test.example.dk".to_string(),
            "site.yaml:7:18 advarsel: e-mailadressen bruger eksempeldomænet test.example.dk".to_string(),
        ]
    );
}

/// Two files wanting one address are reported once, on the file, not again on the page's
/// output path by the check of the files a build makes.
#[test]
fn an_address_two_files_want_is_reported_once() {
    let dir = site("basic");
    let news = dir.path().join("content/nyheder");
    std::fs::copy(
        news.join("2021-01-01-roegfri-arbejdstid.md"),
        news.join("2021-02-01-roegfri-arbejdstid.md"),
    )
    .expect("copy");
    let errors: Vec<String> = check_at(dir.path())
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    assert_eq!(
        errors,
        ["content/nyheder/2021-02-01-roegfri-arbejdstid.md: adressen /nyheder/roegfri-arbejdstid/ bruges også af content/nyheder/2021-01-01-roegfri-arbejdstid.md"]
    );
}

/// A plain page whose file name is an address the portal uses itself (`soeg.md`, `tema.md`)
/// is one error on the file, in check and build alike, not a second one on the page's output.
#[test]
fn a_page_taking_the_portal_s_address_is_reported_once_on_its_file() {
    let dir = site("basic");
    let pages = dir.path().join("content/sider");
    for name in ["soeg", "tema"] {
        std::fs::write(
            pages.join(format!("{name}.md")),
            "---\ntitel: En side\n---\nTekst.\n",
        )
        .expect("write");
    }
    let errors: Vec<String> = check_at(dir.path())
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    assert_eq!(
        errors,
        [
            "content/sider/soeg.md: adressen /soeg/ bruges af portalen selv",
            "content/sider/tema.md: adressen /tema/ bruges af portalen selv",
        ]
    );
    let root = dir.path().to_str().expect("utf-8");
    let o = indsats(&["build", "--root", root]);
    assert!(!o.status.success());
    assert_eq!(
        stderr(&o).matches("bruges af portalen selv").count(),
        2,
        "{}",
        stderr(&o)
    );
    assert!(
        !stderr(&o).contains("bliver lavet to gange"),
        "{}",
        stderr(&o)
    );
}

/// A news item whose name is a page number of the news list (`…-2.md` on a site with two pages
/// of news) is one error on the news item's file: the list keeps its address.
#[test]
fn a_news_item_on_the_news_list_s_second_page_is_an_error_on_its_file() {
    let dir = site("basic");
    let news = dir.path().join("content/nyheder");
    for day in 1..=60 {
        let name = if day == 1 {
            "2".to_string()
        } else {
            format!("nyt-{day}")
        };
        std::fs::write(
            news.join(format!("2021-03-{:02}-{name}.md", day % 28 + 1)),
            format!(
                "---\ntitel: Nyt {day}\ndato: 2021-03-{:02}\n---\nTekst.\n",
                day % 28 + 1
            ),
        )
        .expect("write");
    }
    let errors: Vec<String> = check_at(dir.path())
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    assert_eq!(
        errors,
        ["content/nyheder/2021-03-02-2.md: adressen /nyheder/2/ bruges af portalen selv"]
    );
}

/// `build` repeats `site.yaml`'s warnings (a sample domain) in its summary, so a site is not
/// published at example.dk without a word; `--strict` refuses to publish with them, leaving
/// `public/` as it was.
#[test]
fn build_repeats_the_sample_domain_and_strict_refuses_it() {
    let dir = site("basic");
    let root = dir.path().to_str().expect("utf-8");
    let o = indsats(&["build", "--root", root]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "advarsel: adressen bruger eksempeldomænet test.example.dk\n  --> site.yaml:4:19"
        ),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("e-mailadressen bruger eksempeldomænet"));
    let before = snapshot(&dir.path().join("public"));
    let strict = indsats(&["build", "--root", root, "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(
        stderr(&strict).contains("eksempeldomænet test.example.dk")
            && stderr(&strict).contains("bygget med --strict.\nIntet er ændret i public/."),
        "{}",
        stderr(&strict)
    );
    assert_eq!(snapshot(&dir.path().join("public")), before);
    // A real address given on the command line is not the sample one; the e-mail still is.
    let real = indsats(&[
        "build",
        "--root",
        root,
        "--base-url",
        "https://sundhed.testby.dk/",
    ]);
    assert!(
        !stderr(&real).contains("advarsel: adressen bruger"),
        "{}",
        stderr(&real)
    );
    assert!(
        stderr(&real).contains("e-mailadressen bruger"),
        "{}",
        stderr(&real)
    );
}
