//! Escaping: the `escaping` fixture puts `<script>alert(1)</script>` and
//! `"><img src=x onerror=alert(1)>` into every text field an editor writes (site.yaml: title,
//! description, owner, licence, contact, theme names, aliases and descriptions, strategic
//! goals; initiatives: every text field of the content model, the contact's name, phone and
//! web address, key-figure labels and units, sign-up Markdown and the body; updates and
//! pages: title, summary, body), plus `javascript:` links and an `<iframe>` in every body.
//! The site must build, every page kind must be there with the text shown as text, and no
//! output file may hold an executable form of it:
//!
//! * HTML pages: no tag a browser would run (`<script>` other than our own script file and
//!   JSON-LD, `<iframe>`, `<object>`, `<embed>`), no `on…=` attribute, no `javascript:` in
//!   `href`/`src`/`action`; every JSON-LD block parses as JSON and cannot be closed early;
//! * feed.xml and sitemap.xml: well-formed XML holding the text as text;
//! * data/*.json: valid JSON with no raw `<`;
//! * data/indsatser.csv: plain text for spreadsheets, where the danger is a formula, so no
//!   cell may start with `=`, `+`, `-` or `@`;
//! * the search index: every fragment is JSON data, and the search page's script writes
//!   results as text (its one `innerHTML` is on an inert `<template>`).
//!
//! Everything is checked twice: with raw HTML off (the default) and with `tillad_html: true`.

use crate::common;
use common::html;
use common::*;
use std::path::Path;

const SCRIPT: &str = "<script>alert(1)</script>";
const ESCAPED_SCRIPT: &str = "&lt;script&gt;alert(1)&lt;/script&gt;";

/// Pages of every kind the fixture must produce.
const PAGES: &[&str] = &[
    "index.html",
    "404.html",
    "indsatser/2020-2021/farlig/index.html",
    "indsatser/2018-2019/farlig/index.html",
    "indsatser/2018-2019/tidligere/index.html",
    "tema/script-alert-1-script-tobak/index.html",
    "tema/mental-sundhed/index.html",
    "aar/2020/index.html",
    "handleplan/2020-2021/index.html",
    "nyheder/index.html",
    "nyheder/farlig/index.html",
    "farlig/index.html",
    "tilgaengelighed/index.html",
    "soeg/index.html",
    "alle/index.html",
    "was/index.html",
    "data/index.html",
];

/// Problems with one HTML (or SVG) file.
fn check_html(path: &str, html: &str, failures: &mut Vec<String>) {
    for bad in [SCRIPT, "<img src=x onerror", "<iframe"] {
        if html.contains(bad) {
            failures.push(format!("{path}: contains {bad:?}"));
        }
    }
    failures.extend(
        html::executable(html, true)
            .into_iter()
            .map(|f| format!("{path}: {f}")),
    );
}

fn check_site(label: &str, root: &Path, failures: &mut Vec<String>) {
    let out = indsats(&["build", "--root", root.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{label}: the escaping fixture must build: {}",
        stderr(&out)
    );
    let files = snapshot(&root.join("public"));
    let mut fail = |m: String| failures.push(format!("{label}: {m}"));
    for page in PAGES {
        match files.get(*page) {
            None => fail(format!("{page} was not built")),
            Some(bytes) if !String::from_utf8_lossy(bytes).contains(ESCAPED_SCRIPT) => {
                fail(format!("{page} does not show the hostile text as text"))
            }
            Some(_) => {}
        }
    }
    let mut fragments = 0;
    let mut found_in_search = false;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        let mut local = Vec::new();
        if path.ends_with(".html") || path.ends_with(".svg") {
            check_html(path, &text, &mut local);
        } else if path.ends_with(".xml") {
            match roxmltree::Document::parse(&text) {
                Err(e) => local.push(format!("{path}: not well-formed XML: {e}")),
                Ok(doc) => {
                    if doc.descendants().any(|n| n.tag_name().name() == "script") {
                        local.push(format!("{path}: has a script element"));
                    }
                    if path == "feed.xml"
                        && !doc.descendants().any(|n| {
                            n.text()
                                == Some("<script>alert(1)</script> \"><img src=x onerror=alert(1)>")
                        })
                    {
                        local.push(format!("{path}: the title is not there as text"));
                    }
                }
            }
        } else if path.ends_with(".json") {
            if text.contains('<') {
                local.push(format!("{path}: holds a raw <"));
            }
            match serde_json::from_str::<serde_json::Value>(&text) {
                Err(_) => local.push(format!("{path}: not JSON")),
                Ok(v) if path.starts_with("search/d/") => {
                    fragments += 1;
                    found_in_search |= v["title"].as_str().is_some_and(|t| t.contains(SCRIPT));
                }
                Ok(_) => {}
            }
        } else if path.ends_with(".csv") {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(b';')
                .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
            for record in reader.records() {
                match record {
                    Err(e) => local.push(format!("{path}: not CSV: {e}")),
                    Ok(r) => {
                        for cell in r.iter().filter(|c| c.starts_with(['=', '+', '-', '@'])) {
                            local.push(format!("{path}: a cell a spreadsheet would run: {cell:?}"));
                        }
                    }
                }
            }
        } else if (path.ends_with(".js") || path.ends_with(".css")) && text.contains("alert(1)") {
            local.push(format!("{path}: holds the hostile text"));
        }
        for m in local {
            fail(m);
        }
    }
    if fragments == 0 || !found_in_search {
        fail(format!(
            "the search index lacks the records ({fragments} fragments)"
        ));
    }
    // The search page's scripts write what the index holds as text only: no HTML parsing.
    let js: String = ["js/search.js", "js/search-core.js"]
        .iter()
        .map(|f| {
            files
                .get(*f)
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_else(|| format!("{f} missing: innerHTML"))
        })
        .collect();
    if [
        "innerHTML",
        "insertAdjacentHTML",
        "outerHTML",
        "document.write",
        "eval(",
        "Function(",
    ]
    .iter()
    .any(|s| js.contains(s))
    {
        fail("js/search.js or js/search-core.js may write search data as HTML".into());
    }
}

#[test]
fn hostile_text_in_every_field_is_shown_as_text_and_never_runs() {
    let mut failures = Vec::new();
    let plain = site("escaping");
    check_site("raw HTML off", plain.path(), &mut failures);

    let allowed = site("escaping");
    let yaml = allowed.path().join("site.yaml");
    std::fs::write(&yaml, read(&yaml) + "tillad_html: true\n").expect("write site.yaml");
    check_site("tillad_html: true", allowed.path(), &mut failures);

    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_checks_catch_what_they_look_for() {
    let mut f = Vec::new();
    check_html(
        "x.html",
        "<p title=\"a onerror=x\">ok</p><a href=\" JavaScript:alert(1)\">a</a><img src=x onerror=alert(1)><script type=\"application/ld+json\">{\"a\":\"</script>",
        &mut f,
    );
    assert_eq!(f.len(), 4, "{f:#?}");
    let mut ok = Vec::new();
    check_html(
        "y.html",
        "<meta content=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"><script type=\"module\" src=\"/js/search.js\"></script><script type=\"application/ld+json\">{\"a\":\"\\u003c\"}</script>",
        &mut ok,
    );
    assert!(ok.is_empty(), "{ok:#?}");
}
