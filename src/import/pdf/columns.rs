//! The table of the PDF's text: its cells come column by column (all of Indsats, then
//! Formål, Aktører and Tidsplan, then the next group of rows), blank lines part both the
//! paragraphs of a cell and the cells, and nothing marks which is which. Each column wraps at
//! its own width, so the lengths of the wrapped lines say which column a block of lines can
//! belong to; a search over all orderly assignments finds the cheapest. It does not join
//! the lines (that is `unwrap`'s job).

use super::unwrap::first_words;

/// Columns in the PDF's order.
pub(super) const COLUMNS: usize = 4;
/// The column names, in Danish, for notes.
const NAMES: [&str; COLUMNS] = ["Indsats", "Formål", "Aktører", "Tidsplan"];
/// Per column, (a wrapped line plus the next word is longer than this, a line is no longer
/// than this), in characters, measured on the 2018-2019 report.
const WIDTH: [(usize, usize); COLUMNS] = [(28, 39), (21, 25), (25, 30), (13, 19)];
/// The cost of a line that ends mid-block without wrapping, per column: normal in Aktører
/// (one actor a line), rare in Formål.
const BREAK_COST: [u32; COLUMNS] = [1, 3, 0, 1];
/// A Tidsplan block without a year, quarter, month or the like.
const NO_TIME_COST: u32 = 8;
/// An empty cell; a new group of rows; a line shared by two cells.
const EMPTY_COST: u32 = 6;
const ROW_COST: u32 = 10;
const SPLIT_COST: u32 = 4;
/// A block whose best other column costs at most this much more is noted as a guess.
const MARGIN: u32 = 2;
/// Groups of rows the search considers.
const MAX_ROWS: usize = 4;
/// The most blocks a table may have for each block's second-best column to be searched.
const SECOND_BEST_UP_TO: usize = 200;

/// Lines of the table between blank lines; `joined` holds the whole line when the previous
/// block's last line and this block's first were one line in the PDF's text (a line that
/// held the ends of two cells).
#[derive(Debug, Clone)]
struct Block<'a> {
    lines: Vec<&'a str>,
    joined: Option<&'a str>,
}

/// The table's lines (between the header row and Status) as rows of four cells, each cell
/// its lines with blank lines between paragraphs; and a note (Danish) per guessed boundary.
pub(super) fn table<'a>(lines: &[&'a str]) -> (Vec<Vec<Vec<&'a str>>>, Vec<String>) {
    let blocks = blocks(lines);
    if blocks.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let (best, places) = solve(&blocks, None);
    let mut notes = Vec::new();
    // Each block's second-best placement takes a search of its own: only for tables of the
    // size reports have, so that a text that is one huge table cannot take hours.
    let second_best = blocks.len() <= SECOND_BEST_UP_TO;
    for (i, b) in blocks.iter().enumerate() {
        let column = places[i] % COLUMNS;
        let rejoined = b.joined.is_some() && places[i] == places[i - 1];
        let (other, alternative) = if second_best && !rejoined {
            solve(&blocks, Some((i, column)))
        } else {
            (u32::MAX, Vec::new())
        };
        if second_best && !rejoined && other <= best.saturating_add(MARGIN) {
            let moved = alternative.get(i).map_or(column, |p| p % COLUMNS);
            notes.push(format!(
                "PDF-teksten: \"{}\" er læst som {}, men kan også høre til {}; tjek kolonnegrænsen",
                first_words(&b.lines.join(" "), 5),
                NAMES[column],
                NAMES[moved]
            ));
        }
        if b.joined.is_some() && places[i] != places[i - 1] {
            notes.push(format!(
                "PDF-teksten har \"{}\" og \"{}\" på én linje; de er delt mellem {} og {}; tjek det",
                first_words(blocks[i - 1].lines.last().unwrap_or(&""), 5),
                first_words(b.lines.first().unwrap_or(&""), 5),
                NAMES[places[i - 1] % COLUMNS],
                NAMES[column]
            ));
        }
    }
    (cells(&blocks, &places), notes)
}

