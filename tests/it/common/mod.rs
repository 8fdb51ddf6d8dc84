//! Helpers for the integration tests: copy a fixture site into a temporary folder, lay an
//! error case's files over it, run the real `indsats` binary, and snapshot output folders.
#![allow(dead_code)]

pub mod editing;
pub mod html;
pub mod links;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies every file under `from` into `to`, replacing files that exist.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = entry.path().strip_prefix(from).expect("inside the tree");
        let dst = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dst).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &dst).expect("copy file");
        }
    }
}

/// The case folders under `tests/fixtures/<name>/`, sorted.
pub fn cases(name: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures().join(name))
        .unwrap_or_else(|e| panic!("tests/fixtures/{name}: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// A case folder's name, as the tests report it.
pub fn case_name(case: &Path) -> String {
    case.file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned()
}

/// A temporary copy of the fixture site `name`.
pub fn site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixtures().join(name), dir.path());
    dir
}

/// The day the tests build at, unless a test says otherwise: the shipped site's 2020-2021
/// status report (April 2021) is then a month old, so its pages look as they did when it was
/// written. Tests of how the site ages give `--dato` themselves.
pub const TEST_DATE: &str = "2021-05-01";
/// `TEST_DATE` at noon UTC, as every `indsats` the tests run reads it (`SOURCE_DATE_EPOCH`).
pub const TEST_EPOCH: &str = "1619870400";

/// The build date of `TEST_DATE`.
pub fn test_date() -> indsats::Date {
    indsats::Date::parse(TEST_DATE).expect("TEST_DATE is a date")
}

/// What a plain build publishes on `TEST_DATE`, for the library's in-memory builds.
pub fn published() -> indsats::Selection {
    indsats::Selection::published(test_date())
}

/// The `indsats` binary, building at `TEST_DATE` unless given `--dato`.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_indsats"));
    c.env("SOURCE_DATE_EPOCH", TEST_EPOCH);
    c
}

/// Runs `indsats` with `args`.
pub fn indsats(args: &[&str]) -> Output {
    bin().args(args).output().expect("run indsats")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file under `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("read {}: {e}", path.as_ref().display()))
}

/// A running `indsats serve`; dropping it stops the server.
pub struct Server {
    pub child: std::process::Child,
    pub port: u16,
    /// The editor's address with its one-time key, as `serve` printed it.
    pub editor: Option<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `indsats serve` on `root` on a free port and waits for its address.
pub fn start(root: &Path) -> Server {
    start_args(root, &[])
}

/// As `start`, with more arguments for `serve` (`--poll`; a `--port` of their own replaces
/// the system's choice).
pub fn start_args(root: &Path, extra: &[&str]) -> Server {
    let mut args = vec!["serve", "--root", root.to_str().expect("utf-8")];
    if !extra.contains(&"--port") {
        args.extend(["--port", "0"]);
    }
    args.extend(extra);
    let mut child = bin()
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufReader::new(stdout).lines();
    let port = loop {
        let line = lines
            .next()
            .expect("serve printed its address")
            .expect("line");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .expect("port")
                .parse()
                .expect("a port number");
        }
    };
    // The line after the address: the editor's, or why it is off.
    let editor = lines.next().and_then(Result::ok).and_then(|l| {
        l.split_once(": http://")
            .map(|(_, a)| format!("http://{a}"))
    });
    std::thread::spawn(move || for _ in lines {});
    Server {
        child,
        port,
        editor,
    }
}

/// Initiatives `az_site` adds to the `az` fixture's 12.
pub const AZ_FILLER: usize = 230;

/// The `az` fixture (titles with æ, ø, å, accents, digits, quotes, equal titles in two
/// periods) with `AZ_FILLER` more initiatives, so that the A–Å list runs over three pages.
pub fn az_site() -> tempfile::TempDir {
    const WORDS: [&str; 21] = [
        "Aktiv hverdag",
        "Bevægelse",
        "Cykling",
        "Diabetes",
        "Energi",
        "Fællesskab",
        "Gåture",
        "Hjertet",
        "Idræt",
        "Kost",
        "Livsstil",
        "Motion",
        "Natur",
        "Omsorg",
        "Pause",
        "Rygestop",
        "Søvn",
        "Trivsel",
        "Unge",
        "Vægt",
        "Yoga",
    ];
    let dir = site("az");
    for n in 0..AZ_FILLER {
        let title = format!("{} {n:03}", WORDS[n % WORDS.len()]);
        let text = format!(
            "---\ntitel: {title}\ntema: Tobak\nstatus: igangværende\nformål: Et formål.\n---\nTekst om {title}.\n"
        );
        let file = dir
            .path()
            .join(format!("content/indsatser/2020-2021/fyld-{n:03}.md"));
        std::fs::write(file, text).expect("write an initiative");
    }
    dir
}

/// Fails with a clear message when node cannot run (reached without node only under CI: the
/// build script otherwise leaves `cfg(node_tools)` unset and the test is ignored).
#[allow(dead_code)]
pub fn need_node(what: &str) {
    let ok = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "{what} needs node (apt-get install nodejs, or `bash .ci/run`)"
    );
}

/// Runs `node script args…` and returns whether it succeeded, with what it printed.
#[allow(dead_code)]
pub fn run_node(script: &Path, args: &[&Path]) -> (bool, String) {
    let o = std::process::Command::new("node")
        .arg(script)
        .args(args)
        .output()
        .expect("node runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success(), said)
}

/// A raw HTTP/1.1 request; returns (status, headers and body as text).
pub fn request(port: u16, method: &str, path: &str) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .expect("timeout");
    use std::io::{Read, Write};
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
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
