//! Agent logs into the ledger, against generated fixtures on real files and a real SQLite file:
//! exact totals, duplicates across files counted once, malformed and non-usage lines skipped,
//! unknown models unpriced, a second pass idempotent, incremental passes reading only new bytes,
//! a torn last line completed later, truncated and replaced files read again without double
//! counting.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/log_fixtures.rs"]
mod fixtures;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use fixtures::*;
use keyledger_core::agent_logs::{ingest, last_import, Agent, IngestReport, SourceDir};
use keyledger_core::ledger::Ledger;
use keyledger_core::store::Store;
use keyledger_core::usage::{DayRange, GroupBy, UsageRow};

const NOV: DayRange = DayRange {
    from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
};

fn now() -> DateTime<Utc> {
    "2026-11-24T12:00:00Z".parse().unwrap()
}

struct Logs {
    _dir: tempfile::TempDir,
    claude: PathBuf,
    codex: PathBuf,
    store: Store,
}

impl Logs {
    async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let claude = dir.path().join("claude/projects");
        let codex = dir.path().join("codex/sessions");
        fs::create_dir_all(&claude).unwrap();
        fs::create_dir_all(&codex).unwrap();
        let store = Store::open(&dir.path().join("k.db")).await.unwrap();
        Logs {
            _dir: dir,
            claude,
            codex,
            store,
        }
    }

    fn write(&self, path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn append(&self, path: &Path, text: &str) {
        let mut f = fs::OpenOptions::new().append(true).open(path).unwrap();
        f.write_all(text.as_bytes()).unwrap();
    }

    async fn pass(&self) -> IngestReport {
        let dirs = [
            SourceDir {
                agent: Agent::ClaudeCode,
                path: self.claude.clone(),
                default: false,
                exists: true,
            },
            SourceDir {
                agent: Agent::Codex,
                path: self.codex.clone(),
                default: false,
                exists: true,
            },
        ];
        ingest(&self.store, &dirs, now(), |_| {}).await.unwrap()
    }

    async fn usage(&self, by: GroupBy) -> Vec<UsageRow> {
        Ledger::new(self.store.clone())
            .usage(NOV, by)
            .await
            .unwrap()
    }

    async fn model(&self, model: &str) -> UsageRow {
        self.usage(GroupBy::Model)
            .await
            .into_iter()
            .find(|r| r.key == model)
            .unwrap_or_else(|| panic!("no row for {model}"))
    }
}

fn sonnet(ts: &str, id: &str, input: i64) -> String {
    claude_assistant(
        ts,
        id,
        &format!("req_{id}"),
        "claude-sonnet-4-5-20250929",
        input,
        1000,
        2000,
        10_000,
        300,
    )
}

/// Two projects (one nested a level deeper), a message logged in both, junk lines, an unknown
/// model; and a Codex session with a repeated token event.
fn seed(l: &Logs) -> (PathBuf, PathBuf) {
    let first = l.claude.join("-home-dev-app/11111111.jsonl");
    l.write(
        &first,
        &lines(&[
            claude_user("2026-11-20T09:59:00Z", 200),
            sonnet("2026-11-20T10:00:00Z", "msg_1", 100_000),
            sonnet("2026-11-20T23:59:59Z", "msg_2", 200_000),
            "this is not json".to_owned(),
            r#"{"type":"summary","summary":"Fix the build","leafUuid":"x"}"#.to_owned(),
            claude_assistant(
                "2026-11-21T08:00:00Z",
                "msg_3",
                "req_3",
                "claude-internal-preview",
                5,
                5,
                0,
                0,
                10,
            ),
        ]),
    );
    let second = l.claude.join("-home-dev-lib/nested/22222222.jsonl");
    l.write(
        &second,
        &lines(&[
            // The same message as in the first file: counted once.
            sonnet("2026-11-20T10:00:00Z", "msg_1", 100_000),
            sonnet("2026-11-21T00:00:00Z", "msg_4", 300_000),
        ]),
    );
    let rollout = l
        .codex
        .join("2026/11/22/rollout-2026-11-22T10-00-00-abc.jsonl");
    l.write(
        &rollout,
        &lines(&[
            codex_context("2026-11-22T10:00:00Z", "gpt-5-codex"),
            codex_item("2026-11-22T10:00:01Z", 500),
            codex_tokens("2026-11-22T10:00:02Z", 10_000, 4_000, 1_000, 200),
            codex_tokens("2026-11-22T10:00:02Z", 10_000, 4_000, 1_000, 200),
            codex_tokens("2026-11-22T10:05:00Z", 30_000, 20_000, 3_000, 500),
        ]),
    );
    (first, rollout)
}

