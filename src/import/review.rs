//! What an editor must look at after an import, found in the values the import wrote: actor
//! names the export ran together into one line, hyphens left over from words divided at a
//! line end, and suggested headings cut short. Each is a guess; the import lists them in its
//! summary ("Skal ses af en redaktør") and changes nothing on its own.

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
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
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
