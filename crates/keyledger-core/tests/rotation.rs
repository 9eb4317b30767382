//! Rotation against the real Secret Service and SQLite: the keychain item is overwritten in
//! place, history keeps the old fingerprint, the age restarts, and a crash midway is settled.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use chrono::{DateTime, Duration, Utc};
use keyledger_core::alerts::{evaluate, Rule};
use keyledger_core::credential::{ExpirySource, NewCredential, Status};
use keyledger_core::rotation::RotateOptions;
use keyledger_core::secret::ApiSecret;
use keyledger_core::store::alerts;

mod common;
use common::profile::Profile;

const OLD: &str = "sk-proj-OLDabcdefghijklmnopqrstuvwxyz0123456789Old1";
const NEW: &str = "sk-proj-NEWabcdefghijklmnopqrstuvwxyz0123456789New2";

fn now() -> DateTime<Utc> {
    common::now()
}

async fn stored(p: &Profile) -> (keyledger_core::vault::Vault, String) {
    let vault = p.vault().await;
    let c = vault
        .add(
            NewCredential {
                label: "work laptop".into(),
                expires_on: Some("2027-01-01".parse().unwrap()),
                ..Default::default()
            },
            ApiSecret::parse(OLD).unwrap(),
            now() - Duration::days(100),
        )
        .await
        .unwrap();
    (vault, c.id)
}

#[tokio::test]
async fn rotation_overwrites_the_one_keychain_item_and_keeps_the_old_fingerprint_in_history() {
    let p = Profile::new();
    let (vault, id) = stored(&p).await;
    let before = vault.resolve(&id).await.unwrap();
    let items = p.keychain_items();
    assert_eq!(items.len(), 1);

    let out = vault
        .rotate(
            &id[..8],
            ApiSecret::parse(NEW).unwrap(),
            &RotateOptions::default(),
            now(),
        )
        .await
        .unwrap();

    assert_eq!(out.old_hint, "sk-proj-…Old1");
    assert_eq!(out.credential.hint, "sk-proj-…New2");
    assert_eq!(out.credential.id, id, "same credential, same usage history");
    assert_eq!(out.credential.rotated_at, Some(now()));
    assert_eq!(out.credential.secret_since(), now(), "the age restarts");
    assert_eq!(out.credential.created_at, before.created_at);
    assert_eq!(
        (out.credential.expires_at, out.credential.status),
        (None, Status::Unknown),
        "the old key's expiry and check do not carry over"
    );
    assert_eq!(
        p.keychain_items(),
        items,
        "the same keychain item, updated in place"
    );
    assert_eq!(p.keychain_lookup(&id).as_deref(), Some(NEW));

    let history = vault.rotations(&id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].old_hint.as_str(), history[0].rotated_at),
        ("sk-proj-…Old1", now())
    );
    let old_fp: String = sqlx::query_scalar("SELECT old_fingerprint FROM credential_rotation")
        .fetch_one(vault.store().pool())
        .await
        .unwrap();
    assert_eq!(old_fp, ApiSecret::parse(OLD).unwrap().fingerprint());
    let audit = vault.audit(1).await.unwrap();
    assert_eq!(
        (audit[0].action.as_str(), audit[0].outcome.as_str()),
        ("rotate", "ok")
    );

    // A fresh process reads the new secret from the keychain, not a cache.
    vault.store().close().await;
    let vault = p.vault().await;
    let (_, secret) = vault.reveal(&id, now()).await.unwrap();
    assert_eq!(secret.expose(), NEW);
}

