//! Price files, read strictly: Keyledger's own table (the vendored `data/prices.json`, USD per
//! million tokens as decimal strings) and LiteLLM's `model_prices_and_context_window.json` (USD
//! per token as numbers). A price that is negative, NaN or not a number refuses the whole file
//! with the model's name, so a bad file never half-replaces the table in use.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;

use super::ModelPrice;
use crate::{Error, Result};

/// LiteLLM's providers that Keyledger knows, by LiteLLM's `litellm_provider`.
const PROVIDERS: [(&str, &str); 9] = [
    ("openai", "openai"),
    ("text-completion-openai", "openai"),
    ("anthropic", "anthropic"),
    ("gemini", "gemini"),
    ("xai", "xai"),
    ("deepseek", "deepseek"),
    ("mistral", "mistral"),
    ("groq", "groq"),
    ("openrouter", "openrouter"),
];
const MODES: [&str; 3] = ["chat", "responses", "completion"];

#[derive(Deserialize)]
struct OwnFile {
    models: BTreeMap<String, OwnPrice>,
}

#[derive(Deserialize)]
struct OwnPrice {
    #[serde(default)]
    provider: String,
    input: Value,
    output: Value,
    cache_read: Option<Value>,
    cache_write: Option<Value>,
    source: Option<String>,
}

/// Reads a price file in either format. Prices without a `source` of their own get `source`.
pub fn parse(text: &str, source: &str) -> Result<Vec<ModelPrice>> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Error::invalid(format!("the price file is not JSON ({e})")))?;
    if value.get("models").is_some() {
        let file: OwnFile = serde_json::from_value(value).map_err(|e| {
            Error::invalid(format!(
                "the price file does not look like a Keyledger price table ({e})"
            ))
        })?;
        file.models
            .into_iter()
            .map(|(model, p)| {
                let per_million = |field: &str, v: &Value| amount(&model, field, v, false);
                let optional = |field: &str, v: &Option<Value>| match v {
                    None | Some(Value::Null) => Ok(None),
                    Some(v) => per_million(field, v).map(Some),
                };
                Ok(ModelPrice {
                    input: per_million("input", &p.input)?,
                    output: per_million("output", &p.output)?,
                    cache_read: optional("cache_read", &p.cache_read)?,
                    cache_write: optional("cache_write", &p.cache_write)?,
                    provider: p.provider,
                    source: p.source.unwrap_or_else(|| source.to_owned()),
                    model,
                })
            })
            .collect()
    } else {
        litellm(&value, source)
    }
}

/// LiteLLM's table: the chat models of the providers Keyledger knows, USD per token.
fn litellm(value: &Value, source: &str) -> Result<Vec<ModelPrice>> {
    let Some(entries) = value.as_object() else {
        return Err(Error::invalid(
            "the price file is neither a Keyledger price table nor LiteLLM's model_prices_and_context_window.json",
        ));
    };
    let mut prices = Vec::new();
    for (model, entry) in entries {
        let provider = entry
            .get("litellm_provider")
            .and_then(Value::as_str)
            .and_then(|p| PROVIDERS.iter().find(|(name, _)| *name == p))
            .map(|(_, ours)| *ours);
        let mode = entry.get("mode").and_then(Value::as_str);
        let (Some(provider), Some(input), Some(output)) = (
            provider,
            entry.get("input_cost_per_token"),
            entry.get("output_cost_per_token"),
        ) else {
            continue;
        };
        if model == "sample_spec" || !mode.is_some_and(|m| MODES.contains(&m)) {
            continue;
        }
        let per_token = |field: &str| -> Result<Option<Decimal>> {
            match entry.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => amount(model, field, v, true).map(Some),
            }
        };
        prices.push(ModelPrice {
            model: model.clone(),
            provider: provider.to_owned(),
            input: amount(model, "input_cost_per_token", input, true)?,
            output: amount(model, "output_cost_per_token", output, true)?,
            cache_read: per_token("cache_read_input_token_cost")?,
            cache_write: per_token("cache_creation_input_token_cost")?,
            source: source.to_owned(),
        });
    }
    Ok(prices)
}

