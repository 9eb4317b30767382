//! How the CLI prints credentials and audit events: aligned tables, details, JSON.

use chrono::{DateTime, Local, Utc};
use keyledger_core::audit::AuditEvent;
use keyledger_core::credential::Credential;
use keyledger_core::poll::SourceOutcome;
use keyledger_core::pricing::money::usd;
use keyledger_core::pricing::ModelPrice;
use keyledger_core::store::rotations::Rotation;
use keyledger_core::text::{csv_cell, printable};
use keyledger_core::usage::{DayRange, UsageRow};
use serde::Serialize;

pub fn json<T: Serialize + ?Sized>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("error: cannot format JSON: {e}"),
    }
}

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn expiry(c: &Credential, now: DateTime<Utc>) -> String {
    match (c.expires_at, c.days_left(now)) {
        (Some(at), Some(days)) => {
            let date = at.with_timezone(&Local).format("%Y-%m-%d");
            match days {
                d if d < 0 => format!("{date} (expired)"),
                0 => format!("{date} (today)"),
                d => format!("{date} ({d}d left)"),
            }
        }
        _ => "—".to_owned(),
    }
}

/// Prints a table; every cell is cleared of control characters first (labels and messages may
/// come from a provider, and a terminal obeys escape sequences).
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| printable(c, false).into_owned()).collect())
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for r in rows {
        line(r);
    }
}

pub fn credential_table(list: &[Credential], now: DateTime<Utc>) {
    if list.is_empty() {
        println!(
            "No keys yet. Add one with:  keyledger add --label \"my key\"   (then paste the key)"
        );
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.id.chars().take(8).collect(),
                c.provider.as_str().to_owned(),
                c.kind.as_str().to_owned(),
                c.label.clone(),
                c.profile.clone(),
                c.hint.clone(),
                expiry(c, now),
                c.status.as_str().to_owned(),
            ]
        })
        .collect();
    table(
        &[
            "ID", "PROVIDER", "KIND", "LABEL", "PROFILE", "KEY", "EXPIRES", "STATUS",
        ],
        &rows,
    );
}

pub fn credential_details(c: &Credential, rotations: &[Rotation], now: DateTime<Utc>) {
    let mut fields = vec![
        ("id", c.id.clone()),
        ("provider", c.provider.display_name().to_owned()),
        ("kind", c.kind.as_str().to_owned()),
        ("label", c.label.clone()),
        ("profile", c.profile.clone()),
        ("key", c.hint.clone()),
        ("status", c.status.as_str().to_owned()),
        ("added", local(c.created_at)),
        ("expires", expiry(c, now)),
    ];
    if let Some(source) = c.expires_source {
        fields.push(("expiry from", source.as_str().to_owned()));
    }
    for (name, value) in [
        ("base url", &c.base_url),
        ("token issuer", &c.token_issuer),
        ("token scope", &c.token_scope),
    ] {
        if let Some(v) = value {
            fields.push((name, v.clone()));
        }
    }
    if !c.notes.is_empty() {
        fields.push(("notes", c.notes.clone()));
    }
    for r in rotations {
        let line = format!("{} → {}, {}", r.old_hint, r.new_hint, local(r.rotated_at));
        fields.push(("rotated", line));
    }
    for (name, value) in fields {
        println!("{name:>13}  {value}");
    }
}

pub fn audit_table(events: &[AuditEvent]) {
    if events.is_empty() {
        println!("The audit log is empty.");
        return;
    }
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            vec![
                local(e.at),
                e.action.clone(),
                e.label.clone(),
                e.credential_id
                    .as_deref()
                    .map(|id| id.chars().take(8).collect())
                    .unwrap_or_default(),
                e.outcome.clone(),
                e.actor.clone(),
            ]
        })
        .collect();
    table(&["WHEN", "ACTION", "LABEL", "ID", "OUTCOME", "BY"], &rows);
}

fn thousands(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!(
        "{sign}{}",
        keyledger_core::pricing::money::thousands(n.unsigned_abs())
    )
}

