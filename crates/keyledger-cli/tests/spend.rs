//! `keyledger usage` and `keyledger price` on a ledger seeded through core: exact sums in JSON
//! and CSV, unpriced usage shown as such, and history re-priced by `price set`.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::path::Path;

use keyledger_core::ledger::Ledger;
use keyledger_core::store::Store;
use keyledger_core::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};
use serde_json::Value;

fn seed(data_dir: &Path) {
    seed_with(
        data_dir,
        &[
            ("gpt-4o", "2026-10-02", 1_000_000, 1_000_000),
            ("gpt-4o", "2026-10-03", 400_000, 0),
            ("in-house-model", "2026-10-03", 10, 10),
        ],
    );
}

/// Usage of OpenAI models: (model, day, input, output), three requests each.
fn seed_with(data_dir: &Path, rows: &[(&str, &str, i64, i64)]) {
    std::fs::create_dir_all(data_dir).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = Store::open(&data_dir.join("keyledger.db")).await.unwrap();
        let b = |&(model, day, input, output): &(&str, &str, i64, i64)| UsageBucket {
            provider: "openai".into(),
            credential_id: None,
            account: String::new(),
            model: model.into(),
            start: format!("{day}T00:00:00Z").parse().unwrap(),
            width: Width::Day,
            source: UsageSource::Api,
            counts: Counts {
                input,
                output,
                requests: 3,
                ..Counts::default()
            },
            cost_micros: None,
            cost_source: CostSource::Unpriced,
        };
        Ledger::new(store.clone())
            .record(
                rows.iter().map(b).collect(),
                "2026-11-01T00:00:00Z".parse().unwrap(),
            )
            .await
            .unwrap();
        store.close().await;
    });
}

fn cmd(data_dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("keyledger").unwrap();
    c.env("KEYLEDGER_DATA_DIR", data_dir)
        .env("KEYLEDGER_KEYRING_SERVICE", "keyledger-spend-test-unused");
    c
}

