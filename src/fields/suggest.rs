//! "Mente du …?": the known word nearest to one an editor wrote (a key, a status, a theme),
//! by edit distance on ASCII-folded lower case, and the resolving of a written key to its
//! catalogue entry. Reports nothing itself; callers word the hint.

use super::KeySpec;
use crate::text::slug::fold_ascii;

/// Resolves a key written by an editor to its spec, or suggests the closest known key.
pub fn resolve(name: &str, specs: &[KeySpec]) -> Result<KeySpec, Option<&'static str>> {
    let folded = fold_ascii(name.trim()).to_lowercase();
    specs
        .iter()
        .find(|s| s.name == name || s.ascii == Some(name) || fold_ascii(s.name) == folded)
        .copied()
        .ok_or_else(|| closest(name, specs.iter().map(|s| s.name)))
}

pub(super) fn known_list(specs: &[KeySpec]) -> String {
    specs.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
}

/// The candidate nearest to `word` by edit distance (on ASCII-folded lower case), if near
/// enough to be a likely typo; else the one candidate `word` begins (`igang` →
/// `igangværende`), when it is at least four letters long.
pub fn closest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let w = fold_ascii(word).to_lowercase();
    let limit = (w.chars().count() / 2).max(3);
    let folded: Vec<(String, &'c str)> = candidates
        .map(|c| (fold_ascii(c).to_lowercase(), c))
        .collect();
    let near = folded
        .iter()
        .map(|(f, c)| (edit_distance(&w, f), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c);
    near.or_else(|| {
        let mut begun = folded
            .iter()
            .filter(|(f, _)| w.chars().count() >= 4 && f.starts_with(&w));
        match (begun.next(), begun.next()) {
            (Some((_, c)), None) => Some(*c),
            _ => None,
        }
    })
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{key, key_ascii};

    #[test]
    fn a_word_cut_short_is_recognised() {
        let statuses = ["planlagt", "igangværende", "gennemført", "udsat", "aflyst"];
        assert_eq!(
            closest("igang", statuses.iter().copied()),
            Some("igangværende")
        );
        assert_eq!(
            closest("gennemfort", statuses.iter().copied()),
            Some("gennemført")
        );
        assert_eq!(closest("ig", statuses.iter().copied()), None);
        assert_eq!(closest("xyzxyzxyz", statuses.iter().copied()), None);
    }

    const SPECS: &[KeySpec] = &[
        key("titel"),
        key_ascii("formål", "formaal"),
        key_ascii("aktører", "aktoerer"),
    ];

    #[test]
    fn resolves_ascii_spellings_and_suggests_near_misses() {
        assert_eq!(resolve("formaal", SPECS).map(|s| s.name), Ok("formål"));
        assert_eq!(resolve("aktører", SPECS).map(|s| s.name), Ok("aktører"));
        assert_eq!(
            resolve("formal", SPECS).map(|s| s.name),
            Err(Some("formål"))
        );
        assert_eq!(
            resolve("aktor", SPECS).map(|s| s.name),
            Err(Some("aktører"))
        );
        assert_eq!(resolve("xyzzyplugh", SPECS).map(|s| s.name), Err(None));
    }
    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("tema", "tema"), 0);
    }
}
