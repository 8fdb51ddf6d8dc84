//! Live reload: the script injected into pages in serve mode (never in `build` output), the
//! Server-Sent Events stream it listens to, and the Danish error overlay shown in every open
//! tab while the last save did not build.

use std::collections::HashSet;
use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

pub const SCRIPT_PATH: &str = crate::layout::RELOAD_SCRIPT;
pub const EVENTS_PATH: &str = crate::layout::RELOAD_EVENTS;

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The site was rebuilt: reload the page.
    Reload,
    /// Only stylesheets changed: swap them without losing the scroll position.
    Css,
    /// The last save did not build: show this overlay (HTML).
    Failed(String),
}

impl Event {
    /// The SSE wire form: `event:` and one `data:` line per line of payload.
    pub fn wire(&self) -> String {
        let (name, data) = match self {
            Event::Reload => ("reload", "1"),
            Event::Css => ("css", "1"),
            Event::Failed(html) => ("fejl", html.as_str()),
        };
        let mut out = format!("event: {name}\n");
        for line in data.lines() {
            out.push_str("data: ");
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
        out
    }
}

/// The open event streams, each with the page its tab shows (when the tab said).
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<(Sender<Event>, Option<String>)>>,
}

impl Hub {
    /// A new stream for a tab showing `page` (a file of the snapshot, `tema/tobak/index.html`).
    pub fn subscribe(&self, page: Option<String>) -> Receiver<Event> {
        let (tx, rx) = channel();
        if let Ok(mut c) = self.clients.lock() {
            c.push((tx, page));
        }
        rx
    }

    /// Sends to every open stream, forgetting the closed ones.
    pub fn broadcast(&self, e: &Event) {
        self.send_where(e, |_| true);
    }

    /// Sends to the streams whose page passes `wanted` (`None`: a tab that did not say).
    pub fn send_where(&self, e: &Event, wanted: impl Fn(Option<&str>) -> bool) {
        if let Ok(mut c) = self.clients.lock() {
            c.retain(|(tx, page)| !wanted(page.as_deref()) || tx.send(e.clone()).is_ok());
        }
    }

    /// The pages open in some tab.
    pub fn open_pages(&self) -> HashSet<String> {
        self.clients.lock().map_or_else(
            |_| HashSet::new(),
            |c| c.iter().filter_map(|(_, p)| p.clone()).collect(),
        )
    }

    pub fn count(&self) -> usize {
        self.clients.lock().map_or(0, |c| c.len())
    }
}

/// Keeps one event stream open until the browser goes away. `first` is sent at once (the
/// current error, if there is one). tiny_http buffers chunked bodies, so the headers are
/// written by hand and every event is flushed.
pub fn stream(mut out: Box<dyn Write + Send>, rx: Receiver<Event>, first: Option<Event>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: indsats\n\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    if let Some(e) = first {
        if out
            .write_all(e.wire().as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
    loop {
        let msg = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(e) => e.wire(),
            Err(RecvTimeoutError::Timeout) => ": keepalive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(msg.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// The script pages load in serve mode.
pub const SCRIPT: &str = concat!(
    r#"(() => {
  const es = new EventSource(""#,
    crate::layout::reload_events!(),
    r#"?side=" + encodeURIComponent(location.pathname));
  const id = "indsats-fejl";
  // Marks the page as connected (tests wait for it instead of sleeping).
  es.addEventListener("open", () => { document.documentElement.dataset.indsatsLive = "1"; });
  es.addEventListener("reload", () => location.reload());
  es.addEventListener("css", () => {
    document.getElementById(id)?.remove();
    for (const l of document.querySelectorAll('link[rel="stylesheet"]')) {
      const u = new URL(l.href);
      u.searchParams.set("v", Date.now());
      l.href = u.href;
    }
  });
  // The overlay covers the page; "Skjul fejlen" puts it away until the next failed save.
  es.addEventListener("fejl", (e) => {
    let box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(255,255,255,.97);color:#1a1a1a;padding:2rem;font:16px/1.5 system-ui,sans-serif";
      const hide = document.createElement("button");
      hide.type = "button";
      hide.textContent = "Skjul fejlen";
      hide.style.cssText = "float:right;font:inherit;padding:.5rem 1rem;border:2px solid #1a1a1a;background:#fff;color:#1a1a1a;cursor:pointer";
      hide.addEventListener("click", () => box.remove());
      box.append(hide, document.createElement("div"));
      document.body.append(box);
    }
    box.lastElementChild.innerHTML = e.data;
  });
})();
"#
);

/// Puts the reload script before `</body>` of an HTML page.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let tag = tag();
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The script element `inject` puts into a page.
fn tag() -> String {
    format!("<script src=\"{SCRIPT_PATH}\"></script>")
}

/// A served file as built: the page without what `inject` put into it.
pub fn take_out(bytes: &[u8]) -> Vec<u8> {
    let tag = tag();
    let tag = tag.as_bytes();
    match bytes.windows(tag.len()).rposition(|w| w == tag) {
        Some(i) => [&bytes[..i], &bytes[i + tag.len()..]].concat(),
        None => bytes.to_vec(),
    }
}

/// The overlay's HTML for a failed build: the same Danish messages as the terminal.
pub fn overlay(diagnostics: &[crate::diagnostics::Diagnostic]) -> String {
    let esc = crate::render::html_escape;
    let mut h = String::from("<h2 style=\"color:#cc0000;margin-top:0\">Siden kunne ikke bygges</h2><p>Ret fejlen og gem filen igen; siden viser stadig den seneste version, der kunne bygges.</p>");
    for d in diagnostics {
        h.push_str(
            "<section style=\"border-left:4px solid #cc0000;padding:.25rem 1rem;margin:1rem 0\">",
        );
        h.push_str(&format!(
            "<p style=\"margin:0\"><strong>{}</strong></p>",
            esc(&d.message)
        ));
        h.push_str(&format!(
            "<p style=\"margin:0\"><code>{}</code></p>",
            esc(&d.location())
        ));
        if let (Some(line), Some(snippet)) = (d.line, &d.snippet) {
            h.push_str(&format!(
                "<pre style=\"background:#f2f2f2;padding:.5rem;overflow:auto\">{line} | {}</pre>",
                esc(snippet)
            ));
        }
        if let Some(hint) = &d.hint {
            h.push_str(&format!("<p style=\"margin:0\">Hjælp: {}</p>", esc(hint)));
        }
        h.push_str("</section>");
    }
    h.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_framed_for_sse() {
        assert_eq!(Event::Reload.wire(), "event: reload\ndata: 1\n\n");
        assert_eq!(
            Event::Failed("a\nb".into()).wire(),
            "event: fejl\ndata: a\ndata: b\n\n"
        );
    }

    #[test]
    fn script_goes_before_the_end_of_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).expect("utf-8");
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__indsats/reload.js\"></script></body></html>"
        );
    }

    #[test]
    fn overlay_escapes_what_editors_wrote() {
        let d = crate::diagnostics::Diagnostic::error("content/a.md", "ukendt nøgle \"<b>\"").at(
            "<script>x</script>",
            1,
            1,
        );
        let h = overlay(&[d]);
        assert!(h.contains("content/a.md:1:1"));
        assert!(!h.contains("<script>"));
        assert!(h.contains("&lt;script&gt;"));
    }
}
