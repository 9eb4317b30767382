//! `keyledger check`: validity checks against the providers, several keys at a time.

use std::time::Duration;

use futures::stream::{self, StreamExt};
use keyledger_core::clock;
use keyledger_core::credential::Credential;
use keyledger_core::providers::check::{Checker, Probe};
use keyledger_core::vault::Vault;
use serde::Serialize;

use crate::{output, CmdResult};

/// How many providers are asked at once.
const CONCURRENCY: usize = 4;

#[derive(Serialize)]
pub struct Row {
    pub id: String,
    pub label: String,
    pub provider: &'static str,
    #[serde(flatten)]
    pub probe: Probe,
    pub checked_at: chrono::DateTime<chrono::Utc>,
}

/// Checks one key (`id`) or all of them (`None`).
pub async fn run(vault: &Vault, id: Option<&str>, json: bool, timeout: u64) -> CmdResult {
    let checker = Checker::new(Duration::from_secs(timeout.max(1)))?;
    let targets: Vec<Credential> = match id {
        Some(id) => vec![vault.resolve(id).await?],
        None => vault.list().await?,
    };
    let results: Vec<Result<Row, String>> = stream::iter(targets)
        .map(|c| {
            let checker = checker.clone();
            async move {
                let now = clock::now();
                vault
                    .check(&c.id, &checker, now)
                    .await
                    .map(|outcome| Row {
                        id: outcome.credential.id,
                        label: outcome.credential.label,
                        provider: outcome.credential.provider.as_str(),
                        probe: outcome.probe,
                        checked_at: now,
                    })
                    .map_err(|e| format!("{}: {e}", c.label))
            }
        })
        .buffered(CONCURRENCY)
        .collect()
        .await;
    let mut rows = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(row) => rows.push(row),
            Err(failure) => eprintln!(
                "error: {}",
                keyledger_core::text::printable(&failure.to_string(), true)
            ),
        }
    }
    if json {
        output::json(&rows);
    } else {
        table(&rows);
    }
    crate::alerts::run_rules(vault).await
}

/// The checks as a table: one line per key, with what the provider said.
fn table(rows: &[Row]) {
    if rows.is_empty() {
        println!("No keys to check.");
        return;
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                r.provider.to_owned(),
                r.probe.status.as_str().to_owned(),
                r.probe
                    .http_status
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                format!("{} ms", r.probe.latency_ms),
                r.probe.message.clone(),
            ]
        })
        .collect();
    output::table(
        &["LABEL", "PROVIDER", "RESULT", "HTTP", "LATENCY", "MESSAGE"],
        &cells,
    );
}
