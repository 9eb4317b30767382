//! Polling an organization through an admin key (OpenAI, Anthropic): usage per day, key and
//! model, priced by what the provider billed where its cost report says, then the key inventory, which ties each provider-side key id to the stored key it is
//! (by the masked form both show) and brings the provider's expiry and revocation home.

use chrono::{DateTime, Days, NaiveTime, Utc};

use super::{Call, Polled, UsageApi};
use crate::credential::{Credential, Kind, Status};
use crate::ledger::Ledger;
use crate::providers::http::FetchError;
use crate::providers::{anthropic, openai, ListedKey};
use crate::reported;
use crate::store::{credentials, provider_keys};
use crate::usage::Width;
use crate::Result;

pub(super) async fn poll(
    call: &Call<'_>,
    ledger: &Ledger,
    admin: &Credential,
    api: UsageApi,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<std::result::Result<Polled, FetchError>> {
    let (client, base, key, policy) = (call.client, call.base, call.key, call.policy);
    let usage = |from, width| async move {
        match api {
            UsageApi::OpenAI => openai::usage(client, base, key, (from, now), width, policy).await,
            _ => anthropic::usage(client, base, key, (from, now), width, policy).await,
        }
    };
    // Hours are a finer view of the same usage (totals sum the days): since yesterday.
    let hourly_from = from.max(now.date_naive().and_time(NaiveTime::MIN).and_utc() - Days::new(1));
    let billed = async {
        match api {
            UsageApi::OpenAI => openai::costs(client, base, key, from, now, policy).await,
            _ => anthropic::costs(client, base, key, from, now, policy).await,
        }
    };
    // Days, billed costs and hours are independent reports: asked for at once.
    let (days, billed, hours) = futures::join!(
        usage(from, Width::Day),
        billed,
        usage(hourly_from, Width::Hour)
    );
    let mut buckets = match days {
        Ok(buckets) => buckets,
        Err(e) => return Ok(Err(e)),
    };
    let hours_note = match hours {
        Ok(hours) => {
            let note = format!("{} hourly bucket(s)", hours.len());
            buckets.extend(hours);
            note
        }
        Err(e) => format!("hours could not be read ({})", e.describe()),
    };
    // Usage made with a key belongs to that key (its account); the rest to the organization,
    // reached through this admin key.
    for b in &mut buckets {
        if b.account.is_empty() {
            b.credential_id = Some(admin.id.clone());
        }
    }
    let prices = ledger.prices().await?;
    let mut buckets: Vec<_> = buckets.into_iter().map(|b| b.price_with(&prices)).collect();
    // With a cost report in hand, earlier rows of billed costs without usage are rebuilt from it
    // (their usage may have arrived since, and then carries the cost).
    let mut rebuild_billed_from = None;
    let billed_note = match billed {
        Ok(costs) => {
            let days: std::collections::BTreeSet<_> = costs.iter().map(|c| c.day).collect();
            reported::apply(&mut buckets, &costs, admin.provider.as_str(), &admin.id);
            rebuild_billed_from = Some(from);
            format!("billed costs for {} day(s)", days.len())
        }
        Err(e) => format!(
            "the cost report could not be read ({}), so costs are computed from prices",
            e.describe()
        ),
    };
    let days = buckets.iter().filter(|b| b.width == Width::Day).count();
    let written = ledger
        .record_billed(buckets, admin.provider.as_str(), rebuild_billed_from, now)
        .await? as u64;
    let mut message = format!("{days} day bucket(s) updated, {hours_note}; {billed_note}");
    let listed = match api {
        UsageApi::OpenAI => openai::keys(client, base, key, policy).await,
        _ => anthropic::keys(client, base, key, policy).await,
    };
    match listed {
        Ok(keys) => {
            let matched = record_inventory(ledger, admin, &keys, now).await?;
            message.push_str(&format!(
                "; {} key(s) listed, {matched} of them stored here",
                keys.len()
            ));
        }
        Err(e) => message.push_str(&format!(
            "; the key list could not be read ({}), so usage shows by key id",
            e.describe()
        )),
    }
    Ok(Ok(Polled { written, message }))
}

/// Stores the listed keys with the stored credential each one is, and takes over what the
/// provider knows of those credentials: expiry, and revocation. Returns how many matched.
async fn record_inventory(
    ledger: &Ledger,
    admin: &Credential,
    keys: &[ListedKey],
    now: DateTime<Utc>,
) -> Result<usize> {
    let stored: Vec<Credential> = credentials::list(ledger.store().pool())
        .await?
        .into_iter()
        .filter(|c| c.provider == admin.provider && c.kind != Kind::Admin)
        .collect();
    let mut tx = ledger.store().pool().begin().await?;
    let mut matched = 0;
    for key in keys {
        let candidates: Vec<&Credential> = stored
            .iter()
            .filter(|c| same_key(&c.hint, &key.hint))
            .collect();
        let credential = match candidates.as_slice() {
            [only] => Some(*only),
            _ => None,
        };
        provider_keys::upsert(
            &mut *tx,
            admin.provider.as_str(),
            &admin.id,
            key,
            credential.map(|c| c.id.as_str()),
            now,
        )
        .await?;
        let Some(c) = credential else { continue };
        matched += 1;
        if let Some(expires_at) = key.expires_at {
            credentials::set_provider_expiry(&mut *tx, &c.id, expires_at).await?;
        }
        if key.status.as_deref().is_some_and(is_revoked) && c.status != Status::Invalid {
            credentials::set_status(&mut *tx, &c.id, Status::Invalid).await?;
            tracing::info!(id = %c.id, "the provider lists this key as no longer active");
        }
    }
    tx.commit().await?;
    Ok(matched)
}

/// Statuses in which a provider's key no longer works.
fn is_revoked(status: &str) -> bool {
    matches!(status, "inactive" | "archived" | "expired" | "disabled")
}

/// Whether a stored key's hint (`sk-proj-…a1B2`) and a provider's masked form
/// (`sk-proj-abc...a1B2`, `sk-ant-api03-R2D...igAA`) can be the same key: the visible ends
/// agree (at least two characters) and neither visible start contradicts the other.
pub(crate) fn same_key(stored_hint: &str, provider_hint: &str) -> bool {
    let split = |h: &str| -> Option<(String, String)> {
        let masks = ["…", "...", "*"];
        let at = masks.iter().filter_map(|m| h.find(m)).min()?;
        let head = &h[..at];
        let tail = h[at..].trim_start_matches(['…', '.', '*']);
        Some((head.to_owned(), tail.to_owned()))
    };
    let (Some((head_a, tail_a)), Some((head_b, tail_b))) =
        (split(stored_hint), split(provider_hint))
    else {
        return false;
    };
    let n = tail_a.chars().count().min(tail_b.chars().count());
    let end = |t: &str| t.chars().rev().take(n).collect::<String>();
    n >= 2
        && end(&tail_a) == end(&tail_b)
        && (head_a.starts_with(&head_b) || head_b.starts_with(&head_a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_forms_match_by_their_visible_ends() {
        assert!(same_key("sk-proj-…a1B2", "sk-proj-abc...a1B2"));
        assert!(same_key("sk-ant-api03-…igAA", "sk-ant-api03-R2D...igAA"));
        assert!(same_key("…wxyz", "sk-...wxyz"));
        assert!(same_key("sk-proj-…a1B2", "sk-proj-****a1B2"));
        assert!(!same_key("sk-proj-…a1B2", "sk-proj-abc...a1B3"));
        assert!(!same_key("sk-proj-…a1B2", "sk-svcacct-abc...a1B2"));
        assert!(!same_key("••••••••", "sk-abc...a1B2"));
        assert!(!same_key("sk-proj-…a1B2", "no mask here"));
    }
}
