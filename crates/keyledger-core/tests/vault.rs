//! The vault against the real Secret Service (run inside `scripts/session.sh`) and real SQLite
//! files: round trips, orphan-free adds, deletes, and reconcile of a vanished keychain item.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use chrono::{DateTime, Utc};
use keyledger_core::credential::{Kind, NewCredential, Provider, Status};
use keyledger_core::keychain::Keychain;
use keyledger_core::secret::{ApiSecret, SecretStore};
use keyledger_core::store::Store;

mod common;
use common::profile::Profile;

const OPENAI_KEY: &str = "sk-proj-TESTabcdefghijklmnopqrstuvwxyz0123456789a1B2";

fn now() -> DateTime<Utc> {
    "2026-11-23T10:00:00Z".parse().unwrap()
}

fn new(label: &str) -> NewCredential {
    NewCredential {
        label: label.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn keychain_round_trip_on_the_real_secret_service() {
    let p = Profile::new();
    let keychain = Keychain::new(p.config.keyring_service.clone());
    let secret = ApiSecret::parse(OPENAI_KEY).unwrap();
    keychain.set("round-trip", &secret).unwrap();
    assert_eq!(p.keychain_lookup("round-trip").as_deref(), Some(OPENAI_KEY));
    // A fresh instance (no cache) reads it back from the Secret Service.
    let fresh = Keychain::new(p.config.keyring_service.clone());
    assert_eq!(
        fresh.get("round-trip").unwrap().unwrap().expose(),
        OPENAI_KEY
    );
    fresh.delete("round-trip").unwrap();
    assert_eq!(p.keychain_lookup("round-trip"), None);
    assert!(Keychain::new(p.config.keyring_service.clone())
        .get("round-trip")
        .unwrap()
        .is_none());
    fresh.delete("round-trip").unwrap();
}

#[tokio::test]
async fn add_stores_the_secret_in_the_keychain_and_only_metadata_in_the_db() {
    let p = Profile::new();
    let vault = p.vault().await;
    let c = vault
        .add(new("work"), ApiSecret::parse(OPENAI_KEY).unwrap(), now())
        .await
        .unwrap();
    assert_eq!(c.provider, Provider::OpenAI);
    assert_eq!(c.kind, Kind::Api);
    assert_eq!(c.hint, "sk-proj-…a1B2");
    assert_eq!(c.status, Status::Unknown);
    assert_eq!(p.keychain_lookup(&c.id).as_deref(), Some(OPENAI_KEY));

    let listed = vault.list().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].label, "work");

    let (_, revealed) = vault.reveal(&c.id[..8], now()).await.unwrap();
    assert_eq!(revealed.expose(), OPENAI_KEY);
    let actions: Vec<String> = vault
        .audit(10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| format!("{}:{}", e.action, e.outcome))
        .collect();
    assert_eq!(actions, ["reveal:ok", "add:ok"]);

    vault.store().close().await;
    let db = std::fs::read(p.config.db_path()).unwrap();
    assert!(
        !contains(&db, OPENAI_KEY.as_bytes()),
        "secret found in the DB file"
    );
}

#[tokio::test]
async fn adding_the_same_key_twice_is_refused() {
    let p = Profile::new();
    let vault = p.vault().await;
    vault
        .add(new("first"), ApiSecret::parse(OPENAI_KEY).unwrap(), now())
        .await
        .unwrap();
    let err = vault
        .add(new("second"), ApiSecret::parse(OPENAI_KEY).unwrap(), now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "duplicate");
    assert!(err.to_string().contains("\"first\""));
}

#[tokio::test]
async fn ambiguous_keys_need_a_provider() {
    let p = Profile::new();
    let vault = p.vault().await;
    let key = "sk-0123456789abcdef0123456789abcdef";
    let err = vault
        .add(new("x"), ApiSecret::parse(key).unwrap(), now())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("openai or deepseek"), "{err}");
    assert!(vault.list().await.unwrap().is_empty());
    let c = vault
        .add(
            NewCredential {
                provider: Some(Provider::DeepSeek),
                ..new("x")
            },
            ApiSecret::parse(key).unwrap(),
            now(),
        )
        .await
        .unwrap();
    assert_eq!(c.provider, Provider::DeepSeek);
}

