//! The link checker (`common::links::check`) is shown to work both ways on the shipped site,
//! at `/` and at a sub-path: a good build passes, and a copy of it damaged on purpose (a linked
//! page deleted, a `#fragment`'s target removed, a link that leaves the base path) is reported
//! with the page and the link. And every absolute URL the site writes (canonical, og:url,
//! sitemap, feed, JSON-LD, open data) starts with the base URL it was built for.

use crate::common;
use common::links::{check, BrokenLink};
use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The two bases every test builds for: the site at the root of a host, and under a folder.
const BASES: [(&str, &str); 2] = [
    ("http://127.0.0.1/", "/"),
    ("https://example.dk/sundhed/", "/sundhed/"),
];
const SUB_PATH: (&str, &str) = BASES[1];

/// The absolute URLs the shipped site writes that are not on the site, by design: (URL, where,
/// why). Each must occur in a build (so the list stays true), and no other absolute URL may.
const EXTERNAL: &[(&str, &str, &str)] = &[
    (
        "https://www.rk.dk/",
        "every page's header (afsender: in site.yaml)",
        "the municipality's own main site, which sends the portal",
    ),
    (
        "https://schema.org",
        "JSON-LD @context",
        "the vocabulary the structured data uses, not a page",
    ),
    (
        "http://www.w3.org/2005/Atom",
        "feed.xml",
        "the Atom namespace, not a link",
    ),
    (
        "http://www.sitemaps.org/schemas/sitemap/0.9",
        "sitemap.xml",
        "the sitemap namespace, not a link",
    ),
    (
        "http://www.w3.org/2000/svg",
        "key-figure charts",
        "the SVG namespace of inline charts, not a link",
    ),
    (
        "https://json-schema.org/draft/2020-12/schema",
        "data/indsatser.schema.json",
        "the JSON Schema dialect the schema is written in",
    ),
    (
        "http://www.udentobak.dk",
        "2020-2021/vestegnsprojektet and its plan page",
        "a website the 2020-2021 report's text names and links",
    ),
    (
        "https://www.digst.dk/",
        "tilgaengelighed (content/sider)",
        "the Agency for Digital Government, named in the accessibility statement",
    ),
];

/// Builds the shipped site for `base_url` into `<temp>/site`.
fn build(base_url: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("site");
    build_into(&out, base_url);
    (dir, out)
}

fn build_into(out: &Path, base_url: &str) {
    let o = indsats(&[
        "build",
        "--root",
        repo_root().to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
        "--base-url",
        base_url,
    ]);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
}

/// A copy of a built site, to damage.
fn copy_of(out: &Path) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("temp");
    copy_tree(out, copy.path());
    copy
}

