//! The search page's client analyses a query exactly as the index analysed the site: this test
//! holds `themes/default/static/js/search-text.js` (run with node, through
//! `tests/browser/stem-parity.mjs`) to `indsats::testing::search::analysis` word by word.
//!
//! Words: every distinct word of the shipped site (the repo root is a site) and of a generated
//! 1,000-initiative corpus (`examples/gen_corpus.rs`), plus a fixed list of the stemmer's edge
//! cases, the lay words of `site.yaml` (`synonymer:`) with their site words, and a few thousand
//! made-up words built from Danish endings. For each: `stem`, `fold`,
//! `key` and `is_stop` must agree. Texts: every text a record is indexed or shown by must split
//! into the same words in the same order. Lists: `STOP_WORDS` and `IRREGULAR` must be equal.
//!
//! Needs `node` (the browser suite's; `.ci/run` installs it). Without it (see `build.rs`) the
//! test is listed as ignored, with the reason; under `CI` it fails.

use crate::common;

use common::repo_root;
use indsats::testing::search::analysis;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every text of `root`'s search records (title, lead, body, summary, shown segments).
fn texts_of_site(root: &Path) -> Vec<String> {
    let built = indsats::load(root, None, common::published())
        .unwrap_or_else(|e| panic!("{} does not build: {e:?}", root.display()));
    let records = indsats::testing::search::records(&indsats::testing::Views::new(&built.site));
    assert!(
        !records.is_empty(),
        "{} has no search records",
        root.display()
    );
    let mut texts = Vec::new();
    for r in records {
        texts.extend([r.title, r.lead, r.summary]);
        texts.extend(r.body.into_iter().map(|b| b.into_owned()));
        texts.extend(r.segments.into_iter().map(|b| b.into_owned()));
        texts.extend(r.themes.into_iter().map(|t| t.label));
    }
    texts
}

/// The `gen_corpus` example, built for this test's profile and target folder (`cargo test`
/// builds examples, `cargo test --test search_parity` does not; building it again is a no-op).
fn gen_corpus() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    // target/<profile>/deps/search_parity-<hash>
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps");
    let target_dir = profile_dir.parent().expect("target/<profile>");
    let binary = profile_dir
        .join("examples")
        .join(format!("gen_corpus{}", std::env::consts::EXE_SUFFIX));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| env!("CARGO").to_string());
    let mut build = Command::new(cargo);
    build
        .args([
            "build",
            "--quiet",
            "--example",
            "gen_corpus",
            "--manifest-path",
        ])
        .arg(repo_root().join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir);
    match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") => {}
        Some(profile) => {
            build.args(["--profile", profile]);
        }
        None => panic!("no profile folder in {}", exe.display()),
    }
    let o = build
        .output()
        .expect("run cargo to build the gen_corpus example");
    assert!(
        o.status.success() && binary.is_file(),
        "could not build examples/gen_corpus.rs into {}:\n{}",
        binary.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    binary
}

fn texts_of_corpus(dir: &Path) -> Vec<String> {
    let o = Command::new(gen_corpus())
        .args(["--n", "1000", "--out"])
        .arg(dir)
        .output()
        .expect("run gen_corpus");
    assert!(
        o.status.success(),
        "gen_corpus failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    texts_of_site(dir)
}

/// Words the stemmer's description makes hard: R1 at the third letter, suffixes reaching out of
/// R1, "igst", "løst", s-endings, double consonants after a stripped suffix, digits, accents,
/// letters outside Latin-1 and beyond the Basic Multilingual Plane.
const EDGE_WORDS: &str = "\
    løst løstes adeligst vigtigst hellig helligst ig igst elsigst lig elig bevægelse kærlighed \
    ethed erendes heders ss sss kasss fattig dt gd kt bygd byggede akt aktsomt aktsom \
    forældrene mændene hænder fødder født børns barns 1100 a100 2023 type2 ææææ øøst ååben uu \
    yy café naïve ǿre ßstraße ĳsselmeer 𝐚𝐛𝐜𝐝𝐝 ὀδυσσεύς москва i\u{307}stanbul e\u{301}tudes aɪɪ \
    ʼnn";

/// Made-up words: letters (Danish, accented, digits, one beyond the BMP) followed by up to two of
/// the stemmer's suffixes, from a fixed seed.
fn synthetic_words() -> Vec<String> {
    let letters: Vec<char> = "aeiouyæøåbdgklnrsthvjmpfcz1éü𝐚ß".chars().collect();
    let endings = [
        "hed", "ethed", "erede", "erendes", "s", "es", "ens", "gd", "dt", "gt", "kt", "igst",
        "elig", "lig", "els", "løst", "ig", "st", "et", "eret", "ene", "tt", "ss", "ll", "ers",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    };
    (0..20_000)
        .map(|_| {
            let mut w: String = (0..1 + next(8))
                .map(|_| letters[next(letters.len())])
                .collect();
            for _ in 0..next(3) {
                w.push_str(endings[next(endings.len())]);
            }
            w
        })
        .collect()
}

fn json_strings<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items
        .into_iter()
        .map(|s| serde_json::to_string(s).expect("a string is JSON"))
        .collect();
    format!("[{}]", items.join(","))
}

