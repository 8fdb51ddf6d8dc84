//! The editor in `indsats serve`: a preview page leads to its file's form; a save changes
//! the one line that changed and the preview follows; a mistake is shown next to its field
//! with nothing written; a save from another site, another host or an old form is refused;
//! a file changed on disk since the form was opened is not overwritten; listening beyond
//! loopback turns the editor off.

mod common;
use common::html::{attr, decode_attr, parse_html};
use common::*;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

const FILE: &str = "content/indsatser/2020-2021/stressforloeb.md";
const FORM: &str = "/_rediger/content/indsatser/2020-2021/stressforloeb.md";
const PAGE: &str = "/indsatser/2020-2021/stressforloeb/";

/// An HTTP/1.1 request with extra header lines and a form body; returns (status, body).
/// A save that succeeds leads on to the form read again (303), which is followed as a
/// browser follows it.
fn send(port: u16, method: &str, path: &str, headers: &[String], body: &str) -> (u16, String) {
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
fn send_raw(port: u16, method: &str, path: &str, headers: &[String], body: &str) -> (u16, String) {
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
struct Editing {
    _server: Server,
    port: u16,
    site: u16,
    /// The path with the key `start_editing` spent.
    spent: String,
}

/// Starts `serve` and opens the editor's address with its one-time key, as its owner would:
/// the cookie it sets goes with every later request to that editor.
fn start_editing(root: &std::path::Path) -> Editing {
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

fn cookie(port: u16) -> String {
    let cookies = COOKIES.lock().expect("cookies");
    let c = cookies.iter().rev().find(|(p, _)| *p == port);
    format!("Cookie: {}", c.map_or("", |(_, c)| c.as_str()))
}

/// What the editor's own browser sends with a reading request.
fn reading(port: u16) -> Vec<String> {
    vec![format!("Host: 127.0.0.1:{port}"), cookie(port)]
}

/// What the editor's own browser sends with a form.
fn own(port: u16) -> Vec<String> {
    vec![
        format!("Host: 127.0.0.1:{port}"),
        format!("Origin: http://127.0.0.1:{port}"),
        cookie(port),
    ]
}

/// What a browser sends for the form in `html`: every input, select and textarea by name.
fn form_fields(html: &str) -> Vec<(String, String)> {
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
fn encode(fields: &[(String, String)]) -> String {
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

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let f = fields
        .iter_mut()
        .find(|(k, _)| k == name)
        .unwrap_or_else(|| panic!("the form has a field {name}"));
    f.1 = value.to_string();
}

/// The lines only `before` has, and the lines only `after` has, each in order.
fn changed_lines<'a>(before: &'a str, after: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let only = |a: &'a str, b: &'a str| a.lines().filter(|l| !b.lines().any(|o| o == *l)).collect();
    (only(before, after), only(after, before))
}

/// Opens the form, as a browser would after following "Rediger".
fn open(port: u16) -> (String, Vec<(String, String)>) {
    let (status, html) = send(port, "GET", FORM, &reading(port), "");
    assert_eq!(status, 200, "{html}");
    let fields = form_fields(&html);
    (html, fields)
}

#[test]
fn an_editor_changes_the_title_and_only_that_line_changes() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let site = server.site;
    let (status, page) = send(site, "GET", PAGE, &reading(site), "");
    assert_eq!(status, 200);
    // The editor is on an origin of its own.
    assert!(
        page.contains(&format!(
            "<a href=\"http://127.0.0.1:{port}{FORM}\">Rediger denne side</a>"
        )),
        "{page}"
    );
    let (html, mut fields) = open(port);
    assert!(
        html.contains("<label for=\"felt-titel\">Titel</label>"),
        "{html}"
    );
    assert!(html.contains("<button type=\"submit\">Gem</button>"));
    let before = read(dir.path().join(FILE));
    set(&mut fields, "titel", "Stressforløb for alle voksne");
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{saved}");
    assert!(saved.contains("<h2>Gemt</h2>"), "{saved}");
    assert!(saved.contains(&format!("<a href=\"{PAGE}\">Se siden</a>")));
    let after = read(dir.path().join(FILE));
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [(
            "titel: Stressforløb for voksne",
            "titel: Stressforløb for alle voksne"
        )]
    );
    assert_eq!(before.lines().count(), after.lines().count());
    // The save is an ordinary save: the preview rebuilds and shows the new title.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, page) = send(site, "GET", PAGE, &reading(site), "");
        if page.contains("<h1>Stressforløb for alle voksne</h1>") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the preview never showed the new title"
        );
        std::thread::yield_now();
    }
}