/// Replaces `from` in one file; it must be there exactly once, so the damage is real.
fn damage(out: &Path, file: &str, from: &str, to: &str) {
    let path = out.join(file);
    let text = read(&path);
    assert_eq!(text.matches(from).count(), 1, "{file}: {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// The checker's findings as (page, link).
fn found(out: &Path, base_path: &str) -> BTreeSet<(String, String)> {
    check(out, base_path)
        .into_iter()
        .map(|BrokenLink { page, target }| (page, target))
        .collect()
}

/// Every HTML page (relative path) holding `href="{href}"`, found by a plain text search,
/// independently of the checker's own parsing.
fn pages_linking(out: &Path, href: &str) -> BTreeSet<(String, String)> {
    let needle = format!("href=\"{href}\"");
    html_pages(out)
        .into_iter()
        .filter(|page| read(out.join(page)).contains(&needle))
        .map(|page| (page, href.to_string()))
        .collect()
}

/// The `.html` files under `out`, relative, with `/`.
fn html_pages(out: &Path) -> Vec<String> {
    snapshot(out)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

#[test]
fn the_shipped_site_has_no_broken_links_at_the_root_or_at_a_sub_path() {
    for (base_url, base_path) in BASES {
        let (_dir, out) = build(base_url);
        assert!(html_pages(&out).len() > 50, "{base_url}: the whole site");
        let broken = check(&out, base_path);
        assert!(broken.is_empty(), "{base_url}: {broken:#?}");
        // With the whole address, the site's own absolute links (canonical, og:url, …) too.
        let broken = check(&out, base_url);
        assert!(broken.is_empty(), "{base_url}: {broken:#?}");
    }
}

#[test]
fn a_deleted_page_is_reported_on_every_page_that_links_to_it() {
    for (base_url, base_path) in BASES {
        let (_dir, out) = build(base_url);
        let copy = copy_of(&out);
        let site = copy.path();
        let gone = format!("{base_path}indsatser/2020-2021/vaegtenheden/");
        let want = pages_linking(site, &gone);
        // The plan, theme, year and A-Å pages and its offer's "Sådan er det gået" link to it.
        for page in [
            "tilbud/vaegtenheden/index.html",
            "handleplan/2020-2021/index.html",
            "tema/overvaegt/index.html",
            "alle/index.html",
        ] {
            assert!(
                want.contains(&(page.to_string(), gone.clone())),
                "{base_url}: {page} links to {gone}"
            );
        }
        std::fs::remove_dir_all(site.join("indsatser/2020-2021/vaegtenheden")).expect("delete");
        assert_eq!(found(site, base_path), want, "{base_url}");

        // Only the page file gone, its folder left behind: still missing.
        let copy = copy_of(&out);
        let site = copy.path();
        std::fs::remove_file(site.join("tema/tobak/index.html")).expect("delete");
        let mut want = pages_linking(site, &format!("{base_path}tema/tobak/"));
        assert!(want.len() > 1, "{base_url}: {want:?}");
        // Projects under the theme point at its offers (`#tilbud`): those links break too.
        let to_offers = pages_linking(site, &format!("{base_path}tema/tobak/#tilbud"));
        assert!(!to_offers.is_empty(), "{base_url}");
        want.extend(to_offers);
        assert_eq!(found(site, base_path), want, "{base_url}");
    }
}

#[test]
fn a_fragment_without_its_target_is_reported() {
    for (base_url, base_path) in BASES {
        let (_dir, out) = build(base_url);

        // On the same page: the skip link's target.
        let copy = copy_of(&out);
        let site = copy.path();
        let page = "om-handleplanen/index.html";
        damage(site, page, " id=\"main-content\"", "");
        let want = BTreeSet::from([(page.to_string(), "#main-content".to_string())]);
        assert_eq!(found(site, base_path), want, "{base_url}");

        // On the page a link names by its path: the A-Å letter index's jump to "A".
        let copy = copy_of(&out);
        let site = copy.path();
        let link = format!("{base_path}alle/#bogstav-a");
        let want = pages_linking(site, &link);
        assert!(!want.is_empty(), "{base_url}: {link} is linked");
        damage(site, "alle/index.html", " id=\"bogstav-a\"", "");
        assert_eq!(found(site, base_path), want, "{base_url}");

        // An id on another page does not count: the same fragment, pointed at the front page.
        let copy = copy_of(&out);
        let site = copy.path();
        damage(
            site,
            page,
            "<main id=\"main-content\"",
            &format!("<a href=\"{base_path}#bogstav-a\">A</a><main id=\"main-content\""),
        );
        let want = BTreeSet::from([(page.to_string(), format!("{base_path}#bogstav-a"))]);
        assert_eq!(found(site, base_path), want, "{base_url}");
    }
}

/// Only at a sub-path can a link leave the base: at `/`, a browser stops `..` at the root.
#[test]
fn a_link_that_leaves_the_base_path_is_reported() {
    let (base_url, base_path) = SUB_PATH;
    let (_dir, out) = build(base_url);
    let page = "om-handleplanen/index.html";
    for link in [
        // Somewhere else on the host.
        "/other/",
        // A page that exists in the output, linked without the base path: the mistake a
        // template makes when it forgets the base. A browser asks the host for /tema/tobak/.
        "/tema/tobak/",
        // Up out of /sundhed/om-handleplanen/ and /sundhed/ to the host's root. Found
        // because the checker climbs above the output folder on the disk and finds no file
        // there (see the ignored test below for when it does).
        "../../",
        "../../tema/tobak/",
    ] {
        let copy = copy_of(&out);
        let site = copy.path();
        assert!(site.join("tema/tobak/index.html").is_file());
        damage(
            site,
            page,
            "<main id=\"main-content\"",
            &format!("<a href=\"{link}\">ud</a><main id=\"main-content\""),
        );
        let want = BTreeSet::from([(page.to_string(), link.to_string())]);
        assert_eq!(found(site, base_path), want, "{base_url}: {link}");
    }
}

/// A sub-site is often built into the folder of the main site it lives in: `www/sundhed/`
/// next to the main site's `www/index.html`. A link from `/sundhed/om-handleplanen/` to
/// `../../` leaves the sub-site, and must be reported even though the main site's file is
/// there on the disk (the checker resolves `..` by the link's text).
#[test]
fn a_link_that_climbs_out_of_the_output_folder_is_reported_even_when_a_file_is_there() {
    let (base_url, base_path) = SUB_PATH;
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("www/sundhed");
    std::fs::create_dir_all(dir.path().join("www")).expect("www");
    std::fs::write(dir.path().join("www/index.html"), "<!doctype html>").expect("main site");
    build_into(&out, base_url);
    assert!(check(&out, base_path).is_empty());
    let page = "om-handleplanen/index.html";
    damage(
        &out,
        page,
        "<main id=\"main-content\"",
        "<a href=\"../../\">ud</a><main id=\"main-content\"",
    );
    let want = BTreeSet::from([(page.to_string(), "../../".to_string())]);
    assert_eq!(found(&out, base_path), want);
}

/// Given the site's whole address, `links::check` checks links written with the site's own
/// host like any other: a broken or base-leaving one is reported.
#[test]
fn an_absolute_link_on_the_sites_own_host_is_checked() {
    let (base_url, base_path) = SUB_PATH;
    let (_dir, out) = build(base_url);
    let page = "om-handleplanen/index.html";
    for link in [
        "https://example.dk/sundhed/findes-ikke/",
        "https://example.dk/andet/",
    ] {
        let copy = copy_of(&out);
        let site = copy.path();
        damage(
            site,
            page,
            "<main id=\"main-content\"",
            &format!("<a href=\"{link}\">ud</a><main id=\"main-content\""),
        );
        let want = BTreeSet::from([(page.to_string(), link.to_string())]);
        assert_eq!(found(site, base_url), want, "{link}");
        assert!(
            found(site, base_path).is_empty(),
            "given only the path, other hosts' links are not followed"
        );
    }
}

/// Every `http://` and `https://` URL in the text files of `out`, with the file it is in.
fn absolute_urls(out: &Path) -> Vec<(String, String)> {
    let mut urls = Vec::new();
    for (file, bytes) in snapshot(out) {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        for scheme in ["http://", "https://"] {
            for (i, _) in text.match_indices(scheme) {
                let rest = &text[i..];
                let end = rest
                    .find(|c: char| c.is_whitespace() || "\"'<>();\\".contains(c))
                    .unwrap_or(rest.len());
                urls.push((file.clone(), rest[..end].to_string()));
            }
        }
    }
    urls
}

/// The output file an absolute URL under `base_url` is served from.
fn file_of(out: &Path, base_url: &str, url: &str) -> PathBuf {
    let path = url
        .strip_prefix(base_url)
        .unwrap_or_else(|| panic!("{url} is not under {base_url}"));
    let path = path.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() || path.ends_with('/') {
        out.join(path).join("index.html")
    } else {
        out.join(path)
    }
}

/// The attribute `attr` of every tag in `html` that starts with `tag_start`.
fn attributes(html: &str, tag_start: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(tag_start)
        .filter_map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>').expect("tag ends")];
            let value = &tag[tag.find(&needle)? + needle.len()..];
            Some(value[..value.find('"').expect("quoted")].replace("&amp;", "&"))
        })
        .collect()
}

/// Every string in a JSON value, with its key (`""` inside lists of strings).
fn json_strings<'a>(v: &'a serde_json::Value, key: &'a str, out: &mut Vec<(&'a str, &'a str)>) {
    match v {
        serde_json::Value::String(s) => out.push((key, s)),
        serde_json::Value::Array(items) => items.iter().for_each(|i| json_strings(i, key, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, i)| json_strings(i, k, out)),
        _ => {}
    }
}

