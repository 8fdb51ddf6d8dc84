//! The little static server of `serve`: answers from the current in-memory snapshot of the
//! site, never from the disk. Request paths are decoded and checked before anything is looked
//! up; anything that tries to leave the site (`..`, encoded or not, backslashes, NUL, `//`)
//! is refused with 400. Folders answer with their `index.html`, `/tema/tobak` redirects to
//! `/tema/tobak/`, misses get the site's 404 page with status 404. Nothing is cached by the
//! browser (`Cache-Control: no-store`), so a reload always shows the newest build. Every file
//! that is not a page the build rendered (an image, a stylesheet, an HTML or SVG file an
//! editor put in `content/billeder/`) is served with `Content-Security-Policy: sandbox`, so
//! that a script in it never runs with the preview's origin, and nothing is sniffed.

use std::collections::HashMap;
use std::sync::Arc;
use tiny_http::{Header, Method, Request, Response};

/// One build of the site, as the server answers it.
#[derive(Default)]
pub struct Snapshot {
    pub files: HashMap<String, Arc<[u8]>>,
    /// The plan the files were made by: which content file each page comes from.
    pub plan: Option<Arc<crate::site_files::SiteFiles>>,
}

impl Snapshot {
    /// The content file the page `file` (`tema/tobak/index.html`) comes from, if any, as the
    /// plan the files were made by knows it.
    pub fn source_of(&self, file: &str) -> Option<String> {
        let source = self.plan.as_ref()?.source_of(file)?;
        Some(crate::diagnostics::display_path(source))
    }
}

pub use crate::layout::clean_path;

/// The file a clean path names: a folder's `index.html`, else the path itself.
fn file_of(rel: &str) -> String {
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// The file a browser tab shows, from the `side` parameter of its event-stream URL (the
/// page's path, URL-encoded), e.g. `/__indsats/events?side=%2Ftema%2Ftobak%2F` →
/// `tema/tobak/index.html`. `None` when there is no such parameter or it is not a clean path.
pub fn page_of_events_url(url: &str) -> Option<String> {
    let pathname = crate::text::query_value(url, "side")?;
    clean_path(&pathname).ok().map(|rel| file_of(&rel))
}

/// The media type for a file name, with `charset=utf-8` for text.
pub fn mime(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("a constant header is valid")
    })
}

/// What a request resolves to.
pub enum Answer {
    File(String, Arc<[u8]>),
    Redirect(String),
    NotFound(Option<Arc<[u8]>>),
    Bad,
    MethodNotAllowed,
}

/// Resolves a request line against a snapshot.
pub fn resolve(method: &Method, url: &str, snap: &Snapshot) -> Answer {
    if !matches!(method, Method::Get | Method::Head) {
        return Answer::MethodNotAllowed;
    }
    let rel = match clean_path(url) {
        Ok(p) => p,
        Err(_) => return Answer::Bad,
    };
    let key = file_of(&rel);
    if let Some(bytes) = snap.files.get(&key) {
        return Answer::File(key, bytes.clone());
    }
    if snap.files.contains_key(&format!("{rel}/index.html")) {
        let path = url.split('?').next().unwrap_or(url);
        return Answer::Redirect(format!("{path}/"));
    }
    Answer::NotFound(snap.files.get(crate::layout::NOT_FOUND).cloned())
}

/// Puts `html` (the editor's "Rediger" link) right before a page's `<main`: after the skip
/// link and the header, so the keyboard order of the page stays as built.
fn before_main(page: &[u8], html: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    match text.find("<main") {
        Some(at) => format!("{}{html}{}", &text[..at], &text[at..]).into_bytes(),
        None => page.to_vec(),
    }
}

/// Whether the file at `key` is a page the build rendered, which may run the site's scripts.
/// HTML under the images folder was put there by hand and is not.
pub fn is_page(key: &str) -> bool {
    key.ends_with(".html") && !key.starts_with(&format!("{}/", crate::layout::IMAGES))
}

