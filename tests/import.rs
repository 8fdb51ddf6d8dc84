//! `indsats import`: the two status reports become the 15 and 13 initiatives the shipped site
//! holds (same titles, themes and purposes), the 2020-2021 drafts build once `udkast` is
//! removed, and nothing is ever overwritten without `--force`.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Copies of the seed reports (000 and 002), so the tests run from any clone.
fn report(plan: &str) -> PathBuf {
    fixtures().join(format!("import/statusrapport-{plan}.txt"))
}

/// A site with the repository's site.yaml and design and no content.
fn empty_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::copy(repo_root().join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    copy_tree(&repo_root().join("themes"), &dir.path().join("themes"));
    std::fs::create_dir_all(dir.path().join("content")).expect("content");
    dir
}

struct Fields {
    title: String,
    themes: Vec<String>,
    purpose: String,
}

/// Title, themes and purpose of every initiative file in `dir`, by file name.
fn front_matter(dir: &Path) -> BTreeMap<String, Fields> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        let text = read(entry.path());
        let split = indsats::content::frontmatter::split(&text).expect("front matter");
        let v = indsats::yaml::parse(split.yaml).expect("YAML");
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let themes = match &v["tema"] {
            serde_yaml::Value::Sequence(items) => items
                .iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            t => t.as_str().map(str::to_string).into_iter().collect(),
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        out.insert(
            name,
            Fields {
                title: s("titel"),
                themes,
                purpose: s("formål"),
            },
        );
    }
    out
}

/// Whitespace and quote style do not count as differences.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['”', '“', '„', '»', '«'], "\"")
}

/// The shipped content's deliberate edits of the reports' words (the rules are in
/// `content/README.md`): (as the report writes it, as the site does, why).
const EDITS: &[(&str, &str, &str)] = &[
    (
        "Røgfri fremtid",
        "Røgfri Fremtid",
        "a project's name, spelled as its own material does",
    ),
    (
        "Vores sunde hverdag",
        "Vores Sunde Hverdag",
        "a project's name, as the 2018-2019 report spells it",
    ),
    ("Type2diabetes", "Type 2-diabetes", "one spelling per term"),
    (
        "Sundhedsfællesskabet primære",
        "Sundhedsfællesskabets primære",
        "a typo",
    ),
    ("kræftsyrge", "kræftsyge", "a typo"),
];

/// The report's text with the deliberate edits applied.
fn edited(s: &str) -> String {
    EDITS
        .iter()
        .fold(s.to_string(), |s, (from, to, _)| s.replace(from, to))
}

fn import_into(plan: &str, out: &Path) -> indsats::import::ImportReport {
    let root = repo_root();
    let config = indsats::load_config(&root, None).expect("site.yaml");
    let opts = indsats::import::ImportOptions {
        file: report(plan),
        plan: plan.into(),
        out: Some(out.to_path_buf()),
        force: false,
    };
    indsats::import::run(&root, &config, &opts).expect("import")
}

/// Compares an import with the hand-written content of the same plan period.
fn matches_shipped(plan: &str, count: usize) {
    let out = tempfile::tempdir().expect("temp");
    let report = import_into(plan, out.path());
    assert_eq!(report.written.len(), count);
    let imported = front_matter(out.path());
    let shipped = front_matter(&repo_root().join("content/indsatser").join(plan));
    assert_eq!(imported.len(), count);
    assert_eq!(shipped.len(), count);
    let by_title: BTreeMap<String, &Fields> =
        shipped.values().map(|f| (norm(&f.title), f)).collect();
    for (file, got) in &imported {
        let want = by_title
            .get(&norm(&edited(&got.title)))
            .unwrap_or_else(|| panic!("{file}: no shipped initiative is titled {:?}", got.title));
        assert_eq!(edited(&got.title), want.title, "{file}: title");
        // The report gives one theme; an editor may have added a second one after it.
        assert_eq!(got.themes.first(), want.themes.first(), "{file}: theme");
        assert_eq!(got.themes.len(), 1, "{file}: one theme");
        if got.title == "Færre rygere gennem en målrettet indsats" {
            // Deliberately edited: the report's three rows repeat "Øge andelen af rygere …"
            // and lost a line break ("miljøer Øge"); the shipped text keeps each aim once.
            for part in want.purpose.split("\n\n") {
                assert!(
                    norm(&got.purpose).contains(&norm(part)),
                    "{file}: purpose lacks {part:?}"
                );
            }
        } else {
            assert_eq!(
                norm(&edited(&got.purpose)),
                norm(&want.purpose),
                "{file}: purpose"
            );
        }
    }
}

#[test]
fn report_2018_2019_gives_the_15_shipped_initiatives() {
    matches_shipped("2018-2019", 15);
}

#[test]
fn report_2020_2021_gives_the_13_shipped_initiatives() {
    matches_shipped("2020-2021", 13);
}

