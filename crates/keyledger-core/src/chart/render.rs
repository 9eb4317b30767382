//! Drawing charts with plotters: stacked bars of a [`ChartData`] and the month-to-date line
//! against the budget, as SVG (for the window, with a hover target and `<title>` per bar) or
//! PNG (for exports). Text is laid out with the embedded DejaVu Sans, so no system font is used.

use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle};
use serde::Deserialize;
use ts_rs::TS;

use super::data::MonthToDate;
use super::theme::{Ink, Theme};
use super::{ChartData, Metric};
use crate::{Error, Result};

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FAMILY: &str = "sans-serif";

/// How big, in which theme, and whether to print a title (exports carry one; the window has
/// its own heading).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct Look {
    #[ts(type = "number")]
    pub width: u32,
    #[ts(type = "number")]
    pub height: u32,
    pub theme: Theme,
    #[serde(default)]
    pub title: Option<String>,
}

impl Look {
    fn size(&self) -> (u32, u32) {
        (self.width.clamp(320, 4000), self.height.clamp(200, 3000))
    }
}

/// A drawable chart.
#[derive(Debug, Clone, Copy)]
pub enum Chart<'a> {
    Bars(&'a ChartData),
    MonthToDate(&'a MonthToDate),
}

/// One hover target: the pixels of a bar's column and what it holds, in words.
struct Hover {
    x: i32,
    width: i32,
    top: i32,
    height: i32,
    text: String,
}

/// The chart as an SVG document.
pub fn svg(chart: Chart<'_>, look: &Look) -> Result<String> {
    fonts();
    let size = look.size();
    let mut out = String::new();
    let hovers = {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        let hovers = draw(&root, chart, look)?;
        root.present().map_err(failed)?;
        hovers
    };
    let mut targets = String::from("<g class=\"hover-targets\">");
    for (i, h) in hovers.iter().enumerate() {
        targets.push_str(&format!(
            "<rect data-bucket=\"{i}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#000\" \
             fill-opacity=\"0\"><title>{}</title></rect>",
            h.x,
            h.top,
            h.width.max(1),
            h.height.max(1),
            escape(&h.text)
        ));
    }
    targets.push_str("</g>");
    match out.rfind("</svg>") {
        Some(at) => out.insert_str(at, &targets),
        None => return Err(Error::invalid("the chart could not be drawn as SVG")),
    }
    Ok(out)
}

/// The chart as a PNG image.
pub fn png(chart: Chart<'_>, look: &Look) -> Result<Vec<u8>> {
    fonts();
    let (w, h) = look.size();
    let mut rgb = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        draw(&root, chart, look)?;
        root.present().map_err(failed)?;
    }
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = ::png::Encoder::new(&mut out, w, h);
    encoder.set_color(::png::ColorType::Rgb);
    encoder.set_depth(::png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| Error::invalid(format!("cannot encode the PNG: {e}")))?;
    writer
        .write_image_data(&rgb)
        .map_err(|e| Error::invalid(format!("cannot encode the PNG: {e}")))?;
    writer
        .finish()
        .map_err(|e| Error::invalid(format!("cannot encode the PNG: {e}")))?;
    Ok(out)
}

fn fonts() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        if register_font(FAMILY, FontStyle::Normal, FONT).is_err() {
            tracing::error!("the embedded chart font could not be read");
        }
    });
}

