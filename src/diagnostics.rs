//! Problems found in a site's files, as data: where (file, line, column), what is wrong and
//! what to write instead. Messages are Danish because editors read them; this module only
//! formats them (for a terminal, or as plain data for the browser overlay and JSON) and never
//! prints.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, e.g. `content/indsatser/2020-2021/mental-balance.md`.
    pub file: PathBuf,
    /// 1-based line in the file, when the problem has one.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// What is wrong, in Danish.
    pub message: String,
    /// What to write instead, in Danish.
    pub hint: Option<String>,
    /// The offending line as written, for context.
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            snippet: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Places the problem at a line and column, and keeps that line of `source` as a snippet.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self.snippet = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end().to_string());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, or as much of it as is known.
    pub fn location(&self) -> String {
        let file = display_path(&self.file);
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file,
        }
    }

    fn sort_key(&self) -> (PathBuf, usize, usize, Severity, String) {
        (
            self.file.clone(),
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.severity,
            self.message.clone(),
        )
    }
}

/// A path with forward slashes, as editors see it in the README and in the browser.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Sorts problems by file, then line, so output is stable and reads top to bottom.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| d.sort_key());
}

impl fmt::Display for Diagnostic {
    /// Terminal form, modelled on rustc's:
    ///
    /// ```text
    /// fejl: ukendt nøgle "formal"
    ///   --> content/indsatser/2020-2021/mental-balance.md:4:1
    ///    |
    ///  4 | formal: At deltagerne lærer ...
    ///    | ^
    ///    = skriv i stedet: formål
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        self.write_terminal(&mut text)?;
        // File names and snippets are the editor's bytes: never let them steer the terminal.
        f.write_str(&visible(&text))
    }
}

/// Control characters (a stray BEL, an escape sequence) shown as visible symbols.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// At most this many characters of a snippet are shown, around the column.
const SNIPPET_WIDTH: usize = 100;

/// The part of a long line worth showing, and where the column falls in it (0-based).
fn snippet_window(snippet: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = snippet.chars().collect();
    let col = column.saturating_sub(1).min(chars.len());
    if chars.len() <= SNIPPET_WIDTH {
        return (snippet.to_string(), col);
    }
    let start = col.saturating_sub(SNIPPET_WIDTH / 2);
    let end = (start + SNIPPET_WIDTH).min(chars.len());
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, col - start + usize::from(start > 0))
}

impl Diagnostic {
    fn write_terminal(&self, f: &mut String) -> fmt::Result {
        use std::fmt::Write;
        let label = match self.severity {
            Severity::Error => "fejl",
            Severity::Warning => "advarsel",
        };
        writeln!(f, "{label}: {}", self.message)?;
        writeln!(f, "  --> {}", self.location())?;
        let width = self.line.map_or(1, |l| l.to_string().len());
        let pad = " ".repeat(width);
        if let (Some(line), Some(snippet)) = (self.line, &self.snippet) {
            let (snippet, col) = snippet_window(snippet, self.column.unwrap_or(1));
            writeln!(f, " {pad} |")?;
            writeln!(f, " {line} | {snippet}")?;
            if self.column.is_some() {
                let indent: String = snippet
                    .chars()
                    .take(col)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, " {pad} | {indent}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, " {pad} = hjælp: {hint}")?;
        }
        Ok(())
    }
}

/// All problems of a run, rendered for a terminal with a closing count.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out.push_str(&summary(diagnostics));
    out
}

/// `2 fejl og 1 advarsel i 2 filer.`
fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let files = {
        let mut f: Vec<&PathBuf> = diagnostics.iter().map(|d| &d.file).collect();
        f.sort();
        f.dedup();
        f.len()
    };
    format!(
        "{} i {} {}.\n",
        count_phrase(errors, warnings),
        files,
        if files == 1 { "fil" } else { "filer" }
    )
}

