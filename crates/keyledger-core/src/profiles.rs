//! Profiles (dev, prod, …): the ones in use with their key counts, and the default profile —
//! where keys go when none is named, and what `keyledger run` and the app start with.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::credential::{validate_profile, DEFAULT_PROFILE};
use crate::store::{settings, Store};
use crate::Result;

const SETTING: &str = "profiles";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ProfileSettings {
    default: Option<String>,
}

/// A profile and how many keys it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProfileSummary {
    pub name: String,
    #[ts(type = "number")]
    pub keys: i64,
    pub is_default: bool,
}

/// The profiles and which one is the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Profiles {
    /// The default profile as set, or `None` (keys then go to "default", and `run` takes all).
    pub default: Option<String>,
    /// Every profile with keys, plus the default one even while it has none; by name.
    pub profiles: Vec<ProfileSummary>,
}

/// The default profile the user set, if any.
pub async fn default_profile(store: &Store) -> Result<Option<String>> {
    Ok(settings::get::<ProfileSettings>(store.pool(), SETTING)
        .await?
        .default)
}

/// The profile a new key goes to when none is named.
pub async fn profile_for_new_key(store: &Store) -> Result<String> {
    Ok(default_profile(store)
        .await?
        .unwrap_or_else(|| DEFAULT_PROFILE.to_owned()))
}

/// Sets (or with `None` clears) the default profile.
pub async fn set_default(
    store: &Store,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Profiles> {
    let default = name.map(validate_profile).transpose()?;
    settings::set(store.pool(), SETTING, &ProfileSettings { default }, now).await?;
    list(store).await
}

pub async fn list(store: &Store) -> Result<Profiles> {
    let default = default_profile(store).await?;
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT profile, COUNT(*) FROM credential WHERE status <> 'pending' \
         GROUP BY profile ORDER BY profile",
    )
    .fetch_all(store.pool())
    .await?;
    let mut profiles: Vec<ProfileSummary> = counts
        .into_iter()
        .map(|(name, keys)| ProfileSummary {
            is_default: default.as_deref() == Some(name.as_str()),
            name,
            keys,
        })
        .collect();
    if let Some(d) = default.as_deref() {
        if !profiles.iter().any(|p| p.name == d) {
            profiles.push(ProfileSummary {
                name: d.to_owned(),
                keys: 0,
                is_default: true,
            });
            profiles.sort_by(|a, b| a.name.cmp(&b.name));
        }
    }
    Ok(Profiles { default, profiles })
}