fn failed<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> Error {
    Error::invalid(format!("cannot draw the chart: {e}"))
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: Chart<'_>,
    look: &Look,
) -> Result<Vec<Hover>>
where
    DB::ErrorType: 'static,
{
    let ink = look.theme.ink();
    root.fill(&ink.background).map_err(failed)?;
    let (w, _) = root.dim_in_pixel();
    let mut top = 12;
    if let Some(title) = &look.title {
        root.draw(&Text::new(
            title.clone(),
            (16, top),
            font(16, ink.text).pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(failed)?;
        top += 28;
    }
    let entries = legend_entries(chart, look.theme);
    top = legend(root, &entries, top, w as i32, &ink)?;
    let area = root.margin(top as u32, 8, 12, 16);
    match chart {
        Chart::Bars(data) => bars(&area, data, look.theme, &ink),
        Chart::MonthToDate(m) => month_line(&area, m, &ink),
    }
}

fn font(size: u32, color: RGBColor) -> TextStyle<'static> {
    TextStyle {
        font: (FAMILY, size).into_font(),
        color: color.to_backend_color(),
        pos: Pos::default(),
    }
}

/// What the legend lists: a colour (or a dash) and a name per series.
struct Entry {
    color: RGBColor,
    label: String,
    dashed: bool,
}

fn legend_entries(chart: Chart<'_>, theme: Theme) -> Vec<Entry> {
    let ink = theme.ink();
    match chart {
        Chart::Bars(data) => {
            let mut out: Vec<Entry> = data
                .series
                .iter()
                .enumerate()
                .map(|(i, s)| Entry {
                    color: theme.color(i, &s.key),
                    label: s.label.clone(),
                    dashed: false,
                })
                .collect();
            if data.any_unpriced {
                out.push(Entry {
                    color: ink.muted,
                    label: "? = some usage has no known price".to_owned(),
                    dashed: true,
                });
            }
            out
        }
        Chart::MonthToDate(m) => {
            let mut out = vec![Entry {
                color: ink.series[0],
                label: "Spent this month".to_owned(),
                dashed: false,
            }];
            if m.forecast.iter().any(Option::is_some) {
                out.push(Entry {
                    color: ink.series[0],
                    label: "At this pace".to_owned(),
                    dashed: true,
                });
            }
            if let Some(b) = m.budget_micros {
                out.push(Entry {
                    color: ink.budget,
                    label: format!("Budget {}", money(b)),
                    dashed: false,
                });
            }
            out
        }
    }
}

/// Draws the legend in rows from `top`; returns where the plot may start.
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    top: i32,
    width: i32,
    ink: &Ink,
) -> Result<i32>
where
    DB::ErrorType: 'static,
{
    let style = font(12, ink.text);
    let (mut x, mut y) = (16, top);
    for e in entries {
        let (tw, _) = root.estimate_text_size(&e.label, &style).map_err(failed)?;
        let item = 18 + tw as i32 + 16;
        if x > 16 && x + item > width - 8 {
            x = 16;
            y += 20;
        }
        if e.dashed {
            for dx in [0, 6] {
                root.draw(&Rectangle::new(
                    [(x + dx, y + 6), (x + dx + 4, y + 8)],
                    e.color.filled(),
                ))
                .map_err(failed)?;
            }
        } else {
            root.draw(&Rectangle::new(
                [(x, y + 2), (x + 10, y + 12)],
                e.color.filled(),
            ))
            .map_err(failed)?;
        }
        root.draw(&Text::new(
            e.label.clone(),
            (x + 16, y + 7),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(failed)?;
        x += item;
    }
    Ok(if entries.is_empty() { y } else { y + 26 })
}

fn bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    theme: Theme,
    ink: &Ink,
) -> Result<Vec<Hover>>
where
    DB::ErrorType: 'static,
{
    let n = data.buckets.len().max(1);
    let peak = (0..data.buckets.len())
        .map(|i| data.bucket_total(i))
        .max()
        .unwrap_or(0);
    let metric = data.metric;
    let top = nice_ceiling(peak, metric) as f64;
    let axis = move |v: &f64| match metric {
        Metric::Cost => money(*v as i64),
        Metric::Tokens => tokens(*v as i64),
    };
    let mut chart = ChartBuilder::on(area)
        .x_label_area_size(28)
        .y_label_area_size(60)
        .build_cartesian_2d(0f64..n as f64, 0f64..top)
        .map_err(failed)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(5)
        .y_label_formatter(&axis)
        .axis_style(ink.grid)
        .bold_line_style(ink.grid)
        .light_line_style(TRANSPARENT)
        .label_style(font(12, ink.muted))
        .draw()
        .map_err(failed)?;

    let plot = chart.plotting_area();
    let (xs, ys) = plot.get_pixel_range();
    let slot = (xs.end - xs.start) as f64 / n as f64;
    let bar = (slot * 0.7).clamp(2.0, 56.0);
    let (bx, by) = area.get_base_pixel();
    let mut hovers = Vec::with_capacity(data.buckets.len());
    for (i, b) in data.buckets.iter().enumerate() {
        let center = xs.start as f64 + slot * (i as f64 + 0.5);
        let (x0, x1) = ((center - bar / 2.0) as i32, (center + bar / 2.0) as i32);
        let mut base = 0i64;
        for (k, s) in data.series.iter().enumerate() {
            let v = s.values[i];
            if v <= 0 {
                continue;
            }
            let (_, y0) = chart.backend_coord(&(0.0, base as f64));
            let (_, y1) = chart.backend_coord(&(0.0, (base + v) as f64));
            area.draw(&Rectangle::new(
                [(x0 - bx, y1 - by), (x1 - bx, y0 - by)],
                theme.color(k, &s.key).filled(),
            ))
            .map_err(failed)?;
            base += v;
        }
        if data.series.iter().any(|s| s.unpriced[i]) {
            let (_, y) = chart.backend_coord(&(0.0, base as f64));
            area.draw(&Text::new(
                "?",
                (center as i32 - bx, y - 4 - by),
                font(12, ink.muted).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(failed)?;
        }
        hovers.push(Hover {
            x: (xs.start as f64 + slot * i as f64) as i32,
            width: slot.ceil() as i32,
            top: ys.start,
            height: ys.end - ys.start,
            text: bucket_text(data, i, &b.label),
        });
    }
    x_labels(
        area,
        data.buckets.iter().map(|b| b.label.as_str()),
        &xs,
        ys.end,
        ink,
    )?;
    if data.is_empty() {
        area.draw(&Text::new(
            "No usage in this range yet",
            ((xs.start + xs.end) / 2 - bx, (ys.start + ys.end) / 2 - by),
            font(14, ink.muted).pos(Pos::new(HPos::Center, VPos::Center)),
        ))
        .map_err(failed)?;
    }
    Ok(hovers)
}

/// Bucket labels under the bars, thinned to what fits.
fn x_labels<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: impl ExactSizeIterator<Item = &'a str>,
    xs: &std::ops::Range<i32>,
    bottom: i32,
    ink: &Ink,
) -> Result<()>
where
    DB::ErrorType: 'static,
{
    let (bx, by) = area.get_base_pixel();
    let n = labels.len().max(1);
    let slot = (xs.end - xs.start) as f64 / n as f64;
    let fit = ((xs.end - xs.start) / 70).max(1) as usize;
    let step = n.div_ceil(fit);
    for (i, label) in labels.enumerate() {
        if i % step != 0 {
            continue;
        }
        let x = xs.start as f64 + slot * (i as f64 + 0.5);
        area.draw(&Text::new(
            label.to_owned(),
            (x as i32 - bx, bottom + 8 - by),
            font(12, ink.muted).pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(failed)?;
    }
    Ok(())
}

fn month_line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    m: &MonthToDate,
    ink: &Ink,
) -> Result<Vec<Hover>>
where
    DB::ErrorType: 'static,
{
    let n = m.days.len().max(1);
    let peak = m
        .actual
        .iter()
        .chain(&m.forecast)
        .flatten()
        .copied()
        .chain(m.budget_micros)
        .max()
        .unwrap_or(0);
    let top = nice_ceiling(peak + peak / 10, Metric::Cost) as f64;
    let mut chart = ChartBuilder::on(area)
        .x_label_area_size(28)
        .y_label_area_size(60)
        .build_cartesian_2d(0f64..(n - 1).max(1) as f64, 0f64..top)
        .map_err(failed)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(5)
        .y_label_formatter(&|v: &f64| money(*v as i64))
        .axis_style(ink.grid)
        .bold_line_style(ink.grid)
        .light_line_style(TRANSPARENT)
        .label_style(font(12, ink.muted))
        .draw()
        .map_err(failed)?;
    let line = ink.series[0];
    if let Some(budget) = m.budget_micros {
        chart
            .draw_series(LineSeries::new(
                [(0.0, budget as f64), ((n - 1) as f64, budget as f64)],
                ink.budget.stroke_width(2),
            ))
            .map_err(failed)?;
    }
    let actual: Vec<(f64, f64)> = m
        .actual
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i as f64, v as f64)))
        .collect();
    chart
        .draw_series(LineSeries::new(actual.clone(), line.stroke_width(3)))
        .map_err(failed)?;
    if actual.len() == 1 {
        chart
            .draw_series(actual.iter().map(|p| Circle::new(*p, 4, line.filled())))
            .map_err(failed)?;
    }
    let forecast: Vec<(f64, f64)> = m
        .forecast
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i as f64, v as f64)))
        .collect();
    if forecast.len() > 1 {
        chart
            .draw_series(DashedLineSeries::new(forecast, 8, 6, line.stroke_width(2)))
            .map_err(failed)?;
    }
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let labels: Vec<String> = m
        .days
        .iter()
        .map(|d| d.format("%-d %b").to_string())
        .collect();
    x_labels(area, labels.iter().map(String::as_str), &xs, ys.end, ink)?;
    let slot = (xs.end - xs.start) as f64 / n as f64;
    Ok(m.days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (x, _) = chart.backend_coord(&(i as f64, 0.0));
            let text = match (m.actual[i], m.forecast[i]) {
                (Some(v), _) => format!(
                    "{}: {} spent so far this month",
                    d.format("%-d %b"),
                    money(v)
                ),
                (None, Some(v)) => {
                    format!("{}: about {} at this pace", d.format("%-d %b"), money(v))
                }
                (None, None) => format!("{}: still to come", d.format("%-d %b")),
            };
            Hover {
                x: x - (slot / 2.0) as i32,
                width: slot.ceil() as i32,
                top: ys.start,
                height: ys.end - ys.start,
                text,
            }
        })
        .collect())
}

