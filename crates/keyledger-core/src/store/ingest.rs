//! The `ingest_file` and `ingest_seen` tables: how far each agent log was read, and the keys of
//! the requests already counted.

use std::collections::{HashMap, HashSet};

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

/// The keys of every request counted so far (all agents).
pub async fn seen(db: impl SqliteExecutor<'_>) -> Result<HashSet<u64>> {
    let blobs: Vec<Vec<u8>> = sqlx::query_scalar("SELECT hashes FROM ingest_seen")
        .fetch_all(db)
        .await?;
    let mut set = HashSet::with_capacity(blobs.iter().map(|b| b.len() / 8).sum());
    for blob in blobs {
        if blob.len() % 8 != 0 {
            return Err(Error::Database("the agent-log keys are damaged".to_owned()));
        }
        set.extend(blob.chunks_exact(8).map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            u64::from_le_bytes(b)
        }));
    }
    Ok(set)
}

/// Adds `keys` to the agent's stored keys.
pub async fn add_seen(db: &mut SqliteConnection, agent: &str, keys: &[u64]) -> Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    let mut blob: Vec<u8> = sqlx::query_scalar("SELECT hashes FROM ingest_seen WHERE agent = ?")
        .bind(agent)
        .fetch_optional(&mut *db)
        .await?
        .unwrap_or_default();
    blob.reserve(keys.len() * 8);
    for k in keys {
        blob.extend_from_slice(&k.to_le_bytes());
    }
    sqlx::query(
        "INSERT INTO ingest_seen (agent, hashes) VALUES (?, ?) \
         ON CONFLICT (agent) DO UPDATE SET hashes = excluded.hashes",
    )
    .bind(agent)
    .bind(blob)
    .execute(db)
    .await?;
    Ok(())
}
