//! Money as integers: micro-dollars in storage and sums, decimal strings at the edges.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds an exact USD amount to whole micro-dollars (half to even).
pub fn usd_to_micros(usd: Decimal) -> Option<i64> {
    usd.checked_mul(Decimal::from(1_000_000))?
        .round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven)
        .to_i64()
}

/// Formats micro-dollars as a decimal string in USD with six decimals (`"12.345678"`).
pub fn micros_to_usd_string(micros: i64) -> String {
    Decimal::new(micros, 6).to_string()
}

/// Micro-dollars for people, the one way Keyledger shows money everywhere (the window, the CLI,
/// the tray, notifications): dollars with thousands separators and cents rounded half up on the
/// third decimal (`"$2,128.45"`); `"<$0.01"` for an amount strictly between zero and a cent.
/// The window's `formatUsd` follows the same cases (`tests/formats.json`).
pub fn usd(micros: i64) -> String {
    let sign = if micros < 0 { "-" } else { "" };
    let abs = micros.unsigned_abs();
    if abs == 0 {
        return "$0.00".to_owned();
    }
    if abs < 10_000 {
        return format!("{sign}<$0.01");
    }
    let cents = abs / 10_000 + u64::from((abs / 1_000) % 10 >= 5);
    format!("{sign}${}.{:02}", thousands(cents / 100), cents % 100)
}

/// The whole percent of `whole` that `part` is, rounded down (a budget is never said to be
/// 100% used before it is); for alert titles.
pub fn percent_used(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        return 0;
    }
    i64::try_from(i128::from(part) * 100 / i128::from(whole)).unwrap_or(i64::MAX)
}

/// `1234567` → `"1,234,567"`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases the window's formatter passes too (`ui/src/lib/money.test.ts`).
    #[test]
    fn money_is_shown_the_same_way_as_in_the_window() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../../../tests/formats.json")).unwrap();
        for case in cases["usd"].as_array().unwrap() {
            let micros = case[0].as_i64().unwrap();
            assert_eq!(usd(micros), case[1].as_str().unwrap(), "{micros}");
        }
    }

    #[test]
    fn percent_used_rounds_down() {
        assert_eq!(percent_used(7_500_000, 10_000_000), 75);
        assert_eq!(percent_used(9_999_999, 10_000_000), 99);
        assert_eq!(percent_used(21_284_500_000, 5_000_000), 425_690);
        assert_eq!(percent_used(1, 0), 0);
    }
    use std::str::FromStr;

    #[test]
    fn round_trips_and_rounds_half_even() {
        assert_eq!(
            usd_to_micros(Decimal::from_str("2.5005475").unwrap()),
            Some(2_500_548)
        );
        assert_eq!(
            usd_to_micros(Decimal::from_str("0.0000005").unwrap()),
            Some(0)
        );
        assert_eq!(
            usd_to_micros(Decimal::from_str("0.0000015").unwrap()),
            Some(2)
        );
        assert_eq!(micros_to_usd_string(12_345_678), "12.345678");
        assert_eq!(micros_to_usd_string(0), "0.000000");
        assert_eq!(micros_to_usd_string(-5), "-0.000005");
    }
}
