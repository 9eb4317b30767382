//! Token counts as providers send them: whole numbers from 0 to 10^15. A negative, fractional
//! or absurd count makes the answer invalid instead of subtracting from (or overflowing) the
//! ledger.

use serde::{Deserialize, Deserializer};

/// More tokens than any bucket can hold: a thousand times a year of the busiest organizations.
const MAX_TOKENS: u64 = 1_000_000_000_000_000;

/// One count from a usage report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenCount(i64);

impl TokenCount {
    pub fn get(self) -> i64 {
        self.0
    }
}

/// The count, 0 when the answer leaves it out.
pub fn count(n: Option<TokenCount>) -> i64 {
    n.map_or(0, TokenCount::get)
}

impl<'de> Deserialize<'de> for TokenCount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u64::deserialize(d)?;
        if n > MAX_TOKENS {
            return Err(serde::de::Error::custom(format!(
                "a token count of {n}, more than any report holds"
            )));
        }
        i64::try_from(n)
            .map(TokenCount)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_whole_non_negative_and_sane() {
        let ok: Option<TokenCount> = serde_json::from_str("1200").unwrap();
        assert_eq!(count(ok), 1200);
        assert_eq!(count(None), 0);
        for bad in ["-1", "1.5", "\"12\"", "1000000000000001"] {
            assert!(serde_json::from_str::<TokenCount>(bad).is_err(), "{bad}");
        }
    }
}