/// "12 Nov: OpenAI $1.23 · Anthropic $0.50 (+ unpriced) · total $1.73".
fn bucket_text(data: &ChartData, i: usize, label: &str) -> String {
    let value = |v: i64| match data.metric {
        Metric::Cost => money(v),
        Metric::Tokens => format!("{} tokens", tokens(v)),
    };
    let mut parts: Vec<String> = data
        .series
        .iter()
        .filter(|s| s.values[i] != 0 || s.unpriced[i])
        .map(|s| {
            let unpriced = if s.unpriced[i] { " + unpriced" } else { "" };
            format!("{} {}{unpriced}", s.label, value(s.values[i]))
        })
        .collect();
    if parts.is_empty() {
        return format!("{label}: no usage");
    }
    if parts.len() > 1 {
        parts.push(format!("total {}", value(data.bucket_total(i))));
    }
    format!("{label}: {}", parts.join(" · "))
}

/// The smallest 1-2-5 round number at or above `v` (and above 0), so the axis reads well.
fn nice_ceiling(v: i64, metric: Metric) -> i64 {
    let floor = match metric {
        Metric::Cost => 1_000_000,
        Metric::Tokens => 1_000,
    };
    let v = v.max(floor);
    let mut step = 1i64;
    while step.saturating_mul(10) <= v {
        step = step.saturating_mul(10);
    }
    for m in [1, 2, 5, 10] {
        if step.saturating_mul(m) >= v {
            return step.saturating_mul(m);
        }
    }
    v
}

