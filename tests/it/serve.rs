//! `indsats serve` as an editor meets it: pages over HTTP, a save that reloads the open tab,
//! a mistake that shows the Danish error overlay while the last good build stays served, the
//! fix that brings the page back — and every path-traversal trick refused. Also: a rebuild
//! that re-parses only the changed file gives the same bytes as a full build.

use crate::common;
use common::*;
use indsats::testing::{Applied, Rebuilder};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Reads the event stream until `want` appears, or panics after 15 s.
fn wait_for_event(stream: &mut TcpStream, seen: &mut String, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut buf = [0u8; 4096];
    while !seen.contains(want) {
        assert!(
            Instant::now() < deadline,
            "no {want:?} event; stream so far:\n{seen}"
        );
        match stream.read(&mut buf) {
            Ok(0) => panic!("event stream closed; so far:\n{seen}"),
            Ok(n) => seen.push_str(&String::from_utf8_lossy(&buf[..n])),
            Err(_) => {}
        }
    }
}

fn events(port: u16) -> TcpStream {
    events_for(port, "")
}

/// An event stream as the reload script opens it in a tab showing `page` ("" for none).
fn events_for(port: u16, page: &str) -> TcpStream {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout");
    let query = if page.is_empty() {
        String::new()
    } else {
        format!("?side={}", page.replace('/', "%2F"))
    };
    write!(
        s,
        "GET /__indsats/events{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .expect("send");
    s
}

/// Everything the stream sends within `wait`.
fn read_for(stream: &mut TcpStream, wait: Duration) -> String {
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    let until = Instant::now() + wait;
    while Instant::now() < until {
        if let Ok(n) = stream.read(&mut buf) {
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
    seen
}

#[test]
fn a_save_reloads_the_tabs_whose_page_changed_and_leaves_the_others_alone() {
    let dir = site("basic");
    let server = start(dir.path());
    let port = server.port;
    let mut own = events_for(port, "/indsatser/2018-2019/rygestop/");
    // Shows the edited initiative's card ("fortsætter").
    let mut related = events_for(port, "/indsatser/2020-2021/rygestop-paa-nettet/");
    let mut news = events_for(port, "/nyheder/");
    let mut unsaid = events(port);
    let mut seen = [String::new(), String::new(), String::new(), String::new()];
    for (stream, seen) in [&mut own, &mut related, &mut news, &mut unsaid]
        .into_iter()
        .zip(seen.iter_mut())
    {
        wait_for_event(stream, seen, ": indsats");
    }

    let file = dir.path().join("content/indsatser/2018-2019/rygestop.md");
    let text = read(&file);
    std::fs::write(
        &file,
        text.replace("titel: Rygestop for alle", "titel: Rygestop nu"),
    )
    .expect("save");
    for (stream, seen) in [&mut own, &mut related, &mut unsaid]
        .into_iter()
        .zip(seen.iter_mut())
    {
        wait_for_event(stream, seen, "event: reload");
    }
    let (_, page) = request(port, "GET", "/indsatser/2020-2021/rygestop-paa-nettet/");
    assert!(
        page.contains("Rygestop nu"),
        "the related page shows the new title"
    );
    assert!(
        !read_for(&mut news, Duration::from_millis(800)).contains("event:"),
        "a tab whose page did not change is not reloaded"
    );

    // A new file changes the site's structure: every tab reloads.
    let new = dir.path().join("content/indsatser/2020-2021/ny-indsats.md");
    std::fs::write(&new, text.replace("rækkefølge: 1", "rækkefølge: 3")).expect("new file");
    let mut news_seen = String::new();
    wait_for_event(&mut news, &mut news_seen, "event: reload");
    let (status, _) = request(port, "GET", "/indsatser/2020-2021/ny-indsats/");
    assert_eq!(status, 200, "the new initiative is served");
}

/// The body of a GET response.
fn body(port: u16, path: &str) -> (u16, String) {
    let (status, text) = request(port, "GET", path);
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, body.to_string())
}

#[test]
fn a_save_serves_the_search_index_a_build_would_write_and_reloads_the_search_tab() {
    let dir = site("basic");
    // Without drafts, as a build makes it.
    let server = start_args(dir.path(), &["--no-drafts"]);
    let port = server.port;
    let mut search_tab = events_for(port, "/soeg/");
    let mut seen = String::new();
    wait_for_event(&mut search_tab, &mut seen, ": indsats");
    let (_, entry) = body(port, "/search/index.json");
    let entry: serde_json::Value = serde_json::from_str(&entry).expect("index.json");
    let old_shard = format!("/search/s/0-{}.json", entry["set"].as_str().expect("set"));
    assert_eq!(body(port, &old_shard).0, 200);

    // A body edit takes serve's patch path; the search page's own HTML stays the same.
    let file = dir.path().join("content/indsatser/2018-2019/rygestop.md");
    let text = read(&file);
    std::fs::write(&file, format!("{text}\nNu også om vandpibe og snus.\n")).expect("save");
    wait_for_event(&mut search_tab, &mut seen, "event: reload");

    let (status, _) = body(port, &old_shard);
    assert_eq!(status, 404, "the old index's shards are gone, not piled up");
    let base = format!("http://127.0.0.1:{port}/");
    let built =
        indsats::build_in_memory(dir.path(), Some(&base), common::published()).expect("builds");
    let mut compared = 0;
    for (path, bytes) in built.files.iter().filter(|(p, _)| p.starts_with("search/")) {
        let (status, served) = body(port, &format!("/{path}"));
        assert_eq!(status, 200, "{path} is served");
        assert!(
            served.as_bytes() == &bytes[..],
            "{path}: serve's index differs from a build's"
        );
        compared += 1;
    }
    assert!(compared > 5, "{compared} files compared");
    // The new index's shards are all served, and no more.
    let (_, entry) = body(port, "/search/index.json");
    let entry: serde_json::Value = serde_json::from_str(&entry).expect("index.json");
    let set = entry["set"].as_str().expect("set");
    let shards = entry["shards"].as_array().map_or(0, Vec::len);
    for n in 0..shards + 2 {
        let (status, _) = body(port, &format!("/search/s/{n}-{set}.json"));
        assert_eq!(status == 200, n < shards, "shard {n}");
    }
}

#[test]
fn an_editor_saves_breaks_and_fixes_a_file_and_the_browser_follows() {
    let dir = site("basic");
    let server = start(dir.path());
    let port = server.port;

    let (status, home) = request(port, "GET", "/");
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("Content-Type: text/html; charset=utf-8"));
    assert!(home.contains("Cache-Control: no-store"));
    assert!(
        home.contains("<script src=\"/__indsats/reload.js\"></script></body>"),
        "reload script injected in serve mode"
    );
    let (status, redirect) = request(port, "GET", "/tema/tobak");
    assert_eq!(status, 301);
    assert!(redirect.contains("Location: /tema/tobak/"), "{redirect}");
    let (status, missing) = request(port, "GET", "/findes/ikke/");
    assert_eq!(status, 404);
    assert!(missing.contains("Siden findes ikke"));
    let (status, head) = request(port, "HEAD", "/");
    assert_eq!(status, 200);
    assert!(!head.contains("<html"), "HEAD has no body");
    let (status, _) = request(port, "POST", "/");
    assert_eq!(status, 405);

    let mut stream = events(port);
    let mut seen = String::new();
    wait_for_event(&mut stream, &mut seen, ": indsats");

    let file = dir.path().join("content/indsatser/2018-2019/rygestop.md");
    let good = read(&file).replace(
        "titel: Rygestop for alle",
        "titel: Rygestop for alle borgere",
    );
    std::fs::write(&file, &good).expect("save");
    wait_for_event(&mut stream, &mut seen, "event: reload");
    let (_, page) = request(port, "GET", "/indsatser/2018-2019/rygestop/");
    assert!(
        page.contains("<h1>Rygestop for alle borgere</h1>"),
        "the saved text is served"
    );

    std::fs::write(
        &file,
        good.replace("status: gennemført", "status: gennemført: ja"),
    )
    .expect("save a mistake");
    wait_for_event(&mut stream, &mut seen, "event: fejl");
    assert!(
        seen.contains("content/indsatser/2018-2019/rygestop.md:4:"),
        "overlay names file and line:\n{seen}"
    );
    assert!(seen.contains("Siden kunne ikke bygges"));
    let (status, page) = request(port, "GET", "/indsatser/2018-2019/rygestop/");
    assert_eq!(status, 200, "the last good build stays served");
    assert!(page.contains("<h1>Rygestop for alle borgere</h1>"));
    let mut late = events(port);
    let mut late_seen = String::new();
    wait_for_event(&mut late, &mut late_seen, "event: fejl");

    seen.clear();
    std::fs::write(
        &file,
        good.replace("titel: Rygestop for alle borgere", "titel: Rygestop igen"),
    )
    .expect("fix");
    wait_for_event(&mut stream, &mut seen, "event: reload");
    let (_, page) = request(port, "GET", "/indsatser/2018-2019/rygestop/");
    assert!(page.contains("<h1>Rygestop igen</h1>"));

    seen.clear();
    let css = dir.path().join("static/css");
    std::fs::create_dir_all(&css).expect("mkdir");
    std::fs::write(css.join("site.css"), "body { color: #000; }").expect("css");
    wait_for_event(&mut stream, &mut seen, "event: ");
    let (_, served) = request(port, "GET", "/css/site.css");
    assert!(
        served.ends_with("body { color: #000; }"),
        "the site's own stylesheet overrides the theme's"
    );
    // Editing that stylesheet again swaps it in open tabs without a reload.
    seen.clear();
    std::fs::write(css.join("site.css"), "body { color: #111; }").expect("css again");
    wait_for_event(&mut stream, &mut seen, "event: css");
    let (_, served) = request(port, "GET", "/css/site.css");
    assert!(served.ends_with("body { color: #111; }"), "{served}");

    assert!(
        !dir.path().join("public").exists(),
        "serve never writes the site's public/"
    );
}

#[test]
fn a_mistake_that_is_fixed_at_once_never_shows_the_overlay() {
    // Tools that write several times in a row (a checkout, "save all", format on save) may
    // leave a file broken for a moment; an error is only shown once the files stay quiet.
    let dir = site("basic");
    let server = start(dir.path());
    let mut stream = events(server.port);
    let mut seen = String::new();
    wait_for_event(&mut stream, &mut seen, ": indsats");
    let file = dir.path().join("content/indsatser/2018-2019/rygestop.md");
    let good = read(&file);
    std::fs::write(
        &file,
        good.replace("status: gennemført", "status: gennemført: ja"),
    )
    .expect("break");
    std::thread::sleep(Duration::from_millis(60));
    std::fs::write(
        &file,
        good.replace("titel: Rygestop for alle", "titel: Rygestop straks"),
    )
    .expect("fix");
    wait_for_event(&mut stream, &mut seen, "event: reload");
    seen.push_str(&read_for(&mut stream, Duration::from_millis(500)));
    assert!(
        !seen.contains("event: fejl"),
        "no overlay for a moment's mistake:\n{seen}"
    );
    let (_, page) = request(server.port, "GET", "/indsatser/2018-2019/rygestop/");
    assert!(page.contains("<h1>Rygestop straks</h1>"));
}

#[test]
fn every_traversal_form_is_refused() {
    let dir = site("basic");
    let server = start(dir.path());
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/site.yaml",
        "/..%2fsite.yaml",
        "/%2e%2e%2fsite.yaml",
        "/tema/../../site.yaml",
        "/..\\site.yaml",
        "/%5c..%5csite.yaml",
        "/index.html%00",
        "//etc/passwd",
        "/%2f%2fetc/passwd",
        "/content/indsatser/2018-2019/rygestop.md",
        "/site.yaml",
    ] {
        let (status, body) = request(server.port, "GET", path);
        assert!(status == 400 || status == 404, "{path}: status {status}");
        assert!(
            !body.contains("Sundhed i Testby\nbeskrivelse") && !body.contains("titel: Rygestop"),
            "{path} leaked a source file"
        );
    }
}

