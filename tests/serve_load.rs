//! `indsats serve` under load, in a test binary of its own so that its timing never competes
//! with the other serve tests (cargo runs test binaries one after another): 50 connections
//! at once while a file keeps changing.

#[path = "it/common/mod.rs"]
mod common;
use common::*;
use std::time::{Duration, Instant};

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// Bounded load: 50 connections at once for 8 seconds (many thousands of requests), while
/// another thread rewrites an initiative every 50 ms (plain writes, so the server also sees
/// half-written files). Every response must be a whole page of some version; the versions
/// served must change during the run (rebuilds land under load); memory must stay flat; the
/// server must answer afterwards. Prints the requests per second.
#[test]
fn serve_stays_whole_under_load_while_files_change() {
    const CLIENTS: usize = 50;
    const RUN: Duration = Duration::from_secs(8);
    let dir = site("basic");
    let server = start(dir.path());
    let port = server.port;
    let file = dir
        .path()
        .join("content/indsatser/2020-2021/stressforloeb.md");
    let original = read(&file);
    let page = "/indsatser/2020-2021/stressforloeb/";
    assert_eq!(request(port, "GET", page).0, 200);

    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (stop, file, original) = (stop.clone(), file.clone(), original.clone());
        std::thread::spawn(move || {
            let mut n = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let text = original.replace(
                    "titel: Stressforløb for voksne",
                    &format!("titel: Stressforløb for voksne, udgave {n}"),
                );
                std::fs::write(&file, text).expect("rewrite");
                std::thread::sleep(Duration::from_millis(50));
            }
            n
        })
    };
    let pid = server.child.id();
    let start_rss = rss_kib(pid);
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                let mut versions = std::collections::BTreeSet::new();
                let mut done = 0usize;
                while started.elapsed() < RUN {
                    let path = if done % 5 == 4 { "/css/site.css" } else { page };
                    let (status, text) = request(port, "GET", path);
                    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
                    let length: Option<usize> = head
                        .lines()
                        .find_map(|l| l.strip_prefix("Content-Length: "))
                        .and_then(|n| n.trim().parse().ok());
                    let whole = status == 200
                        && length == Some(body.len())
                        && (path != page
                            || (body.contains("<h1") && body.trim_end().ends_with("</html>")));
                    if !whole {
                        failures.push(format!("client {c} request {done}: {status} {head}"));
                    }
                    if let Some(v) = body.split("udgave ").nth(1) {
                        versions.insert(
                            v.chars()
                                .take_while(char::is_ascii_digit)
                                .collect::<String>(),
                        );
                    }
                    done += 1;
                }
                (done, failures, versions)
            })
        })
        .collect();
    std::thread::sleep(RUN / 2);
    let mid_rss = rss_kib(pid);
    let mut failures = Vec::new();
    let mut versions = std::collections::BTreeSet::new();
    let mut total = 0;
    for c in clients {
        let (done, f, v) = c.join().expect("client thread");
        total += done;
        failures.extend(f);
        versions.extend(v);
    }
    let elapsed = started.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let rewrites = writer.join().expect("writer thread");
    let end_rss = rss_kib(pid);
    eprintln!(
        "{total} requests at {CLIENTS} connections in {:.2} s: {:.0} requests/s, {} failed; \
         {rewrites} rewrites, {} versions served; RSS {start_rss} → {mid_rss} → {end_rss} KiB",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        failures.len(),
        versions.len()
    );
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    assert!(total >= 1000, "only {total} requests");
    assert!(
        versions.len() >= 3,
        "rebuilds landed during the load: {versions:?}"
    );
    // Flat: no growth beyond what one more snapshot of this small site could take.
    assert!(
        end_rss <= mid_rss + 16 * 1024,
        "memory grew from {mid_rss} to {end_rss} KiB"
    );
    std::fs::write(&file, &original).expect("restore");
    assert_eq!(request(port, "GET", "/").0, 200, "still answering");
}
