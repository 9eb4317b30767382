//! Writing the files a user names (backups, chart exports, a rewritten .env): whole or not at all — a temp file
//! beside the target (0600), synced, then moved into place — and never over an existing file
//! unless asked.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Refuses an existing `path` unless `overwrite`: checked before slow work, and again (without
/// a race) when the file is moved into place.
pub fn refuse_existing(path: &Path, overwrite: bool) -> Result<()> {
    if !overwrite && path.exists() {
        return Err(Error::Exists(path.display().to_string()));
    }
    Ok(())
}

pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    refuse_existing(path, overwrite)?;
    place(path, bytes, overwrite, None)
}

/// Replaces the existing file at `path` the same way, keeping its permissions.
pub fn rewrite_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let permissions = std::fs::metadata(path)
        .map_err(|e| Error::io(path, &e))?
        .permissions();
    place(path, bytes, true, Some(permissions))
}

fn place(
    path: &Path,
    bytes: &[u8],
    overwrite: bool,
    permissions: Option<std::fs::Permissions>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, &e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, &e))?;
    if let Some(p) = permissions {
        tmp.as_file()
            .set_permissions(p)
            .map_err(|e| Error::io(path, &e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, &e))?;
    let placed = if overwrite {
        tmp.persist(path).map(drop)
    } else {
        tmp.persist_noclobber(path).map(drop)
    };
    placed.map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => Error::Exists(path.display().to_string()),
        _ => Error::io(path, &e.error),
    })
}
