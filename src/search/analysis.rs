//! Text analysis for the search index: words, folding, Danish stemming and the keys a word is
//! found by. The search page's client (`themes/default/static/js/search-text.js`) does the same
//! for a query; `tests/it/search_parity.rs` holds the two to one another word by word.
//!
//! A word's key is `irregular(fold(stem(word)))`: stemmed as Danish (with æ, ø, å), then folded
//! to plain letters, so "Børnene", "børn" and "boern" meet. This module knows nothing of files
//! or ranking.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words shorter or longer than this (in characters) are not indexed.
pub const MIN_WORD: usize = 2;
pub const MAX_WORD: usize = 40;

/// Danish words too common to find anything by, folded (Snowball's Danish list, plus the
/// words citizens put around what they look for: "jeg vil gerne", "hvordan kan").
pub const STOP_WORDS: &[&str] = &[
    "ad", "af", "alle", "alt", "anden", "at", "blev", "blive", "bliver", "da", "de", "dem", "den",
    "denne", "der", "deres", "det", "dette", "dig", "din", "disse", "dog", "du", "efter", "eller",
    "en", "end", "er", "et", "for", "fra", "gerne", "ham", "han", "hans", "har", "havde", "have",
    "hende", "hendes", "her", "hos", "hun", "hvad", "hvis", "hvor", "hvordan", "i", "ikke", "ind",
    "jeg", "jer", "jo", "kan", "kunne", "man", "mange", "med", "meget", "men", "mig", "min",
    "mine", "mit", "mod", "naar", "ned", "noget", "nogle", "nu", "og", "ogsaa", "om", "op", "os",
    "over", "paa", "saadan", "selv", "sig", "sin", "sine", "sit", "skal", "skulle", "som", "thi",
    "til", "ud", "under", "vaere", "vaeret", "var", "vi", "vil", "ville", "vor",
];

/// Irregular forms whose folded stems should meet one key ("børn" is found by "barn",
/// "kurser" by "kursus"). They apply at the end of a stem too, so compounds follow
/// ("skolebørn", "rygestopkurser").
pub const IRREGULAR: &[(&str, &str)] = &[
    ("boern", "barn"),
    ("foedd", "fod"),
    ("haend", "haand"),
    ("kurs", "kursus"),
    ("maend", "mand"),
];

/// Lower-cased words of `text`: runs of letters, digits and combining marks, between
/// `MIN_WORD` and `MAX_WORD` characters long.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    raw_tokens(text).map(str::to_lowercase)
}

/// The words of `text` as they stand (not lower-cased), with `tokens`' rule.
pub fn raw_tokens(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !is_word_char(c)).filter(|w| {
        // At most four bytes a character: a quick bound before counting.
        w.len() >= MIN_WORD && w.len() <= MAX_WORD * 4 && {
            let n = w.chars().count();
            (MIN_WORD..=MAX_WORD).contains(&n)
        }
    })
}

/// A character that belongs to a word.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Lower-cases and folds to plain letters: æ → ae, ø → oe, å → aa, then accents dropped
/// (é → e, ü → u).
pub fn fold(s: &str) -> String {
    let lower = s.to_lowercase();
    if lower.is_ascii() {
        return lower;
    }
    let mut danish = String::with_capacity(lower.len() + 4);
    for c in lower.chars() {
        match c {
            'æ' => danish.push_str("ae"),
            'ø' => danish.push_str("oe"),
            'å' => danish.push_str("aa"),
            c => danish.push(c),
        }
    }
    danish.nfd().filter(|&c| !is_combining_mark(c)).collect()
}

/// The Danish Snowball stem of a lower-cased word.
pub fn stem(lower_word: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::Danish))
        .stem(lower_word)
        .into_owned()
}

/// The folded stem with an irregular ending replaced by its shared form, or as it is.
pub fn irregular(folded_stem: String) -> String {
    match IRREGULAR
        .iter()
        .find(|(from, _)| folded_stem.ends_with(from))
    {
        Some((from, to)) => format!("{}{to}", &folded_stem[..folded_stem.len() - from.len()]),
        None => folded_stem,
    }
}

/// The key a query word is looked up by.
pub fn key(lower_word: &str) -> String {
    irregular(fold(&stem(lower_word)))
}

/// Whether a lower-cased word is a stop word (compared folded, so "paa" is one too).
pub fn is_stop(lower_word: &str) -> bool {
    if lower_word.is_ascii() {
        return STOP_WORDS.binary_search(&lower_word).is_ok();
    }
    STOP_WORDS.binary_search(&fold(lower_word).as_str()).is_ok()
}

/// Every key a document word is found by: its own key; the key of its spelling without æ, ø
/// and å ("boernene", typed on a keyboard without them), when that stems otherwise; and the
/// folded stem an irregular form replaced (so that "bør…" still prefix-matches "børn").
pub fn word_keys(lower_word: &str) -> Vec<String> {
    let folded_stem = fold(&stem(lower_word));
    let own = irregular(folded_stem.clone());
    let mut keys = vec![own.clone()];
    let ascii = irregular(stem(&fold(lower_word)));
    if ascii != own {
        keys.push(ascii);
    }
    if folded_stem != own && !keys.contains(&folded_stem) {
        keys.push(folded_stem);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_and_folded() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| fold(w) == *w));
        assert!(is_stop("på") && is_stop("jeg") && is_stop("være") && !is_stop("stress"));
    }

    #[test]
    fn words_split_at_anything_but_letters_digits_and_marks() {
        let t: Vec<String> = tokens("Type 2-diabetes: Børnenes «vægttab», café\u{301} x").collect();
        assert_eq!(
            t,
            ["type", "diabetes", "børnenes", "vægttab", "café\u{301}"]
        );
        assert_eq!(tokens(&"a".repeat(41)).count(), 0);
    }

    #[test]
    fn danish_letters_and_accents_fold() {
        assert_eq!(fold("Børnene"), "boernene");
        assert_eq!(fold("Ærø Å"), "aeroe aa");
        assert_eq!(fold("café\u{301}"), "cafe");
        assert_eq!(fold("Café"), "cafe");
    }

    #[test]
    fn spellings_with_and_without_danish_letters_meet() {
        assert_eq!(key("børnene"), "barn");
        assert_eq!(key("børn"), "barn");
        assert_eq!(key("barn"), "barn");
        assert_eq!(key("boernene"), key("børnene"));
        assert_eq!(key("overvægtigt"), key("overvaegtigt"));
        assert!(word_keys("børnene").contains(&"boern".to_string()));
        assert_eq!(key("rygestopkurser"), key("rygestopkursus"));
        assert_eq!(key("skolebørn"), "skolebarn");
    }
}
