//! Paths typed or picked in the window: absolute, with `~/` expanded — one rule for every
//! command that reads or writes a file the user names.

use std::path::PathBuf;

use keyledger_core::Error;

/// A path typed or picked in the window: absolute, with `~/` expanded.
pub fn file_path(raw: &str) -> keyledger_core::Result<PathBuf> {
    let raw = raw.trim();
    let path = match raw.strip_prefix("~/") {
        Some(rest) => dirs_home()?.join(rest),
        None => PathBuf::from(raw),
    };
    if raw.is_empty() || !path.is_absolute() {
        return Err(Error::invalid(
            "give the file's full path (e.g. ~/projects/app/.env), or choose it with Browse…",
        ));
    }
    Ok(path)
}

fn dirs_home() -> keyledger_core::Result<PathBuf> {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .ok_or_else(|| Error::invalid("HOME is not set; give the file's full path"))
}
