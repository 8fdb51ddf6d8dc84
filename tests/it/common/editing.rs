//! Helpers for the tests of `serve`'s editor (`tests/editor.rs`, `tests/editor_guards.rs`):
//! start `serve` and let the test in with the one-time key, as the editor's owner would;
//! send requests as the owner's browser (or a stranger's); read a form's fields as a browser
//! sends them.

use super::html::{attr, decode_attr, parse_html};
use super::{start, Server};
use std::io::{Read, Write};
use std::time::Duration;

pub const FILE: &str = "content/indsatser/2020-2021/stressforloeb.md";
pub const FORM: &str = "/_rediger/content/indsatser/2020-2021/stressforloeb.md";
pub const PAGE: &str = "/indsatser/2020-2021/stressforloeb/";

/// An HTTP/1.1 request with extra header lines and a form body; returns (status, body).
/// A save that succeeds leads on to the form read again (303), which is followed as a
/// browser follows it.
pub fn send(port: u16, method: &str, path: &str, headers: &[String], body: &str) -> (u16, String) {
    let (mut status, mut text) = send_raw(port, method, path, headers, body);
    let to = text
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.strip_prefix("Location: "))
        .filter(|l| l.contains("?gemt="))
        .map(str::to_string);
    if let (303, Some(to)) = (status, to) {
        let reading: Vec<String> = headers
            .iter()
            .filter(|h| !h.starts_with("Origin:"))
            .cloned()
            .collect();
        (status, text) = send_raw(port, "GET", &to, &reading, "");
    }
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

/// As `send`, with the answer's header lines before its body.
pub fn send_raw(
    port: u16,
    method: &str,
    path: &str,
    headers: &[String],
    body: &str,
) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for h in headers {
        head.push_str(&format!("{h}\r\n"));
    }
    if method == "POST" {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    write!(s, "{head}\r\n{body}").expect("send");
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// The cookie each editor's key let in, by the editor's port.
static COOKIES: std::sync::Mutex<Vec<(u16, String)>> = std::sync::Mutex::new(Vec::new());

/// A running `serve` whose editor has let this test in: the editor's port (`port`), the
/// preview's (`site`).
pub struct Editing {
    _server: Server,
    pub port: u16,
    pub site: u16,
    /// The path with the key `start_editing` spent.
    pub spent: String,
}

/// Starts `serve` and opens the editor's address with its one-time key, as its owner would:
/// the cookie it sets goes with every later request to that editor.
pub fn start_editing(root: &std::path::Path) -> Editing {
    let server = start(root);
    let address = server
        .editor
        .clone()
        .expect("serve printed the editor's address");
    let rest = address
        .strip_prefix("http://127.0.0.1:")
        .expect("on loopback");
    let port: u16 = rest
        .split('/')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    let path = &rest[rest.find('/').expect("a path")..];
    let (status, head) = send_raw(port, "GET", path, &[format!("Host: 127.0.0.1:{port}")], "");
    assert_eq!(status, 303, "{head}");
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("the key sets a cookie")
        .to_string();
    COOKIES.lock().expect("cookies").push((port, cookie));
    let site = server.port;
    Editing {
        _server: server,
        port,
        site,
        spent: path.to_string(),
    }
}

pub fn cookie(port: u16) -> String {
    let cookies = COOKIES.lock().expect("cookies");
    let c = cookies.iter().rev().find(|(p, _)| *p == port);
    format!("Cookie: {}", c.map_or("", |(_, c)| c.as_str()))
}

/// What the editor's own browser sends with a reading request.
pub fn reading(port: u16) -> Vec<String> {
    vec![format!("Host: 127.0.0.1:{port}"), cookie(port)]
}

/// What the editor's own browser sends with a form.
pub fn own(port: u16) -> Vec<String> {
    vec![
        format!("Host: 127.0.0.1:{port}"),
        format!("Origin: http://127.0.0.1:{port}"),
        cookie(port),
    ]
}

/// What a browser sends for the form in `html`: every input, select and textarea by name.
pub fn form_fields(html: &str) -> Vec<(String, String)> {
    let (tags, _) = parse_html(html);
    let mut fields = Vec::new();
    let mut select: Option<String> = None;
    for t in &tags {
        match t.name.as_str() {
            // A box is sent only when ticked.
            "input" if attr(t, "type") == Some("checkbox") && attr(t, "checked").is_none() => {}
            "input" => {
                if let (Some(n), Some(v)) = (attr(t, "name"), attr(t, "value")) {
                    fields.push((n.to_string(), decode_attr(v)));
                }
            }
            "select" => select = attr(t, "name").map(str::to_string),
            "option" if attr(t, "selected").is_some() => {
                if let (Some(n), Some(v)) = (select.take(), attr(t, "value")) {
                    fields.push((n, decode_attr(v)));
                }
            }
            _ => {}
        }
    }
    let mut rest = html;
    while let Some(i) = rest.find("<textarea") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tag = &rest[i..tag_end];
        let close = rest[tag_end..]
            .find("</textarea>")
            .map_or(rest.len(), |j| tag_end + j);
        if let Some(name) = tag
            .split("name=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        {
            // As a browser reads it: one line end right after the tag is dropped.
            let text = &rest[tag_end..close];
            let text = text.strip_prefix('\n').unwrap_or(text);
            fields.push((name.to_string(), decode_attr(text)));
        }
        rest = &rest[close..];
    }
    fields
}

/// `application/x-www-form-urlencoded`.
pub fn encode(fields: &[(String, String)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let f = fields
        .iter_mut()
        .find(|(k, _)| k == name)
        .unwrap_or_else(|| panic!("the form has a field {name}"));
    f.1 = value.to_string();
}

/// The lines only `before` has, and the lines only `after` has, each in order.
pub fn changed_lines<'a>(before: &'a str, after: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let only = |a: &'a str, b: &'a str| a.lines().filter(|l| !b.lines().any(|o| o == *l)).collect();
    (only(before, after), only(after, before))
}

/// Opens the form, as a browser would after following "Rediger".
pub fn open(port: u16) -> (String, Vec<(String, String)>) {
    let (status, html) = send(port, "GET", FORM, &reading(port), "");
    assert_eq!(status, 200, "{html}");
    let fields = form_fields(&html);
    (html, fields)
}