/// One price as USD per million tokens; `per_token` values are multiplied by a million.
fn amount(model: &str, field: &str, value: &Value, per_token: bool) -> Result<Decimal> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) if !per_token => s.trim().to_owned(),
        other => {
            return Err(Error::invalid(format!(
                "{model}: {field} is not a number ({other})"
            )))
        }
    };
    let parsed = Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| Error::invalid(format!("{model}: {field} is not a number ({value})")))?;
    if parsed.is_sign_negative() && !parsed.is_zero() {
        return Err(Error::invalid(format!(
            "{model}: {field} is negative ({value})"
        )));
    }
    let scaled = if per_token {
        parsed
            .checked_mul(Decimal::from(1_000_000))
            .ok_or_else(|| Error::invalid(format!("{model}: {field} is out of range")))?
    } else {
        parsed
    };
    Ok(scaled.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_tables_keep_each_models_source() {
        let prices = parse(
            r#"{"models": {
                "a": {"provider": "openai", "input": "2.5", "output": "10", "source": "litellm 1.80.0"},
                "b": {"provider": "anthropic", "input": "3", "output": "15", "cache_read": "0.3", "cache_write": null}
            }}"#,
            "override",
        )
        .unwrap();
        assert_eq!(prices[0].source, "litellm 1.80.0");
        assert_eq!(prices[1].source, "override");
        assert_eq!(
            prices[1].cache_read,
            Some(Decimal::from_str("0.3").unwrap())
        );
        assert_eq!(prices[1].cache_write, None);
    }

    #[test]
    fn litellm_tables_convert_per_token_prices_exactly() {
        let prices = parse(
            r#"{"sample_spec": {"input_cost_per_token": 0},
                "gpt-x": {"litellm_provider": "openai", "mode": "chat",
                          "input_cost_per_token": 2.5e-06, "output_cost_per_token": 0.00001,
                          "cache_read_input_token_cost": 1.25e-7},
                "embed": {"litellm_provider": "openai", "mode": "embedding",
                          "input_cost_per_token": 1e-7, "output_cost_per_token": 0},
                "bedrock-only": {"litellm_provider": "bedrock", "mode": "chat",
                          "input_cost_per_token": 1e-6, "output_cost_per_token": 1e-6}}"#,
            "override",
        )
        .unwrap();
        assert_eq!(prices.len(), 1);
        let p = &prices[0];
        assert_eq!(
            (
                p.input.to_string(),
                p.output.to_string(),
                p.cache_read.map(|d| d.to_string())
            ),
            ("2.5".into(), "10".into(), Some("0.125".into()))
        );
    }

    #[test]
    fn a_bad_price_refuses_the_file_and_names_the_model() {
        let cases = [
            (
                r#"{"models": {"ok": {"input": "1", "output": "2"}, "evil": {"input": "-1", "output": "2"}}}"#,
                "evil: input is negative",
            ),
            (
                r#"{"models": {"nan-model": {"input": "NaN", "output": "2"}}}"#,
                "nan-model: input is not a number",
            ),
            (
                r#"{"models": {"wordy": {"input": "1", "output": "ten"}}}"#,
                "wordy: output is not a number",
            ),
            (
                r#"{"x": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": -1e-6, "output_cost_per_token": 1e-6}}"#,
                "x: input_cost_per_token is negative",
            ),
            (
                r#"{"y": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "1e-6", "output_cost_per_token": 1e-6}}"#,
                "y: input_cost_per_token is not a number",
            ),
        ];
        for (text, want) in cases {
            let err = parse(text, "override").unwrap_err().to_string();
            assert!(err.contains(want), "{err:?} should say {want:?}");
        }
        assert!(parse("<html>", "override")
            .unwrap_err()
            .to_string()
            .contains("not JSON"));
    }
}
