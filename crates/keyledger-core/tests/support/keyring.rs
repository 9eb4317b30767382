//! The keyring daemon as the tests see it from outside: who owns the Secret Service name on the
//! session bus, to tell that the same daemon answered before and after a stress.

use std::process::Command;

/// The PID of whoever owns `org.freedesktop.secrets` on the session bus.
pub fn keyring_daemon_pid() -> u32 {
    let out = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/",
            "org.freedesktop.DBus.GetConnectionUnixProcessID",
            "string:org.freedesktop.secrets",
        ])
        .output()
        .expect("dbus-send runs");
    assert!(
        out.status.success(),
        "no keyring daemon answers: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace()
        .last()
        .and_then(|pid| pid.parse().ok())
        .expect("a PID in dbus-send's answer")
}
