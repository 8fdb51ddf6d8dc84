//! What an editor must look at after an import, found in the values the import wrote: actor
//! names the export ran together into one line, hyphens left over from words divided at a
//! line end, and suggested headings cut short (the headings are made here too). Each is a
//! guess; the import lists them in its summary ("Skal ses af en redaktør") and changes nothing
//! on its own.

/// The notes for actor lines that seem to hold several names, with the split suggested.
pub fn actor_notes(actors: &[String]) -> Vec<String> {
    actors
        .iter()
        .filter_map(|actor| {
            let names = run_together(actor)?;
            let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
            Some(format!(
                "aktører: \"{actor}\" ser ud til at være flere navne skrevet sammen; del dem på hver sin linje, fx {}",
                quoted.join(", ")
            ))
        })
        .collect()
}

/// The notes for words that seem divided at a line end with the hyphen left in `text`.
pub fn hyphen_notes(text: &str) -> Vec<String> {
    leftover_hyphens(text)
        .into_iter()
        .map(|word| {
            format!(
                "\"{word}\" ser ud til at være et ord, der er delt ved et linjeskift; skriv \"{}\", hvis bindestregen ikke skal stå der",
                word.replace('-', "")
            )
        })
        .collect()
}

/// The first clause of a table row's text (Markdown), as a heading an editor can shorten or
/// keep, and whether it had to be cut short (after eight words, ending in " …").
pub fn suggested_heading(markdown: &str) -> (String, bool) {
    let first = markdown.lines().next().unwrap_or("");
    let first = first.trim_start_matches("- ").replace("**", "");
    let clause = first
        .split(['.', ':', '(', ';', '\\'])
        .next()
        .unwrap_or("")
        .trim();
    let words: Vec<&str> = clause.split_whitespace().collect();
    if words.len() > 8 {
        (format!("{} …", words[..8].join(" ")), true)
    } else {
        (clause.to_string(), false)
    }
}

/// Words after which a capitalised word continues the same name ("personale i Sundhedscenter",
/// "Kultur- og Sundhedsforvaltning").
const JOINING: [&str; 14] = [
    "i", "og", "for", "samt", "med", "på", "fra", "til", "af", "om", "under", "hos", "ved", "eller",
];

/// The names an actor line seems to hold, when it seems to hold more than one
/// ("Sundhedscenter Kommunikationsmedarbejder Ekstern psykolog" → three). A new name starts
/// at a capitalised word with no comma and no joining word before it, after a lower-case word
/// of five letters or more ("… læger Børne- og Familieafdelingen") or after a capitalised
/// word of eleven or more ("Sundhedsplejen Skoleafdelingen"): the export's names are long
/// compounds, while proper names of several words have short ones ("Steno Diabetes Center",
/// "Sund By Netværket"), and an abbreviation after a capitalised word belongs to it
/// ("Sekretariatet SOC"). Names of short words run together ("Meyers Madhus Ungdommens Røde
/// Kors") are missed.
pub fn run_together(actor: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = actor.split_whitespace().collect();
    let mut names: Vec<Vec<&str>> = Vec::new();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    for (i, w) in words.iter().enumerate() {
        let starts_name = i > 0 && {
            let prev = words[i - 1];
            let letters = prev.chars().count();
            let abbreviation = w.chars().all(|c| !c.is_lowercase());
            capital(w)
                && !prev.ends_with([',', ';', '/', '-', '–'])
                && !JOINING.contains(&prev.to_lowercase().as_str())
                && if capital(prev) {
                    letters >= 11 && !abbreviation
                } else {
                    letters >= 5
                }
        };
        match names.last_mut() {
            Some(name) if !starts_name => name.push(w),
            _ => names.push(vec![w]),
        }
    }
    (names.len() > 1).then(|| names.iter().map(|n| n.join(" ")).collect())
}

/// Words that look divided at a line end with the hyphen left in: a part of four letters or
/// more ending in the linking "s", a hyphen, and a lower-case part of four letters or more
/// ("Kommunikations-medarbejder"). Real compounds ("lænde-ryg", "roll-ups", "Klynge-Midt")
/// do not match. Each is returned once, in order of appearance.
pub fn leftover_hyphens(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    // A web address's words are not the text's ("…/borgers-rettigheder").
    let prose = text
        .split_whitespace()
        .filter(|t| !(t.contains("://") || t.contains("](") || t.starts_with(['/', '(', '<'])));
    let words = prose.flat_map(|t| t.split(|c: char| !(c.is_alphanumeric() || c == '-')));
    for word in words {
        let Some((head, tail)) = word.split_once('-') else {
            continue;
        };
        let letters = |s: &str| s.chars().count() >= 4 && s.chars().all(char::is_alphabetic);
        let divided = letters(head)
            && head.ends_with('s')
            && letters(tail)
            && tail.chars().all(char::is_lowercase);
        if divided && !found.iter().any(|f| f == word) {
            found.push(word.to_string());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_run_together_are_told_apart() {
        assert_eq!(
            run_together("Sundhedsfagligt personale i Sundhedscenter Kommunikations-medarbejder Ekstern psykolog som underviser"),
            Some(vec![
                "Sundhedsfagligt personale i Sundhedscenter".to_string(),
                "Kommunikations-medarbejder".to_string(),
                "Ekstern psykolog som underviser".to_string(),
            ])
        );
        assert_eq!(
            run_together("Ældre-Handicapafdeling Sundhedscenter Sekretariat SOC"),
            Some(vec![
                "Ældre-Handicapafdeling".to_string(),
                "Sundhedscenter".to_string(),
                "Sekretariat SOC".to_string(),
            ])
        );
        for whole in [
            "Kulturafdeling i samarbejde med Social- og Sundhedsforvaltning",
            "Skoler, Ungdomsuddannelser i Rødovre",
            "Sund By Netværket",
            "Vægtenheden for børn og unge",
            "Steno Diabetes Center, Region H og Aalborg Universitet",
        ] {
            assert_eq!(run_together(whole), None, "{whole}");
        }
    }

    #[test]
    fn only_line_end_hyphens_are_suspected() {
        assert!(leftover_hyphens(
            "[se her](https://x.dk/borgers-rettigheder) /sider/borgers-rettigheder/"
        )
        .is_empty());
        assert_eq!(
            leftover_hyphens("Kommunikations-medarbejder og Hjerterehabilerings-program; Kommunikations-medarbejder"),
            vec!["Kommunikations-medarbejder", "Hjerterehabilerings-program"]
        );
        assert!(leftover_hyphens(
            "lænde-ryg, roll-ups, Klynge-Midt, kost-motionsvejledning, type2-diabetes, 2019-2020"
        )
        .is_empty());
    }
}
