//! The safe-output promise on its failure paths, reached with the faults `output.rs` lets a
//! test inject (`INDSATS_FAULT`, `INDSATS_PAUSE`): a write that fails, a file system without
//! the one-step exchange, a swap whose second rename fails, and a build killed in the middle
//! of the swap. Each time `public/` is the old site or the new one, whole, and nothing of the
//! build is left beside it.

use crate::common;
use common::*;
use std::path::Path;
use std::process::Output;

fn build_with(root: &Path, env: &[(&str, &str)]) -> Output {
    let mut c = common::bin();
    c.args(["build", "--root"]).arg(root);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run indsats")
}

/// What the build left beside the output, but the lock file that stays.
fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.indsats-") && n != ".public.indsats-lock")
        .collect()
}

/// A site built once, then edited so that the next build writes something new.
fn built_then_edited() -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let dir = site("basic");
    let o = build_with(dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = snapshot(&dir.path().join("public"));
    let file = dir.path().join("content/indsatser/2018-2019/rygestop.md");
    let text = read(&file).replace(
        "titel: Rygestop for alle",
        "titel: Rygestop for alle, ny udgave",
    );
    std::fs::write(&file, text).expect("edit");
    (dir, before)
}

#[test]
fn a_write_that_fails_keeps_the_old_site_and_leaves_nothing() {
    let (dir, before) = built_then_edited();
    let o = build_with(dir.path(), &[("INDSATS_FAULT", "write")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("kunne ikke skrive"), "{}", stderr(&o));
    assert_eq!(
        snapshot(&dir.path().join("public")),
        before,
        "public/ as it was"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn without_the_one_step_exchange_the_two_renames_put_the_new_site_in_place() {
    let (dir, before) = built_then_edited();
    let o = build_with(dir.path(), &[("INDSATS_FAULT", "exchange")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = snapshot(&dir.path().join("public"));
    assert_ne!(after, before);
    assert!(read(
        dir.path()
            .join("public/indsatser/2018-2019/rygestop/index.html")
    )
    .contains("ny udgave"));
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn a_swap_that_fails_halfway_puts_the_old_site_back() {
    let (dir, before) = built_then_edited();
    let o = build_with(dir.path(), &[("INDSATS_FAULT", "exchange,rename")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        snapshot(&dir.path().join("public")),
        before,
        "the old site is back"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn a_template_that_fails_while_pages_are_written_changes_nothing() {
    let (dir, before) = built_then_edited();
    // Fails only when a page is rendered, after the staging folder exists.
    std::fs::create_dir_all(dir.path().join("templates")).expect("templates/");
    std::fs::write(
        dir.path().join("templates/update.html"),
        "{% extends \"base.html\" %}{% block main %}{{ update.title.nope.deeper }}{% endblock %}",
    )
    .expect("template");
    let o = build_with(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Intet er ændret i public/"),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(&dir.path().join("public")), before);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

/// Killed while the swap is held open, at both of its steps: `public/` is whole (the new site
/// after the exchange; after the first of two renames it is briefly absent, and the next build
/// puts the old one back), and the next build clears what the killed one left.
#[cfg(unix)]
#[test]
fn a_build_killed_inside_the_swap_leaves_a_whole_site() {
    for (point, faults) in [("after-exchange", ""), ("between-renames", "exchange")] {
        let (dir, before) = built_then_edited();
        let public = dir.path().join("public");
        let mut child = common::bin()
            .args(["build", "--root"])
            .arg(dir.path())
            .env("INDSATS_PAUSE", point)
            .env("INDSATS_PAUSE_MS", "60000")
            .env("INDSATS_FAULT", faults)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start");
        // The pause is reached when the swap's first step is done: the staging folder holds the
        // old site (exchange), or the old site has moved aside (renames).
        let reached = || match point {
            "after-exchange" => {
                read(public.join("indsatser/2018-2019/rygestop/index.html")).contains("ny udgave")
            }
            _ => !public.exists(),
        };
        let start = std::time::Instant::now();
        while !reached() {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(30),
                "{point}: never reached"
            );
            assert!(
                child.try_wait().expect("wait").is_none(),
                "{point}: the build ended first"
            );
            std::thread::yield_now();
        }
        child.kill().expect("kill");
        child.wait().expect("reap");
        assert!(
            !leftovers(dir.path()).is_empty(),
            "{point}: the kill left its folder"
        );
        let o = build_with(dir.path(), &[]);
        assert!(o.status.success(), "{point}: {}", stderr(&o));
        assert!(
            leftovers(dir.path()).is_empty(),
            "{point}: {:?}",
            leftovers(dir.path())
        );
        let after = snapshot(&public);
        assert_ne!(after, before, "{point}: the next build made the new site");
    }
}