#[test]
fn a_mistake_is_shown_at_its_field_and_nothing_is_written() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (_, mut fields) = open(port);
    let before = read(dir.path().join(FILE));
    set(&mut fields, "titel", "");
    set(&mut fields, "status", "igang");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("Der er et problem, så intet er gemt"),
        "{html}"
    );
    assert!(
        html.contains("<li><a href=\"#felt-titel\">Skriv en titel</a>"),
        "{html}"
    );
    assert!(html.contains("<li><a href=\"#felt-status\">&quot;igang&quot; er ikke en gyldig værdi for »Status«: mente du &quot;igangværende&quot;?"), "{html}");
    assert!(html.contains("id=\"felt-titel\" name=\"titel\" aria-describedby=\"hint-titel fejl-titel\" aria-invalid=\"true\""), "{html}");
    assert!(
        html.contains(
            "<span id=\"fejl-status\"><span class=\"error\">Fejl: &quot;igang&quot; er ikke"
        ),
        "{html}"
    );
    assert_eq!(read(dir.path().join(FILE)), before, "nothing is written");
}

#[test]
fn a_save_from_elsewhere_is_refused() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (_, mut fields) = open(port);
    let before = read(dir.path().join(FILE));
    set(&mut fields, "titel", "Overtaget");
    let body = encode(&fields);
    let host = format!("Host: 127.0.0.1:{port}");
    let cases: [(&str, Vec<String>, String); 4] = [
        (
            "another site",
            vec![host.clone(), "Origin: http://evil.example".into()],
            body.clone(),
        ),
        ("no Origin", vec![host.clone()], body.clone()),
        (
            "another host name (DNS rebinding)",
            vec![
                format!("Host: evil.example:{port}"),
                format!("Origin: http://evil.example:{port}"),
            ],
            body.clone(),
        ),
        (
            "a wrong token",
            own(port),
            body.replace("token=", "token=x"),
        ),
    ];
    for (what, headers, body) in cases {
        let (status, html) = send(port, "POST", FORM, &headers, &body);
        assert_eq!(status, 403, "{what}: {html}");
    }
    assert_eq!(read(dir.path().join(FILE)), before, "nothing is written");
    for path in [
        "/_rediger/content/../site.yaml",
        "/_rediger/site.yaml",
        "/_rediger/content/billeder/graf.svg",
        "/_rediger/content/indsatser/2020-2021/findes-ikke.md",
    ] {
        assert_eq!(send(port, "GET", path, &reading(port), "").0, 404, "{path}");
    }
}

/// A file changed on disk (another tab, another program) since the form was opened is never
/// overwritten: changes to different fields are merged and saved, and only a field both
/// changed is asked about, with "Behold min" / "Behold den på disken"; the answer is saved
/// with everything else from both sides.
#[test]
fn a_file_changed_on_disk_since_the_form_was_opened_is_merged_by_field() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let file = dir.path().join(FILE);
    // Different fields: both kept.
    let (_, mut fields) = open(port);
    let theirs = read(&file).replace("sted: Rådhuset", "sted: Biblioteket");
    std::fs::write(&file, &theirs).expect("another program saves");
    set(&mut fields, "titel", "Min titel");
    let (status, raw) = send_raw(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 303, "{raw}");
    assert!(raw.contains("?gemt=flettet"), "{raw}");
    let merged = read(&file);
    assert_eq!(
        merged,
        theirs.replace("titel: Stressforløb for voksne", "titel: Min titel")
    );
    let (_, said) = send(
        port,
        "GET",
        &format!("{FORM}?gemt=flettet"),
        &reading(port),
        "",
    );
    assert!(
        said.contains("de ændringer er bevaret sammen med dine"),
        "{said}"
    );

    // The same field: asked about, only it.
    let (_, mut fields) = open(port);
    let theirs = read(&file).replace("titel: Min titel", "titel: Deres titel");
    std::fs::write(&file, &theirs).expect("another tab saves");
    set(&mut fields, "titel", "Vores titel");
    set(&mut fields, "pris", "100 kr.");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 409, "{html}");
    assert!(html.contains("Filen er ændret, siden du åbnede formularen"));
    assert_eq!(
        html.matches("<fieldset").count(),
        1,
        "only the title is asked: {html}"
    );
    assert!(html.contains("<legend>Titel</legend>"), "{html}");
    assert!(
        html.contains("Behold min: <span class=\"side\">Vores titel</span>"),
        "{html}"
    );
    assert!(
        html.contains("Behold den på disken: <span class=\"side\">Deres titel</span>"),
        "{html}"
    );
    assert_eq!(read(&file), theirs, "nothing is overwritten");
    // The merged save, keeping the disk's title and my price.
    let mut answer = form_fields(&html);
    answer.retain(|(k, v)| !(k == "valg:titel" && v == "min"));
    answer.push(("valg:titel".into(), "disk".into()));
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&answer));
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        read(&file),
        theirs.replace("pris: Gratis", "pris: 100 kr."),
        "the disk's title and my price"
    );
}

