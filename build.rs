//! Tells the tests which outside tools this machine has, so that a test needing a missing
//! tool shows as "ignored" with the reason in `cargo test`'s own output (never a silent pass).
//! Under `CI` every tool counts as present: there a missing tool fails its tests.
//!
//! - `cfg(node_tools)`: `node` runs (the search client's parity and relevance checks).
//! - `cfg(browser_tools)`: also Debian's `chromium` (or `$CHROMIUM`), `java` (the Nu HTML
//!   checker) and the npm packages in `tests/browser/node_modules` (`npm ci` there).

use std::path::Path;
use std::process::Command;

fn runs(tool: &str, arg: &str) -> bool {
    Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn main() {
    println!("cargo:rustc-check-cfg=cfg(node_tools)");
    println!("cargo:rustc-check-cfg=cfg(browser_tools)");
    println!("cargo:rerun-if-env-changed=CI");
    println!("cargo:rerun-if-env-changed=CHROMIUM");
    println!("cargo:rerun-if-env-changed=PATH");
    println!("cargo:rerun-if-changed=build.rs");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let modules = "tests/browser/node_modules/playwright-core";
    // Seen again when they appear or go (a path that does not exist reruns this script).
    for path in [chromium.as_str(), modules, "/usr/bin/node", "/usr/bin/java"] {
        println!("cargo:rerun-if-changed={path}");
    }
    let ci = std::env::var_os("CI").is_some();
    let node = ci || runs("node", "--version");
    let browser = ci
        || (node
            && Path::new(&chromium).exists()
            && runs("java", "-version")
            && Path::new(modules).is_dir());
    if node {
        println!("cargo:rustc-cfg=node_tools");
    }
    if browser {
        println!("cargo:rustc-cfg=browser_tools");
    }
}
