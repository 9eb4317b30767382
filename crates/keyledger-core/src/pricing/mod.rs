//! Token prices: the vendored LiteLLM table plus the user's overrides, and exact cost arithmetic.
//! A model without a price is *unpriced* — its cost is unknown, never $0.

pub mod file;
pub mod money;
pub mod names;

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// The vendored table (`data/prices.json`, built from several LiteLLM releases by
/// `scripts/refresh-prices.py`).
pub(crate) const VENDORED: &str = include_str!("../../data/prices.json");

/// What a user-set price says it came from.
pub const OVERRIDE: &str = "override";

/// Prices of one model in USD per million tokens. Missing cache prices fall back to `input`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ModelPrice {
    pub model: String,
    pub provider: String,
    #[ts(type = "string")]
    pub input: Decimal,
    #[ts(type = "string")]
    pub output: Decimal,
    #[ts(type = "string | null")]
    pub cache_read: Option<Decimal>,
    #[ts(type = "string | null")]
    pub cache_write: Option<Decimal>,
    /// Where the price came from: the LiteLLM release (`litellm 1.80.0`) or `override` (set
    /// by the user).
    pub source: String,
}

/// Token counts to price. `input` excludes cache reads and writes, which are counted apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tokens {
    pub input: i64,
    pub output: i64,
    pub cache_read: i64,
    pub cache_write: i64,
}

impl ModelPrice {
    /// The exact cost in USD of `tokens` at this price.
    pub fn cost(&self, tokens: Tokens) -> Decimal {
        let million = Decimal::from(1_000_000);
        let part = |n: i64, per_million: Decimal| Decimal::from(n) * per_million;
        (part(tokens.input, self.input)
            + part(tokens.output, self.output)
            + part(tokens.cache_read, self.cache_read.unwrap_or(self.input))
            + part(tokens.cache_write, self.cache_write.unwrap_or(self.input)))
            / million
    }
}

/// Prices by exact name, plus the names they answer to once wrappers (`base`) or dates and
/// aliases (`canonical`) are set aside.
#[derive(Debug, Clone, Default)]
struct Index {
    exact: HashMap<String, ModelPrice>,
    by_base: HashMap<String, Vec<String>>,
    by_canonical: HashMap<String, Vec<String>>,
}

impl Index {
    fn new(prices: Vec<ModelPrice>) -> Self {
        let mut index = Index::default();
        for p in prices {
            index
                .by_base
                .entry(names::base(&p.model))
                .or_default()
                .push(p.model.clone());
            index
                .by_canonical
                .entry(names::canonical(&p.model))
                .or_default()
                .push(p.model.clone());
            index.exact.insert(p.model.clone(), p);
        }
        index
    }

    /// The best of the table's names for `wanted` among `candidates` (only those without a
    /// provider prefix when `unprefixed`): the provider's own before OpenRouter's, the same
    /// snapshot date, then the undated alias, then the newest snapshot.
    fn pick(
        &self,
        candidates: Option<&Vec<String>>,
        wanted: &str,
        unprefixed: bool,
    ) -> Option<&ModelPrice> {
        let date = names::date_of(wanted);
        candidates?
            .iter()
            .filter(|name| !unprefixed || !name.contains('/'))
            .max_by_key(|name| {
                let own_date = names::date_of(name);
                (
                    !name.starts_with("openrouter/"),
                    own_date.is_some() && own_date == date,
                    own_date.is_none(),
                    own_date,
                    std::cmp::Reverse((*name).clone()),
                )
            })
            .and_then(|name| self.exact.get(name))
    }
}

fn vendored() -> &'static Index {
    static TABLE: OnceLock<Index> = OnceLock::new();
    TABLE.get_or_init(|| match file::parse(VENDORED, "vendored") {
        Ok(prices) => Index::new(prices),
        Err(e) => {
            tracing::error!("the vendored price table does not load: {e}");
            Index::default()
        }
    })
}

/// How many models the vendored table prices.
pub(crate) fn vendored_count() -> usize {
    vendored().exact.len()
}

/// The prices in force: vendored ones with the user's overrides on top.
#[derive(Debug, Clone, Default)]
pub struct PriceTable {
    overrides: Index,
}

impl PriceTable {
    pub fn new(overrides: Vec<ModelPrice>) -> Self {
        PriceTable {
            overrides: Index::new(overrides),
        }
    }

    /// The price of `model` as a provider, agent or gateway names it. An exact name wins
    /// (yours before the vendored one); then the name without its wrappers (provider prefix,
    /// Bedrock or Vertex id), then another name of the same model (dated snapshot or alias,
    /// `-latest`, OpenRouter's dotted version). Never a different model.
    pub fn lookup(&self, model: &str) -> Option<&ModelPrice> {
        let tables = [&self.overrides, vendored()];
        if let Some(p) = tables.iter().find_map(|t| t.exact.get(model)) {
            return Some(p);
        }
        let (base, canonical) = (names::base(model), names::canonical(model));
        // The provider's own names first (`claude-sonnet-4-5` before OpenRouter's
        // `openrouter/anthropic/claude-sonnet-4.5`), then names with a prefix (`gemini/…`).
        [true, false].into_iter().find_map(|unprefixed| {
            tables.iter().find_map(|t| {
                t.pick(t.by_base.get(&base), model, unprefixed)
                    .or_else(|| t.pick(t.by_canonical.get(&canonical), model, unprefixed))
            })
        })
    }

