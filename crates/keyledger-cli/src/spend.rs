//! The spend commands: `poll`, `usage` (grouped tokens and cost) and `price list|set|unset`.

use std::io::IsTerminal;
use std::time::Duration;

use chrono::Datelike;
use keyledger_core::clock;
use keyledger_core::ledger::Ledger;
use keyledger_core::poll::Poller;
use keyledger_core::pricing::{ModelPrice, PriceInput};
use keyledger_core::providers::http::RetryPolicy;
use keyledger_core::usage::DayRange;
use keyledger_core::vault::Vault;

use crate::args::{PriceCommand, UsageArgs};
use crate::{output, CmdResult, Failure};

pub async fn usage(vault: &Vault, args: UsageArgs) -> CmdResult {
    let today = clock::now().date_naive();
    let range = DayRange {
        from: args
            .from
            .unwrap_or_else(|| today.with_day(1).unwrap_or(today)),
        to: args.to.unwrap_or(today),
    };
    let rows = Ledger::new(vault.store().clone())
        .usage(range, args.by)
        .await?;
    if args.json {
        output::json(&rows);
    } else if args.csv {
        output::usage_csv(&rows).map_err(|e| Failure::Usage(format!("cannot write CSV: {e}")))?;
    } else {
        output::usage_table(&rows, range);
    }
    Ok(())
}

pub async fn poll(vault: &Vault, json: bool, timeout: u64) -> CmdResult {
    let poller = Poller::new(Duration::from_secs(timeout.max(1)), RetryPolicy::default())?;
    let tty = std::io::stderr().is_terminal();
    let outcomes = poller
        .poll_all(vault, clock::now(), |done, total, o| {
            if tty {
                eprintln!("[{done}/{total}] {}: {}", o.label, o.message);
            }
        })
        .await?;
    if json {
        output::json(&outcomes);
    } else {
        output::poll_table(&outcomes);
    }
    crate::alerts::run_rules(vault).await
}

pub async fn price(vault: &Vault, command: PriceCommand) -> CmdResult {
    let ledger = Ledger::new(vault.store().clone());
    match command {
        PriceCommand::List { filter, json } => {
            let needle = filter.unwrap_or_default().to_lowercase();
            let prices: Vec<ModelPrice> = ledger
                .prices()
                .await?
                .all()
                .into_iter()
                .filter(|p| p.model.to_lowercase().contains(&needle))
                .collect();
            if json {
                output::json(&prices);
            } else {
                output::price_table(&prices);
            }
        }
        PriceCommand::Set {
            model,
            input,
            output: out,
            cache_read,
            cache_write,
            provider,
        } => {
            let price = PriceInput {
                model: model.clone(),
                provider: provider.as_str().to_owned(),
                input,
                output: out,
                cache_read,
                cache_write,
            }
            .parse()?;
            let changed = ledger.set_price(price, clock::now()).await?;
            eprintln!("Price of {model} set; {changed} usage bucket(s) re-priced.");
        }
        PriceCommand::Unset { model } => {
            let changed = ledger.unset_price(&model).await?;
            eprintln!("Your price for {model} is removed; {changed} usage bucket(s) re-priced.");
        }
    }
    Ok(())
}
