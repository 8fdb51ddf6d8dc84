//! Splitting long lists into numbered pages: which page holds a place and the page navigation
//! (Forrige/Næste and the numbers around the current page). The list pages (themes, years,
//! news, A–Å) share it; each decides its own page size. A list page's address is `layout`'s
//! (`list_page_path`).

use serde::Serialize;
use std::ops::Range;

/// How many initiatives a theme or year page lists (the A–Å list has its own size).
pub const PER_PAGE: usize = 50;

/// How many pages a list of `len` items needs at `per_page` (one, even when empty).
pub fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page).max(1)
}

/// The page (from 1) that holds place `place` (from 0).
pub fn page_of(place: usize, per_page: usize) -> usize {
    place / per_page + 1
}

/// The places page `page` (from 1) holds, in a list of `len` items.
pub fn places(page: usize, len: usize, per_page: usize) -> Range<usize> {
    let first = ((page.max(1) - 1) * per_page).min(len);
    first..(first + per_page).min(len)
}

/// Forrige/Næste and the page numbers around the current one (`None` for a gap).
#[derive(Debug, Serialize)]
pub struct Pagination {
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<Option<PageLink>>,
}

#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// The navigation for page `current` of `total`, with `url` giving each page's address;
/// `None` when everything fits on one page.
pub fn pagination(
    current: usize,
    total: usize,
    url: impl Fn(usize) -> String,
) -> Option<Pagination> {
    (total > 1).then(|| Pagination {
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages: window(current, total)
            .into_iter()
            .map(|n| {
                n.map(|number| PageLink {
                    number,
                    url: url(number),
                    current: number == current,
                })
            })
            .collect(),
    })
}

/// The page numbers to show: the first, the last, and the current one with its neighbours;
/// `None` where two or more pages are left out (a single left-out page is shown instead).
fn window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut shown = 0;
    for n in 1..=total {
        if n == 1 || n == total || n.abs_diff(current) <= 1 {
            match n - shown {
                1 => {}
                2 => out.push(Some(n - 1)),
                _ => out.push(None),
            }
            out.push(Some(n));
            shown = n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_a_list_without_gaps_or_overlaps() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(places(1, 120, 50), 0..50);
        assert_eq!(places(3, 120, 50), 100..120);
        assert_eq!(places(4, 120, 50), 120..120);
        assert_eq!(page_of(49, 50), 1);
        assert_eq!(page_of(50, 50), 2);
    }

    #[test]
    fn the_page_window_shows_ends_and_neighbours() {
        assert_eq!(window(1, 1), [Some(1)]);
        assert_eq!(window(1, 2), [Some(1), Some(2)]);
        assert_eq!(window(1, 7), [Some(1), Some(2), None, Some(7)]);
        assert_eq!(
            window(3, 7),
            [Some(1), Some(2), Some(3), Some(4), None, Some(7)]
        );
        assert_eq!(
            window(4, 7),
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7)
            ]
        );
        assert_eq!(
            window(5, 7),
            [Some(1), None, Some(4), Some(5), Some(6), Some(7)]
        );
        assert_eq!(window(7, 7), [Some(1), None, Some(6), Some(7)]);
    }

    #[test]
    fn one_page_needs_no_navigation() {
        assert!(pagination(1, 1, |n| n.to_string()).is_none());
        let p = pagination(2, 3, |n| format!("/p/{n}/")).expect("three pages");
        assert_eq!(p.prev.as_deref(), Some("/p/1/"));
        assert_eq!(p.next.as_deref(), Some("/p/3/"));
    }
}
