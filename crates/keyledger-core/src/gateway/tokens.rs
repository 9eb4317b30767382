//! Local tokens: what a program is given instead of a real key. A token is `klg_` and 256
//! random bits; only its SHA-256 is stored, so the database cannot give it back. The gateway
//! swaps a live token for the real key of the credential it was issued for.

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use crate::store::gateway as store;
use crate::store::Store;
use crate::{Error, Result};

pub use crate::store::gateway::TokenInfo;

/// What every local token starts with.
pub const PREFIX: &str = "klg_";

/// A token as it is handed out, once: it cannot be printed by accident.
#[derive(Debug)]
pub struct LocalToken(SecretString);

impl LocalToken {
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

/// The stored form of a token.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Issues a token for `credential_id`; `ephemeral` ones belong to one `run --meter`.
pub async fn issue(
    db: &Store,
    credential_id: &str,
    label: &str,
    ephemeral: bool,
    now: DateTime<Utc>,
) -> Result<(TokenInfo, LocalToken)> {
    let mut bits = [0u8; 32];
    getrandom::fill(&mut bits)
        .map_err(|e| Error::invalid(format!("no randomness for a token: {e}")))?;
    let secret: String = std::iter::once(PREFIX.to_owned())
        .chain(bits.iter().map(|b| format!("{b:02x}")))
        .collect();
    let info = store::insert(
        db.pool(),
        credential_id,
        label,
        &hash(&secret),
        ephemeral,
        now,
    )
    .await?;
    Ok((info, LocalToken(SecretString::from(secret))))
}

/// The credential a live token was issued for.
pub async fn resolve(db: &Store, token: &str) -> Result<Option<String>> {
    store::credential_of(db.pool(), &hash(token)).await
}
