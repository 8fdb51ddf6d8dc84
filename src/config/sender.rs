//! `afsender:` in `site.yaml`: who sends the portal, shown first in every page's header: the
//! authority's name, an optional logo (a file of the site, e.g. under `content/billeder/`)
//! and a link to its main site.

use super::nested_yaml;
use crate::fields::{key, Fields, KeySpec};
use serde::Serialize;

const SENDER_KEYS: &[KeySpec] = &[key("navn"), key("logo"), key("link")];

/// The portal's sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sender {
    /// `Rødovre Kommune`; the logo's text alternative too.
    pub name: String,
    /// The logo's path under the site's base, e.g. `billeder/logo.svg`.
    pub logo: Option<String>,
    /// The authority's main site: `https://…`.
    pub url: Option<String>,
}

pub(super) fn read_sender(f: &mut Fields) -> Option<Sender> {
    let v = f.take("afsender")?;
    let src = f.source();
    let line = f.line_of("afsender");
    let nested = nested_yaml(src.yaml, line);
    let mut sub = Fields::nested(src, line - 1, &nested, v, SENDER_KEYS);
    let name = sub.required_text("navn", "Rødovre Kommune");
    let logo = sub
        .text("logo")
        .map(|l| l.trim_start_matches('/').to_string());
    if let Some(l) = &logo {
        if l.contains("..") || l.contains("://") || l.contains(['?', '#', '\\']) {
            sub.error(
                "logo",
                format!("\"{l}\" er ikke en fil på portalen"),
                "læg logoet i content/billeder/ og skriv fx logo: billeder/logo.svg",
            );
        }
    }
    let url = sub.text("link");
    if let Some(u) = &url {
        if !crate::fields::is_safe_url(u) {
            sub.error(
                "link",
                format!("\"{u}\" er ikke en webadresse"),
                "skriv hele adressen på kommunens hjemmeside, der begynder med https://",
            );
        }
    }
    f.diagnostics.extend(sub.finish());
    name.map(|name| Sender { name, logo, url })
}
