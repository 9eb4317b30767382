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

use keyledger_core::alerts::evaluate::load_settings;
use keyledger_core::alerts::period::zone;
use keyledger_core::chart::data::{chart_data, month_to_date, ChartSpec, MonthToDate};
use keyledger_core::chart::render::{self, png, svg, Chart, Look};
use keyledger_core::chart::{ChartData, Dim, Metric};
use keyledger_core::pricing::money::micros_to_usd_string;

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
    let now = clock::now();
    let tz = zone(load_settings(store).await?.time_zone.as_deref());
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !matches!(ext.as_str(), "svg" | "png" | "csv") {
        return Err(Failure::Usage(format!(
            "{} must end in .svg, .png or .csv",
            args.out.display()
        )));
    }
    if args.out.exists() && !args.force {
        return Err(Failure::Usage(format!(
            "{} already exists; choose another name or pass --force",
            args.out.display()
        )));
    }
    let look = Look {
        width: args.width,
        height: args.height,
        theme: args.theme,
        title: None,
    };
    let (bytes, what) = if args.month_to_date {
        let m = month_to_date(store, now, tz).await?;
        let look = Look {
            title: Some(format!("Spend this month ({})", m.month)),
            ..look
        };
        let bytes = match ext.as_str() {
            "svg" => svg(Chart::MonthToDate(&m), &look)?.into_bytes(),
            "png" => png(Chart::MonthToDate(&m), &look)?,
            _ => month_csv(&m).into_bytes(),
        };
        (
            bytes,
            format!("this month so far: {}", render::money(m.spent_micros)),
        )
    } else {
        let spec = ChartSpec {
            range: args.range,
            by: args.by,
            metric: args.metric,
            granularity: args.granularity,
        };
        let data = chart_data(store, &spec, now, tz).await?;
        let look = Look {
            title: Some(title(&data)),
            ..look
        };
        let bytes = match ext.as_str() {
            "svg" => svg(Chart::Bars(&data), &look)?.into_bytes(),
            "png" => png(Chart::Bars(&data), &look)?,
            _ => data.to_csv().into_bytes(),
        };
        let total = match data.metric {
            Metric::Cost => render::money(data.total),
            Metric::Tokens => format!("{} tokens", render::tokens(data.total)),
        };
        let unpriced = if data.any_unpriced {
            " + unpriced usage"
        } else {
            ""
        };
        (
            bytes,
            format!("{} to {}: {total}{unpriced}", data.from, data.to),
        )
    };
    write_file(&args.out, &bytes)?;
    eprintln!("Wrote {} ({what}).", args.out.display());
    Ok(())
}

fn title(d: &ChartData) -> String {
    let what = match d.metric {
        Metric::Cost => "Spend",
        Metric::Tokens => "Tokens",
    };
    let by = match d.by {
        Dim::Total => String::new(),
        Dim::Provider => " by provider".to_owned(),
        Dim::Credential => " by key".to_owned(),
        Dim::Model => " by model".to_owned(),
    };
    format!(
        "{what}{by}, {} – {} ({})",
        d.from.format("%-d %b %Y"),
        d.to.format("%-d %b %Y"),
        d.time_zone
    )
}

fn month_csv(m: &MonthToDate) -> String {
    let cell = |v: Option<i64>| v.map(micros_to_usd_string).unwrap_or_default();
    let mut out = String::from("day,spent_so_far,at_this_pace,budget\n");
    for (i, day) in m.days.iter().enumerate() {
        out.push_str(&format!(
            "{day},{},{},{}\n",
            cell(m.actual[i]),
            cell(m.forecast[i]),
            cell(m.budget_micros)
        ));
    }
    out
}

fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), Failure> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes).map_err(|e| Failure::Core(keyledger_core::Error::io(&tmp, &e)))?;
    std::fs::rename(&tmp, path).map_err(|e| Failure::Core(keyledger_core::Error::io(path, &e)))
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