#[test]
#[cfg_attr(
    not(node_tools),
    ignore = "needs node (apt-get install nodejs, or bash .ci/run)"
)]
fn the_search_page_analyses_words_exactly_as_the_index_does() {
    common::need_node("search parity");
    let work = tempfile::tempdir().expect("temp dir");
    let mut texts = texts_of_site(&repo_root());
    let site_texts = texts.len();
    texts.extend(texts_of_corpus(&work.path().join("corpus")));
    texts.sort();
    texts.dedup();

    let mut words: BTreeSet<String> = texts.iter().flat_map(|t| analysis::tokens(t)).collect();
    let from_texts = words.len();
    words.extend(analysis::tokens(EDGE_WORDS));
    // The lay words of the shipped site.yaml and the site words they stand for: the index finds
    // a lay word by its key, which the client must make the same.
    let config = indsats::load(&repo_root(), None, common::published())
        .expect("the shipped site builds")
        .site
        .config;
    assert!(!config.synonyms.is_empty(), "site.yaml has lay words");
    for s in &config.synonyms {
        words.insert(s.word.clone());
        words.extend(s.targets.iter().cloned());
    }
    words.extend(synthetic_words());
    assert!(
        from_texts > 2_000,
        "only {from_texts} distinct words in the shipped site and the corpus"
    );

    // words.tsv: word, stem, fold, key, stop (tokens hold no tabs or line breaks).
    let mut table = String::new();
    for w in &words {
        table.push_str(&format!(
            "{w}\t{}\t{}\t{}\t{}\n",
            analysis::stem(w),
            analysis::fold(w),
            analysis::key(w),
            u8::from(analysis::is_stop(w))
        ));
    }
    std::fs::write(work.path().join("words.tsv"), table).expect("write words.tsv");

    // texts.json: [[text, its words joined by spaces], …].
    let pairs: Vec<String> = texts
        .iter()
        .map(|t| {
            let words: Vec<String> = analysis::tokens(t).collect();
            format!(
                "[{},{}]",
                serde_json::to_string(t).expect("JSON"),
                serde_json::to_string(&words.join(" ")).expect("JSON")
            )
        })
        .collect();
    std::fs::write(
        work.path().join("texts.json"),
        format!("[{}]", pairs.join(",\n")),
    )
    .expect("write texts.json");

    let irregular: Vec<String> = analysis::IRREGULAR
        .iter()
        .map(|(from, to)| json_strings([*from, *to]))
        .collect();
    std::fs::write(
        work.path().join("lists.json"),
        format!(
            "{{\"stop\":{},\"irregular\":[{}]}}",
            json_strings(analysis::STOP_WORDS.iter().copied()),
            irregular.join(",")
        ),
    )
    .expect("write lists.json");

    let o = Command::new("node")
        .arg(repo_root().join("tests/browser/stem-parity.mjs"))
        .arg(work.path())
        .output()
        .expect("run node");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    println!(
        "{site_texts} texts of the shipped site, {} distinct texts in all, {from_texts} words from them, {} words checked\n{report}",
        texts.len(),
        words.len()
    );
    assert!(
        o.status.success() && report.contains("parity: 0 differences"),
        "the search page's analysis differs from the index's:\n{report}"
    );
}
