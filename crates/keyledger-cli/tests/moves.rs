//! Moving keys with the real `keyledger` against the real Secret Service (inside
//! scripts/session.sh): rotate, encrypted export and import-backup into a fresh data dir and
//! keychain service, profiles, and a leak test over all of them.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod common;

use common::Env;

const OLD: &str = "sk-proj-MOVEoldabcdefghijklmnopqrstuvwxyz0123456789Aa1";
const NEW: &str = "sk-proj-MOVEnewabcdefghijklmnopqrstuvwxyz0123456789Bb2";
const ANTHROPIC: &str = "sk-ant-api03-MOVEabcdefghijklmnopqrstuvwxyz0123456789-zyxwQQAA";
const PASS: &str = "purple elephant under the stairs";

fn id_of(env: &Env, label: &str) -> String {
    env.list_json()
        .iter()
        .find(|c| c["label"] == label)
        .unwrap_or_else(|| panic!("no key labelled {label}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn added(env: &Env, key: &str, args: &[&str]) {
    let out = env.add(key, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn keychain_items(env: &Env) -> usize {
    let out = Command::new("secret-tool")
        .args(["search", "--all", "service", &env.service])
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    text.lines().filter(|l| l.starts_with('[')).count()
}

#[test]
fn rotate_reads_the_new_key_from_stdin_and_keeps_one_keychain_item() {
    let env = Env::new();
    added(&env, OLD, &["--label", "work"]);
    let id = id_of(&env, "work");
    let out = env
        .cmd()
        .args(["rotate", &id[..8], "--remind-revoke"])
        .write_stdin(format!("{NEW}\n"))
        .assert()
        .success();
    let said = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        said.contains("Rotated \"work\": sk-proj-…9Aa1 → sk-proj-…9Bb2"),
        "{said}"
    );
    assert!(said.contains("remind you tomorrow"), "{said}");
    assert_eq!(env.secret_tool(&id).as_deref(), Some(NEW));
    assert_eq!(keychain_items(&env), 1);
    let listed = env.list_json();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id.as_str());
    assert!(listed[0]["rotated_at"].is_string());

    let shown = env.cmd().args(["show", &id]).assert().success();
    let shown = String::from_utf8_lossy(&shown.get_output().stdout).into_owned();
    assert!(
        shown.contains("rotated  sk-proj-…9Aa1 → sk-proj-…9Bb2"),
        "{shown}"
    );

    let again = env
        .cmd()
        .args(["rotate", &id])
        .write_stdin(NEW)
        .assert()
        .failure()
        .code(1);
    let err = String::from_utf8_lossy(&again.get_output().stderr).into_owned();
    assert!(err.contains("already holds; paste the new key"), "{err}");
}

#[test]
fn a_backup_moves_every_key_into_a_fresh_data_dir_and_keychain_service() {
    let a = Env::new();
    added(&a, OLD, &["--label", "work", "--profile", "prod"]);
    added(&a, ANTHROPIC, &["--label", "agents", "--notes", "team"]);
    let file = a.dir.path().join("keys.age");
    let file_arg = file.to_str().unwrap();

    let weak = a
        .cmd()
        .args(["export", "--out", file_arg])
        .write_stdin("short\n")
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&weak.get_output().stderr).into_owned();
    assert!(err.contains("at least 12"), "{err}");
    assert!(!file.exists(), "no backup without a strong passphrase");

    let out = a
        .cmd()
        .args(["export", "--out", file_arg, "--json"])
        .write_stdin(format!("{PASS}\n"))
        .assert()
        .success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["written"], 2);

    let b = Env::new();
    let wrong = b
        .cmd()
        .args(["import-backup", file_arg])
        .write_stdin("purple elephant under the chair\n")
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&wrong.get_output().stderr).into_owned();
    assert!(
        err.contains("passphrase does not open this backup"),
        "{err}"
    );
    assert!(b.list_json().is_empty());

    let out = b
        .cmd()
        .args(["import-backup", file_arg])
        .write_stdin(format!("{PASS}\n"))
        .assert()
        .success();
    let said = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(said.contains("Added 2 of the 2 key(s)"), "{said}");
    let restored = b.list_json();
    let work = restored.iter().find(|c| c["label"] == "work").unwrap();
    assert_eq!(work["profile"], "prod");
    assert_eq!(
        b.secret_tool(work["id"].as_str().unwrap()).as_deref(),
        Some(OLD)
    );
    let agents = restored.iter().find(|c| c["label"] == "agents").unwrap();
    assert_eq!(agents["notes"], "team");

    let again = b
        .cmd()
        .args(["import-backup", file_arg])
        .write_stdin(format!("{PASS}\n"))
        .assert()
        .success();
    let listed = String::from_utf8_lossy(&again.get_output().stdout).into_owned();
    assert_eq!(listed.matches("already stored as").count(), 2, "{listed}");
    assert_eq!(keychain_items(&b), 2);
}

