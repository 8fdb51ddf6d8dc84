//! Where a YAML parser error belongs and what it means, in plain Danish: the parser's English
//! messages turned into a message and a hint an editor can act on, and errors the parser
//! places badly (a key written twice, a missing space after a colon) moved to the line that
//! is wrong.

/// The key of a "duplicate entry" error, which may come after the path of the mapping it is
/// in (`nøgletal[1]: duplicate entry with key "værdi"`).
pub(super) fn duplicate_key(raw: &str) -> Option<&str> {
    let (_, rest) = raw.split_once("duplicate entry with key ")?;
    Some(
        rest.split(" at line ")
            .next()
            .unwrap_or(rest)
            .trim()
            .trim_matches('"'),
    )
}

/// The lines (1-based) of the first and second `key:` in one mapping, and the column of the
/// second. A mapping ends where a line is indented less than its keys, and a list item
/// (`- `) starts a new one, so the same key in two items of a list is not a repeat.
pub(super) fn written_twice(text: &str, key: &str) -> Option<(usize, usize, usize)> {
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let body = l.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = l.len() - l.trim_start_matches([' ', '-']).len();
        let item = body.starts_with("- ") || body == "-";
        seen.retain(|&(_, ind)| ind < indent || (ind == indent && !item));
        let rest = l[indent..].trim_start_matches(['"', '\'']);
        let Some(after) = rest.strip_prefix(key) else {
            continue;
        };
        if !after.trim_start_matches(['"', '\'']).starts_with(':') {
            continue;
        }
        if let Some(&(first, _)) = seen.iter().find(|(_, ind)| *ind == indent) {
            return Some((first, i + 1, l[..indent].chars().count() + 1));
        }
        seen.push((i + 1, indent));
    }
    None
}

/// A `key:value` line (no space after the colon) at or just above `line`, where a parser
/// error surfaced: its line and the column after the colon.
pub(super) fn missing_space_after_colon(text: &str, line: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let from = line.saturating_sub(1).min(lines.len());
    // The error's own line, then the non-blank line above it.
    let above = lines[..from].iter().rposition(|l| !l.trim().is_empty());
    [Some(from), above].into_iter().flatten().find_map(|i| {
        let l = lines.get(i)?;
        let body = l.trim_start_matches([' ', '-']);
        let (key, value) = body.split_once(':')?;
        let is_key = !key.is_empty()
            && key.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !value.is_empty()
            && !value.starts_with([' ', '/'])
            && !key.chars().all(|c| c.is_ascii_digit());
        is_key.then(|| (i + 1, l.chars().count() - value.chars().count() + 1))
    })
}

/// The line that lacks the colon after its key (`formål At deltagerne …`), which the parser
/// reports on the line after it: the error's line or the nearest written line above it that
/// starts with a word and has no `key:` in it. Its 1-based line and column, and the key.
pub(super) fn missing_colon(text: &str, line: usize) -> Option<(usize, usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let from = line.saturating_sub(1).min(lines.len().saturating_sub(1));
    let written = |l: &&str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let own = lines.get(from).filter(|l| written(l)).map(|_| from);
    let above = lines[..from].iter().rposition(written);
    [own, above].into_iter().flatten().find_map(|i| {
        let l = lines[i];
        let body = l.trim_start_matches([' ', '-']);
        let has_key = body
            .match_indices(':')
            .any(|(at, _)| body[at + 1..].is_empty() || body[at + 1..].starts_with(' '));
        let word: String = body
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        (!has_key && !word.is_empty()).then(|| {
            let column = l.chars().count() - body.chars().count() + word.chars().count() + 1;
            (i + 1, column, word)
        })
    })
}

/// Some parser errors come without a place; find the spot they are about in the text.
pub(super) fn place_unlocated(raw: &str, text: &str) -> Option<(usize, usize)> {
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
pub(super) fn control_character(text: &str) -> Option<(usize, usize)> {
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
pub(super) fn explain(raw: &str, text: &str, line: usize) -> (String, Option<String>) {
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
    if let Some(key) = duplicate_key(raw) {
        return (
            format!("nøglen {key} står der mere end én gang"),
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
