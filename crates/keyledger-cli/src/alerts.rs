//! The alert commands: `alerts` (run the rules, list, acknowledge, snooze) and `budget
//! list|set|rm`; and the line printed when a poll or a check fires new alerts.

use chrono::{DateTime, Local, Utc};
use keyledger_core::alerts::evaluate::evaluate;
use keyledger_core::alerts::{budget_status, manage, Alert, BudgetStatus, NewBudget};
use keyledger_core::clock;
use keyledger_core::store::alerts as stored;
use keyledger_core::vault::Vault;

use crate::args::{AlertAction, AlertsArgs, BudgetCommand};
use crate::{output, CmdResult};

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Runs the rules after a poll or a check and says on stderr what fired.
pub async fn run_rules(vault: &Vault) -> CmdResult {
    let e = evaluate(vault.store(), clock::now()).await?;
    for a in e.fired.iter().chain(&e.woke) {
        eprintln!("alert: {} — {}", a.title, a.body);
    }
    Ok(())
}

pub async fn alerts(vault: &Vault, args: AlertsArgs) -> CmdResult {
    let now = clock::now();
    match args.action {
        Some(AlertAction::Ack { id }) => {
            let a = manage::acknowledge(vault.store(), id, now).await?;
            eprintln!("Acknowledged: {}", a.title);
        }
        Some(AlertAction::Snooze { id, hours }) => {
            let a = manage::snooze(vault.store(), id, hours, now).await?;
            let until = a.snoozed_until.map(local).unwrap_or_default();
            eprintln!("Snoozed until {until}: {}", a.title);
        }
        Some(AlertAction::DontRemind { id }) => {
            manage::rotation_reminder_off(vault.store(), id, now).await?;
            eprintln!("No more rotation reminders for this key.");
        }
        None => {
            evaluate(vault.store(), now).await?;
            let list = stored::list(vault.store().pool(), args.all, now).await?;
            if args.json {
                output::json(&list);
            } else {
                alert_table(&list, now, args.all);
            }
        }
    }
    Ok(())
}

fn alert_table(list: &[Alert], now: DateTime<Utc>, all: bool) {
    if list.is_empty() {
        if all {
            println!("No alerts yet.");
        } else {
            println!("No alerts need attention. (`keyledger alerts --all` shows past ones.)");
        }
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|a| {
            let state = match (a.acknowledged_at, a.snoozed_until) {
                (Some(_), _) => "acknowledged".to_owned(),
                (None, Some(until)) if until > now => format!("snoozed to {}", local(until)),
                _ => "active".to_owned(),
            };
            vec![
                a.id.to_string(),
                local(a.fired_at),
                a.severity.as_str().to_owned(),
                state,
                a.title.clone(),
            ]
        })
        .collect();
    output::table(&["ID", "FIRED", "SEVERITY", "STATE", "ALERT"], &rows);
}

pub async fn budget(vault: &Vault, command: BudgetCommand) -> CmdResult {
    let now = clock::now();
    match command {
        BudgetCommand::List { json } => {
            let list = budget_status(vault.store(), now).await?;
            if json {
                output::json(&list);
            } else {
                budget_table(&list);
            }
        }
        BudgetCommand::Set {
            scope,
            period,
            usd,
            tokens,
            thresholds,
        } => {
            let new = NewBudget {
                scope,
                period,
                amount_usd: usd,
                token_quota: tokens,
                thresholds,
            };
            let b = manage::set_budget(vault.store(), &new, now).await?;
            let limit = [
                b.amount_usd.as_ref().map(|a| format!("${a}")),
                b.token_quota.map(|t| format!("{t} tokens")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" and ");
            eprintln!(
                "Budget {} set: {limit} per {} for {}.",
                b.id,
                b.period.as_str(),
                b.scope.key()
            );
            run_rules(vault).await?;
        }
        BudgetCommand::Rm { id } => {
            let b = manage::remove_budget(vault.store(), &id).await?;
            eprintln!("Budget {} for {} removed.", b.id, b.scope.key());
        }
    }
    Ok(())
}

fn budget_table(list: &[BudgetStatus]) {
    if list.is_empty() {
        println!("No budgets. Set one: keyledger budget set all --usd 50");
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            let b = &s.budget;
            let limit = b.amount_usd.as_ref().map_or_else(
                || format!("{} tokens", b.token_quota.unwrap_or(0)),
                |a| format!("${a}"),
            );
            let spent = if b.amount_usd.is_some() {
                format!(
                    "${}{}",
                    s.spent_usd,
                    if s.unpriced { " + unpriced" } else { "" }
                )
            } else {
                format!("{} tokens", s.tokens)
            };
            vec![
                b.id.clone(),
                s.label.clone(),
                format!("{} {}", b.period.as_str(), s.period),
                limit,
                spent,
                format!("{}%", s.percent),
                s.forecast_usd
                    .as_ref()
                    .map_or("—".to_owned(), |f| format!("${f}")),
            ]
        })
        .collect();
    output::table(
        &[
            "ID",
            "FOR",
            "PERIOD",
            "LIMIT",
            "SPENT",
            "USED",
            "MONTH-END PACE",
        ],
        &rows,
    );
}
