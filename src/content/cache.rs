//! Parsed files kept between builds (by `serve`): each file's outcome and problems under the
//! size and modification time it had, so that a rebuild re-reads only what changed.

use super::Outcome;
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// Parsed files kept between builds (by `serve`), so that a rebuild re-reads only the files
/// whose size or modification time changed. Results depend on `site.yaml`, so the cache
/// remembers which `site.yaml` text it was filled under and empties itself when that changes.
#[derive(Default)]
pub struct Cache {
    inner: std::sync::Mutex<CacheInner>,
}

#[derive(Default)]
struct CacheInner {
    config_text: String,
    files: std::collections::HashMap<PathBuf, (Stamp, Outcome, Vec<Diagnostic>)>,
}

type Stamp = (Option<std::time::SystemTime>, u64);

impl Cache {
    /// Drops every entry unless they were made under the same `site.yaml` text.
    pub fn prepare(&self, config_text: &str) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.config_text != config_text {
            inner.files.clear();
            inner.config_text = config_text.to_string();
        }
    }

    pub(super) fn get(&self, path: &Path, stamp: Stamp) -> Option<(Outcome, Vec<Diagnostic>)> {
        let inner = self.inner.lock().ok()?;
        inner
            .files
            .get(path)
            .filter(|(s, _, _)| *s == stamp)
            .map(|(_, o, d)| (o.clone(), d.clone()))
    }

    pub(super) fn put(
        &self,
        path: PathBuf,
        stamp: Stamp,
        outcome: Outcome,
        diags: Vec<Diagnostic>,
    ) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.files.insert(path, (stamp, outcome, diags));
        }
    }

    pub(super) fn retain(&self, existing: &[PathBuf]) {
        if let Ok(mut inner) = self.inner.lock() {
            let keep: std::collections::HashSet<&PathBuf> = existing.iter().collect();
            inner.files.retain(|p, _| keep.contains(p));
        }
    }
}

pub(super) fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok(), m.len()))
}
