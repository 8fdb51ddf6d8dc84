//! Writing the site: every file goes into a fresh staging folder beside the output folder,
//! and only when all of it is written does the staging folder take the output's place — in
//! one step on Linux (`renameat2` with `RENAME_EXCHANGE`), else by two renames. A build that
//! fails, or is killed, leaves the old output as it was. Leftover staging folders from killed
//! builds are removed by the next build. Nothing outside the output folder and its own
//! staging folders is ever deleted.

use rayon::prelude::*;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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

/// Why the output could not be written.
#[derive(Debug)]
pub enum OutputError {
    /// The output folder is one we must never replace (the site root, `content/`, …).
    Refused(PathBuf, &'static str),
    Io(PathBuf, io::Error),
    /// Another build is writing beside the same output right now.
    Busy(PathBuf),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Refused(p, why) => write!(f, "vil ikke skrive til {}: {why}", p.display()),
            OutputError::Io(p, e) => write!(f, "kunne ikke skrive {}: {e}", p.display()),
            OutputError::Busy(p) => write!(
                f,
                "en anden bygning skriver til {} lige nu; vent, til den er færdig, og prøv igen",
                p.display()
            ),
        }
    }
}

const STAGING_MARK: &str = ".indsats-staging-";
const OLD_MARK: &str = ".indsats-old-";
/// The lock file beside the output (`.public.indsats-lock`): empty, kept between builds
/// (removing it could let two builds lock two different files).
const LOCK_MARK: &str = ".indsats-lock";

/// Refuses output folders that would destroy the site's sources.
pub fn check_target(root: &Path, out: &Path) -> Result<(), OutputError> {
    let root = absolute(root);
    let out_abs = absolute(out);
    let refuse = |why| Err(OutputError::Refused(out.to_path_buf(), why));
    if out_abs == root {
        return refuse("det er sidens egen mappe");
    }
    if root.starts_with(&out_abs) {
        return refuse("sidens mappe ligger inde i den");
    }
    use crate::layout::{CONTENT, SITE_YAML, STATIC, TEMPLATES, THEMES};
    for protected in [CONTENT, THEMES, TEMPLATES, STATIC, SITE_YAML, ".git"] {
        if out_abs.starts_with(root.join(protected)) {
            return refuse("den indeholder sidens kildefiler");
        }
    }
    if out_abs.join(SITE_YAML).exists()
        || out_abs.join(CONTENT).is_dir()
        || out_abs.join(".git").exists()
    {
        return refuse("den ligner en kildemappe (den har site.yaml, content/ eller .git)");
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return refuse("det er en fil, ikke en mappe");
    }
    // Only a folder indsats made (it holds the marker) or an empty one is replaced, so that
    // `--out ~/Dokumenter` can never wipe someone's files.
    let non_empty = std::fs::read_dir(&out_abs)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if non_empty && !out_abs.join(MARKER).is_file() {
        return refuse(
            "mappen har allerede filer, som indsats ikke har lavet; vælg en tom eller ny mappe",
        );
    }
    Ok(())
}

/// The file that marks a folder as indsats output (a previous build may be replaced).
pub const MARKER: &str = ".indsats-output";

/// Makes a path absolute and lexically clean (without touching the disk for missing parts).
pub fn absolute(p: &Path) -> PathBuf {
    let base = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let canon = base.canonicalize().ok();
    let mut out = PathBuf::new();
    for c in canon.as_deref().unwrap_or(&base).components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A new output being written beside the old one. Files may be added in several batches
/// (the pages first, the search index when it is ready); `commit` puts the whole folder in
/// the output's place. Dropped without `commit` (an error, a panic), it is removed and the
/// old output stays as it was.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// Whether the previous output is indsats's own, so unchanged files may be linked.
    reuse: bool,
    committed: bool,
    /// Held until the staging folder is committed or removed: no other build writes beside
    /// the same output meanwhile (nor removes this one's staging folder as a leftover).
    _lock: Option<fs::File>,
}

