//! A status report in the tab-separated Word export (theme headings, initiative headings, a
//! header row `Indsats / Formål / [Strategimål /] Aktører / Tidsplan`, rows, then `Status` and
//! its paragraphs) → its initiatives with their cells still as written. Pure: text in, values
//! out. It does not resolve themes against `site.yaml`, guess statuses or write Markdown.

use super::markup;
use crate::text::slug::fold_ascii;
use std::collections::BTreeMap;

/// A column of the initiative tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Initiative,
    Purpose,
    Goals,
    Actors,
    Timeline,
    Other(String),
}

/// A heading as the report writes it, and the 1-based line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub text: String,
    pub line: usize,
}

/// One initiative as found in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawInitiative {
    /// The title as written (tags removed), and its line.
    pub title: Heading,
    /// The theme heading written right above the title (or in front of it on its line).
    pub theme: Option<Heading>,
    pub columns: Vec<Column>,
    /// The table's rows, one cell per column, in the export's markup.
    pub rows: Vec<Vec<String>>,
    /// The Status text in the export's markup (lines joined by `\n`); `None` when the report
    /// has no Status heading for this initiative.
    pub status: Option<String>,
    /// What reading the text had to guess, for an editor (Danish).
    pub notes: Vec<String>,
}

impl RawInitiative {
    /// The cell of `column` in `row`, or "" when the table has no such column.
    pub fn cell(&self, row: usize, column: &Column) -> &str {
        self.columns
            .iter()
            .position(|c| c == column)
            .and_then(|i| self.rows.get(row)?.get(i))
            .map_or("", String::as_str)
    }
}

/// Everything read from one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedReport {
    /// The plan period named in the report's title line, e.g. "2020-2021".
    pub plan: Option<String>,
    pub initiatives: Vec<RawInitiative>,
    /// Footnotes by number ("¹ ABC forkortelse for …" → 1), wherever they stand.
    pub footnotes: BTreeMap<u32, String>,
}

/// Parses a report. `theme_names` (names and aliases of the site's themes) lets a theme
/// written in front of the title on the same line ("Overvægt Vægtenheden") be split off.
/// Fails when the text has no initiative table at all. (The text of the report's PDF is read
/// by `pdf`.)
pub fn parse(text: &str, theme_names: &[String]) -> Result<ParsedReport, String> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut footnotes = BTreeMap::new();
    for line in &mut lines {
        if let Some((n, note)) = footnote(line) {
            footnotes.insert(n, note);
            *line = "";
        }
    }
    let headers: Vec<(usize, Vec<Column>)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| header_columns(l).map(|c| (i, c)))
        .collect();
    if headers.is_empty() {
        return Err(
            "den har ingen tabel med overskriftsrækken \"Indsats / Formål / Aktører / Tidsplan\""
                .into(),
        );
    }
    let mut starts = Vec::new();
    let mut headings = Vec::new();
    let mut lower = 0;
    for (h, _) in &headers {
        let (start, title, theme) = heading_block(&lines, lower, *h, theme_names);
        starts.push(start);
        headings.push((title, theme));
        lower = h + 1;
    }
    let mut initiatives = Vec::new();
    for (k, ((h, columns), (title, theme))) in headers.iter().zip(headings).enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let body = &lines[h + 1..end];
        let status_at = body.iter().position(|l| status_rest(l).is_some());
        let rows = rows(&body[..status_at.unwrap_or(body.len())], columns.len());
        let status = status_at.map(|s| {
            let mut parts = vec![status_rest(body[s]).unwrap_or_default()];
            parts.extend(body[s + 1..].iter().map(|l| {
                l.split('\t')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            }));
            parts.join("\n").trim().to_string()
        });
        initiatives.push(RawInitiative {
            title,
            theme,
            columns: columns.clone(),
            rows,
            status,
            notes: Vec::new(),
        });
    }
    Ok(ParsedReport {
        plan: report_plan(&lines),
        initiatives,
        footnotes,
    })
}

/// The text of a one-cell line without its markup.
fn plain_line(line: &str) -> String {
    markup::plain(line.trim_matches('\t'), " ")
        .trim()
        .to_string()
}

fn folded(s: &str) -> String {
    fold_ascii(s).to_lowercase()
}

