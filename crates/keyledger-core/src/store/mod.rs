//! The SQLite store: opening the file (WAL, foreign keys, migrations) and one module per table.

pub mod alerts;
pub mod audit;
pub mod budgets;
pub mod changes;
pub mod credentials;
pub mod estimates;
pub mod gateway;
pub mod ingest;
pub mod plan_windows;
pub mod poll_state;
pub mod provider_keys;
pub mod rotations;
pub mod settings;
pub mod snapshots;
pub mod spend;
pub mod usage;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::Result;

/// A handle on one Keyledger database file.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    path: std::path::PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    pub async fn open(path: &Path) -> Result<Self> {
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        if let Err(e) = sqlx::migrate!("./migrations").run(&pool).await {
            pool.close().await;
            return Err(match e {
                // Checked before anything is applied: the file is left as it is.
                sqlx::migrate::MigrateError::VersionMissing(version) => {
                    crate::Error::NewerDatabase {
                        path: path.display().to_string(),
                        version,
                    }
                }
                other => other.into(),
            });
        }
        Ok(Store {
            pool,
            path: path.to_owned(),
        })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes every connection (checkpointing the WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
