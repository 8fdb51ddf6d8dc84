//! The disk side of loading: a file read as UTF-8 text (BOM dropped, line ends made `\n`),
//! and what went wrong when a file or folder could not be read or walked into (a broken or
//! circular link, no access, not UTF-8), in the editor's words.

use super::relative;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Why a folder or file under `content/` could not be walked into, in the editor's words.
pub(super) fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err.path().unwrap_or(Path::new(crate::layout::CONTENT));
    let rel = relative(root, path);
    if err.loop_ancestor().is_some() {
        return Diagnostic::error(
            rel,
            "mappen er en genvej (symlink), der peger tilbage på en mappe over den",
        )
        .hint("slet genvejen, eller lad den pege på en mappe uden for content/");
    }
    match broken_link(path) {
        Some(BrokenLink::Loop) => {
            Diagnostic::error(rel, "filen er en genvej (symlink), der peger i ring")
                .hint("slet genvejen, eller lad den pege på en rigtig fil")
        }
        Some(BrokenLink::Dangling) => Diagnostic::error(
            rel,
            "filen er en genvej (symlink) til noget, der ikke findes",
        )
        .hint("slet genvejen, eller lad den pege på en fil, der findes"),
        None => {
            let reason = err.io_error().map_or("læsefejl", io_reason);
            Diagnostic::error(
                rel,
                format!("mappen eller filen kunne ikke læses ({reason})"),
            )
            .hint("tjek at filen findes og at du har adgang til den")
        }
    }
}

enum BrokenLink {
    Loop,
    Dangling,
}

/// Follows a chain of symlinks by hand to tell a ring of links from a link to nothing.
fn broken_link(path: &Path) -> Option<BrokenLink> {
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link(path) || std::fs::metadata(path).is_ok() {
        return None;
    }
    let mut seen = Vec::new();
    let mut at = path.to_path_buf();
    while is_link(&at) {
        if seen.contains(&at) || seen.len() > 64 {
            return Some(BrokenLink::Loop);
        }
        seen.push(at.clone());
        let target = std::fs::read_link(&at).ok()?;
        at = at.parent().unwrap_or(Path::new("")).join(target);
    }
    Some(BrokenLink::Dangling)
}
/// Reads a file as UTF-8 text without a BOM and with `\n` line ends.
pub(crate) fn read_text(path: &Path, rel: &Path) -> Result<String, Box<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(
            Diagnostic::error(rel, format!("filen kunne ikke læses ({})", io_reason(&e)))
                .hint("tjek at filen findes og at du har adgang til den"),
        )
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(if s.contains('\r') {
            s.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            s.to_string()
        }),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = valid
                .rsplit(|&b| b == b'\n')
                .next()
                .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
                + 1;
            let lossy = String::from_utf8_lossy(bytes);
            Err(Box::new(
                Diagnostic::error(
                    rel,
                    "filen indeholder tegn, der ikke er UTF-8 (fx fra et gammelt tekstprogram)",
                )
                .at(&lossy, line, col)
                .hint("gem filen igen som UTF-8, og skriv æ, ø og å om, hvis de ser forkerte ud"),
            ))
        }
    }
}

fn io_reason(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "den findes ikke længere",
        std::io::ErrorKind::PermissionDenied => "ingen adgang",
        _ => "læsefejl",
    }
}