#[test]
fn the_default_profile_takes_new_keys_and_decides_what_run_hands_over() {
    let env = Env::new();
    added(&env, OLD, &["--label", "prod key", "--profile", "prod"]);
    env.cmd()
        .args(["profile", "default", "dev"])
        .assert()
        .success();
    added(&env, NEW, &["--label", "dev key"]);
    assert_eq!(
        env.list_json()
            .iter()
            .find(|c| c["label"] == "dev key")
            .unwrap()["profile"],
        "dev"
    );

    let only_prod = env
        .cmd()
        .args(["list", "--profile", "prod", "--json"])
        .assert()
        .success();
    let only_prod: Vec<Value> = serde_json::from_slice(&only_prod.get_output().stdout).unwrap();
    assert_eq!(only_prod.len(), 1);
    assert_eq!(only_prod[0]["label"], "prod key");
    let unknown = env
        .cmd()
        .args(["list", "--profile", "staging"])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&unknown.get_output().stderr).into_owned();
    assert!(
        err.contains("no profile 'staging'; profiles: dev, prod"),
        "{err}"
    );

    // Two OpenAI keys, but the default profile holds one: no ambiguity.
    let out = env.cmd().args(["run", "--", "env"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(printed
        .lines()
        .any(|l| l == format!("OPENAI_API_KEY={NEW}")));
    let out = env
        .cmd()
        .args(["run", "--profile", "prod", "--", "env"])
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(printed
        .lines()
        .any(|l| l == format!("OPENAI_API_KEY={OLD}")));

    let listed = env
        .cmd()
        .args(["profile", "list", "--json"])
        .assert()
        .success();
    let listed: Value = serde_json::from_slice(&listed.get_output().stdout).unwrap();
    assert_eq!(listed["default"], "dev");
    assert_eq!(listed["profiles"].as_array().unwrap().len(), 2);
    env.cmd()
        .args(["profile", "default", "--clear"])
        .assert()
        .success();
    let out = env.cmd().args(["run", "--", "env"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "with no default, run asks for a profile"
    );
    assert!(
        stderr.contains("your keys are in 2 profiles (dev, prod); choose one with --profile NAME"),
        "{stderr}"
    );
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every secret-handling command, then a search for the secrets everywhere they must not be.
#[test]
fn no_secret_reaches_the_database_logs_output_or_any_process_arguments() {
    let a = Env::new();
    let b = Env::new();
    let envfile = a.dir.path().join(".env");
    std::fs::write(
        &envfile,
        format!("export ANTHROPIC_API_KEY=\"{ANTHROPIC}\"\n"),
    )
    .unwrap();
    let backup = a.dir.path().join("keys.age");
    let mut printed: Vec<u8> = Vec::new();
    let mut keep = |o: &std::process::Output| {
        printed.extend_from_slice(&o.stdout);
        printed.extend_from_slice(&o.stderr);
    };

    keep(&a.add(OLD, &["--label", "work", "--notes", "n"]));
    let id = id_of(&a, "work");
    // The most verbose log level: whatever any crate logs is searched too.
    let run = |env: &Env, args: &[&str], stdin: &str| {
        env.cmd()
            .env("KEYLEDGER_LOG", "trace")
            .args(args)
            .write_stdin(stdin.to_owned())
            .output()
            .unwrap()
    };
    for (env, args, stdin) in [
        (
            &a,
            vec!["import-env", envfile.to_str().unwrap(), "--rewrite"],
            "",
        ),
        (&a, vec!["list"], ""),
        (&a, vec!["show", id.as_str()], ""),
        (&a, vec!["rotate", id.as_str()], NEW),
        (&a, vec!["export", "--out", backup.to_str().unwrap()], PASS),
        (&b, vec!["import-backup", backup.to_str().unwrap()], PASS),
        (&b, vec!["list", "--json"], ""),
        (&b, vec!["audit"], ""),
        (&a, vec!["check", "--all", "--timeout", "1"], ""),
    ] {
        let out = run(env, &args, stdin);
        // `check` cannot reach the providers from here; everything else must have worked.
        assert!(
            out.status.success() || args[0] == "check",
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        keep(&out);
    }
    // While `run` hands the keys over, every process's argv is read from inside the child.
    let argv = run(
        &a,
        &[
            "run",
            "--",
            "sh",
            "-c",
            "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < \"$f\"; echo; done",
        ],
        "",
    );
    assert!(argv.status.success());
    assert!(
        argv.stdout.len() > 100,
        "the argv of the running processes was read"
    );

    let secrets = [OLD, NEW, ANTHROPIC, PASS];
    let contains = |hay: &[u8], s: &str| hay.windows(s.len()).any(|w| w == s.as_bytes());
    for s in secrets {
        assert!(!contains(&printed, s), "a command printed a secret");
        assert!(
            !contains(&argv.stdout, s),
            "a secret is in some process's argv"
        );
    }
    let mut files = Vec::new();
    files_under(&a.data_dir(), &mut files);
    files_under(&b.data_dir(), &mut files);
    files.push(backup.clone());
    files.push(envfile.clone());
    assert!(
        files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "log")),
        "{files:?}"
    );
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        for s in secrets {
            assert!(!contains(&bytes, s), "a secret is in {}", f.display());
        }
    }
    // Only `reveal` prints a secret: the rotated one, in both profiles' vaults.
    let reveal = a.cmd().args(["reveal", &id]).output().unwrap();
    assert_eq!(String::from_utf8(reveal.stdout).unwrap().trim(), NEW);
    let restored = b.cmd().args(["reveal", &id]).output().unwrap();
    assert_eq!(String::from_utf8(restored.stdout).unwrap().trim(), NEW);
}
