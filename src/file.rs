//! A file of the output, made or copied: the small types every stage that makes or writes
//! files shares (render, search, the plan, output, serve), kept apart so that none of them
//! depends on another for them.

use std::path::PathBuf;

/// One output file: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where a copied file's bytes come from: the site's or theme's folder, or the built-in design.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}
