//! Noticing writes made through other connections (the CLI, another instance, this app's own
//! pool): SQLite's `PRAGMA data_version`, read on a connection of its own, changes whenever
//! another connection commits to the file.

use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqliteConnection};

use super::Store;
use crate::Result;

/// A read-only connection watching one database file for commits made elsewhere.
#[derive(Debug)]
pub struct ChangeWatch {
    conn: SqliteConnection,
    last: i64,
}

impl ChangeWatch {
    pub async fn open(store: &Store) -> Result<Self> {
        let mut conn = SqliteConnectOptions::from_str("sqlite:")?
            .filename(store.path())
            .read_only(true)
            .connect()
            .await?;
        let last = version(&mut conn).await?;
        Ok(ChangeWatch { conn, last })
    }

    /// Whether another connection committed since the last call (or since opening).
    pub async fn changed(&mut self) -> Result<bool> {
        let now = version(&mut self.conn).await?;
        let changed = now != self.last;
        self.last = now;
        Ok(changed)
    }
}

async fn version(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("PRAGMA data_version")
        .fetch_one(conn)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::settings;

    #[tokio::test]
    async fn a_commit_through_another_connection_is_noticed_once() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("k.db");
        let app = Store::open(&path).await.expect("the app's store");
        let mut watch = ChangeWatch::open(&app).await.expect("a watch");
        assert!(!watch.changed().await.expect("a version"), "nothing yet");

        // Another process (the CLI) opens the same file and writes.
        let cli = Store::open(&path).await.expect("the CLI's store");
        let now = crate::clock::now();
        settings::set(cli.pool(), "test.key", &1, now)
            .await
            .expect("a write");
        assert!(watch.changed().await.expect("a version"));
        assert!(!watch.changed().await.expect("a version"), "noticed once");

        // The app's own pool is another connection too.
        settings::set(app.pool(), "test.key", &2, now)
            .await
            .expect("a write");
        assert!(watch.changed().await.expect("a version"));
    }
}
