//! Costs the provider reports (OpenAI's costs, Anthropic's cost report) laid over the day's usage
//! buckets: they replace the computed cost of the rows they name (by any name of the model), are
//! split over keys where the provider reports per model only, become rows of their own where no
//! usage row matches, and make a billed day's total the bill.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use crate::pricing::names;
use crate::usage::{CostSource, Counts, UsageBucket, UsageSource, Width};

/// One reported amount: a day, a model (or line item), and the key it was spent through when
/// the provider says (`None` = the report is not per key: split over every key of the model).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedCost {
    pub day: DateTime<Utc>,
    pub account: Option<String>,
    pub model: String,
    pub micros: i64,
}

/// Applies `reported` to `buckets` (already priced), so that each day the report covers costs
/// exactly what was billed. Each amount goes to the day's API buckets of its model (any name of
/// it: `gpt-4.1-mini` bills `gpt-4.1-mini-2025-04-14`) and key, when given, split in proportion
/// to their computed cost, or to their tokens when some are unpriced. An amount no bucket
/// matches becomes a cost-only bucket of `provider` (on the organization, reached through
/// `admin_id`, when no key is named). A priced bucket of a billed day that no amount names is
/// part of that day's bill, not added on top of it: its cost becomes the provider's $0 (its
/// computed cost stays an estimate, from its tokens). Days the report does not cover keep their
/// computed costs.
pub fn apply(
    buckets: &mut Vec<UsageBucket>,
    reported: &[ReportedCost],
    provider: &str,
    admin_id: &str,
) {
    let mut summed: BTreeMap<(DateTime<Utc>, Option<&str>, &str), i64> = BTreeMap::new();
    for r in reported {
        *summed
            .entry((r.day, r.account.as_deref(), r.model.as_str()))
            .or_default() += r.micros;
    }
    let billed_days: BTreeSet<DateTime<Utc>> = summed.keys().map(|(day, _, _)| *day).collect();
    let is_day_usage = |b: &UsageBucket| b.width == Width::Day && b.source == UsageSource::Api;
    let mut billed: Vec<Option<i64>> = vec![None; buckets.len()];
    let mut extra = Vec::new();
    for ((day, account, model), micros) in summed {
        let targets: Vec<usize> = buckets
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                b.start == day
                    && is_day_usage(b)
                    && names::same_model(&b.model, model)
                    && account.is_none_or(|a| a == b.account)
            })
            .map(|(i, _)| i)
            .collect();
        if targets.is_empty() {
            let account = account.unwrap_or_default().to_owned();
            extra.push(UsageBucket {
                provider: provider.to_owned(),
                credential_id: account.is_empty().then(|| admin_id.to_owned()),
                account,
                model: model.to_owned(),
                start: day,
                width: Width::Day,
                source: UsageSource::Api,
                counts: Counts::default(),
                cost_micros: Some(micros),
                cost_source: CostSource::Provider,
            });
            continue;
        }
        let all_priced = targets.iter().all(|&i| buckets[i].cost_micros.is_some());
        let weights: Vec<i64> = targets
            .iter()
            .map(|&i| {
                let b = &buckets[i];
                match b.cost_micros {
                    Some(cost) if all_priced => cost.max(0),
                    _ => b.counts.input + b.counts.output + b.counts.cached + b.counts.cache_write,
                }
            })
            .collect();
        for (&i, share) in targets.iter().zip(split(micros, &weights)) {
            *billed[i].get_or_insert(0) += share;
        }
    }
    for (b, billed) in buckets.iter_mut().zip(billed) {
        if let Some(micros) = billed {
            b.cost_micros = Some(micros);
            b.cost_source = CostSource::Provider;
        } else if is_day_usage(b)
            && billed_days.contains(&b.start)
            && b.cost_source == CostSource::Computed
        {
            b.cost_micros = Some(0);
            b.cost_source = CostSource::Provider;
        }
    }
    buckets.extend(extra);
}

