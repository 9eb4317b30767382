//! The `ingest_file` and `ingest_seen` tables: how far each agent log was read, and the keys of
//! the requests already counted.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection, SqliteExecutor};

use crate::{Error, Result};

/// How far one file was read.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct FileState {
    pub path: String,
    pub agent: String,
    pub size: i64,
    pub mtime_ns: i64,
    pub inode: i64,
    pub offset: i64,
    pub carry: Option<String>,
}

pub async fn files(db: impl SqliteExecutor<'_>) -> Result<HashMap<String, FileState>> {
    let rows: Vec<FileState> =
        sqlx::query_as("SELECT path, agent, size, mtime_ns, inode, offset, carry FROM ingest_file")
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|r| (r.path.clone(), r)).collect())
}

/// Stores how far each file was read, many files per statement.
pub async fn save_files(
    db: &mut SqliteConnection,
    files: &[FileState],
    now: DateTime<Utc>,
) -> Result<()> {
    for chunk in files.chunks(1000) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO ingest_file (path, agent, size, mtime_ns, inode, offset, carry, updated_at) ",
        );
        q.push_values(chunk, |mut row, f| {
            row.push_bind(&f.path)
                .push_bind(&f.agent)
                .push_bind(f.size)
                .push_bind(f.mtime_ns)
                .push_bind(f.inode)
                .push_bind(f.offset)
                .push_bind(&f.carry)
                .push_bind(now);
        });
        q.push(
            " ON CONFLICT (path) DO UPDATE SET agent = excluded.agent, size = excluded.size, \
             mtime_ns = excluded.mtime_ns, inode = excluded.inode, offset = excluded.offset, \
             carry = excluded.carry, updated_at = excluded.updated_at",
        );
        q.build().execute(&mut *db).await?;
    }
    Ok(())
}

/// Every request counted so far (all agents): its key and the output tokens counted for it.
pub async fn seen(db: impl SqliteExecutor<'_>) -> Result<HashMap<u64, i64>> {
    let blobs: Vec<Vec<u8>> = sqlx::query_scalar("SELECT entries FROM ingest_seen ORDER BY id")
        .fetch_all(db)
        .await?;
    let mut seen = HashMap::with_capacity(blobs.iter().map(|b| b.len() / ENTRY).sum());
    for blob in blobs {
        if blob.len() % ENTRY != 0 {
            return Err(Error::Database("the agent-log keys are damaged".to_owned()));
        }
        // Later entries (a reply that grew) replace earlier ones.
        for e in blob.chunks_exact(ENTRY) {
            let (key, output) = e.split_at(8);
            let (mut k, mut o) = ([0u8; 8], [0u8; 8]);
            k.copy_from_slice(key);
            o.copy_from_slice(output);
            seen.insert(u64::from_le_bytes(k), i64::from_le_bytes(o));
        }
    }
    Ok(seen)
}

/// Bytes per stored entry: the key, then the output tokens counted.
const ENTRY: usize = 16;

/// Records what a pass counted, as one new row (nothing is rewritten).
pub async fn add_seen(
    db: &mut SqliteConnection,
    agent: &str,
    entries: &[(u64, i64)],
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut blob = Vec::with_capacity(entries.len() * ENTRY);
    for (key, output) in entries {
        blob.extend_from_slice(&key.to_le_bytes());
        blob.extend_from_slice(&output.to_le_bytes());
    }
    sqlx::query("INSERT INTO ingest_seen (agent, entries) VALUES (?, ?)")
        .bind(agent)
        .bind(blob)
        .execute(db)
        .await?;
    Ok(())
}
