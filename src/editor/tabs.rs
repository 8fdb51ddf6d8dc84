//! Which browser tabs have a file's form open, so that a second tab on the same file is told
//! at once that the file is open elsewhere (and the first learns of the second). The form's
//! script names its tab (an id kept for the tab's life) and reports it on opening, every few
//! seconds while open, and on closing; a tab not heard from for `ALIVE` counts as closed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a tab counts as open after it was last heard from (it reports every 10 s).
const ALIVE: Duration = Duration::from_secs(30);

/// The open tabs of each file.
#[derive(Default)]
pub struct Tabs(Mutex<HashMap<String, Vec<(String, Instant)>>>);

impl Tabs {
    /// Tab `id` has `rel` open: how many other tabs have it open too.
    pub fn seen(&self, rel: &str, id: &str) -> usize {
        let mut all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let tabs = all.entry(rel.to_string()).or_default();
        tabs.retain(|(t, at)| t != id && now.duration_since(*at) < ALIVE);
        let others = tabs.len();
        tabs.push((id.to_string(), now));
        others
    }

    /// Tab `id` closed `rel`.
    pub fn closed(&self, rel: &str, id: &str) {
        let mut all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tabs) = all.get_mut(rel) {
            tabs.retain(|(t, _)| t != id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_tab_is_counted_until_the_first_closes() {
        let tabs = Tabs::default();
        assert_eq!(tabs.seen("a.md", "1"), 0);
        assert_eq!(tabs.seen("a.md", "2"), 1);
        assert_eq!(tabs.seen("a.md", "1"), 1);
        assert_eq!(tabs.seen("b.md", "3"), 0);
        tabs.closed("a.md", "1");
        assert_eq!(tabs.seen("a.md", "2"), 0);
    }
}