/// Answers an ordinary request. `edit_link` gives the "Rediger" link for a page's file
/// (`indsatser/2020-2021/x/index.html`), when it has one.
pub fn respond(req: Request, snap: &Snapshot, edit_link: &dyn Fn(&str) -> Option<String>) {
    let answer = resolve(req.method(), req.url(), snap);
    let no_store = header("Cache-Control", "no-store");
    let result = match answer {
        Answer::File(key, bytes) => {
            let mut response = Response::from_data(match edit_link(&key) {
                Some(link) => before_main(&bytes, &link),
                None => bytes.to_vec(),
            })
            .with_header(header("Content-Type", mime(&key)))
            .with_header(header("X-Content-Type-Options", "nosniff"))
            .with_header(no_store);
            if !is_page(&key) {
                response = response.with_header(header("Content-Security-Policy", "sandbox"));
            }
            req.respond(response)
        }
        Answer::Redirect(to) => req.respond(
            Response::empty(301)
                .with_header(header("Location", &to))
                .with_header(no_store),
        ),
        Answer::NotFound(page) => {
            let body = page.map_or_else(|| b"404 - siden findes ikke".to_vec(), |p| p.to_vec());
            req.respond(
                Response::from_data(body)
                    .with_status_code(404)
                    .with_header(header("Content-Type", "text/html; charset=utf-8"))
                    .with_header(no_store),
            )
        }
        Answer::Bad => req.respond(
            Response::from_string("400 - ugyldig adresse")
                .with_status_code(400)
                .with_header(header("Content-Type", "text/plain; charset=utf-8"))
                .with_header(no_store),
        ),
        Answer::MethodNotAllowed => req.respond(
            Response::from_string("405")
                .with_status_code(405)
                .with_header(header("Allow", "GET, HEAD")),
        ),
    };
    // A client that went away is not our problem.
    let _ = result;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_every_traversal_form() {
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/%2e%2e%2fsite.yaml",
            "/a/../../site.yaml",
            "/..\\site.yaml",
            "/%5c..%5csite.yaml",
            "/a%00.html",
            "//etc/passwd",
            "/%2f%2fetc/passwd",
            "/./index.html",
            "/%zz",
        ] {
            assert!(clean_path(bad).is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn a_tab_names_its_page_in_the_event_url() {
        let page = |u: &str| page_of_events_url(u);
        assert_eq!(
            page("/__indsats/events?side=%2F").as_deref(),
            Some("index.html")
        );
        assert_eq!(
            page("/__indsats/events?x=1&side=%2Ftema%2Ftobak%2F").as_deref(),
            Some("tema/tobak/index.html")
        );
        assert_eq!(
            page("/__indsats/events?side=%2F404.html").as_deref(),
            Some("404.html")
        );
        assert_eq!(page("/__indsats/events?side=%2F..%2Fx"), None);
        assert_eq!(page("/__indsats/events"), None);
    }

    #[test]
    fn accepts_ordinary_paths() {
        assert_eq!(clean_path("/"), Ok(String::new()));
        assert_eq!(clean_path("/tema/tobak/?q=1"), Ok("tema/tobak/".into()));
        assert_eq!(
            clean_path("/nyheder/r%C3%B8gfri/"),
            Ok("nyheder/røgfri/".into())
        );
    }

    #[test]
    fn resolves_folders_redirects_and_misses() {
        let mut snap = Snapshot::default();
        snap.files
            .insert("index.html".into(), Arc::from(&b"home"[..]));
        snap.files
            .insert("tema/tobak/index.html".into(), Arc::from(&b"tobak"[..]));
        snap.files
            .insert("404.html".into(), Arc::from(&b"nope"[..]));
        assert!(
            matches!(resolve(&Method::Get, "/", &snap), Answer::File(k, _) if k == "index.html")
        );
        assert!(matches!(
            resolve(&Method::Head, "/tema/tobak/", &snap),
            Answer::File(_, _)
        ));
        assert!(
            matches!(resolve(&Method::Get, "/tema/tobak", &snap), Answer::Redirect(to) if to == "/tema/tobak/")
        );
        assert!(matches!(
            resolve(&Method::Get, "/x/", &snap),
            Answer::NotFound(Some(_))
        ));
        assert!(matches!(
            resolve(&Method::Post, "/", &snap),
            Answer::MethodNotAllowed
        ));
        assert_eq!(mime("a/b.css"), "text/css; charset=utf-8");
    }

    #[test]
    fn only_rendered_pages_may_run_scripts() {
        assert!(is_page("index.html"));
        assert!(is_page("tema/tobak/index.html"));
        assert!(!is_page("billeder/graf.svg"));
        assert!(!is_page("billeder/side.html"));
        assert!(!is_page("css/site.css"));
    }
}