#[test]
fn every_absolute_url_starts_with_the_base_url() {
    let mut external_seen = BTreeSet::new();
    for (base_url, _) in BASES {
        let (_dir, out) = build(base_url);
        let under_base = |what: &str, url: &str| {
            assert!(
                url.starts_with(base_url),
                "{base_url}: {what}: {url} does not start with the base URL"
            );
            assert!(
                file_of(&out, base_url, url).is_file(),
                "{base_url}: {what}: {url} leads to no file"
            );
        };

        // Pages: canonical and og:url name the page itself; JSON-LD's url is the same, and
        // every other URL in it is the site's, but for the vocabulary.
        let mut json_ld = 0;
        for page in html_pages(&out) {
            let html = read(out.join(&page));
            let canonical = attributes(&html, "<link rel=\"canonical\"", "href");
            let og_url = attributes(&html, "<meta property=\"og:url\"", "content");
            if page == "404.html" {
                // Served at any address that does not exist: no canonical address; og:url
                // names the file itself.
                assert!(canonical.is_empty(), "{base_url}: 404: {canonical:?}");
                assert_eq!(og_url, [format!("{base_url}404.html")], "{base_url}: 404");
                continue;
            }
            let me = format!("{base_url}{}", page.trim_end_matches("index.html"));
            assert_eq!(
                canonical,
                std::slice::from_ref(&me),
                "{base_url}: {page}: canonical"
            );
            assert_eq!(
                og_url,
                std::slice::from_ref(&me),
                "{base_url}: {page}: og:url"
            );
            under_base(&page, &me);
            let mut rest = html.as_str();
            while let Some(i) = rest.find("<script type=\"application/ld+json\">") {
                rest = &rest[i..];
                let start = rest.find('>').expect("tag") + 1;
                let end = rest.find("</script>").expect("script ends");
                let v: serde_json::Value = serde_json::from_str(&rest[start..end])
                    .unwrap_or_else(|e| panic!("{base_url}: {page}: JSON-LD: {e}"));
                rest = &rest[end..];
                json_ld += 1;
                assert_eq!(v["url"], me.as_str(), "{base_url}: {page}: JSON-LD url");
                let mut strings = Vec::new();
                json_strings(&v, "", &mut strings);
                for (key, s) in strings {
                    if key == "@context" {
                        assert_eq!(s, "https://schema.org", "{base_url}: {page}");
                    } else if ["url", "@id", "mainEntityOfPage"].contains(&key)
                        || s.starts_with("http")
                    {
                        under_base(&format!("{page}: JSON-LD {key}"), s);
                    }
                }
            }
        }
        // 28 initiatives, 3 news items and 9 offers describe themselves.
        assert_eq!(json_ld, 40, "{base_url}: pages with JSON-LD");

        // sitemap.xml: every <loc>.
        let sitemap = read(out.join("sitemap.xml"));
        let doc = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is XML");
        let locs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "loc")
            .map(|n| n.text().unwrap_or_default())
            .collect();
        assert!(locs.len() > 50, "{base_url}: {} in the sitemap", locs.len());
        assert!(locs.contains(&base_url), "{base_url}: the front page");
        for loc in locs {
            under_base("sitemap.xml <loc>", loc);
        }

        // feed.xml: the feed's and each entry's <id>, every <link href>.
        let feed = read(out.join("feed.xml"));
        let doc = roxmltree::Document::parse(&feed).expect("feed.xml is XML");
        let mut ids = 0;
        for n in doc.descendants().filter(|n| n.is_element()) {
            match n.tag_name().name() {
                "id" => {
                    ids += 1;
                    under_base("feed.xml <id>", n.text().unwrap_or_default());
                }
                "link" => under_base(
                    "feed.xml <link href>",
                    n.attribute("href").expect("link href"),
                ),
                _ => {}
            }
        }
        assert_eq!(ids, 4, "{base_url}: the feed and its three entries");

        // Open data: the JSON's $schema, kilde and each initiative's url (and any other URL
        // in it); the CSV's url column.
        let data: serde_json::Value =
            serde_json::from_str(&read(out.join("data/indsatser.json"))).expect("JSON");
        assert_eq!(
            data["$schema"],
            format!("{base_url}data/indsatser.schema.json")
        );
        assert_eq!(data["kilde"], base_url);
        let initiatives = data["indsatser"].as_array().expect("indsatser");
        assert_eq!(initiatives.len(), 28);
        for i in initiatives {
            let id = i["id"].as_str().expect("id");
            assert_eq!(i["url"], format!("{base_url}indsatser/{id}/"), "{id}");
        }
        let mut strings = Vec::new();
        json_strings(&data, "", &mut strings);
        for (key, s) in strings {
            if s.starts_with("http") || key == "url" || key == "$schema" || key == "kilde" {
                under_base(&format!("data/indsatser.json {key}"), s);
            }
        }
        let csv_text = read(out.join("data/indsatser.csv"));
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
        let column = csv
            .headers()
            .expect("header")
            .iter()
            .position(|h| h == "url")
            .expect("url column");
        let mut rows = 0;
        for row in csv.records() {
            under_base("data/indsatser.csv url", &row.expect("row")[column]);
            rows += 1;
        }
        assert_eq!(rows, 28, "{base_url}: CSV rows");

        // And nowhere else: every absolute URL in every file is the site's or listed.
        for (file, url) in absolute_urls(&out) {
            if let Some((ext, _, _)) = EXTERNAL.iter().find(|(e, _, _)| *e == url) {
                external_seen.insert(*ext);
                continue;
            }
            assert!(
                url.starts_with(base_url),
                "{base_url}: {file}: {url} is neither the site's nor listed in EXTERNAL"
            );
        }
    }
    for (url, where_, why) in EXTERNAL {
        assert!(
            external_seen.contains(url),
            "EXTERNAL lists {url} ({where_}: {why}), which no build writes any more"
        );
    }
}

