//! Rewriting rendered Markdown so that many bodies can share one page (the plan report):
//! ids made unique per body, headings moved down under the page's own.

/// Makes ids (headings, footnotes) unique on a page holding many bodies.
pub fn prefix_ids(html: &str, prefix: &str) -> String {
    // `--` never occurs in a slug, so `{slug}--{id}` cannot equal another initiative's anchor.
    html.replace(" id=\"", &format!(" id=\"{prefix}--"))
        .replace("href=\"#", &format!("href=\"#{prefix}--"))
}

/// Moves every heading `by` levels down (h2 → h4), capped at h6.
pub fn shift_headings(html: &str, by: u8) -> String {
    let mut out = html.to_string();
    for level in (2..=6u8).rev() {
        let to = (level + by).min(6);
        out = out
            .replace(&format!("<h{level}"), &format!("<h{to}"))
            .replace(&format!("</h{level}>"), &format!("</h{to}>"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_headings_shift_for_the_report() {
        let html = "<h2 id=\"status\">Status</h2><p>x<sup><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup></p><h3 id=\"a\">A</h3>";
        let out = shift_headings(&prefix_ids(html, "abc"), 2);
        assert_eq!(out, "<h4 id=\"abc--status\">Status</h4><p>x<sup><a href=\"#abc--fn-1\" id=\"abc--fnref-1\">1</a></sup></p><h5 id=\"abc--a\">A</h5>");
    }
}
