//! Footnotes of the reports: superscript digits (`Sundhed¹`) that point at the notes at the
//! end of the report, written as Markdown footnote references (`[^1]`).

/// The superscript digits the reports mark footnotes with.
pub fn superscript_value(c: char) -> Option<u32> {
    "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c).map(|p| p as u32)
}

/// Replaces footnote markers (`Sundhed¹`) whose number is in `known` by `[^1]`; returns the
/// text and the numbers used, in order of first use.
pub fn footnote_refs(text: &str, known: &dyn Fn(u32) -> bool) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut used = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(mut n) = superscript_value(c) else {
            out.push(c);
            continue;
        };
        let mut raw = c.to_string();
        while let Some(d) = chars.peek().and_then(|&d| superscript_value(d)) {
            n = n * 10 + d;
            raw.push(chars.next().expect("peeked"));
        }
        if known(n) {
            out.push_str(&format!("[^{n}]"));
            if !used.contains(&n) {
                used.push(n);
            }
        } else {
            out.push_str(&raw);
        }
    }
    (out, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_markers() {
        let (t, used) = footnote_refs("ABC for Mental Sundhed¹ og x²", &|n| n == 1);
        assert_eq!(t, "ABC for Mental Sundhed[^1] og x²");
        assert_eq!(used, vec![1]);
    }
}
