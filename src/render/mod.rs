//! Rendering: pages, each handed to a sink as it is made, and the files made from the whole
//! site. Which files a site has is `site_files`' plan; writing them is `output`'s job. The parts, each in its own module:
//!
//! - `templates`: the minijinja environment (the design's templates, escaping, formatting);
//! - `routes`: every page (`Route`), the context each page kind gets, and which pages show an
//!   initiative;
//! - `views`, `offer`, `offers` (an offer's page and card), `az`, `chart`, `paging`: what templates see, built from the site;
//! - `html`: rewriting rendered bodies for the plan report;
//! - `feeds` (sitemap and Atom feed), `data` (open data) and `jsonld` (schema.org): the
//!   machine-read output, written without templates.

pub mod az;
pub mod calendar;
pub mod chart;
pub mod data;
mod embedded;
pub mod feeds;
pub mod html;
pub mod jsonld;
pub mod offer;
pub mod offers;
pub mod paging;
mod routes;
mod templates;
pub mod views;

pub use feeds::sitemap_and_feed;
pub use routes::{all_routes, az_pages_changed, pages_showing, Route};
pub(crate) use templates::embedded_environment;
pub use templates::{html_escape, StaticSource, Templates};

use crate::diagnostics::Diagnostic;
use crate::site::Site;
use rayon::prelude::*;
use routes::{page_context, val};
use views::Views;

pub use crate::output::OutFile;

/// Why streamed rendering stopped: problems in the site's files (every distinct one), or
/// the sink (the writer) failed.
#[derive(Debug)]
pub enum RenderError<E> {
    Content(Vec<Diagnostic>),
    Sink(E),
}

/// Renders the pages `routes` in parallel and hands each page to `sink` as soon as it is made,
/// so that no more than a page per thread is held. The sink's first error stops the work;
/// a page that fails to render is skipped and every distinct problem is returned.
pub fn render_pages_into<E: Send>(
    site: &Site,
    templates: &Templates,
    routes: &[Route],
    sink: &(dyn Fn(OutFile) -> Result<(), E> + Sync),
) -> Result<(), RenderError<E>> {
    let views = Views::new(site);
    let site_value = val(views.site_view());
    let problems = std::sync::Mutex::new(Vec::<Diagnostic>::new());
    routes
        .par_iter()
        .try_for_each(|route| {
            let (template, ctx) = page_context(&views, route, &site_value);
            match templates.render(template, ctx) {
                Ok(html) => sink(OutFile {
                    path: route.output(site),
                    bytes: html.into_bytes(),
                }),
                Err(d) => {
                    let mut all = problems.lock().unwrap_or_else(|e| e.into_inner());
                    if !all.contains(&d) {
                        all.push(d);
                    }
                    Ok(())
                }
            }
        })
        .map_err(RenderError::Sink)?;
    let mut problems = problems.into_inner().unwrap_or_else(|e| e.into_inner());
    if problems.is_empty() {
        Ok(())
    } else {
        crate::diagnostics::sort(&mut problems);
        Err(RenderError::Content(problems))
    }
}

/// The files only a site with offers has: the calendars of coming courses and the offers'
/// open data.
pub fn offer_files(site: &Site) -> Vec<OutFile> {
    let mut files = calendar::files(site);
    files.extend(data::offers::files(&Views::new(site)));
    files
}

/// The paths `offer_files` makes, for the site's plan of files.
pub fn offer_paths(site: &Site) -> Vec<String> {
    let mut paths = calendar::paths(site);
    paths.extend(data::offers::paths(&Views::new(site)));
    paths
}