/// What `indsats build` writes for the site at `root`, every file (the search bundle, static
/// files and images too), without the output folder's marker.
fn fresh_build(root: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    fresh_build_with(root, &[])
}

/// As `fresh_build`, with more options for the build (`--dato …`).
fn fresh_build_with(root: &std::path::Path, extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().expect("temp");
    let site = out.path().join("site");
    let mut args = vec![
        "build",
        "--root",
        root.to_str().expect("utf-8"),
        "--out",
        site.to_str().expect("utf-8"),
        "-q",
    ];
    args.extend_from_slice(extra);
    let o = indsats(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut files = snapshot(&site);
    files.retain(|path, _| !path.starts_with(".indsats"));
    files
}

/// Tells serve's rebuilder that `paths` changed, through the very path `indsats serve` takes
/// (`Rebuilder::apply`: name the change, then patch or build all, then publish), asserting
/// that only some pages were rendered again exactly when `patched`. Then checks that every
/// file it serves equals what a fresh `indsats build` writes, byte for byte, and that it
/// serves no file more. Returns the pages a patch rendered, and the served files.
fn rebuild_and_compare(
    rb: &mut Rebuilder,
    root: &std::path::Path,
    paths: &[std::path::PathBuf],
    patched: bool,
    what: &str,
) -> (Vec<String>, BTreeMap<String, Vec<u8>>) {
    let rendered = match rb.apply(paths, false) {
        Ok(Applied::Pages(pages)) => {
            assert!(patched, "{what}: needs a full build, but was patched");
            pages
        }
        Ok(Applied::Full) => {
            assert!(!patched, "{what}: should be patched, took a full build");
            Vec::new()
        }
        other => panic!("{what}: {other:?}"),
    };
    let served = rb.files_as_built();
    let full = fresh_build(root);
    if patched {
        let files = full.keys().filter(|p| !p.starts_with("search/")).count();
        assert!(rendered.len() < files / 2, "{what}: only some pages");
    }
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>(),
        "{what}: the same files"
    );
    for (path, bytes) in &full {
        assert!(
            served[path] == *bytes,
            "{what}: {path} differs from a full build's"
        );
    }
    (rendered, served)
}