    /// A short digest of the vendored table: it changes when a new Keyledger version brings
    /// new prices, so the history can be re-priced once.
    pub fn vendored_digest() -> String {
        use sha2::{Digest, Sha256};
        Sha256::digest(VENDORED.as_bytes())
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Every known price (overrides replace vendored entries), sorted by model.
    pub fn all(&self) -> Vec<ModelPrice> {
        let mut merged: BTreeMap<&str, &ModelPrice> = vendored()
            .exact
            .iter()
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        merged.extend(self.overrides.exact.iter().map(|(k, v)| (k.as_str(), v)));
        merged.into_values().cloned().collect()
    }
}

/// A price as a person types it (USD per million tokens, decimal text), from the CLI or the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct PriceInput {
    pub model: String,
    /// The provider the model belongs to, e.g. `openai`.
    pub provider: String,
    pub input: String,
    pub output: String,
    pub cache_read: Option<String>,
    pub cache_write: Option<String>,
}

impl PriceInput {
    /// Checks and parses the typed values into an override.
    pub fn parse(&self) -> Result<ModelPrice> {
        let model = self.model.trim();
        if model.is_empty() {
            return Err(Error::invalid("give the model name, e.g. gpt-4o"));
        }
        let optional = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(parse_price)
                .transpose()
        };
        Ok(ModelPrice {
            model: model.to_owned(),
            provider: self.provider.trim().to_owned(),
            input: parse_price(&self.input)?,
            output: parse_price(&self.output)?,
            cache_read: optional(&self.cache_read)?,
            cache_write: optional(&self.cache_write)?,
            source: OVERRIDE.to_owned(),
        })
    }
}

