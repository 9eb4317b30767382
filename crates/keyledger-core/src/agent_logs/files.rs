//! Finding the log files and deciding what to read of each: nothing when it is unchanged, the
//! new bytes when it grew, everything again when it shrank or was replaced. Walks stay on the
//! folder's filesystem and at most [`MAX_DEPTH`] levels down.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::UNIX_EPOCH;

use super::{Agent, SourceDir};
use crate::store::ingest::FileState;

/// How deep under a source folder files are looked for: Codex's `sessions/YYYY/MM/DD/` is 4,
/// Claude Code's `projects/<project>/` 1 (2 with sub-agents); deeper is not an agent's log.
pub const MAX_DEPTH: usize = 8;

/// One file to read, from `offset`.
#[derive(Debug, Clone)]
pub struct Planned {
    pub agent: Agent,
    pub path: PathBuf,
    pub key: String,
    pub size: i64,
    pub mtime_ns: i64,
    pub inode: i64,
    pub offset: i64,
    /// The Codex carry at `offset` (`None` when reading from the start).
    pub carry: Option<String>,
}

/// The files under `dirs`, and what to read of each given the stored `states`. Also returns how
/// many files there are in all, and the folders that could not be read.
pub fn plan(
    dirs: &[SourceDir],
    states: &HashMap<String, FileState>,
) -> (Vec<Planned>, u64, Vec<String>) {
    let mut planned = Vec::new();
    let mut seen = 0;
    let mut problems = Vec::new();
    for dir in dirs.iter().filter(|d| d.exists) {
        let walk = walkdir::WalkDir::new(&dir.path)
            .follow_links(true)
            .max_depth(MAX_DEPTH)
            .same_file_system(true);
        for entry in walk {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problems.push(format!("{}: {e}", dir.path.display()));
                    continue;
                }
            };
            let path = entry.path();
            if !entry.file_type().is_file() || path.extension().is_none_or(|x| x != "jsonl") {
                continue;
            }
            let Ok(meta) = entry.metadata() else {
                problems.push(format!("{}: cannot read its size", path.display()));
                continue;
            };
            seen += 1;
            let key = path.display().to_string();
            let size = i64::try_from(meta.len()).unwrap_or(i64::MAX);
            let mtime_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            let inode = inode(&meta);
            let (offset, carry) = match states.get(&key) {
                Some(s) if s.inode == inode && s.size == size && s.mtime_ns == mtime_ns => continue,
                // Grown (or touched) in place: the new bytes.
                Some(s) if s.inode == inode && size >= s.size => (s.offset, s.carry.clone()),
                // New, shrunk or replaced: all of it.
                _ => (0, None),
            };
            planned.push(Planned {
                agent: dir.agent,
                path: path.to_owned(),
                key,
                size,
                mtime_ns,
                inode,
                offset,
                carry,
            });
        }
    }
    (planned, seen, problems)
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> i64 {
    use std::os::unix::fs::MetadataExt;
    i64::try_from(meta.ino()).unwrap_or(i64::MAX)
}

#[cfg(not(unix))]
fn inode(_meta: &std::fs::Metadata) -> i64 {
    0
}