#[test]
fn a_rebuild_after_a_save_equals_a_full_build_byte_for_byte() {
    let dir = site("basic");
    let root = dir.path();
    let mut rb = Rebuilder::new(root, None, common::published(), false);
    rb.first_build().expect("builds");
    assert_eq!(
        rb.files_as_built(),
        fresh_build(root),
        "a first build equals a full build"
    );
    let file = |name: &str| root.join(format!("content/indsatser/{name}.md"));
    let edit = |name: &str, from: &str, to: &str| {
        let text = read(file(name));
        assert!(text.contains(from), "{name} holds {from:?}");
        std::fs::write(file(name), text.replacen(from, to, 1)).expect("edit");
    };
    // (file, text to replace, replacement, whether only the pages showing it are rendered)
    let edits = [
        // The body (of an initiative with two themes and two years): its page, its plan
        // report, the other period's page that shows its card.
        (
            "2020-2021/stressforloeb",
            "Det går godt.",
            "Det går rigtig godt.\n\nNyt afsnit.",
            true,
        ),
        // A title that keeps its place (rækkefølge): the page of what continues it shows it.
        (
            "2018-2019/rygestop",
            "titel: Rygestop for alle",
            "titel: Rygestop for alle borgere",
            true,
        ),
        // The status: theme counts, the plan's summary, the search page's filters.
        (
            "2020-2021/stressforloeb",
            "status: igangværende",
            "status: gennemført",
            true,
        ),
        // The date: sitemap and feed.
        (
            "2020-2021/stressforloeb",
            "opdateret: 2021-03-01",
            "opdateret: 2021-04-11",
            true,
        ),
        // The summary: every card.
        (
            "2020-2021/rygestop-paa-nettet",
            "travle rygere",
            "alle travle rygere",
            true,
        ),
        // A new place in the report that keeps the order.
        (
            "2018-2019/stressforloeb",
            "rækkefølge: 2",
            "rækkefølge: 5",
            true,
        ),
        // A title that moves it in the report's order: every list it is in.
        (
            "2020-2021/rygestop-paa-nettet",
            "titel: \"Rygestop",
            "titel: \"Zz rygestop",
            false,
        ),
        // So does a new place that changes the order.
        (
            "2018-2019/stressforloeb",
            "rækkefølge: 5",
            "rækkefølge: 0",
            false,
        ),
        // Another theme: a new group.
        (
            "2020-2021/rygestop-paa-nettet",
            "tema: Tobak",
            "tema: [Tobak, Overvægt]",
            false,
        ),
        // Then an edit of the same initiative in its new groups.
        (
            "2020-2021/rygestop-paa-nettet",
            "Online kurser.",
            "Online kurser og hold.",
            true,
        ),
        // Key figures: the charts of the whole theme.
        ("2018-2019/stressforloeb", "værdi: 30", "værdi: 31", false),
    ];
    for (name, from, to, patched) in edits {
        edit(name, from, to);
        let what = format!("{name}: {to:?}");
        rebuild_and_compare(&mut rb, root, &[file(name)], patched, &what);
    }
    // Two files in one burst, next to each other in the report.
    edit("2018-2019/rygestop", "borgere", "borgere i kommunen");
    edit("2018-2019/stressforloeb", "Fire hold.", "Fem hold.");
    let both = [file("2018-2019/rygestop"), file("2018-2019/stressforloeb")];
    rebuild_and_compare(&mut rb, root, &both, true, "two files");
    // A mistake takes a full build, which fails; the fix builds again.
    edit(
        "2018-2019/rygestop",
        "status: gennemført",
        "status: gennemført: ja",
    );
    assert!(
        rb.apply(&[file("2018-2019/rygestop")], false).is_err(),
        "the mistake is found"
    );
    edit(
        "2018-2019/rygestop",
        "status: gennemført: ja",
        "status: gennemført",
    );
    rebuild_and_compare(
        &mut rb,
        root,
        &[file("2018-2019/rygestop")],
        false,
        "the fix",
    );
    // A draft leaves the site.
    edit(
        "2020-2021/stressforloeb",
        "status: ",
        "udkast: true\nstatus: ",
    );
    rebuild_and_compare(
        &mut rb,
        root,
        &[file("2020-2021/stressforloeb")],
        false,
        "a draft",
    );

    // A temporary file that came and went changes nothing; a template, a page, or a folder
    // moved away take a full build.
    let gone = root.join("content/indsatser/2020-2021/sedAb12Cd");
    assert_eq!(
        rb.apply(&[gone], false),
        Ok(Applied::Nothing),
        "a tool's temporary file"
    );
    assert_eq!(
        rb.apply(&[root.join("templates/initiative.html")], false),
        Ok(Applied::Full),
        "a template"
    );
    let page = root.join("content/sider/om.md");
    std::fs::write(&page, read(&page) + "\nMere tekst.\n").expect("edit");
    rebuild_and_compare(&mut rb, root, &[page], false, "a page");
    let elsewhere = tempfile::tempdir().expect("temp");
    std::fs::rename(
        root.join("content/billeder"),
        elsewhere.path().join("billeder"),
    )
    .expect("move");
    assert!(
        !matches!(
            rb.apply(&[root.join("content/billeder")], false),
            Ok(Applied::Pages(_) | Applied::Nothing)
        ),
        "a folder moved away takes a full build"
    );
}

