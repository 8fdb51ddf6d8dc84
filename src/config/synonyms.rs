//! The `synonymer:` mapping of `site.yaml`: everyday words citizens type that the site's texts
//! never use, each with the site's own words for the same thing (`smøg: [rygning, rygestop]`).
//! The search index finds a lay word by its site words; this module only reads and checks the
//! list (one word on each side, no word twice, no word pointing at itself), each problem a
//! Danish error at its line. Whether the site really uses a target word is the search's
//! business (see `tests/it/search.rs`).

use super::Fields;
use crate::diagnostics::Diagnostic;
use crate::text::slug::fold_ascii;
use serde_yaml::Value;

/// A lay word and the site's words it stands for, both lower-cased as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Synonym {
    pub word: String,
    pub targets: Vec<String>,
}

const HINT: &str = "skriv ét ord og sidens ord for det samme, fx smøger: [rygning, rygestop]";

/// One word as the search reads words: letters and digits only, 2 to 40 characters.
fn is_one_word(w: &str) -> bool {
    let n = w.chars().count();
    (2..=40).contains(&n) && w.chars().all(char::is_alphanumeric)
}

/// The line (in the file) of `word`'s entry: the first line from `from` on that starts with it
/// as a key, quoted or not.
fn entry_line(text: &str, word: &str, from: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(from)
        .find(|(_, l)| {
            let t = l.trim_start().trim_start_matches(['"', '\'']);
            t.strip_prefix(word)
                .is_some_and(|rest| rest.trim_start_matches(['"', '\'', ' ']).starts_with(':'))
        })
        .map_or(from, |(i, _)| i + 1)
}

pub(super) fn read_synonyms(f: &mut Fields) -> Vec<Synonym> {
    let mut out: Vec<Synonym> = Vec::new();
    let entries = match f.take("synonymer") {
        Some(Value::Mapping(m)) => m,
        Some(_) => {
            f.error(
                "synonymer",
                "\"synonymer\" skal være en liste af ord, hvert med sidens ord for det samme",
                HINT,
            );
            return out;
        }
        None => return out,
    };
    let src = f.source();
    let base = f.line_of("synonymer");
    let mut error = |line: usize, message: String, hint: &str| {
        let column = src
            .text
            .lines()
            .nth(line - 1)
            .map_or(1, |l| l.len() - l.trim_start().len() + 1);
        f.diagnostics.push(
            Diagnostic::error(src.file, message)
                .at(src.text, line, column)
                .hint(hint),
        );
    };
    for (key, value) in entries {
        let word = crate::fields::scalar_text(&key).unwrap_or_default();
        let line = entry_line(src.text, &word, base);
        let word = word.trim().to_lowercase();
        if !is_one_word(&word) {
            error(
                line,
                format!("synonymet \"{word}\" skal være ét ord (kun bogstaver og tal)"),
                HINT,
            );
            continue;
        }
        let items = match value {
            Value::Sequence(items) => items,
            Value::Null => Vec::new(),
            other => vec![other],
        };
        let targets: Vec<String> = items
            .iter()
            .filter_map(crate::fields::scalar_text)
            .map(|t| t.trim().to_lowercase())
            .collect();
        if targets.is_empty() || targets.len() != items.len() {
            error(
                line,
                format!("\"{word}\" skal pege på et eller flere af sidens ord"),
                HINT,
            );
            continue;
        }
        if let Some(bad) = targets.iter().find(|t| !is_one_word(t)) {
            error(
                line,
                format!("\"{bad}\" under \"{word}\" skal være ét ord (kun bogstaver og tal)"),
                "skriv hvert af sidens ord for sig, fx smøger: [rygning, rygestop]",
            );
            continue;
        }
        let folded = fold_ascii(&word).to_lowercase();
        if targets
            .iter()
            .any(|t| fold_ascii(t).to_lowercase() == folded)
        {
            error(
                line,
                format!("\"{word}\" peger på sig selv"),
                "et synonym skal pege på andre ord, som siden bruger",
            );
            continue;
        }
        if let Some(other) = out
            .iter()
            .find(|s| fold_ascii(&s.word).to_lowercase() == folded)
        {
            error(
                line,
                format!(
                    "synonymet \"{word}\" står der allerede som \"{}\"",
                    other.word
                ),
                "skriv hvert ord én gang, med alle sidens ord for det i samme liste",
            );
            continue;
        }
        out.push(Synonym { word, targets });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::config::{parse, tests::SITE};
    use std::path::Path;

    #[test]
    fn lay_words_are_read_with_their_site_words() {
        let text = format!("{SITE}synonymer:\n  # Rygning\n  Smøger: [rygning, rygestop]\n  sukkersyge: diabetes\n");
        let c = parse(Path::new("site.yaml"), &text, None).expect("valid");
        assert_eq!(c.synonyms.len(), 2);
        assert_eq!(c.synonyms[0].word, "smøger");
        assert_eq!(c.synonyms[0].targets, ["rygning", "rygestop"]);
        assert_eq!(c.synonyms[1].targets, ["diabetes"]);
    }

    #[test]
    fn a_bad_entry_is_a_danish_error_at_its_line() {
        let lines = SITE.lines().count();
        for (entry, message) in [
            ("to ord: [rygning]", "skal være ét ord"),
            (
                "smøg: [to ord]",
                "\"to ord\" under \"smøg\" skal være ét ord",
            ),
            ("smøg: []", "skal pege på et eller flere"),
            ("smøg: [smøg]", "peger på sig selv"),
            (
                "røg: [rygning]\n  roeg: [tobak]",
                "står der allerede som \"røg\"",
            ),
        ] {
            let text = format!("{SITE}synonymer:\n  {entry}\n");
            let e = parse(Path::new("site.yaml"), &text, None).expect_err(entry);
            assert!(e[0].message.contains(message), "{entry}: {}", e[0].message);
            let want = lines + 2 + entry.lines().count() - 1;
            assert_eq!(e[0].line, Some(want), "{entry}");
        }
        let e = parse(
            Path::new("site.yaml"),
            &format!("{SITE}synonymer: smøg\n"),
            None,
        )
        .expect_err("not a mapping");
        assert!(e[0].message.contains("\"synonymer\" skal være"));
    }
}