/// Parses a user-typed price in USD per million tokens (e.g. `2.50`).
pub fn parse_price(raw: &str) -> Result<Decimal> {
    let value = Decimal::from_str(raw.trim().trim_start_matches('$')).map_err(|_| {
        Error::invalid(format!(
            "'{raw}' is not a price; write USD per million tokens, e.g. 2.50"
        ))
    })?;
    if value.is_sign_negative() {
        return Err(Error::invalid("a price cannot be negative"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn vendored_table_loads_with_known_models() {
        let table = PriceTable::default();
        let gpt = table.lookup("gpt-4o").expect("gpt-4o is priced");
        assert_eq!((gpt.input, gpt.output), (d("2.5"), d("10")));
        assert!(vendored().exact.len() > 600);
    }

    #[test]
    fn every_vendored_price_loads_and_names_its_release() {
        let parsed = file::parse(VENDORED, "vendored").expect("the vendored table is valid");
        assert_eq!(parsed.len(), vendored().exact.len());
        assert!(parsed.iter().all(|p| p.source.starts_with("litellm 1.")));
    }

    #[test]
    fn retired_models_keep_the_last_price_they_had() {
        let table = PriceTable::default();
        for (model, input, output) in [
            ("claude-opus-4-1-20250805", "15", "75"),
            ("claude-opus-4-20250514", "15", "75"),
            ("claude-sonnet-4-20250514", "3", "15"),
            ("claude-3-5-sonnet-20241022", "3", "15"),
        ] {
            let p = table
                .lookup(model)
                .unwrap_or_else(|| panic!("{model} is priced"));
            assert_eq!((p.input, p.output), (d(input), d(output)), "{model}");
            assert!(p.source.starts_with("litellm "), "{model}: {}", p.source);
        }
        // A newer release's price wins: claude-3-5-haiku went from $1 to $0.80 input.
        assert_eq!(
            table.lookup("claude-3-5-haiku-20241022").unwrap().input,
            d("0.8")
        );
    }

    #[test]
    fn names_as_providers_agents_and_gateways_write_them_find_their_price() {
        let table = PriceTable::default();
        let cases = [
            // (name used, table name it must find)
            ("gpt-4o", "gpt-4o"),
            ("openai/gpt-4o", "gpt-4o"),
            ("gpt-4.1-mini", "gpt-4.1-mini"),
            ("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini-2025-04-14"),
            ("gpt-4o-2099-01-01", "gpt-4o"),
            ("claude-sonnet-4-5", "claude-sonnet-4-5"),
            ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929"),
            ("anthropic/claude-sonnet-4.5", "claude-sonnet-4-5"),
            // OpenRouter's own price where the table has it, else the provider's.
            (
                "openrouter/anthropic/claude-sonnet-4.5",
                "openrouter/anthropic/claude-sonnet-4.5",
            ),
            (
                "openrouter/anthropic/claude-3-7-sonnet-20250219",
                "claude-3-7-sonnet-20250219",
            ),
            ("claude-sonnet-4", "claude-sonnet-4-20250514"),
            ("anthropic/claude-opus-4.1", "claude-opus-4-1"),
            ("claude-3-5-sonnet-latest", "claude-3-5-sonnet-latest"),
            ("claude-3-7-sonnet-latest", "claude-3-7-sonnet-latest"),
            (
                "anthropic.claude-sonnet-4-20250514-v1:0",
                "claude-sonnet-4-20250514",
            ),
            (
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                "claude-3-7-sonnet-20250219",
            ),
            ("claude-sonnet-4@20250514", "claude-sonnet-4-20250514"),
            ("claude-opus-4-1@20250805", "claude-opus-4-1-20250805"),
            ("gemini/gemini-2.5-pro", "gemini/gemini-2.5-pro"),
            ("gemini-2.5-pro", "gemini/gemini-2.5-pro"),
            ("xai/grok-4", "xai/grok-4"),
            ("grok-4", "xai/grok-4"),
            ("mistral-large-latest", "mistral/mistral-large-latest"),
        ];
        for (used, want) in cases {
            let found = table.lookup(used).map(|p| p.model.as_str());
            assert_eq!(found, Some(want), "{used}");
        }
    }

    #[test]
    fn a_match_never_crosses_families_and_unknown_models_stay_unpriced() {
        let table = PriceTable::new(vec![ModelPrice {
            model: "house-model".into(),
            provider: "other".into(),
            input: d("1"),
            output: d("2"),
            cache_read: None,
            cache_write: None,
            source: OVERRIDE.into(),
        }]);
        assert_eq!(table.lookup("gpt-4.1").unwrap().model, "gpt-4.1");
        assert_eq!(table.lookup("gpt-4.1-mini").unwrap().model, "gpt-4.1-mini");
        assert_ne!(
            table.lookup("gpt-4.1").unwrap().input,
            table.lookup("gpt-4.1-mini").unwrap().input
        );
        for unknown in [
            "gpt-4.1-maxi",
            "claude-sonnet-9",
            "no-such-model-anywhere",
            "",
            "house",
        ] {
            assert!(
                table.lookup(unknown).is_none(),
                "{unknown} must stay unpriced"
            );
        }
        assert_eq!(
            table.lookup("openrouter/acme/house-model").unwrap().source,
            OVERRIDE
        );
    }

    #[test]
    fn cost_is_exact_and_cache_falls_back_to_input() {
        let p = ModelPrice {
            model: "m".into(),
            provider: "openai".into(),
            input: d("2.5"),
            output: d("10"),
            cache_read: Some(d("1.25")),
            cache_write: None,
            source: "litellm 1.0.0".into(),
        };
        let tokens = Tokens {
            input: 1_000_000,
            output: 3,
            cache_read: 400,
            cache_write: 7,
        };
        // 2.5 + 3*10/1e6 + 400*1.25/1e6 + 7*2.5/1e6
        assert_eq!(p.cost(tokens), d("2.5005475"));
        assert_eq!(p.cost(Tokens::default()), Decimal::ZERO);
    }

    #[test]
    fn overrides_win_over_vendored_prices() {
        let table = PriceTable::new(vec![ModelPrice {
            model: "gpt-4o".into(),
            provider: "openai".into(),
            input: d("1"),
            output: d("2"),
            cache_read: None,
            cache_write: None,
            source: OVERRIDE.into(),
        }]);
        assert_eq!(table.lookup("gpt-4o").unwrap().source, OVERRIDE);
        assert_eq!(
            table
                .all()
                .iter()
                .find(|p| p.model == "gpt-4o")
                .unwrap()
                .input,
            d("1")
        );
    }

    #[test]
    fn typed_prices_become_overrides_or_explain() {
        let typed = PriceInput {
            model: " my-model ".into(),
            provider: "openai".into(),
            input: "1.5".into(),
            output: "$6".into(),
            cache_read: Some(String::new()),
            cache_write: None,
        };
        let price = typed.parse().unwrap();
        assert_eq!(price.model, "my-model");
        assert_eq!((price.input, price.output), (d("1.5"), d("6")));
        assert_eq!(
            (price.cache_read, price.source.as_str()),
            (None, "override")
        );
        let nameless = PriceInput {
            model: "  ".into(),
            ..typed.clone()
        };
        assert!(nameless.parse().unwrap_err().to_string().contains("model"));
        let bad = PriceInput {
            output: "ten".into(),
            ..typed
        };
        assert!(bad.parse().unwrap_err().to_string().contains("per million"));
    }

    #[test]
    fn user_prices_parse_or_explain() {
        assert_eq!(parse_price("$2.50").unwrap(), d("2.50"));
        assert!(parse_price("-1").is_err());
        assert!(parse_price("cheap")
            .unwrap_err()
            .to_string()
            .contains("per million"));
    }
}