#[test]
fn listening_beyond_loopback_turns_the_editor_off() {
    let dir = site("basic");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_indsats"))
        .args(["serve", "--bind", "0.0.0.0", "--port", "0", "--root"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout)).map_while(Result::ok);
    let mut said = Vec::new();
    let port: u16 = loop {
        let line = lines.next().expect("serve printed its address");
        if let Some(rest) = line.split("http://0.0.0.0:").nth(1) {
            said.push(line.clone());
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            break digits.parse().expect("port");
        }
        said.push(line);
    };
    // The notice comes after the address.
    said.extend(lines.next());
    let off = said
        .iter()
        .any(|l| l.starts_with("Redigering i browseren er slået fra"));
    let (status, _) = send(port, "GET", FORM, &[format!("Host: 127.0.0.1:{port}")], "");
    let (_, page) = send(port, "GET", PAGE, &[format!("Host: 127.0.0.1:{port}")], "");
    let _ = child.kill();
    let _ = child.wait();
    assert!(off, "{said:?}");
    assert_eq!(status, 404);
    assert!(!page.contains("Rediger denne side"));
}

/// Themes are boxes to tick (the file's first stays first), actors rows to fill in, goals
/// boxes: each changes its own key's lines and nothing else.
#[test]
fn themes_actors_and_goals_change_only_their_own_lines() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    assert!(html.contains("<legend>Tema</legend>"), "{html}");
    assert!(html.contains("<legend>Aktører</legend>"), "{html}");
    let before = read(dir.path().join(FILE));
    // Tick Tobak as well, add an actor in the first empty row, untick goal 2.
    fields.push(("tema".to_string(), "Tobak".to_string()));
    let empty_row = fields
        .iter()
        .position(|(k, v)| k == "aktører" && v.is_empty())
        .expect("an empty row for a new actor");
    fields[empty_row].1 = "Kommunikationsafdelingen".to_string();
    assert!(
        fields.contains(&("strategimål".to_string(), "2".to_string())),
        "\"1 og 2\" shows as goals 1 and 2 ticked: {fields:?}"
    );
    fields.retain(|(k, v)| !(k == "strategimål" && v == "2"));
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{saved}");
    assert!(saved.contains("<h2>Gemt</h2>"), "{saved}");
    let after = read(dir.path().join(FILE));
    let (removed, added) = changed_lines(&before, &after);
    assert_eq!(
        removed,
        [
            "tema: [Mental sundhed, Overvægt]",
            "strategimål: \"1 og 2\""
        ],
        "{after}"
    );
    assert_eq!(
        added,
        [
            "tema: [Mental sundhed, Overvægt, Tobak]",
            "strategimål: 1",
            "  - Kommunikationsafdelingen"
        ],
        "{after}"
    );
}

