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
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
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
];