/// Places the blocks into rows and columns; a block split off a shared line goes back onto
/// that line when it landed in the same cell.
fn cells<'a>(blocks: &[Block<'a>], places: &[usize]) -> Vec<Vec<Vec<&'a str>>> {
    let rows = places.last().map_or(0, |p| p / COLUMNS + 1);
    let mut out = vec![vec![Vec::new(); COLUMNS]; rows];
    for (i, b) in blocks.iter().enumerate() {
        let cell = &mut out[places[i] / COLUMNS][places[i] % COLUMNS];
        match b.joined {
            Some(line) if places[i] == places[i - 1] => {
                cell.pop();
                cell.push(line);
                cell.extend(&b.lines[1..]);
            }
            _ => {
                if !cell.is_empty() {
                    cell.push("");
                }
                cell.extend(&b.lines);
            }
        }
    }
    out
}

/// Splits the lines at blank lines, and a line too wide for any column but Indsats at a
/// sentence end (". " before a capital): the PDF's text may put the ends of two cells on one
/// line ("Strategimål 1 og 2. Afholdes den 9.").
fn blocks<'a>(lines: &[&'a str]) -> Vec<Block<'a>> {
    let mut out: Vec<Block<'a>> = Vec::new();
    let mut current = Block {
        lines: Vec::new(),
        joined: None,
    };
    for line in lines {
        if line.trim().is_empty() {
            if !current.lines.is_empty() {
                out.push(std::mem::replace(
                    &mut current,
                    Block {
                        lines: Vec::new(),
                        joined: None,
                    },
                ));
            }
        } else if let Some((head, tail)) = shared_line(line) {
            current.lines.push(head);
            out.push(std::mem::replace(
                &mut current,
                Block {
                    lines: vec![tail],
                    joined: Some(line),
                },
            ));
        } else {
            current.lines.push(line);
        }
    }
    if !current.lines.is_empty() {
        out.push(current);
    }
    out
}

/// "Strategimål 1 og 2. Afholdes den 9. " → ("Strategimål 1 og 2.", "Afholdes den 9. ").
fn shared_line(line: &str) -> Option<(&str, &str)> {
    if line.trim_end().chars().count() <= WIDTH[2].1 {
        return None;
    }
    line.match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| line[i + 1..].chars().next().is_some_and(char::is_uppercase))
        .map(|i| (&line[..i], &line[i + 1..]))
}

/// The cheapest placement of every block, as positions (row × 4 + column), never going back;
/// with `forbid` = (block, column), that block may not go into that column.
fn solve(blocks: &[Block], forbid: Option<(usize, usize)>) -> (u32, Vec<usize>) {
    const NONE: u32 = u32::MAX / 4;
    let places = COLUMNS * MAX_ROWS;
    let n = blocks.len();
    let mut best = vec![vec![NONE; places]; n];
    let mut back = vec![vec![0usize; places]; n];
    for (i, block) in blocks.iter().enumerate() {
        let costs: Vec<u32> = (0..COLUMNS).map(|c| cost(block, c)).collect();
        for p in 0..places {
            if forbid == Some((i, p % COLUMNS)) {
                continue;
            }
            let here = costs[p % COLUMNS];
            if i == 0 {
                best[0][p] = here.saturating_add(step(None, p));
                continue;
            }
            for q in 0..=p {
                let split = match blocks[i].joined {
                    Some(_) if q != p => SPLIT_COST,
                    Some(line) => {
                        let width = line.trim_end().chars().count();
                        3 * width.saturating_sub(WIDTH[p % COLUMNS].1) as u32
                    }
                    None => 0,
                };
                let v = best[i - 1][q]
                    .saturating_add(here)
                    .saturating_add(step(Some(q), p))
                    .saturating_add(split);
                if v < best[i][p] {
                    best[i][p] = v;
                    back[i][p] = q;
                }
            }
        }
    }
    let Some((end, total)) = (0..places)
        .map(|p| {
            (
                p,
                best[n - 1][p].saturating_add(EMPTY_COST * (COLUMNS - 1 - p % COLUMNS) as u32),
            )
        })
        .min_by_key(|&(_, v)| v)
    else {
        return (NONE, vec![0; n]);
    };
    let mut path = vec![end];
    for i in (1..n).rev() {
        let last = path[path.len() - 1];
        path.push(back[i][last]);
    }
    path.reverse();
    (total, path)
}