fn tokens(r: &UsageRow) -> (i64, i64, i64, i64, i64) {
    (
        r.input_tokens,
        r.output_tokens,
        r.cached_tokens,
        r.cache_write_tokens,
        r.requests,
    )
}

async fn assert_seed_totals(l: &Logs) {
    let sonnet = l.model("claude-sonnet-4-5-20250929").await;
    assert_eq!(tokens(&sonnet), (600_000, 3_000, 30_000, 6_000, 3));
    // 600k × $3 + 3k × $15 + 30k × $0.30 + 6k × $3.75, per million.
    assert_eq!(sonnet.cost_usd.as_deref(), Some("1.876500"));
    let codex = l.model("gpt-5-codex").await;
    // Totals 30k in (20k cached), 3k out: 10k uncached input.
    assert_eq!(tokens(&codex), (10_000, 3_000, 20_000, 0, 2));
    assert_eq!(codex.reasoning_tokens, 500);
    // 10k × $1.25 + 20k × $0.125 + 3k × $10, per million.
    assert_eq!(codex.cost_usd.as_deref(), Some("0.045000"));
    let unknown = l.model("claude-internal-preview").await;
    assert_eq!(
        (unknown.cost_usd, unknown.priced),
        (None, false),
        "unpriced, not $0"
    );
}

#[tokio::test]
async fn a_first_pass_counts_each_request_once_with_exact_costs() {
    let l = Logs::new().await;
    seed(&l);
    let report = l.pass().await;
    assert_eq!(
        (
            report.files_seen,
            report.files_read,
            report.requests,
            report.duplicates,
            report.malformed_lines
        ),
        (3, 3, 6, 1, 1)
    );
    assert_eq!(report.unpriced_models, ["claude-internal-preview"]);
    assert_eq!(
        (report.first_day, report.last_day, report.at),
        (
            NaiveDate::from_ymd_opt(2026, 11, 20),
            NaiveDate::from_ymd_opt(2026, 11, 22),
            Some(now())
        ),
        "the UTC days the new requests fall on"
    );
    assert_eq!(
        last_import(&l.store).await.unwrap(),
        Some(report.clone()),
        "kept for the window, whichever process read"
    );
    assert_seed_totals(&l).await;

    let days: Vec<(String, i64)> = l
        .usage(GroupBy::Day)
        .await
        .into_iter()
        .map(|r| (r.key, r.requests))
        .collect();
    let expected: Vec<(String, i64)> = [("2026-11-20", 2), ("2026-11-21", 2), ("2026-11-22", 2)]
        .iter()
        .map(|(d, n)| (d.to_string(), *n))
        .collect();
    assert_eq!(
        days, expected,
        "23:59:59 stays on the 20th, 00:00 is the 21st"
    );
    let keys: Vec<String> = l
        .usage(GroupBy::Credential)
        .await
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(keys, ["Claude Code (local logs)", "Codex (local logs)"]);
    let hours = l.usage(GroupBy::Hour).await;
    assert_eq!(hours.first().unwrap().key, "2026-11-20T10:00:00Z");
}

#[tokio::test]
async fn a_second_pass_reads_nothing_and_changes_nothing() {
    let l = Logs::new().await;
    seed(&l);
    l.pass().await;
    let before = l.usage(GroupBy::Model).await;
    let first = last_import(&l.store).await.unwrap();
    let again = l.pass().await;
    assert_eq!(
        last_import(&l.store).await.unwrap(),
        first,
        "a pass with nothing new leaves the last import as it was"
    );
    assert_eq!(
        (
            again.files_seen,
            again.files_read,
            again.bytes_read,
            again.requests
        ),
        (3, 0, 0, 0)
    );
    assert_eq!(l.usage(GroupBy::Model).await, before);
}

