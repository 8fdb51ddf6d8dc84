//! Watching the site's sources for `serve`: `site.yaml`, `content/`, the design's templates
//! and static files, the site's own `templates/` and `static/`. Editors' temporary files
//! (`.swp`, `~`, `4913`, `.#x`) and the output folder are ignored; bursts of events (an atomic
//! save is several) are merged until the files have been quiet for a moment: 200 ms, or only
//! 20 ms once the system has said a save is complete (the file was closed after writing, or
//! renamed into place), so that a save shows at once without rebuilding from a half-written
//! file. Polling (`--poll`) cannot tell, and always waits the 200 ms.

use notify::{Config, Event, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::Duration;

/// How long the files must be quiet before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(200);
/// How long the files must be quiet after a completed save (more saves may follow: "save all").
pub const GRACE: Duration = Duration::from_millis(20);
/// The longest a burst of changes may postpone a rebuild (a sync tool writing without pause
/// still gets a fresh preview once a second).
pub const MAX_WAIT: Duration = Duration::from_secs(1);

/// What changed in one burst.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub paths: Vec<PathBuf>,
    /// The burst ended before 200 ms of quiet (20 ms after a finished save, or cut off after
    /// 1 s of writing): more may be on the way (a checkout, "save all").
    pub early: bool,
}

impl Changes {
    /// Adds the paths of a later burst.
    pub fn merge(&mut self, later: Changes) {
        for p in later.paths {
            if !self.paths.contains(&p) {
                self.paths.push(p);
            }
        }
        self.early = later.early;
    }
}

impl Changes {
    /// True when only stylesheets changed.
    pub fn css_only(&self) -> bool {
        !self.paths.is_empty()
            && self
                .paths
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"))
    }
}

/// A running watcher; dropping it stops watching.
pub struct Watch {
    watcher: Box<dyn Watcher + Send>,
    rx: Receiver<notify::Result<Event>>,
    root: PathBuf,
    ignore: Vec<PathBuf>,
    /// The folders watched recursively.
    watched: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching `root`. `poll` uses polling (for network drives and containers).
    pub fn start(
        root: &Path,
        design: &str,
        poll: bool,
        ignore: Vec<PathBuf>,
    ) -> notify::Result<Watch> {
        let (tx, rx) = channel();
        let mut watcher: Box<dyn Watcher + Send> = if poll {
            Box::new(PollWatcher::new(
                tx,
                Config::default().with_poll_interval(Duration::from_millis(300)),
            )?)
        } else {
            Box::new(RecommendedWatcher::new(tx, Config::default())?)
        };
        // The root itself, not recursively: site.yaml (and editors' rename-into-place saves).
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch {
            watcher,
            rx,
            root: root.to_path_buf(),
            ignore,
            watched: Vec::new(),
        };
        watch.add_folders(design)?;
        Ok(watch)
    }

    /// Watches the site's folders that exist now and are not watched yet: `content/`,
    /// `templates/`, `static/` and the design's folder. Called after each build, so that a
    /// folder made while serving (a first `static/`, a new design) is watched from then on.
    pub fn add_folders(&mut self, design: &str) -> notify::Result<()> {
        // A watched folder that was deleted is watched again once it is back.
        self.watched.retain(|p| p.is_dir());
        for p in crate::layout::source_folders(&self.root, design) {
            if p.is_dir() && !self.watched.contains(&p) {
                self.watcher.watch(&p, RecursiveMode::Recursive)?;
                self.watched.push(p);
            }
        }
        Ok(())
    }

    /// Waits for the next burst of relevant changes; `None` when the watcher is gone.
    pub fn next(&self) -> Option<Changes> {
        self.burst(None)
    }

    /// The next burst if one starts within `idle`; `None` if the files stay quiet that long.
    pub fn next_within(&self, idle: Duration) -> Option<Changes> {
        self.burst(Some(idle))
    }

