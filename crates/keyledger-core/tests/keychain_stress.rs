//! The user's keyring does not fall over: 8 threads × 50 keychain calls in one process go
//! through one serialized Secret Service session, every call succeeds, and the keyring daemon
//! that answered before is the one that answers after (same PID, no second daemon started).
//! Runs inside scripts/session.sh (a private gnome-keyring).

#![allow(clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/keyring.rs"]
mod keyring_daemon;

use std::process::Command;
use std::sync::Arc;

use keyledger_core::keychain::Keychain;
use keyledger_core::secret::{ApiSecret, SecretStore};

#[test]
fn eight_threads_of_fifty_keychain_calls_all_succeed_and_the_daemon_stays_up() {
    let before = keyring_daemon::keyring_daemon_pid();
    let service = format!("keyledger-stress-{}", uuid::Uuid::new_v4());
    let keychain = Arc::new(Keychain::new(service.clone()));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let keychain = keychain.clone();
            std::thread::spawn(move || {
                let id = format!("thread-{t}");
                for round in 0..10 {
                    let secret =
                        ApiSecret::parse(&format!("sk-proj-stress{t}x{round}abcdefghijklmnop"))
                            .unwrap();
                    keychain.set(&id, &secret).unwrap();
                    let read = keychain.get(&id).unwrap().unwrap();
                    assert_eq!(read.expose(), secret.expose());
                    let current = keychain.get_current(&id, &secret.fingerprint()).unwrap();
                    assert_eq!(current.unwrap().expose(), secret.expose());
                    keychain.delete(&id).unwrap();
                    assert!(keychain.get(&id).unwrap().is_none());
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(
        keyring_daemon::keyring_daemon_pid(),
        before,
        "the keyring daemon restarted"
    );
    let left = Command::new("secret-tool")
        .args(["search", "--all", "service", &service])
        .output()
        .unwrap();
    assert!(
        left.stdout.is_empty(),
        "items left behind: {}",
        String::from_utf8_lossy(&left.stdout)
    );
}
