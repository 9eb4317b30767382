//! Agent-log ingestion against ccusage: generates a realistic corpus (default ~1 GB, thousands
//! of files; `KEYLEDGER_BENCH_MB` changes it), then times a first full import into a fresh
//! database followed by the daily report, a no-change re-run, and — when `CCUSAGE` names the
//! ccusage binary — `ccusage daily --json --offline` on the same files. Prints figures; asserts
//! nothing. Run: `cargo bench -p keyledger-core --bench agent_logs` (see README).

#![allow(clippy::unwrap_used, clippy::print_stdout)] // a bench binary prints and fails loudly

#[path = "../tests/support/log_fixtures.rs"]
mod fixtures;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use keyledger_core::agent_logs::{ingest, Agent, SourceDir};
use keyledger_core::ledger::Ledger;
use keyledger_core::store::Store;
use keyledger_core::usage::{DayRange, GroupBy};

fn dirs(root: &std::path::Path) -> Vec<SourceDir> {
    vec![
        SourceDir {
            agent: Agent::ClaudeCode,
            path: root.join("claude/projects"),
            default: false,
            exists: true,
        },
        SourceDir {
            agent: Agent::Codex,
            path: root.join("codex/sessions"),
            default: false,
            exists: true,
        },
    ]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mb: u64 = std::env::var("KEYLEDGER_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("agent-log-corpus-{mb}mb"));
    if !root.join("done").exists() {
        let t = Instant::now();
        let _ = std::fs::remove_dir_all(&root);
        let stats = fixtures::write_corpus(&root, mb * 1_000_000, 42).unwrap();
        std::fs::write(root.join("done"), format!("{stats:?}")).unwrap();
        println!("corpus: {stats:?} written in {}", ms(t.elapsed()));
    }
    println!(
        "corpus: {}",
        std::fs::read_to_string(root.join("done")).unwrap()
    );
    // Warm the page cache, as both tools then read from memory.
    Command::new("cat")
        .arg("-")
        .stdin(std::process::Stdio::null())
        .status()
        .ok();
    let _ = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "find {} -name '*.jsonl' -exec cat {{}} + > /dev/null",
            root.display()
        ))
        .status();

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db_dir = tempfile::tempdir().unwrap();
        let store = Store::open(&db_dir.path().join("bench.db")).await.unwrap();
        let t = Instant::now();
        let report = ingest(&store, &dirs(&root), keyledger_core::clock::now(), |_| {}).await.unwrap();
        let import = t.elapsed();
        let t = Instant::now();
        let range = DayRange {
            from: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
        };
        let daily = Ledger::new(store.clone()).report(range, GroupBy::Day).await.unwrap();
        let report_time = t.elapsed();
        println!(
            "keyledger first import: {} ({} files, {} MB, {} requests, {} duplicates) + daily report {} ({} days, total {} input / {} output tokens)",
            ms(import),
            report.files_read,
            report.bytes_read / 1_000_000,
            report.requests,
            report.duplicates,
            ms(report_time),
            daily.rows.len(),
            daily.total.input_tokens,
            daily.total.output_tokens
        );
        let t = Instant::now();
        let again = ingest(&store, &dirs(&root), keyledger_core::clock::now(), |_| {}).await.unwrap();
        println!("keyledger no-change re-run: {} ({} files read)", ms(t.elapsed()), again.files_read);
        store.close().await;
    });

    if let Ok(ccusage) = std::env::var("CCUSAGE") {
        let mut times = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            let out = Command::new(&ccusage)
                .args(["daily", "--json", "--offline"])
                .env("CLAUDE_CONFIG_DIR", root.join("claude"))
                .env("CODEX_HOME", root.join("codex"))
                .output()
                .unwrap();
            times.push(t.elapsed());
            assert!(
                out.status.success(),
                "ccusage failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            if times.len() == 1 {
                let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
                println!(
                    "ccusage totals: {}",
                    v.get("totals").map(|t| t.to_string()).unwrap_or_default()
                );
            }
        }
        times.sort();
        println!(
            "ccusage daily --json --offline: {} (median of 3)",
            ms(times[1])
        );
    } else {
        println!("ccusage: set CCUSAGE=/path/to/node_modules/.bin/ccusage to compare");
    }
}
