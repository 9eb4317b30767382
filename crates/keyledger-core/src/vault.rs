//! The vault: the flows that touch both the keychain and the database, in an order that leaves
//! no orphan. Adding writes a `pending` row, then the keychain item, then activates the row; a
//! crash in between leaves a `pending` row that [`Vault::open`] settles on the next start.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::audit::{Action, Actor, AuditEvent};
use crate::config::Config;
use crate::credential::{end_of_day_utc, Credential, ExpirySource, Kind, NewCredential, Status};
use crate::detect::detect;
use crate::keychain::Keychain;
use crate::providers::check::{CheckOutcome, CheckStatus, Checker};
use crate::secret::{ApiSecret, SecretStore};
use crate::store::{audit, credentials, Store};
use crate::{Error, Result};

/// The keychain and the database of one profile, used together.
#[derive(Clone)]
pub struct Vault {
    store: Store,
    secrets: Arc<dyn SecretStore>,
    actor: Actor,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("store", &self.store)
            .field("actor", &self.actor)
            .finish_non_exhaustive()
    }
}

/// What a reconcile pass changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ReconcileReport {
    /// Credentials whose keychain item has disappeared (now `secret_missing`).
    pub missing: Vec<String>,
    /// Credentials whose keychain item is back.
    pub restored: Vec<String>,
    /// Interrupted adds that were completed (the keychain item was written).
    pub completed: usize,
    /// Interrupted adds that were dropped (the keychain item was never written).
    pub dropped: usize,
}

impl Vault {
    /// Opens the profile described by `config`: creates the data directory, opens the
    /// database, settles adds and rotations that a crash interrupted, and re-prices the history
    /// when this version's price table is new to it.
    pub async fn open(config: &Config, actor: Actor, now: DateTime<Utc>) -> Result<Self> {
        config.ensure_data_dir()?;
        let store = Store::open(&config.db_path()).await?;
        let vault = Vault::new(
            store,
            Arc::new(Keychain::new(config.keyring_service.clone())),
            actor,
        );
        vault.settle_pending(now).await?;
        vault.settle_rotations(now).await?;
        if let Some(changed) = crate::ledger::Ledger::new(vault.store.clone())
            .reprice_if_table_changed(now)
            .await?
        {
            tracing::info!(changed, "the price table changed: history re-priced");
        }
        Ok(vault)
    }

