//! The one place YAML is parsed. Everything else sees a `serde_yaml::Value` or a `YamlError`
//! with a line, a column and a Danish explanation, so the parser can be swapped here alone.

use serde_yaml::Value;

/// A YAML syntax problem, placed within the YAML text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// Parses YAML text into a value tree.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    serde_yaml::from_str::<Value>(text).map_err(|e| {
        let raw = e.to_string();
        // The parser places a control character at the start of its line; we find the
        // character itself.
        let own = raw
            .contains("control characters")
            .then(|| control_character(text))
            .flatten();
        let (line, column) = own
            .or_else(|| e.location().map(|l| (l.line(), l.column())))
            .or_else(|| place_unlocated(&raw, text))
            .unwrap_or((1, 1));
        let (message, hint) = explain(&raw, text, line);
        YamlError {
            line,
            column,
            message,
            hint,
        }
    })
}

/// Some parser errors come without a place; find the spot they are about in the text.
fn place_unlocated(raw: &str, text: &str) -> Option<(usize, usize)> {
    let find_line = |pred: &dyn Fn(&str) -> bool| text.lines().position(pred).map(|i| (i + 1, 1));
    if raw.contains("more than one document") {
        return find_line(&|l: &str| l.trim_end() == "---" || l.starts_with("--- "));
    }
    if raw.contains("repetition limit") || raw.contains("alias") {
        return find_line(&|l: &str| l.contains('*'));
    }
    if let Some(key) = raw.split_once(": invalid type").map(|(k, _)| k.trim()) {
        return text.lines().enumerate().find_map(|(i, l)| {
            let rest = l.trim_start().strip_prefix(key)?.strip_prefix(':')?;
            Some((i + 1, l.len() - rest.trim_start().len() + 1))
        });
    }
    None
}

/// The 1-based line and column of the first control character YAML refuses.
fn control_character(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, l)| {
        l.chars()
            .position(|c| c.is_control() && c != '\t')
            .map(|col| (i + 1, col + 1))
    })
}

/// The parser's messages editors meet, by a phrase of each (first match wins): what it means
/// in plain Danish, and what to write instead.
const KNOWN: &[(&[&str], &str, &str)] = &[
    (
        &["mapping values are not allowed"],
        "et kolon (:) i teksten forvirrer YAML",
        "sæt hele teksten efter nøglen i anførselstegn, fx titel: \"Status: godt i gang\"",
    ),
    (
        &["did not find expected key", "could not find expected ':'"],
        "YAML kunne ikke læse linjen som \"nøgle: værdi\"",
        "tjek at linjen har et kolon efter nøglen og samme indrykning som linjerne omkring den",
    ),
    (
        &["did not find expected '-' indicator", "block sequence entries"],
        "en liste er rykket forkert ind",
        "skriv hvert punkt på sin egen linje, med \"- \" og samme indrykning",
    ),
    (
        &[
            "found unexpected end of stream",
            "found unknown escape",
            "while scanning a quoted scalar",
        ],
        "et anførselstegn er ikke lukket",
        "afslut teksten med det samme anførselstegn, som den begynder med",
    ),
    (
        &["control characters are not allowed"],
        "linjen indeholder et usynligt styretegn, som YAML ikke tillader",
        "slet tegnet (det kommer ofte med, når tekst kopieres fra et andet program), eller skriv linjen igen",
    ),
    (
        &["more than one document"],
        "filen indeholder mere end ét YAML-dokument (en linje med --- midt i)",
        "slet linjen med ---, så filen er ét dokument",
    ),
    (
        &[
            "did not find expected ',' or ']'",
            "did not find expected ',' or '}'",
            "while parsing a flow",
        ],
        "en liste i [ ] eller en gruppe i { } er ikke lukket",
        "luk listen med ] eller gruppen med }, eller sæt teksten i anførselstegn, hvis [ eller { skal stå i den",
    ),
    (
        &["recursion limit exceeded"],
        "YAML-strukturen er for dybt indlejret",
        "skriv værdierne som almindelig tekst eller en enkel liste",
    ),
    (
        &["repetition limit exceeded"],
        "YAML-henvisningerne (& og *) gentager værdier for mange gange",
        "skriv værdien ud i stedet for at henvise til den med * og &",
    ),
    (
        &["alias"],
        "en YAML-henvisning (*) peger på noget, der ikke findes",
        "skriv værdien ud i stedet for at henvise til den med * eller &",
    ),
];

