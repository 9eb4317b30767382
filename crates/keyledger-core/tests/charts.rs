//! Charts on a real SQLite ledger: each grouping and range, the user's calendar (hours moved to
//! the local day they fell on), gaps filled with zero, unpriced usage marked (never $0), the
//! month-to-date line; and the drawings themselves — SVG parsed, PNG decoded — for normal,
//! empty and single-point data.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use keyledger_core::alerts::manage::set_budget;
use keyledger_core::alerts::NewBudget;
use keyledger_core::chart::data::{chart_data, month_to_date, ChartSpec, MAX_SERIES};
use keyledger_core::chart::render::{png, svg, Chart, Look};
use keyledger_core::chart::summary::{sparklines, summary};
use keyledger_core::chart::theme::Theme;
use keyledger_core::chart::view::BarsView;
use keyledger_core::chart::{ChartData, Dim, Granularity, Metric};
use keyledger_core::ledger::Ledger;
use keyledger_core::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};

mod common;
use common::Fixture;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A bucket of `cost` micro-dollars (billed, so exactly that), or unpriced when `None`.
fn bucket(
    provider: &str,
    account: &str,
    model: &str,
    start: &str,
    width: Width,
    cost: Option<i64>,
) -> UsageBucket {
    UsageBucket {
        provider: provider.into(),
        credential_id: None,
        account: account.into(),
        model: model.into(),
        start: at(start),
        width,
        source: if width == Width::Hour {
            UsageSource::Log
        } else {
            UsageSource::Api
        },
        counts: Counts {
            input: 1_000,
            output: 200,
            cached: 300,
            requests: 1,
            ..Counts::default()
        },
        cost_micros: cost,
        cost_source: if cost.is_some() {
            CostSource::Provider
        } else {
            CostSource::Unpriced
        },
    }
}

fn day(provider: &str, account: &str, model: &str, date: &str, cost: i64) -> UsageBucket {
    bucket(
        provider,
        account,
        model,
        &format!("{date}T00:00:00Z"),
        Width::Day,
        Some(cost),
    )
}

async fn ledger(f: &Fixture, buckets: Vec<UsageBucket>) {
    Ledger::new(f.vault.store().clone())
        .record(buckets, at("2026-11-25T00:00:00Z"))
        .await
        .unwrap();
}

fn spec(range: &str, by: Dim, metric: Metric) -> ChartSpec {
    ChartSpec {
        range: range.parse().unwrap(),
        by,
        metric,
        granularity: None,
    }
}

async fn data(f: &Fixture, s: ChartSpec, now: &str, tz: Tz) -> ChartData {
    chart_data(f.vault.store(), &s, at(now), tz).await.unwrap()
}

fn values<'a>(c: &'a ChartData, label: &str) -> &'a [i64] {
    &c.series
        .iter()
        .find(|s| s.label == label)
        .unwrap_or_else(|| panic!("no series {label} in {:?}", c.series))
        .values
}

const NOW: &str = "2026-11-05T12:00:00Z";

async fn seeded() -> Fixture {
    let f = Fixture::new().await;
    ledger(
        &f,
        vec![
            day("openai", "key_a", "gpt-4o", "2026-11-01", 1_000_000),
            day("openai", "key_a", "gpt-4o-mini", "2026-11-01", 250_000),
            day(
                "anthropic",
                "key_b",
                "claude-sonnet-4",
                "2026-11-03",
                3_000_000,
            ),
            day("openai", "key_c", "gpt-4o", "2026-11-05", 500_000),
            // Outside a 7-day range ending on the 5th.
            day("openai", "key_a", "gpt-4o", "2026-10-29", 9_000_000),
        ],
    )
    .await;
    f
}

