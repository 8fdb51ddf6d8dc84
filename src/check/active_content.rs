//! Files under `content/` that could run a script in a browser: an SVG or HTML file holding
//! `<script>`, an event attribute (`onload=`) or a `javascript:` address. The site copies
//! such a file as it is; a browser that opens it runs what is in it, with the site's origin
//! (`serve` sandboxes it; a static host does not). `check` warns at the line; nothing here
//! changes a file.

use crate::diagnostics::{self, Diagnostic};
use std::path::{Path, PathBuf};

/// The kinds of file a browser runs scripts in.
const ACTIVE: &[&str] = &["svg", "html", "htm", "xhtml", "xml"];

/// A warning for the first script-like text in each such file under `content/`.
pub fn warnings(root: &Path) -> Vec<Diagnostic> {
    let mut files = Vec::new();
    walk(&root.join(crate::layout::CONTENT), &mut files);
    files.sort();
    files
        .iter()
        .filter_map(|path| {
            let text = String::from_utf8_lossy(&std::fs::read(path).ok()?).into_owned();
            let (line, column, what) = script_in(&text)?;
            let rel = path.strip_prefix(root).unwrap_or(path);
            Some(
                Diagnostic::warning(
                    diagnostics::display_path(rel),
                    format!("filen indeholder {what}, som en browser kører, når filen åbnes"),
                )
                .at(&text, line, column)
                .hint("fjern det, eller gem filen igen uden scripts (fx som PNG); portalen viser filen, som den er".to_string()),
            )
        })
        .collect()
}

/// The files of the active kinds under `dir`, hidden ones and links out left alone.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = e.file_type() else { continue };
        let path = e.path();
        if kind.is_dir() {
            walk(&path, out);
        } else if kind.is_file() {
            let ext = name.rsplit_once('.').map(|(_, x)| x.to_ascii_lowercase());
            if ext.is_some_and(|x| ACTIVE.contains(&x.as_str())) {
                out.push(path);
            }
        }
    }
}

/// The 1-based line and column (in characters) of the first script-like text, and what it is.
fn script_in(text: &str) -> Option<(usize, usize, &'static str)> {
    for (i, line) in text.lines().enumerate() {
        let lower = line.to_lowercase();
        let found = [
            ("<script", "et script (<script>)"),
            ("javascript:", "en javascript:-adresse"),
        ]
        .iter()
        .filter_map(|(needle, what)| lower.find(needle).map(|at| (at, *what)))
        .chain(event_attribute(&lower).map(|at| (at, "en hændelse, der kører et script (on…=)")))
        .min_by_key(|(at, _)| *at);
        if let Some((at, what)) = found {
            let column = lower[..at].chars().count() + 1;
            return Some((i + 1, column, what));
        }
    }
    None
}

/// Where an event attribute (` onload=`, ` onclick =`) starts in a lower-cased line.
fn event_attribute(lower: &str) -> Option<usize> {
    let bytes = lower.as_bytes();
    lower.match_indices("on").map(|(at, _)| at).find(|&at| {
        let before_ok = at > 0 && matches!(bytes[at - 1], b' ' | b'\t' | b'/' | b'"' | b'\'');
        let name_end = lower[at + 2..]
            .find(|c: char| !c.is_ascii_lowercase())
            .map_or(lower.len(), |n| at + 2 + n);
        let named = name_end > at + 2;
        let rest = lower[name_end..].trim_start();
        before_ok && named && rest.starts_with('=')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_found_where_they_are() {
        assert_eq!(
            script_in("<svg>\n  <script>alert(1)</script>\n</svg>"),
            Some((2, 3, "et script (<script>)"))
        );
        assert_eq!(
            script_in("<svg onload=\"x()\">").map(|(l, c, _)| (l, c)),
            Some((1, 6))
        );
        assert_eq!(
            script_in("<a href=\"JavaScript:x\">").map(|(l, c, _)| (l, c)),
            Some((1, 10))
        );
        assert_eq!(script_in("<svg><text>Deltagere online</text></svg>"), None);
        assert_eq!(script_in("<svg font=\"one\" data-on=\"x\">"), None);
    }
}
