//! Money as providers send it: a JSON number or a decimal string, read exactly (never through a
//! float), then turned into integer micro-units.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

/// An amount given as a number (`0.06`) or a string (`"0.06"`), kept as an exact decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Amount(pub Decimal);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // arbitrary_precision is off, so a number arrives as f64: its shortest text form is
        // exactly what the provider wrote (e.g. 0.06), which Decimal then reads exactly.
        let v = serde_json::Value::deserialize(d)?;
        let text = match &v {
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) => s.trim().to_owned(),
            other => {
                return Err(serde::de::Error::custom(format!(
                    "expected an amount, found {other}"
                )))
            }
        };
        Decimal::from_str(&text)
            .or_else(|_| Decimal::from_scientific(&text))
            .map(Amount)
            .map_err(|_| serde::de::Error::custom(format!("'{text}' is not an amount")))
    }
}

impl Amount {
    /// The amount in millionths of its unit (micro-dollars for USD), rounded half to even.
    pub fn micros(self) -> Option<i64> {
        crate::pricing::money::usd_to_micros(self.0)
    }
}

/// Whether an amount's currency (missing means the API's default, USD) is US dollars.
pub fn is_usd(currency: Option<&str>) -> bool {
    currency.is_none_or(|c| c.eq_ignore_ascii_case("usd"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Amount, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn numbers_and_strings_read_exactly() {
        assert_eq!(parse("0.06").unwrap().micros(), Some(60_000));
        assert_eq!(parse("\"123.45\"").unwrap().micros(), Some(123_450_000));
        assert_eq!(parse("25").unwrap().micros(), Some(25_000_000));
        assert_eq!(parse("1e-6").unwrap().micros(), Some(1));
        // A float sum would give 0.30000000000000004.
        let sum = parse("0.1").unwrap().0 + parse("0.2").unwrap().0;
        assert_eq!(Amount(sum).micros(), Some(300_000));
    }

    #[test]
    fn non_amounts_are_errors_not_zero() {
        assert!(parse("\"ten\"").is_err());
        assert!(parse("null").is_err());
        assert!(parse("{}").is_err());
    }
}