/// The overview lists the content by plan period and filters it without a script; its "Ny
/// indsats" and "Før videre til næste periode" make the very files `indsats new` (`--fra`)
/// makes, and lead to their forms; "Ny nyhed" makes a draft update.
#[test]
fn the_overview_makes_the_files_indsats_new_makes() {
    let dir = site("basic");
    let by_hand = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let host = &reading(port);
    let (status, all) = send(port, "GET", "/_rediger/", host, "");
    assert_eq!(status, 200, "{all}");
    let plan_2020 = all
        .find("<h2>Planperiode 2020-2021</h2>")
        .expect("2020-2021");
    let plan_2018 = all
        .find("<h2>Planperiode 2018-2019</h2>")
        .expect("2018-2019");
    assert!(plan_2020 < plan_2018, "newest period first");
    assert!(all.contains(&format!("<a href=\"{FORM}\">Stressforløb for voksne</a>")));
    let (_, found) = send(port, "GET", "/_rediger/?q=stress&status=", host, "");
    assert!(found.contains("Stressforløb for voksne") && !found.contains("Rygestop for alle"));
    let (_, done) = send(
        port,
        "GET",
        "/_rediger/?q=&status=gennemf%C3%B8rt",
        host,
        "",
    );
    assert!(done.contains("Rygestop for alle") && !done.contains("Stressforløb for voksne"));

    let token = form_fields(&all)
        .into_iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v)
        .expect("a token");
    let made = [
        (
            "ny",
            vec![
                ("periode", "2022-2023"),
                ("titel", "Rygestop på job"),
                ("tema", "Tobak"),
            ],
            "content/indsatser/2022-2023/rygestop-paa-job.md",
        ),
        (
            "videre",
            vec![
                ("fra", "2020-2021"),
                ("filnavn", "stressforloeb"),
                ("til", "2022-2023"),
            ],
            "content/indsatser/2022-2023/stressforloeb.md",
        ),
    ];
    for (action, fields, rel) in made {
        let mut fields: Vec<(String, String)> = fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        fields.push(("token".to_string(), token.clone()));
        let (status, _) = send(
            port,
            "POST",
            &format!("/_rediger/{action}"),
            &own(port),
            &encode(&fields),
        );
        assert_eq!(status, 303, "{action}");
        assert!(dir.path().join(rel).is_file(), "{action} made {rel}");
    }
    let root = by_hand.path().to_str().expect("utf-8");
    for args in [
        &[
            "new",
            "2022-2023/rygestop-paa-job",
            "--root",
            root,
            "--tema",
            "Tobak",
            "--titel",
            "Rygestop på job",
        ][..],
        &[
            "new",
            "2022-2023/stressforloeb",
            "--root",
            root,
            "--fra",
            "2020-2021",
        ][..],
    ] {
        let o = indsats(args);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for rel in [
        "content/indsatser/2022-2023/rygestop-paa-job.md",
        "content/indsatser/2022-2023/stressforloeb.md",
    ] {
        assert_eq!(
            read(dir.path().join(rel)),
            read(by_hand.path().join(rel)),
            "{rel}"
        );
    }
    // Made twice: refused with the reason, nothing overwritten.
    let again = encode(&[
        ("token".to_string(), token.clone()),
        ("fra".to_string(), "2020-2021".to_string()),
        ("filnavn".to_string(), "stressforloeb".to_string()),
        ("til".to_string(), "2022-2023".to_string()),
    ]);
    let (status, html) = send(port, "POST", "/_rediger/videre", &own(port), &again);
    assert_eq!(status, 422);
    assert!(html.contains("filen findes allerede"), "{html}");

    let news = encode(&[
        ("token".to_string(), token.clone()),
        ("titel".to_string(), "Nyt kursus i stress".to_string()),
    ]);
    let (status, _) = send(port, "POST", "/_rediger/ny-nyhed", &own(port), &news);
    assert_eq!(status, 303);
    let made: Vec<String> = std::fs::read_dir(dir.path().join("content/nyheder"))
        .expect("nyheder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-nyt-kursus-i-stress.md"))
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let text = read(dir.path().join("content/nyheder").join(&made[0]));
    assert!(
        text.contains("titel: \"Nyt kursus i stress\"\n") && text.contains("\nudkast: true"),
        "{text}"
    );
    // Without the form's token, nothing is made.
    let forged = news.replace(&token, "x");
    assert_eq!(
        send(port, "POST", "/_rediger/ny-nyhed", &own(port), &forged).0,
        403
    );
}

/// As the editor types, the form is checked by the build's own code on the server, field by
/// field, and nothing is written.
#[test]
fn the_form_is_checked_as_it_is_typed_without_writing() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    let check = "/_rediger/tjek/content/indsatser/2020-2021/stressforloeb.md";
    assert!(html.contains(&format!("data-tjek=\"{check}\"")), "{html}");
    let before = read(dir.path().join(FILE));
    let (status, fine) = send(port, "POST", check, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{fine}");
    assert!(
        fine.starts_with(
            "{\"fejl\":[],\"tekst_html\":\"<h2 id=\\\"visning-indsats\\\">Indsats</h2>"
        ),
        "{fine}"
    );
    set(&mut fields, "titel", "");
    let (status, json) = send(port, "POST", check, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{json}");
    assert!(
        json.starts_with("{\"fejl\":[{\"besked\":\"Skriv en titel\""),
        "{json}"
    );
    assert!(
        json.contains("\"felt\":\"titel\"}],\"tekst_html\":"),
        "{json}"
    );
    assert_eq!(read(dir.path().join(FILE)), before, "nothing is written");
    let (status, _) = send(
        port,
        "POST",
        check,
        &[
            format!("Host: 127.0.0.1:{port}"),
            "Origin: http://evil.example".into(),
        ],
        &encode(&fields),
    );
    assert_eq!(status, 403, "another site cannot use it either");
}

/// The contact's parts and the key figures' rows are fields of their own; changing one value
/// changes that line, and a figure added in the empty row is written as the content writes
/// figures.
#[test]
fn a_contact_and_key_figures_are_edited_in_place() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    assert!(html.contains("<legend>Nøgletal</legend>"), "{html}");
    let before = read(dir.path().join(FILE));
    set(&mut fields, "kontakt.telefon", "55 66 77 88");
    set(&mut fields, "nøgletal.værdi", "41");
    // The empty row is the second of each part.
    let mut second = |part: &str, value: &str| {
        let at = fields
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| k == &format!("nøgletal.{part}"))
            .map(|(i, _)| i)
            .nth(1)
            .expect("an empty row");
        fields[at].1 = value.to_string();
    };
    second("label", "Gennemførte");
    second("værdi", "30");
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{saved}");
    let after = read(dir.path().join(FILE));
    let (removed, added) = changed_lines(&before, &after);
    assert_eq!(
        removed,
        ["  telefon: 11 22 33 44", "    værdi: 38"],
        "{after}"
    );
    assert_eq!(
        added,
        [
            "  telefon: 55 66 77 88",
            "    værdi: 41",
            "  - label: Gennemførte",
            "    værdi: 30"
        ],
        "{after}"
    );
}