#[tokio::test]
async fn each_grouping_sums_its_days_and_fills_the_gaps_with_zero() {
    let f = seeded().await;
    let by_provider = data(&f, spec("7d", Dim::Provider, Metric::Cost), NOW, Tz::UTC).await;
    assert_eq!(by_provider.granularity, Granularity::Day);
    assert_eq!(
        (by_provider.from, by_provider.to),
        (d("2026-10-30"), d("2026-11-05"))
    );
    assert_eq!(by_provider.buckets.len(), 7);
    assert_eq!(by_provider.buckets[2].label, "1 Nov");
    assert_eq!(
        values(&by_provider, "OpenAI"),
        [0, 0, 1_250_000, 0, 0, 0, 500_000]
    );
    assert_eq!(
        values(&by_provider, "Anthropic"),
        [0, 0, 0, 0, 3_000_000, 0, 0]
    );
    assert_eq!(by_provider.series[0].label, "Anthropic", "largest first");
    assert_eq!(by_provider.total, 4_750_000);

    let by_model = data(&f, spec("7d", Dim::Model, Metric::Cost), NOW, Tz::UTC).await;
    assert_eq!(
        values(&by_model, "gpt-4o"),
        [0, 0, 1_000_000, 0, 0, 0, 500_000]
    );
    assert_eq!(
        values(&by_model, "gpt-4o-mini"),
        [0, 0, 250_000, 0, 0, 0, 0]
    );

    let by_key = data(&f, spec("7d", Dim::Credential, Metric::Cost), NOW, Tz::UTC).await;
    let labels: Vec<&str> = by_key.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["key_b", "key_a", "key_c"]);

    let tokens = data(&f, spec("7d", Dim::Total, Metric::Tokens), NOW, Tz::UTC).await;
    let labels: Vec<&str> = tokens.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Input tokens", "Output tokens"]);
    assert_eq!(
        values(&tokens, "Input tokens")[2],
        2 * 1_300,
        "cache reads count as input"
    );
    assert_eq!(values(&tokens, "Output tokens")[2], 2 * 200);

    let csv = by_provider.to_csv();
    assert_eq!(csv.lines().next(), Some("start,end,Anthropic,OpenAI,total"));
    assert!(
        csv.contains("\n2026-11-01,2026-11-01,0.000000,1.250000,1.250000\n"),
        "{csv}"
    );
}

#[tokio::test]
async fn longer_ranges_sum_into_weeks_and_months() {
    let f = seeded().await;
    let weeks = data(&f, spec("90d", Dim::Total, Metric::Cost), NOW, Tz::UTC).await;
    assert_eq!(weeks.granularity, Granularity::Week);
    let last = weeks.buckets.last().unwrap();
    assert_eq!((last.start, last.end), (d("2026-11-02"), d("2026-11-05")));
    assert_eq!(weeks.series[0].values.last(), Some(&3_500_000));
    assert_eq!(weeks.total, 13_750_000, "the 29 Oct day is in range now");

    let months = data(&f, spec("12m", Dim::Total, Metric::Cost), NOW, Tz::UTC).await;
    assert_eq!(months.granularity, Granularity::Month);
    assert_eq!(months.buckets.len(), 12);
    let v = &months.series[0].values;
    assert_eq!((v[10], v[11]), (9_000_000, 4_750_000));
    assert!(v[..10].iter().all(|x| *x == 0));
}

