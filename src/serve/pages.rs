//! The pages `serve` makes itself, from its templates (`templates/*.html`, compiled into the
//! binary, rendered as the site's pages are): the page shown while nothing has built yet,
//! and the private file `--open` hands the browser. The editor's pages are the editor's.

use minijinja::{context, Environment, Value};
use std::sync::OnceLock;

const TEMPLATES: &[(&str, &str)] = &[
    ("not_built.html", include_str!("templates/not_built.html")),
    ("open.html", include_str!("templates/open.html")),
];

fn render(name: &str, ctx: Value) -> String {
    static ENV: OnceLock<Option<Environment<'static>>> = OnceLock::new();
    let env = ENV.get_or_init(|| crate::render::embedded_environment(TEMPLATES).ok());
    let rendered = env
        .as_ref()
        .ok_or_else(|| "the templates do not compile".to_string())
        .and_then(|env| {
            env.get_template(name)
                .and_then(|t| t.render(ctx))
                .map_err(|e| format!("{e:#}"))
        });
    rendered.unwrap_or_else(|e| format!("Siden kunne ikke vises (fejl i skabelonen {name}: {e})."))
}

/// Every page while nothing has built yet: `overlay` (the build's errors, as HTML) and the
/// reload script, so that the page reloads once a save builds.
pub(super) fn not_built(overlay: &str) -> String {
    render(
        "not_built.html",
        context! {
            overlay => Value::from_safe_string(overlay.to_string()),
            script => Value::from_safe_string(super::reload::SCRIPT.to_string()),
        },
    )
}

/// The page that sends the browser on to `address` (the editor's, with its key).
pub(super) fn open(address: &str) -> String {
    render("open.html", context! { address })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_render() {
        let page = not_built("<p>Fejl</p>");
        let first = TEMPLATES[0].1.lines().find(|l| l.starts_with("<!"));
        assert!(first.is_some_and(|l| page.starts_with(l)), "{page}");
        assert!(page.contains("<main><p>Fejl</p></main>"), "{page}");
        assert!(page.contains("new EventSource("), "{page}");
        let page = open("http://127.0.0.1:8001/_rediger/?adgang=a&b");
        assert!(
            page.contains("content=\"0;url=http://127.0.0.1:8001/_rediger/?adgang=a&amp;b\""),
            "{page}"
        );
    }
}
