//! Markdown → HTML with comrak, configured once for the site: GitHub-style tables,
//! autolinks, strikethrough and footnotes; heading ids as Danish-friendly ASCII slugs; body
//! headings never above `h2` (the page's title is the only `h1`). Raw HTML is dropped unless
//! the site allows it, and then it is sanitized.

mod plain;

pub use crate::text::blocks::BlockEnds;

pub use plain::{default_summary, plain_blocks, plain_text};

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::Sourcepos;
use comrak::options::Plugins;
use comrak::Options;
use std::collections::HashMap;
use std::fmt::{self, Write};
use std::sync::{Arc, Mutex};

/// The Markdown renderer for one site.
pub struct Markdown {
    options: Options<'static>,
    allow_html: bool,
}

/// The rendered body: HTML for pages, plain text for summaries and feeds, and the text of
/// each block for search excerpts.
pub struct Rendered {
    pub html: String,
    pub text: String,
    /// The blocks, as places in `text`.
    pub blocks: BlockEnds,
}

impl Markdown {
    /// `base_path` (`/` or `/sundhed/`) is put in front of root-relative links and images
    /// (`/indsatser/…`), so bodies link right when the site lives under a sub-path.
    pub fn new(allow_html: bool, base_path: &str) -> Markdown {
        let mut options = Options::default();
        if base_path != "/" {
            let base = base_path.to_string();
            let rewrite = Arc::new(move |url: &str| rebase(url, &base));
            options.extension.link_url_rewriter = Some(rewrite.clone());
            options.extension.image_url_rewriter = Some(rewrite);
        }
        options.extension.table = true;
        options.extension.autolink = true;
        options.extension.strikethrough = true;
        options.extension.footnotes = true;
        options.render.r#unsafe = allow_html;
        Markdown {
            options,
            allow_html,
        }
    }

    /// Renders a document. `id_prefix` keeps heading ids unique when several documents
    /// share a page (the plan-period report).
    pub fn render(&self, source: &str, id_prefix: &str) -> Rendered {
        let headings = Headings {
            prefix: id_prefix.to_string(),
            seen: Mutex::new(HashMap::new()),
        };
        let mut plugins = Plugins::default();
        plugins.render.heading_adapter = Some(&headings);
        let html = comrak::markdown_to_html_with_plugins(source, &self.options, &plugins)
            // comrak labels footnote back-links in English; the site speaks Danish.
            .replace(
                "aria-label=\"Back to reference ",
                "aria-label=\"Tilbage til fodnote ",
            );
        let html = if self.allow_html {
            ammonia::Builder::default()
                .add_generic_attributes(&["id", "class"])
                .rm_tags(&["h1"])
                .clean(&html)
                .to_string()
        } else {
            html
        };
        let html = html.replace("<!-- raw HTML omitted -->", "");
        // The whole text is its blocks joined by spaces: plain_text of the whole HTML gives
        // the same (every tag counts as a space, and runs of spaces are one), in one pass less.
        let blocks = plain_blocks(&html);
        let text = blocks.join(" ");
        let blocks = BlockEnds::of(&blocks);
        Rendered { html, text, blocks }
    }

    /// Renders a short inline text (e.g. how to sign up) without a wrapping paragraph when
    /// it is one paragraph.
    pub fn render_inline(&self, source: &str) -> String {
        let html = self.render(source, "").html;
        let trimmed = html.trim();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => html,
        }
    }
}

/// A link or image written in a Markdown body, as the editor wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub url: String,
    pub image: bool,
    /// The image's alternative text (the words between `![` and `]`); empty for links.
    pub alt: String,
    /// 1-based line and column within the Markdown text.
    pub line: usize,
    pub column: usize,
}

impl Markdown {
    /// Every link and image in `source`, in document order, with where it is written. URLs
    /// are as written (not moved under the base path).
    pub fn references(&self, source: &str) -> Vec<Reference> {
        let mut options = self.options.clone();
        options.extension.link_url_rewriter = None;
        options.extension.image_url_rewriter = None;
        let arena = comrak::Arena::new();
        let root = comrak::parse_document(&arena, source, &options);
        let mut out = Vec::new();
        for node in root.descendants() {
            let data = node.data();
            let (link, image) = match &data.value {
                comrak::nodes::NodeValue::Link(l) => (l, false),
                comrak::nodes::NodeValue::Image(l) => (l, true),
                _ => continue,
            };
            let alt = if image {
                node.descendants()
                    .skip(1)
                    .filter_map(|n| match &n.data().value {
                        comrak::nodes::NodeValue::Text(t) => Some(t.to_string()),
                        comrak::nodes::NodeValue::Code(c) => Some(c.literal.clone()),
                        _ => None,
                    })
                    .collect::<String>()
            } else {
                String::new()
            };
            out.push(Reference {
                url: link.url.clone(),
                image,
                alt: alt.trim().to_string(),
                line: data.sourcepos.start.line,
                column: data.sourcepos.start.column,
            });
        }
        out
    }
}

/// `/x/` → `/sundhed/x/`; every other URL as it is.
fn rebase(url: &str, base: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') && !url.starts_with(base) => format!("{base}{rest}"),
        _ => url.to_string(),
    }
}

/// Writes `<hN id="…">` with our own slugs, shifting `#` headings to `h2`.
struct Headings {
    prefix: String,
    seen: Mutex<HashMap<String, usize>>,
}

