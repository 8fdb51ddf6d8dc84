//! A status report as the text of its PDF: page headers ("Side 1 af 8"), the header row as
//! one line with spaces ("Indsats Formål Aktører Tidsplan"), the cells column by column,
//! words hyphenated at line ends, footnote markers as plain digits ("Sundhed1"). Read into
//! the same `ParsedReport` as the Word export, with a note on every boundary and join that
//! had to be guessed. `columns` finds the cells, `unwrap` joins the lines.

mod columns;
mod unwrap;

use super::parse::{heading_block, report_plan, Column, Heading, ParsedReport, RawInitiative};
use crate::text::slug::fold_ascii;
use std::collections::BTreeMap;
use unwrap::Breaks;

/// The note every initiative read from the PDF's text gets.
const READ_FROM_PDF: &str = "læst fra PDF'ens tekst, hvor cellerne står kolonne for kolonne: grænserne mellem Indsats, Formål, Aktører og Tidsplan er gættet ud fra linjernes bredde; sammenlign felterne med rapporten";

/// Whether `text` looks like the PDF's text: a header row written with spaces, not tabs.
pub fn recognises(text: &str) -> bool {
    text.lines().any(|l| header_row(l).is_some())
}

/// The columns of a header row with spaces ("Indsats Formål Aktører Tidsplan").
fn header_row(line: &str) -> Option<Vec<Column>> {
    if line.contains('\t') {
        return None;
    }
    let words: Vec<String> = line
        .split_whitespace()
        .map(|w| fold_ascii(w).to_lowercase())
        .collect();
    let columns: Vec<Column> = words
        .iter()
        .map(|w| match w.as_str() {
            "indsats" => Some(Column::Initiative),
            "formaal" => Some(Column::Purpose),
            "aktoerer" => Some(Column::Actors),
            "tidsplan" => Some(Column::Timeline),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (columns
        == [
            Column::Initiative,
            Column::Purpose,
            Column::Actors,
            Column::Timeline,
        ])
    .then_some(columns)
}

/// Parses the PDF's text. Fails when it has no header row.
pub fn parse(text: &str, theme_names: &[String]) -> Result<ParsedReport, String> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut lines: Vec<&str> = text.lines().filter(|l| !is_page_header(l)).collect();
    drop_repeated_title(&mut lines);
    let headers: Vec<usize> = (0..lines.len())
        .filter(|&i| header_row(lines[i]).is_some())
        .collect();
    if headers.is_empty() {
        return Err("den har ingen overskriftsrække \"Indsats Formål Aktører Tidsplan\"".into());
    }
    let mut starts = Vec::new();
    let mut headings = Vec::new();
    let mut lower = 0;
    for &h in &headers {
        let (start, title, theme) = heading_block(&lines, lower, h, theme_names);
        starts.push(start);
        headings.push((title, theme));
        lower = h + 1;
    }
    let bodies: Vec<(usize, usize)> = headers
        .iter()
        .enumerate()
        .map(|(k, &h)| (h + 1, starts.get(k + 1).copied().unwrap_or(lines.len())))
        .collect();
    let mut footnotes = BTreeMap::new();
    let mut tables = Vec::new();
    for &(from, to) in &bodies {
        let status = (from..to).find(|&i| is_status(lines[i])).unwrap_or(to);
        for line in &mut lines[from..status] {
            if let Some((n, note)) = footnote(line) {
                footnotes.insert(n, note);
                *line = "";
            }
        }
        tables.push(status);
    }
    let initiatives = headings
        .into_iter()
        .zip(bodies.iter().zip(&tables))
        .map(|((title, theme), (&(from, to), &status))| {
            let mut raw = initiative(&lines[from..status], lines.get(status + 1..to), &footnotes);
            raw.notes.insert(0, READ_FROM_PDF.to_string());
            RawInitiative {
                title,
                theme,
                ..raw
            }
        })
        .collect();
    Ok(ParsedReport {
        plan: report_plan(&lines),
        initiatives,
        footnotes,
    })
}

/// One initiative from its table's lines and its Status lines (`None`: no Status line).
fn initiative(
    table: &[&str],
    status: Option<&[&str]>,
    footnotes: &BTreeMap<u32, String>,
) -> RawInitiative {
    let (cells, mut notes) = columns::table(table);
    if cells.len() > 1 {
        notes.push(format!(
            "PDF-teksten: tabellen er læst som {} grupper af rækker; i PDF'en kan en gruppe rumme flere af rapportens rækker, så tjek rækkerne mod rapporten",
            cells.len()
        ));
    }
    let mut rows = Vec::new();
    for row in &cells {
        let mut out = Vec::new();
        for (c, lines) in row.iter().enumerate() {
            let breaks = if c == columns::COLUMNS - 1 {
                Breaks::Join
            } else {
                Breaks::Paragraph
            };
            let bullet = |i: usize| lines[i].starts_with(' ') && !lines[i].trim().is_empty();
            let (mut paragraphs, joins) = unwrap::paragraphs(lines, breaks, &bullet);
            notes.extend(joins);
            if c == 2 {
                // One actor a line; a comma at a line's end only separated it from the next.
                for p in &mut paragraphs {
                    let kept = p.trim_end_matches(',').len();
                    p.truncate(kept);
                }
            }
            out.push(with_markers(&paragraphs.join("\n"), footnotes));
        }
        rows.push(out);
    }
    let status = status.map(|lines| {
        let (paragraphs, joins) =
            unwrap::paragraphs(lines, Breaks::Paragraph, &|i| status_bullet(lines, i));
        notes.extend(joins);
        with_markers(&paragraphs.join("\n"), footnotes)
    });
    RawInitiative {
        title: Heading {
            text: String::new(),
            line: 0,
        },
        theme: None,
        columns: vec![
            Column::Initiative,
            Column::Purpose,
            Column::Actors,
            Column::Timeline,
        ],
        rows,
        status,
        notes,
    }
}

/// In the Status text, a line the PDF indents by a space lost its bullet, unless it is the
/// first line or ends in a colon (a sub-heading at a page top).
fn status_bullet(lines: &[&str], i: usize) -> bool {
    let line = lines[i];
    let first = lines.iter().position(|l| !l.trim().is_empty());
    line.starts_with(' ')
        && !line.trim().is_empty()
        && !line.trim_end().ends_with(':')
        && first != Some(i)
}

/// "Side 1 af 8".
fn is_page_header(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(words.as_slice(), ["Side", n, "af", m]
        if n.chars().all(|c| c.is_ascii_digit()) && m.chars().all(|c| c.is_ascii_digit()))
}

/// Blanks the report's title where it is repeated at a page top.
fn drop_repeated_title(lines: &mut [&str]) {
    let Some(first) = lines.iter().position(|l| {
        fold_ascii(l.trim())
            .to_lowercase()
            .starts_with("status paa")
    }) else {
        return;
    };
    let title = lines[first].trim();
    for line in lines.iter_mut().skip(first + 1) {
        if line.trim() == title {
            *line = "";
        }
    }
}

/// "Status", alone on its line.
fn is_status(line: &str) -> bool {
    matches!(line.trim(), "Status" | "Status:")
}

/// "1 ABC forkortelse for Act - Belong - Commit." → (1, the note); a footnote in this form
/// has a plain number, a space and a capital.
fn footnote(line: &str) -> Option<(u32, String)> {
    let line = line.trim();
    let (number, rest) = line.split_once(' ')?;
    let n: u32 = number.parse().ok().filter(|n| (1..=20).contains(n))?;
    let rest = rest.trim();
    rest.chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then(|| (n, rest.to_string()))
}

/// Writes a footnote marker that the PDF's text gives as a plain digit after a word
/// ("Sundhed1 i", "Holbækmodellen2”") as the superscript the Word export uses, for the
/// footnotes the report has (`markup` turns them into Markdown footnotes); digits inside a
/// word ("type2-diabetes") stay.
fn with_markers(text: &str, footnotes: &BTreeMap<u32, String>) -> String {
    const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let marker = c.to_digit(10).filter(|d| {
            footnotes.contains_key(d)
                && i > 0
                && chars[i - 1].is_alphabetic()
                && chars
                    .get(i + 1)
                    .is_none_or(|n| !n.is_alphanumeric() && *n != '-')
        });
        match marker {
            Some(d) => out.push(SUPERSCRIPT[d as usize]),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rows_and_page_headers() {
        assert!(header_row("Indsats Formål Aktører Tidsplan").is_some());
        assert!(header_row("Indsats\tFormål\tAktører\tTidsplan").is_none());
        assert!(header_row("Indsats og formål").is_none());
        assert!(is_page_header("Side 1 af 8"));
        assert!(!is_page_header("Side om side"));
    }

    #[test]
    fn footnote_markers_become_superscripts() {
        let notes = BTreeMap::from([(1, "ABC".to_string()), (2, "Holbæk".to_string())]);
        assert_eq!(
            with_markers(
                "Mental Sundhed1 i type2-diabetes, WHO-5 og ”Holbækmodellen2”",
                &notes
            ),
            "Mental Sundhed¹ i type2-diabetes, WHO-5 og ”Holbækmodellen²”"
        );
        assert_eq!(
            footnote("2 Holbækmodellen er udviklet"),
            Some((2, "Holbækmodellen er udviklet".into()))
        );
        assert_eq!(footnote("114 borgere blev henvist"), None);
        assert_eq!(footnote("3 kvartal 2018"), None);
    }
}