#[test]
fn a_new_title_moves_an_initiative_across_the_a_to_z_pages_as_a_full_build_would() {
    let dir = az_site();
    let root = dir.path();
    let mut rb = Rebuilder::new(root, None, common::published(), false);
    rb.first_build().expect("builds");
    let served = rb.files_as_built();
    let file = |name: &str| root.join(format!("content/indsatser/{name}.md"));
    let edit = |name: &str, from: &str, to: &str| {
        let text = read(file(name));
        assert!(text.contains(from), "{name} holds {from:?}");
        std::fs::write(file(name), text.replacen(from, to, 1)).expect("edit");
    };
    let az = |served: &BTreeMap<String, Vec<u8>>, page: &str| {
        String::from_utf8_lossy(&served[page]).into_owned()
    };
    assert!(az(&served, "alle/index.html").contains(">Aktiv hverdag</a>"));
    let az_rendered = |rendered: &[String]| -> Vec<String> {
        let mut v: Vec<String> = rendered
            .iter()
            .filter(|p| p.starts_with("alle/"))
            .cloned()
            .collect();
        v.sort();
        v
    };
    let all = ["alle/2/index.html", "alle/3/index.html", "alle/index.html"];
    // From page 1 to page 3 (its place in the report is its rækkefølge): the first title
    // under A, and so where every letter after it starts, changes on every page.
    edit(
        "2018-2019/aktiv",
        "titel: \"Aktiv hverdag\"",
        "titel: \"Åndedræt i hverdagen\"",
    );
    let what = "a title that moves it from A to Å";
    let (rendered, served) =
        rebuild_and_compare(&mut rb, root, &[file("2018-2019/aktiv")], true, what);
    assert_eq!(az_rendered(&rendered), all);
    assert!(!az(&served, "alle/index.html").contains(">Aktiv hverdag</a>"));
    assert!(az(&served, "alle/3/index.html").contains(">Åndedræt i hverdagen</a>"));
    // A new title that keeps its place: only the page that lists it.
    edit("2018-2019/aktiv", "i hverdagen", "i hverdagen for alle");
    let what = "a title that keeps its place";
    let (rendered, _) = rebuild_and_compare(&mut rb, root, &[file("2018-2019/aktiv")], true, what);
    assert_eq!(az_rendered(&rendered), ["alle/3/index.html"]);
    // Back to I, which runs from page 1 onto page 2 (every letter after I starts one place
    // later), then within I from page 2 to page 1: where letters start stays, and only the
    // pages between its old and new place change.
    edit(
        "2018-2019/aktiv",
        "Åndedræt i hverdagen for alle",
        "Idræt 200 i hverdagen",
    );
    let what = "a title that moves it from Å into I";
    let (rendered, served) =
        rebuild_and_compare(&mut rb, root, &[file("2018-2019/aktiv")], true, what);
    assert_eq!(az_rendered(&rendered), all);
    assert!(az(&served, "alle/2/index.html").contains(">Idræt 200 i hverdagen</a>"));
    edit("2018-2019/aktiv", "Idræt 200", "Idræt 010");
    let what = "a title that moves it within I, from page 2 to page 1";
    let (rendered, served) =
        rebuild_and_compare(&mut rb, root, &[file("2018-2019/aktiv")], true, what);
    assert_eq!(
        az_rendered(&rendered),
        ["alle/2/index.html", "alle/index.html"]
    );
    assert!(az(&served, "alle/index.html").contains(">Idræt 010 i hverdagen</a>"));
    // A new status shows on the A–Å page that lists it.
    edit("2020-2021/zumba", "status: igangværende", "status: udsat");
    let what = "a status on the last A–Å page";
    let (rendered, served) =
        rebuild_and_compare(&mut rb, root, &[file("2020-2021/zumba")], true, what);
    assert_eq!(az_rendered(&rendered), ["alle/3/index.html"]);
    assert!(az(&served, "alle/3/index.html")
        .contains(">Zumba for seniorer</a> <span class=\"muted\">(Handleplan 2020-2021, udsat)"));
}

