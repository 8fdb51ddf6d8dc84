//! Key figures as charts, open data and structured data, checked on the shipped site: the
//! JSON validates against its schema, the CSV parses back with the right rows and columns, the
//! SVG charts are well-formed and state their figures, JSON-LD parses, every footer links the
//! data.

use crate::common;
use common::*;

fn built() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp");
    let o = indsats(&[
        "build",
        "--root",
        repo_root().to_str().expect("utf-8"),
        "--out",
        out.path().to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn open_data_json_is_exactly_what_a_pretty_printer_writes_for_it() {
    // The document is assembled from one pre-serialized row per initiative; it must be
    // byte for byte what serde_json's pretty printer writes for the whole document (with
    // `<` and `>` escaped). The site's title holds the very text the rows are spliced at.
    let dir = site("basic");
    let config = dir.path().join("site.yaml");
    let text = read(&config);
    let title = text
        .lines()
        .find(|l| l.starts_with("titel: "))
        .expect("a title");
    std::fs::write(
        &config,
        text.replacen(title, "titel: 'Sundhed \"indsatser\": [] <b>'", 1),
    )
    .expect("title");
    let out = dir.path().join("public");
    let o = indsats(&["build", "--root", dir.path().to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written = read(out.join("data/indsatser.json"));
    let value: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    assert!(value["indsatser"].as_array().is_some_and(|a| a.len() > 1));
    let expected = serde_json::to_string_pretty(&value)
        .expect("serializes")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        + "\n";
    assert_eq!(written, expected);
}

#[test]
fn open_data_json_validates_and_holds_every_initiative() {
    let out = built();
    let data: serde_json::Value =
        serde_json::from_str(&read(out.path().join("data/indsatser.json"))).expect("JSON parses");
    let schema: serde_json::Value =
        serde_json::from_str(&read(out.path().join("data/indsatser.schema.json")))
            .expect("schema parses");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let items = data["indsatser"].as_array().expect("array");
    assert_eq!(items.len(), 28);
    assert!(
        items.iter().all(|i| i["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://example.dk/indsatser/"))),
        "URLs are absolute"
    );
    let faerre = items
        .iter()
        .find(|i| i["id"] == "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats")
        .expect("present");
    assert!(faerre["nøgletal"]
        .as_array()
        .expect("figures")
        .iter()
        .any(|k| k["værdi"] == 158.0 && k["år"] == 2018));
    assert!(
        data["licens"].as_str().is_some_and(|l| !l.is_empty()),
        "licence from site.yaml"
    );
}

#[test]
fn open_data_csv_opens_in_danish_excel_and_round_trips() {
    let out = built();
    let bytes = std::fs::read(out.path().join("data/indsatser.csv")).expect("csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers = reader.headers().expect("header").clone();
    assert_eq!(headers.len(), 19);
    assert_eq!(&headers[2], "titel");
    assert_eq!((&headers[7], &headers[8]), ("statusdato", "status_aktuel"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row parses")).collect();
    assert_eq!(rows.len(), 28, "one row per initiative");
    assert!(
        rows.iter().all(|r| r.len() == 19),
        "every row has every column"
    );
    // Built at the test date (May 2021): 2020-2021's statuses are current, 2018-2019's history.
    for r in &rows {
        let current = if &r[3] == "2020-2021" { "ja" } else { "nej" };
        assert_eq!(&r[8], current, "{}", &r[2]);
        assert!(&r[7] == "2021-04" || &r[7] == "2019-04", "{}", &r[7]);
    }
    assert!(rows.iter().any(|r| &r[2] == "Sammen med Borgeren livssituation: »Vi er en familie, hvor mor eller far har en kræftdiagnose«"), "æ/ø/å and quotes survive");
}

#[test]
fn charts_are_well_formed_and_state_the_figures() {
    let out = built();
    let page = read(
        out.path()
            .join("indsatser/2018-2019/faerre-rygere-gennem-en-maalrettet-indsats/index.html"),
    );
    assert!(
        page.contains(
            "Borgere tilmeldt rygestopkursus, 2017-2018: 2017: 84 borgere; 2018: 158 borgere."
        ),
        "the stop-smoking sign-ups across the years of one period"
    );
    // The same measure in the next period (2020) is charted on its own page, never spliced
    // into this period's series with 2019 skipped.
    assert!(
        !page.contains("2020: 115 borgere"),
        "a series never crosses plan periods"
    );
    // Sign-ups and quitters (both "borgere", 2018) are not bars on one scale.
    assert!(
        !page.contains("Nøgletal (borgere)"),
        "two measures never share a chart"
    );
    let mut charts = 0;
    for e in walkdir::WalkDir::new(out.path())
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
    {
        let html = read(e.path());
        for svg in html.split("<svg ").skip(1) {
            let svg = format!("<svg {}</svg>", svg.split("</svg>").next().expect("closed"));
            let doc = roxmltree::Document::parse(&svg)
                .unwrap_or_else(|err| panic!("{}: SVG not well-formed: {err}", e.path().display()));
            let root = doc.root_element();
            assert_eq!(root.attribute("role"), Some("img"));
            let desc = root
                .children()
                .find(|n| n.has_tag_name("desc"))
                .and_then(|n| n.text())
                .expect("a text alternative");
            let values: Vec<&str> = root
                .descendants()
                .filter(|n| {
                    n.has_attribute("class") && n.attribute("class") == Some("chart__value")
                })
                .filter_map(|n| n.text())
                .collect();
            assert!(!values.is_empty());
            // A time series (id "…-serie-N") has consecutive years as its labels.
            if root
                .attribute("aria-labelledby")
                .is_some_and(|a| a.contains("-serie-"))
            {
                let years: Vec<u16> = root
                    .descendants()
                    .filter(|n| n.attribute("class") == Some("chart__label"))
                    .filter_map(|n| n.text()?.parse().ok())
                    .collect();
                assert!(
                    years.len() >= 2 && years.windows(2).all(|w| w[1] == w[0] + 1),
                    "{}: a series skips a year: {years:?}",
                    e.path().display()
                );
            }
            for v in values {
                assert!(
                    desc.contains(v),
                    "{}: the text alternative lacks {v}: {desc}",
                    e.path().display()
                );
            }
            charts += 1;
        }
    }
    assert!(
        charts >= 3,
        "charts on initiative and plan pages ({charts})"
    );
    let plan = read(out.path().join("handleplan/2020-2021/index.html"));
    assert!(plan.contains("Antal indsatser pr. tema, handleplan 2020-2021"));
    // No empty "År" column where no figure has a year; one where they have.
    let undated = read(
        out.path()
            .join("indsatser/2018-2019/mental-balance/index.html"),
    );
    assert!(
        undated.contains("class=\"figures\"") && !undated.contains("<th scope=\"col\">År</th>")
    );
    assert!(page.contains("<th scope=\"col\">År</th>"));
    assert!(read(out.path().join("tema/tobak/index.html")).contains("class=\"status-summary\""));
}

#[test]
fn structured_data_parses_and_every_footer_links_the_data() {
    let out = built();
    for (page, kind) in [
        (
            "indsatser/2020-2021/mental-balance/index.html",
            "GovernmentService",
        ),
        ("nyheder/roegfri-arbejdstid/index.html", "NewsArticle"),
    ] {
        let html = read(out.path().join(page));
        let json = html
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .expect("JSON-LD");
        let v: serde_json::Value = serde_json::from_str(json).expect("JSON-LD parses");
        assert_eq!(v["@type"], kind);
        assert_eq!(v["@context"], "https://schema.org");
    }
    for e in walkdir::WalkDir::new(out.path())
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
    {
        let html = read(e.path());
        assert!(
            html.contains("href=\"/data/indsatser.json\"")
                && html.contains("href=\"/data/indsatser.csv\""),
            "{}",
            e.path().display()
        );
        assert!(
            html.contains("<meta property=\"og:title\"")
                && html.contains("<meta name=\"description\""),
            "{}",
            e.path().display()
        );
    }
}