#[tokio::test]
async fn incremental_passes_read_only_new_whole_lines() {
    let l = Logs::new().await;
    let (first, _) = seed(&l);
    l.pass().await;
    // A new complete line, and the start of one still being written.
    let complete = format!("{}\n", sonnet("2026-11-23T10:00:00Z", "msg_5", 50_000));
    let torn = sonnet("2026-11-23T11:00:00Z", "msg_6", 70_000);
    let (head, tail) = torn.split_at(torn.len() / 2);
    l.append(&first, &format!("{complete}{head}"));
    let r = l.pass().await;
    assert_eq!(
        (r.files_read, r.bytes_read, r.requests, r.malformed_lines),
        (1, complete.len() as u64, 1, 0)
    );
    assert_eq!(l.model("claude-sonnet-4-5-20250929").await.requests, 4);
    // The line is finished: the next pass reads exactly its bytes.
    l.append(&first, &format!("{tail}\n"));
    let r = l.pass().await;
    assert_eq!(
        (r.bytes_read, r.requests),
        ((head.len() + tail.len() + 1) as u64, 1)
    );
    let sonnet = l.model("claude-sonnet-4-5-20250929").await;
    assert_eq!((sonnet.input_tokens, sonnet.requests), (720_000, 5));
}

#[tokio::test]
async fn truncated_and_replaced_files_are_read_again_without_counting_twice() {
    let l = Logs::new().await;
    let (first, rollout) = seed(&l);
    l.pass().await;
    // The first file is cut down to its first two lines (it shrank): read again from the start.
    let text = fs::read_to_string(&first).unwrap();
    let kept: String = text.lines().take(2).map(|x| format!("{x}\n")).collect();
    fs::write(&first, kept).unwrap();
    let r = l.pass().await;
    assert_eq!((r.files_read, r.requests, r.duplicates), (1, 0, 1));
    // The Codex session is replaced by a copy (another inode): all of it is old news.
    let copy = rollout.with_extension("tmp");
    fs::copy(&rollout, &copy).unwrap();
    fs::rename(&copy, &rollout).unwrap();
    let r = l.pass().await;
    assert_eq!((r.files_read, r.requests, r.duplicates), (1, 0, 2));
    assert_seed_totals(&l).await;
}

#[tokio::test]
async fn a_streamed_reply_logged_again_as_it_grew_counts_its_final_output_once() {
    let l = Logs::new().await;
    let file = l.claude.join("-home-dev-app/33333333.jsonl");
    let line = |output| {
        claude_assistant(
            "2026-11-20T10:00:00Z",
            "msg_s",
            "req_s",
            "claude-haiku-4-5",
            1_000,
            output,
            0,
            0,
            50,
        )
    };
    l.write(&file, &lines(&[line(3), line(40)]));
    let r = l.pass().await;
    assert_eq!((r.requests, r.duplicates), (1, 1));
    // The rest of the reply arrives in a later pass.
    l.append(&file, &lines(&[line(159), line(159)]));
    l.pass().await;
    let haiku = l.model("claude-haiku-4-5").await;
    assert_eq!(
        (haiku.input_tokens, haiku.output_tokens, haiku.requests),
        (1_000, 159, 1)
    );
}

#[tokio::test]
async fn two_imports_at_once_count_everything_once() {
    let l = Logs::new().await;
    seed(&l);
    // As when the app's watcher and `keyledger import-logs` read the same files together.
    let (a, b) = tokio::join!(l.pass(), l.pass());
    assert_eq!(a.requests + b.requests, 6, "{a:?} {b:?}");
    assert_seed_totals(&l).await;
}

