//! Which content file each page of the kept site comes from (`indsatser/2020-2021/x/index.html`
//! → `content/indsatser/2020-2021/x.md`), for the editor's "Rediger denne side" on a preview
//! page. The site knows each page's source; nothing here reads the content folder. One small
//! function, so that it can ask the output's plan instead once the plan names each file's
//! origin.

use crate::site::Site;
use std::collections::HashMap;
use std::path::Path;

/// Each page of `site` that comes from a content file, by its file under the output folder.
pub(crate) fn page_sources(site: &Site) -> HashMap<String, String> {
    let index = crate::layout::INDEX;
    let initiatives = site
        .initiatives
        .iter()
        .map(|i| (crate::layout::initiative_path(&i.id), &i.source));
    let updates = site
        .updates
        .iter()
        .map(|p| (crate::layout::update_path(&p.slug), &p.source));
    let pages = site
        .pages
        .iter()
        .map(|p| (crate::layout::page_path(&p.slug), &p.source));
    let offers = site
        .offers
        .iter()
        .map(|o| (crate::layout::offer_path(&o.slug), &o.source));
    // An expired file keeps its address, with a page that says it has ended.
    let expired = site
        .expired
        .iter()
        .map(|e| (e.path(), e.source().to_path_buf()));
    initiatives
        .chain(updates)
        .chain(pages)
        .chain(offers)
        .map(|(path, source)| (path, source.to_path_buf()))
        .chain(expired)
        .map(|(path, source)| {
            let source = crate::diagnostics::display_path(Path::new(&source));
            (format!("{path}{index}"), source)
        })
        .collect()
}
