//! Rotation: a key's secret replaced in place. The keychain item is overwritten (never deleted
//! and recreated), the credential keeps its id and history, the old key's fingerprint and hint
//! are kept, and its age restarts. A `pending` rotation row is written first, so a crash between
//! the keychain and the database is settled on the next start by reading the keychain back.
//! The rotating process holds a lock file meanwhile, so the next start knows at once whether a
//! pending rotation is still running or its process died.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::Action;
use crate::credential::{Credential, ExpirySource};
use crate::detect::detect;
use crate::secret::ApiSecret;
use crate::store::rotations::{self, Rotation, Started};
use crate::store::{alerts, credentials};
use crate::vault::{expiry_of, Vault};
use crate::{Error, Result};

/// The choices that come with a new secret.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct RotateOptions {
    /// The new key's expiry (YYYY-MM-DD), when the provider gave it one. A JWT's own expiry is
    /// read from it; the old key's expiry never carries over.
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    /// Raise an alert a day later reminding to revoke the old key at the provider.
    #[serde(default)]
    pub remind_revoke: bool,
}

/// A finished rotation.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RotateOutcome {
    pub credential: Credential,
    /// The masked form of the key that was replaced.
    pub old_hint: String,
}

/// While another process holds the rotation lock, a pending rotation younger than this may
/// still be in progress there.
const SETTLE_AFTER_SECS: i64 = 120;

