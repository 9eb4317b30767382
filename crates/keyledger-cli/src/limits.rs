//! `keyledger limits`: how full the plans' 5-hour and weekly windows are (Codex, Claude), when
//! they reset, when and where each figure was seen.

use chrono::{DateTime, Local, Utc};
use keyledger_core::clock;
use keyledger_core::plan::{self, in_words, PlanWindow};
use keyledger_core::vault::Vault;

use crate::{output, CmdResult};

pub async fn show(vault: &Vault, json: bool) -> CmdResult {
    let now = clock::now();
    let list = plan::windows(vault.store(), now).await?;
    if json {
        output::json(&list);
        return Ok(());
    }
    if list.is_empty() {
        println!(
            "No plan windows seen yet. Keyledger reads Codex's 5-hour and weekly limits from its \
             session logs: use Codex, then run `keyledger import-logs`."
        );
        return Ok(());
    }
    let rows: Vec<Vec<String>> = list.iter().map(|w| row(w, now)).collect();
    output::table(
        &["SOURCE", "WINDOW", "USED", "RESETS", "SEEN", "FROM", "PLAN"],
        &rows,
    );
    Ok(())
}

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn row(w: &PlanWindow, now: DateTime<Utc>) -> Vec<String> {
    let r = &w.reading;
    let used = if r.out_of_range {
        format!("{} % (reported out of range)", r.whole_percent())
    } else {
        format!("{} %", r.whole_percent())
    };
    let resets = match r.resets_at {
        _ if w.stale => "reset since; waiting for new data".to_owned(),
        Some(at) => format!("{} (in {})", local(at), in_words(at - now)),
        None => "—".to_owned(),
    };
    vec![
        r.source.as_str().to_owned(),
        r.window.clone(),
        used,
        resets,
        format!("{} ago", in_words(now - r.observed_at)),
        r.origin.as_str().to_owned(),
        r.plan.clone().unwrap_or_else(|| "—".to_owned()),
    ]
}
