//! Benchmark: the dashboard's queries over one year × 50 credentials × 10 models of daily
//! buckets (182,500 rows), and drawing a 365-day × 5-series chart as SVG and PNG.
//! Run: `cargo bench -p keyledger-core --bench charts` (prints figures; asserts nothing).

#![allow(clippy::unwrap_used, clippy::print_stdout)] // a benchmark binary fails loudly and prints

use std::future::Future;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use keyledger_core::chart::data::{chart_data, month_to_date, ChartSpec};
use keyledger_core::chart::render::{png, svg, Chart, Look};
use keyledger_core::chart::summary::{sparklines, summary};
use keyledger_core::chart::theme::Theme;
use keyledger_core::chart::{Dim, Granularity, Metric, RangeSpec};
use keyledger_core::ledger::Ledger;
use keyledger_core::store::Store;

mod support;

const RUNS: u32 = 20;

async fn mean<F: Future>(mut f: impl FnMut() -> F) -> Duration {
    f().await;
    let started = Instant::now();
    for _ in 0..RUNS {
        f().await;
    }
    started.elapsed() / RUNS
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bench.db")).await.unwrap();
    let ledger = Ledger::new(store.clone());
    let first = NaiveDate::from_ymd_opt(2025, 11, 24).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    support::year_of_usage(&ledger, first, now).await;
    let tz: Tz = "Europe/Berlin".parse().unwrap();

    let spec = |days: u32, by: Dim| ChartSpec {
        range: RangeSpec::Days { days },
        by,
        metric: Metric::Cost,
        granularity: None,
    };
    for (name, s) in [
        ("30 d by provider", spec(30, Dim::Provider)),
        ("30 d by key (50)", spec(30, Dim::Credential)),
        (
            "12 m by model",
            ChartSpec {
                range: RangeSpec::Months { months: 12 },
                ..spec(1, Dim::Model)
            },
        ),
        (
            "365 d by key, daily",
            ChartSpec {
                granularity: Some(Granularity::Day),
                ..spec(365, Dim::Credential)
            },
        ),
    ] {
        let per = mean(|| chart_data(&store, &s, now, tz)).await;
        println!(
            "chart data, {name:<22} {:>7.2} ms (mean of {RUNS})",
            ms(per)
        );
    }
    let per = mean(|| summary(&store, now, tz)).await;
    println!("dashboard cards (summary)      {:>7.2} ms", ms(per));
    let per = mean(|| sparklines(&store, now, tz, 30)).await;
    println!("sparklines, 50 keys × 30 d     {:>7.2} ms", ms(per));
    let per = mean(|| month_to_date(&store, now, tz)).await;
    println!("month to date                  {:>7.2} ms", ms(per));
    let open = mean(|| async {
        summary(&store, now, tz).await.unwrap();
        sparklines(&store, now, tz, 30).await.unwrap();
        chart_data(&store, &spec(30, Dim::Provider), now, tz)
            .await
            .unwrap();
        month_to_date(&store, now, tz).await.unwrap();
    })
    .await;
    println!("everything the dashboard opens with {:>7.2} ms", ms(open));

    // 365 days × 5 series: the year by model, its five biggest plus "Other".
    let year = ChartSpec {
        granularity: Some(Granularity::Day),
        ..spec(365, Dim::Model)
    };
    let mut data = chart_data(&store, &year, now, tz).await.unwrap();
    data.series.truncate(5);
    let look = Look {
        width: 1200,
        height: 400,
        theme: Theme::Light,
        title: Some("Spend by model".into()),
    };
    let bars = Chart::Bars(&data);
    let per = mean(|| async { svg(bars, &look).unwrap() }).await;
    println!(
        "render 365 d × {} series as SVG   {:>7.2} ms",
        data.series.len(),
        ms(per)
    );
    let per = mean(|| async { png(bars, &look).unwrap() }).await;
    println!(
        "render 365 d × {} series as PNG   {:>7.2} ms",
        data.series.len(),
        ms(per)
    );
}
