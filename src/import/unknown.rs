//! What a file that is no status report looks like, so that the error can say so instead of
//! only refusing it. A few plain cues; it never decides whether a file is a report.

/// A short Danish description of `text` ("et mødereferat eller en dagsorden", …) and its
/// first line with text.
pub fn describe(text: &str) -> (String, String) {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(80)
        .collect();
    let first = lines.first().map_or("", |l| l).chars().take(60).collect();
    let lower = lines.join("\n").to_lowercase();
    let has = |w: &str| lower.contains(w);
    let times = lines
        .iter()
        .filter(|l| l.to_lowercase().starts_with("kl."))
        .count();
    let keyed = lines
        .iter()
        .filter(|l| l.split_once(':').is_some_and(|(k, _)| !k.contains(' ')))
        .count();
    let kind = if lines.is_empty() {
        "en tom fil"
    } else if has("referat") || has("dagsorden") {
        "et mødereferat eller en dagsorden"
    } else if has("program") && times >= 2 {
        "et program med tidspunkter"
    } else if lines[0] == "---" || keyed * 2 > lines.len() {
        "en indstillings- eller indholdsfil (linjer med \"nøgle: værdi\")"
    } else if text.contains('\t') {
        "en tabel, men ikke en statusrapports"
    } else {
        "almindelig tekst uden tabeller"
    };
    (kind.to_string(), first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_programmes_and_settings_are_told_apart() {
        let (kind, first) = describe("\n BØRN OG UNGE \nReferat af møde\nDeltagere\n");
        assert_eq!(kind, "et mødereferat eller en dagsorden");
        assert_eq!(first, "BØRN OG UNGE");
        let (kind, _) = describe("Program\nKl. 9.00 Afgang\nKl. 11.00 Besøg\n");
        assert_eq!(kind, "et program med tidspunkter");
        let (kind, _) = describe("titel: T\nejer: E\n");
        assert!(kind.contains("nøgle: værdi"), "{kind}");
    }
}
