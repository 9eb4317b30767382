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

/// Micro-dollars as dollars and whole cents for people (`"$12.34"`), cut, not rounded, so a
/// figure is never shown above what it is.
pub fn usd_cents(micros: i64) -> String {
    let cents = micros / 10_000;
    let sign = if micros < 0 { "-" } else { "" };
    format!("{sign}${}.{:02}", (cents / 100).abs(), (cents % 100).abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_for_people_are_cut_not_rounded() {
        assert_eq!(usd_cents(30_958_333), "$30.95");
        assert_eq!(usd_cents(5_000_000), "$5.00");
        assert_eq!(usd_cents(9_999), "$0.00");
        assert_eq!(usd_cents(-1_500_000), "-$1.50");
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
