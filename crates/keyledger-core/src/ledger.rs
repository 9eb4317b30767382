//! The spend ledger: records usage buckets (priced on the way in), answers grouped usage
//! queries, and keeps history in step with the user's price overrides.

use chrono::{DateTime, Utc};

use crate::pricing::{ModelPrice, PriceTable};
use crate::store::{usage, Store};
use crate::usage::{DayRange, GroupBy, UsageBucket, UsageReport, UsageRow};
use crate::{Error, Result};

/// The ledger of one profile's database.
#[derive(Debug, Clone)]
pub struct Ledger {
    store: Store,
}

impl Ledger {
    pub fn new(store: Store) -> Self {
        Ledger { store }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The prices in force (vendored plus overrides).
    pub async fn prices(&self) -> Result<PriceTable> {
        Ok(PriceTable::new(usage::overrides(self.store.pool()).await?))
    }

    /// Prices and writes `buckets` in one transaction; buckets already present are replaced.
    pub async fn record(&self, buckets: Vec<UsageBucket>, now: DateTime<Utc>) -> Result<usize> {
        let prices = self.prices().await?;
        let priced: Vec<UsageBucket> = buckets.into_iter().map(|b| b.price_with(&prices)).collect();
        let mut tx = self.store.pool().begin().await?;
        usage::upsert(&mut tx, &priced, now).await?;
        tx.commit().await?;
        Ok(priced.len())
    }

    /// Writes buckets already priced (billed costs laid over computed ones), first removing the
    /// provider's billed-cost-only rows (no tokens, no requests) from `since` on, which the new
    /// buckets rebuild: a cost billed before its usage was reported is then carried by the usage
    /// rows alone, never counted twice.
    pub async fn record_billed(
        &self,
        buckets: Vec<UsageBucket>,
        provider: &str,
        since: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut tx = self.store.pool().begin().await?;
        if let Some(since) = since {
            usage::clear_billed_only(&mut tx, provider, since).await?;
        }
        usage::upsert(&mut tx, &buckets, now).await?;
        tx.commit().await?;
        Ok(buckets.len())
    }

    /// Usage in `range` grouped by `by`.
    pub async fn usage(&self, range: DayRange, by: GroupBy) -> Result<Vec<UsageRow>> {
        if range.from > range.to {
            return Err(Error::invalid(format!(
                "the range starts ({}) after it ends ({})",
                range.from, range.to
            )));
        }
        usage::grouped(self.store.pool(), range, by).await
    }

    /// Usage in `range` grouped by `by`, with the total.
    pub async fn report(&self, range: DayRange, by: GroupBy) -> Result<UsageReport> {
        let rows = self.usage(range, by).await?;
        Ok(UsageReport {
            from: range.from,
            to: range.to,
            by,
            total: UsageRow::total(&rows),
            rows,
        })
    }

    /// Sets a price override and re-prices the history it applies to, atomically.
    pub async fn set_price(&self, price: ModelPrice, now: DateTime<Utc>) -> Result<u64> {
        let mut tx = self.store.pool().begin().await?;
        usage::set_override(&mut *tx, &price, now).await?;
        let table = PriceTable::new(usage::overrides(&mut *tx).await?);
        let changed = usage::reprice(&mut tx, &table).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Removes a price override (back to the vendored price, or unpriced) and re-prices.
    pub async fn unset_price(&self, model: &str) -> Result<u64> {
        let mut tx = self.store.pool().begin().await?;
        if !usage::unset_override(&mut *tx, model).await? {
            return Err(Error::Missing(format!(
                "you have no price of your own for {model}; `keyledger price list` shows them"
            )));
        }
        let table = PriceTable::new(usage::overrides(&mut *tx).await?);
        let changed = usage::reprice(&mut tx, &table).await?;
        tx.commit().await?;
        Ok(changed)
    }
}
