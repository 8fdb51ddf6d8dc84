//! The default theme, compiled into the binary so that `indsats build` works on a site
//! folder without its own `themes/default/`. The files themselves live in the repository's
//! `themes/default/`; a site that has that folder uses it from disk instead.

/// (template name, source)
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "az.html",
        include_str!("../../themes/default/templates/az.html"),
    ),
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "data.html",
        include_str!("../../themes/default/templates/data.html"),
    ),
    (
        "ended.html",
        include_str!("../../themes/default/templates/ended.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "initiative.html",
        include_str!("../../themes/default/templates/initiative.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "offer.html",
        include_str!("../../themes/default/templates/offer.html"),
    ),
    (
        "offers.html",
        include_str!("../../themes/default/templates/offers.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "plan.html",
        include_str!("../../themes/default/templates/plan.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "theme.html",
        include_str!("../../themes/default/templates/theme.html"),
    ),
    (
        "update.html",
        include_str!("../../themes/default/templates/update.html"),
    ),
    (
        "updates.html",
        include_str!("../../themes/default/templates/updates.html"),
    ),
    (
        "was.html",
        include_str!("../../themes/default/templates/was.html"),
    ),
    (
        "year.html",
        include_str!("../../themes/default/templates/year.html"),
    ),
];

/// (path under the output folder, bytes)
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "css/print.css",
        include_bytes!("../../themes/default/static/css/print.css"),
    ),
    (
        "css/site.css",
        include_bytes!("../../themes/default/static/css/site.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "js/dates.js",
        include_bytes!("../../themes/default/static/js/dates.js"),
    ),
    (
        "js/search-core.js",
        include_bytes!("../../themes/default/static/js/search-core.js"),
    ),
    (
        "js/search-index.js",
        include_bytes!("../../themes/default/static/js/search-index.js"),
    ),
    (
        "js/search-text.js",
        include_bytes!("../../themes/default/static/js/search-text.js"),
    ),
    (
        "js/search.js",
        include_bytes!("../../themes/default/static/js/search.js"),
    ),
];

#[cfg(test)]
mod tests {
    /// The built-in copy must list every file of `themes/default/` (regenerate the lists when
    /// a file is added there).
    #[test]
    fn embedded_theme_lists_every_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&root)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default()
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = super::TEMPLATES
            .iter()
            .map(|(n, _)| format!("templates/{n}"))
            .chain(super::STATIC.iter().map(|(n, _)| format!("static/{n}")))
            .collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
    }
}
