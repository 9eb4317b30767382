//! `keyledger run` against the real Secret Service (inside scripts/session.sh): the keys appear
//! in the child's environment under their conventional names and nowhere else, the child's exit
//! status and signals pass through, ambiguous and unknown choices are explained, and each run
//! is audited with the command's name.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use serde_json::Value;

const OPENAI: &str = "sk-proj-RUNtestabcdefghijklmnopqrstuvwxyz0123456789";
const OPENAI_2: &str = "sk-proj-RUNsecondabcdefghijklmnopqrstuvwxyz012345";
const OPENAI_ADMIN: &str = "sk-admin-RUNadminabcdefghijklmnopqrstuvwxyz0123456789";
const ANTHROPIC: &str = "sk-ant-api03-RUNtestabcdefghijklmnopqrstuvwxyz0123456789-zyxwQQAA";

mod common;

use common::Env;

/// Adds `key` with `args` (which name a `--label`) and returns its id.
fn add(env: &Env, key: &str, args: &[&str]) -> String {
    let out = Env::add(env, key, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let label = args[args.iter().position(|a| *a == "--label").unwrap() + 1];
    env.list_json()
        .iter()
        .find(|c| c["label"] == label)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn the_child_sees_the_keys_under_their_names_and_the_run_is_audited() {
    let env = Env::new();
    add(
        &env,
        OPENAI,
        &[
            "--label",
            "app key",
            "--profile",
            "dev",
            "--base-url",
            "https://proxy.example/v1",
        ],
    );
    add(
        &env,
        ANTHROPIC,
        &["--label", "claude key", "--profile", "dev"],
    );
    let out = env.cmd().args(["run", "--", "env"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(
        printed
            .lines()
            .any(|l| l == format!("OPENAI_API_KEY={OPENAI}")),
        "{printed}"
    );
    assert!(printed
        .lines()
        .any(|l| l == format!("ANTHROPIC_API_KEY={ANTHROPIC}")));
    assert!(printed
        .lines()
        .any(|l| l == "OPENAI_BASE_URL=https://proxy.example/v1"));
    assert!(out.stderr.is_empty(), "nothing printed by keyledger itself");

    // Only in the child: not in the database, its WAL or the log.
    for entry in std::fs::read_dir(env.data_dir()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for key in [OPENAI, ANTHROPIC] {
            assert!(!bytes.windows(key.len()).any(|w| w == key.as_bytes()));
        }
    }
    let audit: Value =
        serde_json::from_slice(&env.cmd().args(["audit", "--json"]).output().unwrap().stdout)
            .unwrap();
    let runs: Vec<(&str, &str)> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "run")
        .map(|e| (e["label"].as_str().unwrap(), e["detail"].as_str().unwrap()))
        .collect();
    assert_eq!(runs.len(), 2);
    assert!(runs.iter().all(|(_, cmd)| *cmd == "env"), "{runs:?}");

    let only: String = String::from_utf8(
        env.cmd()
            .args(["run", "--only", "anthropic", "--", "env"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(only.contains("ANTHROPIC_API_KEY=") && !only.contains("OPENAI_API_KEY="));
}

#[test]
fn exit_status_and_signals_are_the_childs() {
    let env = Env::new();
    add(&env, OPENAI, &["--label", "app key"]);
    let out = env
        .cmd()
        .args(["run", "--", "sh", "-c", "exit 7"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    let out = env
        .cmd()
        .args(["run", "--", "sh", "-c", "kill -TERM $$"])
        .output()
        .unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), Some(15), "{:?}", out.status);
}

#[test]
fn admin_keys_go_in_only_when_asked_for() {
    let env = Env::new();
    add(&env, OPENAI, &["--label", "app key"]);
    let admin = add(&env, OPENAI_ADMIN, &["--label", "org admin"]);
    let printed = |args: &[&str]| {
        let out = env.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = printed(&["run", "--", "env"]);
    assert!(
        plain.contains(&format!("OPENAI_API_KEY={OPENAI}")),
        "{plain}"
    );
    assert!(!plain.contains("OPENAI_ADMIN_KEY") && !plain.contains(OPENAI_ADMIN));
    let asked = printed(&["run", "--admin", "--", "env"]);
    assert!(
        asked.contains(&format!("OPENAI_ADMIN_KEY={OPENAI_ADMIN}")),
        "{asked}"
    );
    let map = format!("OPENAI_ADMIN_KEY={}", &admin[..8]);
    let mapped = printed(&["run", "--map", &map, "--", "env"]);
    assert!(
        mapped.contains(&format!("OPENAI_ADMIN_KEY={OPENAI_ADMIN}")),
        "{mapped}"
    );
}

#[test]
fn two_keys_for_one_name_unknown_profiles_and_missing_programs_are_explained() {
    let env = Env::new();
    let first = add(&env, OPENAI, &["--label", "laptop", "--profile", "dev"]);
    add(&env, OPENAI_2, &["--label", "ci", "--profile", "dev"]);
    let out = env.cmd().args(["run", "--", "env"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("OPENAI_API_KEY would get two keys"),
        "{stderr}"
    );
    assert!(stderr.contains("--map OPENAI_API_KEY=ID"), "{stderr}");
    assert!(
        stderr.contains("keyledger profile default NAME"),
        "{stderr}"
    );
    assert!(!stderr.contains(OPENAI) && !stderr.contains(OPENAI_2));

    let map = format!("OPENAI_API_KEY={}", &first[..8]);
    let out = env
        .cmd()
        .args(["run", "--map", &map, "--", "env"])
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(
        printed
            .lines()
            .any(|l| l == format!("OPENAI_API_KEY={OPENAI}")),
        "{printed}"
    );

    for (args, needle) in [
        (
            vec!["run", "--profile", "prod", "--", "env"],
            "no key is in profile 'prod'; profiles: dev",
        ),
        (
            vec!["run", "--map", "not a var", "--", "env"],
            "is not VAR=ID",
        ),
        (
            vec!["run", "--only", "anthropic", "--", "env"],
            "no key matches",
        ),
        (
            vec!["run", "--map", &map, "--", "/no/such/program"],
            "cannot start program",
        ),
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}

const GROQ: &str = "gsk_RUNtestabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";

/// A .env as people write them: comments, `export`, quotes, CRLF, a duplicate, unknown and
/// empty variables.
fn dotenv() -> String {
    [
        "# keys for the app",
        &format!("export OPENAI_API_KEY=\"{OPENAI}\""),
        &format!("ANTHROPIC_API_KEY='{ANTHROPIC}'"),
        "DATABASE_URL=postgres://localhost/app",
        &format!("GROQ_API_KEY={GROQ}"),
        &format!("OPENAI_API_KEY_COPY={OPENAI}"),
        "EMPTY_API_KEY=",
        "",
    ]
    .join("\r\n")
}

#[test]
fn import_env_reports_each_line_never_a_value_and_a_dry_run_writes_nothing() {
    let env = Env::new();
    let file = env.dir.path().join(".env");
    std::fs::write(&file, dotenv()).unwrap();

    let dry = env
        .cmd()
        .args(["import-env", file.to_str().unwrap(), "--dry-run"])
        .output()
        .unwrap();
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    let text = String::from_utf8(dry.stdout).unwrap();
    assert!(
        text.contains("line 2: OPENAI_API_KEY would be added as \"OPENAI_API_KEY (.env)\""),
        "{text}"
    );
    let list: Value =
        serde_json::from_slice(&env.cmd().args(["list", "--json"]).output().unwrap().stdout)
            .unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        0,
        "a dry run stores nothing"
    );

    let out = env
        .cmd()
        .args(["import-env", file.to_str().unwrap(), "--profile", "dev"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for key in [OPENAI, ANTHROPIC, GROQ] {
        assert!(!text.contains(key) && !String::from_utf8_lossy(&out.stderr).contains(key));
    }
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(
        lines[0].starts_with("line 2: OPENAI_API_KEY added as \"OPENAI_API_KEY (.env)\" (sk-proj-")
    );
    assert!(lines[1].starts_with("line 3: ANTHROPIC_API_KEY added as"));
    assert_eq!(
        lines[2],
        "line 4: DATABASE_URL skipped: not a known API key variable"
    );
    assert!(lines[3].starts_with("line 5: GROQ_API_KEY added as"));
    assert_eq!(
        lines[4],
        "line 6: OPENAI_API_KEY_COPY already stored as \"OPENAI_API_KEY (.env)\""
    );
    assert!(lines[5].starts_with("line 7: EMPTY_API_KEY skipped"));
    let list: Value =
        serde_json::from_slice(&env.cmd().args(["list", "--json"]).output().unwrap().stdout)
            .unwrap();
    let stored: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["provider"].as_str().unwrap(),
                c["profile"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(stored.len(), 3);
    assert!(stored.iter().all(|(_, p)| *p == "dev"));
    let printed = String::from_utf8(
        env.cmd()
            .args(["run", "--", "env"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(printed.lines().any(|l| l == format!("GROQ_API_KEY={GROQ}")));

    // --rewrite: the stored keys' lines become comments; the rest (and CRLF) stays.
    env.cmd()
        .args(["import-env", file.to_str().unwrap(), "--rewrite"])
        .assert()
        .success();
    let rewritten = std::fs::read_to_string(&file).unwrap();
    for key in [OPENAI, ANTHROPIC, GROQ] {
        assert!(!rewritten.contains(key), "{rewritten}");
    }
    assert!(rewritten.contains("DATABASE_URL=postgres://localhost/app\r\n"));
    assert!(rewritten.contains("# OPENAI_API_KEY is in Keyledger as \"OPENAI_API_KEY (.env)\""));
    assert_eq!(rewritten.matches("\r\n").count(), 7);
}