#[tokio::test]
async fn delete_removes_both_the_row_and_the_keychain_item() {
    let p = Profile::new();
    let vault = p.vault().await;
    let c = vault
        .add(new("gone"), ApiSecret::parse(OPENAI_KEY).unwrap(), now())
        .await
        .unwrap();
    vault.delete(&c.id, now()).await.unwrap();
    assert!(vault.list().await.unwrap().is_empty());
    assert_eq!(p.keychain_lookup(&c.id), None);
    assert_eq!(vault.resolve(&c.id).await.unwrap_err().code(), "not_found");
}

#[tokio::test]
async fn reconcile_marks_a_vanished_keychain_item_and_keeps_the_row() {
    let p = Profile::new();
    let vault = p.vault().await;
    let c = vault
        .add(
            new("vanishing"),
            ApiSecret::parse(OPENAI_KEY).unwrap(),
            now(),
        )
        .await
        .unwrap();
    vault.store().close().await;
    p.keychain_clear(&c.id);

    // A new process (fresh cache) opens the profile and reconciles.
    let vault = p.vault().await;
    let report = vault.reconcile(now()).await.unwrap();
    assert_eq!(report.missing, vec![c.id.clone()]);
    let listed = vault.list().await.unwrap();
    assert_eq!(listed.len(), 1, "the row must not be dropped");
    assert_eq!(listed[0].status, Status::SecretMissing);
    let err = vault.reveal(&c.id, now()).await.unwrap_err();
    assert_eq!(err.code(), "secret_missing");
    // A second pass changes nothing more.
    assert_eq!(vault.reconcile(now()).await.unwrap().missing.len(), 0);
}

#[tokio::test]
async fn an_add_interrupted_after_the_keychain_write_is_completed_on_open() {
    let p = Profile::new();
    let vault = p.vault().await;
    let c = vault
        .add(new("crashy"), ApiSecret::parse(OPENAI_KEY).unwrap(), now())
        .await
        .unwrap();
    // Simulate a crash between the keychain write and the activation.
    sqlx::query("UPDATE credential SET status = 'pending'")
        .execute(vault.store().pool())
        .await
        .unwrap();
    assert!(
        vault.list().await.unwrap().is_empty(),
        "pending rows are hidden"
    );
    vault.store().close().await;
    let vault = p.vault().await;
    assert_eq!(vault.list().await.unwrap()[0].id, c.id);
}

#[tokio::test]
async fn an_add_interrupted_before_the_keychain_write_is_dropped_on_open() {
    let p = Profile::new();
    let vault = p.vault().await;
    let c = vault
        .add(new("crashy"), ApiSecret::parse(OPENAI_KEY).unwrap(), now())
        .await
        .unwrap();
    sqlx::query("UPDATE credential SET status = 'pending'")
        .execute(vault.store().pool())
        .await
        .unwrap();
    vault.store().close().await;
    p.keychain_clear(&c.id);
    let vault = p.vault().await;
    assert!(vault.list().await.unwrap().is_empty());
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM credential")
        .fetch_one(vault.store().pool())
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn migrations_create_the_schema_on_a_fresh_file_and_reopen_cleanly() {
    let p = Profile::new();
    p.config.ensure_data_dir().unwrap();
    let store = Store::open(&p.config.db_path()).await.unwrap();
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert!(tables.contains(&"credential".to_owned()));
    assert!(tables.contains(&"audit_event".to_owned()));
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    store.close().await;
    Store::open(&p.config.db_path()).await.unwrap();
}

#[tokio::test]
async fn a_jwt_brings_its_own_expiry() {
    let p = Profile::new();
    let vault = p.vault().await;
    // {"alg":"HS256","typ":"JWT"} . {"exp":1830297600,"iss":"https://auth.example","scope":"usage:read"}
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE4MzAyOTc2MDAsImlzcyI6Imh0dHBzOi8vYXV0aC5leGFtcGxlIiwic2NvcGUiOiJ1c2FnZTpyZWFkIn0.c2lnbmF0dXJl";
    let c = vault
        .add(
            NewCredential {
                provider: Some(Provider::Other),
                ..new("oauth")
            },
            ApiSecret::parse(token).unwrap(),
            now(),
        )
        .await
        .unwrap();
    assert_eq!(c.kind, Kind::Token);
    assert_eq!(
        c.expires_at.unwrap().to_rfc3339(),
        "2028-01-01T00:00:00+00:00"
    );
    assert_eq!(c.expires_source.unwrap().as_str(), "token");
    assert_eq!(c.token_issuer.as_deref(), Some("https://auth.example"));
    assert_eq!(c.token_scope.as_deref(), Some("usage:read"));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
