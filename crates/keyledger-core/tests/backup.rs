//! Encrypted backups against the real Secret Service and SQLite: a round trip into a fresh data
//! dir and keychain service, and every way a restore can fail leaving the vault unchanged.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use keyledger_core::backup::{export, restore, Passphrase, Restored};
use keyledger_core::credential::{NewCredential, Provider};
use keyledger_core::rotation::RotateOptions;
use keyledger_core::secret::ApiSecret;
use keyledger_core::vault::Vault;

mod common;
use common::now;
use common::profile::Profile;

const OPENAI: &str = "sk-proj-BACKUPabcdefghijklmnopqrstuvwxyz0123456789X1y2";
const ANTHROPIC: &str = "sk-ant-api03-BACKUPabcdefghijklmnopqrstuvwxyz0123456789-AAAA";
const GROQ: &str = "gsk_BACKUPabcdefghijklmnopqrstuvwxyz0123456789abcdef";
const PASS: &str = "correct horse battery staple";

async fn filled(p: &Profile) -> Vault {
    let vault = p.vault().await;
    for (key, label, profile) in [
        (OPENAI, "work laptop", "default"),
        (ANTHROPIC, "agents", "dev"),
        (GROQ, "experiments", "dev"),
    ] {
        vault
            .add(
                NewCredential {
                    label: label.into(),
                    profile: Some(profile.into()),
                    notes: Some(format!("notes of {label}")),
                    expires_on: Some("2027-03-01".parse().unwrap()),
                    ..Default::default()
                },
                ApiSecret::parse(key).unwrap(),
                now(),
            )
            .await
            .unwrap();
    }
    vault
}

/// A filled vault in `p` and its backup, written with `PASS`.
async fn exported(p: &Profile) -> (Vault, PathBuf) {
    let vault = filled(p).await;
    let out = file_in(p);
    export(
        &vault,
        &Passphrase::new_for_export(PASS).unwrap(),
        &out,
        false,
        now(),
    )
    .await
    .unwrap();
    (vault, out)
}

