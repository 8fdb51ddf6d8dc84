//! What a file under `content/` is, by where it lies and what it is called: an initiative
//! of a plan period, an update, a plain page, an asset, or something to skip (hidden files,
//! editors' temporary files, `content/README.md`). A file name that cannot be a web address
//! is refused with a free name to rename it to.

use super::page::PageKind;
use crate::diagnostics::Diagnostic;
use crate::layout::{CONTENT_INITIATIVES, CONTENT_OFFERS, CONTENT_PAGES, CONTENT_UPDATES};
use crate::model::Plan;
use std::path::Path;

/// What a file in `content/` is, by where it lies.
pub(super) enum Placed {
    Initiative(Plan, String),
    Page(PageKind, String),
    /// An offer, `content/tilbud/<slug>.md`.
    Offer(String),
    Asset,
    Skip,
}
/// Decides what a file is from its path relative to the root (`content/…`).
pub(super) fn classify(rel: &Path, path: &Path) -> Result<Placed, Diagnostic> {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let name = parts.last().map(String::as_str).unwrap_or("");
    if parts.iter().any(|p| crate::layout::is_skipped(p)) || crate::layout::is_editor_temp(name) {
        return Ok(Placed::Skip);
    }
    let parts: Vec<&str> = parts.iter().skip(1).map(String::as_str).collect();
    // content/README.md holds the editors' own notes on the content; it is not a page.
    if parts.len() == 1 && name.eq_ignore_ascii_case("README.md") {
        return Ok(Placed::Skip);
    }
    if parts.first() == Some(&crate::layout::IMAGES) {
        return Ok(Placed::Asset);
    }
    let Some(stem) = name.strip_suffix(".md") else {
        return Err(
            Diagnostic::warning(rel, "filen er ikke en .md-fil og bliver ikke brugt")
                .hint("læg billeder og andre filer i content/billeder/"),
        );
    };
    let slug = check_slug(rel, path, stem, parts.first() == Some(&CONTENT_PAGES))?;
    match parts.as_slice() {
        [CONTENT_INITIATIVES, plan, _] => match Plan::parse(plan) {
            Some(p) => Ok(Placed::Initiative(p, slug)),
            None => Err(Diagnostic::error(rel, format!("mappen \"{plan}\" er ikke en planperiode")).hint("planmapper hedder første år-sidste år, fx content/indsatser/2020-2021/")),
        },
        [CONTENT_UPDATES, _] => Ok(Placed::Page(PageKind::Update, strip_date(&slug).to_string())),
        [CONTENT_PAGES, _] => Ok(Placed::Page(PageKind::Plain, slug)),
        [CONTENT_OFFERS, _] => Ok(Placed::Offer(slug)),
        _ => Err(Diagnostic::error(rel, "filen ligger i en mappe, indsats ikke kender").hint("læg indsatser i content/indsatser/<planperiode>/, nyheder i content/nyheder/, tilbud i content/tilbud/ og sider i content/sider/")),
    }
}

fn check_slug(rel: &Path, path: &Path, stem: &str, page: bool) -> Result<String, Diagnostic> {
    if crate::text::slug::is_slug(stem) {
        return Ok(stem.to_string());
    }
    let suggestion = crate::text::slug::slugify(stem);
    // The folded name may be taken already (røgfri.md next to roegfri.md), or be an address
    // the portal uses itself (søg.md → /soeg/): then suggest one that is free.
    let siblings: Vec<String> = path
        .parent()
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let taken = |name: &str| siblings.iter().any(|s| s == &format!("{name}.md"));
    let hint = if suggestion.is_empty() {
        "giv filen et navn med små bogstaver a-z, tal og bindestreg, fx mental-balance.md"
            .to_string()
    } else if page && crate::layout::is_reserved(&suggestion) {
        format!("omdøb filen til om-{suggestion}.md (/{suggestion}/ bruges af portalen selv)")
    } else if taken(&suggestion) {
        let free = (2..)
            .map(|n| format!("{suggestion}-{n}"))
            .find(|name| !taken(name))
            .unwrap_or_default();
        format!("omdøb filen til {free}.md ({suggestion}.md findes allerede)")
    } else {
        format!("omdøb filen til {suggestion}.md")
    };
    Err(Diagnostic::error(
        rel,
        format!("filnavnet \"{stem}.md\" kan ikke bruges i en webadresse"),
    )
    .hint(hint))
}

/// `2021-04-27-roegfri-arbejdstid` → `roegfri-arbejdstid`: the date is in `dato`, not the URL.
fn strip_date(stem: &str) -> &str {
    match stem.get(..11) {
        Some(prefix)
            if prefix.ends_with('-')
                && crate::model::Date::parse(&prefix[..10]).is_some()
                && stem.len() > 11 =>
        {
            &stem[11..]
        }
        _ => stem,
    }
}
