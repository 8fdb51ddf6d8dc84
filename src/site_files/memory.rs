//! The in-memory sink: the same files, made the same way, as a build writes to disk (`fill`).
//! `check` resolves links in it, `build_in_memory` returns it, and `serve` serves it with its
//! reload script put into every page (a hook it passes in).

use super::Sink;
use crate::output::OutputError;
use crate::output::{OutFile, StaticSource};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Files as made, filled from several threads.
pub struct Memory {
    files: Mutex<HashMap<String, Arc<[u8]>>>,
    /// What happens to each HTML page before it is kept.
    page: fn(Vec<u8>) -> Vec<u8>,
    /// Whether copied files are read (`check` only needs to know they are planned).
    read_copies: bool,
}

impl Default for Memory {
    fn default() -> Memory {
        Memory::new(|page| page)
    }
}

impl Memory {
    /// A sink that passes each HTML page through `page` (serve adds its reload script).
    pub fn new(page: fn(Vec<u8>) -> Vec<u8>) -> Memory {
        Memory {
            files: Mutex::new(HashMap::new()),
            page,
            read_copies: true,
        }
    }

    /// A sink that keeps what is made but does not read the files copied as they are.
    pub fn made_only() -> Memory {
        Memory {
            read_copies: false,
            ..Memory::default()
        }
    }

    fn insert(&self, path: String, bytes: Arc<[u8]>) {
        self.files
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path, bytes);
    }

    /// Every file filled in, by its path under the output folder.
    pub fn into_files(self) -> HashMap<String, Arc<[u8]>> {
        self.files.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for Memory {
    fn put(&self, file: OutFile) -> Result<(), OutputError> {
        let bytes = if file.path.ends_with(".html") {
            (self.page)(file.bytes)
        } else {
            file.bytes
        };
        self.insert(file.path, Arc::from(bytes));
        Ok(())
    }

    fn put_shared(&self, path: String, bytes: Arc<[u8]>) -> Result<(), OutputError> {
        self.insert(path, bytes);
        Ok(())
    }

    fn copy(&self, from: &StaticSource, path: &str) -> Result<(), OutputError> {
        if !self.read_copies {
            return Ok(());
        }
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

/// A file written piece by piece; it is kept once dropped.
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
