//! Charts of the spend ledger: what to show (range, grouping, metric), the series behind it in
//! the user's calendar — read from the ledger, zero-filled, the small groups folded into
//! "Other" — and their drawing with plotters, as SVG for the window and PNG for exports.

pub mod data;
pub mod export;
pub mod range;
pub mod render;
pub mod summary;
pub mod theme;
pub mod view;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::spend::Dim;
pub use range::{Granularity, RangeSpec};

use crate::{Error, Result};

/// What the bars measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// USD, from exact micro-dollars.
    Cost,
    /// Tokens: input (cache reads and writes included) and output.
    Tokens,
}

impl std::str::FromStr for Metric {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "cost" | "usd" => Ok(Metric::Cost),
            "tokens" => Ok(Metric::Tokens),
            other => Err(Error::invalid(format!(
                "unknown metric '{other}'; use cost or tokens"
            ))),
        }
    }
}

/// One bar position: a day, a week (Monday to Sunday) or a month of the user's calendar,
/// clipped to the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Bucket {
    #[ts(type = "string")]
    pub start: NaiveDate,
    /// The last day, inclusive.
    #[ts(type = "string")]
    pub end: NaiveDate,
    /// `12 Nov`, `w/c 10 Nov`, `Nov 2026`.
    pub label: String,
}

/// One stacked series: a value per bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Series {
    /// The group's identity (a provider, credential id, model) or `other`, `input`, `output`.
    pub key: String,
    pub label: String,
    /// Micro-dollars or tokens, per bucket.
    #[ts(type = "Array<number>")]
    pub values: Vec<i64>,
    /// Per bucket: some of the usage has no known price, so the cost is a lower bound (or
    /// unknown when the value is 0) — never read as $0.
    pub unpriced: Vec<bool>,
}

impl Series {
    pub fn total(&self) -> i64 {
        self.values.iter().sum()
    }
}

/// The data behind a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChartData {
    pub metric: Metric,
    pub by: Dim,
    pub granularity: Granularity,
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// The IANA zone whose calendar the buckets follow.
    pub time_zone: String,
    pub buckets: Vec<Bucket>,
    /// Largest first; groups beyond the first few are summed as "Other".
    pub series: Vec<Series>,
    #[ts(type = "number")]
    pub total: i64,
    /// Some usage in the range has no known price.
    pub any_unpriced: bool,
}

impl ChartData {
    /// The sum of all series in bucket `i`.
    pub fn bucket_total(&self, i: usize) -> i64 {
        self.series.iter().map(|s| s.values[i]).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.values.iter().all(|v| *v == 0))
            && !self.series.iter().any(|s| s.unpriced.iter().any(|u| *u))
    }

    /// The data as CSV: a row per bucket, a column per series, and the total (USD as decimal
    /// strings, tokens as integers; an unpriced cell is marked `+unpriced`).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("start,end");
        for s in &self.series {
            out.push(',');
            out.push_str(&csv_field(&s.label));
        }
        out.push_str(",total\n");
        for (i, b) in self.buckets.iter().enumerate() {
            out.push_str(&format!("{},{}", b.start, b.end));
            for s in &self.series {
                out.push(',');
                out.push_str(&self.cell(s.values[i], s.unpriced[i]));
            }
            let unpriced = self.series.iter().any(|s| s.unpriced[i]);
            out.push(',');
            out.push_str(&self.cell(self.bucket_total(i), unpriced));
            out.push('\n');
        }
        out
    }

    fn cell(&self, value: i64, unpriced: bool) -> String {
        let v = match self.metric {
            Metric::Cost => crate::pricing::money::micros_to_usd_string(value),
            Metric::Tokens => value.to_string(),
        };
        if unpriced && self.metric == Metric::Cost {
            format!("{v}+unpriced")
        } else {
            v
        }
    }
}

fn csv_field(s: &str) -> String {
    let s = crate::text::csv_cell(s);
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}
