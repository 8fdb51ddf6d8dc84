//! The A–Å pages (`alle/`, `alle/2/`, …): every initiative in the site's Danish alphabetical
//! order, `PER_PAGE` to a page, each page with an index of first letters (each leading to the
//! page and heading where that letter starts) and a page navigation. Prepares what the
//! template shows; the order itself is `alphabet`'s, the addresses are `site`'s.

use super::paging::{self, Pagination};
use super::views::Views;
use crate::layout;
use crate::site::alphabet::{Alphabetical, LETTERS};
use crate::site::Site;
use crate::text::format_number;
use serde::Serialize;

/// Initiatives on one A–Å page: about 30 KB of HTML, far under the 100 KB a list page may take.
pub const PER_PAGE: usize = 100;

/// How many A–Å pages the site has (one, even with no initiatives).
pub fn page_count(site: &Site) -> usize {
    site.initiatives.len().div_ceil(PER_PAGE).max(1)
}

/// The A–Å page (from 1) that lists initiative `i`.
pub fn page_of(site: &Site, i: usize) -> usize {
    site.alphabetical.position[i] / PER_PAGE + 1
}

/// Everything page `number` of the A–Å list shows besides the site's frame.
#[derive(Debug, Serialize)]
pub struct AzPage<'s> {
    /// The page's title and h1: "Alle indsatser fra A til Å, side 2 af 7".
    pub title: String,
    pub description: String,
    /// What the list holds, in a sentence.
    pub intro: String,
    pub letters: Vec<IndexLetter>,
    pub groups: Vec<Group<'s>>,
    /// None when everything fits on one page.
    pub pagination: Option<Pagination>,
}

/// One letter of the index: a link to where its titles start, or none when it has none.
#[derive(Debug, Serialize)]
pub struct IndexLetter {
    pub letter: &'static str,
    pub url: Option<String>,
}

/// The titles of one letter on this page, under a heading ("B", or "B (fortsat)" when the
/// letter began on the page before). Only the letter's first heading carries its anchor.
#[derive(Debug, Serialize)]
pub struct Group<'s> {
    pub heading: String,
    pub id: Option<String>,
    pub entries: Vec<AzRow<'s>>,
}

#[derive(Debug, Serialize)]
pub struct AzRow<'s> {
    pub title: &'s str,
    pub url: String,
    pub plan: String,
    /// `igangværende`, or for a status that is history `seneste status (april 2021):
    /// igangværende` (`aging`).
    pub status: String,
}

/// An initiative's status in running text: its tag's words, dated when it is history
/// (`seneste status (april 2021): igangværende`).
fn status_words(s: &Site, x: &crate::model::Initiative) -> String {
    let tag =
        super::views::StatusView::new(x.status, &crate::site::aging::ReportAge::of(s, x.id.plan));
    if tag.current {
        x.status.danish().to_string()
    } else {
        let mut chars = tag.label.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    }
}

/// The A–Å pages (from 1) whose list differs between the order `before` and the site's: all
/// of them when a letter starts at another place (each page's letter index says where), else
/// those with a place that now holds another initiative or initial (and the page after it,
/// whose first heading says whether its letter runs on).
pub fn changed_pages(site: &Site, before: &Alphabetical) -> Vec<usize> {
    let now = &site.alphabetical;
    if now.starts != before.starts || now.order.len() != before.order.len() {
        return (1..=page_count(site)).collect();
    }
    let entry = |a: &Alphabetical, place: usize| (a.order[place], a.initial[a.order[place]]);
    let mut pages: Vec<usize> = (0..now.order.len())
        .filter(|&place| entry(now, place) != entry(before, place))
        .flat_map(|place| [place / PER_PAGE + 1, (place + 1) / PER_PAGE + 1])
        .filter(|&page| page <= page_count(site))
        .collect();
    pages.dedup();
    pages
}

