//! Budgets: a spending limit (USD) and/or a token quota over a day or a calendar month, for one
//! key, one provider or everything, with the thresholds at which it alerts.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::settings::thresholds;
use crate::credential::Provider;
use crate::pricing::money::{micros_to_usd_string, usd_to_micros};
use crate::{Error, Result};

/// What a budget covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum BudgetScope {
    /// Every key together.
    All,
    Provider(Provider),
    /// One stored key, by id.
    Credential(String),
}

impl BudgetScope {
    /// The stored form: `all`, `provider:openai`, `key:<id>`.
    pub fn key(&self) -> String {
        match self {
            BudgetScope::All => "all".to_owned(),
            BudgetScope::Provider(p) => format!("provider:{}", p.as_str()),
            BudgetScope::Credential(id) => format!("key:{id}"),
        }
    }
}

impl FromStr for BudgetScope {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim();
        if s == "all" {
            return Ok(BudgetScope::All);
        }
        if let Some(p) = s.strip_prefix("provider:") {
            return Ok(BudgetScope::Provider(p.parse()?));
        }
        if let Some(id) = s.strip_prefix("key:").filter(|id| !id.is_empty()) {
            return Ok(BudgetScope::Credential(id.to_owned()));
        }
        Err(Error::invalid(format!(
            "'{s}' is not a budget scope; use all, provider:NAME (e.g. provider:openai) or key:ID"
        )))
    }
}

/// The calendar period a budget renews over, in the user's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum BudgetPeriod {
    Day,
    Month,
}

impl BudgetPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            BudgetPeriod::Day => "day",
            BudgetPeriod::Month => "month",
        }
    }
}

impl FromStr for BudgetPeriod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "day" | "daily" => Ok(BudgetPeriod::Day),
            "month" | "monthly" => Ok(BudgetPeriod::Month),
            other => Err(Error::invalid(format!(
                "'{other}' is not a budget period; use day or month"
            ))),
        }
    }
}

/// A stored budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Budget {
    pub id: String,
    pub scope: BudgetScope,
    pub period: BudgetPeriod,
    /// The limit in USD as an exact decimal string, if there is one.
    pub amount_usd: Option<String>,
    #[serde(skip)]
    #[ts(skip)]
    pub amount_micros: Option<i64>,
    #[ts(type = "number | null")]
    pub token_quota: Option<i64>,
    /// Percentages at which it alerts, ascending.
    pub thresholds: Vec<u32>,
    pub created_at: DateTime<Utc>,
}

/// A budget as typed in a form or on the command line; one per scope and period.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct NewBudget {
    /// `all`, `provider:NAME` or `key:ID`.
    pub scope: String,
    /// `day` or `month`.
    pub period: String,
    /// USD, e.g. `50` or `12.50`.
    #[serde(default)]
    pub amount_usd: Option<String>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub token_quota: Option<i64>,
    /// Percentages; `None` = the settings' defaults.
    #[serde(default)]
    pub thresholds: Option<Vec<u32>>,
}

/// A checked budget, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBudget {
    pub scope: BudgetScope,
    pub period: BudgetPeriod,
    pub amount_micros: Option<i64>,
    pub token_quota: Option<i64>,
    pub thresholds: Vec<u32>,
}

impl NewBudget {
    /// Checks every field, naming the first one that is wrong and how to fix it.
    pub fn validate(&self, default_thresholds: &[u32]) -> Result<ValidBudget> {
        let scope: BudgetScope = self.scope.parse()?;
        let period: BudgetPeriod = self.period.parse()?;
        let amount_micros = match self.amount_usd.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => {
                let usd = Decimal::from_str(text.trim_start_matches('$')).map_err(|_| {
                    Error::invalid(format!(
                        "'{text}' is not an amount in USD, e.g. 50 or 12.50"
                    ))
                })?;
                match usd_to_micros(usd) {
                    Some(m) if m > 0 => Some(m),
                    _ => {
                        return Err(Error::invalid(
                            "the amount must be more than $0 (and less than a trillion)",
                        ))
                    }
                }
            }
        };
        if self.token_quota.is_some_and(|t| t <= 0) {
            return Err(Error::invalid("the token quota must be more than 0"));
        }
        if amount_micros.is_none() && self.token_quota.is_none() {
            return Err(Error::invalid(
                "give an amount in USD, a token quota, or both",
            ));
        }
        let thresholds = thresholds(
            self.thresholds
                .clone()
                .unwrap_or_else(|| default_thresholds.to_vec()),
        )?;
        Ok(ValidBudget {
            scope,
            period,
            amount_micros,
            token_quota: self.token_quota,
            thresholds,
        })
    }
}

impl Budget {
    pub fn new(id: String, v: ValidBudget, created_at: DateTime<Utc>) -> Self {
        Budget {
            id,
            scope: v.scope,
            period: v.period,
            amount_usd: v.amount_micros.map(micros_to_usd_string),
            amount_micros: v.amount_micros,
            token_quota: v.token_quota,
            thresholds: v.thresholds,
            created_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(scope: &str, amount: Option<&str>, tokens: Option<i64>) -> NewBudget {
        NewBudget {
            scope: scope.into(),
            period: "month".into(),
            amount_usd: amount.map(Into::into),
            token_quota: tokens,
            thresholds: None,
        }
    }

    #[test]
    fn scopes_parse_and_print_back() {
        for s in ["all", "provider:openai", "key:abc123"] {
            assert_eq!(s.parse::<BudgetScope>().unwrap().key(), s);
        }
        assert!("provider:acme".parse::<BudgetScope>().is_err());
        assert!("key:".parse::<BudgetScope>().is_err());
        let e = "everything".parse::<BudgetScope>().unwrap_err().to_string();
        assert!(e.contains("provider:NAME"), "{e}");
    }

    #[test]
    fn amounts_are_exact_and_something_must_be_limited() {
        let v = budget("all", Some("$12.345678"), None)
            .validate(&[80])
            .unwrap();
        assert_eq!(v.amount_micros, Some(12_345_678));
        assert_eq!(v.thresholds, [80]);
        for (amount, tokens, needle) in [
            (None, None, "amount in USD, a token quota"),
            (Some("0"), None, "more than $0"),
            (Some("ten"), None, "not an amount"),
            (None, Some(0), "token quota must be"),
        ] {
            let e = budget("all", amount, tokens)
                .validate(&[80])
                .unwrap_err()
                .to_string();
            assert!(e.contains(needle), "{e}");
        }
    }
}
