//! An offer as a search record (`Kind::Offer`): its title, and "Kort fortalt" weighted as the
//! lead; who it is for, what happens, where and the body as the text; its themes as filters.
//! How offers rank against initiatives is the index's business, not this file's.

use super::{Facet, Kind, Record};
use crate::layout;
use crate::render::views::Views;
use std::borrow::Cow;

/// The search record of offer `k`.
pub(super) fn offer<'a>(v: &Views<'a>, k: usize) -> Record<'a> {
    let o: &'a crate::model::Offer = &v.site.offers[k];
    let themes: Vec<Facet> = o
        .themes
        .iter()
        .map(|&t| Facet {
            value: v.site.config.themes[t].slug.clone(),
            label: v.site.config.themes[t].name.clone(),
        })
        .collect();
    let mut lead = vec![o.summary.as_str()];
    lead.extend(themes.iter().map(|t| t.label.as_str()));
    let mut segments: Vec<Cow<'a, str>> = vec![Cow::Borrowed(o.summary.as_str())];
    segments.extend(o.target_group.as_deref().map(Cow::Borrowed));
    segments.extend(o.content.as_deref().map(Cow::Borrowed));
    segments.extend(o.extent.as_deref().map(Cow::Borrowed));
    segments.extend(o.places.iter().map(|p| Cow::Borrowed(p.as_str())));
    segments.extend(o.body_blocks.blocks(&o.body_text).map(Cow::Borrowed));
    segments.retain(|s| !s.trim().is_empty());
    let mut body: Vec<Cow<'a, str>> = Vec::new();
    body.extend(o.target_group.as_deref().map(Cow::Borrowed));
    body.extend(o.content.as_deref().map(Cow::Borrowed));
    body.extend(o.extent.as_deref().map(Cow::Borrowed));
    body.extend(o.places.iter().map(|p| Cow::Borrowed(p.as_str())));
    body.extend(o.price.as_deref().map(Cow::Borrowed));
    body.push(Cow::Borrowed(&o.body_text));
    Record {
        url: v.url(&layout::offer_path(&o.slug)),
        title: o.title.clone(),
        lead: lead.join(" "),
        body,
        kind: Kind::Offer,
        themes,
        years: Vec::new(),
        plan: None,
        status: None,
        summary: o.summary.clone(),
        segments,
        date: None,
        earlier: Vec::new(),
    }
}
