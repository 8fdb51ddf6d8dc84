//! The integration tests, one binary (as mdBook and cargo do): a module per area, each
//! driving the `indsats` binary or the library the way a user or a test of a stage would.
//! One binary links the crate once instead of once per file. What each module covers is in
//! docs/testing.md. Two are binaries of their own, because they time a live server, which
//! CPU-heavy tests beside them in the same process would disturb: the browser checks
//! (`tests/browser.rs`, Chromium one page at a time) and serve under load
//! (`tests/serve_load.rs`).

mod common;

mod build;
mod check;
mod data;
mod dates;
mod editor;
mod editor_guards;
mod errors;
mod escaping;
mod fuzz;
mod hostile;
mod import;
#[cfg(unix)]
mod interrupted;
mod links;
mod new;
mod offers;
mod output_faults;
mod search;
mod search_parity;
mod serve;
