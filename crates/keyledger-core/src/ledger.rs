//! The spend ledger: records usage buckets (priced on the way in), answers grouped usage
//! queries, and keeps history in step with the user's price overrides.

use chrono::{DateTime, Utc};

use crate::pricing::{self, ModelPrice, PriceTable};
use crate::store::{estimates, settings, usage, Store};
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
    /// rows alone, never counted twice. Agent-log estimates of the days now billed are then
    /// superseded by the bill.
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
        if let Some(first) = since.or_else(|| buckets.iter().map(|b| b.start).min()) {
            let prices = PriceTable::new(usage::overrides(&mut *tx).await?);
            estimates::reconcile(&mut tx, &prices, first).await?;
        }
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
        let rows = usage::grouped(self.store.pool(), range, by).await?;
        if matches!(by, GroupBy::Hour | GroupBy::Credential) {
            // Estimates and bills fall in one group only by day, provider or model.
            return Ok(rows);
        }
        let prices = self.prices().await?;
        let mut sides = estimates::by_group(self.store.pool(), &prices, range, by).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let s = sides.remove(&row.key);
                row.with_sides(s)
            })
            .collect())
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

    /// Re-prices the history once when the vendored price table is not the one it was priced
    /// with (Keyledger was updated): usage of a model the old table lacked gets its price.
    /// Returns how many buckets changed, or `None` when the table is the same.
    pub async fn reprice_if_table_changed(&self, now: DateTime<Utc>) -> Result<Option<u64>> {
        const KEY: &str = "prices.vendored";
        let digest = PriceTable::vendored_digest();
        let stored: Option<String> = settings::get(self.store.pool(), KEY).await?;
        if stored.as_deref() == Some(digest.as_str()) {
            return Ok(None);
        }
        let mut tx = self.store.pool().begin().await?;
        let table = PriceTable::new(usage::overrides(&mut *tx).await?);
        let changed = usage::reprice(&mut tx, &table).await?;
        estimates::reconcile(&mut tx, &table, DateTime::<Utc>::UNIX_EPOCH).await?;
        settings::set(&mut *tx, KEY, &digest, now).await?;
        tx.commit().await?;
        Ok(Some(changed))
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

    /// Reads a price file (Keyledger's table or LiteLLM's `model_prices_and_context_window.json`)
    /// and makes its prices your own, re-pricing the history, all in one transaction. A file
    /// with one bad price (negative, NaN, not a number) is refused with the model's name and
    /// changes nothing. Returns how many prices were set and how many buckets changed.
    pub async fn import_prices(&self, text: &str, now: DateTime<Utc>) -> Result<(usize, u64)> {
        let prices = pricing::file::parse(text, pricing::OVERRIDE)?;
        if prices.is_empty() {
            return Err(Error::invalid(
                "the price file holds no chat model of a provider Keyledger knows",
            ));
        }
        let mut tx = self.store.pool().begin().await?;
        for mut price in prices.iter().cloned() {
            price.source = pricing::OVERRIDE.to_owned();
            usage::set_override(&mut *tx, &price, now).await?;
        }
        let table = PriceTable::new(usage::overrides(&mut *tx).await?);
        let changed = usage::reprice(&mut tx, &table).await?;
        tx.commit().await?;
        Ok((prices.len(), changed))
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
