//! The overview's forms that make files: a new initiative and an initiative carried into the
//! next plan period are made by `new::run`, the very code of `indsats new` (`--fra`), so they
//! are the same files; a new update is a draft with a title and today's date. Each leads on to
//! the new file's form; a problem comes back to the overview in Danish, with nothing made.

use super::overview;
use super::sources::Reader;
use super::Reply;
use std::path::Path;

/// To the form of the file just made.
fn to_form(rel: &Path) -> Reply {
    Reply::go(format!(
        "{}{}",
        super::PREFIX,
        crate::diagnostics::display_path(rel)
    ))
}

/// The overview again, saying what went wrong.
fn refused(root: &Path, reader: &Reader, token: &str, why: String) -> Reply {
    let filter = overview::Filter {
        words: String::new(),
        status: String::new(),
    };
    let mut reply = overview::page(root, reader, &filter, token, Some(&why), None);
    reply.status = 422;
    reply
}

fn said(d: &[crate::diagnostics::Diagnostic]) -> String {
    d.iter()
        .map(|d| match &d.hint {
            Some(h) => format!("{}: {h}", d.message),
            None => d.message.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the file `rel` would be made inside `content/` on the disk: its nearest folder that
/// exists is there, links followed (a folder linked to elsewhere is not).
fn inside_content(root: &Path, rel: &str) -> bool {
    let Ok(content) = root.join(crate::layout::CONTENT).canonicalize() else {
        return false;
    };
    let mut at = root.join(rel);
    while !at.exists() {
        match at.parent() {
            Some(p) => at = p.to_path_buf(),
            None => return false,
        }
    }
    at.canonicalize().is_ok_and(|p| p.starts_with(&content))
}

const OUTSIDE: &str = "Filen ville komme til at ligge uden for mappen content/ (mappen er et link til et andet sted), så intet er lavet.";

/// `indsats new <periode>/<slug of titel> --tema <tema> --titel <titel>`.
pub fn initiative(
    root: &Path,
    reader: &Reader,
    token: &str,
    get: &dyn Fn(&str) -> String,
) -> Reply {
    let title = get("titel").trim().to_string();
    if title.is_empty() {
        return refused(
            root,
            reader,
            token,
            "Skriv en titel på den nye indsats.".into(),
        );
    }
    let opts = crate::new::NewOptions {
        target: format!("{}/{}", get("periode"), crate::text::slug::slugify(&title)),
        theme: Some(get("tema")).filter(|t| !t.is_empty()),
        title: Some(title),
        from: None,
    };
    run(root, reader, token, &opts)
}

/// `indsats new <til>/<filnavn> --fra <fra>`.
pub fn carried(root: &Path, reader: &Reader, token: &str, get: &dyn Fn(&str) -> String) -> Reply {
    let opts = crate::new::NewOptions {
        target: format!("{}/{}", get("til"), get("filnavn")),
        theme: None,
        title: None,
        from: Some(get("fra")),
    };
    run(root, reader, token, &opts)
}

fn run(root: &Path, reader: &Reader, token: &str, opts: &crate::new::NewOptions) -> Reply {
    let target = std::path::Path::new(crate::layout::CONTENT)
        .join(crate::layout::CONTENT_INITIATIVES)
        .join(format!("{}.md", opts.target));
    if !inside_content(root, &crate::diagnostics::display_path(&target)) {
        return refused(root, reader, token, OUTSIDE.into());
    }
    let config = match crate::pipeline::load_config(root, None) {
        Ok(c) => c,
        Err(d) => return refused(root, reader, token, said(&d)),
    };
    match crate::new::run(root, &config, opts) {
        Ok(rel) => to_form(&rel),
        Err(d) => refused(root, reader, token, said(&d)),
    }
}

/// A new update, `content/nyheder/<today>-<slug>.md`, as a draft.
pub fn update(root: &Path, reader: &Reader, token: &str, get: &dyn Fn(&str) -> String) -> Reply {
    let title = get("titel").trim().to_string();
    let slug = crate::text::slug::slugify(&title);
    if slug.is_empty() {
        return refused(root, reader, token, "Skriv en titel på nyheden.".into());
    }
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let Some(today) = crate::model::Date::from_unix_days(i64::try_from(days).unwrap_or(0)) else {
        return refused(
            root,
            reader,
            token,
            "Computerens ur står forkert, så nyheden kan ikke dateres.".into(),
        );
    };
    let rel = crate::diagnostics::display_path(&crate::layout::update_source(&today.iso(), &slug));
    if !inside_content(root, &rel) {
        return refused(root, reader, token, OUTSIDE.into());
    }
    // An update's keys (the front-matter writer knows an initiative's).
    let text = format!(
        "---\ntitel: {}\ndato: {}\nresumé: \"\"  # kort tekst til lister; tom = første sætning\nudkast: true  # slet linjen, når nyheden skal vises på siden\n---\nSkriv nyheden her.\n",
        crate::text::yaml_string(&title),
        today.iso()
    );
    let path = root.join(&rel);
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            use std::io::Write;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?
                .write_all(text.as_bytes())
        });
    match written {
        Ok(()) => to_form(Path::new(&rel)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => refused(
            root,
            reader,
            token,
            format!("Der findes allerede en nyhed {rel}; vælg en anden titel, eller ret den."),
        ),
        Err(e) => refused(
            root,
            reader,
            token,
            format!("Nyheden kunne ikke gemmes: {e}."),
        ),
    }
}
