//! Hostile content: each folder under `tests/fixtures/hostile/` is something broken, strange
//! or malicious an editor (or a pasted document) can put into a site, laid over the `basic`
//! fixture. A case says what the build must do with one of these files:
//!
//! * `expect.txt` — the build must FAIL: exit code 1, every non-empty line of the file found
//!   in the error output (Danish message, `--> file:line`, hint), and the `public/` folder
//!   built before stays byte for byte as it was.
//! * `expect-ok.txt` — the build must SUCCEED (exit code 0), and the output must be safe and
//!   right. One check per line (blank lines and lines starting with `#` are ignored):
//!   - `+ <file>: <text>` — the output file `<file>` (relative to `public/`) contains `<text>`;
//!   - `- <text>` — no output file a browser may show as a page (HTML, XML, JSON, SVG, …)
//!     contains `<text>`; the CSV export and the search fragments are plain data for other
//!     programs and are checked for their own dangers in `tests/escaping.rs`;
//!   - `! <text>` — the build's messages (warnings) contain `<text>`.
//!
//!   In `<text>`, `\r`, `\t` and `\u{…}` stand for those characters.
//! * `generate.txt` (optional, next to either) — inputs too big or too odd to commit, made at
//!   run time in the temporary copy, one `<generator> <path>` a line: `body-5mb`,
//!   `front-matter-10000-lines`, `invalid-utf8`, `symlink-file-loop`, `symlink-dir-loop`,
//!   `unreadable`. A generator that fails fails its case. Root can read a file of mode 000,
//!   so when the tests run as root (CI does) the `unreadable` case's build runs as the user
//!   `nobody` (`setpriv`), with the case's folder opened to it.
//!
//! Every build runs with a time limit (a YAML alias bomb must not hang), no case may panic,
//! and all failures are collected and reported together.

use crate::common;
use common::*;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIME_LIMIT: Duration = Duration::from_secs(30);
const CONTROL_FILES: &[&str] = &["expect.txt", "expect-ok.txt", "generate.txt"];

/// What one build did.
struct Run {
    code: Option<i32>,
    stderr: String,
    timed_out: bool,
}

/// Whether the tests run as root (who can read any file).
fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Runs `indsats build --root <root>`, killing it after `TIME_LIMIT`; as the user `nobody`
/// when `as_nobody` (see `open_to_nobody`).
fn build_with_limit(root: &Path, logs: &Path, as_nobody: bool) -> Run {
    let out_path = logs.join("stdout.txt");
    let err_path = logs.join("stderr.txt");
    let mut command = if as_nobody {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_indsats"),
        ]);
        c.env("SOURCE_DATE_EPOCH", common::TEST_EPOCH);
        c
    } else {
        common::bin()
    };
    let mut child = command
        .args(["build", "--root"])
        .arg(root)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("run indsats (as nobody: needs setpriv, from util-linux)");
    let start = Instant::now();
    let (code, timed_out) = loop {
        if let Some(status) = child.try_wait().expect("wait for indsats") {
            break (status.code(), false);
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break (None, true);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr =
        String::from_utf8_lossy(&std::fs::read(&err_path).unwrap_or_default()).into_owned();
    let stdout =
        String::from_utf8_lossy(&std::fs::read(&out_path).unwrap_or_default()).into_owned();
    Run {
        code,
        stderr: format!("{stdout}{stderr}"),
        timed_out,
    }
}

/// Makes the inputs named in `generate.txt`. `Err` carries why the case cannot run here.
/// Makes the case's generated inputs in `site`; true when its build must run as `nobody`.
fn generate(site: &Path, spec: &str) -> Result<bool, String> {
    let root = site;
    let mut as_nobody = false;
    for line in spec.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (what, rel) = line
            .split_once(' ')
            .ok_or_else(|| format!("generate.txt: bad line {line:?}"))?;
        let path = site.join(rel.trim());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        match what {
            "body-5mb" => {
                let mut text = String::from("---\ntitel: Meget lang side\n---\n## Indsats\n\n");
                let para = "Borgerne mødtes hver uge i sundhedscenteret og talte om røgfri hverdag, søvn og stress. ";
                while text.len() < 5 * 1024 * 1024 {
                    for _ in 0..20 {
                        text.push_str(para);
                    }
                    text.push_str("\n\n");
                }
                std::fs::write(&path, text).map_err(|e| e.to_string())?;
            }
            "front-matter-10000-lines" => {
                let mut text = String::from(
                    "---\ntitel: Mange aktører\ntema: Tobak\nstatus: planlagt\nformål: At mange er med.\naktører:\n",
                );
                for i in 0..10_000 {
                    text.push_str(&format!("  - Aktør nummer {i}\n"));
                }
                // Line 10,007: a misspelt key after ten thousand lines.
                text.push_str("formal: Igen.\n---\nTekst.\n");
                std::fs::write(&path, text).map_err(|e| e.to_string())?;
            }
            "invalid-utf8" => {
                let mut bytes = b"---\ntitel: Rygestop\n".to_vec();
                // "målgruppe: Ældre" saved as Latin-1: å = 0xE5, Æ = 0xC6.
                bytes.extend_from_slice(
                    b"tema: Tobak\nstatus: planlagt\nform\xe5l: For \xc6ldre.\n---\nTekst.\n",
                );
                std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
            }
            "symlink-file-loop" => {
                let other = path.with_file_name("loop-b.md");
                symlink(&other, &path)?;
                symlink(&path, &other)?;
            }
            "symlink-dir-loop" => symlink(Path::new(".."), &path)?,
            "unreadable" => {
                use std::os::unix::fs::PermissionsExt;
                if running_as_root() {
                    open_to_nobody(root)?;
                    as_nobody = true;
                }
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000))
                    .map_err(|e| e.to_string())?;
                let readable = if as_nobody {
                    Command::new("setpriv")
                        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "cat"])
                        .arg(&path)
                        .output()
                        .map_err(|e| format!("setpriv (util-linux) is needed as root: {e}"))?
                        .status
                        .success()
                } else {
                    std::fs::File::open(&path)
                        .and_then(|mut f| f.read(&mut [0u8; 1]))
                        .is_ok()
                };
                if readable {
                    return Err(format!("{rel} is still readable after chmod 000"));
                }
            }
            other => return Err(format!("generate.txt: unknown generator {other:?}")),
        }
    }
    Ok(as_nobody)
}

