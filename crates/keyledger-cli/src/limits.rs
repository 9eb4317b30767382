//! `keyledger limits`: how full the plans' 5-hour and weekly windows are (Codex, Claude), when
//! they reset, when and where each figure was seen.

use chrono::{DateTime, Local, Utc};
use keyledger_core::clock;
use keyledger_core::plan::claude::{self, Endpoint, Polled};
use keyledger_core::plan::{self, in_words, PlanWindow};
use keyledger_core::pricing::money::{thousands, usd};
use keyledger_core::vault::Vault;

use crate::args::LimitsSwitch;
use crate::{output, CmdResult, Failure};

pub async fn show(vault: &Vault, json: bool) -> CmdResult {
    let now = clock::now();
    // Claude's own figures first, when switched on and due.
    let polled = claude::poll(vault.store(), &Endpoint::from_env(), now).await?;
    let problem = match polled {
        Polled::Failed(sentence) => Some(sentence),
        Polled::Waiting => claude::state(vault.store()).await?.problem,
        Polled::Disabled | Polled::Read(_) => None,
    };
    if let Some(problem) = &problem {
        eprintln!("Claude: {problem}");
    }
    let list = plan::windows_with_history(vault.store(), now).await?;
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
    for w in &list {
        if let (Some(full), Some(resets)) = (w.full_at, w.resets_at) {
            println!("{}", plan::pace_sentence(w, full, resets));
        }
    }
    Ok(())
}

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn row(w: &PlanWindow, now: DateTime<Utc>) -> Vec<String> {
    let used = match (w.whole_percent(), &w.block) {
        (Some(p), _) if w.out_of_range => format!("{p}% (reported out of range)"),
        (Some(p), _) => format!("{p}%"),
        (None, Some(b)) => {
            let cost = if b.unpriced && b.cost_micros == 0 {
                "unpriced".to_owned()
            } else {
                usd(b.cost_micros)
            };
            let hit = if b.limit_resets_at.is_some() {
                "; limit hit"
            } else {
                ""
            };
            format!(
                "~{} tokens, {cost} so far{hit}",
                thousands(b.tokens.unsigned_abs())
            )
        }
        (None, None) => "—".to_owned(),
    };
    let resets = match w.resets_at {
        _ if w.stale => "reset since; waiting for new data".to_owned(),
        Some(at) => format!("{} (in {})", local(at), in_words(at - now)),
        None => "—".to_owned(),
    };
    vec![
        w.source.as_str().to_owned(),
        w.window.clone(),
        used,
        resets,
        format!("{} ago", in_words(now - w.observed_at)),
        w.origin.as_str().to_owned(),
        w.plan.clone().unwrap_or_else(|| "—".to_owned()),
    ]
}

pub async fn switch(vault: &Vault, switch: LimitsSwitch) -> CmdResult {
    let (source, on) = match switch {
        LimitsSwitch::Enable { source } => (source, true),
        LimitsSwitch::Disable { source } => (source, false),
    };
    if source != "claude" {
        return Err(Failure::Usage(format!(
            "only `claude` has an endpoint to switch ({source:?} given); Codex's windows come from its logs"
        )));
    }
    claude::set_enabled(vault.store(), on, clock::now()).await?;
    if on {
        println!(
            "Claude's own figures are on: `keyledger limits` and the window ask Claude at most every \
             5 minutes, with Claude Code's login (read when needed, never stored)."
        );
    } else {
        println!(
            "Claude's own figures are off: its 5-hour window is estimated from Claude Code's logs."
        );
    }
    Ok(())
}
