//! What `indsats new` and `indsats import` leave for the editor to fill in: the `UDFYLD`
//! placeholders, the scaffold's sample text, and empty `## Indsats` / `## Status` sections.
//! A draft may hold them; a file that is published may not, so each one left is an error on
//! its own line. The scaffold's words live here and in `new`/`import`, and nowhere else.

use crate::diagnostics::Diagnostic;
use crate::fields::Fields;
use std::path::Path;

/// The placeholder `new` and `import` write where they know no value.
pub const PLACEHOLDER: &str = "UDFYLD";
/// The sample text `new` writes under `## Indsats`.
pub const SAMPLE_BODY: &str = "Hvad der bliver gjort.";
/// The sections every initiative's body has, in the printed report's words.
pub const SECTIONS: [&str; 2] = ["Indsats", "Status"];

/// Reports each text value in `values` (key, value) that is still a placeholder.
pub fn check_values<'v>(f: &mut Fields, values: impl IntoIterator<Item = (&'v str, &'v str)>) {
    for (key, value) in values {
        if value.trim_start().starts_with(PLACEHOLDER) {
            f.error(
                key,
                format!("\"{key}\" er ikke udfyldt endnu: der står stadig \"{value}\""),
                format!(
                    "skriv {key} færdig, eller skriv udkast: true, så indsatsen ikke bliver udgivet endnu"
                ),
            );
        }
    }
}

/// Reports the scaffold's sample text and empty sections in `body`, which is the part of the
/// file `text` after its front matter.
pub fn check_body(file: &Path, text: &str, body: &str) -> Vec<Diagnostic> {
    // `body` is a slice of `text`: its first line is the file line after those before it.
    let first_line = (body.as_ptr() as usize)
        .checked_sub(text.as_ptr() as usize)
        .and_then(|start| text.get(..start))
        .map_or(1, |before| before.matches('\n').count() + 1);
    let lines: Vec<&str> = body.lines().collect();
    let mut problems = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let at = first_line + i;
        if line.trim() == SAMPLE_BODY {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("\"{SAMPLE_BODY}\" er skabelonens eksempeltekst, ikke indsatsens egen"),
                )
                .at(text, at, 1)
                .hint("skriv, hvad der bliver gjort i indsatsen, eller skriv udkast: true øverst i filen, så den ikke bliver udgivet endnu"),
            );
        }
        let Some(name) = line.trim_end().strip_prefix("## ") else {
            continue;
        };
        if !SECTIONS.contains(&name) {
            continue;
        }
        let empty = lines[i + 1..]
            .iter()
            .take_while(|l| !l.starts_with("# ") && !l.starts_with("## "))
            .all(|l| l.trim().is_empty());
        if empty {
            problems.push(
                Diagnostic::error(file, format!("afsnittet \"{name}\" er tomt"))
                    .at(text, at, 1)
                    .hint(format!(
                        "skriv {} under overskriften, eller skriv udkast: true øverst i filen, så indsatsen ikke bliver udgivet endnu",
                        if name == "Status" { "status på indsatsen" } else { "hvad der bliver gjort" }
                    )),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_text_and_empty_sections_are_found_on_their_lines() {
        let text = "---\ntitel: x\n---\n## Indsats\n\nHvad der bliver gjort.\n\n## Status\n\n";
        let body = &text[text.find("## Indsats").expect("body")..];
        let found = check_body(Path::new("a.md"), text, body);
        let places: Vec<(Option<usize>, &str)> =
            found.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(places.len(), 2, "{places:?}");
        assert_eq!(places[0].0, Some(6));
        assert!(places[0].1.contains("eksempeltekst"));
        assert_eq!(places[1].0, Some(8));
        assert!(places[1].1.contains("\"Status\" er tomt"));
    }

    #[test]
    fn written_sections_pass() {
        let text = "---\n---\n## Indsats\n\nKurser.\n\n## Status\n\n41 børn.\n";
        let body = &text[8..];
        assert!(check_body(Path::new("a.md"), text, body).is_empty());
    }
}
