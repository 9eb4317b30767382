//! What the CLI tests share: a private data dir and keychain service per test (the service's
//! items are cleared on drop), the built `keyledger` pointed at them (or at a temp HOME), and a
//! `keyledger gateway` in the background, stopped by Ctrl+C.

#![allow(clippy::unwrap_used, dead_code)] // shared by several test crates, each using a part

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

pub struct Env {
    pub dir: tempfile::TempDir,
    pub service: String,
}

impl Env {
    pub fn new() -> Self {
        Env {
            dir: tempfile::tempdir().unwrap(),
            service: format!("keyledger-cli-test-{}", std::process::id()) + &unique(),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("keyledger").unwrap();
        c.env("KEYLEDGER_DATA_DIR", self.data_dir())
            .env("KEYLEDGER_KEYRING_SERVICE", &self.service)
            .env_remove("KEYLEDGER_LOG")
            .env_remove("OPENAI_API_KEY")
            .env_remove("ANTHROPIC_API_KEY");
        c
    }

    pub fn add(&self, stdin: &str, args: &[&str]) -> std::process::Output {
        self.cmd()
            .arg("add")
            .args(args)
            .write_stdin(stdin.as_bytes())
            .output()
            .unwrap()
    }

    pub fn list_json(&self) -> Vec<Value> {
        let out = self.cmd().args(["list", "--json"]).assert().success();
        serde_json::from_slice::<Value>(&out.get_output().stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    pub fn secret_tool(&self, id: &str) -> Option<String> {
        let out = Command::new("secret-tool")
            .args(["lookup", "service", &self.service, "username", id])
            .output()
            .unwrap();
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).unwrap())
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = Command::new("secret-tool")
            .args(["clear", "service", &self.service])
            .status();
    }
}

/// `keyledger` with its data dir under `home` (which is also its HOME), no keychain in use.
pub fn home_cmd(home: &Path, service: &str) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("keyledger").unwrap();
    c.env("HOME", home)
        .env("KEYLEDGER_DATA_DIR", home.join("data"))
        .env("KEYLEDGER_KEYRING_SERVICE", service)
        .env_remove("CLAUDE_CONFIG_DIR")
        .env_remove("CODEX_HOME");
    c
}

/// The stdout of a command that must have succeeded (its stderr in the failure otherwise).
pub fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// `keyledger gateway --port 0` in the background.
pub struct GatewayProcess {
    child: Child,
    /// Its base URL, from the first line it printed.
    pub url: String,
}

impl GatewayProcess {
    /// Ctrl+C: it writes what it saw and ends; returns what it said on stderr.
    pub fn stop(mut self) -> String {
        Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(self.child.wait().unwrap().success());
        let mut said = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            err.read_to_string(&mut said).unwrap();
        }
        said
    }
}

impl Drop for GatewayProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Env {
    /// Starts `keyledger gateway --port 0` on this data dir and keychain.
    pub fn gateway(&self) -> GatewayProcess {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("keyledger"))
            .args(["gateway", "--port", "0"])
            .env("KEYLEDGER_DATA_DIR", self.data_dir())
            .env("KEYLEDGER_KEYRING_SERVICE", &self.service)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let url = first.trim().to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        GatewayProcess { child, url }
    }

    /// `usage --by credential --json` for today (UTC).
    pub fn usage_today(&self) -> Vec<Value> {
        let today = keyledger_core::clock::now().date_naive().to_string();
        let out = self
            .cmd()
            .args([
                "usage",
                "--by",
                "credential",
                "--from",
                &today,
                "--to",
                &today,
                "--json",
            ])
            .output()
            .unwrap();
        serde_json::from_str::<Value>(&stdout(&out))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    /// Issues a local token for the key `id`; returns the token.
    pub fn token(&self, id: &str) -> String {
        let out = self
            .cmd()
            .args(["gateway", "token", id, "--json"])
            .output()
            .unwrap();
        let issued: Value = serde_json::from_str(&stdout(&out)).unwrap();
        issued["token"].as_str().unwrap().to_owned()
    }
}

pub fn unique() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!("-{}", N.fetch_add(1, Ordering::SeqCst))
}
