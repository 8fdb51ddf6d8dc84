//! Measures `indsats serve`'s save → reload-event latency: starts the release binary on a
//! site, opens two event streams — one as a tab showing the edited initiative's page, one as
//! a tab that does not say what it shows (it reloads once every page is rebuilt) — rewrites
//! the initiative's title N times and reports the median, min and max time from the write to
//! each stream's `reload` event; and the time until the served `search/index.json` changes
//! (the rebuilt search index; it changes with every edit, as the scores do).
//!
//! With `--structural` each save moves the initiative (with a new title) to the end of its
//! plan's report and back instead, which changes every list it is in and takes a full build.
//!
//! `cargo build --release && cargo run --release --example serve_latency -- --root DIR [--n 15] [--structural]`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let root = PathBuf::from(arg("--root").unwrap_or_else(|| ".".into()));
    let n: usize = arg("--n").and_then(|v| v.parse().ok()).unwrap_or(15);
    let structural = args.iter().any(|a| a == "--structural");
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/indsats");
    let mut child = Command::new(&bin)
        .args([
            "serve",
            "--port",
            "0",
            "--root",
            root.to_str().unwrap_or("."),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "start {}: {e} (build with cargo build --release first)",
                bin.display()
            )
        });
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let port: u16 = loop {
        let line = lines
            .next()
            .and_then(Result::ok)
            .expect("serve printed its address");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .split('/')
                .next()
                .and_then(|p| p.parse().ok())
                .expect("port");
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let file = pick_file(&root.join("content/indsatser"));
    let original = std::fs::read_to_string(&file).expect("read");
    let rel = file
        .strip_prefix(root.join("content"))
        .expect("under content/")
        .with_extension("");
    let page = format!("/{}/", rel.to_string_lossy().replace('\\', "/"));
    let mut open_tab = events(port, Some(&page));
    let mut other_tab = events(port, None);
    let (mut times, mut all_times, mut index_times) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        let text = if structural {
            // To the end of its plan's report and back: every list changes, a full build.
            if i % 2 == 0 {
                original
                    .replacen("rækkefølge: ", "rækkefølge: 90000", 1)
                    .replacen("titel: ", "titel: Flyttet ", 1)
            } else {
                original.clone()
            }
        } else {
            original.replacen("titel: ", &format!("titel: Ændret {i} "), 1)
        };
        drain(&mut open_tab);
        drain(&mut other_tab);
        let index_before = get(port, "/search/index.json");
        let t = Instant::now();
        std::fs::write(&file, text).expect("write");
        let poll = std::thread::spawn(move || {
            let t = Instant::now();
            while get(port, "/search/index.json") == index_before && t.elapsed().as_secs() < 60 {
                std::thread::sleep(Duration::from_millis(2));
            }
        });
        wait(&mut open_tab, "event: reload");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        let _ = poll.join();
        index_times.push(t.elapsed().as_secs_f64() * 1000.0);
        wait(&mut other_tab, "event: reload");
        all_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&file, original).expect("restore");
    let _ = child.kill();
    let _ = child.wait();
    for (what, mut times) in [
        (format!("the tab showing {page}"), times),
        ("every page rebuilt".to_string(), all_times),
        ("search/index.json changed".to_string(), index_times),
    ] {
        times.sort_by(f64::total_cmp);
        println!(
            "save → reload event, {what}, over {n} saves: median {:.0} ms, min {:.0} ms, max {:.0} ms",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
        );
    }
}

/// The body of a GET request to the server (empty on any failure).
fn get(port: u16, path: &str) -> Vec<u8> {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return Vec::new();
    };
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    );
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    out.windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| out[i + 4..].to_vec())
        .unwrap_or_default()
}

/// An event stream as a browser tab opens it, showing `page` (or not saying).
fn events(port: u16, page: Option<&str>) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(20)))
        .expect("timeout");
    let query = page.map_or(String::new(), |p| {
        format!("?side={}", p.replace('/', "%2F"))
    });
    write!(
        stream,
        "GET /__indsats/events{query} HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .expect("send");
    wait(&mut stream, ": indsats");
    stream
}

fn wait(stream: &mut TcpStream, want: &str) {
    let mut seen = String::new();
    let mut buf = [0u8; 8192];
    let deadline = Instant::now() + Duration::from_secs(120);
    while !seen.contains(want) {
        assert!(Instant::now() < deadline, "no {want} event");
        if let Ok(k) = stream.read(&mut buf) {
            seen.push_str(&String::from_utf8_lossy(&buf[..k]));
        }
    }
}

/// Reads whatever is pending until the stream has been quiet for 600 ms, so a late event
/// from the previous save is not taken for the next one's.
fn drain(stream: &mut TcpStream) {
    let mut buf = [0u8; 8192];
    let mut quiet = Instant::now();
    while quiet.elapsed() < Duration::from_millis(600) {
        if let Ok(k) = stream.read(&mut buf) {
            if k > 0 {
                quiet = Instant::now();
            }
        }
    }
}

fn pick_file(dir: &Path) -> PathBuf {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .expect("an initiative file")
}
