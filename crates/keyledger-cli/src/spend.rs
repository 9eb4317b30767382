//! The spend commands: `poll`, `usage` (grouped tokens and cost), `chart` and
//! `price list|set|unset`.

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

use keyledger_core::alerts::settings::user_zone;
use keyledger_core::chart::data::ChartSpec;
use keyledger_core::chart::export::export;
use keyledger_core::chart::render::Look;

use crate::args::{ChartArgs, PriceCommand, UsageArgs};
use crate::{output, CmdResult, Failure};

pub async fn usage(vault: &Vault, args: UsageArgs) -> CmdResult {
    let today = clock::now().date_naive();
    let range = match args.range {
        Some(r) => {
            let (from, to) = r.resolve(today)?;
            DayRange { from, to }
        }
        None => DayRange {
            from: args
                .from
                .unwrap_or_else(|| today.with_day(1).unwrap_or(today)),
            to: args.to.unwrap_or(today),
        },
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

/// `chart`: the chart (or its data) written to a file, whole or not at all.
pub async fn chart(vault: &Vault, args: ChartArgs) -> CmdResult {
    let store = vault.store();
    let tz = user_zone(store).await?;
    let spec = ChartSpec {
        range: args.range,
        by: args.by,
        metric: args.metric,
        granularity: args.granularity,
    };
    let look = Look {
        width: args.width,
        height: args.height,
        theme: args.theme,
        title: None,
    };
    let what = export(
        store,
        (!args.month_to_date).then_some(&spec),
        &look,
        &args.out,
        args.force,
        clock::now(),
        tz,
    )
    .await?;
    eprintln!("Wrote {} ({what}).", args.out.display());
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
        PriceCommand::Import { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                keyledger_core::Error::invalid(format!("cannot read {}: {e}", file.display()))
            })?;
            let (set, changed) = ledger.import_prices(&text, clock::now()).await?;
            eprintln!(
                "{set} price(s) from {} are now yours; {changed} usage bucket(s) re-priced.",
                file.display()
            );
        }
    }
    Ok(())
}
