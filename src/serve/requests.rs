//! The request threads of `serve`: each answers from the current snapshot, keeps an event
//! stream open for live reload, or shows the error page while nothing has built yet.

use super::{http, reload, Shared};
use reload::Event;
use std::sync::Arc;

pub(super) fn serve_requests(server: &tiny_http::Server, shared: &Arc<Shared>) {
    for req in server.incoming_requests() {
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
            let page = format!(
                "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Siden kunne ikke bygges</title></head><body><main>{overlay}</main><script>{}</script></body></html>",
                reload::SCRIPT
            );
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
        http::respond(req, &snap);
    }
}
