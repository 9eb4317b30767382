//! DeepSeek (any key): `/user/balance`. Amounts are decimal strings in CNY or USD; there is no
//! usage endpoint, so spend is derived from balance decreases between polls.

use serde::Deserialize;

use super::amount::Amount;
use super::http::{get_json, FetchError, RetryPolicy};

#[derive(Deserialize)]
struct BalanceAnswer {
    #[serde(default)]
    balance_infos: Vec<BalanceInfo>,
}

#[derive(Debug, Clone, Deserialize)]
struct BalanceInfo {
    currency: String,
    total_balance: Amount,
}

/// A balance in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    /// `USD` or `CNY`.
    pub currency: String,
    pub total: Amount,
}

/// The account's balance: the USD one when there is one, else the first listed.
pub async fn balance(
    client: &reqwest::Client,
    base: &str,
    key: &str,
    policy: RetryPolicy,
) -> Result<Balance, FetchError> {
    let url = format!("{}/user/balance", base.trim_end_matches('/'));
    let answer: BalanceAnswer = get_json(|| client.get(&url).bearer_auth(key), policy).await?;
    let mut infos = answer.balance_infos;
    if infos.is_empty() {
        return Err(FetchError::BadBody("no balance in the answer".to_owned()));
    }
    let pick = infos
        .iter()
        .position(|b| b.currency.eq_ignore_ascii_case("USD"))
        .unwrap_or(0);
    let info = infos.swap_remove(pick);
    Ok(Balance {
        currency: info.currency.to_uppercase(),
        total: info.total_balance,
    })
}
