//! A content file's text read again after a build, split into its front matter and body, for
//! placing what `check` and the build's link check find on the file's own lines.

use super::frontmatter;
use crate::diagnostics::Diagnostic;
use crate::yaml::top_level_key_line;
use std::path::{Path, PathBuf};

/// A content file's text, split, for placing problems on its lines.
pub(crate) struct SourceFile {
    pub(crate) rel: PathBuf,
    pub(crate) text: String,
    /// Byte offset of the body, and how many lines come before it.
    body_start: usize,
    pub(crate) body_line: usize,
    yaml_range: (usize, usize),
    yaml_offset: usize,
}

impl SourceFile {
    /// `None` when the file cannot be read or split: the build has just read it, so it
    /// changed since, and the next run will say what is wrong.
    pub(crate) fn read(root: &Path, rel: &Path) -> Option<SourceFile> {
        let text = super::read_text(&root.join(rel), rel).ok()?;
        let split = frontmatter::split(&text).ok()?;
        let offset = |part: &str| part.as_ptr() as usize - text.as_ptr() as usize;
        let body_start = offset(split.body);
        let yaml_start = offset(split.yaml);
        let yaml_range = (yaml_start, yaml_start + split.yaml.len());
        let yaml_offset = split.yaml_offset;
        Some(SourceFile {
            rel: rel.to_path_buf(),
            body_line: text[..body_start].matches('\n').count(),
            body_start,
            yaml_range,
            yaml_offset,
            text,
        })
    }

    pub(crate) fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The file line of a front-matter key (Danish or ASCII spelling), or the first line.
    pub(crate) fn key_line(&self, keys: &[&str]) -> usize {
        let yaml = &self.text[self.yaml_range.0..self.yaml_range.1];
        keys.iter()
            .find_map(|k| top_level_key_line(yaml, k))
            .map_or(1, |l| l + self.yaml_offset)
    }

    pub(crate) fn warning_at_key(
        &self,
        keys: &[&str],
        message: String,
        hint: String,
    ) -> Diagnostic {
        Diagnostic::warning(&self.rel, message)
            .at(&self.text, self.key_line(keys), 1)
            .hint(hint)
    }
}