#[test]
fn the_summary_names_every_guess_and_the_goals_found_under_actors() {
    let out = tempfile::tempdir().expect("temp");
    let report = import_into("2018-2019", out.path());
    let notes_for = |title: &str| -> Vec<&str> {
        report
            .notes
            .iter()
            .filter(|n| n.title == title)
            .map(|n| n.message.as_str())
            .collect()
    };
    for title in ["Cykelløb", "Mental balance", "Vægtenheden"] {
        assert!(
            notes_for(title)
                .iter()
                .any(|m| m.starts_with("status gættet")),
            "{title}: {:?}",
            notes_for(title)
        );
    }
    assert!(notes_for("Cykelløb")
        .iter()
        .any(|m| m.contains("Aktører indeholder strategimål")));
    assert!(notes_for("Vores Sunde Hverdag")
        .iter()
        .any(|m| m.contains("ingen temaoverskrift")));
    let cycling = read(out.path().join("cykelloeb.md"));
    assert!(cycling.contains("strategimål: [1, 2]\n"), "{cycling}");
    assert!(!cycling.contains("aktører:"), "{cycling}");
    // Footnotes travel with the initiative that uses them, not the block they stand in.
    let abc = read(out.path().join("abc-for-mental-sundhed.md"));
    assert!(abc.contains("Mental Sundhed[^1] i aktiviteter"), "{abc}");
    assert!(abc.contains("[^1]: ABC forkortelse for Act - Belong - Commit."));
    let weight = read(out.path().join("vaegtenheden.md"));
    assert!(weight.contains("[^2]: Holbækmodellen er udviklet"));
    assert!(!weight.contains("[^1]"));
    assert!(
        weight.contains("### 1. ") && weight.contains("### 2. "),
        "{weight}"
    );
}

#[test]
fn drafts_of_2020_2021_build_once_udkast_is_removed() {
    let site = empty_site();
    let root = site.path();
    let o = indsats(&[
        "import",
        report("2020-2021").to_str().expect("utf-8"),
        "--plan",
        "2020-2021",
        "--root",
        root.to_str().expect("utf-8"),
        "--out",
        root.join("kladder").to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = stdout(&o);
    assert!(summary.contains("Importeret 13 indsatser"), "{summary}");
    assert!(summary.contains("status gættet"), "{summary}");
    let target = root.join("content/indsatser/2020-2021");
    std::fs::create_dir_all(&target).expect("plan folder");
    for entry in std::fs::read_dir(root.join("kladder"))
        .expect("kladder")
        .flatten()
    {
        let text = read(entry.path());
        assert!(text.contains("\nudkast: true"), "every file is a draft");
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("udkast: true"))
            .collect();
        std::fs::write(target.join(entry.file_name()), kept.join("\n") + "\n").expect("write");
    }
    let built = match indsats::build_in_memory(root, None, false) {
        Ok(b) => b,
        Err(d) => panic!("{}", indsats::diagnostics::render_all(&d)),
    };
    assert_eq!(built.site.initiatives.len(), 13);
}

#[test]
fn import_never_overwrites_without_force_and_checks_its_arguments() {
    let site = empty_site();
    let root = site.path().to_str().expect("utf-8");
    let file = report("2020-2021");
    let file = file.to_str().expect("utf-8");
    let dir = site.path().join("content/indsatser/2020-2021");
    std::fs::create_dir_all(&dir).expect("plan folder");
    let mine = dir.join("mental-balance.md");
    std::fs::write(&mine, "redaktørens egen tekst\n").expect("write");

    let o = indsats(&["import", file, "--plan", "2020-2021", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("filen findes allerede"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(read(&mine), "redaktørens egen tekst\n");
    assert_eq!(
        std::fs::read_dir(&dir).expect("dir").count(),
        1,
        "nothing else is written either"
    );

    let o = indsats(&[
        "import",
        file,
        "--plan",
        "2020-2021",
        "--root",
        root,
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&mine).starts_with("---\ntitel: \"Mental balance\""));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 13, "no temporary files are left: {names:?}");

    let o = indsats(&["import", file, "--plan", "2021-2020", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("er ikke en planperiode"));
    let o = indsats(&[
        "import",
        "findes-ikke.txt",
        "--plan",
        "2020-2021",
        "--root",
        root,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("rapporten kan ikke læses"),
        "{}",
        stderr(&o)
    );
    let site_yaml = site.path().join("site.yaml");
    let site_yaml = site_yaml.to_str().expect("utf-8");
    let o = indsats(&["import", site_yaml, "--plan", "2020-2021", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("er ikke en statusrapport"),
        "{}",
        stderr(&o)
    );
    let o = indsats(&["import", file, "--root", root]);
    assert_eq!(o.status.code(), Some(2), "--plan is required");
}