/// `indsats check`, the checker of the Markdown sources, has the same blind spot for a
/// relative link that climbs above the site: its `join` gives up (`None`) above the root and
/// `?` turns that into "no problem". (A missing page and a missing `#fragment` it reports:
/// tests/check.rs.)
#[test]
fn indsats_check_reports_a_relative_link_above_the_site_root() {
    let dir = site("basic");
    let file = "content/indsatser/2018-2019/rygestop.md";
    let path = dir.path().join(file);
    let text = read(&path) + "\nSe [andet](../../../../andet/).\n";
    std::fs::write(&path, text).expect("write");
    let found = indsats::check(&indsats::CheckOptions {
        root: dir.path().to_path_buf(),
        drafts: false,
        today: indsats::Date::parse("2030-06-01").expect("a date"),
    });
    assert!(
        found
            .iter()
            .any(|d| d.is_error() && d.message.contains("../../../../andet/")),
        "{:#?}",
        found.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

/// The reference finder reads every attribute that can hold a link, and only those.
#[test]
fn the_checker_finds_attribute_references() {
    let r = common::links::references("<a href=\"/a/\">x</a><img src=\"/b.png\" alt=\"\"><link data-href=\"no\"><meta http-equiv=\"refresh\" content=\"0; url=/c/\">");
    assert_eq!(r, ["/a/", "/b.png", "/c/"]);
}