/// Nothing is made outside `content/`: not through a folder linked to elsewhere, not with a
/// period that climbs out; a form too large to read whole is refused, not saved cut short.
#[test]
fn nothing_is_made_outside_content_and_no_form_is_saved_cut_short() {
    let dir = site("basic");
    let outside = tempfile::tempdir().expect("temp");
    let news = dir.path().join("content/nyheder");
    std::fs::remove_dir_all(&news).expect("remove nyheder");
    std::os::unix::fs::symlink(outside.path(), &news).expect("link nyheder elsewhere");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    let token = fields
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.clone())
        .expect("a token");
    let with_token = |pairs: &[(&str, &str)]| {
        let mut all: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        all.push(("token".to_string(), token.clone()));
        encode(&all)
    };
    let (status, said) = send(
        port,
        "POST",
        "/_rediger/ny-nyhed",
        &own(port),
        &with_token(&[("titel", "Ud af mappen")]),
    );
    assert_eq!(status, 422, "{said}");
    assert!(said.contains("uden for mappen content/"), "{said}");
    assert_eq!(
        std::fs::read_dir(outside.path()).expect("outside").count(),
        0
    );
    let (status, said) = send(
        port,
        "POST",
        "/_rediger/videre",
        &own(port),
        &with_token(&[
            ("fra", "../../../../etc"),
            ("filnavn", "stressforloeb"),
            ("til", "2022-2023"),
        ]),
    );
    assert_eq!(status, 422, "{said}");
    assert!(!dir.path().join("content/indsatser/2022-2023").exists());
    // A body over the limit is refused whole.
    let before = read(dir.path().join(FILE));
    set(&mut fields, "tekst", &"x".repeat(5 << 20));
    let (status, _) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 413);
    assert_eq!(read(dir.path().join(FILE)), before);
    assert!(html.contains("<legend>Kontakt</legend>"));
}

/// A key figure with a list of years is more than the form can show: the form says to edit it
/// in the file, and a save of another field leaves it as it is.
#[test]
fn what_the_form_cannot_show_is_left_to_the_file() {
    let dir = site("basic");
    let file = dir.path().join(FILE);
    std::fs::write(
        &file,
        read(&file).replace("    år: 2020", "    år: [2020, 2021]"),
    )
    .expect("write");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    assert!(
        html.contains(
            "<strong>Nøgletal</strong>: filen har oplysninger her, som formularen ikke kan vise"
        ),
        "{html}"
    );
    assert!(!fields.iter().any(|(k, _)| k.starts_with("nøgletal")));
    let before = read(&file);
    set(&mut fields, "sted", "Biblioteket");
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{saved}");
    let after = read(&file);
    assert_eq!(after, before.replace("sted: Rådhuset", "sted: Biblioteket"));
}

/// "Kladde" is a box: ticking it adds `udkast: true`, unticking it takes the line out again
/// (and the file is as before), so an editor publishes from the form.
#[test]
fn the_draft_box_adds_and_removes_the_draft_line() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let before = read(dir.path().join(FILE));
    let (html, mut fields) = open(port);
    assert!(
        html.contains("<label for=\"felt-udkast\">Kladde</label>"),
        "{html}"
    );
    fields.push(("udkast".to_string(), "true".to_string()));
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{saved}");
    let draft = read(dir.path().join(FILE));
    let (_, added) = changed_lines(&before, &draft);
    assert_eq!(added, ["udkast: true"], "{draft}");
    let (_, fields) = open(port);
    assert!(fields.contains(&("udkast".to_string(), "true".to_string())));
    let unticked: Vec<(String, String)> =
        fields.into_iter().filter(|(k, _)| k != "udkast").collect();
    let (status, _) = send(port, "POST", FORM, &own(port), &encode(&unticked));
    assert_eq!(status, 200);
    assert_eq!(read(dir.path().join(FILE)), before);
}

/// A file whose top cannot be read is not shown as an empty form (a save would write over
/// it): the editor says where the mistake is, to be fixed in the file.
#[test]
fn a_file_that_cannot_be_read_is_not_offered_as_an_empty_form() {
    let dir = site("basic");
    let file = dir.path().join(FILE);
    std::fs::write(
        &file,
        read(&file).replace("sted: Rådhuset", "sted: Rådhuset: stort"),
    )
    .expect("write");
    let server = start_editing(dir.path());
    let port = server.port;
    let (status, html) = send(port, "GET", FORM, &reading(port), "");
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("kan ikke læses (linje 17:"), "{html}");
    assert!(!html.contains("<form"));
}