/// Opens the case's folder (and the temporary folder it is in) to every user, so that a build
/// as `nobody` can read the site and write `public/` beside it.
fn open_to_nobody(site: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let open = |p: &Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode))
            .map_err(|e| e.to_string())
    };
    for e in walkdir::WalkDir::new(site).into_iter().flatten() {
        if e.path_is_symlink() {
            continue;
        }
        open(e.path(), if e.file_type().is_dir() { 0o777 } else { 0o666 })?;
    }
    Ok(())
}

fn symlink(target: &Path, link: &Path) -> Result<(), String> {
    std::os::unix::fs::symlink(target, link).map_err(|e| e.to_string())
}

/// The text of every output file.
fn output_texts(public: &Path) -> Vec<(String, String)> {
    snapshot(public)
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

/// `\r`, `\t` and `\u{feff}` in expect-ok.txt stand for the characters themselves.
fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        if let Some(t) = tail.strip_prefix('r') {
            out.push('\r');
            rest = t;
        } else if let Some(t) = tail.strip_prefix('t') {
            out.push('\t');
            rest = t;
        } else if let Some((hex, t)) = tail.strip_prefix("u{").and_then(|t| t.split_once('}')) {
            out.extend(u32::from_str_radix(hex, 16).ok().and_then(char::from_u32));
            rest = t;
        } else {
            out.push('\\');
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// Files a browser may show as a page (HTML, XML, JSON, SVG, …). The CSV export and the
/// search fragments hold the editor's text as plain data for other programs (a spreadsheet,
/// the search page's script, which writes it as text); they are checked in
/// `tests/escaping.rs` for what is dangerous there instead.
fn renders_as_markup(path: &str) -> bool {
    !(path.ends_with(".csv") || path.starts_with("search/"))
}

fn check_ok(name: &str, spec: &str, public: &Path, run: &Run, failures: &mut Vec<String>) {
    if run.code != Some(0) {
        failures.push(format!(
            "{name}: exit code {:?}, expected 0 (the build must accept this)\n{}",
            run.code, run.stderr
        ));
        return;
    }
    let texts = output_texts(public);
    for line in spec.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = &unescape(line);
        if let Some(rest) = line.strip_prefix("+ ") {
            let Some((file, want)) = rest.split_once(": ") else {
                failures.push(format!("{name}: bad line in expect-ok.txt: {line:?}"));
                continue;
            };
            match texts.iter().find(|(p, _)| p == file.trim()) {
                None => failures.push(format!("{name}: output lacks the file {file}")),
                Some((_, text)) if !text.contains(want) => {
                    failures.push(format!("{name}: {file} lacks {want:?}"))
                }
                Some(_) => {}
            }
        } else if let Some(bad) = line.strip_prefix("- ") {
            for (path, text) in texts.iter().filter(|(p, _)| renders_as_markup(p)) {
                if let Some(at) = text.find(bad) {
                    let from = text[..at]
                        .char_indices()
                        .rev()
                        .nth(80)
                        .map_or(0, |(i, _)| i);
                    let to = (at + bad.len() + 80).min(text.len());
                    let to = (to..=text.len())
                        .find(|&i| text.is_char_boundary(i))
                        .unwrap_or(text.len());
                    failures.push(format!(
                        "{name}: {path} contains {bad:?}: …{}…",
                        &text[from..to]
                    ));
                }
            }
        } else if let Some(want) = line.strip_prefix("! ") {
            if !run.stderr.contains(want) {
                failures.push(format!(
                    "{name}: messages lack {want:?}\n--- output ---\n{}",
                    run.stderr
                ));
            }
        } else {
            failures.push(format!("{name}: bad line in expect-ok.txt: {line:?}"));
        }
    }
}

fn check_error(
    name: &str,
    spec: &str,
    public: &Path,
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    run: &Run,
    failures: &mut Vec<String>,
) {
    if run.code != Some(1) {
        failures.push(format!(
            "{name}: exit code {:?}, expected 1\n{}",
            run.code, run.stderr
        ));
    }
    for want in spec.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !run.stderr.contains(want) {
            failures.push(format!(
                "{name}: output lacks {want:?}\n--- output ---\n{}",
                run.stderr
            ));
        }
    }
    if &snapshot(public) != before {
        failures.push(format!("{name}: public/ changed"));
    }
}