impl Headings {
    fn id_for(&self, text: &str) -> String {
        let base = match crate::text::slug::slugify(text) {
            s if s.is_empty() => "afsnit".to_string(),
            s => s,
        };
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        format!("{}{id}", self.prefix)
    }
}

fn level(meta: &HeadingMeta) -> u8 {
    meta.level.clamp(2, 6)
}

impl HeadingAdapter for Headings {
    fn enter(
        &self,
        out: &mut dyn Write,
        heading: &HeadingMeta,
        _: Option<Sourcepos>,
    ) -> fmt::Result {
        write!(
            out,
            "<h{} id=\"{}\">",
            level(heading),
            self.id_for(&heading.content)
        )
    }

    fn exit(&self, out: &mut dyn Write, heading: &HeadingMeta) -> fmt::Result {
        write!(out, "</h{}>", level(heading))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_carry_place_and_alt_text() {
        let md = Markdown::new(false, "/sundhed/");
        let refs = md.references(
            "Tekst\n\nSe [tobak](/tema/tobak/) og\n![](/billeder/a.png) ![En *graf*](b.svg)\n",
        );
        let got: Vec<_> = refs
            .iter()
            .map(|r| (r.url.as_str(), r.image, r.alt.as_str(), r.line, r.column))
            .collect();
        assert_eq!(
            got,
            [
                ("/tema/tobak/", false, "", 3, 4),
                ("/billeder/a.png", true, "", 4, 1),
                ("b.svg", true, "En graf", 4, 22),
            ]
        );
    }

    #[test]
    fn headings_get_ascii_ids_and_start_at_h2() {
        let md = Markdown::new(false, "/");
        let r = md.render(
            "# Øvrigt\n\n## Status\n\n### Kort samlet status\n\n## Status\n",
            "",
        );
        assert!(
            r.html.contains("<h2 id=\"oevrigt\">Øvrigt</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h3 id=\"kort-samlet-status\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"status-2\">"), "{}", r.html);
    }

    #[test]
    fn raw_html_is_dropped_by_default_and_sanitized_when_allowed() {
        let src = "Tekst <script>alert(1)</script> og <b>fed</b>\n\n<iframe src=x></iframe>\n";
        let off = Markdown::new(false, "/").render(src, "").html;
        assert!(!off.contains("<script"), "{off}");
        assert!(!off.contains("<iframe"), "{off}");
        let on = Markdown::new(true, "/").render(src, "").html;
        assert!(!on.contains("<script"), "{on}");
        assert!(on.contains("<b>fed</b>"), "{on}");
    }

    #[test]
    fn tables_footnotes_and_escaping() {
        let md = Markdown::new(false, "/");
        let r = md.render("| a | b |\n|---|---|\n| 1 | 2 |\n\nABC[^1] (25 < BMI < 30)\n\n[^1]: Act - Belong - Commit\n", "");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote"));
        assert!(r.html.contains("25 &lt; BMI &lt; 30"));
        assert!(r.text.contains("25 < BMI < 30"));
    }

    #[test]
    fn root_relative_links_follow_the_base_path() {
        let md = Markdown::new(false, "/sundhed/");
        let html = md
            .render(
                "[a](/tema/tobak/) [b](https://x.dk/) [c](#s) ![d](/billeder/x.png)",
                "",
            )
            .html;
        assert!(html.contains("href=\"/sundhed/tema/tobak/\""), "{html}");
        assert!(html.contains("href=\"https://x.dk/\""), "{html}");
        assert!(html.contains("href=\"#s\""), "{html}");
        assert!(html.contains("src=\"/sundhed/billeder/x.png\""), "{html}");
    }

    /// The former many-pass version, as the oracle for the one-pass one.
    fn plain_text_reference(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    out.push(' ');
                }
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        let decoded = out
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        decoded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn plain_text_strips_tags_decodes_and_collapses_in_one_pass() {
        for html in [
            "<p>Hej  <em>med</em>\n dig &amp; mig</p>",
            " &amp;lt; er ikke &lt; ",
            "a<b>c</b>d &#x27;x&#39; &quot;y&quot; &gt;",
            "  <p> </p>  ",
            "uafsluttet <tag",
            "5 > 3 og 2&3 &nbsp; æøå\u{a0}slut",
        ] {
            assert_eq!(plain_text(html), plain_text_reference(html), "{html:?}");
            // `Markdown::render` makes the whole text from the blocks.
            assert_eq!(plain_blocks(html).join(" "), plain_text(html), "{html:?}");
            let blocks = plain_blocks(html);
            let text = blocks.join(" ");
            let ends = BlockEnds::of(&blocks);
            assert_eq!(ends.blocks(&text).collect::<Vec<_>>(), blocks, "{html:?}");
        }
        for html in [
            "<h2>Status</h2>\n<p>To <em>kurser</em> i 2020.</p><ul><li>Et &amp; to</li></ul>",
            "<table><tr><td>a</td><td>b&lt;c</td></tr></table><!-- x > y --> z",
            "<P>Stor</P><BR>tekst<br/>slut",
        ] {
            assert_eq!(plain_blocks(html).join(" "), plain_text(html), "{html:?}");
        }
    }

    #[test]
    fn blocks_keep_headings_apart_from_paragraphs() {
        let html =
            "<h2>Status</h2>\n<p>To <em>kurser</em> i 2020.</p><ul><li>Et &amp; to</li></ul>";
        assert_eq!(
            plain_blocks(html),
            ["Status", "To kurser i 2020.", "Et & to"]
        );
    }
}