/// The bytes a served response carries after its headers (the reload script taken out of an
/// HTML page: the only thing serve adds).
fn served_bytes(port: u16, path: &str) -> Option<Vec<u8>> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let at = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    if !buf.starts_with(b"HTTP/1.1 200") {
        return None;
    }
    let body = &buf[at + 4..];
    let script = b"<script src=\"/__indsats/reload.js\"></script>";
    let body = match body.windows(script.len()).position(|w| w == script) {
        Some(i) => [&body[..i], &body[i + script.len()..]].concat(),
        None => body.to_vec(),
    };
    // The editor's link, which the preview puts on the pages of content files.
    let (open, close) = (&b"<p class=\"indsats-rediger\""[..], &b"</p>"[..]);
    Some(match body.windows(open.len()).position(|w| w == open) {
        Some(i) => {
            let end = body[i..]
                .windows(close.len())
                .position(|w| w == close)
                .map_or(body.len(), |j| i + j + close.len());
            [&body[..i], &body[end..]].concat()
        }
        None => body,
    })
}

/// The files of a fresh build that the running server does not serve byte for byte.
fn differences(port: u16, built: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    built
        .iter()
        .filter(|(path, _)| !path.starts_with(".indsats"))
        .filter(|(path, bytes)| served_bytes(port, &format!("/{path}")).as_ref() != Some(*bytes))
        .map(|(path, _)| path.clone())
        .collect()
}

