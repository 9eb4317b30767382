//! The spend ledger's vocabulary: usage buckets, where their cost came from, and grouped rows.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::pricing::money::{micros_to_usd_string, usd_to_micros};
use crate::pricing::{PriceTable, Tokens};

/// How long a bucket lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Width {
    Hour,
    Day,
}

impl Width {
    pub fn as_str(self) -> &'static str {
        match self {
            Width::Hour => "1h",
            Width::Day => "1d",
        }
    }
}

/// Where usage was learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageSource {
    /// A provider's usage API.
    Api,
    /// A local agent log (Claude Code, Codex).
    Log,
    /// A file the user imported.
    Import,
    /// Keyledger's own metering gateway, which saw the requests go by.
    Gateway,
}

impl UsageSource {
    pub fn as_str(self) -> &'static str {
        match self {
            UsageSource::Api => "api",
            UsageSource::Log => "log",
            UsageSource::Import => "import",
            UsageSource::Gateway => "gateway",
        }
    }
}

/// Where a bucket's cost came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum CostSource {
    /// The provider reported it.
    Provider,
    /// Computed from tokens and the price table.
    Computed,
    /// No price is known for the model: the cost is unknown, not zero.
    Unpriced,
}

impl CostSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CostSource::Provider => "provider",
            CostSource::Computed => "computed",
            CostSource::Unpriced => "unpriced",
        }
    }
}

/// Token and request counts of one bucket.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub input: i64,
    pub output: i64,
    pub cached: i64,
    pub cache_write: i64,
    pub reasoning: i64,
    pub requests: i64,
}

impl Counts {
    /// Adds `c`'s counts to these (saturating: a ledger never wraps around).
    pub fn add(&mut self, c: &Counts) {
        self.input = self.input.saturating_add(c.input);
        self.output = self.output.saturating_add(c.output);
        self.cached = self.cached.saturating_add(c.cached);
        self.cache_write = self.cache_write.saturating_add(c.cache_write);
        self.reasoning = self.reasoning.saturating_add(c.reasoning);
        self.requests = self.requests.saturating_add(c.requests);
    }
}

/// One row of the ledger: usage of one model through one key (or account) in one time bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageBucket {
    pub provider: String,
    /// The stored credential the usage belongs to, if it could be attributed.
    pub credential_id: Option<String>,
    /// The provider's own key / project id, when the source gives one.
    pub account: String,
    pub model: String,
    pub start: DateTime<Utc>,
    pub width: Width,
    pub source: UsageSource,
    pub counts: Counts,
    /// Cost in micro-dollars; `None` when unpriced.
    pub cost_micros: Option<i64>,
    pub cost_source: CostSource,
}

impl UsageBucket {
    /// Sets the cost from the price table (unless the provider reported it).
    pub fn price_with(mut self, prices: &PriceTable) -> Self {
        if self.cost_source != CostSource::Provider {
            (self.cost_micros, self.cost_source) = price(prices, &self.model, &self.counts);
        }
        self
    }
}

/// The cost of `counts` of `model` in micro-dollars, or unpriced when no price is known.
pub fn price(prices: &PriceTable, model: &str, counts: &Counts) -> (Option<i64>, CostSource) {
    let tokens = Tokens {
        input: counts.input,
        output: counts.output,
        cache_read: counts.cached,
        cache_write: counts.cache_write,
    };
    match prices
        .lookup(model)
        .and_then(|p| usd_to_micros(p.cost(tokens)))
    {
        Some(micros) => (Some(micros), CostSource::Computed),
        None => (None, CostSource::Unpriced),
    }
}

/// How usage rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// Hours (UTC), from the sources that report them; a finer view, not added to day totals.
    Hour,
    Day,
    Provider,
    Credential,
    Model,
}

impl std::str::FromStr for GroupBy {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "hour" => Ok(GroupBy::Hour),
            "day" => Ok(GroupBy::Day),
            "provider" => Ok(GroupBy::Provider),
            "credential" | "key" => Ok(GroupBy::Credential),
            "model" => Ok(GroupBy::Model),
            _ => Err(crate::Error::invalid(format!(
                "cannot group by '{s}'; use hour, day, provider, credential or model"
            ))),
        }
    }
}

