//! A build killed with SIGKILL at any moment leaves `public/` as the old site or the new one,
//! complete, never a mix; the next build removes what the killed one left behind. Most kills
//! are aimed at the dangerous window, after the staging folder appears and before the build
//! exits (writing and swapping); the rest fall anywhere in the build.
#![cfg(unix)]

use crate::common;
use common::*;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const KILLS: u32 = 24;

fn state(public: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    snapshot(public).hash(&mut h);
    h.finish()
}

fn spawn_build(root: &Path) -> Child {
    common::bin()
        .args(["build", "--root"])
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start indsats")
}

/// Deterministic pseudo-random numbers (no seed from the clock: runs are comparable).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Two versions of the site that differ in one title (and so in pages, feed, data, search).
fn set_version(root: &Path, v: u32) {
    let file = root.join("content/indsatser/2020-2021/stressforloeb.md");
    let text = read(&file);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[1] = format!("titel: Stressforløb, udgave {v}");
    std::fs::write(&file, lines.join("\n") + "\n").expect("write version");
}

/// Waits until `path` exists or the child has exited; true when it exists.
fn wait_for(path: &Path, child: &mut Child) -> bool {
    loop {
        if path.exists() {
            return true;
        }
        if matches!(child.try_wait(), Ok(Some(_))) {
            return false;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_site_whole() {
    let dir = site("basic");
    let root = dir.path();
    // Enough pages that writing takes a while.
    let model = read(root.join("content/indsatser/2020-2021/rygestop-paa-nettet.md"));
    for i in 0..100 {
        let text = model.replacen("titel: \"", &format!("titel: \"Kopi {i} af "), 1);
        std::fs::write(
            root.join(format!("content/indsatser/2020-2021/kopi-{i}.md")),
            text,
        )
        .expect("write copy");
    }
    let public = root.join("public");
    let mut states = Vec::new();
    for v in 0..2 {
        set_version(root, v);
        let o = indsats(&["build", "--root", root.to_str().expect("utf-8")]);
        assert!(o.status.success(), "{}", stderr(&o));
        states.push(state(&public));
    }
    assert_ne!(states[0], states[1], "the two versions must differ");

    // How long a build takes, and how long after its staging folder appears.
    let start = Instant::now();
    let mut child = spawn_build(root);
    let staging = |pid: u32| root.join(format!(".public.indsats-staging-{pid}"));
    assert!(
        wait_for(&staging(child.id()), &mut child),
        "staging appears"
    );
    let staged_at = start.elapsed();
    child.wait().expect("build ends");
    let total = start.elapsed();
    let window = total
        .saturating_sub(staged_at)
        .max(Duration::from_millis(1));

    let mut rng = Lcg(0x1d5a75);
    let (mut old, mut new, mut while_writing) = (0, 0, 0);
    for i in 0..KILLS {
        let before = state(&public);
        set_version(root, i % 2);
        let mut child = spawn_build(root);
        if i % 4 == 3 {
            std::thread::sleep(Duration::from_micros(rng.below(total.as_micros() as u64)));
        } else if wait_for(&staging(child.id()), &mut child) {
            std::thread::sleep(Duration::from_micros(rng.below(window.as_micros() as u64)));
        }
        // Landed while the build was writing: its staging folder exists and it still runs.
        if staging(child.id()).exists() && matches!(child.try_wait(), Ok(None)) {
            while_writing += 1;
        }
        let _ = child.kill();
        child.wait().expect("reap the build");
        let after = state(&public);
        assert!(
            states.contains(&after),
            "kill {i}: public/ is neither the old nor the new site"
        );
        if after == before {
            old += 1;
        } else {
            new += 1;
        }
    }
    eprintln!(
        "{KILLS} kills (build {total:?}, staging folder after {staged_at:?}): {old} left the old site, {new} the new one, {while_writing} landed while it was writing"
    );
    // Kills inside the swap itself are aimed exactly in tests/output_faults.rs.
    assert!(
        while_writing >= KILLS / 4,
        "only {while_writing} of {KILLS} kills landed while the build was writing"
    );

    let o = indsats(&["build", "--root", root.to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .expect("list root")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.indsats-"))
        // The lock file stays, and a killed build's lock went with its process.
        .filter(|n| n != ".public.indsats-lock")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}
