//! The editor's pages from its templates (`templates/*.html`, compiled into the binary, with
//! one stylesheet, `templates/editor.css`), rendered as the site's pages are: the same value
//! formatter and HTML escaping (`render::embedded_environment`). What each page shows is
//! prepared by its module (`page`, `overview`, `manage`, `conflict`); here are the
//! environment, the refusals and the small pages that need no preparing.

use super::Reply;
use minijinja::{Environment, Value};
use serde::Serialize;
use std::sync::OnceLock;

/// (template name, source)
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("bar.html", include_str!("templates/bar.html")),
    ("conflict.html", include_str!("templates/conflict.html")),
    ("delete.html", include_str!("templates/delete.html")),
    ("form.html", include_str!("templates/form.html")),
    ("overview.html", include_str!("templates/overview.html")),
    ("refused.html", include_str!("templates/refused.html")),
    ("rename.html", include_str!("templates/rename.html")),
];

/// The stylesheet every page carries.
const STYLE: &str = include_str!("templates/editor.css");

/// The environment, made once: `None` if a template does not compile (a test catches that).
fn environment() -> Option<&'static Environment<'static>> {
    static ENV: OnceLock<Option<Environment<'static>>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = crate::render::embedded_environment(TEMPLATES).ok()?;
        env.add_global("style", Value::from_safe_string(STYLE.to_string()));
        Some(env)
    })
    .as_ref()
}

/// Renders template `name` with `context`. The templates are the editor's own and tested, so
/// a failure is the program's fault: the answer then says so in a line of plain text rather
/// than taking the request thread down.
pub(super) fn render(name: &str, context: impl Serialize) -> String {
    let rendered = environment()
        .ok_or_else(|| "the editor's templates do not compile".to_string())
        .and_then(|env| {
            env.get_template(name)
                .and_then(|t| t.render(minijinja::Value::from(minijinja::value::Serde(&context))))
                .map_err(|e| format!("{e:#}"))
        });
    rendered.unwrap_or_else(|e| {
        crate::render::html_escape(&format!(
            "Siden kunne ikke vises (fejl i redigeringens skabelon {name}: {e})."
        ))
    })
}

#[derive(Serialize)]
struct Refusal<'a> {
    title: &'a str,
    heading: &'a str,
    why: &'a str,
}

/// A refusal, with its status.
pub fn refused(status: u16, why: &str) -> Reply {
    let title = "Kan ikke redigeres";
    Reply::page(
        status,
        render(
            "refused.html",
            Refusal {
                title,
                heading: title,
                why,
            },
        ),
    )
}

/// The page for a form too large to read whole (413): nothing is saved cut short.
pub fn too_large() -> String {
    render(
        "refused.html",
        Refusal {
            title: "For stor",
            heading: "Formularen er for stor",
            why: "Intet er gemt. Teksten er over 4 MB; ret den i en teksteditor.",
        },
    )
}

/// The page for a fault in the editor (500): the request is answered, the thread goes on.
pub fn fault() -> String {
    render(
        "refused.html",
        Refusal {
            title: "Fejl",
            heading: "Der skete en fejl i redigeringen",
            why: "Intet er gemt. Prøv igen, eller ret filen i en teksteditor.",
        },
    )
}

/// The editor's bar on a preview page (`origin`: the editor's own), with "Rediger denne
/// side" when the page comes from the content file `source`.
pub(super) fn bar(origin: &str, source: Option<&str>) -> String {
    let prefix = crate::layout::EDITOR_PREFIX;
    let html = render(
        "bar.html",
        minijinja::context! {
            edit => source.map(|s| format!("{origin}{prefix}{s}")),
            all => format!("{origin}{prefix}"),
        },
    );
    html.trim_end().to_string()
}

/// The refusal for a file whose front matter YAML cannot read.
pub(super) fn unreadable(rel: &str, e: &crate::yaml::YamlError, offset: usize) -> Reply {
    refused(
        422,
        &format!(
            "Oplysningerne øverst i {rel} kan ikke læses (linje {}: {}). Ret fejlen i filen med en teksteditor først; forhåndsvisningen viser den.",
            e.line + offset,
            e.message
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles() {
        assert!(environment().is_some());
        let env = crate::render::embedded_environment(TEMPLATES);
        assert!(env.is_ok(), "{:?}", env.err());
    }

    #[test]
    fn a_refusal_is_a_whole_page_with_its_reason_escaped() {
        let reply = refused(403, "Nej <tak> & \"farvel\"");
        assert_eq!(reply.status, 403);
        // The page starts as the base template does.
        let first = TEMPLATES[0].1.lines().find(|l| l.starts_with("<!"));
        let start = first.map(|l| format!("{l}\n<html lang=\"da\">"));
        assert!(start.is_some_and(|s| reply.html.starts_with(&s)));
        assert!(reply.html.contains("<title>Kan ikke redigeres</title>"));
        assert!(
            reply
                .html
                .contains("<p>Nej &lt;tak&gt; &amp; &quot;farvel&quot;</p>"),
            "{}",
            reply.html
        );
        assert!(reply.html.contains("<style>\n/* The editor's pages"));
        assert!(too_large().contains("<h1>Formularen er for stor</h1>"));
        assert!(fault().contains("<h1>Der skete en fejl i redigeringen</h1>"));
    }

    #[test]
    fn the_bar_links_to_the_file_and_to_all_content() {
        let bar = bar("http://127.0.0.1:8001", Some("content/sider/om.md"));
        assert_eq!(
            bar,
            "<p class=\"indsats-rediger\" style=\"margin:0;padding:.5rem 1rem;background:#fff3cd;border-bottom:2px solid #8a6d00\"><a href=\"http://127.0.0.1:8001/_rediger/content/sider/om.md\">Rediger denne side</a> · <a href=\"http://127.0.0.1:8001/_rediger/\">Alt indhold</a> (kun i forhåndsvisningen)</p>"
        );
        assert!(!super::bar("http://x", None).contains("Rediger denne side"));
    }
}
