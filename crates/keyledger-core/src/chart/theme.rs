//! Chart colours: the Okabe–Ito palette (told apart with every common colour-vision
//! deficiency), ordered for a light or a dark background, and each theme's ink — the window's
//! own surface, text and grid colours.

use plotters::style::RGBColor;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Light or dark, as the OS (and so the window) is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl std::str::FromStr for Theme {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s.trim() {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            other => Err(crate::Error::invalid(format!(
                "unknown theme '{other}'; use light or dark"
            ))),
        }
    }
}

/// The colours one theme draws with.
#[derive(Debug, Clone, Copy)]
pub struct Ink {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub budget: RGBColor,
    pub series: [RGBColor; 6],
    /// The "Other" series.
    pub other: RGBColor,
}

const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

impl Theme {
    pub fn ink(self) -> Ink {
        match self {
            Theme::Light => Ink {
                background: RGBColor(0xff, 0xff, 0xff),
                text: RGBColor(0x1a, 0x1d, 0x23),
                muted: RGBColor(0x62, 0x6b, 0x79),
                grid: RGBColor(0xe2, 0xe5, 0xeb),
                budget: RGBColor(0xc9, 0x2a, 0x2a),
                series: [BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE],
                other: RGBColor(0x9a, 0xa1, 0xad),
            },
            Theme::Dark => Ink {
                background: RGBColor(0x17, 0x1a, 0x20),
                text: RGBColor(0xe8, 0xea, 0xee),
                muted: RGBColor(0x99, 0xa1, 0xae),
                grid: RGBColor(0x2a, 0x2f, 0x39),
                budget: RGBColor(0xff, 0x6b, 0x6b),
                series: [SKY, ORANGE, GREEN, VERMILLION, PURPLE, BLUE],
                other: RGBColor(0x6b, 0x72, 0x80),
            },
        }
    }

    /// The colour of series `i` (of a chart whose last series may be "Other").
    pub fn color(self, i: usize, key: &str) -> RGBColor {
        let ink = self.ink();
        if key == "other" {
            ink.other
        } else {
            ink.series[i % ink.series.len()]
        }
    }
}

/// `#rrggbb`, for the legend the window draws around a chart.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}
