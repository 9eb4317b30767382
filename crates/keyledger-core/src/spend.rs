//! Spend in the user's calendar: what each group (provider, key, model, or all) used on each
//! local day — daily rollups give the UTC days, the hourly buckets Keyledger has move what fell
//! on another local day — and what a budget's scope used over local days. Charts and budgets
//! both read it, so they always agree.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::alerts::BudgetScope;
use crate::store::spend::Used;
use crate::store::Store;
use crate::{Error, Result};

/// What the series are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Dim {
    /// One series of cost, or input and output tokens.
    Total,
    Provider,
    Credential,
    Model,
}

impl std::str::FromStr for Dim {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "total" | "none" => Ok(Dim::Total),
            "provider" => Ok(Dim::Provider),
            "credential" | "key" => Ok(Dim::Credential),
            "model" => Ok(Dim::Model),
            other => Err(Error::invalid(format!(
                "cannot chart by '{other}'; use provider, credential, model or total"
            ))),
        }
    }
}

/// What one group used on one day.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cell {
    pub cost: i64,
    pub input: i64,
    pub output: i64,
    pub unpriced: bool,
}

pub(crate) type Cells = HashMap<(String, NaiveDate), Cell>;

/// Each group's use per local day, over `from..=to` (and nothing outside it).
pub(crate) async fn local_cells(
    store: &Store,
    by: Dim,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
) -> Result<Cells> {
    let pool = store.pool();
    let dim = match by {
        Dim::Total => "day",
        Dim::Provider => "provider",
        Dim::Credential => "credential",
        Dim::Model => "model",
    };
    // One UTC day either side: hours there can fall on the range's first or last local day.
    let (first, last) = (from - Days::new(1), to + Days::new(1));
    let days: Vec<(String, String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT key, day, cost_micros, unpriced, \
         input_tokens + cached_tokens + cache_write_tokens, output_tokens \
         FROM usage_rollup WHERE dim = ? AND day >= ? AND day <= ?",
    )
    .bind(dim)
    .bind(first.to_string())
    .bind(last.to_string())
    .fetch_all(pool)
    .await?;
    let mut cells: Cells = HashMap::with_capacity(days.len());
    for (key, day, cost, unpriced, input, output) in days {
        let Ok(day) = day.parse::<NaiveDate>() else {
            continue;
        };
        let key = if by == Dim::Total { String::new() } else { key };
        cells.insert(
            (key, day),
            Cell {
                cost,
                input,
                output,
                unpriced: unpriced > 0,
            },
        );
    }

    let key_expr = match by {
        Dim::Total => "''",
        Dim::Provider => "provider",
        Dim::Credential => {
            "CASE WHEN credential_id <> '' THEN credential_id ELSE 'account:' || account END"
        }
        Dim::Model => "model",
    };
    let hours: Vec<(String, DateTime<Utc>, i64, bool, i64, i64)> = sqlx::query_as(&format!(
        "SELECT {key_expr}, bucket_start, COALESCE(cost_micros, 0), cost_micros IS NULL, \
         input_tokens + cached_tokens + cache_write_tokens, output_tokens \
         FROM usage_bucket WHERE bucket_width = '1h' AND superseded = 0 \
         AND bucket_start >= ? AND bucket_start < ?"
    ))
    .bind(first.and_time(NaiveTime::MIN).and_utc())
    .bind((last + Days::new(1)).and_time(NaiveTime::MIN).and_utc())
    .fetch_all(pool)
    .await?;
    for (key, start, cost, unpriced, input, output) in hours {
        let (utc_day, local_day) = (start.date_naive(), start.with_timezone(&tz).date_naive());
        if utc_day == local_day {
            continue;
        }
        // Never move more than the day holds: hours and days are polled apart.
        let Some(source) = cells.get_mut(&(key.clone(), utc_day)) else {
            continue;
        };
        let moved = Cell {
            cost: cost.min(source.cost),
            input: input.min(source.input),
            output: output.min(source.output),
            unpriced,
        };
        source.cost -= moved.cost;
        source.input -= moved.input;
        source.output -= moved.output;
        if (source.cost, source.input, source.output) == (0, 0, 0) {
            // Everything moved: whatever was unpriced went with it.
            source.unpriced = false;
        }
        let target = cells.entry((key, local_day)).or_default();
        target.cost += moved.cost;
        target.input += moved.input;
        target.output += moved.output;
        target.unpriced |= moved.unpriced;
    }
    cells.retain(|(_, day), _| *day >= from && *day <= to);
    Ok(cells)
}

/// For credential groups, by rollup key: the stored key's id and label (also for usage an admin
/// poll reported under the provider's id of a stored key), else the key and the provider's name
/// for it. Reads the (small) credential and provider-key tables whole.
pub(crate) async fn labels(
    store: &Store,
    by: Dim,
    cells: &Cells,
) -> Result<HashMap<String, (String, String)>> {
    if by != Dim::Credential {
        return Ok(HashMap::new());
    }
    let pool = store.pool();
    let stored: HashMap<String, String> = sqlx::query_as("SELECT id, label FROM credential")
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
    let accounts: HashMap<String, (Option<String>, String)> =
        sqlx::query_as::<_, (String, Option<String>, String)>(
            "SELECT account, credential_id, \
         COALESCE(NULLIF(name, ''), NULLIF(hint, ''), account) FROM provider_key",
        )
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(account, id, name)| (account, (id, name)))
        .collect();
    let mut out = HashMap::new();
    for (key, _) in cells.keys() {
        if out.contains_key(key) {
            continue;
        }
        let named = |id: &str| stored.get(id).map(|label| (id.to_owned(), label.clone()));
        let resolved = match key.strip_prefix("account:") {
            Some(account) => match accounts.get(account) {
                Some((Some(id), _)) if stored.contains_key(id) => named(id),
                Some((_, name)) => Some((key.clone(), format!("{name} (not stored here)"))),
                None => Some((
                    key.clone(),
                    match account {
                        "" => "(organisation)".to_owned(),
                        "claude-code" => "Claude Code (local logs)".to_owned(),
                        "codex" => "Codex (local logs)".to_owned(),
                        other => other.to_owned(),
                    },
                )),
            },
            None => named(key).or_else(|| {
                let short: String = key.chars().take(8).collect();
                Some((key.clone(), format!("(deleted key {short})")))
            }),
        };
        if let Some(r) = resolved {
            out.insert(key.clone(), r);
        }
    }
    Ok(out)
}

/// What a budget's scope used over the local days `from..=to`: the same calendar as the charts
/// (hours Keyledger knows counted on the local day they fell on).
pub async fn local_use(
    store: &Store,
    scope: &BudgetScope,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
) -> Result<Used> {
    let by = match scope {
        BudgetScope::All => Dim::Total,
        BudgetScope::Provider(_) => Dim::Provider,
        BudgetScope::Credential(_) => Dim::Credential,
    };
    let cells = local_cells(store, by, from, to, tz).await?;
    let labels = labels(store, by, &cells).await?;
    let mut used = Used::default();
    for ((key, _), cell) in cells {
        let counts = match scope {
            BudgetScope::All => true,
            BudgetScope::Provider(p) => key == p.as_str(),
            // The key's own usage, and what an admin key's report attributes to it.
            BudgetScope::Credential(id) => {
                labels.get(&key).map_or(&key, |(resolved, _)| resolved) == id
            }
        };
        if counts {
            used.cost_micros += cell.cost;
            used.unpriced += i64::from(cell.unpriced);
            used.tokens += cell.input + cell.output;
        }
    }
    Ok(used)
}
