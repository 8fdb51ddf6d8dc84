//! Small readings of report wording: the plan status guessed from the Status text, and the
//! strategic goals in "Strategimål 2, 3 og 4". Both are pure; the status is only ever a guess,
//! and the importer lists every guess for an editor to check.

use crate::model::Status;

/// Phrases that point to a status, checked in this order (the first phrase found wins).
/// Ongoing is checked before completed because a running course reports both ("20 har
/// gennemført" one round while the next has started).
const SIGNALS: &[(Status, &[&str])] = &[
    (
        Status::Cancelled,
        &[
            "ikke imødekommet",
            "lukkes ned",
            "ikke arbejdet videre",
            "er aflyst",
            "indsatsen aflyses",
            "er opgivet",
        ],
    ),
    (
        Status::Postponed,
        &[
            "derfor udsat",
            "udsat til senere",
            "udskudt",
            "afventer",
            "sat i bero",
        ],
    ),
    (
        Status::Planned,
        &[
            "ikke igangsat",
            "ikke startet",
            "ikke påbegyndt",
            "endnu ikke",
        ],
    ),
    (
        Status::Ongoing,
        &[
            "igangværende",
            "fortsætter",
            "fortsat",
            "i gang",
            "løbende",
            "stadig",
            "startede",
            "startet",
            "arbejder",
            "aktive",
            "videreføres",
        ],
    ),
    (
        Status::Completed,
        &["afsluttet", "gennemført", "afholdt den", "er afholdt"],
    ),
];

/// The status a Status text suggests, and the phrase that suggested it (`None`: no phrase
/// found, so the guess is the default, `igangværende`; an empty text gives `planlagt`).
pub fn status(text: &str) -> (Status, Option<&'static str>) {
    let lower = text.to_lowercase();
    if lower.trim().is_empty() {
        return (Status::Planned, None);
    }
    for (status, phrases) in SIGNALS {
        if let Some(p) = phrases.iter().find(|p| contains_words(&lower, p)) {
            return (*status, Some(p));
        }
    }
    (Status::Ongoing, None)
}

/// Whether `phrase` occurs in `text` as whole words ("udsat" is not in "udsatte").
fn contains_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Reads "Strategimål 2, 3 og 4.", "Strategimål: 1,2,3,4", "2,3,4" or "1 og 4" as goal
/// numbers, ascending and without repeats. `None` when the text holds anything else (such
/// a cell is kept as text for an editor to read).
pub fn goals(text: &str) -> Option<Vec<u32>> {
    let folded = crate::text::slug::fold_ascii(text.trim()).to_lowercase();
    let rest = folded
        .strip_prefix("strategimaal")
        .unwrap_or(&folded)
        .trim_start_matches([':', ' '])
        .trim_end_matches(['.', ' ']);
    let mut numbers = Vec::new();
    for part in rest.split([',', '&', ' ']).filter(|p| !p.is_empty()) {
        match part {
            "og" => {}
            n => numbers.push(n.parse::<u32>().ok()?),
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    (!numbers.is_empty()).then_some(numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategic_goals_in_every_spelling_of_the_reports() {
        assert_eq!(goals("Strategimål 2, 3 og 4."), Some(vec![2, 3, 4]));
        assert_eq!(goals("Strategimål 2,3,4."), Some(vec![2, 3, 4]));
        assert_eq!(goals("Strategimål: 1,2,3,4"), Some(vec![1, 2, 3, 4]));
        assert_eq!(goals("Strategimål 1 og 4."), Some(vec![1, 4]));
        assert_eq!(goals("Strategimål 2, 3"), Some(vec![2, 3]));
        assert_eq!(goals("Strategimaal 2"), Some(vec![2]));
        assert_eq!(goals("3 og 1 og 3"), Some(vec![1, 3]));
        assert_eq!(goals("Sundhedscenteret"), None);
        assert_eq!(goals("Strategimål"), None);
        assert_eq!(goals(""), None);
    }

    #[test]
    fn status_guesses_name_their_reason() {
        assert_eq!(
            status("Ansøgningen blev ikke imødekommet."),
            (Status::Cancelled, Some("ikke imødekommet"))
        );
        assert_eq!(
            status("Den er derfor udsat til senere i 2019."),
            (Status::Postponed, Some("derfor udsat"))
        );
        assert_eq!(status("Indsatsen er ikke igangsat.").0, Status::Planned);
        assert_eq!(
            status("Cykelløbet blev afholdt den 9. september 2018.").0,
            Status::Completed
        );
        assert_eq!(
            status("20 har gennemført, og et nyt hold startede i februar.").0,
            Status::Ongoing
        );
        assert_eq!(status("Arbejdet er afsluttet.").0, Status::Completed);
        assert_eq!(
            status("Livsduelighed for udsatte børn."),
            (Status::Ongoing, None),
            "\"udsatte\" is not \"udsat\""
        );
        assert_eq!(status("  "), (Status::Planned, None));
    }
}
