//! The editor's side of the disk: a content file read for the form (its text with `\n` line
//! ends, and whether it had CRLF or a BOM, to write it back the same way), a name for its
//! bytes (a save is taken only while the file still has it), and writing a file atomically.

use super::Reply;
use std::path::Path;

/// A file as read for the form: its text with `\n` line ends, and how to write it back.
pub(super) struct File {
    pub text: String,
    pub crlf: bool,
    pub bom: bool,
    pub version: String,
}

pub(super) fn read(root: &Path, rel: &str) -> Result<File, Reply> {
    let bytes = std::fs::read(root.join(rel))
        .map_err(|e| super::view::refused(500, &format!("Filen kunne ikke læses: {e}.")))?;
    let version = version_of(&bytes);
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let Ok(raw) = String::from_utf8(bytes) else {
        return Err(super::view::refused(
            422,
            "Filen indeholder tegn, der ikke er UTF-8; gem den som UTF-8 i en teksteditor først.",
        ));
    };
    let raw = raw.trim_start_matches('\u{feff}');
    Ok(File {
        // Written back with CRLF only when every line had it (a mixed file comes back LF).
        crlf: raw.contains("\r\n") && !raw.replace("\r\n", "").contains('\n'),
        text: raw.replace("\r\n", "\n"),
        bom,
        version,
    })
}

/// A name for a file's bytes as they are: a save is taken only while the file still has it.
pub(super) fn version_of(bytes: &[u8]) -> String {
    use std::hash::Hasher;
    // Fixed keys: the same bytes give the same name for as long as `serve` runs.
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    format!("{:016x}-{}", h.finish(), bytes.len())
}

/// Writes `bytes` to `path` through a temporary file beside it (hidden, so the build skips
/// it), then renames it into place: a reader sees the old file or the new, never half.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A fresh name no one can guess, made new: never an existing file or a planted link.
    let tmp = dir.join(format!(".{name}.gemmes-{}", super::token()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_name_the_bytes() {
        assert_eq!(version_of(b"abc"), version_of(b"abc"));
        assert_ne!(version_of(b"abc"), version_of(b"abd"));
    }
}