impl Vault {
    /// The lock file held by a process between a rotation's start and its end (beside the
    /// database, so each profile has its own).
    fn rotation_lock(&self) -> Result<std::fs::File> {
        let path = self.store().path().with_extension("rotation-lock");
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, &e))
    }

    /// Replaces the secret of `id` with `secret`.
    pub async fn rotate(
        &self,
        id: &str,
        secret: ApiSecret,
        options: &RotateOptions,
        now: DateTime<Utc>,
    ) -> Result<RotateOutcome> {
        let credential = self.resolve(id).await?;
        let lock = self.rotation_lock()?;
        if lock.try_lock().is_err() {
            return Err(Error::invalid(
                "another rotation is in progress in this profile; try again in a moment",
            ));
        }
        let fingerprint = secret.fingerprint();
        if fingerprint == credential.fingerprint {
            return Err(Error::invalid(format!(
                "this is the key \"{}\" already holds; paste the new key",
                credential.label
            )));
        }
        let pool = self.store().pool();
        if let Some(other) = credentials::find_by_fingerprint(pool, &fingerprint).await? {
            return Err(Error::Duplicate {
                id: other.id,
                label: other.label,
            });
        }
        let detection = detect(secret.expose());
        if let Some(found) = detection.provider.filter(|p| *p != credential.provider) {
            return Err(Error::invalid(format!(
                "this looks like {} key, but \"{}\" is {} key; add it as a new key instead",
                with_article(found.display_name()),
                credential.label,
                with_article(credential.provider.display_name()),
            )));
        }
        // Read first: if the database cannot take the rotation, the old secret goes back.
        let old = match self.keychain_get(&credential.id).await {
            Ok(old) => old,
            Err(e) => {
                self.record(pool, now, Action::Rotate, Some(&credential), e.code())
                    .await?;
                return Err(e);
            }
        };
        let hint = secret.hint(&detection.prefix);
        let (expires_at, expires_source) = expiry_of(options.expires_on, detection.token.as_ref());
        let rotation = rotations::start(
            pool,
            &Started {
                credential_id: &credential.id,
                old_fingerprint: &credential.fingerprint,
                old_hint: &credential.hint,
                new_fingerprint: &fingerprint,
                new_hint: &hint,
                at: now,
                remind_revoke: options.remind_revoke,
                expires_at,
                expires_source,
            },
        )
        .await?;
        if let Err(e) = self.keychain_set(&credential.id, &secret).await {
            let _ = rotations::discard(pool, rotation).await;
            let _ = self
                .record(pool, now, Action::Rotate, Some(&credential), e.code())
                .await;
            return Err(e);
        }
        crate::crashpoint::reached(crate::crashpoint::ROTATE_AFTER_KEYCHAIN);
        let expiry = (expires_at, expires_source);
        if let Err(e) = self
            .finish_rotation(&credential, rotation, &secret, expiry, now, now)
            .await
        {
            // Put the old secret back so the keychain matches the row again. Without an old
            // secret (it was missing) the pending row stays, and the next start completes it.
            if let Some(old) = old {
                if self.keychain_set(&credential.id, &old).await.is_ok() {
                    let _ = rotations::discard(pool, rotation).await;
                }
            }
            let _ = self
                .record(pool, now, Action::Rotate, Some(&credential), e.code())
                .await;
            return Err(e);
        }
        tracing::info!(id = %credential.id, "credential rotated");
        Ok(RotateOutcome {
            credential: self.resolve(&credential.id).await?,
            old_hint: credential.hint,
        })
    }

    /// The finished rotations of a key, newest first.
    pub async fn rotations(&self, id: &str) -> Result<Vec<Rotation>> {
        let credential = self.resolve(id).await?;
        rotations::history(self.store().pool(), &credential.id).await
    }

    /// Writes the new secret's facts, closes the rotation and the old key's alerts, and audits
    /// it, in one transaction.
    async fn finish_rotation(
        &self,
        credential: &Credential,
        rotation: i64,
        secret: &ApiSecret,
        (expires_at, expires_source): (Option<DateTime<Utc>>, Option<ExpirySource>),
        rotated_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let detection = detect(secret.expose());
        let token = detection.token.as_ref();
        let mut tx = self.store().pool().begin().await?;
        credentials::set_rotated(
            &mut *tx,
            &credential.id,
            &credentials::NewSecret {
                fingerprint: &secret.fingerprint(),
                hint: &secret.hint(&detection.prefix),
                rotated_at,
                expires_at,
                expires_source,
                token_issuer: token.and_then(|t| t.issuer.as_deref()),
                token_scope: token.and_then(|t| t.scope.as_deref()),
            },
        )
        .await?;
        rotations::mark_done(&mut *tx, rotation).await?;
        alerts::close_for_new_secret(&mut *tx, &credential.id, now).await?;
        self.record(&mut *tx, now, Action::Rotate, Some(credential), "ok")
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Completes interrupted rotations whose new secret reached the keychain, and drops the
    /// others: all of them when no process holds the rotation lock, else only those older than a
    /// couple of minutes.
    pub(crate) async fn settle_rotations(&self, now: DateTime<Utc>) -> Result<()> {
        let pool = self.store().pool();
        // A free lock means no process is rotating: whatever is pending was interrupted.
        let lock = self.rotation_lock()?;
        let before = match lock.try_lock() {
            Ok(()) => now,
            Err(_) => now - chrono::Duration::seconds(SETTLE_AFTER_SECS),
        };
        for r in rotations::unsettled(pool, before).await? {
            let current = self.keychain_get(&r.credential_id).await?;
            let credential = self.resolve(&r.credential_id).await;
            match (current, credential) {
                (Some(secret), Ok(credential)) if secret.fingerprint() == r.new_fingerprint => {
                    let expiry = (r.expires_at, r.expires_source);
                    self.finish_rotation(&credential, r.id, &secret, expiry, r.rotated_at, now)
                        .await?;
                    tracing::warn!(id = %r.credential_id, "completed an interrupted rotation");
                }
                _ => {
                    rotations::discard(pool, r.id).await?;
                    tracing::warn!(id = %r.credential_id, "dropped an interrupted rotation");
                }
            }
        }
        Ok(())
    }
}

/// "an OpenAI", "an xAI" (ex-A-I), "a Groq".
fn with_article(name: &str) -> String {
    let vowel = name.starts_with(['A', 'E', 'I', 'O', 'U', 'x']);
    format!("{} {name}", if vowel { "an" } else { "a" })
}