#[tokio::test]
async fn usage_counts_on_the_users_local_day_where_its_hours_are_known() {
    let f = Fixture::new().await;
    // A Claude Code request at 23:30 UTC on the 10th: the log gives its day and its hour.
    let mut day_row = bucket(
        "anthropic",
        "claude-code",
        "m",
        "2026-11-10T00:00:00Z",
        Width::Day,
        Some(700_000),
    );
    day_row.source = UsageSource::Log;
    let hour_row = bucket(
        "anthropic",
        "claude-code",
        "m",
        "2026-11-10T23:00:00Z",
        Width::Hour,
        Some(700_000),
    );
    // An API day with no hours stays on its UTC date.
    let api_day = day("openai", "key_a", "gpt-4o", "2026-11-10", 100_000);
    ledger(&f, vec![day_row, hour_row, api_day]).await;

    let range = "2026-11-09..2026-11-12";
    let tokyo = data(
        &f,
        spec(range, Dim::Provider, Metric::Cost),
        NOW,
        "Asia/Tokyo".parse().unwrap(),
    )
    .await;
    assert_eq!(
        values(&tokyo, "Anthropic"),
        [0, 0, 700_000, 0],
        "08:30 on the 11th in Tokyo"
    );
    assert_eq!(values(&tokyo, "OpenAI"), [0, 100_000, 0, 0]);
    assert_eq!(tokyo.time_zone, "Asia/Tokyo");
    let utc = data(&f, spec(range, Dim::Provider, Metric::Cost), NOW, Tz::UTC).await;
    assert_eq!(values(&utc, "Anthropic"), [0, 700_000, 0, 0]);
    let new_york = data(
        &f,
        spec(range, Dim::Provider, Metric::Cost),
        NOW,
        "America/New_York".parse().unwrap(),
    )
    .await;
    assert_eq!(
        values(&new_york, "Anthropic"),
        [0, 700_000, 0, 0],
        "18:30 on the 10th"
    );
    assert_eq!(tokyo.total, utc.total, "moved, never counted twice");

    // An unpriced request moves too: "unpriced" is said of the local day it fell on only.
    let f2 = Fixture::new().await;
    let mut unpriced_day = bucket(
        "anthropic",
        "claude-code",
        "mystery",
        "2026-11-10T00:00:00Z",
        Width::Day,
        None,
    );
    unpriced_day.source = UsageSource::Log;
    let unpriced_hour = bucket(
        "anthropic",
        "claude-code",
        "mystery",
        "2026-11-10T23:00:00Z",
        Width::Hour,
        None,
    );
    ledger(&f2, vec![unpriced_day, unpriced_hour]).await;
    let tokyo = data(
        &f2,
        spec(range, Dim::Model, Metric::Cost),
        NOW,
        "Asia/Tokyo".parse().unwrap(),
    )
    .await;
    assert_eq!(tokyo.series[0].unpriced, [false, false, true, false]);

    // The range's own edges follow the local calendar: "today" in Tokyo is already the 6th.
    let edge = data(
        &f,
        spec("7d", Dim::Total, Metric::Cost),
        "2026-11-05T16:00:00Z",
        "Asia/Tokyo".parse().unwrap(),
    )
    .await;
    assert_eq!(edge.to, d("2026-11-06"));
}

#[tokio::test]
async fn unpriced_usage_is_marked_as_such_never_as_zero_dollars() {
    let f = Fixture::new().await;
    ledger(
        &f,
        vec![
            bucket(
                "other",
                "key_x",
                "mystery-model-9",
                "2026-11-04T00:00:00Z",
                Width::Day,
                None,
            ),
            day("openai", "key_a", "gpt-4o", "2026-11-04", 200_000),
        ],
    )
    .await;
    let c = data(&f, spec("7d", Dim::Model, Metric::Cost), NOW, Tz::UTC).await;
    assert!(c.any_unpriced);
    let mystery = c
        .series
        .iter()
        .find(|s| s.label == "mystery-model-9")
        .unwrap();
    assert_eq!(mystery.values[5], 0);
    assert!(mystery.unpriced[5], "a cost that is unknown, not $0");
    assert!(!mystery.unpriced[4]);
    assert!(c.to_csv().contains(",0.000000+unpriced,"), "{}", c.to_csv());
    let drawn = svg(Chart::Bars(&c), &look(Theme::Light)).unwrap();
    assert!(
        drawn.contains("mystery-model-9 $0 + unpriced"),
        "the hover says so"
    );
    assert!(
        drawn.contains("some usage has no known price"),
        "the legend says so"
    );
}