/// "¹ ABC forkortelse for Act - Belong - Commit." → (1, "ABC forkortelse …").
fn footnote(line: &str) -> Option<(u32, String)> {
    let text = plain_line(line);
    let digits: String = text
        .chars()
        .take_while(|&c| markup::superscript_value(c).is_some())
        .collect();
    let rest = text[digits.len()..].strip_prefix([' ', '\u{a0}'])?;
    let n = digits
        .chars()
        .try_fold(0u32, |n, c| Some(n * 10 + markup::superscript_value(c)?))
        .filter(|_| !digits.is_empty())?;
    Some((n, rest.trim().to_string()))
}

/// The columns of a header row ("Indsats", "Formål", "Strategimål", … separated by tabs).
fn header_columns(line: &str) -> Option<Vec<Column>> {
    let cells: Vec<String> = line
        .split('\t')
        .map(|c| folded(&markup::plain(c, " ")))
        .filter(|c| !c.is_empty())
        .collect();
    if cells.len() < 2 || cells[0] != "indsats" || cells[1] != "formaal" {
        return None;
    }
    Some(
        cells
            .into_iter()
            .map(|c| match c.trim_end_matches(':') {
                "indsats" => Column::Initiative,
                "formaal" => Column::Purpose,
                "strategimaal" => Column::Goals,
                "aktoerer" => Column::Actors,
                "tidsplan" => Column::Timeline,
                other => Column::Other(other.to_string()),
            })
            .collect(),
    )
}

/// For a Status line ("Status", "<p>Status</p> <p>tekst…</p>"), the text after the word.
fn status_rest(line: &str) -> Option<String> {
    let mut cells = line.split('\t').map(str::trim).filter(|c| !c.is_empty());
    let first = cells.next()?;
    let rest = if plain_line(first).trim_end_matches(':') == "Status" {
        ""
    } else {
        let lower = first.to_ascii_lowercase();
        let len = ["<p>status</p>", "<p>status:</p>"]
            .iter()
            .find(|p| lower.starts_with(*p))?
            .len();
        &first[len..]
    };
    let mut parts = vec![rest.trim().to_string()];
    parts.extend(cells.map(str::to_string));
    Some(parts.join("\n").trim().to_string())
}

/// The title (and theme heading, if any) above the header row at `header`; returns the index
/// where this initiative's lines begin. `lower` is the first line the block may take.
pub(super) fn heading_block(
    lines: &[&str],
    lower: usize,
    header: usize,
    theme_names: &[String],
) -> (usize, Heading, Option<Heading>) {
    let mut candidates = (lower..header)
        .rev()
        .filter(|&i| !plain_line(lines[i]).is_empty())
        .take(2);
    let Some(t) = candidates.next() else {
        let title = Heading {
            text: String::new(),
            line: header + 1,
        };
        return (header, title, None);
    };
    let title = Heading {
        text: plain_line(lines[t]),
        line: t + 1,
    };
    if let Some(above) = candidates.next() {
        let text = plain_line(lines[above]);
        if is_theme_heading(&text) && status_rest(lines[above]).is_none() {
            let theme = Heading {
                text,
                line: above + 1,
            };
            return (above, title, Some(theme));
        }
    }
    match split_theme_prefix(&title.text, theme_names) {
        Some((theme, rest)) => {
            let line = title.line;
            (
                t,
                Heading { text: rest, line },
                Some(Heading { text: theme, line }),
            )
        }
        None => (t, title, None),
    }
}

/// A line that can be a theme heading: a few words, no sentence punctuation, not a list item
/// and not the report's own title.
fn is_theme_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=5).contains(&words)
        && text.chars().count() <= 40
        && !text.ends_with(['.', ':', ';', ',', '!', '?'])
        && !text.starts_with(['-', '•'])
        && !folded(text).starts_with("status")
}

/// "Mental Sundhed ABC for Mental Sundhed" → ("Mental Sundhed", "ABC for Mental Sundhed"),
/// trying the longest theme names first.
fn split_theme_prefix(title: &str, theme_names: &[String]) -> Option<(String, String)> {
    let words: Vec<&str> = title.split_whitespace().collect();
    let mut names: Vec<&String> = theme_names.iter().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.split_whitespace().count()));
    names.into_iter().find_map(|name| {
        let n = name.split_whitespace().count();
        if n == 0 || words.len() <= n {
            return None;
        }
        let head = words[..n].join(" ");
        (folded(&head) == folded(name)).then(|| (head, words[n..].join(" ")))
    })
}