/// Only the person who started `serve` can edit: another account on the machine reaches the
/// loopback port too, but without the cookie the one-time key set it is refused everything
/// and shown no token; the key works once; the preview's origin holds no editor, and what an
/// editor put in `content/billeder/` is served sandboxed.
#[test]
fn the_editor_answers_only_the_browser_its_key_let_in() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let (port, site) = (server.port, server.site);
    let (_, fields) = open(port);
    let token = fields
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.clone())
        .expect("the form has a token");
    let before = read(dir.path().join(FILE));
    let stranger = |with_origin: bool| {
        let mut h = vec![format!("Host: 127.0.0.1:{port}")];
        if with_origin {
            h.push(format!("Origin: http://127.0.0.1:{port}"));
        }
        h
    };
    for path in ["/_rediger/", FORM, "/_rediger/editor.js"] {
        let (status, html) = send(port, "GET", path, &stranger(false), "");
        assert_eq!(status, 403, "{path}: {html}");
        assert!(!html.contains(&token), "{path} shows no token");
        assert!(html.contains("Rediger i browseren"), "{html}");
    }
    // Even with the token (read some other way), a save without the cookie is refused.
    let mut changed = fields.clone();
    set(&mut changed, "titel", "Overtaget");
    let (status, _) = send(port, "POST", FORM, &stranger(true), &encode(&changed));
    assert_eq!(status, 403);
    let (status, _) = send(
        port,
        "POST",
        FORM,
        &[
            format!("Host: 127.0.0.1:{port}"),
            format!("Origin: http://127.0.0.1:{port}"),
            "Cookie: indsats-rediger-1=0".into(),
        ],
        &encode(&changed),
    );
    assert_eq!(status, 403, "a made-up cookie");
    assert_eq!(read(dir.path().join(FILE)), before, "nothing is written");
    // The key is spent.
    let (status, _) = send(port, "GET", &server.spent, &stranger(false), "");
    assert_eq!(status, 403, "a spent key");
    // The preview's origin has no editor: it sends an old link on to the editor's.
    let (status, head) = send_raw(site, "GET", "/_rediger/", &reading(site), "");
    assert_eq!(status, 303);
    assert!(
        head.contains(&format!("Location: http://127.0.0.1:{port}/_rediger/")),
        "{head}"
    );
    // A file of the site that is not a page may run no script; a page may.
    let (status, head) = send_raw(site, "GET", "/billeder/graf.svg", &reading(site), "");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Security-Policy: sandbox\r\n"),
        "{head}"
    );
    assert!(head.contains("X-Content-Type-Options: nosniff"), "{head}");
    let (_, head) = send_raw(site, "GET", PAGE, &reading(site), "");
    assert!(!head.contains("sandbox"), "{head}");
}

/// A key is removed only when the editor cleared it on purpose: a date the browser sends
/// empty (half typed) keeps the file's date and asks, with the file's value back in the
/// field and a box to remove it; the box (or the marker the form's script adds when a field
/// is emptied) removes it. A form that does not send a field at all changes nothing of it.
#[test]
fn an_empty_field_removes_its_key_only_when_cleared_on_purpose() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let before = read(dir.path().join(FILE));
    let (_, mut fields) = open(port);
    set(&mut fields, "opdateret", "");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("»Opdateret« kom tomt frem, måske fordi datoen kun er skrevet delvist"),
        "{html}"
    );
    assert!(
        html.contains("value=\"2021-03-01\""),
        "the file's date is back in the field"
    );
    assert!(
        html.contains("name=\"tomt\" value=\"opdateret\"><label for=\"tomt-opdateret\">Fjern Opdateret fra filen</label>"),
        "{html}"
    );
    assert_eq!(read(dir.path().join(FILE)), before, "nothing is written");
    // The body sent empty is asked about too; a form without it leaves it.
    let mut no_body = fields.clone();
    set(&mut no_body, "opdateret", "2021-03-01");
    set(&mut no_body, "tekst", "");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&no_body));
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("»Tekst« kom tomt frem"), "{html}");
    no_body.retain(|(k, _)| k != "tekst" && k != "sted");
    set(&mut no_body, "titel", "Stressforløb");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&no_body));
    assert_eq!(status, 200, "{html}");
    let now = read(dir.path().join(FILE));
    let (gone, added) = changed_lines(&before, &now);
    assert_eq!(
        (gone, added),
        (
            vec!["titel: Stressforløb for voksne"],
            vec!["titel: Stressforløb"]
        ),
        "only the title changed: the body and sted, not sent, are as they were"
    );
    // Cleared on purpose: the line goes.
    let (_, mut fields) = open(port);
    set(&mut fields, "opdateret", "");
    fields.push(("tomt".into(), "opdateret".into()));
    let (status, raw) = send_raw(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(
        status, 303,
        "a save leads on to the form (Post/Redirect/Get): {raw}"
    );
    assert!(raw.contains(&format!("Location: {FORM}?gemt=1")), "{raw}");
    let after = read(dir.path().join(FILE));
    assert!(!after.contains("opdateret:"), "{after}");
    let (_, saved) = send(port, "GET", &format!("{FORM}?gemt=1"), &reading(port), "");
    assert!(saved.contains("<h2>Gemt</h2>"), "{saved}");
}