#[test]
fn hostile_content_is_refused_with_a_danish_message_or_built_safely() {
    let cases = cases("hostile");
    assert!(cases.len() >= 40, "expected at least 40 hostile cases");

    // The basic site, built once; each case starts from a copy of it with its public/.
    let template = site("basic");
    let first = indsats(&["build", "--root", template.path().to_str().expect("utf-8")]);
    assert!(
        first.status.success(),
        "basic must build: {}",
        stderr(&first)
    );
    let before = snapshot(&template.path().join("public"));

    let mut failures = Vec::new();
    for case in &cases {
        let name = case_name(case);
        let expect = std::fs::read_to_string(case.join("expect.txt")).ok();
        let expect_ok = std::fs::read_to_string(case.join("expect-ok.txt")).ok();
        if expect.is_some() == expect_ok.is_some() {
            failures.push(format!(
                "{name}: needs exactly one of expect.txt and expect-ok.txt"
            ));
            continue;
        }
        let dir = tempfile::tempdir().expect("temp");
        let logs = tempfile::tempdir().expect("temp");
        copy_tree(template.path(), dir.path());
        copy_tree(case, dir.path());
        for f in CONTROL_FILES {
            let _ = std::fs::remove_file(dir.path().join(f));
        }
        let mut as_nobody = false;
        if let Ok(spec) = std::fs::read_to_string(case.join("generate.txt")) {
            match generate(dir.path(), &spec) {
                Ok(nobody) => as_nobody = nobody,
                Err(why) => {
                    failures.push(format!("{name}: its input could not be made: {why}"));
                    continue;
                }
            }
        }
        if as_nobody {
            open_to_nobody(logs.path()).expect("open the log folder");
        }
        let start = Instant::now();
        let run = build_with_limit(dir.path(), logs.path(), as_nobody);
        if start.elapsed() > Duration::from_secs(10) {
            eprintln!("hostile case {name} took {:?}", start.elapsed());
        }
        if run.timed_out {
            failures.push(format!("{name}: no answer within {TIME_LIMIT:?} (killed)"));
            continue;
        }
        if run.stderr.contains("panicked") {
            failures.push(format!("{name}: panicked\n{}", run.stderr));
        }
        let public = dir.path().join("public");
        match (expect, expect_ok) {
            (Some(spec), _) => check_error(&name, &spec, &public, &before, &run, &mut failures),
            (_, Some(spec)) => check_ok(&name, &spec, &public, &run, &mut failures),
            _ => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
