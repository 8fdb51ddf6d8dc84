//! Small text helpers shared by every stage: Danish numbers, capitals, YAML scalars, the one
//! decoder of `%xx` escapes, forms and query strings, and slugs (`slug`: the ASCII words of
//! addresses and the Danish folding of what an editor typed).
//! Nothing here knows about the site; anything that does belongs to its stage.

pub mod blocks;
pub mod slug;

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

/// The pairs of a form's body or a URL's query (`application/x-www-form-urlencoded`):
/// `a=1&b=x+y&c=%C3%A6` → `[("a", "1"), ("b", "x y"), ("c", "æ")]`. `+` is a space, escapes
/// are decoded as `percent_decode_lossy` does, a pair without `=` has an empty value.
pub fn form_pairs(s: &str) -> Vec<(String, String)> {
    let decode = |s: &str| percent_decode_lossy(&s.replace('+', " "));
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// The first value of `name` in the query of `url` (`/x/?q=r%C3%B8g&status=` → `røg` for
/// `q`), decoded by `form_pairs`; `None` when the URL has no such parameter.
pub fn query_value(url: &str, name: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    let query = query.split('#').next().unwrap_or("");
    // A bare name (`?adgang`) carries no value: it is not the name with an empty one.
    let with_values: Vec<&str> = query.split('&').filter(|p| p.contains('=')).collect();
    form_pairs(&with_values.join("&"))
        .into_iter()
        .find_map(|(k, v)| (k == name).then_some(v))
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
    use super::query_value;

    #[test]
    fn a_bare_name_in_a_query_has_no_value() {
        assert_eq!(query_value("/x?adgang", "adgang"), None);
        assert_eq!(
            query_value("/x?gemt&adgang=k%20y", "adgang").as_deref(),
            Some("k y")
        );
        assert_eq!(query_value("/x?gemt=1#top", "gemt").as_deref(), Some("1"));
    }

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

    #[test]
    fn forms_and_queries_decode() {
        assert_eq!(
            form_pairs("titel=R%C3%B8gfri+fremtid&tekst=a%0D%0Ab&tom=&bar"),
            vec![
                ("titel".to_string(), "Røgfri fremtid".to_string()),
                ("tekst".to_string(), "a\r\nb".to_string()),
                ("tom".to_string(), String::new()),
                ("bar".to_string(), String::new()),
            ]
        );
        assert_eq!(
            form_pairs("a%2Bb=1%2B1"),
            vec![("a+b".into(), "1+1".into())]
        );
        let url = "/_rediger/?q=r%C3%B8g+stop&status=&q=igen#top";
        assert_eq!(query_value(url, "q").as_deref(), Some("røg stop"));
        assert_eq!(query_value(url, "status").as_deref(), Some(""));
        assert_eq!(query_value(url, "slettet"), None);
        assert_eq!(query_value("/_rediger/", "q"), None);
        assert_eq!(
            query_value("/x?side=%2F&y=1#side=2", "side").as_deref(),
            Some("/")
        );
    }
}
