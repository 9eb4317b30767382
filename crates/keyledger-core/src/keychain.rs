//! The OS keychain: [`Keychain`] (reads remembered and checked against the database's
//! fingerprint), and its items, where every call in a process goes through one serialized path
//! and, on Linux, one Secret Service session that is opened once and reused.
//!
//! gnome-keyring can abort when many sessions open at once, so a process never opens more than
//! one. Items keep the attributes and label the `keyring` crate gives them, so keys stored by
//! any Keyledger version are found.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use crate::secret::{ApiSecret, SecretStore};
use crate::{Error, Result};

/// The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows),
/// one item per credential under `service`, with reads remembered for the process's life and
/// checked against the database's fingerprint before each use.
pub struct Keychain {
    service: String,
    cache: Mutex<HashMap<String, ApiSecret>>,
}

impl fmt::Debug for Keychain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keychain")
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

impl Keychain {
    pub fn new(service: impl Into<String>) -> Self {
        Keychain {
            service: service.into(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, HashMap<String, ApiSecret>> {
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SecretStore for Keychain {
    fn set(&self, id: &str, secret: &ApiSecret) -> Result<()> {
        set(&self.service, id, secret)?;
        self.cache().insert(id.to_owned(), secret.clone());
        Ok(())
    }

    fn get(&self, id: &str) -> Result<Option<ApiSecret>> {
        let found = get(&self.service, id)?;
        match &found {
            Some(secret) => self.cache().insert(id.to_owned(), secret.clone()),
            None => self.cache().remove(id),
        };
        Ok(found)
    }

    fn get_current(&self, id: &str, fingerprint: &str) -> Result<Option<ApiSecret>> {
        let remembered = self.cache().get(id).cloned();
        match remembered {
            Some(secret) if secret.fingerprint() == fingerprint => Ok(Some(secret)),
            _ => self.get(id),
        }
    }

    fn delete(&self, id: &str) -> Result<()> {
        self.cache().remove(id);
        delete(&self.service, id)
    }
}

/// Stores `secret` as the item of (`service`, `id`), replacing any previous value.
pub fn set(service: &str, id: &str, secret: &ApiSecret) -> Result<()> {
    imp::set(service, id, secret.expose())
}

/// The item's value, `None` when there is no item.
pub fn get(service: &str, id: &str) -> Result<Option<ApiSecret>> {
    Ok(imp::get(service, id)?.map(ApiSecret::from_keychain))
}

/// Removes the item; removing an item that is not there succeeds.
pub fn delete(service: &str, id: &str) -> Result<()> {
    imp::delete(service, id)
}

/// Maps keyring errors to ours without ever formatting a payload that could hold secret bytes.
fn map_keyring_error(err: keyring::Error) -> Error {
    match err {
        keyring::Error::NoStorageAccess(_) => Error::KeychainLocked,
        keyring::Error::PlatformFailure(inner) => Error::KeychainUnavailable(inner.to_string()),
        keyring::Error::BadEncoding(_) => {
            Error::KeychainUnavailable("a keychain item is not valid UTF-8".to_owned())
        }
        keyring::Error::TooLong(attr, max) => {
            Error::invalid(format!("the keychain refuses a {attr} longer than {max}"))
        }
        keyring::Error::Invalid(attr, reason) => {
            Error::KeychainUnavailable(format!("invalid {attr}: {reason}"))
        }
        keyring::Error::Ambiguous(_) => Error::KeychainUnavailable(
            "several keychain items share this credential's name".to_owned(),
        ),
        keyring::Error::NoEntry => Error::KeychainUnavailable("item not found".to_owned()),
        other => Error::KeychainUnavailable(other.to_string()),
    }
}

#[cfg(target_os = "linux")]
mod imp {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use dbus_secret_service::{EncryptionType, Item, SecretService};
    use keyring::secret_service::{self as ss, SsCredential};

    use super::map_keyring_error;
    use crate::{Error, Result};

    /// The one session of this process, opened on first use and dropped when a call fails at
    /// the transport level (the daemon restarted), so the next call opens a fresh one.
    static SESSION: Mutex<Option<SecretService>> = Mutex::new(None);

    /// How long an unlock prompt may wait for the user before the call reports "locked".
    const PROMPT_SECONDS: u64 = 120;

    fn connect() -> Result<SecretService> {
        SecretService::connect_with_max_prompt_timeout(EncryptionType::Dh, PROMPT_SECONDS)
            .map_err(|e| Error::KeychainUnavailable(unreachable_reason(&e)))
    }

    /// A plain reason for "no keychain service answers", without D-Bus jargon.
    fn unreachable_reason(err: &dbus_secret_service::Error) -> String {
        match err {
            dbus_secret_service::Error::Dbus(e) => match e.name() {
                Some("org.freedesktop.DBus.Error.ServiceUnknown")
                | Some("org.freedesktop.DBus.Error.NameHasNoOwner") => {
                    "no Secret Service is running in this desktop session".to_owned()
                }
                Some("org.freedesktop.DBus.Error.NoReply")
                | Some("org.freedesktop.DBus.Error.Timeout") => {
                    "the Secret Service did not answer".to_owned()
                }
                Some("org.freedesktop.DBus.Error.NoServer")
                | Some("org.freedesktop.DBus.Error.FileNotFound") => {
                    "there is no desktop session bus (D-Bus)".to_owned()
                }
                _ if e
                    .message()
                    .is_some_and(|m| m.contains("DBUS_SESSION_BUS_ADDRESS")) =>
                {
                    "there is no desktop session bus (D-Bus)".to_owned()
                }
                _ => "the Secret Service could not be reached".to_owned(),
            },
            dbus_secret_service::Error::Unavailable => {
                "no Secret Service is running in this desktop session".to_owned()
            }
            _ => "the Secret Service refused a session".to_owned(),
        }
    }

    /// Runs `call` on the process's session, one call at a time. A transport failure drops the
    /// session and the call is tried once more on a new one: every call here is idempotent.
    fn with_session<T>(call: impl Fn(&SecretService) -> keyring::Result<T>) -> Result<T> {
        let mut slot = SESSION.lock().unwrap_or_else(|p| p.into_inner());
        let mut retried = false;
        loop {
            let session = match slot.take() {
                Some(session) => session,
                None => connect()?,
            };
            match call(&session) {
                Err(keyring::Error::PlatformFailure(_)) if !retried => retried = true,
                other => {
                    *slot = Some(session);
                    return other.map_err(map_keyring_error);
                }
            }
        }
    }

    fn credential(service: &str, id: &str) -> keyring::Result<SsCredential> {
        SsCredential::new_with_target(None, service, id)
    }

    /// The items matching the credential, as keyring searches them: target, service and user.
    fn matching<'a>(
        session: &'a SecretService,
        cred: &SsCredential,
    ) -> keyring::Result<Vec<Item<'a>>> {
        let attributes: HashMap<&str, &str> = ["target", "service", "username"]
            .into_iter()
            .filter_map(|k| cred.attributes.get(k).map(|v| (k, v.as_str())))
            .collect();
        let found = session.search_items(attributes).map_err(ss::decode_error)?;
        Ok(found.unlocked.into_iter().chain(found.locked).collect())
    }

    fn unique<'a>(mut items: Vec<Item<'a>>) -> keyring::Result<Option<Item<'a>>> {
        match items.len() {
            0 => Ok(None),
            1 => {
                let item = items.remove(0);
                item.ensure_unlocked().map_err(ss::decode_error)?;
                Ok(Some(item))
            }
            _ => Err(keyring::Error::Ambiguous(Vec::new())),
        }
    }

    pub(super) fn set(service: &str, id: &str, secret: &str) -> Result<()> {
        with_session(|session| {
            let cred = credential(service, id)?;
            if let Some(item) = unique(matching(session, &cred)?)? {
                return ss::set_item_secret(&item, secret.as_bytes());
            }
            let collection = ss::get_collection(session, "default")
                .or_else(|_| ss::create_collection(session, "default"))?;
            collection
                .create_item(
                    &cred.label,
                    cred.attributes
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect(),
                    secret.as_bytes(),
                    true,
                    "text/plain",
                )
                .map_err(ss::decode_error)?;
            Ok(())
        })
    }

    pub(super) fn get(service: &str, id: &str) -> Result<Option<String>> {
        with_session(|session| {
            let cred = credential(service, id)?;
            unique(matching(session, &cred)?)?
                .map(|item| ss::get_item_password(&item))
                .transpose()
        })
    }

    pub(super) fn delete(service: &str, id: &str) -> Result<()> {
        with_session(|session| {
            let cred = credential(service, id)?;
            for item in matching(session, &cred)? {
                ss::delete_item(&item)?;
            }
            Ok(())
        })
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use std::sync::Mutex;

    use super::map_keyring_error;
    use crate::Result;

    /// One keychain call at a time in this process.
    static SERIAL: Mutex<()> = Mutex::new(());

    fn entry(service: &str, id: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(service, id).map_err(map_keyring_error)
    }

    pub(super) fn set(service: &str, id: &str, secret: &str) -> Result<()> {
        let _turn = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        entry(service, id)?
            .set_password(secret)
            .map_err(map_keyring_error)
    }

    pub(super) fn get(service: &str, id: &str) -> Result<Option<String>> {
        let _turn = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        match entry(service, id)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring_error(e)),
        }
    }

    pub(super) fn delete(service: &str, id: &str) -> Result<()> {
        let _turn = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        match entry(service, id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring_error(e)),
        }
    }
}
