//! Each folder under `tests/fixtures/errors/` is a mistake an editor can make, laid over the
//! `basic` fixture site. Its `expect.txt` lists lines the error output must contain (file,
//! line, column, snippet, hint — in Danish). Every case must exit 1 and leave a previously
//! built `public/` byte for byte as it was.

mod common;
use common::*;

#[test]
fn every_error_case_is_reported_with_place_and_hint_and_loses_nothing() {
    let cases = cases("errors");
    assert!(cases.len() >= 10, "expected the error cases to be there");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case_name(case);
        let dir = site("basic");
        let root = dir.path().to_str().expect("utf-8 path");
        let first = indsats(&["build", "--root", root]);
        assert!(
            first.status.success(),
            "basic fixture must build: {}",
            stderr(&first)
        );
        let before = snapshot(&dir.path().join("public"));

        copy_tree(case, dir.path());
        std::fs::remove_file(dir.path().join("expect.txt")).expect("expect.txt is there");
        let out = indsats(&["build", "--root", root]);
        let err = stderr(&out);
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{name}: exit code {:?}, expected 1\n{err}",
                out.status.code()
            ));
        }
        for want in read(case.join("expect.txt"))
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            if !err.contains(want.trim()) {
                failures.push(format!(
                    "{name}: output lacks {want:?}\n--- output ---\n{err}"
                ));
            }
        }
        if err.contains("panicked") {
            failures.push(format!("{name}: panicked\n{err}"));
        }
        if snapshot(&dir.path().join("public")) != before {
            failures.push(format!("{name}: public/ changed"));
        }
        assert!(
            err.contains("Intet er ændret i public/"),
            "{name}: says nothing was changed\n{err}"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn refuses_to_use_the_site_folder_or_content_as_output() {
    let dir = site("basic");
    let root = dir.path().to_str().expect("utf-8 path");
    let before = snapshot(dir.path());
    for out in [
        root.to_string(),
        format!("{root}/content"),
        format!("{root}/themes"),
    ] {
        let o = indsats(&["build", "--root", root, "--out", &out]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("vil ikke skrive til"), "{}", stderr(&o));
    }
    assert_eq!(
        snapshot(dir.path()),
        before,
        "nothing in the site folder may change"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(indsats(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(indsats(&["bygg"]).status.code(), Some(2));
    let dir = site("basic");
    let o = indsats(&[
        "build",
        "--root",
        dir.path().to_str().expect("utf-8"),
        "--base-url",
        "example.dk",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a bad base URL is a content-level error: {}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("--base-url \"example.dk\" er ikke en gyldig adresse"));
}

#[test]
fn a_missing_site_yaml_says_where_it_looked() {
    let dir = tempfile::tempdir().expect("temp");
    let o = indsats(&["build", "--root", dir.path().to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("site.yaml findes ikke"),
        "{}",
        stderr(&o)
    );
}