fn file_in(p: &Profile) -> PathBuf {
    p.config.data_dir.parent().unwrap().join("keys.age")
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn a_backup_restores_every_key_into_a_fresh_profile_and_skips_them_the_second_time() {
    let a = Profile::new();
    let vault = filled(&a).await;
    let out = file_in(&a);
    let pass = Passphrase::new_for_export(PASS).unwrap();
    let report = export(&vault, &pass, &out, false, now()).await.unwrap();
    assert_eq!((report.written, report.missing.len()), (3, 0));

    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    for needle in [OPENAI, ANTHROPIC, GROQ, "work laptop", "notes of"] {
        assert!(
            !contains(&bytes, needle),
            "{needle} is in the file in clear"
        );
    }
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "only the user may read the backup");
    let exported = vault.audit(3).await.unwrap();
    assert!(exported
        .iter()
        .all(|e| e.action == "export" && e.outcome == "ok"));

    let b = Profile::new();
    let fresh = b.vault().await;
    let pass = Passphrase::new_for_import(&format!("{PASS}\n")).unwrap();
    let restored = restore(&fresh, &pass, &out, now()).await.unwrap();
    assert_eq!(restored.created_at, now());
    let added: Vec<&str> = restored
        .keys
        .iter()
        .map(|k| match k {
            Restored::Added { label, .. } => label.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(added.len(), 3);
    assert_eq!(b.keychain_items().len(), 3);

    let (before, after) = (vault.list().await.unwrap(), fresh.list().await.unwrap());
    for c in &before {
        let r = after.iter().find(|r| r.id == c.id).expect("same id");
        assert_eq!(
            (
                &r.label,
                &r.profile,
                &r.hint,
                &r.notes,
                r.expires_at,
                r.provider
            ),
            (
                &c.label,
                &c.profile,
                &c.hint,
                &c.notes,
                c.expires_at,
                c.provider
            )
        );
        assert_eq!(r.created_at, c.created_at);
        let (_, secret) = fresh.reveal(&r.id, now()).await.unwrap();
        assert_eq!(secret.fingerprint(), c.fingerprint);
    }
    assert_eq!(
        after
            .iter()
            .filter(|c| c.provider == Provider::Groq)
            .count(),
        1
    );

    let again = restore(&fresh, &pass, &out, now()).await.unwrap();
    assert!(
        again
            .keys
            .iter()
            .all(|k| matches!(k, Restored::Skipped { label, existing } if label == existing)),
        "{:?}",
        again.keys
    );
    assert_eq!(b.keychain_items().len(), 3);
}

#[tokio::test]
async fn no_backup_without_a_strong_enough_passphrase_and_no_file_replaced_by_accident() {
    let a = Profile::new();
    let vault = filled(&a).await;
    for weak in ["", "\n", "short pass1"] {
        let err = Passphrase::new_for_export(weak).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
    }
    assert!(Passphrase::new_for_export("short pass1")
        .unwrap_err()
        .to_string()
        .contains("at least 12"));

    let out = file_in(&a);
    std::fs::write(&out, "precious").unwrap();
    let pass = Passphrase::new_for_export(PASS).unwrap();
    let err = export(&vault, &pass, &out, false, now()).await.unwrap_err();
    assert_eq!(err.code(), "exists");
    assert!(err.to_string().contains("already exists"), "{err}");
    // Into a folder that is not there: the audit says the export failed, not "ok".
    let nowhere = a.config.data_dir.join("no/such/dir/keys.age");
    let err = export(&vault, &pass, &nowhere, false, now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "io");
    let audit = vault.audit(3).await.unwrap();
    assert!(
        audit
            .iter()
            .all(|e| e.action == "export" && e.outcome == "io"),
        "{audit:?}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    export(&vault, &pass, &out, true, now()).await.unwrap();
    assert!(std::fs::read(&out)
        .unwrap()
        .starts_with(b"age-encryption.org/v1"));
    let leftovers = std::fs::read_dir(out.parent().unwrap()).unwrap().count();
    assert_eq!(
        leftovers, 2,
        "the data dir and the backup; no temp file left"
    );
}

#[tokio::test]
async fn a_wrong_passphrase_a_truncated_file_and_altered_bytes_change_nothing() {
    let a = Profile::new();
    let vault = filled(&a).await;
    let out = file_in(&a);
    let pass = Passphrase::new_for_export(PASS).unwrap();
    export(&vault, &pass, &out, false, now()).await.unwrap();
    let good = std::fs::read(&out).unwrap();

    let b = Profile::new();
    let fresh = b.vault().await;
    let right = Passphrase::new_for_import(PASS).unwrap();
    let wrong = Passphrase::new_for_import("correct horse battery stapler").unwrap();
    let err = restore(&fresh, &wrong, &out, now()).await.unwrap_err();
    assert_eq!(err.code(), "wrong_passphrase", "{err}");

    let header_end = good.windows(4).position(|w| w == b"\n---").unwrap();
    let mut altered_mac = good.clone();
    altered_mac[header_end + 6] ^= 0x01;
    let mut altered_body = good.clone();
    let last = altered_body.len() - 5;
    altered_body[last] ^= 0x01;
    let cases: [(&str, Vec<u8>); 4] = [
        ("truncated", good[..good.len() - 40].to_vec()),
        ("altered header", altered_mac),
        ("altered data", altered_body),
        ("not age at all", b"OPENAI_API_KEY=sk-proj-x\n".to_vec()),
    ];
    for (what, bytes) in cases {
        let path = b.config.data_dir.parent().unwrap().join("broken.age");
        std::fs::write(&path, bytes).unwrap();
        let err = restore(&fresh, &right, &path, now()).await.unwrap_err();
        assert_eq!(err.code(), "damaged_backup", "{what}: {err}");
        assert!(err.to_string().contains("not a readable Keyledger backup"));
    }
    assert!(fresh.list().await.unwrap().is_empty());
    assert!(b.keychain_items().is_empty());
    assert!(fresh.audit(10).await.unwrap().is_empty());
}

#[tokio::test]
async fn keys_whose_secret_is_gone_are_named_and_left_out() {
    let a = Profile::new();
    let vault = filled(&a).await;
    let gone = vault.list().await.unwrap()[0].clone();
    a.keychain_clear(&gone.id);
    vault.store().close().await;
    let vault = a.vault().await;
    let pass = Passphrase::new_for_export(PASS).unwrap();
    let report = export(&vault, &pass, &file_in(&a), false, now())
        .await
        .unwrap();
    assert_eq!(report.written, 2);
    assert_eq!(report.missing, vec![gone.label]);
}

#[tokio::test]
async fn a_key_rotated_away_since_the_backup_is_not_brought_back() {
    let a = Profile::new();
    let (vault, out) = exported(&a).await;
    let work = vault
        .list()
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.label == "work laptop")
        .unwrap();
    let replacement = "sk-proj-REPLACEDabcdefghijklmnopqrstuvwxyz0123456789Z9";
    vault
        .rotate(
            &work.id,
            ApiSecret::parse(replacement).unwrap(),
            &RotateOptions::default(),
            now(),
        )
        .await
        .unwrap();

    let pass = Passphrase::new_for_import(PASS).unwrap();
    let report = restore(&vault, &pass, &out, now()).await.unwrap();
    let old = report
        .keys
        .iter()
        .find(|k| matches!(k, Restored::RotatedAway { label, .. } if label == "work laptop"));
    assert!(
        matches!(old, Some(Restored::RotatedAway { existing, rotated_at, .. })
            if existing == "work laptop" && *rotated_at == now()),
        "{:?}",
        report.keys
    );
    assert_eq!(
        vault.list().await.unwrap().len(),
        3,
        "the old key is not added back"
    );
    assert_eq!(a.keychain_items().len(), 3);
    assert_eq!(a.keychain_lookup(&work.id).as_deref(), Some(replacement));
}

/// The backup's plain JSON, read with the passphrase (as `age` would).
fn opened(sealed: &[u8]) -> serde_json::Value {
    use std::io::Read;
    let identity = age::scrypt::Identity::new(age::secrecy::SecretString::from(PASS.to_owned()));
    let mut plain = Vec::new();
    age::Decryptor::new(sealed)
        .unwrap()
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    serde_json::from_slice(&plain).unwrap()
}

/// `doc` sealed with the passphrase, as another tool might write it.
fn sealed(doc: &serde_json::Value) -> Vec<u8> {
    use std::io::Write;
    let mut recipient =
        age::scrypt::Recipient::new(age::secrecy::SecretString::from(PASS.to_owned()));
    recipient.set_work_factor(10);
    let mut out = Vec::new();
    let mut writer = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .unwrap()
        .wrap_output(&mut out)
        .unwrap();
    writer.write_all(doc.to_string().as_bytes()).unwrap();
    writer.finish().unwrap();
    out
}

#[tokio::test]
async fn a_crafted_backup_is_refused_before_it_costs_work_or_writes_anything() {
    let a = Profile::new();
    let (_, out) = exported(&a).await;
    let good = std::fs::read(&out).unwrap();

    // A work factor of 2^21 (2 GiB of scrypt) in the header: refused before any of that work.
    let header_end = good.windows(4).position(|w| w == b"\n---").unwrap();
    let header = std::str::from_utf8(&good[..header_end]).unwrap();
    let stanza = header
        .lines()
        .find(|l| l.starts_with("-> scrypt "))
        .unwrap();
    let (args, _) = stanza.rsplit_once(' ').unwrap();
    let costly = [
        header.replace(stanza, &format!("{args} 21")).as_bytes(),
        &good[header_end..],
    ]
    .concat();
    // Ids that are not UUIDs (one that would read as a path).
    let mut doc = opened(&good);
    doc["credentials"][1]["id"] = serde_json::json!("../../etc/passwd");
    let foreign_id = sealed(&doc);

    let b = Profile::new();
    let fresh = b.vault().await;
    let right = Passphrase::new_for_import(PASS).unwrap();
    let path = b.config.data_dir.parent().unwrap().join("crafted.age");
    for (what, bytes, says) in [
        ("work factor", costly, "work factor"),
        (
            "foreign id",
            foreign_id,
            "key number 2 has an id that is not a UUID",
        ),
    ] {
        std::fs::write(&path, bytes).unwrap();
        let err = restore(&fresh, &right, &path, now()).await.unwrap_err();
        assert_eq!(err.code(), "damaged_backup", "{what}: {err}");
        assert!(err.to_string().contains(says), "{what}: {err}");
    }
    // A file far larger than any backup is not even read in.
    let huge = std::fs::File::create(&path).unwrap();
    huge.set_len(64 * 1024 * 1024 + 1).unwrap();
    let err = restore(&fresh, &right, &path, now()).await.unwrap_err();
    assert_eq!(err.code(), "damaged_backup", "{err}");
    assert!(err.to_string().contains("larger than 64 MiB"), "{err}");

    assert!(fresh.list().await.unwrap().is_empty());
    assert!(b.keychain_items().is_empty());
    // The untouched file still restores.
    std::fs::write(&path, &good).unwrap();
    let report = restore(&fresh, &right, &path, now()).await.unwrap();
    assert_eq!(report.keys.len(), 3);
}