#[tokio::test]
async fn many_groups_keep_the_largest_and_fold_the_rest_into_other() {
    let f = Fixture::new().await;
    let rows = (1..=9)
        .map(|i| {
            day(
                "openai",
                "k",
                &format!("model-{i}"),
                "2026-11-04",
                i * 100_000,
            )
        })
        .collect();
    ledger(&f, rows).await;
    let c = data(&f, spec("7d", Dim::Model, Metric::Cost), NOW, Tz::UTC).await;
    assert_eq!(c.series.len(), MAX_SERIES);
    assert_eq!(c.series[0].label, "model-9");
    let other = c.series.last().unwrap();
    assert_eq!(
        (other.key.as_str(), other.label.as_str()),
        ("other", "Other (4)")
    );
    assert_eq!(other.values[5], 1_000_000, "models 1 to 4");
    assert_eq!(c.total, 4_500_000);
}

#[tokio::test]
async fn the_month_so_far_sums_up_against_the_budget_with_the_pace_dashed() {
    let f = seeded().await;
    set_budget(
        f.vault.store(),
        &NewBudget {
            scope: "all".into(),
            period: "month".into(),
            amount_usd: Some("10".into()),
            ..Default::default()
        },
        at(NOW),
    )
    .await
    .unwrap();
    let m = month_to_date(f.vault.store(), at(NOW), Tz::UTC)
        .await
        .unwrap();
    assert_eq!(m.month, "2026-11");
    assert_eq!(m.days.len(), 30);
    assert_eq!(
        &m.actual[..5],
        [
            Some(1_250_000),
            Some(1_250_000),
            Some(4_250_000),
            Some(4_250_000),
            Some(4_750_000)
        ]
    );
    assert_eq!(m.actual[5], None);
    assert_eq!(m.budget_micros, Some(10_000_000));
    // 4.75 over 4.5 days of 30: 31.67 at month end.
    assert_eq!(m.forecast_micros, Some(31_666_666));
    assert_eq!(
        m.forecast[4],
        Some(4_750_000),
        "the dashes start where the line ends"
    );
    assert_eq!(m.forecast[29], Some(31_666_666));
    assert_eq!(m.forecast[3], None);

    let drawn = svg(Chart::MonthToDate(&m), &look(Theme::Dark)).unwrap();
    let doc = roxmltree::Document::parse(&drawn).unwrap();
    let texts = texts(&doc);
    assert!(texts.contains(&"Budget $10".to_owned()), "{texts:?}");
    assert!(texts.contains(&"At this pace".to_owned()));
    assert_eq!(hover_titles(&doc).len(), 30);
    assert!(hover_titles(&doc)[4].contains("$4.75 spent so far"));
}

fn look(theme: Theme) -> Look {
    Look {
        width: 900,
        height: 360,
        theme,
        title: Some("Spend by provider".into()),
    }
}

fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