    fn burst(&self, idle: Option<Duration>) -> Option<Changes> {
        let mut changes = Changes::default();
        let mut first: Option<std::time::Instant> = None;
        let mut complete = false;
        let started = std::time::Instant::now();
        loop {
            let quiet = if complete { GRACE } else { QUIET };
            let wait = match (first, idle) {
                (None, None) => Duration::from_secs(3600),
                (None, Some(idle)) => idle.saturating_sub(started.elapsed()),
                (Some(t), _) => quiet.min(MAX_WAIT.saturating_sub(t.elapsed())),
            };
            match self.rx.recv_timeout(wait) {
                // Reading a file (as every rebuild does) is an event too; only writes count.
                Ok(Ok(event)) if !changes_content(&event.kind) => {}
                Ok(Ok(event)) => {
                    if completed_file(&event).is_some_and(|p| self.relevant(p)) {
                        complete = true;
                    }
                    for p in event.paths {
                        if self.relevant(&p) && !changes.paths.contains(&p) {
                            changes.paths.push(p);
                        }
                    }
                    if first.is_none() && !changes.paths.is_empty() {
                        first = Some(std::time::Instant::now());
                    }
                    if first.is_some_and(|t| t.elapsed() >= MAX_WAIT) {
                        // Cut off while files are still being written: more are coming.
                        changes.early = true;
                        return Some(changes);
                    }
                }
                Ok(Err(_)) => {}
                Err(RecvTimeoutError::Timeout) if !changes.paths.is_empty() => {
                    changes.early = complete;
                    return Some(changes);
                }
                Err(RecvTimeoutError::Timeout) if idle.is_some_and(|i| started.elapsed() >= i) => {
                    return None
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    fn relevant(&self, p: &Path) -> bool {
        if self.ignore.iter().any(|i| p.starts_with(i)) || is_temp(p) {
            return false;
        }
        match p.strip_prefix(&self.root) {
            Ok(rel) => {
                let first = rel
                    .iter()
                    .next()
                    .map(|c| c.to_string_lossy().into_owned())
                    .unwrap_or_default();
                use crate::layout::{CONTENT, SITE_YAML, STATIC, TEMPLATES, THEMES};
                [SITE_YAML, CONTENT, TEMPLATES, STATIC, THEMES].contains(&first.as_str())
            }
            Err(_) => false,
        }
    }
}

/// Creating, writing, renaming or removing a file changes the site, and so does closing a
/// file written to (it ends a save); opening, reading or touching its access time does not.
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
    use notify::EventKind;
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Any | EventKind::Other => true,
    }
}

/// The file a save has just finished, if the event says one has: closed after writing, or
/// renamed into place (the second path of a rename seen whole; on systems that cannot pair
/// the two ends of a rename, the path that is now a file).
fn completed_file(event: &Event) -> Option<&Path> {
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    use notify::EventKind;
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Modify(ModifyKind::Name(RenameMode::To)) => event.paths.first(),
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => event.paths.get(1),
        EventKind::Modify(ModifyKind::Name(RenameMode::Any)) => {
            event.paths.first().filter(|p| p.is_file())
        }
        _ => None,
    }
    .map(PathBuf::as_path)
}

/// Editors' temporary and backup files, and hidden files (`layout::is_skipped`).
pub fn is_temp(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::layout::is_skipped(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for t in [
            "a.md~",
            ".a.md.swp",
            "4913",
            ".#a.md",
            "x.tmp",
            ".hidden",
            "a.md___jb_tmp___",
            "a.md___jb_old___",
            "#a.md#",
        ] {
            assert!(is_temp(Path::new(t)), "{t}");
        }
        assert!(!is_temp(Path::new("mental-balance.md")));
    }

    #[test]
    fn a_close_after_writing_or_a_rename_into_place_ends_a_save() {
        use notify::event::{
            AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RenameMode,
        };
        use notify::EventKind;
        let event = |kind, paths: &[&str]| Event {
            kind,
            paths: paths.iter().map(PathBuf::from).collect(),
            attrs: Default::default(),
        };
        let closed = event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &["a.md"],
        );
        assert_eq!(completed_file(&closed), Some(Path::new("a.md")));
        assert!(changes_content(&closed.kind));
        let renamed = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &[".a.md.swp", "a.md"],
        );
        assert_eq!(completed_file(&renamed), Some(Path::new("a.md")));
        // Moving the file away (vim's backup) or writing into it does not end a save.
        let away = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            &["a.md"],
        );
        assert_eq!(completed_file(&away), None);
        let written = event(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            &["a.md"],
        );
        assert_eq!(completed_file(&written), None);
        let created = event(EventKind::Create(CreateKind::File), &["a.md"]);
        assert_eq!(completed_file(&created), None);
        let read = event(
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            &["a.md"],
        );
        assert!(!changes_content(&read.kind));
    }

    #[test]
    fn css_only_changes() {
        let c = Changes {
            paths: vec![PathBuf::from("themes/default/static/css/site.css")],
            early: false,
        };
        assert!(c.css_only());
        let c = Changes {
            paths: vec![PathBuf::from("a.css"), PathBuf::from("b.md")],
            early: false,
        };
        assert!(!c.css_only());
    }
}
