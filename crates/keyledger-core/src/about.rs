//! What Keyledger says about itself: its version, where its data lives, and the data it bundles
//! (LiteLLM's price table) with that data's licence.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The licence of the bundled price table, shipped with it.
const PRICES_LICENCE: &str = include_str!("../data/LICENSE-LiteLLM");

/// Keyledger's version, data folder and bundled data.
#[derive(Debug, Clone, Serialize, TS)]
pub struct About {
    pub version: String,
    /// The folder holding the database, the logs and the settings.
    pub data_dir: String,
    pub database: String,
    pub prices: BundledPrices,
}

/// The price table built into Keyledger.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BundledPrices {
    /// Where it comes from and under which licence, in one sentence.
    pub source: String,
    /// The LiteLLM releases it was built from, newest first.
    pub releases: Vec<String>,
    pub models: u32,
    /// The licence's whole text.
    pub licence: String,
}

#[derive(Deserialize)]
struct Header {
    source: String,
    releases: Vec<String>,
}

/// What Keyledger says about itself, for the database at `database`.
pub fn about(database: &Path) -> About {
    let header: Option<Header> = serde_json::from_str(crate::pricing::VENDORED).ok();
    let (source, releases) = header.map(|h| (h.source, h.releases)).unwrap_or_default();
    About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: database.parent().unwrap_or(database).display().to_string(),
        database: database.display().to_string(),
        prices: BundledPrices {
            source,
            releases,
            models: u32::try_from(crate::pricing::vendored_count()).unwrap_or(u32::MAX),
            licence: PRICES_LICENCE.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_version_the_data_folder_and_the_price_tables_licence() {
        let a = about(Path::new("/home/ada/.local/share/keyledger/keyledger.db"));
        assert_eq!(a.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(a.data_dir, "/home/ada/.local/share/keyledger");
        assert!(a.prices.source.contains("LiteLLM"), "{}", a.prices.source);
        assert!(a.prices.releases[0].starts_with("litellm "));
        assert!(a.prices.models > 500, "{}", a.prices.models);
        assert!(a.prices.licence.starts_with("MIT License"));
        assert!(a.prices.licence.contains("Berri AI"));
    }
}
