//! An HTML checker for the tests that must prove nothing executable reaches a page
//! (`escaping.rs` over every built page, `fuzz.rs` over rendered Markdown): it reads start
//! tags and their attributes as a browser tokenizes them (quoted values whole, entities in
//! attribute values decoded), so `href=" JavaScript&#58;…"` is seen for what it is.

#![allow(dead_code)]

/// One HTML start tag: its lower-case name and attributes (name, raw value).
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

/// The start tags of an HTML text, skipping comments and the insides of `<script>`s, which
/// are returned apart (attributes of the opening tag, body).
pub fn parse_html(html: &str) -> (Vec<Tag>, Vec<(Tag, String)>) {
    let mut tags = Vec::new();
    let mut scripts = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>') {
                i += 1;
            }
            let attr = html[a..i].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[i + 1..]
                            .find(q as char)
                            .map_or(html.len(), |e| i + 1 + e);
                        value = html[i + 1..end].to_string();
                        i = end + 1;
                    }
                    _ => {
                        let v = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                        value = html[v..i].to_string();
                    }
                }
            }
            attrs.push((attr, value));
        }
        let tag = Tag { name, attrs };
        if tag.name == "script" {
            let end = html[i.min(html.len())..]
                .find("</script")
                .map_or(html.len(), |e| i + e);
            scripts.push((tag, html[i.min(end)..end].to_string()));
            i = end;
        } else {
            tags.push(tag);
        }
    }
    (tags, scripts)
}

pub fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// An attribute value as the browser reads it: character references decoded (`&#106;`,
/// `&#x6A;`, `&colon;`, `&Tab;`, `&NewLine;`, …, with or without the `;`).
pub fn decode_attr(v: &str) -> String {
    const NAMED: [(&str, char); 9] = [
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("lpar", '('),
        ("rpar", ')'),
        ("amp", '&'),
        ("quot", '"'),
        ("apos", '\''),
        ("sol", '/'),
    ];
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        let (decoded, used) = if let Some(num) = rest.strip_prefix('#') {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let len = digits
                .find(|c: char| {
                    !(if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    })
                })
                .unwrap_or(digits.len());
            let code = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok();
            let used = num.len() - digits.len() + len + 1;
            let used = used + usize::from(rest[used..].starts_with(';'));
            (code.and_then(char::from_u32), used)
        } else {
            let lower = rest.to_ascii_lowercase();
            NAMED
                .iter()
                .find(|(n, _)| lower.starts_with(n))
                .map_or((None, 0), |(n, c)| {
                    (
                        Some(*c),
                        n.len() + usize::from(rest[n.len()..].starts_with(';')),
                    )
                })
        };
        match decoded {
            Some(c) if used > 0 => {
                out.push(c);
                rest = &rest[used..];
            }
            _ => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// Whether a URL attribute's value would run code: `javascript:`, `vbscript:` or a
/// `data:text…` URL, after decoding and dropping the whitespace and control characters a
/// browser ignores in a scheme.
pub fn runs_as_url(value: &str) -> bool {
    let v: String = decode_attr(value)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    v.starts_with("javascript:") || v.starts_with("vbscript:") || v.starts_with("data:text")
}

/// What in `html` could run code: a frame-like element, an event-handler attribute, a URL
/// that runs, and any `<script>`. A whole `page` of ours may hold JSON-LD (which must be JSON
/// that cannot close its element), our own script files (`src` from the site's root), and its
/// own search form and meta tags; a fragment (rendered Markdown) may hold none of these.
pub fn executable(html: &str, page: bool) -> Vec<String> {
    let own_scripts = page;
    let mut found = Vec::new();
    let (tags, scripts) = parse_html(html);
    for tag in &tags {
        if matches!(tag.name.as_str(), "iframe" | "object" | "embed" | "frame")
            || (!page
                && matches!(
                    tag.name.as_str(),
                    "base" | "form" | "style" | "meta" | "link"
                ))
        {
            found.push(format!("<{}> tag", tag.name));
        }
        for (name, value) in &tag.attrs {
            if name.starts_with("on") {
                found.push(format!("<{} {name}={value:?}>", tag.name));
            }
            if matches!(
                name.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "poster" | "srcdoc"
            ) && runs_as_url(value)
            {
                found.push(format!("<{} {name}={value:?}>", tag.name));
            }
        }
    }
    for (tag, body) in &scripts {
        match attr(tag, "type") {
            Some("application/ld+json") if own_scripts => {
                if body.contains('<') {
                    found.push(format!("a JSON-LD block holds a raw <: {body}"));
                }
                if serde_json::from_str::<serde_json::Value>(body).is_err() {
                    found.push(format!("a JSON-LD block is not JSON: {body}"));
                }
            }
            _ if own_scripts
                && attr(tag, "src").is_some_and(|s| s.starts_with('/'))
                && body.trim().is_empty() => {}
            _ => found.push(format!("a <script>: {body}")),
        }
    }
    found
}