    pub fn new(store: Store, secrets: Arc<dyn SecretStore>, actor: Actor) -> Self {
        Vault {
            store,
            secrets,
            actor,
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Stores a new credential: the secret in the keychain, the metadata in the database.
    pub async fn add(
        &self,
        new: NewCredential,
        secret: ApiSecret,
        now: DateTime<Utc>,
    ) -> Result<Credential> {
        let mut new = new;
        if new.profile.as_deref().is_none_or(|p| p.trim().is_empty()) {
            new.profile = Some(crate::profiles::profile_for_new_key(&self.store).await?);
        }
        let new = new.validated()?;
        let detection = detect(secret.expose());
        let provider = match (new.provider, detection.provider) {
            (Some(p), _) | (None, Some(p)) => p,
            (None, None) if detection.candidates.len() > 1 => {
                let names: Vec<&str> = detection.candidates.iter().map(|p| p.as_str()).collect();
                return Err(Error::invalid(format!(
                    "this key could belong to {}; choose the provider",
                    names.join(" or ")
                )));
            }
            (None, None) => {
                return Err(Error::invalid(
                    "the provider of this key is not recognised; choose one (or \"other\")",
                ))
            }
        };
        let fingerprint = secret.fingerprint();
        if let Some(existing) =
            credentials::find_by_fingerprint(self.store.pool(), &fingerprint).await?
        {
            return Err(Error::Duplicate {
                id: existing.id,
                label: existing.label,
            });
        }
        let token = detection.token;
        let (expires_at, expires_source) = expiry_of(new.expires_on, token.as_ref());
        let mut credential = Credential {
            id: uuid::Uuid::new_v4().to_string(),
            provider,
            kind: new.kind.or(detection.kind).unwrap_or(Kind::Api),
            label: new.label,
            profile: new.profile.unwrap_or_default(),
            base_url: new.base_url,
            hint: secret.hint(&detection.prefix),
            fingerprint,
            created_at: now,
            expires_at,
            expires_source,
            token_issuer: token.as_ref().and_then(|t| t.issuer.clone()),
            token_scope: token.and_then(|t| t.scope),
            status: Status::Pending,
            last_checked_at: None,
            notes: new.notes.unwrap_or_default(),
            rotated_at: None,
        };

        self.store_new(&mut credential, &secret, Action::Add, now)
            .await?;
        Ok(credential)
    }

    /// Writes a new credential (given as `pending`) and its secret: the row, then the keychain
    /// item, then the row activated with an audit line of `action`; undone on failure.
    pub(crate) async fn store_new(
        &self,
        credential: &mut Credential,
        secret: &ApiSecret,
        action: Action,
        now: DateTime<Utc>,
    ) -> Result<()> {
        credentials::insert(self.store.pool(), credential).await?;
        if let Err(err) = self.keychain_set(&credential.id, secret).await {
            self.abandon_add(credential, action, now, &err).await;
            return Err(err);
        }
        crate::crashpoint::reached(crate::crashpoint::ADD_AFTER_KEYCHAIN);
        if let Err(err) = self.activate(credential, action, now).await {
            // The keychain holds the secret but the row could not be activated: undo both.
            let _ = self.keychain_delete(&credential.id).await;
            self.abandon_add(credential, action, now, &err).await;
            return Err(err);
        }
        credential.status = Status::Unknown;
        tracing::info!(id = %credential.id, provider = credential.provider.as_str(), action = action.as_str(), "credential added");
        Ok(())
    }

    async fn activate(&self, c: &Credential, action: Action, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.store.pool().begin().await?;
        credentials::activate(&mut *tx, &c.id).await?;
        self.record(&mut *tx, now, action, Some(c), "ok").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Best effort after a failed add: drop the pending row and note the failure. If even that
    /// fails (a full disk), the pending row is dropped by the next start's reconcile.
    async fn abandon_add(&self, c: &Credential, action: Action, now: DateTime<Utc>, err: &Error) {
        tracing::warn!(id = %c.id, code = err.code(), "add failed: {err}");
        let _ = credentials::delete(self.store.pool(), &c.id).await;
        let _ = self
            .record(self.store.pool(), now, action, Some(c), err.code())
            .await;
    }

    /// Every stored credential, newest first.
    pub async fn list(&self) -> Result<Vec<Credential>> {
        credentials::list(self.store.pool()).await
    }

    /// Finds one credential by its id or an unambiguous prefix of it.
    pub async fn resolve(&self, id_or_prefix: &str) -> Result<Credential> {
        let wanted = id_or_prefix.trim();
        if wanted.is_empty() {
            return Err(Error::invalid("give a credential id"));
        }
        let mut found = credentials::find_by_id_prefix(self.store.pool(), wanted).await?;
        match found.len() {
            0 => Err(Error::NotFound(wanted.to_owned())),
            1 => Ok(found.remove(0)),
            _ => found
                .into_iter()
                .find(|c| c.id == wanted)
                .ok_or_else(|| Error::AmbiguousId(wanted.to_owned())),
        }
    }

    /// Returns the secret so the user can see it; always audited, failures included.
    pub async fn reveal(&self, id: &str, now: DateTime<Utc>) -> Result<(Credential, ApiSecret)> {
        self.read_secret(id, now, Action::Reveal).await
    }

    /// Returns the secret for a clipboard copy done by the caller; audited as a copy.
    pub async fn secret_for_copy(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(Credential, ApiSecret)> {
        self.read_secret(id, now, Action::Copy).await
    }

    async fn read_secret(
        &self,
        id: &str,
        now: DateTime<Utc>,
        action: Action,
    ) -> Result<(Credential, ApiSecret)> {
        let credential = self.resolve(id).await?;
        let result = match self.keychain_get(&credential.id).await {
            Ok(Some(secret)) => Ok(secret),
            Ok(None) => {
                credentials::set_status(self.store.pool(), &credential.id, Status::SecretMissing)
                    .await?;
                Err(Error::SecretMissing(credential.label.clone()))
            }
            Err(e) => Err(e),
        };
        let outcome = result.as_ref().map_or_else(|e| e.code(), |_| "ok");
        self.record(self.store.pool(), now, action, Some(&credential), outcome)
            .await?;
        tracing::info!(id = %credential.id, action = action.as_str(), outcome, "secret read");
        result.map(|secret| (credential, secret))
    }

    /// Reads the secrets of `keys` (each once) to hand them to the program `command` (its name
    /// only is recorded): one audit line per key, failures included.
    pub async fn secrets_for_run(
        &self,
        keys: &[Credential],
        command: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<ApiSecret>> {
        let mut secrets = Vec::with_capacity(keys.len());
        for c in keys {
            let result = self.secret_of(c, SecretRead::Current).await;
            let outcome = result.as_ref().map_or_else(|e| e.code(), |_| "ok");
            audit::record(
                self.store.pool(),
                audit::Entry {
                    at: now,
                    action: Action::Run,
                    credential_id: Some(&c.id),
                    label: &c.label,
                    outcome,
                    actor: self.actor,
                    detail: Some(command),
                },
            )
            .await?;
            secrets.push(result?);
        }
        Ok(secrets)
    }

    /// Checks one credential with the provider, records the outcome (status, last checked,
    /// audit line) and returns it.
    pub async fn check(
        &self,
        id: &str,
        checker: &Checker,
        now: DateTime<Utc>,
    ) -> Result<CheckOutcome> {
        let mut credential = self.resolve(id).await?;
        let secret = match self.secret_of(&credential, SecretRead::Current).await {
            Ok(secret) => secret,
            Err(e) => {
                self.record(
                    self.store.pool(),
                    now,
                    Action::Check,
                    Some(&credential),
                    e.code(),
                )
                .await?;
                return Err(e);
            }
        };
        let probe = checker
            .check(
                credential.provider,
                credential.kind,
                credential.base_url.as_deref(),
                &secret,
            )
            .await;
        let status = match probe.status {
            CheckStatus::Valid => Some(Status::Valid),
            CheckStatus::Invalid => Some(Status::Invalid),
            _ => None,
        };
        let mut tx = self.store.pool().begin().await?;
        if let Some(status) = status {
            credentials::set_checked(&mut *tx, &credential.id, status, now).await?;
            credential.status = status;
            credential.last_checked_at = Some(now);
        }
        self.record(
            &mut *tx,
            now,
            Action::Check,
            Some(&credential),
            probe.status.as_str(),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(id = %credential.id, outcome = probe.status.as_str(), latency_ms = probe.latency_ms, "checked");
        Ok(CheckOutcome { credential, probe })
    }

    /// The secret of `credential`, marking the row `secret_missing` when the keychain lost it.
    /// Callers audit it (checks) or record it in the poll status (frequent polls).
    pub(crate) async fn secret_of(
        &self,
        credential: &Credential,
        read: SecretRead,
    ) -> Result<ApiSecret> {
        let (store, id, fingerprint) = (
            self.secrets.clone(),
            credential.id.clone(),
            credential.fingerprint.clone(),
        );
        let found = blocking(move || match read {
            SecretRead::Fresh => store.get(&id),
            SecretRead::Current => store.get_current(&id, &fingerprint),
        })
        .await?;
        match found {
            Some(secret) => Ok(secret),
            None => {
                credentials::set_status(self.store.pool(), &credential.id, Status::SecretMissing)
                    .await?;
                Err(Error::SecretMissing(credential.label.clone()))
            }
        }
    }

    /// Deletes the credential from the database and the keychain, or from neither.
    pub async fn delete(&self, id: &str, now: DateTime<Utc>) -> Result<Credential> {
        let credential = self.resolve(id).await?;
        let mut tx = self.store.pool().begin().await?;
        credentials::delete(&mut *tx, &credential.id).await?;
        self.record(&mut *tx, now, Action::Delete, Some(&credential), "ok")
            .await?;
        // If the keychain refuses, the transaction rolls back and nothing is deleted. If the
        // commit fails after the keychain item is gone, reconcile marks the row secret_missing.
        self.keychain_delete(&credential.id).await?;
        tx.commit().await?;
        tracing::info!(id = %credential.id, "credential deleted");
        Ok(credential)
    }

    /// The newest `limit` audit events.
    pub async fn audit(&self, limit: i64) -> Result<Vec<AuditEvent>> {
        audit::recent(self.store.pool(), limit).await
    }

    /// Checks every credential against the keychain: rows whose item is gone become
    /// `secret_missing` (never silently dropped), and rows whose item is back recover.
    pub async fn reconcile(&self, now: DateTime<Utc>) -> Result<ReconcileReport> {
        let mut report = self.settle_pending(now).await?;
        for c in credentials::list(self.store.pool()).await? {
            let present = self.keychain_get(&c.id).await?.is_some();
            let next = match (present, c.status == Status::SecretMissing) {
                (false, false) => {
                    report.missing.push(c.id.clone());
                    Status::SecretMissing
                }
                (true, true) => {
                    report.restored.push(c.id.clone());
                    Status::Unknown
                }
                _ => continue,
            };
            let mut tx = self.store.pool().begin().await?;
            credentials::set_status(&mut *tx, &c.id, next).await?;
            self.record(&mut *tx, now, Action::Reconcile, Some(&c), next.as_str())
                .await?;
            tx.commit().await?;
            tracing::warn!(id = %c.id, status = next.as_str(), "reconciled with the keychain");
        }
        Ok(report)
    }

    /// Finishes or drops adds interrupted between the keychain write and the activation.
    async fn settle_pending(&self, now: DateTime<Utc>) -> Result<ReconcileReport> {
        let mut report = ReconcileReport::default();
        for c in credentials::list_pending(self.store.pool()).await? {
            if self.keychain_get(&c.id).await?.is_some() {
                self.activate(&c, Action::Add, now).await?;
                report.completed += 1;
            } else {
                credentials::delete(self.store.pool(), &c.id).await?;
                report.dropped += 1;
            }
        }
        Ok(report)
    }

    pub(crate) async fn record(
        &self,
        db: impl sqlx::SqliteExecutor<'_>,
        at: DateTime<Utc>,
        action: Action,
        credential: Option<&Credential>,
        outcome: &str,
    ) -> Result<()> {
        audit::record(
            db,
            audit::Entry {
                at,
                action,
                credential_id: credential.map(|c| c.id.as_str()),
                label: credential.map_or("", |c| c.label.as_str()),
                outcome,
                actor: self.actor,
                detail: None,
            },
        )
        .await
    }

    pub(crate) async fn keychain_set(&self, id: &str, secret: &ApiSecret) -> Result<()> {
        let (store, id, secret) = (self.secrets.clone(), id.to_owned(), secret.clone());
        blocking(move || store.set(&id, &secret)).await
    }

    pub(crate) async fn keychain_get(&self, id: &str) -> Result<Option<ApiSecret>> {
        let (store, id) = (self.secrets.clone(), id.to_owned());
        blocking(move || store.get(&id)).await
    }

    pub(crate) async fn keychain_delete(&self, id: &str) -> Result<()> {
        let (store, id) = (self.secrets.clone(), id.to_owned());
        blocking(move || store.delete(&id)).await
    }
}

/// How a secret is read for a use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SecretRead {
    /// From the keychain itself: once per poll pass or export, so an item deleted or changed
    /// outside Keyledger is noticed.
    Fresh,
    /// From memory while it still matches the row's fingerprint (checks, runs).
    Current,
}

/// A key's expiry: the date the user gave, else a token's `exp`, else none.
pub(crate) fn expiry_of(
    expires_on: Option<chrono::NaiveDate>,
    token: Option<&crate::token::TokenInfo>,
) -> (Option<DateTime<Utc>>, Option<ExpirySource>) {
    match (expires_on, token) {
        (Some(date), _) => (Some(end_of_day_utc(date)), Some(ExpirySource::Manual)),
        (None, Some(t)) if t.expires_at.is_some() => (t.expires_at, Some(ExpirySource::Token)),
        _ => (None, None),
    }
}

/// Keychain calls block on D-Bus for ~100 ms: keep them off the async workers.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::KeychainUnavailable(format!("keychain call did not finish: {e}")))?
}
