//! `indsats import <rapport> --plan 2020-2021`: turns a status report in the tab-separated
//! Word export (or the text of its PDF, read by `pdf`) into one draft initiative file per
//! initiative, for an editor to review.
//! `parse` reads the report, `draft` makes the files' text, `markup` converts cell markup and
//! `guess` reads statuses and strategic goals, `review` finds what an editor must look at
//! (names run together, hyphens left from divided words) and `unknown` says what a file that
//! is no report looks like; this module does the I/O: it checks every target before writing
//! any, writes each file atomically, and never overwrites without `force`. It returns what it
//! wrote and what needs a human eye; `main` prints.

pub(crate) mod draft;
pub(crate) mod guess;
pub(crate) mod markup;
pub(crate) mod parse;
pub(crate) mod pdf;
pub(crate) mod review;
pub(crate) mod unknown;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::Plan;
use std::path::{Path, PathBuf};

/// What to import, and where to.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The report (the tab-separated export).
    pub file: PathBuf,
    /// The plan period, e.g. "2020-2021".
    pub plan: String,
    /// The folder the files go into; `content/indsatser/<plan>/` under the root by default.
    pub out: Option<PathBuf>,
    /// Replace files that exist.
    pub force: bool,
    /// Write a draft whose file exists beside it instead (`x-importeret.md`), so that both
    /// can be opened and compared in `serve`'s editor; nothing is replaced.
    pub beside: bool,
}

/// Something in one imported file that an editor must look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The file written, as given to the user (under `--out`).
    pub file: PathBuf,
    pub title: String,
    /// In Danish.
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The files written, in report order.
    pub written: Vec<PathBuf>,
    /// Per-file notes, in report order.
    pub notes: Vec<Note>,
    /// Notes on the report as a whole (a plan period that differs from `--plan`, …).
    pub general: Vec<String>,
    /// The copies kept of the files `force` replaced (`x.md.bak`).
    pub backups: Vec<PathBuf>,
}

/// How to get a file `import` reads, for the error on a file it cannot.
const HOW_TO_EXPORT: &str = "import læser en statusrapport gemt som tekst: åbn rapporten i Word, vælg Filer → Gem som → Almindelig tekst (*.txt) og tegnkodningen UTF-8, så står tabellens celler adskilt af tabulatorer; har du kun PDF'en, så åbn den i Word og gem den på samme måde, eller gem PDF'ens tekst som .txt (den læser import også)";

fn error(
    file: impl Into<PathBuf>,
    msg: impl Into<String>,
    hint: impl Into<String>,
) -> Vec<Diagnostic> {
    vec![Diagnostic::error(file, msg).hint(hint)]
}