impl Staging {
    /// Makes the staging folder for `out` (and removes what killed builds left behind).
    pub fn create(out: &Path) -> Result<Staging, OutputError> {
        let out = absolute(out);
        let parent = out
            .parent()
            .ok_or_else(|| OutputError::Refused(out.clone(), "mappen har ingen overmappe"))?
            .to_path_buf();
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| crate::layout::OUTPUT.into());
        fs::create_dir_all(&parent).map_err(|e| OutputError::Io(parent.clone(), e))?;
        let lock_file = parent.join(format!(".{name}{LOCK_MARK}"));
        let lock = lock(&lock_file).map_err(|e| match e.kind() {
            io::ErrorKind::WouldBlock => OutputError::Busy(out.clone()),
            _ => OutputError::Io(lock_file.clone(), e),
        })?;
        clean_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}{STAGING_MARK}{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| OutputError::Io(dir.clone(), e))?;
        }
        fs::create_dir(&dir).map_err(|e| OutputError::Io(dir.clone(), e))?;
        let reuse = out.join(MARKER).is_file();
        let staging = Staging {
            dir,
            out,
            parent,
            name,
            reuse,
            committed: false,
            _lock: lock,
        };
        write_file(
            &staging.dir.join(MARKER),
            b"This folder is built by indsats and replaced by every build. Do not put other files here.\n",
        )?;
        Ok(staging)
    }

    /// The staging folder itself.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Makes `folders` (paths under the output, each parent listed before its children, as
    /// `SiteFiles::folders` gives them) a level at a time, each level in parallel.
    pub fn make_folders(&self, folders: &[String]) -> Result<(), OutputError> {
        let mut by_depth: Vec<Vec<&String>> = Vec::new();
        for d in folders {
            let depth = d.matches('/').count();
            if by_depth.len() <= depth {
                by_depth.resize(depth + 1, Vec::new());
            }
            by_depth[depth].push(d);
        }
        for level in by_depth {
            level.par_iter().try_for_each(|d| {
                let path = self.dir.join(d);
                match fs::create_dir(&path) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                        Err(OutputError::Io(path, e))
                    }
                    _ => Ok(()),
                }
            })?;
        }
        Ok(())
    }

    /// Writes one file (its folder made with `make_folders`). A file that is byte for byte what the
    /// previous build wrote is linked, not written again: the previous output is never changed
    /// (only removed after the swap), so sharing its files is safe, and linking spares the
    /// file system a new inode and its data.
    pub fn put(&self, file: &OutFile) -> Result<(), OutputError> {
        let dst = self.dir.join(&file.path);
        if self.reuse && link_if_same(&self.out.join(&file.path), &dst, &file.bytes) {
            return Ok(());
        }
        write_file(&dst, &file.bytes)
    }

    /// Copies a file as it is (from the disk, or built in) to `path` (its folder made).
    pub fn copy(&self, from: &StaticSource, path: &str) -> Result<(), OutputError> {
        let dst = self.dir.join(path);
        match from {
            StaticSource::Embedded(bytes) => write_file(&dst, bytes),
            StaticSource::Disk(src) => fs::copy(src, &dst)
                .map(|_| ())
                .map_err(|e| OutputError::Io(src.clone(), e)),
        }
    }

    /// Creates `path` (its folder made) to be written piece by piece, buffered.
    pub fn create_file(&self, path: &str) -> Result<io::BufWriter<fs::File>, OutputError> {
        let dst = self.dir.join(path);
        let file = fs::File::create(&dst).map_err(|e| OutputError::Io(dst.clone(), e))?;
        Ok(io::BufWriter::with_capacity(256 * 1024, file))
    }

    /// Puts the staging folder where the output is, in one step where the system allows.
    pub fn commit(mut self) -> Result<(), OutputError> {
        // The new output reaches the disk before it replaces the old one, so that a power cut
        // right after the swap cannot leave empty files: one sync of the file system rather
        // than one per file.
        sync_file_system(&self.dir).map_err(|e| OutputError::Io(self.dir.clone(), e))?;
        self.committed = true;
        let result = swap(&self.dir, &self.out, &self.parent, &self.name);
        if result.is_err() {
            let _ = fs::remove_dir_all(&self.dir);
        }
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Links `old` as `new` when `old` holds exactly `bytes`; false (nothing done) otherwise.
fn link_if_same(old: &Path, new: &Path, bytes: &[u8]) -> bool {
    let same_size =
        fs::symlink_metadata(old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_size && fs::read(old).is_ok_and(|b| b == bytes) && fs::hard_link(old, new).is_ok()
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let err = |e| OutputError::Io(path.to_path_buf(), e);
    if fault("write") && path.components().any(|c| c.as_os_str() == "indsatser") {
        return Err(err(io::Error::other(
            "injected for a test (INDSATS_FAULT=write)",
        )));
    }
    let file = fs::File::create(path).map_err(err)?;
    let mut w = io::BufWriter::with_capacity(64 * 1024, file);
    w.write_all(bytes).map_err(err)?;
    w.flush().map_err(err)
}

/// Puts `staging` where `out` is, keeping `out` whole until the last moment.
fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), OutputError> {
    if !out.exists() {
        return fs::rename(staging, out).map_err(|e| OutputError::Io(out.to_path_buf(), e));
    }
    if !fault("exchange") && exchange(staging, out).is_ok() {
        // `staging` now holds the old site. The new one is in place whatever happens next: a
        // copy that cannot be removed now is removed by the next build.
        pause_for_tests("after-exchange");
        let _ = fs::remove_dir_all(staging);
        return Ok(());
    }
    let old = parent.join(format!(".{name}{OLD_MARK}{}", std::process::id()));
    fs::rename(out, &old).map_err(|e| OutputError::Io(out.to_path_buf(), e))?;
    pause_for_tests("between-renames");
    let put = if fault("rename") {
        Err(io::Error::other(
            "injected for a test (INDSATS_FAULT=rename)",
        ))
    } else {
        fs::rename(staging, out)
    };
    if let Err(e) = put {
        let _ = fs::rename(&old, out);
        return Err(OutputError::Io(out.to_path_buf(), e));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// Faults the tests inject to reach the failure paths of writing and swapping:
/// `INDSATS_FAULT` holds comma-separated names — `write` (writing a page fails), `exchange`
/// (the one-step exchange is unavailable, so the two-rename fallback runs), `rename` (the
/// fallback's second rename fails, so the old output is put back). Unset in normal use.
fn fault(name: &str) -> bool {
    std::env::var("INDSATS_FAULT").is_ok_and(|v| v.split(',').any(|f| f == name))
}

/// Holds the swap at `point` for `INDSATS_PAUSE_MS` milliseconds when `INDSATS_PAUSE` names
/// it, so that a test can kill the build exactly there. Unset in normal use.
fn pause_for_tests(point: &str) {
    if std::env::var("INDSATS_PAUSE").is_ok_and(|p| p == point) {
        let ms = std::env::var("INDSATS_PAUSE_MS")
            .ok()
            .and_then(|m| m.parse().ok())
            .unwrap_or(500);
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Takes an exclusive lock on the file `path` (made if missing) without waiting
/// (`WouldBlock` when another build holds it). The lock goes with the returned handle. Where
/// files cannot be locked, builds are not kept apart (None).
#[cfg(unix)]
fn lock(path: &Path) -> io::Result<Option<fs::File>> {
    use rustix::fs::{flock, FlockOperation};
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    flock(&file, FlockOperation::NonBlockingLockExclusive).map_err(io::Error::from)?;
    Ok(Some(file))
}

#[cfg(not(unix))]
fn lock(_: &Path) -> io::Result<Option<fs::File>> {
    Ok(None)
}

/// Writes everything cached for the file system that holds `dir` to the disk.
#[cfg(target_os = "linux")]
fn sync_file_system(dir: &Path) -> io::Result<()> {
    let f = fs::File::open(dir)?;
    rustix::fs::syncfs(&f).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn sync_file_system(dir: &Path) -> io::Result<()> {
    // No syncfs: sync the folder itself (its entries), which is what the swap relies on most.
    fs::File::open(dir)?.sync_all()
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

/// Removes staging and old folders that killed builds left beside the output. If a killed
/// build left no output at all but an old copy, the old copy is put back first.
fn clean_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let staging_prefix = format!(".{name}{STAGING_MARK}");
    let old_prefix = format!(".{name}{OLD_MARK}");
    let out = parent.join(name);
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&old_prefix) && !out.exists() {
            let _ = fs::rename(e.path(), &out);
        } else if (n.starts_with(&staging_prefix) || n.starts_with(&old_prefix))
            && e.path().is_dir()
            && !owner_is_running(&n)
        {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Whether the build that made a leftover folder (its process id is the name's last part)
/// is still running, so that two builds at once do not delete each other's work. Where
/// processes cannot be looked up, leftovers are treated as abandoned.
fn owner_is_running(folder_name: &str) -> bool {
    let Some(pid) = folder_name
        .rsplit('-')
        .next()
        .and_then(|p| p.parse::<u32>().ok())
    else {
        return false;
    };
    pid != std::process::id() && Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_identical_files_are_linked() {
        let dir = std::env::temp_dir().join(format!("indsats-link-test-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("temp dir");
        let old = dir.join("old.html");
        fs::write(&old, b"<p>same</p>").expect("write");
        assert!(link_if_same(&old, &dir.join("a.html"), b"<p>same</p>"));
        assert!(!link_if_same(&old, &dir.join("b.html"), b"<p>other</p>"));
        assert!(!link_if_same(&old, &dir.join("c.html"), b"<p>sam</p>"));
        assert!(!link_if_same(
            &dir.join("missing.html"),
            &dir.join("d.html"),
            b"x"
        ));
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ino = |p: &Path| fs::metadata(p).map(|m| m.ino()).expect("metadata");
            assert_eq!(ino(&old), ino(&dir.join("a.html")));
        }
        assert!(!dir.join("b.html").exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn refuses_sources_as_output() {
        let root = std::env::temp_dir().join(format!("indsats-out-test-{}", std::process::id()));
        fs::create_dir_all(root.join("content")).expect("temp dir");
        fs::write(root.join("site.yaml"), "titel: x").expect("temp file");
        assert!(check_target(&root, &root).is_err());
        assert!(check_target(&root, &root.join("content")).is_err());
        assert!(check_target(&root, &root.join("content/x")).is_err());
        assert!(check_target(&root, root.parent().expect("has parent")).is_err());
        assert!(check_target(&root, &root.join("public")).is_ok());
        let elsewhere = root.join("documents");
        fs::create_dir_all(&elsewhere).expect("temp dir");
        fs::write(elsewhere.join("letter.txt"), "precious").expect("temp file");
        assert!(
            check_target(&root, &elsewhere).is_err(),
            "a folder of other files is refused"
        );
        fs::write(elsewhere.join(MARKER), "").expect("marker");
        assert!(
            check_target(&root, &elsewhere).is_ok(),
            "a previous output is replaced"
        );
        let _ = fs::remove_dir_all(&root);
    }
}
