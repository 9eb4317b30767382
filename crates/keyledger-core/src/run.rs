//! Which stored keys `keyledger run` puts into a program's environment, and under which names:
//! the conventional variables (`OPENAI_API_KEY`, `ANTHROPIC_ADMIN_KEY`, …) and base URLs
//! (`OPENAI_BASE_URL`, …), chosen by profile, provider and explicit `VAR=ID` mappings, with a
//! clear error when two keys would claim one variable.

use std::collections::BTreeMap;

use crate::credential::{Credential, Kind, Provider, Status};
use crate::{Error, Result};

/// The variables a key goes into, by provider and kind.
pub fn key_vars(provider: Provider, kind: Kind) -> &'static [&'static str] {
    match (provider, kind) {
        (Provider::OpenAI, Kind::Admin) => &["OPENAI_ADMIN_KEY"],
        (Provider::Anthropic, Kind::Admin) => &["ANTHROPIC_ADMIN_KEY"],
        (Provider::OpenAI, _) => &["OPENAI_API_KEY"],
        (Provider::Anthropic, _) => &["ANTHROPIC_API_KEY"],
        (Provider::OpenRouter, _) => &["OPENROUTER_API_KEY"],
        (Provider::Gemini, _) => &["GEMINI_API_KEY", "GOOGLE_API_KEY"],
        (Provider::Groq, _) => &["GROQ_API_KEY"],
        (Provider::Xai, _) => &["XAI_API_KEY"],
        (Provider::DeepSeek, _) => &["DEEPSEEK_API_KEY"],
        (Provider::Mistral, _) => &["MISTRAL_API_KEY"],
        (Provider::Other, _) => &[],
    }
}

/// The variable the provider's SDK reads its base URL from, if there is a convention.
pub fn base_url_var(provider: Provider) -> Option<&'static str> {
    match provider {
        Provider::OpenAI => Some("OPENAI_BASE_URL"),
        Provider::Anthropic => Some("ANTHROPIC_BASE_URL"),
        _ => None,
    }
}

/// One key to hand over: the credential and the variables it goes into.
#[derive(Debug, Clone)]
pub struct Handed {
    pub credential: Credential,
    pub vars: Vec<String>,
}

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    pub profile: Option<String>,
    /// Only these providers (empty = all).
    pub only: Vec<Provider>,
    /// `VAR=ID` pairs: this key (id or its first characters) under this name.
    pub maps: Vec<(String, String)>,
    /// Hand admin keys too. Without it an admin key goes in only when mapped by name: it can
    /// read (and on some providers change) the whole organization.
    pub admin: bool,
}

/// Parses `VAR=ID`.
pub fn parse_map(text: &str) -> Result<(String, String)> {
    let (var, id) = text.split_once('=').unwrap_or((text, ""));
    let valid_name = !var.is_empty()
        && var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !var.starts_with(|c: char| c.is_ascii_digit());
    if !valid_name || id.trim().is_empty() {
        return Err(Error::invalid(format!(
            "'{text}' is not VAR=ID (e.g. OPENAI_API_KEY=0193a5b2)"
        )));
    }
    Ok((var.to_owned(), id.trim().to_owned()))
}

/// Chooses the keys: mapped ones under their names, then every other usable key of the profile
/// (and providers) under its conventional names — admin keys only when asked for. Two keys for
/// one name is an error naming them, and so is a choice over several profiles without one named.
pub fn choose(all: &[Credential], choice: &Choice) -> Result<Vec<Handed>> {
    let usable = |c: &&Credential| !matches!(c.status, Status::Pending | Status::SecretMissing);
    if let Some(p) = &choice.profile {
        if !all.iter().any(|c| &c.profile == p) {
            let mut known: Vec<&str> = all.iter().map(|c| c.profile.as_str()).collect();
            known.sort_unstable();
            known.dedup();
            return Err(Error::invalid(format!(
                "no key is in profile '{p}'; profiles: {}",
                if known.is_empty() {
                    "none yet".to_owned()
                } else {
                    known.join(", ")
                }
            )));
        }
    }
    if choice.profile.is_none() && choice.maps.is_empty() {
        let mut profiles: Vec<&str> = all
            .iter()
            .filter(usable)
            .filter(|c| choice.only.is_empty() || choice.only.contains(&c.provider))
            .map(|c| c.profile.as_str())
            .collect();
        profiles.sort_unstable();
        profiles.dedup();
        if profiles.len() > 1 {
            return Err(Error::invalid(format!(
                "your keys are in {} profiles ({}); choose one with --profile NAME, or set a \
                 default profile (`keyledger profile default NAME`)",
                profiles.len(),
                profiles.join(", ")
            )));
        }
    }
    let mut handed: Vec<Handed> = Vec::new();
    for (var, id) in &choice.maps {
        let found: Vec<&Credential> = all
            .iter()
            .filter(|c| c.id.starts_with(id.as_str()))
            .collect();
        let c = match found.as_slice() {
            [one] => *one,
            [] => return Err(Error::NotFound(id.clone())),
            _ => return Err(Error::AmbiguousId(id.clone())),
        };
        handed.push(Handed {
            credential: c.clone(),
            vars: vec![var.clone()],
        });
    }
    let mapped_vars: Vec<&str> = choice.maps.iter().map(|(v, _)| v.as_str()).collect();
    let mut by_var: BTreeMap<&str, Vec<&Credential>> = BTreeMap::new();
    for c in all.iter().filter(usable).filter(|c| {
        choice.profile.as_ref().is_none_or(|p| &c.profile == p)
            && (choice.only.is_empty() || choice.only.contains(&c.provider))
            && (choice.admin || c.kind != Kind::Admin)
            && !handed.iter().any(|h| h.credential.id == c.id)
    }) {
        for var in key_vars(c.provider, c.kind) {
            if !mapped_vars.contains(var) {
                by_var.entry(var).or_default().push(c);
            }
        }
    }
    for (var, keys) in &by_var {
        if let [first, second, ..] = keys.as_slice() {
            return Err(Error::invalid(format!(
                "{var} would get two keys, \"{}\" ({}) and \"{}\" ({}); choose one with \
                 --map {var}=ID, narrow with --profile or --only, or set a default profile \
                 (`keyledger profile default NAME`)",
                first.label,
                &first.id[..8.min(first.id.len())],
                second.label,
                &second.id[..8.min(second.id.len())],
            )));
        }
    }
    for (var, keys) in by_var {
        let c = keys[0];
        match handed.iter_mut().find(|h| h.credential.id == c.id) {
            Some(h) => h.vars.push(var.to_owned()),
            None => handed.push(Handed {
                credential: c.clone(),
                vars: vec![var.to_owned()],
            }),
        }
    }
    Ok(handed)
}