/// A grouped, summed usage row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UsageRow {
    /// The group: an hour (`2026-11-22T14:00:00Z`, UTC), a date (YYYY-MM-DD), a provider, a
    /// credential label or a model.
    pub key: String,
    #[ts(type = "number")]
    pub input_tokens: i64,
    #[ts(type = "number")]
    pub output_tokens: i64,
    #[ts(type = "number")]
    pub cached_tokens: i64,
    #[ts(type = "number")]
    pub cache_write_tokens: i64,
    #[ts(type = "number")]
    pub reasoning_tokens: i64,
    #[ts(type = "number")]
    pub requests: i64,
    /// The priced part of the cost in USD as an exact decimal string; `None` when none of the
    /// usage in the row has a known price (unknown, not $0).
    pub cost_usd: Option<String>,
    /// The same amount in micro-dollars, for arithmetic.
    #[serde(skip)]
    #[ts(skip)]
    pub cost_micros: Option<i64>,
    /// False when some of the usage in this row has no known price (its cost is missing).
    pub priced: bool,
    /// On the days a provider billed (its cost report), what the agent logs estimated for that
    /// provider: shown beside the bill, never added to `cost_usd`. `None` when there is none.
    pub estimate_usd: Option<String>,
    /// What the provider billed on those same days (part of `cost_usd`).
    pub billed_usd: Option<String>,
    /// The estimate's drift from the bill in percent, signed, one decimal (`"+4.2"`).
    pub drift_pct: Option<String>,
    /// What token prices say for usage in this row that a provider's bill covers without
    /// naming it: counted as part of the bill (not in `cost_usd` again), shown as an estimate.
    pub in_bill_estimate_usd: Option<String>,
    #[serde(skip)]
    #[ts(skip)]
    pub sides: Option<Sides>,
}

impl UsageRow {
    /// A row with nothing in it, named `key`.
    pub fn empty(key: impl Into<String>) -> Self {
        UsageRow {
            key: key.into(),
            input_tokens: 0,
            output_tokens: 0,
            cached_tokens: 0,
            cache_write_tokens: 0,
            reasoning_tokens: 0,
            requests: 0,
            cost_usd: None,
            cost_micros: None,
            priced: true,
            estimate_usd: None,
            billed_usd: None,
            drift_pct: None,
            in_bill_estimate_usd: None,
            sides: None,
        }
    }

    /// Sets the estimate, the bill and their drift from `sides`.
    pub fn with_sides(mut self, sides: Option<Sides>) -> Self {
        self.sides = sides;
        self.estimate_usd = sides
            .and_then(|s| s.estimate_micros)
            .map(micros_to_usd_string);
        self.billed_usd = sides
            .filter(|s| s.estimate_micros.is_some())
            .map(|s| micros_to_usd_string(s.billed_micros));
        self.drift_pct = sides.and_then(|s| drift_pct(s.estimate_micros?, s.billed_micros));
        self.in_bill_estimate_usd = sides
            .and_then(|s| s.in_bill_micros)
            .map(micros_to_usd_string);
        self
    }

    /// The sum of `rows`; its cost covers the priced part, and `priced` is false if any is not.
    pub fn total(rows: &[UsageRow]) -> UsageRow {
        let mut t = UsageRow::empty("total");
        for r in rows {
            t.input_tokens += r.input_tokens;
            t.output_tokens += r.output_tokens;
            t.cached_tokens += r.cached_tokens;
            t.cache_write_tokens += r.cache_write_tokens;
            t.reasoning_tokens += r.reasoning_tokens;
            t.requests += r.requests;
            t.priced &= r.priced;
            if let Some(micros) = r.cost_micros {
                t.cost_micros = Some(t.cost_micros.unwrap_or(0) + micros);
            }
        }
        t.cost_usd = t.cost_micros.map(micros_to_usd_string);
        let sides = rows.iter().filter_map(|r| r.sides).reduce(|a, b| Sides {
            estimate_micros: match (a.estimate_micros, b.estimate_micros) {
                (None, None) => None,
                (x, y) => Some(x.unwrap_or(0) + y.unwrap_or(0)),
            },
            billed_micros: a.billed_micros + b.billed_micros,
            in_bill_micros: match (a.in_bill_micros, b.in_bill_micros) {
                (None, None) => None,
                (x, y) => Some(x.unwrap_or(0) + y.unwrap_or(0)),
            },
        });
        t.with_sides(sides)
    }
}

/// `(estimate − bill) / bill` in percent, rounded half away from zero to one decimal, signed;
/// `None` when nothing was billed.
pub fn drift_pct(estimate_micros: i64, billed_micros: i64) -> Option<String> {
    if billed_micros == 0 {
        return None;
    }
    let drift = (rust_decimal::Decimal::from(estimate_micros)
        - rust_decimal::Decimal::from(billed_micros))
        * rust_decimal::Decimal::ONE_HUNDRED
        / rust_decimal::Decimal::from(billed_micros);
    let rounded =
        drift.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let sign = if rounded.is_sign_positive() && !rounded.is_zero() {
        "+"
    } else {
        ""
    };
    Some(format!("{sign}{rounded:.1}"))
}

/// An inclusive range of UTC days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Usage over a range, grouped, with its total: what the usage table shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UsageReport {
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    pub by: GroupBy,
    pub rows: Vec<UsageRow>,
    pub total: UsageRow,
}

/// The estimate and the bill of one group of a usage report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    /// What the superseded agent-log rows would have cost (their priced part).
    pub estimate_micros: Option<i64>,
    /// What the provider billed on the same provider-days.
    pub billed_micros: i64,
    /// What token prices say for usage a bill covers without naming it (its rows count $0: they
    /// are part of the bill); `None` when there is none.
    pub in_bill_micros: Option<i64>,
}
