//! Who a request is on behalf of: a local token's key and secret, or the stored record of a real
//! key. Each is looked up once and remembered while the vault's generation stays the same; every
//! change to a key or a token (made here, by the CLI or by another instance) moves it on, and each
//! request reads it first, so a revoked token is refused at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::tokens;
use crate::credential::{Credential, Provider};
use crate::secret::ApiSecret;
use crate::store::{credentials, gateway as store};
use crate::vault::{SecretRead, Vault};

/// At most this many callers are remembered; past it, the memory starts again.
const REMEMBERED: usize = 4096;

/// A stored key (and its secret), or a key Keyledger does not hold.
#[derive(Debug)]
pub struct Caller {
    pub credential: Option<Credential>,
    pub secret: ApiSecret,
}

/// Why a caller was not found.
#[derive(Debug)]
pub enum Refused {
    /// The token or key cannot be used (HTTP 401).
    Unauthorized(String),
    /// The vault could not be read (HTTP 503).
    Unavailable(String),
}

/// The callers remembered, valid for one generation of the vault.
#[derive(Debug, Default)]
pub struct Callers {
    memory: Mutex<Memory>,
}

#[derive(Debug, Default)]
struct Memory {
    generation: i64,
    known: HashMap<String, Arc<Caller>>,
}

impl Callers {
    /// The caller `key` stands for on `provider`'s route: a local token (`klg_…`) must be live and
    /// issued for a key of that provider; any other value is taken as a real key.
    pub async fn find(
        &self,
        vault: &Vault,
        provider: Provider,
        key: &str,
    ) -> Result<Arc<Caller>, Refused> {
        let unavailable = |e: crate::Error| Refused::Unavailable(e.to_string());
        let generation = store::generation(vault.store().pool())
            .await
            .map_err(unavailable)?;
        let token = key.starts_with(tokens::PREFIX);
        let secret = if token {
            None
        } else {
            let secret = ApiSecret::parse(key).map_err(|e| Refused::Unauthorized(e.to_string()))?;
            let fingerprint = secret.fingerprint();
            Some((secret, fingerprint))
        };
        let name = match &secret {
            Some((_, fingerprint)) => format!("key:{fingerprint}"),
            None => format!("token:{}", tokens::hash(key)),
        };
        let caller = match self.remembered(generation, &name) {
            Some(caller) => caller,
            None => {
                let caller = Arc::new(match secret {
                    Some((secret, fingerprint)) => Caller {
                        credential: credentials::find_by_fingerprint(
                            vault.store().pool(),
                            &fingerprint,
                        )
                        .await
                        .map_err(unavailable)?,
                        secret,
                    },
                    None => token_caller(vault, key).await?,
                });
                self.remember(generation, name, caller.clone());
                caller
            }
        };
        match &caller.credential {
            Some(c) if token && c.provider != provider => Err(Refused::Unauthorized(format!(
                "this local token is for a {} key, not {}",
                c.provider.display_name(),
                provider.display_name()
            ))),
            _ => Ok(caller),
        }
    }

    fn remembered(&self, generation: i64, name: &str) -> Option<Arc<Caller>> {
        let memory = self.memory.lock().unwrap_or_else(PoisonError::into_inner);
        (memory.generation == generation)
            .then(|| memory.known.get(name).cloned())
            .flatten()
    }

    /// Remembers `caller`, looked up after `generation` was read: a change since then moves the
    /// generation on, so the next request looks again.
    fn remember(&self, generation: i64, name: String, caller: Arc<Caller>) {
        let mut memory = self.memory.lock().unwrap_or_else(PoisonError::into_inner);
        if generation < memory.generation {
            return;
        }
        if generation > memory.generation || memory.known.len() >= REMEMBERED {
            memory.known.clear();
            memory.generation = generation;
        }
        memory.known.insert(name, caller);
    }
}

async fn token_caller(vault: &Vault, token: &str) -> Result<Caller, Refused> {
    let unavailable = |e: crate::Error| Refused::Unavailable(e.to_string());
    let id = tokens::resolve(vault.store(), token)
        .await
        .map_err(unavailable)?
        .ok_or_else(|| {
            Refused::Unauthorized(
                "this local token is unknown or was revoked; issue a new one with `keyledger gateway token`"
                    .to_owned(),
            )
        })?;
    let credential = vault.resolve(&id).await.map_err(unavailable)?;
    let secret = vault
        .secret_of(&credential, SecretRead::Current)
        .await
        .map_err(unavailable)?;
    Ok(Caller {
        credential: Some(credential),
        secret,
    })
}
