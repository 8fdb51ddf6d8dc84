//! Small text helpers shared by every stage: Danish numbers, capitals, YAML scalars.
//! Nothing here knows about the site; anything that does belongs to its stage.

/// `158`, `12,5`, `1.200` — Danish number formatting.
pub fn format_number(v: f64) -> String {
    let negative = v < 0.0;
    // Round to hundredths first, so that 2.995 becomes 3 and not "2,1".
    let hundredths = (v.abs() * 100.0).round() as u64;
    let whole = hundredths / 100;
    let frac = hundredths % 100;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let mut s = if negative {
        format!("-{grouped}")
    } else {
        grouped
    };
    if frac > 0 {
        let f = format!("{frac:02}");
        s.push(',');
        s.push_str(f.trim_end_matches('0'));
    }
    s
}

pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A YAML scalar that is always valid: a JSON string is a YAML double-quoted string.
pub fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Decodes `%xx` escapes (`min%20graf.svg` → `min graf.svg`). `None` when an escape is
/// malformed or the bytes are not UTF-8: for a request path, where either is a refusal.
pub fn percent_decode(s: &str) -> Option<String> {
    String::from_utf8(decode_escapes(s, true)?).ok()
}

/// As `percent_decode`, but a malformed escape stays as written and bytes that are not UTF-8
/// are replaced: for a link in a page, which is checked, not refused.
pub fn percent_decode_lossy(s: &str) -> String {
    let bytes = decode_escapes(s, false).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn decode_escapes(s: &str, strict: bool) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                None if strict => return None,
                None => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_numbers() {
        assert_eq!(format_number(158.0), "158");
        assert_eq!(format_number(12.5), "12,5");
        assert_eq!(format_number(1200.0), "1200");
        assert_eq!(format_number(12000.0), "12.000");
        assert_eq!(format_number(0.25), "0,25");
        assert_eq!(format_number(2.995), "3");
        assert_eq!(format_number(0.999), "1");
        assert_eq!(format_number(0.5), "0,5");
    }

    #[test]
    fn yaml_strings_are_quoted_and_escaped() {
        assert_eq!(yaml_string("Tobak"), "\"Tobak\"");
        assert_eq!(yaml_string("a: \"b\""), "\"a: \\\"b\\\"\"");
    }

    #[test]
    fn percent_escapes() {
        assert_eq!(
            percent_decode("min%20graf.svg").as_deref(),
            Some("min graf.svg")
        );
        assert_eq!(percent_decode("%C3%A6ble").as_deref(), Some("æble"));
        assert_eq!(percent_decode("100%"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%FF"), None);
        assert_eq!(percent_decode_lossy("100%"), "100%");
        assert_eq!(percent_decode_lossy("%zz%20"), "%zz ");
        assert_eq!(percent_decode_lossy("%FF"), "\u{fffd}");
    }
}