/// The table rows between the header row and Status. A line with text in the first cell and
/// at least one other starts a row; any other line continues the row before it, cell by cell
/// (the export runs long cells over the next lines).
fn rows(lines: &[&str], width: usize) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in lines {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let filled = cells.iter().filter(|c| !c.is_empty()).count();
        if filled == 0 {
            continue;
        }
        let starts_row = !cells[0].is_empty() && filled >= 2;
        match rows.last_mut() {
            Some(row) if !starts_row => {
                for (i, c) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                    let cell = &mut row[i.min(width - 1)];
                    if !cell.is_empty() {
                        cell.push('\n');
                    }
                    cell.push_str(c);
                }
            }
            _ => {
                let mut row = vec![String::new(); width];
                for (i, c) in cells.iter().enumerate() {
                    let cell = &mut row[i.min(width - 1)];
                    if !cell.is_empty() && !c.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(c);
                }
                rows.push(row);
            }
        }
    }
    rows
}

/// "Status på handleplan for sundhedsindsatsen 2020-2021" → "2020-2021".
pub(super) fn report_plan(lines: &[&str]) -> Option<String> {
    let title = lines
        .iter()
        .map(|l| plain_line(l))
        .find(|l| folded(l).starts_with("status paa"))?;
    title.split_whitespace().find_map(|w| {
        let w = w.trim_matches(|c: char| !c.is_ascii_digit());
        crate::model::Plan::parse(w).map(|p| p.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "\nStatus på handleplan for sundhedsindsatsen 2020-2021\n\nTobak\n\nRøgfri fremtid\n\nIndsats\tFormål\tStrategimål\tAktører\tTidsplan\n<p>Implementering</p>\tFlere røgfri\tStrategimål 2,3,4.\tAlle\t2020-2023\n\nStatus\n\nDer er indført røgfri skoletid.\n\nOvervægt Vægtenheden\t\t\t\t\nIndsats\tFormål\tStrategimål\tAktører\tTidsplan\nTidlig indsats¹\tStøtte\tStrategimål 2\tSundhedsplejen\tKontinuerligt.\nFysisk aktivitet for børn,\tØge\t\t\t\nmed ekstra træning.\t\t\t\t\n\n¹ Holbækmodellen.\n<p>Status</p> <p>41 nye børn.</p>\t\t\t\t\n";

    #[test]
    fn reads_headings_rows_and_status() {
        let names = vec!["Tobak".to_string(), "Overvægt".to_string()];
        let r = parse(REPORT, &names).expect("a report");
        assert_eq!(r.plan.as_deref(), Some("2020-2021"));
        assert_eq!(r.initiatives.len(), 2);
        let a = &r.initiatives[0];
        assert_eq!(a.title.text, "Røgfri fremtid");
        assert_eq!(a.theme.as_ref().map(|t| t.text.as_str()), Some("Tobak"));
        assert_eq!(a.cell(0, &Column::Goals), "Strategimål 2,3,4.");
        assert_eq!(a.status.as_deref(), Some("Der er indført røgfri skoletid."));
        let b = &r.initiatives[1];
        assert_eq!(b.title.text, "Vægtenheden");
        assert_eq!(b.theme.as_ref().map(|t| t.text.as_str()), Some("Overvægt"));
        assert_eq!(
            b.rows.len(),
            2,
            "two rows; the third line continues the second"
        );
        assert_eq!(
            b.cell(1, &Column::Initiative),
            "Fysisk aktivitet for børn,\nmed ekstra træning."
        );
        assert_eq!(b.status.as_deref(), Some("<p>41 nye børn.</p>"));
        assert_eq!(
            r.footnotes.get(&1).map(String::as_str),
            Some("Holbækmodellen.")
        );
    }

    #[test]
    fn text_without_a_table_is_not_a_report() {
        assert!(parse("Referat af mødet\n\nDeltagere: …\n", &[]).is_err());
    }
}