/// What the running server serves after saves (its open-tab-first path, the search index,
/// the other pages, static files) is what `indsats build` writes for the same files, byte
/// for byte, whether it learns of the saves from the system or by polling (`--poll`).
#[test]
fn after_saves_serve_serves_exactly_what_a_build_writes() {
    // Without drafts, as a build makes it (serve shows them by default).
    for args in [&["--no-drafts"][..], &["--no-drafts", "--poll"][..]] {
        let dir = site("basic");
        let server = start_args(dir.path(), args);
        let port = server.port;
        let mut tab = events_for(port, "/indsatser/2018-2019/rygestop/");
        let mut seen = String::new();
        wait_for_event(&mut tab, &mut seen, ": indsats");
        let file = dir.path().join("content/indsatser/2018-2019/rygestop.md");
        std::fs::write(
            &file,
            read(&file).replace(
                "titel: Rygestop for alle",
                "titel: Rygestop for alle i byen",
            ),
        )
        .expect("save");
        std::fs::create_dir_all(dir.path().join("static")).expect("static/");
        std::fs::write(dir.path().join("static/robots.txt"), "User-agent: *\n").expect("save");
        wait_for_event(&mut tab, &mut seen, "event: reload");
        let out = tempfile::tempdir().expect("temp");
        let o = indsats(&[
            "build",
            "--root",
            dir.path().to_str().expect("utf-8"),
            "--out",
            out.path().join("site").to_str().expect("utf-8"),
            "--base-url",
            &format!("http://127.0.0.1:{port}/"),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let built = snapshot(&out.path().join("site"));
        assert!(
            built.keys().any(|p| p.starts_with("search/s/")) && built.contains_key("robots.txt")
        );
        // After the open tab's page, serve renders the rest in the background: wait for the
        // served site to settle (every file compared again), at most 30 s.
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut left = differences(port, &built);
        while !left.is_empty() && Instant::now() < deadline {
            std::thread::yield_now();
            left = differences(port, &built);
        }
        assert!(
            left.is_empty(),
            "{args:?}: served differently from the build: {left:?}"
        );
    }
}

/// A busy port is no dead end: serve takes the next free one and says which.
#[test]
fn a_busy_port_moves_serve_to_the_next_one() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let taken = busy.local_addr().expect("addr").port();
    let dir = site("basic");
    let server = start_args(dir.path(), &["--port", &taken.to_string()]);
    assert_ne!(server.port, taken);
    assert!(server.port > taken && server.port <= taken.saturating_add(19));
    assert_eq!(request(server.port, "GET", "/").0, 200);
}

/// A static file where the portal makes a file of its own (`static/feed.xml` beside the
/// feed) is refused alike by `build`, `check` and `serve`: one plan of the site's files
/// (`site_files::SiteFiles`) decides for all three. Before, serve quietly served the static
/// file as the feed while build stopped.
#[test]
fn build_check_and_serve_refuse_the_same_clash() {
    let dir = site("basic");
    std::fs::create_dir_all(dir.path().join("static")).expect("static/");
    std::fs::write(dir.path().join("static/feed.xml"), "<feed/>").expect("write");
    let root = dir.path().to_str().expect("utf-8");
    let message = "filen feed.xml bliver lavet to gange";
    for command in ["build", "check"] {
        let o = indsats(&[command, "--root", root]);
        let err = stderr(&o) + &stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{command}: {err}");
        assert!(
            err.contains(message) && err.contains("--> static/feed.xml"),
            "{command}: {err}"
        );
    }
    let server = start(dir.path());
    for path in ["/", "/feed.xml"] {
        let (status, body) = request(server.port, "GET", path);
        assert_eq!(status, 500, "{path}: the error, not a site: {body}");
        assert!(body.contains(message), "{path}: {body}");
        assert!(
            !body.contains("<feed/>"),
            "{path}: the static file is not served"
        );
    }
}

/// The preview shows drafts, marked "Kladde", so that a new file (a draft until the editor
/// says otherwise) is seen at once instead of a 404; `--no-drafts` leaves them out as a build
/// does, and a build says how many it left out and never carries the mark.
#[test]
fn the_preview_shows_drafts_marked_and_a_build_says_how_many_it_left_out() {
    let dir = site("basic");
    std::fs::write(
        dir.path().join("content/nyheder/2021-02-01-nyt-kursus.md"),
        "---\ntitel: Nyt kursus\ndato: 2021-02-01\nudkast: true\n---\nSnart.\n",
    )
    .expect("a draft update");
    let draft = "/indsatser/2020-2021/kladde/";
    let server = start(dir.path());
    let (status, body) = request(server.port, "GET", draft);
    assert_eq!(status, 200, "the draft is in the preview: {body}");
    assert!(body.contains("<strong>Kladde.</strong>"), "{body}");
    let (status, news) = request(server.port, "GET", "/nyheder/nyt-kursus/");
    assert_eq!(status, 200, "a draft update is in the preview too: {news}");
    assert!(
        news.contains("<strong>Kladde.</strong> Nyheden er ikke udgivet"),
        "{news}"
    );
    let (_, other) = request(server.port, "GET", "/indsatser/2018-2019/rygestop/");
    assert!(!other.contains("notice--draft"), "only drafts are marked");
    drop(server);
    let server = start_args(dir.path(), &["--no-drafts"]);
    assert_eq!(request(server.port, "GET", draft).0, 404, "--no-drafts");
    drop(server);
    let root = dir.path().to_str().expect("utf-8");
    let o = indsats(&["build", "--root", root]);
    assert!(
        stdout(&o).contains("(2 kladder er ikke med; byg med --drafts for at se dem)"),
        "{}",
        stdout(&o)
    );
    let built = snapshot(&dir.path().join("public"));
    assert!(!built
        .keys()
        .any(|p| p.contains("kladde") || p.contains("nyt-kursus")));
    assert!(
        !built
            .iter()
            .any(|(p, b)| p.ends_with(".html")
                && String::from_utf8_lossy(b).contains("notice--draft"))
    );
}

/// The preview shows drafts, so a published file that continues a draft works there while a
/// build refuses it: the preview says so on the terminal, at the `fortsætter` line.
#[test]
fn the_preview_warns_when_a_published_file_continues_a_draft() {
    let dir = site("basic");
    let continued = dir.path().join("content/indsatser/2018-2019/rygestop.md");
    let text = read(&continued).replacen("---\n", "---\nudkast: true\n", 1);
    std::fs::write(&continued, text).expect("make it a draft");
    let mut child = common::bin()
        .args(["serve", "--port", "0", "--root"])
        .arg(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start serve");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(stderr)).map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let warned = loop {
        match rx.recv_timeout(std::time::Duration::from_secs(60)) {
            Ok(line) => {
                let hit = line.contains("henviser til en kladde (udkast: true): forhåndsvisningen viser den, men en bygning uden --drafts afviser filen");
                seen.push(line);
                if hit {
                    break rx
                        .recv_timeout(std::time::Duration::from_secs(10))
                        .unwrap_or_default();
                }
            }
            Err(_) => {
                let _ = child.kill();
                panic!("no warning; serve said:\n{}", seen.join("\n"));
            }
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen.iter().any(|l| l.starts_with("advarsel: ")), "{seen:?}");
    assert_eq!(
        warned.trim(),
        "--> content/indsatser/2020-2021/rygestop-paa-nettet.md:6:1"
    );
    let o = indsats(&["build", "--root", dir.path().to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1), "the build refuses it");
}

/// serve follows the clock: when a new day begins the whole site is read against it, and
/// what it serves then is what a build on that day writes.
#[test]
fn a_new_day_gives_what_a_build_on_that_day_writes() {
    let dir = site("basic");
    let root = dir.path();
    let mut rb = Rebuilder::new(root, None, common::published(), true);
    rb.first_build().expect("builds");
    let day = indsats::Date::parse("2026-12-05").expect("date");
    rb.new_day(day).expect("builds");
    let built = fresh_build_with(root, &["--dato", "2026-12-05"]);
    assert!(
        rb.files_as_built() == built,
        "serve after a new day equals a build on it"
    );
    assert!(
        rb.files_as_built() != fresh_build(root),
        "and differs from the first day's"
    );
}

/// The preview shows a file scheduled for later marked with its day, as it shows drafts; a
/// file whose last day has passed is its short ended page there too.
#[test]
fn the_preview_marks_files_scheduled_for_later() {
    let dir = site("basic");
    copy_tree(&fixtures().join("dates"), dir.path());
    let server = start(dir.path());
    let (status, body) = request(server.port, "GET", "/snart/");
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(
            "<strong>Planlagt til 1. september 2021.</strong> Siden er ikke udgivet endnu"
        ),
        "{body}"
    );
    let (status, body) = request(server.port, "GET", "/indsatser/2020-2021/sovnforloeb/");
    assert_eq!(status, 200);
    assert!(body.contains("Planlagt til 1. august 2021."), "{body}");
    let (status, body) = request(server.port, "GET", "/kampagne/");
    assert_eq!(status, 200);
    assert!(body.contains("Siden er ikke længere aktuel."), "{body}");
    drop(server);
    let server = start_args(dir.path(), &["--no-drafts"]);
    assert_eq!(request(server.port, "GET", "/snart/").0, 404, "--no-drafts");
}