#[tokio::test]
async fn rotation_refuses_the_same_key_another_stored_key_and_another_providers_key() {
    let p = Profile::new();
    let (vault, id) = stored(&p).await;
    let opts = RotateOptions::default();
    let same = vault
        .rotate(&id, ApiSecret::parse(OLD).unwrap(), &opts, now())
        .await
        .unwrap_err();
    assert!(same.to_string().contains("already holds"), "{same}");

    let other = vault
        .add(
            NewCredential {
                label: "ci".into(),
                ..Default::default()
            },
            ApiSecret::parse(NEW).unwrap(),
            now(),
        )
        .await
        .unwrap();
    let dup = vault
        .rotate(&id, ApiSecret::parse(NEW).unwrap(), &opts, now())
        .await
        .unwrap_err();
    assert_eq!(dup.code(), "duplicate");
    // Named by its label; its id travels apart (for "Show that key"), never in the sentence.
    assert!(!dup.to_string().contains(&other.id), "{dup}");
    assert_eq!(
        dup.payload().credential_id.as_deref(),
        Some(other.id.as_str())
    );

    let anthropic = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789-AAAA";
    let wrong = vault
        .rotate(&id, ApiSecret::parse(anthropic).unwrap(), &opts, now())
        .await
        .unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "this looks like an Anthropic key, but \"work laptop\" is an OpenAI key; add it as a \
         new key instead"
    );
    assert_eq!(
        p.keychain_lookup(&id).as_deref(),
        Some(OLD),
        "nothing changed"
    );
    assert!(vault.rotations(&id).await.unwrap().is_empty());
}

#[tokio::test]
async fn rotating_closes_the_old_keys_alerts_and_can_remind_to_revoke_it_a_day_later() {
    let p = Profile::new();
    let (vault, id) = stored(&p).await;
    let fired = evaluate(vault.store(), now()).await.unwrap().fired;
    assert!(
        fired.iter().any(|a| a.rule == Rule::Rotation),
        "100 days old: time to rotate ({fired:?})"
    );

    let opts = RotateOptions {
        expires_on: Some("2027-06-30".parse().unwrap()),
        remind_revoke: true,
    };
    let out = vault
        .rotate(&id, ApiSecret::parse(NEW).unwrap(), &opts, now())
        .await
        .unwrap();
    assert_eq!(out.credential.expires_source, Some(ExpirySource::Manual));
    let active = alerts::list(vault.store().pool(), false, now())
        .await
        .unwrap();
    assert!(
        active.iter().all(|a| a.rule != Rule::Rotation),
        "the rotation alert was about the old key: {active:?}"
    );
    assert!(evaluate(vault.store(), now())
        .await
        .unwrap()
        .fired
        .is_empty());

    let later = now() + Duration::hours(24);
    let fired = evaluate(vault.store(), later).await.unwrap().fired;
    assert_eq!(fired.len(), 1, "{fired:?}");
    assert_eq!(fired[0].rule, Rule::RevokeOld);
    assert!(fired[0].body.contains("sk-proj-…Old1"));
    assert!(evaluate(vault.store(), later)
        .await
        .unwrap()
        .fired
        .is_empty());
}

