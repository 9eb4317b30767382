//! What the window gets for a chart: its data (for the overlay and the table), its drawing, and
//! — for the bars — each series' colour in that drawing, so the overlay's dots match the bars.

use serde::Serialize;
use ts_rs::TS;

use super::data::MonthToDate;
use super::render::{svg, Chart, Look};
use super::theme::hex;
use super::ChartData;
use crate::Result;

#[derive(Debug, Clone, Serialize, TS)]
pub struct BarsView {
    pub data: ChartData,
    /// `#rrggbb` per series, in the order of `data.series`.
    pub colors: Vec<String>,
    pub svg: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MonthView {
    pub data: MonthToDate,
    pub svg: String,
}

impl BarsView {
    pub fn draw(data: ChartData, look: &Look) -> Result<Self> {
        let svg = svg(Chart::Bars(&data), look)?;
        let colors = data
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| hex(look.theme.color(i, &s.key)))
            .collect();
        Ok(BarsView { data, colors, svg })
    }
}

impl MonthView {
    pub fn draw(data: MonthToDate, look: &Look) -> Result<Self> {
        let svg = svg(Chart::MonthToDate(&data), look)?;
        Ok(MonthView { data, svg })
    }
}
