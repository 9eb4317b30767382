//! What the CLI tests share: a private data dir and keychain service per test (the service's
//! items are cleared on drop), and the built `keyledger` pointed at them.

#![allow(clippy::unwrap_used, dead_code)] // shared by several test crates, each using a part

use std::path::PathBuf;
use std::process::Command;

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

pub fn unique() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!("-{}", N.fetch_add(1, Ordering::SeqCst))
}