/// `$12.35`, `$12.35 + unpriced`, or `unpriced`: a missing price is never shown as $0.
fn cost_cell(row: &UsageRow) -> String {
    let cost = match (&row.cost_micros, row.priced) {
        (Some(m), true) => usd(*m),
        (Some(m), false) => format!("{} + unpriced", usd(*m)),
        (None, _) => "unpriced".to_owned(),
    };
    // Usage a bill covers without naming it: counted in the bill, its estimate shown.
    match row.sides.and_then(|s| s.in_bill_micros) {
        Some(m) => format!("{cost} (in the bill; est. {})", usd(m)),
        None => cost,
    }
}

pub fn usage_table(rows: &[UsageRow], range: DayRange) {
    if rows.is_empty() {
        println!(
            "No usage recorded between {} and {}. Usage arrives from provider polls and agent logs.",
            range.from, range.to
        );
        return;
    }
    // Where a provider's bill superseded agent-log estimates, the estimate and its drift are
    // shown beside the cost (which counts the bill).
    let estimates = rows.iter().any(|r| r.estimate_usd.is_some());
    let line = |r: &UsageRow| {
        let mut cells = vec![
            r.key.clone(),
            thousands(r.input_tokens),
            thousands(r.output_tokens),
            thousands(r.cached_tokens),
            thousands(r.requests),
            cost_cell(r),
        ];
        if estimates {
            let estimate = r.sides.and_then(|s| s.estimate_micros);
            cells.push(estimate.map_or_else(String::new, usd));
            cells.push(
                r.drift_pct
                    .as_ref()
                    .map_or_else(String::new, |d| format!("{d} %")),
            );
        }
        cells
    };
    let mut cells: Vec<Vec<String>> = rows.iter().map(line).collect();
    cells.push(line(&UsageRow::total(rows)));
    let mut header = vec!["", "INPUT", "OUTPUT", "CACHED", "REQUESTS", "COST"];
    if estimates {
        header.extend(["LOG ESTIMATE", "DRIFT"]);
    }
    table(&header, &cells);
    if estimates {
        println!(
            "Where a provider billed a day, COST counts its bill; the agent logs' estimate for \
             those days is shown beside it, not added."
        );
    }
}

pub fn usage_csv(rows: &[UsageRow]) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(std::io::stdout());
    w.write_record([
        "key",
        "input_tokens",
        "output_tokens",
        "cached_tokens",
        "cache_write_tokens",
        "reasoning_tokens",
        "requests",
        "cost_usd",
        "priced",
        "estimate_usd",
        "billed_usd",
        "drift_pct",
    ])?;
    for r in rows {
        w.write_record([
            csv_cell(&r.key).into_owned(),
            r.input_tokens.to_string(),
            r.output_tokens.to_string(),
            r.cached_tokens.to_string(),
            r.cache_write_tokens.to_string(),
            r.reasoning_tokens.to_string(),
            r.requests.to_string(),
            r.cost_usd.clone().unwrap_or_default(),
            r.priced.to_string(),
            r.estimate_usd.clone().unwrap_or_default(),
            r.billed_usd.clone().unwrap_or_default(),
            r.drift_pct.clone().unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

pub fn price_table(prices: &[ModelPrice]) {
    if prices.is_empty() {
        println!("No price matches.");
        return;
    }
    let opt = |d: &Option<rust_decimal::Decimal>| d.map(|v| v.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = prices
        .iter()
        .map(|p| {
            vec![
                p.model.clone(),
                p.provider.clone(),
                p.input.to_string(),
                p.output.to_string(),
                opt(&p.cache_read),
                opt(&p.cache_write),
                p.source.clone(),
            ]
        })
        .collect();
    println!("USD per million tokens");
    table(
        &[
            "MODEL",
            "PROVIDER",
            "INPUT",
            "OUTPUT",
            "CACHE READ",
            "CACHE WRITE",
            "SOURCE",
        ],
        &rows,
    );
}

pub fn poll_table(outcomes: &[SourceOutcome]) {
    if outcomes.is_empty() {
        println!("No keys yet: add an admin key (OpenAI sk-admin-…, Anthropic sk-ant-admin01-…) to poll usage.");
        return;
    }
    let rows: Vec<Vec<String>> = outcomes
        .iter()
        .map(|o| {
            vec![
                o.label.clone(),
                o.provider.as_str().to_owned(),
                o.status.as_str().to_owned(),
                o.message.clone(),
            ]
        })
        .collect();
    table(&["KEY", "PROVIDER", "POLL", "MESSAGE"], &rows);
}