/// Reads the report, makes the drafts and writes them. Nothing is written unless every file
/// can be: a file that exists stops the import (unless `force`), and a failed write removes
/// the files this run created.
pub fn run(
    root: &Path,
    config: &SiteConfig,
    opts: &ImportOptions,
) -> Result<ImportReport, Vec<Diagnostic>> {
    let Some(plan) = Plan::parse(&opts.plan) else {
        return Err(error(
            &opts.file,
            format!("\"{}\" er ikke en planperiode", opts.plan),
            "skriv første år-sidste år, fx --plan 2020-2021",
        ));
    };
    let bytes = std::fs::read(&opts.file).map_err(|e| {
        error(
            &opts.file,
            format!("rapporten kan ikke læses: {}", io_reason(&e)),
            "tjek stien til filen",
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        error(
            &opts.file,
            "rapporten er ikke UTF-8-tekst",
            "gem rapporten fra Word som \"Almindelig tekst\" med tegnkodningen UTF-8",
        )
    })?;
    let names: Vec<String> = config
        .themes
        .iter()
        .flat_map(|t| std::iter::once(t.name.clone()).chain(t.aliases.clone()))
        .collect();
    let parsed = if pdf::recognises(&text) {
        pdf::parse(&text, &names)
    } else {
        parse::parse(&text, &names)
    };
    let parsed = parsed.map_err(|msg| {
        let (kind, first) = unknown::describe(&text);
        error(
            &opts.file,
            format!(
                "filen er ikke en statusrapport: teksten ligner {kind} (første linje: \"{first}\"); {msg}"
            ),
            HOW_TO_EXPORT,
        )
    })?;
    let mut general = Vec::new();
    match &parsed.plan {
        Some(p) if *p != plan.to_string() => general.push(format!(
            "rapportens titel nævner planperioden {p}, men --plan er {plan}"
        )),
        _ => {}
    }
    let drafts = draft::drafts(&parsed, config);
    let out = opts.out.clone().unwrap_or_else(|| {
        root.join(crate::layout::CONTENT)
            .join(crate::layout::CONTENT_INITIATIVES)
            .join(plan.to_string())
    });
    let mut targets: Vec<PathBuf> = drafts
        .iter()
        .map(|d| out.join(format!("{}.md", d.slug)))
        .collect();
    if opts.beside {
        for (t, d) in targets.iter_mut().zip(&drafts) {
            if !t.exists() {
                continue;
            }
            let free = (1..1000)
                .map(|n| match n {
                    1 => out.join(format!("{}-importeret.md", d.slug)),
                    n => out.join(format!("{}-importeret-{n}.md", d.slug)),
                })
                .find(|p| !p.exists());
            if let Some(free) = free {
                general.push(format!(
                    "{}.md findes, så kladden er skrevet ved siden af som {}; sammenlign dem i forhåndsvisningen, og slet den ene",
                    d.slug,
                    free.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
                ));
                *t = free;
            }
        }
    }
    if !opts.force {
        refuse_existing(&targets)?;
    }
    let texts: Vec<String> = drafts.iter().map(draft::file_text).collect();
    let backups = if opts.force {
        keep_backups(&targets)?
    } else {
        Vec::new()
    };
    let written = write_all(&out, &targets, &texts, opts.force)?;
    let notes = drafts
        .iter()
        .zip(&targets)
        .flat_map(|(d, t)| {
            d.notes.iter().map(move |m| Note {
                file: t.clone(),
                title: d.title.clone(),
                message: m.clone(),
            })
        })
        .collect();
    Ok(ImportReport {
        written,
        notes,
        general,
        backups,
    })
}

/// Copies each target that exists to a `.bak` beside it (`x.md.bak`, or `x.md.2.bak` when
/// that is taken, …) before `force` replaces it: nothing curated is lost. A copy that cannot
/// be made stops the import before anything is replaced.
fn keep_backups(targets: &[PathBuf]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let mut kept = Vec::new();
    for target in targets.iter().filter(|t| t.is_file()) {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let backup = (1..1000)
            .map(|n| match n {
                1 => target.with_file_name(format!("{name}.bak")),
                n => target.with_file_name(format!("{name}.{n}.bak")),
            })
            .find(|b| !b.exists());
        let copied = backup
            .ok_or_else(|| String::from("for mange .bak-filer"))
            .and_then(|b| {
                std::fs::copy(target, &b)
                    .map(|_| b)
                    .map_err(|e| io_reason(&e))
            });
        match copied {
            Ok(b) => kept.push(b),
            Err(e) => {
                return Err(error(
                    target,
                    format!("der kunne ikke gemmes en kopi af filen, før den erstattes: {e}"),
                    "intet er erstattet; tjek pladsen på disken og adgangen til mappen",
                ))
            }
        }
    }
    Ok(kept)
}

/// Stops the import before anything is written when any target exists.
fn refuse_existing(targets: &[PathBuf]) -> Result<(), Vec<Diagnostic>> {
    let existing: Vec<Diagnostic> = targets
        .iter()
        .filter(|t| t.exists())
        .map(|t| {
            Diagnostic::error(t, "filen findes allerede; import overskriver den ikke").hint(
                "skriv kladderne ved siden af filerne med --ved-siden-af (fx mental-balance-importeret.md), så du kan sammenligne dem i forhåndsvisningen, eller importér til en anden mappe med --out (fx --out kladder/); --force erstatter filerne og gemmer hver gammel fil som .bak ved siden af",
            )
        })
        .collect();
    if existing.is_empty() {
        Ok(())
    } else {
        Err(existing)
    }
}

/// Writes every file into `out`; when one fails, the files this run created are removed
/// again (files it replaced under `force` cannot be brought back, and are said to be kept).
fn write_all(
    out: &Path,
    targets: &[PathBuf],
    texts: &[String],
    force: bool,
) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    std::fs::create_dir_all(out).map_err(|e| {
        error(
            out,
            format!("mappen kunne ikke oprettes: {}", io_reason(&e)),
            "tjek at du har adgang til mappen",
        )
    })?;
    let mut written: Vec<PathBuf> = Vec::new();
    for (target, text) in targets.iter().zip(texts) {
        if let Err(e) = write_atomically(target, text, force) {
            if !force {
                for w in &written {
                    let _ = std::fs::remove_file(w);
                }
            }
            let undone = if force {
                "filer, der allerede var skrevet, er bevaret"
            } else {
                "de filer, importen havde skrevet, er fjernet igen"
            };
            return Err(error(
                target,
                format!("filen kunne ikke skrives: {e}"),
                format!("{undone}; tjek pladsen på disken og adgangen til mappen"),
            ));
        }
        written.push(target.clone());
    }
    Ok(written)
}

/// Writes `text` to a temporary file beside `target`, then moves it into place in one step:
/// a reader never sees half a file. Without `replace`, the move fails if `target` exists.
fn write_atomically(target: &Path, text: &str, replace: bool) -> Result<(), String> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text).map_err(|e| io_reason(&e))?;
    let moved = if replace {
        std::fs::rename(&tmp, target).map_err(|e| io_reason(&e))
    } else {
        // A hard link never replaces an existing file, so a file that appeared since the
        // check is left alone.
        match std::fs::hard_link(&tmp, target) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err("filen findes allerede".to_string())
            }
            // Some file systems (network shares, FAT) have no hard links.
            Err(_) if !target.exists() => std::fs::rename(&tmp, target).map_err(|e| io_reason(&e)),
            Err(e) => Err(io_reason(&e)),
        }
    };
    let _ = std::fs::remove_file(&tmp);
    moved
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "filen findes ikke".into(),
        std::io::ErrorKind::PermissionDenied => "adgang nægtet".into(),
        _ => e.to_string(),
    }
}
