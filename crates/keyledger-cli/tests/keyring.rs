//! The user's keyring under load and when it is missing: 20 `keyledger` processes at once all
//! succeed without the keyring daemon restarting, and a session bus with no keychain service
//! gets "no system keychain is running", not "locked". Inside scripts/session.sh.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

#[path = "../../keyledger-core/tests/support/keyring.rs"]
mod keyring_daemon;

use std::process::{Command, Stdio};

mod common;

use common::Env;

#[test]
fn twenty_cli_processes_at_once_all_succeed_and_the_keyring_daemon_stays_up() {
    let before = keyring_daemon::keyring_daemon_pid();
    let env = Env::new();
    let keys: Vec<(String, String)> = (0..3)
        .map(|n| {
            let key = format!("sk-proj-STRESS{n}abcdefghijklmnopqrstuvwxyz0123456789");
            let out = env.add(&key, &["--label", &format!("stress {n}")]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            (
                String::from_utf8(out.stdout).unwrap().trim().to_owned(),
                key,
            )
        })
        .collect();

    let bin = assert_cmd::cargo::cargo_bin("keyledger");
    let running: Vec<_> = (0..20)
        .map(|n| {
            let (id, key) = &keys[n % keys.len()];
            let child = Command::new(&bin)
                .args(["reveal", id])
                .env("KEYLEDGER_DATA_DIR", env.data_dir())
                .env("KEYLEDGER_KEYRING_SERVICE", &env.service)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (child, key.clone())
        })
        .collect();
    for (child, key) in running {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), key);
    }
    assert_eq!(
        keyring_daemon::keyring_daemon_pid(),
        before,
        "the keyring daemon restarted"
    );
}

#[test]
fn a_session_without_a_keychain_service_says_start_one_not_unlock_it() {
    let env = Env::new();
    let conf = env.dir.path().join("bus.conf");
    std::fs::write(
        &conf,
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>"#,
    )
    .unwrap();
    let out = Command::new("dbus-run-session")
        .arg(format!("--config-file={}", conf.display()))
        .arg("--")
        .arg(assert_cmd::cargo::cargo_bin("keyledger"))
        .args(["add", "--label", "no keyring"])
        .env("KEYLEDGER_DATA_DIR", env.data_dir())
        .env("KEYLEDGER_KEYRING_SERVICE", &env.service)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"sk-proj-NOKEYRINGabcdefghijklmnopqrstuvwxyz012345")?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.contains(
            "no system keychain is running (no Secret Service is running in this desktop session); start one"
        ),
        "{err}"
    );
    assert!(!last.contains("locked"), "{err}");
    assert!(env.list_json().is_empty(), "nothing stored");
}
