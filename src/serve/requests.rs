//! The request threads of `serve`: each answers from the current snapshot, keeps an event
//! stream open for live reload, or shows the error page while nothing has built yet. The
//! editor has a port (an origin) of its own, with threads of its own: a file of the preview
//! can then never read the editor's pages, which a browser keeps apart by origin.

use super::{http, reload, Shared};
use crate::editor::{self, Editor};
use reload::Event;
use std::sync::Arc;

/// The most a form may send.
const MAX_FORM: u64 = 4 << 20;

pub(super) fn serve_requests(server: &tiny_http::Server, shared: &Arc<Shared>, editor: &Editor) {
    for req in server.incoming_requests() {
        if req.url().starts_with(editor::PREFIX) && !editor.is_on() {
            // It says why it is off.
            answer_editor(req, editor, "");
            continue;
        }
        if req.url().starts_with(editor::PREFIX) {
            // The editor is not on the preview's origin: an old link is sent to it.
            let to = format!("{}{}", editor.origin(), req.url());
            let mut response = tiny_http::Response::empty(303);
            if let Ok(h) = tiny_http::Header::from_bytes(&b"Location"[..], to.as_bytes()) {
                response = response.with_header(h);
            }
            let _ = req.respond(response);
            continue;
        }
        if req.url().split('?').next() == Some(reload::EVENTS_PATH) {
            let rx = shared.hub.subscribe(http::page_of_events_url(req.url()));
            let first = shared.error.read().ok().and_then(|e| e.clone());
            let out = req.into_writer();
            std::thread::spawn(move || reload::stream(out, rx, first));
            continue;
        }
        let snap = shared
            .snapshot
            .read()
            .map(|s| s.clone())
            .unwrap_or_default();
        if snap.files.is_empty() {
            // Nothing has built yet: every page is the error, and it reloads when fixed.
            let overlay = match shared.error.read().ok().and_then(|e| e.clone()) {
                Some(Event::Failed(html)) => html,
                _ => "<p>Siden bygges …</p>".to_string(),
            };
            let page = super::pages::not_built(&overlay);
            let header = tiny_http::Header::from_bytes(
                &b"Content-Type"[..],
                &b"text/html; charset=utf-8"[..],
            );
            let mut response = tiny_http::Response::from_string(page).with_status_code(500);
            if let Ok(h) = header {
                response = response.with_header(h);
            }
            let _ = req.respond(response);
            continue;
        }
        let link = |key: &str| {
            if !editor.is_on() || !key.ends_with("index.html") {
                return None;
            }
            Some(editor.link(snap.source_of(key).as_deref()))
        };
        http::respond(req, &snap, &link);
    }
}

/// The request threads of the editor's own port: its pages under `editor::PREFIX`; any other
/// address is the preview's (a link in the form's preview of the text), sent there.
pub(super) fn serve_editor(server: &tiny_http::Server, editor: &Editor, site: &str) {
    for req in server.incoming_requests() {
        if req.url().starts_with(editor::PREFIX) {
            answer_editor(req, editor, site);
            continue;
        }
        let to = format!("{}{}", site.trim_end_matches('/'), req.url());
        let mut response = tiny_http::Response::empty(303);
        if let Ok(h) = tiny_http::Header::from_bytes(&b"Location"[..], to.as_bytes()) {
            response = response.with_header(h);
        }
        let _ = req.respond(response);
    }
}

/// Hands an editor request to the editor, with what it needs of the request. `site` is the
/// preview's address, whose images the form's preview of the text shows.
fn answer_editor(mut req: tiny_http::Request, editor: &Editor, site: &str) {
    let header = |name: &'static str| {
        req.headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let (host, origin, cookie) = (header("Host"), header("Origin"), header("Cookie"));
    let method = req.method().as_str().to_string();
    let url = req.url().to_string();
    let mut body = String::new();
    if method == "POST" {
        use std::io::Read;
        let mut limited = req.as_reader().take(MAX_FORM + 1);
        if limited.read_to_string(&mut body).is_err() {
            body.clear();
        }
        if body.len() as u64 > MAX_FORM {
            // Cut short, the text would be saved without its end: refuse it whole.
            let page = editor::too_large();
            let _ = req.respond(tiny_http::Response::from_string(page).with_status_code(413));
            return;
        }
    }
    // A fault in the editor answers this request with an error page; the thread goes on.
    let reply = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        editor.answer(&editor::Incoming {
            method: &method,
            url: &url,
            host: host.as_deref(),
            origin: origin.as_deref(),
            cookie: cookie.as_deref(),
            body: &body,
        })
    }))
    .unwrap_or_else(|_| editor::Reply {
        status: 500,
        html: editor::fault(),
        media: editor::Media::Html,
        location: None,
        cookie: None,
    });
    let mut response = tiny_http::Response::from_string(reply.html).with_status_code(reply.status);
    if let Some(to) = reply.location {
        if let Ok(h) = tiny_http::Header::from_bytes(&b"Location"[..], to.as_bytes()) {
            response = response.with_header(h);
        }
    }
    if let Some(cookie) = reply.cookie {
        if let Ok(h) = tiny_http::Header::from_bytes(&b"Set-Cookie"[..], cookie.as_bytes()) {
            response = response.with_header(h);
        }
        // The key is spent: the next one, for another browser, where only its owner reads.
        println!("Rediger i en anden browser: {}", editor.address());
    }
    let content_type = reply.media.content_type();
    let policy = format!(
        "default-src 'self'; style-src 'unsafe-inline'; img-src 'self' {}; frame-ancestors 'none'",
        site.trim_end_matches('/')
    );
    for (name, value) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Security-Policy", &policy),
        // Not "no-referrer": a browser then sends a form's Origin as "null", and the save
        // would be refused as coming from elsewhere.
        ("Referrer-Policy", "same-origin"),
    ] {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response = response.with_header(h);
        }
    }
    let _ = req.respond(response);
}
