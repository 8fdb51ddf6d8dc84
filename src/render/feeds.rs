//! The machine-read files: `sitemap.xml` and the Atom feed `feed.xml`. Written directly
//! (not through templates) so that escaping is exact and the output is well-formed XML.

use super::routes::{all_routes, Route};
use super::views::Views;
use super::OutFile;
use crate::layout;
use crate::model::Date;
use crate::site::Site;

/// The sitemap (every page but the 404 page and the /was/ redirect) and the feed.
pub fn sitemap_and_feed(site: &Site) -> Vec<OutFile> {
    let views = Views::new(site);
    let mut sitemap_pages: Vec<(String, Option<Date>)> = all_routes(site)
        .iter()
        .filter(|j| !matches!(j, Route::NotFound | Route::Was | Route::Ended(_)))
        .map(|j| {
            let out = j.output(site);
            (
                out.trim_end_matches(crate::layout::INDEX).to_string(),
                j.date(site),
            )
        })
        .collect();
    sitemap_pages.sort();
    vec![
        OutFile {
            path: crate::layout::SITEMAP.into(),
            bytes: sitemap(&views, &sitemap_pages).into_bytes(),
        },
        OutFile {
            path: crate::layout::FEED.into(),
            bytes: atom(&views).into_bytes(),
        },
    ]
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Every HTML page's path with its last-changed date, when known.
pub fn sitemap(v: &Views, pages: &[(String, Option<Date>)]) -> String {
    let abs = &v.config().base_url.absolute;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, date) in pages {
        out.push_str("  <url><loc>");
        out.push_str(&xml_escape(&format!("{abs}{path}")));
        out.push_str("</loc>");
        if let Some(d) = date {
            out.push_str(&format!("<lastmod>{}</lastmod>", d.iso()));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

struct FeedEntry {
    title: String,
    path: String,
    date: Date,
    summary: String,
    kind: &'static str,
}

/// Atom feed of updates and of initiatives with an `opdateret` date, newest first.
/// The feed's own `updated` is its newest entry's date, so two builds give the same bytes.
pub fn atom(v: &Views) -> String {
    let s = v.site;
    let abs = &s.config.base_url.absolute;
    let mut entries: Vec<FeedEntry> = Vec::new();
    for u in &s.updates {
        if let Some(date) = u.updated.or(u.date) {
            entries.push(FeedEntry {
                title: u.title.clone(),
                path: layout::update_path(&u.slug),
                date,
                summary: u
                    .summary
                    .clone()
                    .unwrap_or_else(|| crate::markdown::default_summary(&u.body_text)),
                kind: "Nyhed",
            });
        }
    }
    for x in &s.initiatives {
        if let Some(date) = x.updated {
            entries.push(FeedEntry {
                title: format!("{} ({})", x.title, x.id.plan),
                path: layout::initiative_path(&x.id),
                date,
                summary: x.summary.clone(),
                kind: "Indsats opdateret",
            });
        }
    }
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
    let updated = entries
        .first()
        .map_or_else(|| "2000-01-01".to_string(), |e| e.date.iso());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"da\">\n");
    out.push_str(&format!(
        "  <title>{}</title>\n",
        xml_escape(&s.config.title)
    ));
    if !s.config.description.is_empty() {
        out.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            xml_escape(&s.config.description)
        ));
    }
    out.push_str(&format!("  <id>{}</id>\n", xml_escape(abs)));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(abs)
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&format!("{abs}feed.xml"))
    ));
    out.push_str(&format!("  <updated>{updated}T00:00:00Z</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(&s.config.owner)
    ));
    for e in entries {
        let url = format!("{abs}{}", e.path);
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml_escape(&e.title)));
        out.push_str(&format!(
            "    <id>{}</id>\n",
            xml_escape(&format!("{url}#{}", e.date.iso()))
        ));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&url)
        ));
        out.push_str(&format!(
            "    <updated>{}T00:00:00Z</updated>\n",
            e.date.iso()
        ));
        out.push_str(&format!(
            "    <category term=\"{}\"/>\n",
            xml_escape(e.kind)
        ));
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml_escape(&e.summary)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            xml_escape("<a href=\"x\">'&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
    }
}
