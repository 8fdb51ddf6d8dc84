//! Writes a valid indsats site of N generated initiatives, for benchmarks:
//! `cargo run --release --example gen_corpus -- --n 10000 --out /tmp/corpus-10k`
//!
//! Deterministic (fixed seed): the same N gives the same files. The Danish text is sampled
//! sentence by sentence from the shipped content, so word lengths, æ/ø/å and Markdown shape
//! are realistic. 8 themes, 5 plan periods, bodies of 2-5 KB, a few updates and pages.
//!
//! With `--hugo DIR` it also writes the same corpus as a Hugo site (for `bench/run.sh`, which
//! times both): the same titles, themes (taxonomy `tema`), years (`aar`, the plan's two years,
//! as indsats derives them), plan (`handleplan`), status, purpose, facts and the same Markdown
//! bodies, the same updates and pages; its config and minimal templates are copied from
//! `bench/hugo/` (read when the generator runs, so they can be changed without a rebuild).
//! The indsats corpus is byte for byte what it is without `--hugo`.
//!
//! With `--text-heavy`, the text-heavy case instead: 6 themes (the first six below), 5 plan
//! periods and bodies of about 4 KB (3.6-4.4 KB of Markdown each), with the Hugo twin's
//! minimal templates from `bench/hugo-text/` (a page per initiative, paginated term lists,
//! sitemap, one feed; nothing else).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// xorshift64*: small, fast and reproducible; quality is plenty for sampling text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const THEMES: [&str; 8] = [
    "Tobak",
    "Mental sundhed",
    "Overvægt",
    "Fysisk aktivitet",
    "Kronisk sygdom",
    "Kræftrehabilitering",
    "Alkohol",
    "Trivsel og fællesskab",
];
const PLANS: [&str; 5] = [
    "2014-2015",
    "2016-2017",
    "2018-2019",
    "2020-2021",
    "2022-2023",
];
const STATUSES: [&str; 5] = ["planlagt", "igangværende", "gennemført", "udsat", "aflyst"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let n: usize = arg("--n").and_then(|v| v.parse().ok()).unwrap_or(1000);
    let out = PathBuf::from(arg("--out").unwrap_or_else(|| format!("/tmp/indsats-corpus-{n}")));
    let hugo = arg("--hugo").map(PathBuf::from);
    let shape = if args.iter().any(|a| a == "--text-heavy") {
        Shape::TextHeavy
    } else {
        Shape::Mixed
    };
    if let Some(h) = &hugo {
        if absolute(h) == absolute(&out) || absolute(&out).starts_with(absolute(h)) {
            eprintln!(
                "gen_corpus: --hugo must be a folder of its own, not --out or a parent of it"
            );
            std::process::exit(2);
        }
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/indsatser");
    let texts = shipped_texts(&source);
    let sentences = sample_sentences(&texts);
    let titles = sample_titles(&texts);
    let hugo_templates = Path::new(env!("CARGO_MANIFEST_DIR")).join(match shape {
        Shape::Mixed => "bench/hugo",
        Shape::TextHeavy => "bench/hugo-text",
    });
    let hugo = hugo.map(|dir| HugoTwin {
        dir,
        templates: hugo_templates,
    });
    if let Err(e) = generate(n, &out, hugo.as_ref(), shape, &sentences, &titles) {
        eprintln!("gen_corpus: {e}");
        std::process::exit(1);
    }
    println!("{n} initiatives → {}", out.display());
    if let Some(h) = &hugo {
        println!("{n} initiatives (Hugo) → {}", h.dir.display());
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Which corpus: the mixed one (8 themes, bodies of 2-5 KB) or the text-heavy one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Mixed,
    TextHeavy,
}

/// Where the Hugo twin goes, and the folder its config and layouts are copied from.
struct HugoTwin {
    dir: PathBuf,
    templates: PathBuf,
}

/// A YAML single-quoted scalar.
fn yq(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn generate(
    n: usize,
    out: &Path,
    hugo: Option<&HugoTwin>,
    shape: Shape,
    sentences: &[String],
    titles: &[String],
) -> std::io::Result<()> {
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    if let Some(h) = hugo {
        if h.dir.exists() {
            fs::remove_dir_all(&h.dir)?;
        }
        copy_tree(&h.templates, &h.dir)?;
        for plan in PLANS {
            fs::create_dir_all(h.dir.join("content/indsatser").join(plan))?;
        }
        fs::create_dir_all(h.dir.join("content/nyheder"))?;
    }
    let mut rng = Rng(0x5EED_1DEA_5A75_u64);
    let mut site = String::from("titel: Sundhed i Benchby\nbeskrivelse: Genereret testsite.\nejer: Benchby Kommune\nbase_url: https://example.dk/\nkontakt:\n  telefon: 11 22 33 44\n  email: sundhed@example.dk\ntemaer:\n");
    let themes: &[&str] = match shape {
        Shape::Mixed => &THEMES,
        Shape::TextHeavy => &THEMES[..6],
    };
    for t in themes {
        let _ = writeln!(site, "  - navn: {t}");
    }
    site.push_str("strategimål:\n");
    for g in 1..=4 {
        let _ = writeln!(site, "  - nummer: {g}\n    tekst: Strategimål {g}");
    }
    fs::create_dir_all(out)?;
    fs::write(out.join("site.yaml"), site)?;
    for plan in PLANS {
        fs::create_dir_all(out.join("content/indsatser").join(plan))?;
    }
    for i in 0..n {
        let plan = PLANS[i % PLANS.len()];
        let title = format!("{} {}", rng.pick(titles), i + 1);
        let slug = indsats::testing::slugify(&title);
        // Drawn in the order the corpus has always drawn them, so that it stays the same.
        let theme = *rng.pick(themes);
        let status = *rng.pick(&STATUSES);
        let purpose = rng.pick(sentences).as_str();
        let goals = (1 + rng.below(2), 3 + rng.below(2));
        let actor = [
            "Jobcentret",
            "Skoleafdelingen",
            "Foreningerne",
            "Ældre- og Handicapafdelingen",
        ][rng.below(4)];
        let order = i / PLANS.len() + 1;
        let participants = 10 + rng.below(200);
        let mut doc = String::with_capacity(5000);
        let _ = writeln!(doc, "---\ntitel: '{}'", title.replace('\'', "''"));
        let _ = writeln!(doc, "tema: {theme}");
        let _ = writeln!(doc, "status: {status}");
        let _ = writeln!(doc, "formål: '{}'", purpose.replace('\'', "''"));
        let _ = writeln!(doc, "strategimål: [{}, {}]", goals.0, goals.1);
        let _ = writeln!(doc, "aktører:\n  - Sundhedscenteret\n  - {actor}");
        let _ = writeln!(doc, "tidsplan: Hele perioden\nrækkefølge: {order}");
        let _ = writeln!(
            doc,
            "nøgletal:\n  - label: Deltagere\n    værdi: {participants}\n    enhed: borgere"
        );
        doc.push_str("---\n");
        let body_start = doc.len();
        doc.push_str("## Indsats\n\n");
        let target = match shape {
            Shape::Mixed => 2000 + rng.below(3000),
            // About 4 KB of body, whatever the front matter's length.
            Shape::TextHeavy => body_start + 3600 + rng.below(800),
        };
        let mut section = 0;
        while doc.len() < target {
            doc.push_str(rng.pick(sentences).as_str());
            doc.push(' ');
            if rng.below(4) == 0 {
                doc.push_str("\n\n");
            }
            if section == 0 && doc.len() > target / 2 {
                doc.push_str("\n\n## Status\n\n");
                section = 1;
            }
        }
        doc.push('\n');
        if let Some(h) = hugo {
            let (first, last) = plan.split_once('-').unwrap_or((plan, plan));
            let mut twin = String::with_capacity(doc.len() + 200);
            let _ = writeln!(twin, "---\ntitle: {}", yq(&title));
            let _ = writeln!(twin, "tema: [{}]", yq(theme));
            let _ = writeln!(twin, "aar: [{first}, {last}]");
            let _ = writeln!(twin, "handleplan: ['{plan}']");
            let _ = writeln!(twin, "status: {status}");
            let _ = writeln!(twin, "summary: {}", yq(purpose));
            let _ = writeln!(twin, "strategimaal: [{}, {}]", goals.0, goals.1);
            let _ = writeln!(twin, "aktoerer: [Sundhedscenteret, {}]", yq(actor));
            let _ = writeln!(twin, "tidsplan: Hele perioden\nweight: {order}");
            let _ = writeln!(
                twin,
                "noegletal:\n  - label: Deltagere\n    vaerdi: {participants}\n    enhed: borgere"
            );
            twin.push_str("---\n");
            twin.push_str(&doc[body_start..]);
            fs::write(
                h.dir
                    .join("content/indsatser")
                    .join(plan)
                    .join(format!("{slug}.md")),
                twin,
            )?;
        }
        fs::write(
            out.join("content/indsatser")
                .join(plan)
                .join(format!("{slug}.md")),
            doc,
        )?;
    }
    fs::create_dir_all(out.join("content/nyheder"))?;
    fs::create_dir_all(out.join("content/sider"))?;
    for k in 1..=5 {
        let body = (0..6)
            .map(|_| rng.pick(sentences).as_str())
            .collect::<Vec<_>>()
            .join(" ");
        fs::write(
            out.join(format!("content/nyheder/2022-0{k}-01-nyhed-{k}.md")),
            format!("---\ntitel: Nyhed {k}\ndato: 2022-0{k}-01\n---\n{body}\n"),
        )?;
        if let Some(h) = hugo {
            fs::write(
                h.dir
                    .join(format!("content/nyheder/2022-0{k}-01-nyhed-{k}.md")),
                format!(
                    "---\ntitle: Nyhed {k}\ndate: 2022-0{k}-01\nslug: nyhed-{k}\n---\n{body}\n"
                ),
            )?;
        }
    }
    for name in ["om", "tilgaengelighed"] {
        let body = (0..10)
            .map(|_| rng.pick(sentences).as_str())
            .collect::<Vec<_>>()
            .join(" ");
        fs::write(
            out.join(format!("content/sider/{name}.md")),
            format!("---\ntitel: Side {name}\n---\n{body}\n"),
        )?;
        if let Some(h) = hugo {
            // indsats puts content/sider/NAME.md at /NAME/; in Hugo that is content/NAME.md.
            fs::write(
                h.dir.join(format!("content/{name}.md")),
                format!("---\ntitle: Side {name}\n---\n{body}\n"),
            )?;
        }
    }
    Ok(())
}

/// Copies the Hugo config and layouts (every file under `from`, e.g. `bench/hugo/`) to `to`.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    if !from.join("hugo.toml").is_file() {
        return Err(std::io::Error::other(format!(
            "{} has no hugo.toml (the Hugo twin's config and layouts)",
            from.display()
        )));
    }
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(from).expect("under from");
        let dst = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dst)?;
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &dst)?;
        }
    }
    Ok(())
}

/// The text of every shipped initiative file, read once for both samples below.
fn shipped_texts(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter_map(|e| fs::read_to_string(e.path()).ok())
        .collect()
}

/// Every sentence of the shipped initiatives' bodies.
fn sample_sentences(texts: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for text in texts {
        let body = text.splitn(3, "---").nth(2).unwrap_or("");
        for line in body
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("[^") && l.len() > 40)
        {
            for s in line.split_inclusive(". ") {
                let s = s.trim().trim_start_matches("- ");
                if s.len() > 30 {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

fn sample_titles(texts: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for text in texts {
        if let Some(t) = text.lines().find_map(|l| l.strip_prefix("titel: ")) {
            out.push(t.trim_matches('"').replace(['„', '“', '"', ':'], ""));
        }
    }
    out
}
