//! A private profile for vault tests: a temp data dir and a keychain service no real user has,
//! opened like the CLI opens it, with `secret-tool` to look at the keychain from outside.

use std::process::Command;

use keyledger_core::audit::Actor;
use keyledger_core::config::Config;
use keyledger_core::vault::Vault;

/// A private profile: temp data dir and a keychain service no real user has.
pub struct Profile {
    _dir: tempfile::TempDir,
    pub config: Config,
}

impl Profile {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            data_dir: dir.path().join("data"),
            keyring_service: format!("keyledger-test-{}", uuid::Uuid::new_v4()),
        };
        Profile { _dir: dir, config }
    }

    pub async fn vault(&self) -> Vault {
        self.vault_at(super::now()).await
    }

    /// The vault opened at `now` (which decides what an interrupted rotation's age is).
    pub async fn vault_at(&self, now: chrono::DateTime<chrono::Utc>) -> Vault {
        Vault::open(&self.config, Actor::Cli, now).await.unwrap()
    }

    pub fn keychain_lookup(&self, id: &str) -> Option<String> {
        let out = Command::new("secret-tool")
            .args([
                "lookup",
                "service",
                &self.config.keyring_service,
                "username",
                id,
            ])
            .output()
            .unwrap();
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).unwrap())
    }

    pub fn keychain_clear(&self, id: &str) {
        let status = Command::new("secret-tool")
            .args([
                "clear",
                "service",
                &self.config.keyring_service,
                "username",
                id,
            ])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = Command::new("secret-tool")
            .args(["clear", "service", &self.config.keyring_service])
            .status();
    }
}

impl Profile {
    /// The D-Bus object paths of the profile's keychain items (one per stored secret).
    pub fn keychain_items(&self) -> Vec<String> {
        let out = Command::new("secret-tool")
            .args(["search", "--all", "service", &self.config.keyring_service])
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        text.lines()
            .filter_map(|l| l.strip_prefix('[')?.strip_suffix(']').map(str::to_owned))
            .collect()
    }
}
