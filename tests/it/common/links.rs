//! Checks a built site: every internal link, image, stylesheet and script reference in every
//! HTML file must lead to a file in the output. Works on the files on disk, the way a static
//! host will serve them, at whatever base path the site was built for.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A reference that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BrokenLink {
    /// The page holding the reference, relative to the output folder.
    pub page: String,
    pub target: String,
}

/// Checks every `.html` file under `out`. `base` is the site's path prefix (`/` or
/// `/sundhed/`) or its whole address (`https://example.dk/sundhed/`): then links written with
/// the site's own host are checked like any other; absolute URLs on other hosts are not
/// followed. Fragment targets (`#id`) are checked against the ids of the target page.
pub fn check(out: &Path, base: &str) -> Vec<BrokenLink> {
    let (origin, base_path) = match base.find("://") {
        Some(i) => {
            let path_at = base[i + 3..].find('/').map_or(base.len(), |j| i + 3 + j);
            (Some(&base[..path_at]), &base[path_at..])
        }
        None => (None, base),
    };
    let base_path = if base_path.is_empty() { "/" } else { base_path };
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    let mut broken = BTreeSet::new();
    for page in &pages {
        let Ok(html) = std::fs::read_to_string(page) else {
            continue;
        };
        let rel = page
            .strip_prefix(out)
            .unwrap_or(page)
            .to_string_lossy()
            .replace('\\', "/");
        let page_dir = format!("{base_path}{}", rel.rsplit_once('/').map_or("", |(d, _)| d));
        for target in references(&html) {
            // A link with the site's own address is checked as the path it names.
            let own = origin
                .filter(|o| target.len() > o.len() && target[..o.len()].eq_ignore_ascii_case(o))
                .map(|o| &target[o.len()..])
                .filter(|path| path.starts_with('/'));
            let resolved = resolve(out, base_path, &page_dir, own.unwrap_or(&target), &html);
            if let Some(missing) = resolved.map(|m| if own.is_some() { target.clone() } else { m })
            {
                broken.insert(BrokenLink {
                    page: rel.clone(),
                    target: missing,
                });
            }
        }
    }
    broken.into_iter().collect()
}

/// Values of `href`, `src` and `action` attributes (and `content` of a meta refresh).
pub fn references(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\"", "action=\"", "url="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let before = rest[..i].chars().last();
            rest = &rest[i + attr.len()..];
            if attr != "url=" && !matches!(before, Some(' ' | '\n' | '\t')) {
                continue;
            }
            let end = rest.find(['"', '>']).unwrap_or(rest.len());
            out.push(decode(&rest[..end]));
        }
    }
    out
}

fn decode(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// `None` when `target` is fine (or not ours to check); else what is missing.
fn resolve(
    out: &Path,
    base_path: &str,
    page_dir: &str,
    target: &str,
    page_html: &str,
) -> Option<String> {
    let t = target.trim();
    if t.is_empty() {
        return Some("(tom adresse)".into());
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("//")
    {
        return None;
    }
    if lower.starts_with("javascript:") || lower.starts_with("data:") {
        return Some(t.to_string());
    }
    let (path, fragment) = match t.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (t, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let absolute = if path.is_empty() {
        None
    } else if path.starts_with('/') {
        Some(path.to_string())
    } else {
        Some(format!("{page_dir}/{path}"))
    };
    let html_of_target: Option<String> = match &absolute {
        None => Some(page_html.to_string()),
        Some(abs) => {
            let Some(inside) = abs
                .strip_prefix(base_path)
                .or_else(|| (abs.as_str() == base_path.trim_end_matches('/')).then_some(""))
            else {
                return Some(t.to_string());
            };
            let inside = indsats::testing::percent_decode_lossy(inside);
            // Resolved by its text, never on the disk: a `..` above the output's top leaves
            // the site, whatever lies beside it.
            let mut segments: Vec<&str> = Vec::new();
            for seg in inside.split('/').filter(|s| !s.is_empty() && *s != ".") {
                if seg == ".." {
                    if segments.pop().is_none() {
                        return Some(t.to_string());
                    }
                } else {
                    segments.push(seg);
                }
            }
            let mut file = out.to_path_buf();
            file.extend(&segments);
            if file.is_dir() {
                file.push("index.html");
            }
            if !file.is_file() {
                return Some(t.to_string());
            }
            if fragment.is_some() {
                std::fs::read_to_string(&file).ok()
            } else {
                None
            }
        }
    };
    match (fragment, html_of_target) {
        (Some(f), Some(html)) if !f.is_empty() => {
            let f = indsats::testing::percent_decode_lossy(f);
            let has =
                html.contains(&format!(" id=\"{f}\"")) || html.contains(&format!(" name=\"{f}\""));
            (!has).then(|| t.to_string())
        }
        _ => None,
    }
}