#[tokio::test]
async fn a_rotation_interrupted_after_the_keychain_write_is_completed_on_open() {
    let p = Profile::new();
    let (vault, id) = stored(&p).await;
    let opts = RotateOptions {
        expires_on: Some("2027-06-30".parse().unwrap()),
        remind_revoke: false,
    };
    vault
        .rotate(&id, ApiSecret::parse(NEW).unwrap(), &opts, now())
        .await
        .unwrap();
    // As if the process died after the keychain write: the row still names the old key.
    let old = ApiSecret::parse(OLD).unwrap();
    sqlx::query("UPDATE credential_rotation SET state = 'pending'")
        .execute(vault.store().pool())
        .await
        .unwrap();
    sqlx::query(
        "UPDATE credential SET fingerprint = ?, hint = 'sk-proj-…Old1', rotated_at = NULL, \
         expires_at = NULL, expires_source = NULL",
    )
    .bind(old.fingerprint())
    .execute(vault.store().pool())
    .await
    .unwrap();
    let lock_path = vault.store().path().with_extension("rotation-lock");
    vault.store().close().await;

    // While a process holds the rotation lock, a minute-old rotation may still be running
    // there: left alone.
    let held = std::fs::File::open(&lock_path).unwrap();
    held.lock().unwrap();
    let vault = p.vault_at(now() + Duration::minutes(1)).await;
    assert_eq!(vault.resolve(&id).await.unwrap().hint, "sk-proj-…Old1");
    vault.store().close().await;

    // The lock is free (that process died): completed at once.
    drop(held);
    let vault = p.vault_at(now() + Duration::minutes(1)).await;
    let c = vault.resolve(&id).await.unwrap();
    assert_eq!(
        (c.hint.as_str(), c.rotated_at),
        ("sk-proj-…New2", Some(now()))
    );
    assert_eq!(c.fingerprint, ApiSecret::parse(NEW).unwrap().fingerprint());
    assert_eq!(
        (c.expires_at, c.expires_source),
        (
            Some("2027-06-30T23:59:59Z".parse().unwrap()),
            Some(ExpirySource::Manual)
        ),
        "the expiry chosen when rotating survives the crash"
    );
    assert_eq!(vault.rotations(&id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_rotation_interrupted_before_the_keychain_write_is_dropped_on_open() {
    let p = Profile::new();
    let (vault, id) = stored(&p).await;
    let old = ApiSecret::parse(OLD).unwrap();
    let new = ApiSecret::parse(NEW).unwrap();
    sqlx::query(
        "INSERT INTO credential_rotation (credential_id, old_fingerprint, old_hint, \
         new_fingerprint, new_hint, rotated_at, state) VALUES (?, ?, 'a', ?, 'b', ?, 'pending')",
    )
    .bind(&id)
    .bind(old.fingerprint())
    .bind(new.fingerprint())
    .bind(now())
    .execute(vault.store().pool())
    .await
    .unwrap();
    vault.store().close().await;

    let vault = p.vault_at(now() + Duration::minutes(5)).await;
    let c = vault.resolve(&id).await.unwrap();
    assert_eq!((c.hint.as_str(), c.rotated_at), ("sk-proj-…Old1", None));
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM credential_rotation")
        .fetch_one(vault.store().pool())
        .await
        .unwrap();
    assert_eq!(rows, 0);
    assert_eq!(p.keychain_lookup(&id).as_deref(), Some(OLD));
}

#[tokio::test]
async fn a_running_vault_uses_reveals_and_copies_the_key_another_process_rotated_in() {
    let p = Profile::new();
    let (running, id) = stored(&p).await;
    let c = running.resolve(&id).await.unwrap();
    let used = running.secrets_for_run(&[c], "env", now()).await.unwrap();
    assert_eq!(
        used[0].expose(),
        OLD,
        "the running vault now remembers the old key"
    );

    // Another process (a terminal's `keyledger rotate`) opens its own vault and rotates.
    let terminal = p.vault().await;
    terminal
        .rotate(
            &id,
            ApiSecret::parse(NEW).unwrap(),
            &RotateOptions::default(),
            now(),
        )
        .await
        .unwrap();

    let c = running.resolve(&id).await.unwrap();
    let used = running.secrets_for_run(&[c], "env", now()).await.unwrap();
    assert_eq!(
        used[0].expose(),
        NEW,
        "a use re-reads when the fingerprint moved"
    );
    let (_, revealed) = running.reveal(&id, now()).await.unwrap();
    assert_eq!(revealed.expose(), NEW);
    let (_, copied) = running.secret_for_copy(&id, now()).await.unwrap();
    assert_eq!(copied.expose(), NEW);
}

#[tokio::test]
async fn a_keychain_item_deleted_outside_keyledger_is_noticed_by_a_running_vault() {
    let p = Profile::new();
    let (running, id) = stored(&p).await;
    let (_, revealed) = running.reveal(&id, now()).await.unwrap();
    assert_eq!(revealed.expose(), OLD);

    p.keychain_clear(&id);

    let err = running.reveal(&id, now()).await.unwrap_err();
    assert_eq!(err.code(), "secret_missing", "{err}");
    assert_eq!(
        running.resolve(&id).await.unwrap().status,
        Status::SecretMissing
    );
    let err = running.secret_for_copy(&id, now()).await.unwrap_err();
    assert_eq!(err.code(), "secret_missing", "{err}");
}
