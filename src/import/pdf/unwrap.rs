//! Undoes the PDF's line wrapping: lines that end with a space, a hyphen or a dash continue on
//! the next line; a line that ends without one ends its paragraph (or list item); a word
//! hyphenated at a line end is joined. It does not decide which column a line belongs to.

/// How a line of the PDF text ends, and so how it meets the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// Ends a paragraph or list item.
    Break,
    /// Wrapped at a space (or after a dash): the next line follows after a space.
    Space,
    /// A word hyphenated at the line end: the next line finishes the word.
    Hyphen,
}

/// How lines that end without a space are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Breaks {
    /// They end a paragraph: Indsats, Formål, Aktører (one actor a line), the Status text.
    Paragraph,
    /// They are joined with a space; only blank lines part paragraphs: Tidsplan, whose
    /// narrow column breaks lines where the report has one sentence.
    Join,
}

/// Wrapped lines as paragraphs (list items written "- item"), and a note (Danish) for each
/// join that had to be guessed. `lines` may hold blank lines; `bullet` says whether a line
/// (by its index) is a list item, whose bullet the PDF's text lost.
pub(super) fn paragraphs(
    lines: &[&str],
    breaks: Breaks,
    bullet: &dyn Fn(usize) -> bool,
) -> (Vec<String>, Vec<String>) {
    let mut out: Vec<String> = Vec::new();
    let mut notes = Vec::new();
    let mut open: Option<End> = None;
    let mut after_blank = false;
    for (i, raw) in lines.iter().enumerate() {
        let text = raw.trim();
        if text.is_empty() {
            after_blank = true;
            continue;
        }
        let is_item = bullet(i);
        let lower = text.chars().next().is_some_and(char::is_lowercase);
        let sentence_ended = out.last().is_some_and(|p| p.ends_with('.'));
        let joins = match open {
            None => false,
            Some(_) if is_item => false,
            // Tidsplan: one sentence after another is one span ("kontinuerligt. Kvartal 3").
            Some(End::Break) => breaks == Breaks::Join && (!after_blank || sentence_ended),
            Some(_) => !after_blank || lower,
        };
        match (joins, open, out.last_mut()) {
            (true, Some(end), Some(current)) => {
                if after_blank && end != End::Break {
                    notes.push(format!(
                        "PDF-teksten: \"{}\" fortsætter efter en tom linje (et sideskift?) og er sat sammen med teksten før; tjek det",
                        first_words(text, 4)
                    ));
                }
                if end == End::Hyphen {
                    join_hyphenated(current, text, &mut notes);
                } else {
                    current.push(' ');
                    current.push_str(text);
                }
            }
            _ if is_item => out.push(format!("- {text}")),
            _ => out.push(text.to_string()),
        }
        open = Some(line_end(raw));
        after_blank = false;
    }
    (out, notes)
}

/// How `line` (untrimmed) ends.
fn line_end(line: &str) -> End {
    if line.ends_with(char::is_whitespace) {
        return End::Space;
    }
    let mut rev = line.chars().rev();
    match (rev.next(), rev.next()) {
        (Some('-'), Some(before)) if before.is_alphanumeric() => End::Hyphen,
        (Some('-' | '–'), _) => End::Space,
        _ => End::Break,
    }
}

/// Appends `next` to `current`, which ends in a hyphen at a line end: "Rød-" + "ovre" →
/// "Rødovre"; the hyphen stays before a capital ("Social-Psykiatriafdeling") or a digit, and
/// before "og"/"eller"/"samt" with a space ("sundheds- og").
fn join_hyphenated(current: &mut String, next: &str, notes: &mut Vec<String>) {
    let word = next.split_whitespace().next().unwrap_or("");
    let first = next.chars().next();
    if matches!(word, "og" | "eller" | "samt") {
        current.push(' ');
    } else if first.is_some_and(char::is_uppercase) {
        let head = current.rsplit(' ').next().unwrap_or("").to_string();
        notes.push(format!(
            "PDF-teksten: bindestregen i \"{head}{}\" ved et linjeskift er beholdt, fordi næste linje begynder med stort; tjek ordet",
            word.trim_end_matches([',', '.', ':', ';'])
        ));
    } else if !first.is_some_and(|c| c.is_ascii_digit()) {
        current.pop();
    }
    current.push_str(next);
}

/// The first `n` words of `text`, with "…" when there are more.
pub(super) fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > n {
        format!("{} …", words[..n].join(" "))
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, breaks: Breaks) -> Vec<String> {
        let lines: Vec<&str> = text.split('\n').collect();
        let bullet = |i: usize| lines[i].starts_with(' ') && !lines[i].trim().is_empty();
        paragraphs(&lines, breaks, &bullet).0
    }

    #[test]
    fn hyphenated_words_are_joined_and_real_hyphens_kept() {
        assert_eq!(
            read(
                "Projektkoordinator starter i Rød-\novre ultimo 2018.",
                Breaks::Paragraph
            ),
            vec!["Projektkoordinator starter i Rødovre ultimo 2018."]
        );
        assert_eq!(
            read(
                "et sundheds-\nog trivsels-\nfremmende sigte.",
                Breaks::Paragraph
            ),
            vec!["et sundheds- og trivselsfremmende sigte."]
        );
        assert_eq!(
            read(
                "Social-\nPsykiatriafdeling\nfortsætter i 2019-\n2020.",
                Breaks::Paragraph
            ),
            vec!["Social-Psykiatriafdeling", "fortsætter i 2019-2020."]
        );
    }

    #[test]
    fn breaks_end_paragraphs_or_join_and_bullets_start_items() {
        assert_eq!(
            read("Kulturafdeling\nSundhedscenter", Breaks::Paragraph),
            vec!["Kulturafdeling", "Sundhedscenter"]
        );
        assert_eq!(
            read(
                "Svar forventes slut \njuni.\nPilotprojektet va-\nrer et år.\n \nStart: \n2. kvartal \n\nSlut: \n4. kvartal",
                Breaks::Join
            ),
            vec![
                "Svar forventes slut juni. Pilotprojektet varer et år. Start: 2. kvartal",
                "Slut: 4. kvartal"
            ]
        );
        assert_eq!(
            read(
                "inkluderer: \n Forundersøgelse\n Opfølgende samtaler og års-\n\nsamtale",
                Breaks::Paragraph
            ),
            vec![
                "inkluderer:",
                "- Forundersøgelse",
                "- Opfølgende samtaler og årssamtale"
            ]
        );
        assert_eq!(
            read("mental sundhed. \n\nMålet var", Breaks::Paragraph),
            vec!["mental sundhed.", "Målet var"]
        );
    }
}
