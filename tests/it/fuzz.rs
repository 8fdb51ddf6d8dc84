//! Fuzzing on the stable toolchain, with proptest (cargo-fuzz needs nightly, which this
//! project does not assume). Two targets, each fed documents built from fragments that
//! matter to YAML, front matter and Markdown (separators, indentation, anchors, tags, BOMs,
//! stray carriage returns, NULs, Danish letters, HTML and `javascript:` links), mixed with
//! arbitrary Unicode:
//!
//! * `front_matter`: splitting and parsing a content file as an initiative, an update or a
//!   page never panics or hangs, and every problem names the file and a line that exists;
//! * `markdown`: rendering a body with the site's options, raw HTML allowed (sanitised) or
//!   not, never panics and never lets a script, an event handler or a `javascript:` URL
//!   through.
//!
//! `cargo test` runs 256 cases of each. A long run (the closing notes quote 10 minutes each):
//!
//! ```sh
//! FUZZ_CASES=2000000 cargo test --release --test fuzz front_matter -- --nocapture
//! FUZZ_CASES=2000000 cargo test --release --test fuzz markdown -- --nocapture
//! ```
//!
//! Failing inputs are shrunk and saved in `tests/fuzz-regressions.txt`, which is committed,
//! so every finding is replayed by every later run. The Markdown target's oracle is the same
//! HTML checker the escaping tests use (`tests/common/html.rs`: attribute values read whole
//! and decoded, so an entity-encoded `javascript:` is caught).

use crate::common;

use indsats::testing::Markdown;
use indsats::SiteConfig;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::path::Path;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn config() -> SiteConfig {
    let text = include_str!("../fixtures/basic/site.yaml");
    indsats::testing::parse_config(Path::new("site.yaml"), text, None)
        .expect("the basic site.yaml is valid")
}

const FRAGMENTS: &[&str] = &[
    "---\n",
    "---",
    "\n",
    "\n\n",
    "titel: ",
    "tema: ",
    "status: ",
    "formål: ",
    "år: ",
    "strategimål: ",
    "aktører:\n",
    "  - ",
    "- ",
    "kontakt:\n  email: ",
    "  url: ",
    "nøgletal:\n  - label: x\n    værdi: ",
    "opdateret: ",
    "2021-02-29",
    "dato: 2021-04-27",
    "fortsætter: ",
    "udkast: ",
    "udkast: true\n",
    "tilmelding: ",
    "resumé: ",
    ": ",
    ":",
    "\t",
    "  ",
    "    ",
    "&a ",
    "*a",
    "<<: *a\n",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "\\",
    "|\n",
    ">-\n",
    "!!binary ",
    "!!str ",
    "!tag ",
    "%YAML 1.2\n",
    "? ",
    "# ",
    "æøå",
    "ÆØÅ",
    "\u{feff}",
    "\r\n",
    "\r",
    "\0",
    "Tobak",
    "Mental sundhed",
    "igangværende",
    "planlagt",
    "2020-2021",
    "99999",
    "-1",
    "1e400",
    "0x1F",
    "~",
    "null",
    ".nan",
    "true",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "<iframe src=//x></iframe>",
    "[x](javascript:alert(1))",
    "![](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "## Status\n",
    "# Titel\n",
    "[^1]",
    "[^1]: note\n",
    "| a | b |\n|---|---|\n",
    "```\n",
    "~~~\n",
    "> ",
    "* ",
    "1. ",
    "<!-- ",
    " -->",
    "<div>",
    "</div>",
    "&amp;",
    "&#0;",
    "\u{202e}",
    "\u{200b}",
    "🙂",
    "x",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(FRAGMENTS).prop_map(String::from),
        1 => any::<String>(),
        1 => "[a-zæøå0-9 :\\-]{0,24}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    (any::<bool>(), prop::collection::vec(fragment(), 0..80)).prop_map(|(fence, parts)| {
        let body = parts.concat();
        if fence {
            format!("---\n{body}")
        } else {
            body
        }
    })
}

const FILES: &[&str] = &[
    "content/indsatser/2020-2021/fuzz.md",
    "content/nyheder/2021-04-27-fuzz.md",
    "content/sider/fuzz.md",
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        timeout: 10_000,
        // Findings are kept here, committed, and replayed by every later run.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fuzz-regressions.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn front_matter(text in document(), which in 0..FILES.len()) {
        let config = config();
        let md = Markdown::new(config.allow_html, &config.base_url.path);
        let rel = Path::new(FILES[which]);
        // The loader hands the parser text with `\n` line ends and no BOM.
        let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n");
        let lines = text.lines().count().max(1) + 1;
        for d in indsats::testing::parse_source(rel, &text, &config, &md) {
            prop_assert_eq!(d.file.as_path(), rel);
            prop_assert!(!d.message.is_empty());
            if let Some(line) = d.line {
                prop_assert!((1..=lines).contains(&line), "line {} of {}: {}", line, lines, d);
                if let Some(col) = d.column {
                    // A column on the line, or just after its end (a missing value).
                    let width = text.lines().nth(line - 1).map_or(0, |l| l.chars().count());
                    prop_assert!((1..=width + 1).contains(&col), "column {} of {}: {}", col, width, d);
                }
            }
        }
    }

    #[test]
    fn markdown(text in document(), allow_html in any::<bool>()) {
        let md = Markdown::new(allow_html, "/sundhed/");
        let out = md.render(&text, "");
        if let Some(bad) = executable(&out.html) {
            prop_assert!(false, "executable HTML {:?} in {:?}", bad, out.html);
        }
        let inline = md.render_inline(&text);
        prop_assert!(executable(&inline).is_none(), "{}", inline);
        let _ = md.references(&text);
    }
}

/// What in rendered Markdown could run code (no script of any kind is ours there).
fn executable(html: &str) -> Option<String> {
    common::html::executable(html, false).into_iter().next()
}

#[test]
fn the_executable_check_catches_what_it_should() {
    assert!(executable("<p>a onerror=b &lt;script&gt;</p>").is_none());
    assert!(executable("<p title=\"x onerror=y\">t</p>").is_none());
    assert!(executable("<img src=x onerror=alert(1)>").is_some());
    assert!(executable("<a href=\"javascript:alert(1)\">x</a>").is_some());
    assert!(executable("<a href=\" JavaScript:alert(1)\">x</a>").is_some());
    assert!(executable("<a href=\"java&#x09;script:alert(1)\">x</a>").is_some());
    assert!(executable("<a href=\"&#106;avascript&colon;alert(1)\">x</a>").is_some());
    assert!(executable("<a href=\"&#x6A&#x61vascript:alert(1)\">x</a>").is_some());
    assert!(executable("<SCRIPT>").is_some());
    assert!(executable("<a href=\"/sundhed/x/\">x</a>").is_none());
    assert!(executable("<a href=\"https://example.dk/?a=1&amp;b=javascript:\">x</a>").is_none());
}
