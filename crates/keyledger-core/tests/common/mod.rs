//! What the polling tests share: a vault on a temp SQLite file and a private keychain service
//! (removed on drop), a poller with short timeouts and retries, and JSON answers.

#![allow(clippy::unwrap_used, dead_code)] // shared by several test crates, each using a part

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use keyledger_core::audit::Actor;
use keyledger_core::credential::{NewCredential, Provider};
use keyledger_core::keychain::Keychain;
use keyledger_core::ledger::Ledger;
use keyledger_core::poll::{Poller, SourceOutcome};
use keyledger_core::providers::http::RetryPolicy;
use keyledger_core::secret::ApiSecret;
use keyledger_core::store::Store;
use keyledger_core::usage::{DayRange, GroupBy, UsageRow};
use keyledger_core::vault::Vault;
use wiremock::ResponseTemplate;

pub mod profile;

pub fn now() -> DateTime<Utc> {
    "2026-11-23T10:00:00Z".parse().unwrap()
}

pub const NOV: DayRange = DayRange {
    from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
};

pub struct Fixture {
    dir: tempfile::TempDir,
    service: String,
    pub vault: Vault,
}

impl Fixture {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let service = format!("keyledger-poll-test-{}", uuid::Uuid::new_v4());
        let store = Store::open(&dir.path().join("k.db")).await.unwrap();
        let vault = Vault::new(store, Arc::new(Keychain::new(service.clone())), Actor::App);
        Fixture {
            dir,
            service,
            vault,
        }
    }

    /// The database file.
    pub fn db_path(&self) -> std::path::PathBuf {
        self.dir.path().join("k.db")
    }

    pub async fn add(&self, key: &str, label: &str, base: &str) -> String {
        self.add_as(key, label, base, None).await
    }

    /// Adds a key, naming its provider when the key alone cannot tell (DeepSeek, Mistral).
    pub async fn add_as(
        &self,
        key: &str,
        label: &str,
        base: &str,
        provider: Option<Provider>,
    ) -> String {
        self.vault
            .add(
                NewCredential {
                    provider,
                    label: label.into(),
                    base_url: Some(base.into()),
                    ..Default::default()
                },
                ApiSecret::parse(key).unwrap(),
                now(),
            )
            .await
            .unwrap()
            .id
    }

    pub async fn poll(&self) -> Vec<SourceOutcome> {
        self.poll_at(now()).await
    }

    pub async fn poll_at(&self, at: DateTime<Utc>) -> Vec<SourceOutcome> {
        poller()
            .poll_all(&self.vault, at, |_, _, _| {})
            .await
            .unwrap()
    }

    pub async fn usage(&self, by: GroupBy) -> Vec<UsageRow> {
        Ledger::new(self.vault.store().clone())
            .usage(NOV, by)
            .await
            .unwrap()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::process::Command::new("secret-tool")
            .args(["clear", "service", &self.service])
            .status();
    }
}

pub fn poller() -> Poller {
    Poller::new(
        Duration::from_millis(800),
        RetryPolicy {
            max_retries: 3,
            min_delay: Duration::from_millis(10),
            max_delay: Duration::from_secs(2),
        },
    )
    .unwrap()
}

pub fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json")
}
