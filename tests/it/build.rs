//! The happy path, as a user sees it: the shipped site and the `basic` fixture build, every
//! page the content model promises exists, links resolve at `/` and at a sub-path, builds are
//! byte-identical, text from editors is never run as code.

use crate::common;
use common::*;
use std::path::Path;

fn build(root: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    let o = indsats(&args);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    stdout(&o)
}

fn assert_well_formed_xml(path: &Path) -> String {
    let text = read(path);
    if let Err(e) = roxmltree::Document::parse(&text) {
        panic!("{} is not well-formed XML: {e}", path.display());
    }
    text
}

#[test]
fn shipped_site_has_every_promised_page() {
    let out = tempfile::tempdir().expect("temp");
    let summary = build(&repo_root(), out.path(), &[]);
    assert!(summary.starts_with("Bygget 28 indsatser, "), "{summary}");
    let o = out.path();
    let initiatives: Vec<_> = walkdir::WalkDir::new(o.join("indsatser"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
        .collect();
    assert_eq!(initiatives.len(), 28, "one page per initiative");
    assert_eq!(
        std::fs::read_dir(o.join("indsatser/2018-2019"))
            .expect("plan")
            .count(),
        15
    );
    assert_eq!(
        std::fs::read_dir(o.join("indsatser/2020-2021"))
            .expect("plan")
            .count(),
        13
    );
    for page in [
        "index.html",
        "tema/tobak/index.html",
        "tema/mental-sundhed/index.html",
        "tema/overvaegt/index.html",
        "aar/2018/index.html",
        "aar/2019/index.html",
        "aar/2020/index.html",
        "aar/2021/index.html",
        "handleplan/2018-2019/index.html",
        "handleplan/2020-2021/index.html",
        "nyheder/index.html",
        "soeg/index.html",
        "alle/index.html",
        "was/index.html",
        "tilgaengelighed/index.html",
        "om-handleplanen/index.html",
        "404.html",
        "css/site.css",
    ] {
        assert!(o.join(page).is_file(), "{page} is missing");
    }
    assert!(
        std::fs::read_dir(o.join("nyheder"))
            .expect("updates")
            .count()
            >= 3,
        "at least two updates and the list"
    );
    let sitemap = assert_well_formed_xml(&o.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.dk/tema/tobak/</loc>"));
    let feed = assert_well_formed_xml(&o.join("feed.xml"));
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    let broken = common::links::check(o, "/");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn every_page_has_the_basics_of_an_accessible_danish_page() {
    let out = tempfile::tempdir().expect("temp");
    build(&repo_root(), out.path(), &[]);
    let mut titles = std::collections::BTreeMap::new();
    for e in walkdir::WalkDir::new(out.path()).into_iter().flatten() {
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = read(e.path());
        let name = e
            .path()
            .strip_prefix(out.path())
            .expect("inside")
            .display()
            .to_string();
        assert!(
            html.starts_with("<!doctype html>\n<html lang=\"da\">"),
            "{name}: lang"
        );
        assert!(html.contains("<meta charset=\"utf-8\">"), "{name}: charset");
        assert_eq!(html.matches("<h1").count(), 1, "{name}: exactly one h1");
        assert!(
            html.contains(
                "<a class=\"skip-link\" href=\"#main-content\">Gå til sidens indhold</a>"
            ),
            "{name}: skip link"
        );
        assert!(
            html.contains("<main id=\"main-content\""),
            "{name}: main landmark"
        );
        assert!(
            html.contains(">Tilgængelighedserklæring</a>"),
            "{name}: footer statement link"
        );
        let title = html
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .expect("title")
            .to_string();
        if let Some(other) = titles.insert(title.clone(), name.clone()) {
            panic!("{name} and {other} share the title {title:?}");
        }
    }
    assert!(titles.len() > 40);
}

#[test]
fn links_resolve_when_the_site_lives_under_a_sub_path() {
    let out = tempfile::tempdir().expect("temp");
    build(
        &repo_root(),
        out.path(),
        &["--base-url", "https://example.dk/sundhed/"],
    );
    let index = read(out.path().join("index.html"));
    assert!(index.contains("href=\"/sundhed/css/site.css\""));
    assert!(
        !index.contains("href=\"/tema/"),
        "no link may escape the sub-path"
    );
    let broken = common::links::check(out.path(), "/sundhed/");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    let fixture = site("basic");
    let out2 = tempfile::tempdir().expect("temp");
    build(
        fixture.path(),
        out2.path(),
        &["--base-url", "https://example.dk/sundhed"],
    );
    let update = read(out2.path().join("nyheder/roegfri-arbejdstid/index.html"));
    assert!(
        update.contains("href=\"/sundhed/indsatser/2018-2019/rygestop/\""),
        "Markdown links follow the base path"
    );
    assert!(read(out2.path().join("om/index.html")).contains("src=\"/sundhed/billeder/graf.svg\""));
    assert!(common::links::check(out2.path(), "/sundhed/").is_empty());
}

#[test]
fn two_builds_are_byte_identical() {
    let (a, b) = (
        tempfile::tempdir().expect("temp"),
        tempfile::tempdir().expect("temp"),
    );
    build(&repo_root(), a.path(), &[]);
    build(&repo_root(), b.path(), &[]);
    let (sa, sb) = (snapshot(a.path()), snapshot(b.path()));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(sb[k] == *v, "{k} differs between two builds");
    }
}

#[test]
fn rebuilding_replaces_the_old_output_and_leaves_no_staging_folders() {
    let dir = site("basic");
    let out = dir.path().join("public");
    build(dir.path(), &out, &[]);
    std::fs::write(out.join("stale.html"), "old").expect("write");
    build(dir.path(), &out, &[]);
    assert!(
        !out.join("stale.html").exists(),
        "files from the previous build are gone"
    );
    assert!(out.join("index.html").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".indsats-"))
        // The lock file stays (like Hugo's .hugo_build.lock): empty, and never a folder.
        .filter(|e| e.file_name() != ".public.indsats-lock" || e.path().is_dir())
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
}

#[test]
fn editor_text_is_shown_as_text_never_run() {
    let dir = site("basic");
    let file = dir.path().join("content/indsatser/2018-2019/rygestop.md");
    let text = read(&file)
        .replace(
            "titel: Rygestop for alle",
            "titel: '<script>alert(1)</script>\"><img src=x onerror=alert(1)>'",
        )
        .replace(
            "Kurser i rygestop",
            "Kurser <script>alert(2)</script> <iframe src=x></iframe> [klik](javascript:alert(3))",
        );
    std::fs::write(&file, text).expect("write");
    let out = tempfile::tempdir().expect("temp");
    build(dir.path(), out.path(), &[]);
    for (name, bytes) in snapshot(out.path()) {
        let s = String::from_utf8_lossy(&bytes);
        if name.starts_with("data/indsatser.") {
            // Open data holds the editor's text verbatim: it is data (text/csv,
            // application/json), never rendered as HTML.
            assert!(name.ends_with(".csv") || name.ends_with(".json"), "{name}");
            continue;
        }
        for bad in ["<script>alert", "<img src=x", "<iframe", "javascript:alert"] {
            assert!(!s.contains(bad), "{name} contains {bad}");
        }
    }
    let page = read(out.path().join("indsatser/2018-2019/rygestop/index.html"));
    assert!(
        page.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        ),
        "title shown as text"
    );
}

#[test]
fn initiative_page_shows_every_field_for_a_citizen() {
    let dir = site("basic");
    let out = tempfile::tempdir().expect("temp");
    build(dir.path(), out.path(), &[]);
    let page = read(
        out.path()
            .join("indsatser/2020-2021/stressforloeb/index.html"),
    );
    for want in [
        "<h1>Stressforløb for voksne</h1>",
        "<span class=\"visually-hidden\">Status: </span>Igangværende</strong>",
        "<dt>Formål</dt><dd>At deltagerne lærer at håndtere stress. De får også værktøjer.</dd>",
        "<h2 class=\"offer__short\">Kort fortalt</h2>",
        "<h2>Fra statusrapporten</h2>",
        "<dt>Målgruppe</dt><dd>Voksne med stress</dd>",
        "<dt>Tilmelding</dt><dd>Ring til <a href=\"tel:11223344\">Sundhedscenteret</a>.</dd>",
        "<dt>Sted</dt><dd>Rådhuset</dd>",
        "<dt>Hvem står bag</dt>",
        "Telefon: <a href=\"tel:11223344\">11 22 33 44</a>",
        "<li>Ekstern psykolog</li>",
        "<dt>Strategimål</dt><dd>Flere sunde år, Mindre ulighed</dd>",
        "<a href=\"/tema/mental-sundhed/\">Mental sundhed</a>, <a href=\"/tema/overvaegt/\">Overvægt</a>",
        "<a href=\"/aar/2020/\">2020</a>, <a href=\"/aar/2021/\">2021</a>",
        "<td class=\"num\">38 borgere</td>",
        "Status pr. <time datetime=\"2021-04\">april 2021</time> (statusrapport 2020-2021)",
        "<time datetime=\"2021-03-01\">1. marts 2021</time>",
        "<h3 id=\"kort-samlet-status\">Kort samlet status</h3>",
        "href=\"/indsatser/2018-2019/stressforloeb/\"",
    ] {
        assert!(page.contains(want), "initiative page lacks {want:?}");
    }
    let older = read(
        out.path()
            .join("indsatser/2018-2019/stressforloeb/index.html"),
    );
    assert!(
        older.contains("href=\"/indsatser/2020-2021/stressforloeb/\""),
        "other periods link both ways"
    );
    let cont = read(
        out.path()
            .join("indsatser/2020-2021/rygestop-paa-nettet/index.html"),
    );
    assert!(
        cont.contains("fortsætter arbejdet fra")
            && cont.contains("href=\"/indsatser/2018-2019/rygestop/\"")
    );
    let orig = read(out.path().join("indsatser/2018-2019/rygestop/index.html"));
    assert!(
        orig.contains("Arbejdet fortsætter i")
            && orig.contains("href=\"/indsatser/2020-2021/rygestop-paa-nettet/\"")
    );
    assert!(orig.contains("25 &lt; BMI &lt; 30"));
}

#[test]
fn lists_group_and_order_initiatives() {
    let dir = site("basic");
    let out = tempfile::tempdir().expect("temp");
    build(dir.path(), out.path(), &[]);
    let plan = read(out.path().join("handleplan/2018-2019/index.html"));
    let tobak = plan
        .find("<h2 id=\"tema-1\">Tobak</h2>")
        .expect("Tobak first: report order");
    let mental = plan
        .find("<h2 id=\"tema-2\">Mental sundhed</h2>")
        .expect("then Mental sundhed");
    assert!(tobak < mental);
    assert!(
        plan.contains("id=\"rygestop--fn-1\""),
        "footnote ids are made unique on the report page"
    );
    assert!(
        plan.contains("<h4 id=\"rygestop--indsats\">Indsats</h4>"),
        "body headings sit below the initiative's h3"
    );
    assert!(plan.contains("css/print.css"));
    let theme = read(out.path().join("tema/mental-sundhed/index.html"));
    let newer = theme.find("Handleplan 2020-2021").expect("newest plan");
    let older = theme.find("Handleplan 2018-2019").expect("older plan");
    assert!(newer < older, "theme pages show the newest plan first");
    let year = read(out.path().join("aar/2019/index.html"));
    assert!(year.contains("Rygestop for alle") && !year.contains("Stressforløb for voksne"));
    let search = read(out.path().join("soeg/index.html"));
    assert!(search.contains("<a href=\"/alle/\">alle 4 indsatser fra A til Å</a>"));
    let az = read(out.path().join("alle/index.html"));
    assert!(az.contains("<h1>Alle indsatser fra A til Å</h1>"));
    assert!(
        !az.contains("class=\"pagination\"") && !az.contains("rel=\"next\""),
        "one page needs no page navigation"
    );
    let feed = read(out.path().join("feed.xml"));
    assert!(
        feed.contains("<title>Røgfri arbejdstid</title>")
            && feed.contains("<title>Stressforløb for voksne (2020-2021)</title>")
    );
    assert!(
        feed.contains("<updated>2021-03-01T00:00:00Z</updated>"),
        "feed updated = newest entry, never now"
    );
}

#[test]
fn drafts_are_built_only_when_asked() {
    let dir = site("basic");
    let out = tempfile::tempdir().expect("temp");
    let summary = build(dir.path(), out.path(), &[]);
    assert!(summary.starts_with("Bygget 4 indsatser"), "{summary}");
    assert!(!out.path().join("indsatser/2020-2021/kladde").exists());
    let summary = build(dir.path(), out.path(), &["--drafts"]);
    assert!(summary.starts_with("Bygget 5 indsatser"), "{summary}");
    assert!(out
        .path()
        .join("indsatser/2020-2021/kladde/index.html")
        .is_file());
}

#[test]
fn a_site_can_override_a_template_and_copy_its_images() {
    let dir = site("basic");
    std::fs::create_dir_all(dir.path().join("templates")).expect("mkdir");
    std::fs::write(
        dir.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Væk</h1>{% endblock %}",
    )
    .expect("write");
    let out = tempfile::tempdir().expect("temp");
    build(dir.path(), out.path(), &[]);
    assert!(read(out.path().join("404.html")).contains("<h1>Væk</h1>"));
    assert!(out.path().join("billeder/graf.svg").is_file());
}

#[test]
fn a_broken_template_names_its_file_and_line() {
    let dir = site("basic");
    std::fs::create_dir_all(dir.path().join("templates")).expect("mkdir");
    std::fs::write(
        dir.path().join("templates/404.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ nope.x }}\n{% endblock %}",
    )
    .expect("write");
    let o = indsats(&["build", "--root", dir.path().to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--> templates/404.html:3:1"),
        "{}",
        stderr(&o)
    );
}

/// The `(address, title)` of every entry of an A–Å page, in order.
fn az_entries(html: &str) -> Vec<(String, String)> {
    html.split("<ul class=\"az-list\">")
        .skip(1)
        .flat_map(|list| {
            let list = list.split("</ul>").next().unwrap_or("");
            list.split("<li><a href=\"").skip(1).map(|li| {
                let (href, rest) = li.split_once("\">").expect("a link");
                let title = rest.split_once("</a>").expect("link text").0;
                (href.to_string(), title.to_string())
            })
        })
        .collect()
}

/// An independent reading of Danish order: case, accents and signs ignored, æ ø å after z.
fn danish_key(title: &str) -> String {
    let letters: String = title
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'æ' | 'ä' => Some('{'),
            'ø' | 'ö' => Some('|'),
            'å' => Some('}'),
            'é' => Some('e'),
            c if c.is_ascii_alphanumeric() || c.is_whitespace() => Some(c),
            _ => None,
        })
        .collect();
    letters.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_a_to_z_pages_list_every_initiative_once_in_danish_order_at_a_sub_path() {
    let dir = az_site();
    let out = tempfile::tempdir().expect("temp");
    build(
        dir.path(),
        out.path(),
        &["--base-url", "https://example.dk/sundhed/"],
    );
    let o = out.path();
    let pages: Vec<String> = ["alle/index.html", "alle/2/index.html", "alle/3/index.html"]
        .iter()
        .map(|p| read(o.join(p)))
        .collect();
    assert!(!o.join("alle/4").exists() && !o.join("alle/1").exists());

    // Every initiative exactly once, 100 to a page.
    let entries: Vec<(String, String)> = pages.iter().flat_map(|p| az_entries(p)).collect();
    assert_eq!(
        pages
            .iter()
            .map(|p| az_entries(p).len())
            .collect::<Vec<_>>(),
        [100, 100, 12 + AZ_FILLER - 200]
    );
    let mut listed: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
    listed.sort();
    let mut built: Vec<String> = walkdir::WalkDir::new(o.join("indsatser"))
        .min_depth(2)
        .max_depth(2)
        .into_iter()
        .flatten()
        .map(|e| {
            let rel = e.path().strip_prefix(o).expect("inside").display();
            format!("/sundhed/{rel}/")
        })
        .collect();
    built.sort();
    assert_eq!(listed, built, "each initiative once");

    // Danish order: digits first, æ ø å after z, equal titles newest period first.
    for pair in entries.windows(2) {
        let (a, b) = (danish_key(&pair[0].1), danish_key(&pair[1].1));
        assert!(a <= b, "{:?} before {:?}", pair[0].1, pair[1].1);
        if a == b {
            assert!(pair[0].0 > pair[1].0, "{:?}: newest first", pair[0].1);
        }
    }
    let titles: Vec<&str> = entries.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(titles[0], "10 skridt til et sundere liv");
    assert_eq!(
        titles[titles.len() - 6..],
        [
            "Zumba for seniorer",
            "Æbler i skolen",
            "Ökologisk mad",
            "Østerbro løber",
            "Åben rådgivning",
            "åben rådgivning"
        ]
    );
    let cafe = titles.iter().position(|t| *t == "Café Sund").expect("Café");
    assert_eq!(titles[cafe + 1], "cafe sund");
    assert!(entries[cafe].0.contains("/2020-2021/"));
    assert!(pages[2].contains(
        "<li><a href=\"/sundhed/indsatser/2020-2021/aaben/\">Åben rådgivning</a> <span class=\"muted\">(Handleplan 2020-2021, planlagt)</span></li>"
    ));

    // Titles, page navigation and rel=prev/next.
    assert!(pages[0].contains("<h1>Alle indsatser fra A til Å, side 1 af 3</h1>"));
    assert!(pages[1].contains("<title>Alle indsatser fra A til Å, side 2 af 3 – "));
    assert!(!pages[0].contains("rel=\"prev\""));
    assert!(pages[0].contains("<link rel=\"next\" href=\"/sundhed/alle/2/\">"));
    assert!(pages[1].contains("<link rel=\"prev\" href=\"/sundhed/alle/\">"));
    assert!(pages[1].contains("<link rel=\"next\" href=\"/sundhed/alle/3/\">"));
    assert!(pages[2].contains("<link rel=\"prev\" href=\"/sundhed/alle/2/\">"));
    assert!(!pages[2].contains("rel=\"next\""));
    for (n, page) in pages.iter().enumerate() {
        let nav = page
            .split("<nav class=\"pagination\" aria-label=\"Sider\">")
            .nth(1)
            .and_then(|rest| rest.split("</nav>").next())
            .unwrap_or_else(|| panic!("page {}: no page navigation", n + 1));
        assert_eq!(nav.matches("aria-current=\"page\"").count(), 1);
        let me = if n == 0 {
            "/sundhed/alle/".to_string()
        } else {
            format!("/sundhed/alle/{}/", n + 1)
        };
        assert!(
            nav.contains(&format!("<a href=\"{me}\" aria-current=\"page\">")),
            "page {}",
            n + 1
        );
        assert_eq!(nav.contains(">Forrige<"), n > 0);
        assert_eq!(nav.contains(">Næste<"), n < 2);
    }

    // The letter index: each letter leads to the page and heading where it starts.
    for page in &pages {
        assert!(page.contains("<a href=\"/sundhed/alle/#bogstav-0-9\">0-9</a>"));
        assert!(page.contains("<a href=\"/sundhed/alle/3/#bogstav-ae\">Æ</a>"));
        assert!(page.contains("<a href=\"/sundhed/alle/3/#bogstav-aa\">Å</a>"));
        assert!(
            page.contains("<span class=\"az-index__none\">Q<"),
            "no Q titles: no link"
        );
    }
    assert!(pages[2].contains("<h2 id=\"bogstav-oe\">Ø</h2>"));
    assert!(
        pages[1].contains(" (fortsat)</h2>"),
        "a letter runs on from page 1"
    );
    let broken = common::links::check(o, "/sundhed/");
    assert!(broken.is_empty(), "broken links: {broken:#?}");

    // The search page links to the list instead of holding it; so does the footer.
    let search = read(o.join("soeg/index.html"));
    assert!(!search.contains("az-list") && !search.contains("/sundhed/indsatser/"));
    assert!(search.contains("<a href=\"/sundhed/alle/\">alle 242 indsatser fra A til Å</a>"));
    assert!(search.contains("<noscript>") && search.contains("kræver JavaScript"));
    for id in [
        "search-status",
        "search-results",
        "search-list",
        "search-none",
        "search-az",
    ] {
        assert!(search.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(
        read(o.join("index.html")).contains("<a href=\"/sundhed/alle/\">Alle indsatser A-Å</a>")
    );
    let sitemap = read(o.join("sitemap.xml"));
    for url in ["alle/", "alle/2/", "alle/3/"] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.dk/sundhed/{url}</loc>")),
            "{url}"
        );
    }
}

/// The part of an initiative page between two markers, for asserting on one box.
fn between<'p>(page: &'p str, from: &str, to: &str) -> &'p str {
    let start = page.find(from).unwrap_or(page.len());
    let rest = &page[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

#[test]
fn initiative_pages_have_no_offer_box_and_say_whom_to_ask() {
    let dir = site("basic");
    let out = tempfile::tempdir().expect("temp");
    build(dir.path(), out.path(), &[]);
    let page = |p: &str| read(out.path().join("indsatser").join(p).join("index.html"));

    // Its own contact stays among the report's facts; the offer box is gone (issue #29).
    let own = page("2020-2021/stressforloeb");
    assert!(!own.contains("offer-box"), "{own}");
    assert!(!own.contains("Sådan får du tilbuddet"), "{own}");
    let facts = between(&own, "<h2>Fra statusrapporten</h2>", "</dl>");
    assert!(
        facts.contains("<a href=\"mailto:stress@test.example.dk\">"),
        "{facts}"
    );
    assert!(
        facts.contains("<a href=\"tel:11223344\">11 22 33 44</a>"),
        "{facts}"
    );

    // Planned in the live period, no offer of its own: one line says it is not an offer,
    // and whom to ask, with the site's phone.
    let bare = page("2020-2021/rygestop-paa-nettet");
    assert!(!bare.contains("offer-box"));
    let line = between(&bare, "<p class=\"next-step\">", "</p>");
    assert!(
        line.contains("Dette er et projekt i handleplanen, ikke et tilbud du kan melde dig til."),
        "{line}"
    );
    assert!(line.contains("<a href=\"tel:11223344\">"), "{line}");
    // Current at the test date: the history notice waits, hidden, for the day it is due.
    assert!(!bare.contains("<div class=\"notice notice--ended\">"));
    assert!(bare.contains("data-when-stale hidden"));

    // An ended period's initiative without facts: no box, the notice says whom to ask.
    let old = page("2018-2019/rygestop");
    assert!(!old.contains("offer-box"));
    let notice = between(&old, "<div class=\"notice notice--ended\">", "</div>");
    assert!(notice.contains(
        "statusrapporten for <a href=\"/handleplan/2018-2019/\">handleplan 2018-2019</a>"
    ));
    assert!(notice.contains("<a href=\"mailto:sundhed@test.example.dk\">"));
    assert!(notice.contains("<a href=\"tel:11223344\">"));
    // No date for 2018-2019 in the fixture's site.yaml: the honest fallback.
    assert!(old.contains("<strong class=\"tag tag--historisk\">Seneste status: "));
    assert!(old.contains("(statusrapport 2018-2019)"));
    assert!(!old.contains("Status pr."));
}

#[test]
fn shipped_initiatives_date_their_status_and_ended_periods_say_so() {
    let out = tempfile::tempdir().expect("temp");
    build(&repo_root(), out.path(), &[]);
    let months = [
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
    let mut seen = 0;
    for plan in ["2018-2019", "2020-2021"] {
        for entry in std::fs::read_dir(out.path().join("indsatser").join(plan)).expect("plan") {
            let path = entry.expect("entry").path().join("index.html");
            let page = read(&path);
            // At the test date 2020-2021's statuses are current, 2018-2019's are history: a
            // neutral tag that carries the report's month.
            let status = if plan == "2020-2021" {
                between(&page, "<span class=\"status-date\">Status pr. ", "</span>")
            } else {
                between(
                    &page,
                    "<strong class=\"tag tag--historisk\">Seneste status (",
                    "</p>",
                )
            };
            let dated = months.iter().any(|m| {
                (status.contains(&format!(">ca. {m} 20"))
                    || status.contains(&format!("(ca. {m} 20")))
                    && status.contains(&format!("(statusrapport {plan})"))
            });
            assert!(dated, "{} lacks a dated status: {status:?}", path.display());
            let ended = page.contains("<div class=\"notice notice--ended\">");
            assert_eq!(
                ended,
                plan == "2018-2019",
                "{}: ended notice",
                path.display()
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 28);
    let report = read(
        out.path()
            .join("indsatser/2020-2021/vaegtenheden/index.html"),
    );
    assert!(report.contains(
        "Status pr. <time datetime=\"2021-04\">ca. april 2021</time> (statusrapport 2020-2021)"
    ));
    let old = read(
        out.path()
            .join("indsatser/2018-2019/vaegtenheden/index.html"),
    );
    // What the old report said about referral is history, not today's way in.
    assert!(!old.contains("offer-box"));
    assert!(old.contains("Spørg, hvad der gælder i dag"));
}

#[test]
fn top_tasks_lead_from_the_home_page_at_a_sub_path() {
    let out = tempfile::tempdir().expect("temp");
    build(
        &repo_root(),
        out.path(),
        &["--base-url", "https://example.dk/sundhed/"],
    );
    let index = read(out.path().join("index.html"));
    let tasks = index
        .split("<ul class=\"top-tasks__list\">")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .expect("the home page lists its top tasks");
    for (text, href) in [
        ("Stop med at ryge", "/sundhed/tema/tobak/"),
        ("Stress og mistrivsel", "/sundhed/tilbud/mental-balance/"),
        ("Overvægt hos børn og unge", "/sundhed/tilbud/vaegtenheden/"),
        ("Type 2-diabetes", "/sundhed/tilbud/type-2-diabetes/"),
        ("Motion og bevægelse", "/sundhed/tema/fysisk-aktivitet/"),
        ("Resultater og tal", "/sundhed/handleplan/2020-2021/"),
    ] {
        assert!(
            tasks.contains(&format!("<a href=\"{href}\">{text}</a>")),
            "{text} → {href} missing in:\n{tasks}"
        );
        let page = href
            .trim_start_matches("/sundhed/")
            .split('?')
            .next()
            .unwrap_or("");
        assert!(
            out.path().join(page).join("index.html").is_file(),
            "{href} leads nowhere"
        );
    }
    // The top tasks come before the themes and the plans: above the fold on a phone.
    assert!(index.find("top-tasks__list") < index.find("id=\"themes-heading\""));
}

#[test]
fn footnote_back_links_and_labels_are_danish() {
    let out = tempfile::tempdir().expect("temp");
    build(&repo_root(), out.path(), &[]);
    let mut footnotes = 0;
    for e in walkdir::WalkDir::new(out.path()).into_iter().flatten() {
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = read(e.path());
        assert!(
            !html.contains("Back to reference"),
            "{}: English back-link",
            e.path().display()
        );
        footnotes += html.matches("aria-label=\"Tilbage til fodnote ").count();
        for label in html.split("aria-label=\"").skip(1) {
            let label = label.split('"').next().unwrap_or("");
            assert!(
                !["Back", "Search", "Skip", "Close", "Open"]
                    .iter()
                    .any(|w| label.contains(w)),
                "{}: English aria-label {label:?}",
                e.path().display()
            );
        }
    }
    assert!(footnotes > 0, "the shipped site has footnotes");
    // The header's search form is named by its own visible label.
    let theme = read(out.path().join("tema/tobak/index.html"));
    assert!(theme.contains("role=\"search\" aria-labelledby=\"site-search-label\""));
    assert!(theme.contains("<label id=\"site-search-label\" for=\"site-search-q\" class=\"site-search__label\">Søg i indsatser</label>"));
    // One search box per page: the home page's and the search page's own.
    for page in ["index.html", "soeg/index.html", "tema/tobak/index.html"] {
        let html = read(out.path().join(page));
        assert_eq!(html.matches("type=\"search\"").count(), 1, "{page}");
    }
}

/// A static file that takes a generated page's place (`static/feed.xml` beside the feed) is a
/// problem in the site's files: exit 1, the file named, "Intet er ændret", the old output kept.
#[test]
fn a_static_file_that_clashes_with_a_generated_one_changes_nothing() {
    let dir = site("basic");
    let out = dir.path().join("public");
    let o = indsats(&["build", "--root", dir.path().to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = snapshot(&out);
    std::fs::create_dir_all(dir.path().join("static")).expect("static/");
    std::fs::write(dir.path().join("static/feed.xml"), "<feed/>").expect("write");
    let o = indsats(&["build", "--root", dir.path().to_str().expect("utf-8")]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("feed.xml") && err.contains("Intet er ændret i public/"),
        "{err}"
    );
    assert_eq!(snapshot(&out), before, "the old output is kept as it was");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .contains(".indsats-staging-")
        })
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left");
}

/// Long lists split into pages of 50 (theme, year): every initiative on exactly one page of
/// each list, the pages linked in both directions (`rel="prev"`/`"next"` and the page
/// navigation), each page's title its own, and no list page near 100 KB.
#[test]
fn long_theme_and_year_lists_are_paged() {
    let dir = az_site();
    let o = indsats(&["build", "--root", dir.path().to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("public");
    // What each list must hold, counted from the sources: Tobak initiatives, and those of
    // the 2020-2021 period (in 2021: no file names its years).
    let sources: Vec<(std::path::PathBuf, String)> =
        walkdir::WalkDir::new(dir.path().join("content/indsatser"))
            .into_iter()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| (e.path().to_path_buf(), read(e.path())))
            .collect();
    let tobak = sources
        .iter()
        .filter(|(_, t)| t.contains("\ntema: Tobak\n"))
        .count();
    let in_2021 = sources
        .iter()
        .filter(|(p, _)| p.to_string_lossy().contains("2020-2021"))
        .count();
    assert!(tobak > 200 && in_2021 > 200);
    for (list, len) in [("tema/tobak/", tobak), ("aar/2021/", in_2021)] {
        let pages = len.div_ceil(50);
        let mut seen = std::collections::BTreeSet::new();
        let mut titles = std::collections::BTreeSet::new();
        for n in 1..=pages {
            let path = if n == 1 {
                list.to_string()
            } else {
                format!("{list}{n}/")
            };
            let html = read(out.join(&path).join("index.html"));
            assert!(html.len() < 100_000, "{path}: {} bytes", html.len());
            let main = html.split("<main").nth(1).expect("main");
            let cards: Vec<&str> = main
                .split("class=\"card__title\"><a href=\"")
                .skip(1)
                .filter_map(|c| c.split('"').next())
                .collect();
            assert!(
                cards.len() <= 50 && (n < pages || !cards.is_empty()),
                "{path}: {} cards",
                cards.len()
            );
            for c in cards {
                assert!(seen.insert(c.to_string()), "{path}: {c} is on two pages");
            }
            let title = html
                .split("<title>")
                .nth(1)
                .and_then(|t| t.split("</title>").next())
                .expect("title");
            assert!(
                titles.insert(title.to_string()),
                "{path}: the title {title} is not its own"
            );
            let prev = if n == 2 {
                format!("/{list}")
            } else {
                format!("/{list}{}/", n - 1)
            };
            assert_eq!(
                n > 1,
                html.contains(&format!("<link rel=\"prev\" href=\"{prev}\">")),
                "{path}: rel=prev"
            );
            assert_eq!(
                n < pages,
                html.contains(&format!("<link rel=\"next\" href=\"/{list}{}/\">", n + 1)),
                "{path}: rel=next"
            );
            assert!(
                html.contains(&format!(
                    "aria-current=\"page\"><span class=\"visually-hidden\">Side </span>{n}</a>"
                )),
                "{path}: the navigation marks the page"
            );
        }
        assert_eq!(seen.len(), len, "{list}: every initiative is listed once");
        assert!(!out.join(format!("{list}{}/index.html", pages + 1)).exists());
    }
}

/// Two builds of one site at once: the second does not touch the first's staging folder or
/// the output; it stops with a clear message while the first holds the lock.
#[cfg(target_os = "linux")]
#[test]
fn a_second_build_at_the_same_time_stops_and_touches_nothing() {
    use rustix::fs::{flock, FlockOperation};
    let dir = site("basic");
    let root = dir.path().to_str().expect("utf-8");
    let o = indsats(&["build", "--root", root]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = snapshot(&dir.path().join("public"));
    // What a running build holds: the lock file beside the output, and its staging folder
    // (named by a process id that is alive: this test's own).
    let held = std::fs::File::open(dir.path().join(".public.indsats-lock")).expect("the lock file");
    flock(&held, FlockOperation::NonBlockingLockExclusive).expect("lock");
    // Another output in the same folder is not held up.
    let o = indsats(&[
        "build",
        "--root",
        root,
        "--out",
        dir.path().join("other").to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "another output: {}", stderr(&o));
    let theirs = dir
        .path()
        .join(format!(".public.indsats-staging-{}", std::process::id()));
    std::fs::create_dir(&theirs).expect("a staging folder");
    let o = indsats(&["build", "--root", root]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(err.contains("en anden bygning skriver til"), "{err}");
    assert!(
        theirs.is_dir(),
        "the other build's staging folder is left alone"
    );
    assert_eq!(snapshot(&dir.path().join("public")), before);
    drop(held);
    std::fs::remove_dir(&theirs).expect("remove");
    let o = indsats(&["build", "--root", root]);
    assert!(
        o.status.success(),
        "after the lock is released: {}",
        stderr(&o)
    );
}

/// Not on a terminal, a build prints its summary line only (no progress bar); `--quiet`
/// prints nothing but problems; `--verbose` adds each phase's time and the peak memory.
#[test]
fn quiet_summary_and_verbose_say_what_they_promise() {
    let dir = site("basic");
    let root = dir.path().to_str().expect("utf-8");
    // Real addresses: a sample domain is a warning every build repeats (tests/check.rs).
    let site_yaml = dir.path().join("site.yaml");
    std::fs::write(
        &site_yaml,
        read(&site_yaml).replace("test.example.dk", "sundhed.testby.dk"),
    )
    .expect("write site.yaml");
    let o = indsats(&["build", "--root", root]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(stdout(&o).starts_with("Bygget "));
    assert!(
        stderr(&o).is_empty(),
        "no progress bar off a terminal: {}",
        stderr(&o)
    );
    let o = indsats(&["build", "--root", root, "--quiet"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).is_empty() && stderr(&o).is_empty(),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    let o = indsats(&["build", "--root", root, "-v"]);
    let out = stdout(&o);
    for phase in [
        "load",
        "graph",
        "render + write pages",
        "search index",
        "swap",
        "peak memory",
    ] {
        assert!(out.contains(phase), "{phase}: {out}");
    }
    let o = indsats(&["build", "--root", root, "-q", "-v"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "--quiet and --verbose together are a usage error"
    );
}
