//! Measures `indsats serve`'s save → reload-event latency: starts the release binary on a
//! site, listens to its event stream, rewrites one initiative's title N times and reports the
//! median, min and max time from the write to the `reload` event.
//!
//! `cargo build --release && cargo run --release --example serve_latency -- --root DIR [--n 15]`

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
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_millis(20)))
        .expect("timeout");
    write!(stream, "GET /__indsats/events HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
    wait(&mut stream, ": indsats");
    let mut times = Vec::new();
    for i in 0..n {
        let text = original.replacen("titel: ", &format!("titel: Ændret {i} "), 1);
        drain(&mut stream);
        let t = Instant::now();
        std::fs::write(&file, text).expect("write");
        wait(&mut stream, "event: reload");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&file, original).expect("restore");
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    println!(
        "save → reload event over {n} saves: median {:.0} ms, min {:.0} ms, max {:.0} ms (includes the watcher's {} ms quiet period)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        200
    );
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
