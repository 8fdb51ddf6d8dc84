//! Whom a citizen calls or writes to (an offer's or initiative's own contact, else the
//! site's), and the one rule that makes a phone number a `tel:` link, used on every page.

use crate::config::SiteConfig;
use serde::Serialize;

/// Whom a citizen calls or writes to: the initiative's own contact, else the site's.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: Option<String>,
    pub phone: Option<String>,
    /// `tel:+4536377000`
    pub phone_href: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    /// True when these are the initiative's own channels, false for the site's.
    pub own: bool,
}

/// The site's own contact (`kontakt:` in `site.yaml`), named by its owner when unnamed.
pub fn site_contact(c: &SiteConfig) -> ContactView {
    ContactView {
        name: Some(c.contact.name.clone().unwrap_or_else(|| c.owner.clone())),
        phone: c.contact.phone.clone(),
        phone_href: c.contact.phone.as_deref().map(tel_href),
        email: c.contact.email.clone(),
        url: None,
        own: false,
    }
}

/// `tel:` link for a phone number as written: `36 37 70 00` → `tel:36377000`,
/// `+45 36 37 70 00` → `tel:+4536377000`.
pub fn tel_href(phone: &str) -> String {
    let mut out = String::from("tel:");
    for (i, c) in phone.trim().chars().enumerate() {
        if c.is_ascii_digit() || (i == 0 && c == '+') {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_links_keep_digits_and_a_leading_plus() {
        assert_eq!(tel_href("36 37 70 00"), "tel:36377000");
        assert_eq!(tel_href("+45 36-37-70-00"), "tel:+4536377000");
    }
}
