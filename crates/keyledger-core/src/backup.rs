//! Encrypted backups: every credential's metadata and secret in one age file sealed with a
//! passphrase (scrypt), written atomically, and restored into a vault — keys already stored are
//! skipped by fingerprint, and a wrong passphrase or damaged file changes nothing.

use std::io::{Read, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::audit::Action;
use crate::credential::{Credential, ExpirySource, Kind, NewCredential, Provider, Status};
use crate::secret::ApiSecret;
use crate::store::{credentials, rotations};
use crate::vault::{SecretRead, Vault};
use crate::{Error, Result};

/// The shortest passphrase a backup is written with.
pub use crate::limits::MIN_PASSPHRASE_CHARS;
const FORMAT: &str = "keyledger-backup";
const VERSION: u32 = 1;

/// A backup passphrase: never printed, never serialized.
pub struct Passphrase(SecretString);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

impl Passphrase {
    /// A passphrase to write a backup with: at least [`MIN_PASSPHRASE_CHARS`] characters.
    pub fn new_for_export(raw: &str) -> Result<Self> {
        let p = Self::new_for_import(raw)?;
        let n = p.0.expose_secret().chars().count();
        if n < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid(format!(
                "the passphrase has {n} characters; use at least {MIN_PASSPHRASE_CHARS} \
                 (a few unrelated words make a strong one)"
            )));
        }
        Ok(p)
    }

    /// A passphrase to open a backup with (the line ending of a piped one removed).
    pub fn new_for_import(raw: &str) -> Result<Self> {
        let p = raw.trim_end_matches(['\n', '\r']);
        if p.trim().is_empty() {
            return Err(Error::invalid(
                "a backup needs a passphrase; none was given",
            ));
        }
        Ok(Passphrase(SecretString::from(p.to_owned())))
    }
}

/// A secret inside the backup document: serialized in clear only there.
struct Sealed(SecretString);

impl Serialize for Sealed {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.0.expose_secret())
    }
}

impl<'de> Deserialize<'de> for Sealed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d).map(|s| Sealed(SecretString::from(s)))
    }
}

/// What a backup says it is, read before its keys.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Document {
    format: String,
    version: u32,
    created_at: DateTime<Utc>,
    credentials: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    id: String,
    provider: Provider,
    kind: Kind,
    label: String,
    profile: String,
    base_url: Option<String>,
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    expires_source: Option<ExpirySource>,
    token_issuer: Option<String>,
    token_scope: Option<String>,
    notes: String,
    rotated_at: Option<DateTime<Utc>>,
    secret: Sealed,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportReport {
    /// Keys in the backup.
    pub written: usize,
    /// Labels of keys left out because the keychain no longer holds their secret.
    pub missing: Vec<String>,
    pub path: String,
}

/// One key of a restore and what became of it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Restored {
    Added {
        id: String,
        label: String,
        hint: String,
    },
    /// The same key is already stored (under `existing`).
    Skipped {
        label: String,
        existing: String,
    },
    /// The key was rotated away from `existing` (its replacement is stored): not brought back.
    RotatedAway {
        label: String,
        existing: String,
        rotated_at: DateTime<Utc>,
    },
    Failed {
        label: String,
        message: String,
    },
}

/// What a restore did, key by key.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreReport {
    /// When the backup was made.
    pub created_at: DateTime<Utc>,
    pub keys: Vec<Restored>,
}