/// Turns the parser's English message into plain Danish with a hint, for the cases editors
/// actually meet. Unknown cases keep the original text after a Danish lead-in.
fn explain(raw: &str, text: &str, line: usize) -> (String, Option<String>) {
    let raw = raw.split(" at line ").next().unwrap_or(raw).trim();
    let the_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    if the_line.contains('\t')
        || raw.contains("cannot start any token") && the_line.trim_start().starts_with('\t')
    {
        return (
            "linjen indeholder et tabulator-tegn, som YAML ikke tillader til indrykning".into(),
            Some("ryk ind med mellemrum (to mellemrum pr. niveau) i stedet for tabulator".into()),
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate entry with key ") {
        return (
            format!(
                "nøglen {} står der mere end én gang",
                rest.trim_matches('"')
            ),
            Some("slet den ene af de to linjer, så hver nøgle kun står én gang".into()),
        );
    }
    if let Some((_, message, hint)) = KNOWN
        .iter()
        .find(|(needles, _, _)| needles.iter().any(|n| raw.contains(n)))
    {
        return (message.to_string(), Some(hint.to_string()));
    }
    if let Some(number) = raw
        .split_once("invalid type: integer `")
        .and_then(|(_, r)| r.split_once('`'))
        .map(|(n, _)| n)
    {
        return (
            format!("tallet {number} er for stort"),
            Some("skriv et mindre tal, eller sæt det i anførselstegn, hvis det er tekst".into()),
        );
    }
    (
        format!("YAML-fejl: {raw}"),
        Some("tjek linjen for manglende kolon, anførselstegn eller forkert indrykning".into()),
    )
}

/// Where a top-level key is written: its 1-based line and column in the YAML text.
/// Only unindented `key:` lines count, which is where front-matter keys live.
pub fn top_level_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines().enumerate().find_map(|(i, line)| {
        let unquoted = line.strip_prefix(['"', '\'']).unwrap_or(line);
        let rest = unquoted.strip_prefix(key)?;
        rest.trim_start_matches(['"', '\'', ' '])
            .starts_with(':')
            .then_some(i + 1)
    })
}

/// The line of the first line at or after `from` (1-based) that contains `needle`, for
/// placing problems inside a nested value (a list item, a contact's e-mail).
pub fn line_containing(text: &str, needle: &str, from: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_mapping() {
        let v = parse("titel: Mental balance\nstatus: igangværende\n").expect("valid YAML");
        assert_eq!(v["titel"].as_str(), Some("Mental balance"));
    }

    #[test]
    fn colon_in_text_is_explained_with_its_line() {
        let e = parse("titel: ok\nformål: Status: godt i gang\n").expect_err("invalid YAML");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("kolon"), "{e:?}");
        assert!(e.hint.as_deref().unwrap_or("").contains("anførselstegn"));
    }

    #[test]
    fn duplicate_key_is_named() {
        let e = parse("titel: a\ntitel: b\n").expect_err("duplicate");
        assert!(e.message.contains("titel"), "{e:?}");
    }

    #[test]
    fn tab_indentation_is_explained() {
        let e = parse("aktører:\n\t- Sundhedscenter\n").expect_err("tab");
        assert!(e.message.contains("tabulator"), "{e:?}");
    }

    #[test]
    fn hostile_yaml_is_explained_in_danish_at_its_place() {
        let e = parse("titel: a\nsted: \"x\u{7}\"\n").expect_err("control character");
        assert_eq!((e.line, e.column), (2, 9), "{e:?}");
        assert!(e.message.contains("styretegn"), "{e:?}");
        let e = parse("titel: a\n---\ntitel: b\n").expect_err("two documents");
        assert_eq!(e.line, 2, "{e:?}");
        assert!(e.message.contains("mere end ét YAML-dokument"), "{e:?}");
        let e = parse("titel: [a\nstatus: b\n").expect_err("unclosed");
        assert!(e.message.contains("ikke lukket"), "{e:?}");
        let e = parse("år: 18446744073709551616\n").expect_err("too big");
        assert!(e.message.contains("for stort"), "{e:?}");
    }

    #[test]
    fn finds_top_level_keys() {
        let t = "titel: a\nkontakt:\n  navn: b\nstatus: c\n";
        assert_eq!(top_level_key_line(t, "status"), Some(4));
        assert_eq!(top_level_key_line("a: 1\n\"titel\": x\n", "titel"), Some(2));
        assert_eq!(top_level_key_line("titelx: 1\n", "titel"), None);
        assert_eq!(top_level_key_line(t, "navn"), None);
        assert_eq!(line_containing(t, "navn", 2), Some(3));
    }
}
