//! Splits a content file into its YAML front matter and its Markdown body, remembering on
//! which file line each starts so that problems can be placed exactly.

/// The two parts of a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// How many file lines come before the YAML (the opening `---` line at least).
    pub yaml_offset: usize,
    pub body: &'a str,
}

/// Why a file could not be split, with the 1-based line to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub line: usize,
    pub message: &'static str,
    pub hint: &'static str,
}

/// Splits `text` (BOM already removed, line ends already `\n`).
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError {
            line: 1,
            message: "filen er tom",
            hint: "skriv oplysningerne øverst i filen (mellem to linjer med ---): en linje med ---, nøglerne (titel: …), og en linje med ---",
        });
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(SplitError {
            line: 1,
            message:
                "filen begynder ikke med ---: oplysningerne øverst i filen skal stå mellem to linjer med ---",
            hint: "skriv --- på den allerførste linje, så nøglerne (titel: …) og så --- igen",
        });
    }
    let yaml_start = first.len();
    let mut pos = yaml_start;
    for (i, line) in lines.enumerate() {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_offset: 1,
                body: &text[pos + line.len()..],
            });
        }
        if i > 0 && is_body_heading(t) {
            return Err(unclosed(i + 2));
        }
        pos += line.len();
    }
    Err(unclosed(1))
}

fn unclosed(line: usize) -> SplitError {
    SplitError {
        line,
        message: "oplysningerne øverst i filen er ikke lukket med ---",
        hint: "oplysningerne står mellem to linjer med ---: tilføj en linje med --- efter den sidste oplysning og før teksten",
    }
}

/// A Markdown heading such as `## Status` can never be YAML: the front matter was not closed.
fn is_body_heading(line: &str) -> bool {
    // `# ` is a YAML comment; only a level-2 heading is unmistakably Markdown.
    line.starts_with("## ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\ntitel: a\n---\n## Indsats\n").expect("valid");
        assert_eq!(s.yaml, "titel: a\n");
        assert_eq!(s.yaml_offset, 1);
        assert_eq!(s.body, "## Indsats\n");
    }

    #[test]
    fn yaml_comments_are_not_taken_for_headings() {
        let s = split("---\ntitel: a\n# en kommentar\nstatus: b\n---\nx\n").expect("valid");
        assert_eq!(s.yaml, "titel: a\n# en kommentar\nstatus: b\n");
    }

    #[test]
    fn empty_yaml_and_empty_body_are_fine() {
        let s = split("---\n---\n").expect("valid");
        assert_eq!((s.yaml, s.body), ("", ""));
    }

    #[test]
    fn reports_missing_open_and_close() {
        assert_eq!(split("").map_err(|e| e.message), Err("filen er tom"));
        assert_eq!(split("titel: a\n").map_err(|e| e.line), Err(1));
        let e = split("---\ntitel: a\nstatus: b\n## Status\ntekst\n").expect_err("unclosed");
        assert_eq!(e.line, 4);
        assert_eq!(
            split("---").map_err(|e| e.message),
            Err("oplysningerne øverst i filen er ikke lukket med ---")
        );
    }
}
