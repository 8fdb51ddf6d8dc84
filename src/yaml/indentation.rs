//! Indentation that changes what a file means without a YAML error: a line indented further
//! than it should be continues the plain text above it. `  - Sundhedscenteret` followed by
//! `    - Vestbadet` is one actor, "Sundhedscenteret - Vestbadet", to a YAML parser; an editor
//! meant two. A continuation line that starts like a list item (`- `) or a key (`navn:`) is
//! reported at its line, with the indentation to use. Block texts (`|`, `>`), quoted and
//! flow values are left to the parser.

use super::YamlError;

/// What the lines after a value continue, while they are indented past `owner`.
#[derive(Clone, Copy)]
enum Open {
    /// A plain text, of a list item (`- text`, `dash`) or of a key (`key: text`).
    Plain { owner: usize, dash: bool },
    /// A block text, a quoted text or a flow list, which the parser reads.
    Other { owner: usize },
}

/// The first line of `text` (1-based) whose indentation makes it part of the text above it
/// while it looks like a new item or key.
pub(super) fn misleading(text: &str) -> Option<YamlError> {
    let mut open: Option<Open> = None;
    for (i, line) in text.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.trim().is_empty() {
            continue;
        }
        match open {
            Some(Open::Other { owner }) if indent > owner => continue,
            Some(Open::Plain { owner, dash }) if indent > owner => {
                if content.starts_with('#') {
                    // A comment ends a plain text.
                    open = None;
                    continue;
                }
                if let Some(error) = looks_new(content, i + 1, indent, owner, dash) {
                    return Some(error);
                }
                continue;
            }
            _ => {}
        }
        open = opened(line, indent);
    }
    None
}

/// The error for a continuation line that starts like an item or a key, if it does.
fn looks_new(
    content: &str,
    line: usize,
    indent: usize,
    owner: usize,
    dash: bool,
) -> Option<YamlError> {
    let item = content.starts_with("- ") || content == "-";
    let key = key_like(content);
    if !item && !key {
        return None;
    }
    let (what, should) = match (item, dash) {
        (true, true) => ("et nyt punkt", owner),
        (true, false) => {
            return Some(YamlError {
                line,
                column: indent + 1,
                message: format!("linjen ligner et nyt punkt, men er rykket {indent} mellemrum ind under en nøgle, der allerede har en tekst, så den bliver en del af teksten"),
                hint: Some("skriv punkterne på hver sin linje under nøglen, fx »aktører:« og så »  - Sundhedscenteret«, eller sæt teksten i anførselstegn, hvis bindestregen hører til den".into()),
                first_line: None,
            })
        }
        (false, true) => ("en ny nøgle", owner + 2),
        (false, false) => ("en ny nøgle", owner),
    };
    Some(YamlError {
        line,
        column: indent + 1,
        message: format!("linjen ligner {what}, men er rykket {indent} mellemrum ind; brug {should}"),
        hint: Some(format!(
            "ryk linjen {should} mellemrum ind, så den står lige under linjen over den; ellers bliver den en del af teksten over den"
        )),
        first_line: None,
    })
}

/// Whether a line starts like `navn:` or `navn: værdi` (one word, then a colon).
fn key_like(content: &str) -> bool {
    let Some((key, rest)) = content.split_once(':') else {
        return false;
    };
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && !key.starts_with('-')
        && (rest.is_empty() || rest.starts_with(' '))
}

/// What a line that is not a continuation opens for the lines after it.
fn opened(line: &str, indent: usize) -> Option<Open> {
    // Past the list dashes: `  - - x` or `  - key: x`.
    let mut at = indent;
    let mut dash = None;
    while line[at..].starts_with("- ") || &line[at..] == "-" {
        dash = Some(at);
        at += 1;
        at += line[at..].len() - line[at..].trim_start_matches(' ').len();
    }
    let rest = &line[at..];
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    let key_value = rest
        .match_indices(':')
        .find(|(i, _)| rest[i + 1..].is_empty() || rest[i + 1..].starts_with(' '))
        .filter(|_| !rest.starts_with(['"', '\'', '[', '{']));
    let (value, owner, is_dash) = match key_value {
        Some((colon, _)) => (rest[colon + 1..].trim_start_matches(' '), at, false),
        None => match dash {
            Some(d) => (rest, d, true),
            None => return None,
        },
    };
    if value.is_empty() || value.starts_with('#') {
        return None;
    }
    if value.starts_with(['|', '>', '"', '\'', '[', '{', '&', '*', '!']) {
        return Some(Open::Other { owner });
    }
    Some(Open::Plain {
        owner,
        dash: is_dash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<(usize, usize, String)> {
        misleading(text).map(|e| (e.line, e.column, e.message))
    }

    #[test]
    fn an_item_indented_too_far_is_not_merged_into_the_one_above() {
        let text = "titel: X\naktører:\n  - Sundhedscenteret\n    - Vestbadet\n";
        assert_eq!(
            at(text),
            Some((
                4,
                5,
                "linjen ligner et nyt punkt, men er rykket 4 mellemrum ind; brug 2".into()
            ))
        );
    }

    #[test]
    fn a_key_indented_too_far_is_reported() {
        let text = "nøgletal:\n  - label: Deltagere\n      værdi: 38\n";
        let (line, _, message) = at(text).expect("an error");
        assert_eq!(line, 3);
        assert_eq!(
            message,
            "linjen ligner en ny nøgle, men er rykket 6 mellemrum ind; brug 4"
        );
    }

    #[test]
    fn what_is_meant_passes() {
        for ok in [
            "aktører:\n  - A\n  - B\n",
            "nøgletal:\n  - label: Deltagere\n    værdi: 38\n",
            "formål: |\n  - a list in a block\n  navn: x\n",
            "formål: Noget om\n  stress og trivsel\n",
            "aktører:\n  - Sundhedscenteret og\n    Ekstern psykolog\n",
            "kontakt:\n  navn: A\n  telefon: 1\n",
            "titel: \"a\n  - b\"\n",
            "tema: [a,\n  b]\n",
            "formål: x\n# - a comment\n",
        ] {
            assert_eq!(at(ok), None, "{ok}");
        }
    }

    #[test]
    fn an_item_under_a_key_with_a_text_is_reported() {
        let (line, column, _) = at("tema: Tobak\n  - Alkohol\n").expect("an error");
        assert_eq!((line, column), (2, 3));
    }
}