/// What `keyledger usage` prints for October, grouped `by`, with `extra` flags.
fn october(data_dir: &Path, by: &str, extra: &[&str]) -> String {
    let out = cmd(data_dir)
        .args([
            "usage",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
            "--by",
            by,
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn usage_json(data_dir: &Path, by: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(&october(data_dir, by, &["--json"]))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn usage_groups_and_sums_exactly() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let by_model = usage_json(dir.path(), "model");
    assert_eq!(by_model.len(), 2);
    let gpt = by_model.iter().find(|r| r["key"] == "gpt-4o").unwrap();
    assert_eq!(gpt["input_tokens"], 1_400_000);
    assert_eq!(gpt["output_tokens"], 1_000_000);
    assert_eq!(gpt["cached_tokens"], 0);
    assert_eq!(gpt["requests"], 6);
    assert_eq!(gpt["cost_usd"], "13.500000"); // 1.4M × $2.5 + 1M × $10
    assert_eq!(gpt["priced"], true);
    let house = by_model
        .iter()
        .find(|r| r["key"] == "in-house-model")
        .unwrap();
    assert_eq!(house["cost_usd"], Value::Null, "unpriced, not $0");
    assert_eq!(house["priced"], false);

    let by_day = usage_json(dir.path(), "day");
    let keys: Vec<&str> = by_day.iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["2026-10-02", "2026-10-03"]);

    let table = october(dir.path(), "model", &[]);
    assert!(table.contains("unpriced"), "{table}");
    assert!(
        table.contains("$13.50 + unpriced"),
        "the total says part is unpriced: {table}"
    );
}

#[test]
fn usage_csv_has_a_header_and_one_line_per_group() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let out = cmd(dir.path())
        .args([
            "usage",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
            "--by",
            "provider",
            "--csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "key,input_tokens,output_tokens,cached_tokens,cache_write_tokens,reasoning_tokens,requests,cost_usd,priced,estimate_usd,billed_usd,drift_pct");
    assert_eq!(
        lines[1],
        "openai,1400010,1000010,0,0,0,9,13.500000,false,,,"
    );
    assert_eq!(lines.len(), 2);
}

#[test]
fn price_set_re_prices_history_and_unset_reverts() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    cmd(dir.path())
        .args([
            "price",
            "set",
            "in-house-model",
            "--input",
            "1000",
            "--output",
            "2000",
        ])
        .assert()
        .success();
    let house = usage_json(dir.path(), "model")
        .into_iter()
        .find(|r| r["key"] == "in-house-model")
        .unwrap();
    assert_eq!(house["cost_usd"], "0.030000"); // 10 × $1000/M + 10 × $2000/M
    assert_eq!(house["priced"], true);

    let listed = cmd(dir.path())
        .args(["price", "list", "in-house", "--json"])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed[0]["source"], "override");
    assert_eq!(listed[0]["input"], "1000");

    cmd(dir.path())
        .args(["price", "unset", "in-house-model"])
        .assert()
        .success();
    let house = usage_json(dir.path(), "model")
        .into_iter()
        .find(|r| r["key"] == "in-house-model")
        .unwrap();
    assert_eq!(house["cost_usd"], Value::Null);

    let bad = cmd(dir.path())
        .args(["price", "set", "x", "--input", "cheap", "--output", "1"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("per million"));
    let bad = cmd(dir.path())
        .args(["usage", "--by", "week"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn chart_writes_svg_png_and_csv_and_refuses_what_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let out = |name: &str| dir.path().join(name);
    let run = |file: &Path, extra: &[&str]| {
        let mut c = cmd(dir.path());
        c.args([
            "chart",
            "--out",
            file.to_str().unwrap(),
            "--range",
            "2026-10-01..2026-10-31",
            "--by",
            "model",
        ])
        .args(extra);
        c.output().unwrap()
    };

    let svg = run(&out("spend.svg"), &[]);
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
    let said = String::from_utf8_lossy(&svg.stderr).into_owned();
    assert!(
        said.contains("(2026-10-01 to 2026-10-31: $") && said.ends_with("+ unpriced usage).\n"),
        "{said}"
    );
    let drawn = std::fs::read_to_string(out("spend.svg")).unwrap();
    assert!(drawn.starts_with("<svg") && drawn.trim_end().ends_with("</svg>"));
    for text in [
        "gpt-4o",
        "in-house-model",
        "Spend by model, 1 Oct 2026",
        "data-bucket=\"30\"",
    ] {
        assert!(drawn.contains(text), "{text} is not in the SVG");
    }

    let png = run(
        &out("spend.png"),
        &["--theme", "dark", "--width", "800", "--height", "400"],
    );
    assert!(png.status.success());
    let bytes = std::fs::read(out("spend.png")).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(
        &bytes[16..24],
        &[0, 0, 3, 32, 0, 0, 1, 144],
        "800 × 400 in the header"
    );

    let csv = run(&out("spend.csv"), &["--metric", "tokens"]);
    assert!(csv.status.success());
    let text = std::fs::read_to_string(out("spend.csv")).unwrap();
    assert_eq!(
        text.lines().next(),
        Some("start,end,gpt-4o,in-house-model,total")
    );
    assert!(
        text.contains("\n2026-10-03,2026-10-03,400000,20,400020\n"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 32, "a header and a row per day");

    let existing = run(&out("spend.svg"), &[]);
    assert_eq!(existing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&existing.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(out("spend.svg")).unwrap(), drawn);
    let wrong = run(&out("spend.txt"), &[]);
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("must end in .svg, .png or .csv"));
    assert!(!out("spend.txt").exists());
    let range = cmd(dir.path())
        .args([
            "chart",
            "--out",
            out("x.svg").to_str().unwrap(),
            "--range",
            "7w",
        ])
        .output()
        .unwrap();
    assert_eq!(range.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&range.stderr).contains("use 7d, 30d, 90d, 12m"));
}

#[test]
fn usage_takes_the_same_ranges_as_charts() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let out = cmd(dir.path())
        .args([
            "usage",
            "--range",
            "2026-10-01..2026-10-31",
            "--by",
            "model",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let by_range: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        by_range.as_array().unwrap(),
        &usage_json(dir.path(), "model")
    );
}

#[test]
fn price_list_says_which_litellm_release_each_price_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let out = cmd(dir.path())
        .args(["price", "list", "claude-opus-4-1-20250805", "--json"])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed[0]["model"], "claude-opus-4-1-20250805");
    assert_eq!(
        listed[0]["source"], "litellm 1.100.0",
        "a model 1.110 dropped"
    );
    let out = cmd(dir.path())
        .args(["price", "list", "gpt-4o-mini", "--json"])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(listed[0]["source"]
        .as_str()
        .unwrap()
        .starts_with("litellm 1.110."));
}

#[test]
fn a_price_file_with_one_bad_price_is_refused_whole_and_a_good_one_re_prices_history() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let file = dir.path().join("model_prices_and_context_window.json");
    let litellm = |house_input: &str| {
        format!(
            r#"{{"sample_spec": {{"input_cost_per_token": 0}},
                "in-house-model": {{"litellm_provider": "openai", "mode": "chat",
                    "input_cost_per_token": {house_input}, "output_cost_per_token": 2e-3}},
                "gpt-4o": {{"litellm_provider": "openai", "mode": "chat",
                    "input_cost_per_token": 1e-6, "output_cost_per_token": 4e-6}}}}"#
        )
    };
    for (bad, says) in [
        ("-1e-3", "in-house-model: input_cost_per_token is negative"),
        (
            "\"NaN\"",
            "in-house-model: input_cost_per_token is not a number",
        ),
    ] {
        std::fs::write(&file, litellm(bad)).unwrap();
        let out = cmd(dir.path())
            .args(["price", "import"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{stderr}");
        let house = usage_json(dir.path(), "model")
            .into_iter()
            .find(|r| r["key"] == "in-house-model")
            .unwrap();
        assert_eq!(
            house["cost_usd"],
            Value::Null,
            "the table in use is unchanged"
        );
        let out = cmd(dir.path())
            .args(["price", "list", "gpt-4o", "--json"])
            .output()
            .unwrap();
        let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_ne!(listed[0]["source"], "override");
    }

    std::fs::write(&file, litellm("1e-3")).unwrap();
    let out = cmd(dir.path())
        .args(["price", "import"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 price(s)"));
    let rows = usage_json(dir.path(), "model");
    let cost = |model: &str| {
        rows.iter()
            .find(|r| r["key"] == model)
            .map(|r| r["cost_usd"].clone())
            .unwrap()
    };
    assert_eq!(cost("in-house-model"), "0.030000"); // 10 × $1000/M + 10 × $2000/M
    assert_eq!(cost("gpt-4o"), "5.400000"); // 1.4M × $1/M + 1M × $4/M
}

#[test]
fn names_from_elsewhere_reach_no_spreadsheet_formula_and_no_terminal_escape() {
    let dir = tempfile::tempdir().unwrap();
    let formula = "=HYPERLINK(\"http://evil.example\",\"ok\")";
    let escape = "model\u{1b}]0;owned\u{7}\u{1b}[2J";
    seed_with(
        dir.path(),
        &[
            (formula, "2026-10-02", 10, 10),
            (escape, "2026-10-02", 10, 10),
        ],
    );
    let csv = october(dir.path(), "model", &["--csv"]);
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(
        !csv.lines()
            .any(|l| l.starts_with('=') || l.starts_with("\"=")),
        "{csv}"
    );

    let table = october(dir.path(), "model", &["--json"]).replace("\\u001b", "");
    assert!(
        table.contains("owned"),
        "JSON keeps the name, escaped: {table}"
    );
    let text = october(dir.path(), "model", &[]);
    assert!(text.contains("model ]0;owned"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );

    let chart = dir.path().join("by-model.csv");
    cmd(dir.path())
        .args([
            "chart",
            "--range",
            "2026-10-01..2026-10-31",
            "--by",
            "model",
            "--out",
        ])
        .arg(&chart)
        .assert()
        .success();
    let chart = std::fs::read_to_string(&chart).unwrap();
    assert!(
        chart.lines().next().unwrap().contains("\"'=HYPERLINK("),
        "{chart}"
    );
}
