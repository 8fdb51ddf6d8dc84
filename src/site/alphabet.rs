//! Danish alphabetical order of initiatives by title: a–z, then æ, ø, å, ignoring case,
//! accents and punctuation (ä sorts as æ, ö as ø, ü as y, as Danish dictionaries do; é as e),
//! and each title's first letter for an A–Å index. Pure. It knows nothing of pages or URLs:
//! how the order is split into pages is `render::az`'s job.
//!
//! "aa" is read as two a's, not as å: titles are modern Danish, where "aa" is rare outside
//! names, and sorting "Aabenraa" after "Ø" would surprise more readers than it helps.

use crate::model::Initiative;
use std::cmp::Ordering;

/// The groups of the A–Å index, in order: titles that start with a digit or any other sign,
/// then A–Z, Æ, Ø, Å.
pub const LETTERS: [&str; 30] = [
    "0-9", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q",
    "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "Æ", "Ø", "Å",
];

/// Weights of a sort key: a word break sorts before every digit, digits before letters.
const SPACE: u8 = 0;
const FIRST_DIGIT: u8 = 1;
const FIRST_LETTER: u8 = 11;
const AE: u8 = FIRST_LETTER + 26;
const OE: u8 = AE + 1;
const AA: u8 = AE + 2;

/// What the order reads of a thing with a title: the title, and how two things with titles
/// that sort alike are ordered (for initiatives: newest plan period first, then address).
pub trait Titled {
    fn title(&self) -> &str;
    fn tie(&self, other: &Self) -> Ordering;
}

impl Titled for Initiative {
    fn title(&self) -> &str {
        &self.title
    }

    fn tie(&self, other: &Self) -> Ordering {
        other
            .id
            .plan
            .cmp(&self.id.plan)
            .then_with(|| self.id.slug.cmp(&other.id.slug))
    }
}

/// Every initiative of a site in Danish alphabetical order, with where each letter starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alphabetical {
    /// Indexes into the site's initiatives, in order.
    pub order: Vec<usize>,
    /// For each initiative (by its index in the site): its place in `order`.
    pub position: Vec<usize>,
    /// For each initiative: the index into `LETTERS` of its title's first letter.
    pub initial: Vec<usize>,
    /// For each of `LETTERS`: the place in `order` of the first title with that letter.
    pub starts: [Option<usize>; LETTERS.len()],
}

impl Alphabetical {
    pub fn new<T: Titled>(items: &[T]) -> Alphabetical {
        let mut keyed: Vec<(Vec<u8>, usize)> = items
            .iter()
            .enumerate()
            .map(|(i, x)| (sort_key(x.title()), i))
            .collect();
        keyed.sort_by(|(ka, a), (kb, b)| compare(items, (ka, *a), (kb, *b)));
        let mut initial = vec![0; items.len()];
        for (key, i) in &keyed {
            initial[*i] = initial_of_key(key);
        }
        let mut a = Alphabetical {
            order: keyed.into_iter().map(|(_, i)| i).collect(),
            position: Vec::new(),
            initial,
            starts: [None; LETTERS.len()],
        };
        a.index();
        a
    }

    /// Puts the items `retitled` (whose titles changed) where `new` would, without sorting
    /// every title again: a save in `serve` pays for a few titles, not for the whole site.
    pub fn retitle<T: Titled>(&mut self, items: &[T], retitled: &[usize]) {
        let mut moved = retitled.to_vec();
        moved.sort_unstable();
        moved.dedup();
        self.order.retain(|i| moved.binary_search(i).is_err());
        for &i in &moved {
            let key = sort_key(items[i].title());
            let at = self.order.partition_point(|&j| {
                compare(items, (&sort_key(items[j].title()), j), (&key, i)).is_lt()
            });
            self.order.insert(at, i);
            self.initial[i] = initial_of_key(&key);
        }
        self.index();
    }

    /// Fills `position` and `starts` from `order` and `initial`.
    fn index(&mut self) {
        self.position = vec![0; self.order.len()];
        self.starts = [None; LETTERS.len()];
        for (place, &i) in self.order.iter().enumerate() {
            self.position[i] = place;
            self.starts[self.initial[i]].get_or_insert(place);
        }
    }
}

/// The order of two items given with their sort keys.
fn compare<T: Titled>(items: &[T], (ka, a): (&[u8], usize), (kb, b): (&[u8], usize)) -> Ordering {
    ka.cmp(kb).then_with(|| items[a].tie(&items[b]))
}

/// The index into `LETTERS` of the group `title` is listed under.
#[cfg(test)]
fn initial(title: &str) -> usize {
    initial_of_key(&sort_key(title))
}

fn initial_of_key(key: &[u8]) -> usize {
    match key.first() {
        Some(&w) if w >= FIRST_LETTER => usize::from(w - FIRST_LETTER) + 1,
        _ => 0,
    }
}

/// The weights `title` sorts by: one per letter or digit, one per run of spaces between
/// words; other signs (quotes, dashes, full stops) are left out.
pub fn sort_key(title: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(title.len());
    let mut pending_space = false;
    let mut push = |w: Option<u8>, key: &mut Vec<u8>| match w {
        Some(SPACE) => pending_space = !key.is_empty(),
        Some(w) => {
            if pending_space {
                key.push(SPACE);
                pending_space = false;
            }
            key.push(w);
        }
        None => {}
    };
    for c in title.chars().flat_map(char::to_lowercase) {
        match danish_weight(c) {
            Some(w) => push(Some(w), &mut key),
            None if c.is_ascii() => push(ascii_weight(c), &mut key),
            None => {
                for a in deunicode::deunicode_char(c).unwrap_or("").chars() {
                    push(ascii_weight(a.to_ascii_lowercase()), &mut key);
                }
            }
        }
    }
    key
}

