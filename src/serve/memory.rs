//! The in-memory sink `serve` fills a build into: the same files, made the same way, as a
//! build writes to disk (`site_files::fill`), with the reload script put into every page.

use super::http::Snapshot;
use super::reload;
use crate::output::OutputError;
use crate::render::{OutFile, StaticSource};
use crate::site_files::Sink;
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Files as served, filled from several threads.
#[derive(Default)]
pub struct Memory {
    files: Mutex<HashMap<String, Arc<[u8]>>>,
}

impl Memory {
    fn insert(&self, path: String, bytes: Arc<[u8]>) {
        self.files
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path, bytes);
    }

    /// The files filled in, with the reload script itself, as a snapshot to serve.
    pub fn into_snapshot(self) -> Snapshot {
        let mut files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        files.insert(
            reload::SCRIPT_PATH.trim_start_matches('/').to_string(),
            Arc::from(reload::SCRIPT.as_bytes()),
        );
        Snapshot {
            files,
            sources: Arc::default(),
        }
    }
}

/// A rendered file as served: the reload script goes into every page.
pub fn served(file: OutFile) -> (String, Arc<[u8]>) {
    let bytes = if file.path.ends_with(".html") {
        reload::inject(&file.bytes)
    } else {
        file.bytes
    };
    (file.path, Arc::from(bytes))
}

impl Sink for Memory {
    fn put(&self, file: OutFile) -> Result<(), OutputError> {
        let (path, bytes) = served(file);
        self.insert(path, bytes);
        Ok(())
    }

    fn copy(&self, from: &StaticSource, path: &str) -> Result<(), OutputError> {
        let bytes: Arc<[u8]> = match from {
            StaticSource::Embedded(b) => Arc::from(*b),
            StaticSource::Disk(p) => {
                Arc::from(std::fs::read(p).map_err(|e| OutputError::Io(p.clone(), e))?)
            }
        };
        self.insert(path.to_string(), bytes);
        Ok(())
    }

    fn stream(&self, path: &str) -> Result<Box<dyn Write + Send + '_>, OutputError> {
        Ok(Box::new(Stream {
            memory: self,
            path: path.to_string(),
            bytes: Vec::new(),
        }))
    }
}

/// A file written piece by piece; it is served once dropped.
struct Stream<'a> {
    memory: &'a Memory,
    path: String,
    bytes: Vec<u8>,
}

impl Write for Stream<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Stream<'_> {
    fn drop(&mut self) {
        let bytes = std::mem::take(&mut self.bytes);
        self.memory
            .insert(std::mem::take(&mut self.path), Arc::from(bytes));
    }
}