#[tokio::test]
async fn a_history_of_retired_models_is_priced_request_by_request() {
    use keyledger_core::pricing::{PriceTable, Tokens};
    use rust_decimal::Decimal;
    use std::collections::BTreeMap;

    let l = Logs::new().await;
    let models = [
        "claude-opus-4-1-20250805",
        "claude-sonnet-4-20250514",
        "claude-3-5-sonnet-20241022",
        "claude-opus-4-20250514",
        "claude-sonnet-4-5-20250929",
    ];
    // A year of sessions; token counts are multiples of 100, so every cost is whole
    // micro-dollars and the sums are exact.
    let table = PriceTable::default();
    let mut expected: BTreeMap<&str, Decimal> = BTreeMap::new();
    let mut seed = 0x2025_u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    for session in 0..24 {
        let mut lines = String::new();
        for turn in 0..25 {
            let model = models[usize::try_from(next(5)).unwrap()];
            let tokens = Tokens {
                input: i64::try_from(next(50)).unwrap() * 100,
                output: i64::try_from(next(80)).unwrap() * 100,
                cache_write: i64::try_from(next(300)).unwrap() * 100,
                cache_read: i64::try_from(next(1500)).unwrap() * 100,
            };
            let ts = format!(
                "2025-{:02}-{:02}T{:02}:{:02}:00.000Z",
                session / 2 + 1,
                session % 2 * 14 + 1,
                turn % 24,
                turn * 2
            );
            let id = format!("msg_{session}_{turn}");
            lines.push_str(&claude_assistant(
                &ts,
                &id,
                &format!("req_{id}"),
                model,
                tokens.input,
                tokens.output,
                tokens.cache_write,
                tokens.cache_read,
                20,
            ));
            lines.push('\n');
            let price = table
                .lookup(model)
                .unwrap_or_else(|| panic!("{model} has a price"));
            assert!(price.source.starts_with("litellm "), "{model}");
            *expected.entry(model).or_default() += price.cost(tokens);
        }
        l.write(
            &l.claude.join(format!("history/session-{session}.jsonl")),
            &lines,
        );
    }
    let report = l.pass().await;
    assert_eq!(report.requests, 24 * 25);
    assert!(report.unpriced_models.is_empty(), "{report:?}");
    let year = DayRange {
        from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    };
    let rows = Ledger::new(l.store.clone())
        .usage(year, GroupBy::Model)
        .await
        .unwrap();
    let got: BTreeMap<&str, (Option<String>, bool)> = rows
        .iter()
        .map(|r| (r.key.as_str(), (r.cost_usd.clone(), r.priced)))
        .collect();
    let want: BTreeMap<&str, (Option<String>, bool)> = expected
        .iter()
        .map(|(m, usd)| (*m, (Some(format!("{:.6}", usd)), true)))
        .collect();
    assert_eq!(got, want);
}

#[tokio::test]
async fn a_line_over_64_mib_is_skipped_as_malformed_and_the_lines_around_it_count() {
    let l = Logs::new().await;
    let file = l.claude.join("-home-dev-big/33333333.jsonl");
    let huge = format!(
        r#"{{"type":"assistant","pad":"{}"}}"#,
        "x".repeat(keyledger_core::agent_logs::MAX_LINE)
    );
    l.write(
        &file,
        &lines(&[
            sonnet("2026-11-20T10:00:00Z", "msg_a", 1_000),
            huge,
            sonnet("2026-11-20T11:00:00Z", "msg_b", 2_000),
        ]),
    );
    let r = l.pass().await;
    assert_eq!((r.requests, r.malformed_lines), (2, 1));
    assert_eq!(
        l.model("claude-sonnet-4-5-20250929").await.input_tokens,
        3_000
    );
    assert_eq!(l.pass().await.requests, 0, "read once");
}

#[tokio::test]
async fn logs_deeper_than_an_agent_writes_them_are_not_walked() {
    let l = Logs::new().await;
    let deep = (0..keyledger_core::agent_logs::MAX_DEPTH)
        .fold(l.claude.clone(), |p, n| p.join(format!("d{n}")))
        .join("44444444.jsonl");
    l.write(
        &deep,
        &lines(&[sonnet("2026-11-20T10:00:00Z", "msg_deep", 1_000)]),
    );
    let shallow = l.claude.join("-home-dev-app/55555555.jsonl");
    l.write(
        &shallow,
        &lines(&[sonnet("2026-11-20T10:00:00Z", "msg_ok", 7)]),
    );
    let r = l.pass().await;
    assert_eq!((r.files_seen, r.requests), (1, 1));
    assert_eq!(l.model("claude-sonnet-4-5-20250929").await.input_tokens, 7);
}