/// A second tab on the same file is told at once that the file is open elsewhere: the
/// form's script reports its tab on opening, and hears how many others have the file open.
#[test]
fn a_second_tab_on_the_same_file_is_told_at_once() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, fields) = open(port);
    assert!(
        html.contains("<div id=\"andre-faner\" role=\"status\"></div>"),
        "{html}"
    );
    let token = fields
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.clone())
        .expect("a token");
    let tab = |route: &str, id: &str| {
        let path = format!("/_rediger/{route}/content/indsatser/2020-2021/stressforloeb.md");
        let (status, json) = send(
            port,
            "POST",
            &path,
            &own(port),
            &format!("token={token}&fane={id}"),
        );
        assert_eq!(status, 200, "{json}");
        json
    };
    assert_eq!(tab("aaben", "first"), "{\"andre\":0}");
    assert_eq!(
        tab("aaben", "second"),
        "{\"andre\":1}",
        "the second tab is told"
    );
    assert_eq!(
        tab("aaben", "first"),
        "{\"andre\":1}",
        "and the first learns of it"
    );
    tab("lukket", "second");
    assert_eq!(tab("aaben", "first"), "{\"andre\":0}");
    // Another file is another matter.
    let other = "/_rediger/aaben/content/indsatser/2018-2019/rygestop.md";
    let (_, json) = send(
        port,
        "POST",
        other,
        &own(port),
        &format!("token={token}&fane=x"),
    );
    assert_eq!(json, "{\"andre\":0}");
    // Only the form's own page may say so.
    let path = "/_rediger/aaben/content/indsatser/2020-2021/stressforloeb.md";
    let (status, _) = send(port, "POST", path, &own(port), "token=wrong&fane=y");
    assert_eq!(status, 403);
}

/// A file without a contact of its own shows the site's, which its page shows, and offers to
/// copy it (filling in only a phone would replace the whole of it on the page).
#[test]
fn the_form_shows_the_inherited_contact() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (status, html) = send(
        port,
        "GET",
        "/_rediger/content/indsatser/2018-2019/rygestop.md",
        &reading(port),
        "",
    );
    assert_eq!(status, 200);
    assert!(
        html.contains("Filen har ingen egen kontakt, så siden viser portalens: <strong>11 22 33 44 · sundhed@test.example.dk</strong>"),
        "{html}"
    );
    assert!(
        html.contains("data-kopier=\"kontakt\" data-dele=\"{&quot;email&quot;:&quot;sundhed@test.example.dk&quot;,&quot;telefon&quot;:&quot;11 22 33 44&quot;}\""),
        "{html}"
    );
    // A file with its own contact shows it, not the site's.
    let (html, _) = open(port);
    assert!(!html.contains("Filen har ingen egen kontakt"), "{html}");
}

/// The form speaks its own words: a key figure's problem names its row and points at the
/// part's box; a date is one format; a missing colon in the file is placed on its own line.
#[test]
fn problems_are_said_in_the_forms_own_words() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    assert!(html
        .contains("Vælg datoen i kalenderen, eller skriv den som dag, måned og år (dd.mm.åååå)."));
    assert!(!html.contains("år-måned-dag"));
    let at = fields
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| k == "nøgletal.label")
        .map(|(i, _)| i)
        .nth(1)
        .expect("an empty row");
    fields[at].1 = "Gennemførte".into();
    let value = fields
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| k == "nøgletal.værdi")
        .map(|(i, _)| i)
        .nth(1)
        .expect("an empty row");
    fields[value].1 = "30 borgere".into();
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("<li><a href=\"#felt-nøgletal-5\">Nøgletal, række 2: »Tal« skal være et tal, fx 38; enheden skrives i »Enhed«</a></li>"),
        "{html}"
    );
    assert!(
        html.contains("id=\"felt-nøgletal-5\" name=\"nøgletal.værdi\" value=\"30 borgere\" aria-invalid=\"true\""),
        "{html}"
    );
    // A missing colon in the file: the form says which line, and which key.
    let file = dir.path().join(FILE);
    std::fs::write(
        &file,
        read(&file).replace("sted: Rådhuset", "sted Rådhuset"),
    )
    .expect("write");
    let (status, html) = send(port, "GET", FORM, &reading(port), "");
    assert_eq!(status, 422);
    assert!(
        html.contains("(linje 17: linjen mangler et kolon efter »sted«)"),
        "{html}"
    );
}