/// Page `number` (from 1; a number past the last gives an empty page) of the A–Å list.
pub fn page<'s>(v: &Views<'s>, number: usize) -> AzPage<'s> {
    let s = v.site;
    let total = page_count(s);
    let title = if total > 1 {
        format!("Alle indsatser fra A til Å, side {number} af {total}")
    } else {
        "Alle indsatser fra A til Å".to_string()
    };
    let first = (number.max(1) - 1) * PER_PAGE;
    let last = (first + PER_PAGE).min(s.initiatives.len());
    AzPage {
        description: if total > 1 {
            format!("Alle indsatser i alfabetisk orden efter titel, side {number} af {total}.")
        } else {
            "Alle indsatser i alfabetisk orden efter titel.".to_string()
        },
        title,
        intro: intro(s.initiatives.len(), first, last, total),
        letters: letters(v),
        groups: groups(v, first, last),
        pagination: paging::pagination(number, total, |n| v.url(&layout::az_path(n))),
    }
}

fn intro(count: usize, first: usize, last: usize, total: usize) -> String {
    let all = match count {
        0 => return "Der er ingen indsatser endnu.".to_string(),
        1 => "Her er sidens eneste indsats.".to_string(),
        n => format!(
            "Her er alle {} indsatser fra alle handleplaner i alfabetisk orden efter titel.",
            format_number(n as f64)
        ),
    };
    if total > 1 && first < last {
        format!(
            "{all} Der er {PER_PAGE} på hver side; denne side viser nr. {}-{}.",
            format_number((first + 1) as f64),
            format_number(last as f64)
        )
    } else {
        all
    }
}

/// The anchor of a letter's first heading: `bogstav-a`, `bogstav-ae`, `bogstav-0-9`.
fn anchor(letter: usize) -> String {
    format!("bogstav-{}", crate::text::slug::slugify(LETTERS[letter]))
}

/// The index: every letter A–Å (linked when titles start with it), and "0-9" when any
/// title starts with a digit or a sign.
fn letters(v: &Views) -> Vec<IndexLetter> {
    let starts = &v.site.alphabetical.starts;
    (0..LETTERS.len())
        .filter(|&l| l > 0 || starts[l].is_some())
        .map(|l| IndexLetter {
            letter: LETTERS[l],
            url: starts[l].map(|place| {
                format!(
                    "{}#{}",
                    v.url(&layout::az_path(place / PER_PAGE + 1)),
                    anchor(l)
                )
            }),
        })
        .collect()
}

/// The entries at places `first..last` of the order, grouped by first letter.
fn groups<'s>(v: &Views<'s>, first: usize, last: usize) -> Vec<Group<'s>> {
    let s = v.site;
    let a = &s.alphabetical;
    let mut groups: Vec<Group<'s>> = Vec::new();
    for place in first..last {
        let letter = a.initial[a.order[place]];
        if place == first || a.initial[a.order[place - 1]] != letter {
            let starts_here = a.starts[letter] == Some(place);
            groups.push(Group {
                heading: if starts_here {
                    LETTERS[letter].to_string()
                } else {
                    format!("{} (fortsat)", LETTERS[letter])
                },
                id: starts_here.then(|| anchor(letter)),
                entries: Vec::new(),
            });
        }
        let x = &s.initiatives[a.order[place]];
        if let Some(group) = groups.last_mut() {
            group.entries.push(AzRow {
                title: &x.title,
                url: v.url(&layout::initiative_path(&x.id)),
                plan: x.id.plan.to_string(),
                status: status_words(s, x),
            });
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_intro_counts_in_danish() {
        assert_eq!(intro(0, 0, 0, 1), "Der er ingen indsatser endnu.");
        assert_eq!(intro(1, 0, 1, 1), "Her er sidens eneste indsats.");
        assert_eq!(
            intro(12345, 100, 200, 124),
            "Her er alle 12.345 indsatser fra alle handleplaner i alfabetisk orden efter titel. Der er 100 på hver side; denne side viser nr. 101-200."
        );
    }
}
