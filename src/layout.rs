//! Where things go: every URL the site has and every folder name the generator uses.
//! The rest of the code asks here instead of spelling a path out, so that a URL changes in
//! one place.

use crate::model::{InitiativeId, Plan};

/// Top-level URL segments the generator itself uses; a plain page may not take them.
pub const RESERVED: &[&str] = &[
    "indsatser",
    "alle",
    "tema",
    "aar",
    "handleplan",
    "nyheder",
    "soeg",
    "was",
    "billeder",
    "css",
    "js",
    "data",
    "search",
    "static",
    "404",
    "404.html",
    "sitemap.xml",
    "feed.xml",
];

/// `indsatser/2020-2021/mental-balance/` (relative to the site's base).
pub fn initiative_path(id: &InitiativeId) -> String {
    format!("indsatser/{}/{}/", id.plan, id.slug)
}

pub fn theme_path(slug: &str) -> String {
    format!("tema/{slug}/")
}

pub fn year_path(year: u16) -> String {
    format!("aar/{year}/")
}

pub fn plan_path(plan: Plan) -> String {
    format!("handleplan/{plan}/")
}

pub fn update_path(slug: &str) -> String {
    format!("nyheder/{slug}/")
}

/// Page `page` (from 1) of the A–Å list: `alle/`, `alle/2/`, …
pub fn az_path(page: usize) -> String {
    if page <= 1 {
        "alle/".into()
    } else {
        format!("alle/{page}/")
    }
}

pub fn page_path(slug: &str) -> String {
    format!("{slug}/")
}

/// Page `page` (from 1) of the list at `path`: the first page is the list's own address,
/// later ones a numbered folder under it (`tema/tobak/` → `tema/tobak/2/`).
pub fn list_page_path(path: &str, page: usize) -> String {
    if page <= 1 {
        path.to_string()
    } else {
        format!("{path}{page}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_s_later_pages_are_numbered_folders() {
        assert_eq!(list_page_path("tema/tobak/", 1), "tema/tobak/");
        assert_eq!(list_page_path("tema/tobak/", 3), "tema/tobak/3/");
    }
}