/// Writes every stored key (secret included) to `out`, encrypted with `passphrase`. Refuses
/// to replace an existing file unless `overwrite`; the file appears whole or not at all.
pub async fn export(
    vault: &Vault,
    passphrase: &Passphrase,
    out: &Path,
    overwrite: bool,
    now: DateTime<Utc>,
) -> Result<ExportReport> {
    crate::files::refuse_existing(out, overwrite)?;
    let mut entries = Vec::new();
    let mut missing = Vec::new();
    // Each key's audit line is written once the file is (or is not) there.
    let mut outcomes: Vec<(Credential, &'static str)> = Vec::new();
    for c in vault.list().await? {
        match vault.secret_of(&c, SecretRead::Fresh).await {
            Ok(secret) => {
                entries.push(entry(c.clone(), &secret));
                outcomes.push((c, "ok"));
            }
            Err(e @ Error::SecretMissing(_)) => {
                missing.push(c.label.clone());
                outcomes.push((c, e.code()));
            }
            Err(e) => return Err(e),
        }
    }
    if entries.is_empty() {
        return Err(Error::invalid(if missing.is_empty() {
            "there are no keys to back up yet"
        } else {
            "no key's secret is in the keychain, so there is nothing to back up"
        }));
    }
    let written = entries.len();
    let doc = Document {
        format: FORMAT.to_owned(),
        version: VERSION,
        created_at: now,
        credentials: entries,
    };
    let plain = Zeroizing::new(
        serde_json::to_vec(&doc).map_err(|e| Error::invalid(format!("cannot encode: {e}")))?,
    );
    drop(doc);
    let key = SecretString::from(passphrase.0.expose_secret().to_owned());
    let sealed = tokio::task::spawn_blocking(move || encrypt(&plain, key))
        .await
        .map_err(|e| Error::invalid(format!("encryption did not finish: {e}")))?;
    let result = sealed.and_then(|bytes| crate::files::write_atomically(out, &bytes, overwrite));
    for (c, outcome) in &outcomes {
        let outcome = match &result {
            Ok(()) => *outcome,
            Err(e) => e.code(),
        };
        vault
            .record(vault.store().pool(), now, Action::Export, Some(c), outcome)
            .await?;
    }
    result?;
    tracing::info!(written, missing = missing.len(), "backup written");
    Ok(ExportReport {
        written,
        missing,
        path: out.display().to_string(),
    })
}

/// Adds the keys of the backup at `file` that are not stored yet. Nothing is written unless the
/// whole file decrypts and reads.
pub async fn restore(
    vault: &Vault,
    passphrase: &Passphrase,
    file: &Path,
    now: DateTime<Utc>,
) -> Result<RestoreReport> {
    let sealed = read_capped(file)?;
    let key = SecretString::from(passphrase.0.expose_secret().to_owned());
    let plain = tokio::task::spawn_blocking(move || decrypt(&sealed, key))
        .await
        .map_err(|e| Error::invalid(format!("decryption did not finish: {e}")))??;
    let doc = read_document(&plain)?;
    drop(plain);
    let mut keys = Vec::with_capacity(doc.credentials.len());
    let mut entries = doc.credentials.into_iter();
    while let Some(e) = entries.next() {
        let label = e.label.clone();
        match restore_one(vault, e, now).await {
            Ok(k) => keys.push(k),
            // The keychain or the database gave out: what was added stays, and is reported.
            Err(stop) => {
                let message = stop.to_string();
                let failed = |label: String| Restored::Failed {
                    label,
                    message: message.clone(),
                };
                keys.push(failed(label));
                keys.extend(entries.map(|e| failed(e.label)));
                break;
            }
        }
    }
    Ok(RestoreReport {
        created_at: doc.created_at,
        keys,
    })
}

/// The decrypted document: its format first, then the keys. A parse error names a position,
/// never a value; ids must be UUIDs, since they become database keys.
pub(crate) fn read_document(plain: &[u8]) -> Result<Document> {
    let unreadable = |e: serde_json::Error| {
        Error::DamagedBackup(format!("its contents are unreadable ({})", where_(&e)))
    };
    let header: Header = serde_json::from_slice(plain).map_err(unreadable)?;
    if header.format != FORMAT || header.version != VERSION {
        return Err(Error::DamagedBackup(format!(
            "it is a {} version {} file, not a Keyledger backup this version can read",
            crate::text::printable(&header.format.chars().take(40).collect::<String>(), false),
            header.version
        )));
    }
    let doc: Document = serde_json::from_slice(plain).map_err(unreadable)?;
    if let Some(n) = doc
        .credentials
        .iter()
        .position(|e| uuid::Uuid::parse_str(&e.id).is_err())
    {
        return Err(Error::DamagedBackup(format!(
            "its key number {} has an id that is not a UUID",
            n + 1
        )));
    }
    Ok(doc)
}

async fn restore_one(vault: &Vault, e: Entry, now: DateTime<Utc>) -> Result<Restored> {
    let label = e.label.clone();
    let failed = |err: Error| Restored::Failed {
        label: label.clone(),
        message: err.to_string(),
    };
    let secret = match ApiSecret::parse(e.secret.0.expose_secret()) {
        Ok(s) => s,
        Err(err) => return Ok(failed(err)),
    };
    let pool = vault.store().pool();
    if let Some(existing) = credentials::find_by_fingerprint(pool, &secret.fingerprint()).await? {
        return Ok(Restored::Skipped {
            label,
            existing: existing.label,
        });
    }
    if let Some((existing, rotated_at)) =
        rotations::rotated_away(pool, &secret.fingerprint()).await?
    {
        return Ok(Restored::RotatedAway {
            label,
            existing,
            rotated_at,
        });
    }
    let valid = match (NewCredential {
        provider: Some(e.provider),
        kind: Some(e.kind),
        label: e.label,
        profile: Some(e.profile),
        base_url: e.base_url,
        expires_on: None,
        notes: Some(e.notes),
    })
    .validated()
    {
        Ok(v) => v,
        Err(err) => return Ok(failed(err)),
    };
    let id_taken = !credentials::find_by_id_prefix(pool, &e.id)
        .await?
        .is_empty()
        || e.id.trim().is_empty();
    let mut credential = Credential {
        id: if id_taken {
            uuid::Uuid::new_v4().to_string()
        } else {
            e.id
        },
        provider: e.provider,
        kind: e.kind,
        label: valid.label,
        profile: valid.profile.unwrap_or_default(),
        base_url: valid.base_url,
        hint: secret.hint(&crate::detect::detect(secret.expose()).prefix),
        fingerprint: secret.fingerprint(),
        created_at: e.created_at,
        expires_at: e.expires_at,
        expires_source: e.expires_source,
        token_issuer: e.token_issuer,
        token_scope: e.token_scope,
        status: Status::Pending,
        last_checked_at: None,
        notes: valid.notes.unwrap_or_default(),
        rotated_at: e.rotated_at,
    };
    match vault
        .store_new(&mut credential, &secret, Action::Restore, now)
        .await
    {
        Ok(()) => Ok(Restored::Added {
            id: credential.id,
            label: credential.label,
            hint: credential.hint,
        }),
        Err(err @ (Error::KeychainLocked | Error::KeychainUnavailable(_) | Error::Database(_))) => {
            Err(err)
        }
        Err(err) => Ok(failed(err)),
    }
}

/// Where a parse error is, in words (serde's own message can quote the decrypted text).
fn where_(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "it ends too early",
        serde_json::error::Category::Syntax => "it is not valid JSON",
        _ => "a field is missing or of the wrong type",
    };
    format!("{what} at line {}, column {}", e.line(), e.column())
}