/// Splits `total` in proportion to `weights` (equally when they are all zero), by largest
/// remainder: the shares are whole micro-dollars and add up to `total` exactly.
fn split(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|&w| i128::from(w.max(0))).sum();
    let weights: Vec<i128> = if sum == 0 {
        vec![1; weights.len()]
    } else {
        weights.iter().map(|&w| i128::from(w.max(0))).collect()
    };
    let sum: i128 = weights.iter().sum();
    let (sign, total) = (total.signum(), i128::from(total).abs());
    let mut shares: Vec<(i128, i128, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| (total * w / sum, total * w % sum, i))
        .collect();
    let mut left = total - shares.iter().map(|s| s.0).sum::<i128>();
    let mut by_remainder: Vec<usize> = (0..shares.len()).collect();
    by_remainder.sort_by_key(|&i| (std::cmp::Reverse(shares[i].1), i));
    for i in by_remainder {
        if left == 0 {
            break;
        }
        shares[i].0 += 1;
        left -= 1;
    }
    shares
        .into_iter()
        .map(|(share, _, _)| sign * i64::try_from(share).unwrap_or(i64::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> DateTime<Utc> {
        format!("2026-11-{d:02}T00:00:00Z").parse().unwrap()
    }

    fn bucket(d: u32, account: &str, model: &str, cost: Option<i64>, tokens: i64) -> UsageBucket {
        UsageBucket {
            provider: "anthropic".into(),
            credential_id: None,
            account: account.into(),
            model: model.into(),
            start: day(d),
            width: Width::Day,
            source: UsageSource::Api,
            counts: Counts {
                input: tokens,
                ..Counts::default()
            },
            cost_micros: cost,
            cost_source: if cost.is_some() {
                CostSource::Computed
            } else {
                CostSource::Unpriced
            },
        }
    }

    fn cost(d: u32, account: Option<&str>, model: &str, micros: i64) -> ReportedCost {
        ReportedCost {
            day: day(d),
            account: account.map(Into::into),
            model: model.into(),
            micros,
        }
    }

    #[test]
    fn shares_are_whole_and_add_up_exactly() {
        assert_eq!(split(100, &[1, 1, 1]), [34, 33, 33]);
        assert_eq!(split(10, &[0, 0]), [5, 5]);
        assert_eq!(split(7, &[3, 1]), [5, 2]);
        assert_eq!(split(-7, &[3, 1]), [-5, -2]);
        assert_eq!(
            split(i64::MAX, &[i64::MAX, 1]).iter().sum::<i64>(),
            i64::MAX
        );
    }

    #[test]
    fn a_per_model_report_is_split_over_keys_by_computed_cost() {
        let mut buckets = vec![
            bucket(22, "k1", "claude-sonnet-4-5", Some(3_000), 10),
            bucket(22, "k2", "claude-sonnet-4-5", Some(1_000), 90),
            bucket(22, "k1", "claude-haiku-4-5", Some(500), 10),
            bucket(21, "k1", "claude-sonnet-4-5", Some(9_999), 10),
        ];
        apply(
            &mut buckets,
            &[
                cost(22, None, "claude-sonnet-4-5", 2_000),
                cost(22, None, "claude-sonnet-4-5", 2_001),
            ],
            "anthropic",
            "admin",
        );
        let costs: Vec<(Option<i64>, CostSource)> = buckets
            .iter()
            .map(|b| (b.cost_micros, b.cost_source))
            .collect();
        // Haiku is not on the bill of a billed day: part of it, not added on top.
        assert_eq!(
            costs,
            [
                (Some(3_001), CostSource::Provider),
                (Some(1_000), CostSource::Provider),
                (Some(0), CostSource::Provider),
                (Some(9_999), CostSource::Computed),
            ]
        );
    }

    #[test]
    fn unpriced_rows_are_weighted_by_tokens_and_become_priced() {
        let mut buckets = vec![
            bucket(22, "k1", "new-model", None, 30),
            bucket(22, "k2", "new-model", Some(5), 10),
        ];
        apply(
            &mut buckets,
            &[cost(22, None, "new-model", 400)],
            "anthropic",
            "admin",
        );
        assert_eq!(buckets[0].cost_micros, Some(300));
        assert_eq!(buckets[1].cost_micros, Some(100));
        assert!(buckets
            .iter()
            .all(|b| b.cost_source == CostSource::Provider));
    }

    #[test]
    fn per_key_amounts_go_to_that_key_and_the_rest_becomes_its_own_row() {
        let mut buckets = vec![
            bucket(22, "k1", "gpt-4o", Some(7_000), 10),
            bucket(22, "k2", "gpt-4o", Some(7_000), 10),
        ];
        apply(
            &mut buckets,
            &[
                cost(22, Some("k1"), "gpt-4o", 6_500),
                cost(22, Some(""), "web search tool calls", 25_000),
            ],
            "openai",
            "admin",
        );
        assert_eq!(buckets[0].cost_micros, Some(6_500));
        // k2's gpt-4o is on no line of the billed day: it is part of the bill, not added.
        assert_eq!(
            (buckets[1].cost_micros, buckets[1].cost_source),
            (Some(0), CostSource::Provider)
        );
        let extra = &buckets[2];
        assert_eq!(
            (
                extra.model.as_str(),
                extra.credential_id.as_deref(),
                extra.cost_micros,
                extra.counts
            ),
            (
                "web search tool calls",
                Some("admin"),
                Some(25_000),
                Counts::default()
            )
        );
    }

    #[test]
    fn an_alias_on_the_bill_replaces_its_snapshots_cost_in_both_directions() {
        let mut buckets = vec![
            bucket(22, "k1", "gpt-4.1-mini-2025-04-14", Some(7_000), 10),
            bucket(22, "k1", "claude-sonnet-4-5", Some(2_000), 10),
            bucket(22, "k1", "gpt-4.1", Some(5_000), 10),
        ];
        apply(
            &mut buckets,
            &[
                cost(22, Some("k1"), "gpt-4.1-mini", 4_000),
                cost(22, Some("k1"), "gpt-4.1-mini", 2_500),
                cost(22, Some("k1"), "claude-sonnet-4-5-20250929", 1_800),
                cost(22, Some("k1"), "gpt-4.1-mini-2025-04-14", 100),
            ],
            "openai",
            "admin",
        );
        assert_eq!(buckets.len(), 3, "no billed row of its own: {buckets:?}");
        let costs: Vec<(&str, Option<i64>)> = buckets
            .iter()
            .map(|b| (b.model.as_str(), b.cost_micros))
            .collect();
        // gpt-4.1 is another family: not billed by gpt-4.1-mini, and part of the day's bill.
        assert_eq!(
            costs,
            [
                ("gpt-4.1-mini-2025-04-14", Some(6_600)),
                ("claude-sonnet-4-5", Some(1_800)),
                ("gpt-4.1", Some(0)),
            ]
        );
        let day_total: i64 = buckets.iter().filter_map(|b| b.cost_micros).sum();
        assert_eq!(day_total, 4_000 + 2_500 + 1_800 + 100);
    }

    #[test]
    fn days_the_report_does_not_cover_and_unpriced_rows_keep_what_they_had() {
        let mut buckets = vec![
            bucket(21, "k1", "gpt-4o", Some(7_000), 10),
            bucket(22, "k1", "mystery-model", None, 10),
            bucket(22, "k1", "gpt-4o", Some(1_000), 10),
        ];
        apply(
            &mut buckets,
            &[cost(22, Some("k1"), "gpt-4o", 900)],
            "openai",
            "admin",
        );
        assert_eq!(
            (buckets[0].cost_micros, buckets[0].cost_source),
            (Some(7_000), CostSource::Computed)
        );
        assert_eq!(
            (buckets[1].cost_micros, buckets[1].cost_source),
            (None, CostSource::Unpriced)
        );
        assert_eq!(buckets[2].cost_micros, Some(900));
    }
}