/// The letters Danish sorts after z, and those it sorts with them or with y.
fn danish_weight(c: char) -> Option<u8> {
    match c {
        'æ' | 'ä' => Some(AE),
        'ø' | 'ö' | 'œ' => Some(OE),
        'å' => Some(AA),
        'ü' | 'ű' => Some(FIRST_LETTER + (b'y' - b'a')),
        _ => None,
    }
}

/// A lower-case ASCII character's weight; `None` for signs that do not count.
fn ascii_weight(c: char) -> Option<u8> {
    match c {
        'a'..='z' => Some(FIRST_LETTER + (c as u8 - b'a')),
        '0'..='9' => Some(FIRST_DIGIT + (c as u8 - b'0')),
        c if c.is_whitespace() => Some(SPACE),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(titles: &[&str]) -> Vec<String> {
        let mut v: Vec<&str> = titles.to_vec();
        v.sort_by_key(|t| sort_key(t));
        v.into_iter().map(str::to_string).collect()
    }

    #[test]
    fn danish_letters_come_after_z() {
        assert_eq!(
            sorted(&[
                "Åben rådgivning",
                "Østerbro",
                "Zumba",
                "Ældre",
                "Aktiv",
                "øl"
            ]),
            [
                "Aktiv",
                "Zumba",
                "Ældre",
                "øl",
                "Østerbro",
                "Åben rådgivning"
            ]
        );
    }

    #[test]
    fn case_accents_and_signs_do_not_count() {
        assert_eq!(sort_key("Café"), sort_key("cafe"));
        assert_eq!(sort_key("»Rygestop«"), sort_key("rygestop"));
        assert_eq!(
            sort_key("Mental  balance – nu"),
            sort_key("mental balance nu")
        );
        assert_eq!(sort_key("Ärlig"), sort_key("ærlig"));
        assert_eq!(sort_key("Über"), sort_key("yber"));
        assert!(sort_key("Mental balance") < sort_key("Mentalbalance"));
    }

    /// A title, a number that orders equal titles (highest first) and an id that settles the
    /// rest, as plan period and address do for initiatives.
    #[derive(Clone)]
    struct Item(String, u32, usize);

    impl Titled for Item {
        fn title(&self) -> &str {
            &self.0
        }
        fn tie(&self, other: &Self) -> Ordering {
            other.1.cmp(&self.1).then(self.2.cmp(&other.2))
        }
    }

    #[test]
    fn equal_titles_follow_the_tie_and_letters_start_where_they_start() {
        let items: Vec<Item> = [("Bo", 1), ("bo", 2), ("Al", 3), ("Ø", 4), ("10", 5)]
            .iter()
            .map(|(t, n)| Item(t.to_string(), *n, 0))
            .collect();
        let a = Alphabetical::new(&items);
        assert_eq!(a.order, [4, 2, 1, 0, 3]);
        assert_eq!(a.position, [3, 2, 1, 4, 0]);
        assert_eq!(a.starts[0], Some(0));
        assert_eq!(a.starts[1], Some(1));
        assert_eq!(a.starts[2], Some(2));
        assert_eq!(a.starts[3], None);
        assert_eq!(a.starts[28], Some(4));
    }

    #[test]
    fn retitling_places_titles_as_sorting_everything_would() {
        let words = [
            "Kost",
            "kost",
            "Åben",
            "Ærlig",
            "Zumba",
            "10 skridt",
            "Bo",
            "Østerbro",
            "Café",
        ];
        let mut items: Vec<Item> = (0..60)
            .map(|n| {
                Item(
                    format!("{} {}", words[n % words.len()], n % 7),
                    n as u32 % 5,
                    n,
                )
            })
            .collect();
        let mut a = Alphabetical::new(&items);
        for round in 0..40usize {
            let edited: Vec<usize> = (0..1 + round % 3)
                .map(|k| (round * 7 + k * 13) % items.len())
                .collect();
            for &i in &edited {
                items[i].0 = format!("{} {round}", words[(round + i) % words.len()]);
            }
            a.retitle(&items, &edited);
            assert_eq!(a, Alphabetical::new(&items), "round {round}");
        }
    }

    #[test]
    fn digits_and_signs_come_first_and_share_a_group() {
        assert_eq!(
            sorted(&["Bo", "10 skridt", "Al"]),
            ["10 skridt", "Al", "Bo"]
        );
        assert_eq!(LETTERS[initial("10 skridt")], "0-9");
        assert_eq!(LETTERS[initial("„Kulturvitaminer“")], "K");
        assert_eq!(LETTERS[initial("ærlig")], "Æ");
        assert_eq!(LETTERS[initial("Ökologi")], "Ø");
        assert_eq!(LETTERS[initial("Åben")], "Å");
        assert_eq!(LETTERS[initial("Émile")], "E");
        assert_eq!(LETTERS[initial("")], "0-9");
        assert_eq!(LETTERS[initial("– …")], "0-9");
    }
}