fn entry(c: Credential, secret: &ApiSecret) -> Entry {
    Entry {
        id: c.id,
        provider: c.provider,
        kind: c.kind,
        label: c.label,
        profile: c.profile,
        base_url: c.base_url,
        created_at: c.created_at,
        expires_at: c.expires_at,
        expires_source: c.expires_source,
        token_issuer: c.token_issuer,
        token_scope: c.token_scope,
        notes: c.notes,
        rotated_at: c.rotated_at,
        secret: Sealed(SecretString::from(secret.expose().to_owned())),
    }
}

fn encrypt(plain: &[u8], passphrase: SecretString) -> Result<Vec<u8>> {
    let fail =
        |e: &dyn std::fmt::Display| Error::invalid(format!("cannot encrypt the backup: {e}"));
    let mut recipient = age::scrypt::Recipient::new(age::secrecy::SecretString::from(
        passphrase.expose_secret().to_owned(),
    ));
    recipient.set_work_factor(WORK_FACTOR);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as _)).map_err(|e| fail(&e))?;
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut writer = encryptor.wrap_output(&mut out).map_err(|e| fail(&e))?;
    writer.write_all(plain).map_err(|e| fail(&e))?;
    writer.finish().map_err(|e| fail(&e))?;
    Ok(out)
}

/// Largest backup file read: a few thousand keys fit in well under a megabyte.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The scrypt work factor backups are written with (`N = 2^18`, 256 MiB, a second or two).
const WORK_FACTOR: u8 = 18;

/// Highest scrypt work factor accepted (`N = 2^20`, 1 GiB): a crafted file cannot take minutes
/// and gigabytes before the passphrase is even checked, while backups written elsewhere with
/// age's own choice (about a second of work on that machine) still open.
const MAX_WORK_FACTOR: u8 = 20;

/// The file's bytes, refusing a file larger than any backup Keyledger writes.
fn read_capped(file: &Path) -> Result<Vec<u8>> {
    let opened = std::fs::File::open(file).map_err(|e| Error::io(file, &e))?;
    let mut sealed = Vec::new();
    opened
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut sealed)
        .map_err(|e| Error::io(file, &e))?;
    if sealed.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::DamagedBackup(format!(
            "it is larger than {} MiB, far more than any Keyledger backup",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    Ok(sealed)
}

pub(crate) fn decrypt(sealed: &[u8], passphrase: SecretString) -> Result<Zeroizing<Vec<u8>>> {
    let mut identity = age::scrypt::Identity::new(age::secrecy::SecretString::from(
        passphrase.expose_secret().to_owned(),
    ));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let decryptor = age::Decryptor::new(sealed).map_err(damaged)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(damaged)?;
    let mut plain = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plain)
        .map_err(|e| Error::DamagedBackup(format!("its encrypted data is damaged ({e})")))?;
    Ok(plain)
}

fn damaged(e: age::DecryptError) -> Error {
    use age::DecryptError as D;
    match e {
        D::DecryptionFailed | D::KeyDecryptionFailed => Error::WrongPassphrase,
        D::NoMatchingKeys => Error::DamagedBackup(
            "it was not encrypted with a passphrase, so it is not a Keyledger backup".to_owned(),
        ),
        D::ExcessiveWork { .. } => Error::DamagedBackup(
            "its passphrase work factor is far above what Keyledger writes".to_owned(),
        ),
        D::InvalidMac => Error::DamagedBackup("its header was altered".to_owned()),
        other => Error::DamagedBackup(format!("it is not an intact age file ({other})")),
    }
}
