//! How the CLI prints credentials and audit events: aligned tables, details, JSON.

use chrono::{DateTime, Local, Utc};
use keyledger_core::audit::AuditEvent;
use keyledger_core::credential::Credential;
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

fn table(header: &[&str], rows: &[Vec<String>]) {
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
        line(r.clone());
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

pub fn credential_details(c: &Credential, now: DateTime<Utc>) {
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
