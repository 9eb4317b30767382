//! Token prices: the vendored LiteLLM table plus the user's overrides, and exact cost arithmetic.
//! A model without a price is *unpriced* — its cost is unknown, never $0.

pub mod money;

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// The vendored table (`data/prices.json`, refreshed by `scripts/refresh-prices.py`).
const VENDORED: &str = include_str!("../../data/prices.json");

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
    /// `vendored` (LiteLLM) or `override` (set by the user).
    pub origin: String,
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

#[derive(Deserialize)]
struct VendoredFile {
    models: BTreeMap<String, VendoredPrice>,
}

#[derive(Deserialize)]
struct VendoredPrice {
    provider: String,
    input: String,
    output: String,
    cache_read: Option<String>,
    cache_write: Option<String>,
}

fn vendored() -> &'static HashMap<String, ModelPrice> {
    static TABLE: OnceLock<HashMap<String, ModelPrice>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: VendoredFile = serde_json::from_str(VENDORED).unwrap_or(VendoredFile {
            models: BTreeMap::new(),
        });
        file.models
            .into_iter()
            .filter_map(|(model, p)| {
                Some((
                    model.clone(),
                    ModelPrice {
                        input: Decimal::from_str(&p.input).ok()?,
                        output: Decimal::from_str(&p.output).ok()?,
                        cache_read: p.cache_read.and_then(|v| Decimal::from_str(&v).ok()),
                        cache_write: p.cache_write.and_then(|v| Decimal::from_str(&v).ok()),
                        provider: p.provider,
                        origin: "vendored".to_owned(),
                        model,
                    },
                ))
            })
            .collect()
    })
}

/// The prices in force: vendored ones with the user's overrides on top.
#[derive(Debug, Clone, Default)]
pub struct PriceTable {
    overrides: HashMap<String, ModelPrice>,
}

impl PriceTable {
    pub fn new(overrides: Vec<ModelPrice>) -> Self {
        PriceTable {
            overrides: overrides
                .into_iter()
                .map(|p| (p.model.clone(), p))
                .collect(),
        }
    }

    /// The price of `model`, trying the exact name, then without a `provider/` prefix, then
    /// without a trailing date (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`).
    pub fn lookup(&self, model: &str) -> Option<&ModelPrice> {
        let exact = |name: &str| self.overrides.get(name).or_else(|| vendored().get(name));
        let unprefixed = model.rsplit('/').next().unwrap_or(model);
        exact(model)
            .or_else(|| exact(unprefixed))
            .or_else(|| strip_date(unprefixed).and_then(exact))
    }

    /// Every known price (overrides replace vendored entries), sorted by model.
    pub fn all(&self) -> Vec<ModelPrice> {
        let mut merged: BTreeMap<&str, &ModelPrice> =
            vendored().iter().map(|(k, v)| (k.as_str(), v)).collect();
        merged.extend(self.overrides.iter().map(|(k, v)| (k.as_str(), v)));
        merged.into_values().cloned().collect()
    }
}

/// `name-20250929` → `name`, `name-2024-08-06` → `name`; `None` when there is no date suffix.
fn strip_date(model: &str) -> Option<&str> {
    let is_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((head, tail)) = model.rsplit_once('-') {
        if is_digits(tail, 8) {
            return Some(head);
        }
    }
    let parts: Vec<&str> = model.rsplitn(4, '-').collect();
    if parts.len() == 4
        && is_digits(parts[0], 2)
        && is_digits(parts[1], 2)
        && is_digits(parts[2], 4)
    {
        return Some(parts[3]);
    }
    None
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
            origin: "override".to_owned(),
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
        assert!(vendored().len() > 100);
    }

    #[test]
    fn lookup_strips_prefixes_and_dates() {
        let table = PriceTable::default();
        assert_eq!(table.lookup("openai/gpt-4o").unwrap().model, "gpt-4o");
        assert_eq!(
            table.lookup("claude-sonnet-4-5-20250929").unwrap().model,
            "claude-sonnet-4-5-20250929"
        );
        assert_eq!(strip_date("gpt-4o-2024-08-06"), Some("gpt-4o"));
        assert_eq!(strip_date("claude-x-20250101"), Some("claude-x"));
        assert_eq!(strip_date("gpt-4o"), None);
        assert!(table.lookup("no-such-model-anywhere").is_none());
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
            origin: "vendored".into(),
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
            origin: "override".into(),
        }]);
        assert_eq!(table.lookup("gpt-4o").unwrap().origin, "override");
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
            (price.cache_read, price.origin.as_str()),
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
