//! Chart exports: the bars chart or the month so far, as SVG, PNG (titled) or the CSV of the
//! data behind it — chosen by the file's extension and written whole or not at all.

use std::path::Path;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::data::{chart_data, month_to_date, ChartSpec, MonthToDate};
use super::render::{self, png, svg, Chart, Look};
use super::{ChartData, Dim, Metric};
use crate::pricing::money::micros_to_usd_string;
use crate::store::Store;
use crate::{Error, Result};

/// What was written, in words ("2026-10-27 to 2026-11-25: $701").
pub async fn export(
    store: &Store,
    spec: Option<&ChartSpec>,
    look: &Look,
    path: &Path,
    overwrite: bool,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !matches!(ext.as_str(), "svg" | "png" | "csv") {
        return Err(Error::invalid(format!(
            "{} must end in .svg, .png or .csv",
            path.display()
        )));
    }
    let (bytes, what) = match spec {
        None => {
            let m = month_to_date(store, now, tz).await?;
            let look = Look {
                title: Some(format!("Spend this month ({})", m.month)),
                ..look.clone()
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
        }
        Some(spec) => {
            let data = chart_data(store, spec, now, tz).await?;
            let look = Look {
                title: Some(title(&data)),
                ..look.clone()
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
        }
    };
    crate::files::write_atomically(path, &bytes, overwrite)?;
    Ok(what)
}

/// "Spend by provider, 27 Oct 2026 – 25 Nov 2026 (Europe/Berlin)".
pub fn title(d: &ChartData) -> String {
    let what = match d.metric {
        Metric::Cost => "Spend",
        Metric::Tokens => "Tokens",
    };
    let by = match d.by {
        Dim::Total => "",
        Dim::Provider => " by provider",
        Dim::Credential => " by key",
        Dim::Model => " by model",
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