fn hover_titles(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("data-bucket").is_some())
        .map(|n| {
            n.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

/// Distinct colours in a decoded PNG, and its size.
fn decode(bytes: &[u8]) -> ((u32, u32), usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let mut colors: Vec<&[u8]> = buf[..info.buffer_size()].chunks(3).collect();
    colors.sort_unstable();
    colors.dedup();
    ((info.width, info.height), colors.len())
}

#[tokio::test]
async fn drawings_of_normal_empty_and_single_point_data_are_whole() {
    let f = seeded().await;
    let normal = data(&f, spec("7d", Dim::Provider, Metric::Cost), NOW, Tz::UTC).await;
    let empty = data(
        &f,
        spec("2026-06-01..2026-06-30", Dim::Provider, Metric::Cost),
        NOW,
        Tz::UTC,
    )
    .await;
    let single = data(
        &f,
        spec("2026-11-03..2026-11-03", Dim::Provider, Metric::Cost),
        NOW,
        Tz::UTC,
    )
    .await;
    assert!(empty.series.is_empty() && empty.is_empty());
    assert_eq!((single.buckets.len(), single.series.len()), (1, 1));

    for (name, c, series, buckets) in [
        ("normal", &normal, 2, 7),
        ("empty", &empty, 0, 30),
        ("single", &single, 1, 1),
    ] {
        for theme in [Theme::Light, Theme::Dark] {
            let drawn = svg(Chart::Bars(c), &look(theme)).unwrap();
            assert!(
                !drawn.contains("NaN") && !drawn.contains("inf"),
                "{name}: {drawn}"
            );
            let doc = roxmltree::Document::parse(&drawn).unwrap();
            let root = doc.root_element();
            assert_eq!(
                (root.attribute("width"), root.attribute("height")),
                (Some("900"), Some("360"))
            );
            let texts = texts(&doc);
            assert!(
                texts.contains(&"Spend by provider".to_owned()),
                "{name}: the title"
            );
            let legend = c.series.iter().filter(|s| texts.contains(&s.label)).count();
            assert_eq!(
                legend, series,
                "{name}: a legend entry per series: {texts:?}"
            );
            assert!(
                texts.iter().any(|t| t == "$0"),
                "{name}: a currency axis: {texts:?}"
            );
            assert_eq!(
                hover_titles(&doc).len(),
                buckets,
                "{name}: a hover target per bar"
            );
            assert!(
                texts.contains(&"No usage in this range yet".to_owned()) == (name == "empty"),
                "{name}: only an empty chart says it is empty"
            );
        }
        let image = png(Chart::Bars(c), &look(Theme::Light)).unwrap();
        let ((w, h), colors) = decode(&image);
        assert_eq!((w, h), (900, 360), "{name}");
        assert!(
            colors > 4,
            "{name}: text, axes and bars, not a blank image ({colors} colours)"
        );
    }

    let titles = hover_titles(
        &roxmltree::Document::parse(&svg(Chart::Bars(&normal), &look(Theme::Light)).unwrap())
            .unwrap(),
    );
    assert_eq!(titles[2], "1 Nov: OpenAI $1.25");
    assert_eq!(titles[0], "30 Oct: no usage");
    // The window's overlay takes each series' colour from the drawing itself.
    let view = BarsView::draw(normal.clone(), &look(Theme::Dark)).unwrap();
    assert_eq!(
        view.colors,
        ["#56b4e9", "#e69f00"],
        "Okabe–Ito, ordered for dark"
    );
    for c in &view.colors {
        assert!(
            view.svg.to_lowercase().contains(&format!("fill=\"{c}\"")),
            "{c} is drawn"
        );
    }
}

#[tokio::test]
async fn the_cards_and_sparklines_sum_the_users_days() {
    let f = seeded().await;
    let s = summary(f.vault.store(), at(NOW), Tz::UTC).await.unwrap();
    assert!(s.has_usage);
    assert_eq!((s.month.as_str(), s.time_zone.as_str()), ("2026-11", "UTC"));
    assert_eq!(s.today.micros, 500_000);
    assert_eq!(s.month_to_date.micros, 4_750_000);
    assert_eq!(s.forecast_micros, Some(31_666_666));
    assert_eq!(s.last_month_same_days.micros, 0, "1–5 Oct had nothing");
    assert_eq!(s.last_month_total.micros, 9_000_000);
    let top_key = s.top_key.unwrap();
    assert_eq!(
        (top_key.label.as_str(), top_key.micros),
        ("key_b", 3_000_000)
    );
    assert_eq!(s.top_model.unwrap().label, "claude-sonnet-4");
    assert_eq!(s.budget, None);

    let lines = sparklines(f.vault.store(), at(NOW), Tz::UTC, 30)
        .await
        .unwrap();
    let a = lines
        .iter()
        .find(|l| l.credential_id == "account:key_a")
        .unwrap();
    assert_eq!(a.values.len(), 30);
    assert_eq!(a.values[29 - 4], 1_250_000, "1 Nov, four days before today");
    assert_eq!(a.values[29 - 7], 9_000_000, "29 Oct");
    assert_eq!(a.total, 10_250_000);
    assert_eq!(lines.len(), 3, "one per key that spent");

    let empty = Fixture::new().await;
    let s = summary(empty.vault.store(), at(NOW), Tz::UTC)
        .await
        .unwrap();
    assert!(!s.has_usage);
    assert_eq!((s.today.micros, s.top_key, s.top_model), (0, None, None));
}