/// Micro-dollars for an axis or tooltip: `$0`, `$0.50`, `$12`, `$1.2k`.
pub fn money(micros: i64) -> String {
    let usd = micros as f64 / 1e6;
    match usd.abs() {
        0.0 => "$0".to_owned(),
        a if a < 10.0 => format!("${usd:.2}"),
        a if a < 1000.0 => format!("${usd:.0}"),
        a if a < 1e6 => compact(usd / 1e3, "$", "k"),
        _ => compact(usd / 1e6, "$", "M"),
    }
}

/// Tokens for an axis or tooltip: `950`, `12k`, `1.2M`, `3.4B`.
pub fn tokens(n: i64) -> String {
    let v = n as f64;
    match v.abs() {
        a if a < 1e3 => n.to_string(),
        a if a < 1e6 => compact(v / 1e3, "", "k"),
        a if a < 1e9 => compact(v / 1e6, "", "M"),
        _ => compact(v / 1e9, "", "B"),
    }
}

fn compact(v: f64, prefix: &str, unit: &str) -> String {
    if v.abs() < 10.0 && v.fract().abs() > 0.05 {
        format!("{prefix}{v:.1}{unit}")
    } else {
        format!("{prefix}{v:.0}{unit}")
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_amounts_read_well() {
        assert_eq!(money(0), "$0");
        assert_eq!(money(500_000), "$0.50");
        assert_eq!(money(12_000_000), "$12");
        assert_eq!(money(1_234_000_000), "$1.2k");
        assert_eq!(money(15_000_000_000), "$15k");
        assert_eq!(tokens(950), "950");
        assert_eq!(tokens(12_000), "12k");
        assert_eq!(tokens(1_250_000), "1.2M");
        assert_eq!(nice_ceiling(0, Metric::Cost), 1_000_000);
        assert_eq!(nice_ceiling(6_350_000, Metric::Cost), 10_000_000);
        assert_eq!(nice_ceiling(1_500_000, Metric::Cost), 2_000_000);
        assert_eq!(nice_ceiling(42_000, Metric::Tokens), 50_000);
    }
}
