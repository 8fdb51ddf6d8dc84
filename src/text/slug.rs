//! Slugs: the lower-case ASCII words of URLs and heading ids, folded the Danish way
//! (æ→ae, ø→oe, å→aa) before any other letter is transliterated (é→e, ü→u).

/// Folds `text` to a slug: lower-case ASCII letters and digits, every run of anything else
/// turned into a single `-`, none at either end.
///
/// ```
/// assert_eq!(indsats::testing::slugify("Røgfri generation 2030 – færre unge der ryger"),
///            "roegfri-generation-2030-faerre-unge-der-ryger");
/// ```
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut push = |piece: &str, out: &mut String| {
        for c in piece.chars() {
            if c.is_ascii_alphanumeric() {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(c.to_ascii_lowercase());
            } else {
                pending_dash = true;
            }
        }
    };
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let folded: &str = match c {
            'æ' | 'Æ' => "ae",
            'ø' | 'Ø' => "oe",
            'å' | 'Å' => "aa",
            c if c.is_ascii() => c.encode_utf8(&mut buf),
            c => deunicode::deunicode_char(c).unwrap_or("-"),
        };
        push(folded, &mut out);
    }
    out
}

/// True when `s` is already a slug (what `slugify` would return for it).
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty() && slugify(s) == s
}

/// Folds æ/ø/å and other letters to ASCII but keeps spaces and case, for search and for
/// comparing what an editor typed with what we know ("Overvaegt" ~ "Overvægt").
pub fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("Ae"),
            'ø' => out.push_str("oe"),
            'Ø' => out.push_str("Oe"),
            'å' => out.push_str("aa"),
            'Å' => out.push_str("Aa"),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(deunicode::deunicode_char(c).unwrap_or("?")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_fold_to_two_letters() {
        assert_eq!(slugify("Overvægt"), "overvaegt");
        assert_eq!(slugify("Kræftrehabilitering"), "kraeftrehabilitering");
        assert_eq!(
            slugify("Vægtenheden for børn og unge"),
            "vaegtenheden-for-boern-og-unge"
        );
        assert_eq!(slugify("Åben rådgivning"), "aaben-raadgivning");
    }

    #[test]
    fn quotes_colons_dashes_and_full_stops_become_one_dash() {
        assert_eq!(
            slugify("Sammen med Borgeren livssituation: ”Vi er en familie, hvor mor eller far har en kræftdiagnose”"),
            "sammen-med-borgeren-livssituation-vi-er-en-familie-hvor-mor-eller-far-har-en-kraeftdiagnose"
        );
        assert_eq!(
            slugify("Samarbejdsaftale indgået mellem Region Hovedstaden og KKR."),
            "samarbejdsaftale-indgaaet-mellem-region-hovedstaden-og-kkr"
        );
        assert_eq!(
            slugify("„Kulturvitaminer“ som pilotprojekter"),
            "kulturvitaminer-som-pilotprojekter"
        );
        assert_eq!(slugify("--a  --  b--"), "a-b");
    }

    #[test]
    fn other_letters_are_transliterated() {
        assert_eq!(slugify("Café über Łódź"), "cafe-uber-lodz");
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("– … !"), "");
    }

    #[test]
    fn recognises_slugs() {
        assert!(is_slug("mental-balance"));
        assert!(!is_slug("Mental-balance"));
        assert!(!is_slug("mental balance"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }

    #[test]
    fn folds_for_comparison() {
        assert_eq!(
            fold_ascii("Røgfri Overvægt på Ærø"),
            "Roegfri Overvaegt paa Aeroe"
        );
    }
}