/// The overview shows each file's state and acts on it: drafts are marked, an initiative
/// carried over links to its next period's file instead of offering to carry it again, an
/// empty filter says so; a file is renamed or deleted after a page that asks, deleted files
/// go to `.papirkurv/` beside `content/` (which the site never reads) and come back from the
/// overview.
#[test]
fn the_overview_shows_state_and_renames_deletes_and_restores() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (_, html) = send(port, "GET", "/_rediger/", &reading(port), "");
    assert!(html.contains("<th scope=\"col\">Kladde</th>"), "{html}");
    let draft_row = html
        .split("<tr>")
        .find(|r| r.contains("<td data-label=\"Kladde\">Kladde</td>"));
    assert!(draft_row.is_some(), "a draft is marked: {html}");
    let (_, none) = send(port, "GET", "/_rediger/?q=zzzz", &reading(port), "");
    assert!(none.contains("Ingen fundet."), "{none}");
    // Carried over: a link, not the button again.
    let token = form_fields(&html)
        .into_iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v)
        .expect("a token");
    let carry = format!("token={token}&fra=2020-2021&filnavn=stressforloeb&til=2022-2023");
    let (status, _) = send_raw(port, "POST", "/_rediger/videre", &own(port), &carry);
    assert_eq!(status, 303);
    let (_, html) = send(port, "GET", "/_rediger/", &reading(port), "");
    assert!(
        html.contains("<a href=\"/_rediger/content/indsatser/2022-2023/stressforloeb.md\">Findes i 2022-2023 – åbn"),
        "{html}"
    );
    assert!(
        !html.contains(
            "value=\"2020-2021\"><input type=\"hidden\" name=\"filnavn\" value=\"stressforloeb\""
        ),
        "{html}"
    );
    // Delete asks first, then moves the file to the trash.
    let (status, ask) = send(
        port,
        "GET",
        &format!("/_rediger/slet/{FILE}"),
        &reading(port),
        "",
    );
    assert_eq!(status, 200);
    assert!(
        ask.contains("<h1>Slet »Stressforløb for voksne«?</h1>"),
        "{ask}"
    );
    let before = read(dir.path().join(FILE));
    let (status, head) = send_raw(
        port,
        "POST",
        &format!("/_rediger/slet/{FILE}"),
        &own(port),
        &format!("token={token}"),
    );
    assert_eq!(status, 303, "{head}");
    assert!(!dir.path().join(FILE).exists());
    let trashed = dir
        .path()
        .join(".papirkurv/indsatser/2020-2021/stressforloeb.md");
    assert_eq!(read(&trashed), before);
    let (_, html) = send(port, "GET", "/_rediger/?slettet=x", &reading(port), "");
    assert!(html.contains("<h2>Papirkurv</h2>"), "{html}");
    assert!(html.contains(
        "Læg tilbage<span class=\"visually-hidden\">: indsatser/2020-2021/stressforloeb.md</span>"
    ));
    // The site does not read the trash.
    let build = indsats(&["build", "--root", dir.path().to_str().expect("utf-8")]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(!dir
        .path()
        .join("public/indsatser/2020-2021/stressforloeb")
        .exists());
    // Back again.
    let back = "/_rediger/tilbage/indsatser/2020-2021/stressforloeb.md";
    let (status, head) = send_raw(port, "POST", back, &own(port), &format!("token={token}"));
    assert_eq!(status, 303, "{head}");
    assert_eq!(read(dir.path().join(FILE)), before);
    assert!(!trashed.exists());
    // Rename: a bad name and a taken one are refused; a good one moves the file.
    let rename = format!("/_rediger/omdoeb/{FILE}");
    let (status, ask) = send(port, "GET", &rename, &reading(port), "");
    assert_eq!(status, 200);
    assert!(
        ask.contains("<label for=\"nyt-navn\">Nyt filnavn</label>"),
        "{ask}"
    );
    let (status, _) = send(
        port,
        "POST",
        &rename,
        &own(port),
        &format!("token={token}&navn=Stress+%C3%86"),
    );
    assert_eq!(status, 422);
    let (status, html) = send(
        port,
        "POST",
        &rename,
        &own(port),
        &format!("token={token}&navn=kladde"),
    );
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("findes allerede"), "{html}");
    let (status, head) = send_raw(
        port,
        "POST",
        &rename,
        &own(port),
        &format!("token={token}&navn=stress-for-voksne"),
    );
    assert_eq!(status, 303, "{head}");
    assert!(!dir.path().join(FILE).exists());
    assert_eq!(
        read(
            dir.path()
                .join("content/indsatser/2020-2021/stress-for-voksne.md")
        ),
        before
    );
    // Without the token nothing is deleted.
    let moved = "content/indsatser/2020-2021/stress-for-voksne.md";
    let (status, _) = send(
        port,
        "POST",
        &format!("/_rediger/slet/{moved}"),
        &own(port),
        "token=x",
    );
    assert_eq!(status, 403);
    assert!(dir.path().join(moved).exists());
}
