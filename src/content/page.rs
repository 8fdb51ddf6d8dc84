//! Reads plain pages (`content/sider/*.md`) and updates (`content/nyheder/*.md`): a title,
//! dates, an optional summary and a Markdown body.

use crate::diagnostics::Diagnostic;
use crate::fields::{key, key_ascii, Fields, KeySpec, Source};
use crate::markdown::Markdown;
use crate::model::{Date, Page};
use serde_yaml::Value;

pub const KEYS: &[KeySpec] = &[
    key("titel"),
    key("dato"),
    key_ascii("resumé", "resume"),
    key("opdateret"),
    key("udkast"),
    super::schedule::KEYS[0],
    super::schedule::KEYS[1],
];

/// Which of the two kinds a file is; updates must be dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Plain,
    Update,
}

pub fn read(
    src: Source,
    slug: String,
    body: &str,
    value: Value,
    kind: PageKind,
    md: &Markdown,
) -> (Option<Page>, Vec<Diagnostic>) {
    let mut f = Fields::new(src, value, KEYS);
    let title = f.required_text("titel", "Røgfri arbejdstid fra 1. januar 2021");
    let date = match kind {
        PageKind::Update if f.take("dato").is_none() => {
            let stem = src
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let example = stem
                .get(..10)
                .filter(|s| Date::parse(s).is_some())
                .unwrap_or("2021-04-27")
                .to_string();
            f.missing("dato", &example);
            None
        }
        _ => f.date("dato"),
    };
    let summary = f.text("resumé");
    let updated = f.date("opdateret");
    let draft = f.boolean("udkast").unwrap_or(false);
    let schedule = super::schedule::read(&mut f);
    let diagnostics = f.finish();
    let Some(title) = title else {
        return (None, diagnostics);
    };
    if diagnostics.iter().any(Diagnostic::is_error) || (kind == PageKind::Update && date.is_none())
    {
        return (None, diagnostics);
    }
    let body = md.render(body, "");
    let page = Page {
        slug,
        source: src.file.to_path_buf(),
        title,
        date,
        updated,
        summary,
        draft,
        schedule,
        body_html: body.html,
        body_text: body.text,
        body_blocks: body.blocks,
    };
    (Some(page), diagnostics)
}