/// As `render_all`, with a heading line before each file's problems (`render_check` uses it).
pub fn render_grouped(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let mut current: Option<&PathBuf> = None;
    for d in diagnostics {
        if current != Some(&d.file) {
            let (e, w) =
                diagnostics
                    .iter()
                    .filter(|x| x.file == d.file)
                    .fold(
                        (0, 0),
                        |(e, w), x| if x.is_error() { (e + 1, w) } else { (e, w + 1) },
                    );
            let counts = match (e, w) {
                (0, _) => count_phrase(0, w).replace("0 fejl og ", ""),
                (_, 0) => count_phrase(e, 0),
                _ => count_phrase(e, w),
            };
            out.push_str(&format!("== {} ({counts})\n\n", display_path(&d.file)));
            current = Some(&d.file);
        }
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out.push_str(&summary(diagnostics));
    out
}

/// How many times one warning (same words, same hint) must recur before `render_check` shows
/// it once with its list of places.
const REPEATED: usize = 3;

/// The report of `indsats check`: the files with errors first, then the files with warnings
/// only (each under a heading, as `render_grouped`), then each warning that recurs in
/// `REPEATED` places or more shown once with every place it is in, then the count line. So a
/// new problem does not drown among twenty alike.
pub fn render_check(diagnostics: &[Diagnostic]) -> String {
    let key = |d: &Diagnostic| (d.message.clone(), d.hint.clone());
    let mut times: std::collections::HashMap<(String, Option<String>), usize> =
        std::collections::HashMap::new();
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        *times.entry(key(d)).or_default() += 1;
    }
    let repeated = |d: &Diagnostic| !d.is_error() && times[&key(d)] >= REPEATED;
    let has_errors = |file: &PathBuf| diagnostics.iter().any(|d| d.is_error() && &d.file == file);
    let (first, then): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
        .iter()
        .filter(|d| !repeated(d))
        .cloned()
        .partition(|d| has_errors(&d.file));
    let mut out = String::new();
    for part in [first, then] {
        let grouped = render_grouped(&part);
        // Everything but `render_grouped`'s own count line.
        let body = grouped.trim_end_matches('\n');
        out.push_str(body.rsplit_once('\n').map_or("", |(b, _)| b));
        if !part.is_empty() {
            out.push('\n');
        }
    }
    let mut shown: Vec<(String, Option<String>)> = Vec::new();
    for d in diagnostics.iter().filter(|d| repeated(d)) {
        let k = key(d);
        if shown.contains(&k) {
            continue;
        }
        let places: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|x| !x.is_error() && key(x) == k)
            .collect();
        let mut files: Vec<&PathBuf> = places.iter().map(|p| &p.file).collect();
        files.sort();
        files.dedup();
        let where_ = if files.len() == places.len() {
            format!("i {} filer", places.len())
        } else {
            format!("{} steder", places.len())
        };
        out.push_str(&format!(
            "== Samme advarsel {where_}\n\nadvarsel: {}\n",
            visible(&d.message)
        ));
        for p in &places {
            out.push_str(&format!("  --> {}\n", visible(&p.location())));
        }
        if let Some(h) = &d.hint {
            out.push_str(&format!("   = hjælp: {}\n", visible(h)));
        }
        out.push('\n');
        shown.push(k);
    }
    out.push_str(&summary(diagnostics));
    out
}

fn count_phrase(errors: usize, warnings: usize) -> String {
    let e = if errors == 1 {
        "1 fejl".to_string()
    } else {
        format!("{errors} fejl")
    };
    match warnings {
        0 => e,
        1 => format!("{e} og 1 advarsel"),
        n => format!("{e} og {n} advarsler"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_snippet_caret_and_hint() {
        let src = "titel: X\nformal: Y\n";
        let d = Diagnostic::error("content/a.md", "ukendt nøgle \"formal\"")
            .at(src, 2, 1)
            .hint("skriv \"formål\"");
        let text = d.to_string();
        assert!(text.contains("--> content/a.md:2:1"), "{text}");
        assert!(text.contains(" 2 | formal: Y"), "{text}");
        assert!(text.contains("   | ^"), "{text}");
        assert!(text.contains("hjælp: skriv \"formål\""), "{text}");
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut v = vec![
            Diagnostic::error("b.md", "x").at("", 1, 1),
            Diagnostic::error("a.md", "y").at("", 9, 1),
            Diagnostic::error("a.md", "z").at("", 2, 1),
        ];
        sort(&mut v);
        let order: Vec<_> = v.iter().map(|d| d.location()).collect();
        assert_eq!(order, ["a.md:2:1", "a.md:9:1", "b.md:1:1"]);
    }

    #[test]
    fn counts_in_danish() {
        let v = vec![
            Diagnostic::error("a.md", "x"),
            Diagnostic::warning("b.md", "y"),
        ];
        assert!(render_all(&v).ends_with("1 fejl og 1 advarsel i 2 filer.\n"));
    }
}
