//! What an initiative offers a citizen: the offer's facts (price, form, extent, start dates,
//! signing up, referral), the "Sådan får du tilbuddet" box that says how to get it, and whom
//! to call or write to. The rule for which initiatives are offers lives here.

use crate::config::SiteConfig;
use crate::model::{Initiative, Status};
use crate::text::capitalize;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct OfferView {
    pub price: Option<String>,
    pub forms: Vec<&'static str>,
    pub extent: Option<String>,
    pub starts: Vec<String>,
    pub signup_status: Option<&'static str>,
    pub referral: Option<String>,
}

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

/// The "Sådan får du tilbuddet" box: what a citizen needs to act, from the offer facts.
#[derive(Debug, Clone, Serialize)]
pub struct HowToView {
    pub target_group: Option<String>,
    pub referral: Option<String>,
    pub signup_html: Option<String>,
    /// `Åben`, `Venteliste`, …
    pub signup_status: Option<String>,
    pub place: Option<String>,
    pub starts: Vec<String>,
    /// `Hold, online`
    pub forms: Option<String>,
    pub extent: Option<String>,
    pub price: Option<String>,
    /// False when the initiative gives none of the facts above: the box then says whom to ask.
    pub has_facts: bool,
    pub contact: ContactView,
}

/// The offer box, or `None` when the initiative is not an offer. An initiative is an offer
/// when it gives a citizen-facing fact (`målgruppe`, `tilmelding`, `sted`, `kontakt` or one
/// of the offer facts), or when it runs or is planned: then the box says whom to ask. Only
/// for initiatives whose status is current (`aging`): the others get the history notice
/// instead, which names whom to ask today.
pub fn how_to(config: &SiteConfig, x: &Initiative) -> Option<HowToView> {
    let o = &x.offer;
    let has_facts = x.target_group.is_some()
        || x.signup_html.is_some()
        || x.place.is_some()
        || o.price.is_some()
        || !o.forms.is_empty()
        || o.extent.is_some()
        || !o.starts.is_empty()
        || o.signup_status.is_some()
        || o.referral.is_some();
    let own = x
        .contact
        .as_ref()
        .filter(|c| c.phone.is_some() || c.email.is_some());
    // Only what runs or is planned (not what is done, put off or cancelled) is offered to
    // citizens without facts of its own.
    let live = matches!(x.status, Status::Ongoing | Status::Planned);
    if !(has_facts || own.is_some() || live) {
        return None;
    }
    let forms: Vec<&str> = o.forms.iter().map(|f| f.danish()).collect();
    Some(HowToView {
        target_group: x.target_group.clone(),
        referral: o.referral.clone(),
        signup_html: x.signup_html.clone(),
        signup_status: o.signup_status.map(|s| capitalize(s.danish())),
        place: x.place.clone(),
        starts: o.starts.iter().map(|d| d.danish()).collect(),
        forms: (!forms.is_empty()).then(|| capitalize(&forms.join(", "))),
        extent: o.extent.clone(),
        price: o.price.clone(),
        has_facts,
        contact: match own {
            Some(c) => ContactView {
                // "Spørg …" needs a name: the site's owner when the contact gives none.
                name: Some(c.name.clone().unwrap_or_else(|| config.owner.clone())),
                phone: c.phone.clone(),
                phone_href: c.phone.as_deref().map(tel_href),
                email: c.email.clone(),
                url: c.url.clone(),
                own: true,
            },
            None => site_contact(config),
        },
    })
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

pub(super) fn offer_view(x: &Initiative) -> Option<OfferView> {
    let o = &x.offer;
    let empty = o.price.is_none()
        && o.forms.is_empty()
        && o.extent.is_none()
        && o.starts.is_empty()
        && o.signup_status.is_none()
        && o.referral.is_none();
    (!empty).then(|| OfferView {
        price: o.price.clone(),
        forms: o.forms.iter().map(|f| f.danish()).collect(),
        extent: o.extent.clone(),
        starts: o.starts.iter().map(|d| d.danish()).collect(),
        signup_status: o.signup_status.map(|s| s.danish()),
        referral: o.referral.clone(),
    })
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