/// The cost of moving from position `from` (none: the table's start) to `to`: the cells
/// skipped are empty, and each new group of rows costs.
fn step(from: Option<usize>, to: usize) -> u32 {
    let (skipped, rows) = match from {
        None => (to, to / COLUMNS),
        Some(q) => (to.saturating_sub(q + 1), to / COLUMNS - q / COLUMNS),
    };
    EMPTY_COST * skipped as u32 + ROW_COST * rows as u32
}

/// How badly `block` fits `column`: lines wider than the column, wrapped lines that had room
/// for the next word, lines that end mid-block, and a Tidsplan without a time.
fn cost(block: &Block, column: usize) -> u32 {
    let (room, widest) = WIDTH[column];
    let mut total: u32 = 0;
    for (i, line) in block.lines.iter().enumerate() {
        let trimmed = line.trim_end();
        let len = trimmed.chars().count();
        let over = u32::try_from(len.saturating_sub(widest)).unwrap_or(u32::MAX / 4);
        total = over.saturating_mul(3).saturating_add(total);
        let Some(next) = block.lines.get(i + 1) else {
            continue;
        };
        let word = next.split_whitespace().next().unwrap_or("").chars().count();
        let fits = if line.ends_with(char::is_whitespace) {
            len + 1 + word
        } else if trimmed.ends_with('-') {
            len + word - 1
        } else {
            total = total.saturating_add(BREAK_COST[column]);
            continue;
        };
        let short = u32::try_from((room + 1).saturating_sub(fits)).unwrap_or(0);
        total = total.saturating_add(short);
    }
    if column == COLUMNS - 1 && !names_a_time(&block.lines) {
        total = total.saturating_add(NO_TIME_COST);
    }
    total
}

/// Whether the lines name a year, a quarter, a month or a span ("Kontinuerligt", "Start:").
fn names_a_time(lines: &[&str]) -> bool {
    let text: String = lines
        .iter()
        .map(|l| l.trim().trim_end_matches('-'))
        .collect::<Vec<_>>()
        .join("")
        .to_lowercase();
    let words = [
        "kvartal",
        "kontinuerlig",
        "løbende",
        "start",
        "slut",
        "ultimo",
        "primo",
        "forår",
        "efterår",
    ];
    let months = crate::model::MONTHS_DA.iter();
    words.iter().chain(months).any(|w| text.contains(w))
        || text
            .split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() == 4 && d.starts_with("20"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_go_to_the_column_their_width_fits() {
        let text = "Opstart af forskningsprojekt ”Vo-\nres Sunde Hverdag”. \n\nAt udvikle en model, \nder fremmer borgernes \nsundhed og trivsel for \nde tilgængelige ressour-\ncer.\n\nDirektører, fagchefer og mel-\nlemledere/konsulenter for al-\nle forvaltningsområder\nCKFF, Region H\n\nSeptember 2018 \n– april 2019";
        let lines: Vec<&str> = text.split('\n').collect();
        let (rows, _) = table(&lines);
        assert_eq!(rows.len(), 1);
        assert!(rows[0][0][0].starts_with("Opstart"));
        assert!(rows[0][1][0].starts_with("At udvikle"));
        assert!(rows[0][2][0].starts_with("Direktører"));
        assert_eq!(rows[0][3], vec!["September 2018 ", "– april 2019"]);
    }

    #[test]
    fn a_line_shared_by_two_cells_is_split() {
        let text = "I samarbejde med Kulturafdelingen \nog Cykelklubben Fix afholdes et \ncykelløb for alle.\n\nSkabe interesse for cyk-\nling både som trans-\nport- motions-og \nidrætsform.\n\nStrategimål 1 og 2. Afholdes den 9. \nseptember 2018.";
        let lines: Vec<&str> = text.split('\n').collect();
        let (rows, notes) = table(&lines);
        assert_eq!(rows[0][2], vec!["Strategimål 1 og 2."]);
        assert_eq!(rows[0][3], vec!["Afholdes den 9. ", "september 2018."]);
        assert!(notes.iter().any(|n| n.contains("på én linje")), "{notes:?}");
    }
}
