//! Writing the files a user names (backups, chart exports): whole or not at all — a temp file
//! beside the target (0600), synced, then moved into place — and never over an existing file
//! unless asked.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Refuses an existing `path` unless `overwrite`: checked before slow work, and again (without
/// a race) when the file is moved into place.
pub fn refuse_existing(path: &Path, overwrite: bool) -> Result<()> {
    if !overwrite && path.exists() {
        return Err(Error::invalid(format!(
            "{} already exists; choose another file name (or replace it with --force)",
            path.display()
        )));
    }
    Ok(())
}

pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    refuse_existing(path, overwrite)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, &e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, &e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, &e))?;
    let placed = if overwrite {
        tmp.persist(path).map(drop)
    } else {
        tmp.persist_noclobber(path).map(drop)
    };
    placed.map_err(|e| Error::io(path, &e.error))
}
