//! Renaming and deleting content files from the overview, each after a page that asks first.
//! Deleting never removes a file: it is moved to `.papirkurv/` beside `content/` (the same
//! folders below it), which the build and `serve` never read, and the overview lists it there
//! with "Læg tilbage". Renaming changes the file's name (its page's address) within its folder
//! and never replaces another file.

pub use super::route::{DELETE, RENAME, RESTORE};
use super::sources::Reader;
use super::view::{refused, render};
use super::{Reply, PREFIX};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The folder beside `content/` that deleted files are moved to.
pub const TRASH: &str = ".papirkurv";

fn go(to: String) -> Reply {
    Reply::go(to)
}

fn title_of(root: &Path, reader: &Reader, rel: &str) -> String {
    reader.title(root, rel)
}

/// What `delete.html` and `rename.html` are given.
#[derive(Serialize)]
struct Asking<'a> {
    title: String,
    /// The file's title.
    name: &'a str,
    rel: &'a str,
    action: String,
    token: &'a str,
    prefix: &'static str,
    trash: &'static str,
    /// The file's folder and name without `.md`, for renaming.
    folder: &'a str,
    slug: &'a str,
    problem: Option<&'a str>,
}

/// The page that asks before a file is deleted.
pub fn ask_delete(root: &Path, reader: &Reader, rel: &str, token: &str) -> Reply {
    let title = title_of(root, reader, rel);
    let html = render(
        "delete.html",
        Asking {
            title: format!("Slet {title}?"),
            name: &title,
            rel,
            action: format!("{PREFIX}{DELETE}{rel}"),
            token,
            prefix: PREFIX,
            trash: TRASH,
            folder: "",
            slug: "",
            problem: None,
        },
    );
    Reply::page(200, html)
}

/// The place in the trash for `rel` (`content/x/y.md` → `.papirkurv/x/y.md`), a number put
/// before `.md` when a file of that name was deleted before.
fn trash_place(root: &Path, rel: &str) -> Option<PathBuf> {
    let inner = std::path::Path::new(rel)
        .strip_prefix(crate::layout::CONTENT)
        .ok()?;
    let first = root.join(TRASH).join(inner);
    let stem = first.file_stem()?.to_string_lossy().into_owned();
    (1..1000)
        .map(|n| match n {
            1 => first.clone(),
            n => first.with_file_name(format!("{stem}.{n}.md")),
        })
        .find(|p| !p.exists())
}

/// Moves `rel` to the trash.
pub fn delete(root: &Path, rel: &str) -> Reply {
    let Some(to) = trash_place(root, rel) else {
        return refused(
            500,
            "Papirkurven er fuld af filer med det navn; tøm den først.",
        );
    };
    let moved = to
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::rename(root.join(rel), &to));
    match moved {
        Ok(()) => go(format!("{PREFIX}?slettet={}", esc_query(rel))),
        Err(e) => refused(
            500,
            &format!("Filen kunne ikke flyttes til papirkurven ({e}); intet er slettet."),
        ),
    }
}

/// The files in the trash, as paths relative to it (`indsatser/2020-2021/x.md`), sorted.
pub fn trashed(root: &Path) -> Vec<String> {
    let base = root.join(TRASH);
    let mut out = Vec::new();
    let mut dirs = vec![base.clone()];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                dirs.push(e.path());
            } else if kind.is_file() && e.file_name().to_string_lossy().ends_with(".md") {
                if let Ok(rel) = e.path().strip_prefix(&base) {
                    out.push(crate::diagnostics::display_path(rel));
                }
            }
        }
    }
    out.sort();
    out
}

/// The answer for a name that is not in the trash.
pub fn not_in_trash() -> Reply {
    refused(404, "Der er ingen fil i papirkurven med det navn.")
}

/// Puts a file from the trash (`inner`, as `trashed` names it) back where it was, unless a
/// file is there now.
pub fn restore(root: &Path, inner: &str) -> Reply {
    let Ok(clean) = crate::layout::clean_path(&format!("/{inner}")) else {
        return not_in_trash();
    };
    if clean != inner || !trashed(root).contains(&clean) {
        return not_in_trash();
    }
    // `x.2.md` was the second `x.md` deleted: it goes back as `x.md`.
    let (folder, name) = clean.rsplit_once('/').unwrap_or(("", clean.as_str()));
    let original = match name.strip_suffix(".md").and_then(|s| s.rsplit_once('.')) {
        Some((stem, n)) if n.chars().all(|c| c.is_ascii_digit()) => {
            format!("{folder}/{stem}.md")
        }
        _ => clean.clone(),
    };
    let rel = format!("{}/{original}", crate::layout::CONTENT);
    if crate::content::page_path_of(Path::new(&rel)).is_none() {
        return refused(
            422,
            "Filen hører ikke til portalens indhold og kan ikke lægges tilbage herfra.",
        );
    }
    let target = root.join(&rel);
    if target.exists() {
        return refused(
            409,
            &format!("Der ligger allerede en fil {rel}; omdøb den først, så intet overskrives."),
        );
    }
    let moved = target
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::rename(root.join(TRASH).join(&clean), &target));
    match moved {
        Ok(()) => go(format!("{PREFIX}{rel}")),
        Err(e) => refused(500, &format!("Filen kunne ikke lægges tilbage ({e}).")),
    }
}

/// The page that asks for a file's new name.
pub fn ask_rename(
    root: &Path,
    reader: &Reader,
    rel: &str,
    token: &str,
    problem: Option<&str>,
) -> Reply {
    let title = title_of(root, reader, rel);
    let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let html = render(
        "rename.html",
        Asking {
            title: format!("Omdøb {title}"),
            name: &title,
            rel,
            action: format!("{PREFIX}{RENAME}{rel}"),
            token,
            prefix: PREFIX,
            trash: TRASH,
            folder,
            slug: name.trim_end_matches(".md"),
            problem,
        },
    );
    Reply::page(if problem.is_some() { 422 } else { 200 }, html)
}

/// Renames `rel` to `navn` in its folder; never over another file.
pub fn rename(root: &Path, reader: &Reader, rel: &str, token: &str, name: &str) -> Reply {
    let slug = name.trim().trim_end_matches(".md");
    if !crate::text::slug::is_slug(slug) {
        return ask_rename(
            root,
            reader,
            rel,
            token,
            Some("Skriv filnavnet med små bogstaver, tal og bindestreger, fx rygestop-for-unge."),
        );
    }
    let (dir, _) = rel.rsplit_once('/').unwrap_or(("", rel));
    let new_rel = format!("{dir}/{slug}.md");
    if new_rel == rel {
        return go(format!("{PREFIX}{rel}"));
    }
    let target = root.join(&new_rel);
    // A hard link never replaces a file that is there; then the old name goes.
    let linked = std::fs::hard_link(root.join(rel), &target).or_else(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists || target.exists() {
            Err(e)
        } else {
            std::fs::rename(root.join(rel), &target)
        }
    });
    match linked {
        Ok(()) => {
            if root.join(rel).exists() {
                let _ = std::fs::remove_file(root.join(rel));
            }
            go(format!("{PREFIX}{new_rel}"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => ask_rename(
            root,
            reader,
            rel,
            token,
            Some(&format!(
                "Der findes allerede en fil {new_rel}; vælg et andet navn."
            )),
        ),
        Err(e) => refused(
            500,
            &format!("Filen kunne ikke omdøbes ({e}); intet er ændret."),
        ),
    }
}

/// A path for a query value: only `/`, `-`, `.`, letters and digits pass.
fn esc_query(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'/' | b'_' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
