//! Importing keys from a `.env` file: each line's variable and value (comments, quotes,
//! `export`, CRLF — parsed by dotenvy), the provider a variable or a key's prefix names,
//! duplicates skipped by fingerprint, an outcome per line that never carries a value, and the
//! file rewritten (or deleted) with the imported keys replaced by comments — the real file
//! behind a symlink, never a file whose other hard links would keep the keys.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::credential::{Kind, NewCredential, Provider};
use crate::detect::detect;
use crate::run::key_vars;
use crate::secret::ApiSecret;
use crate::store::credentials;
use crate::vault::Vault;
use crate::{Error, Result};

/// What happened to one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(rename = "EnvOutcome")]
pub enum Outcome {
    Added {
        id: String,
        label: String,
        hint: String,
    },
    /// `--dry-run`: would be added.
    WouldAdd {
        label: String,
        hint: String,
    },
    Duplicate {
        label: String,
    },
    Skipped {
        why: String,
    },
}

/// One variable line of the file and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LineReport {
    #[ts(type = "number")]
    pub line: usize,
    pub var: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub outcome: Outcome,
}

impl LineReport {
    /// Whether the file's line can be replaced by a comment (the key is in the vault).
    pub fn stored(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Added { .. } | Outcome::Duplicate { .. }
        )
    }
}

/// The provider and kind a conventional variable names (`OPENAI_API_KEY`, `GOOGLE_API_KEY`, …).
pub fn provider_of_var(var: &str) -> Option<(Provider, Kind)> {
    Provider::ALL.into_iter().find_map(|p| {
        [Kind::Api, Kind::Admin]
            .into_iter()
            .find(|k| key_vars(p, *k).contains(&var))
            .map(|k| (p, k))
    })
}

/// Reads `text` line by line: (line number, variable, value) for each assignment.
pub(crate) fn assignments(text: &str) -> Vec<(usize, String, Option<ApiSecret>)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let parsed = dotenvy::from_read_iter(line.as_bytes()).next();
        if let Some(Ok((var, value))) = parsed {
            out.push((i + 1, var, ApiSecret::parse(&value).ok()));
        } else {
            out.push((i + 1, name_of_unreadable(trimmed), None));
        }
    }
    out
}

/// The variable a line that does not parse seems to name: only a leading identifier, never the
/// line itself — which may be a bare key (`sk-proj-…`, `KEY sk-…`, `KEY: sk-…`).
fn name_of_unreadable(line: &str) -> String {
    let rest = line.strip_prefix("export ").unwrap_or(line).trim_start();
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    let followed_by_assignment = rest[name.len()..].trim_start().starts_with('=');
    let valid = !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit());
    if valid && followed_by_assignment && name.len() <= 64 {
        name
    } else {
        "(unreadable line)".to_owned()
    }
}

/// Imports the keys of the file at `path` into `profile` (or only says what it would do).
pub async fn import(
    vault: &Vault,
    path: &Path,
    profile: Option<&str>,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<Vec<LineReport>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let file = path
        .file_name()
        .map_or_else(|| ".env".to_owned(), |n| n.to_string_lossy().into_owned());
    let mut reports = Vec::new();
    for (line, var, secret) in assignments(&text) {
        let report = |outcome| LineReport {
            line,
            var: var.clone(),
            outcome,
        };
        let Some(secret) = secret else {
            reports.push(report(Outcome::Skipped {
                why: "no value, or not one that can be a key".to_owned(),
            }));
            continue;
        };
        if let Some(existing) =
            credentials::find_by_fingerprint(vault.store().pool(), &secret.fingerprint()).await?
        {
            reports.push(report(Outcome::Duplicate {
                label: existing.label,
            }));
            continue;
        }
        // The variable's name decides; else a key prefix that names one provider.
        let detection = detect(secret.expose());
        let (provider, kind) = match (provider_of_var(&var), detection.provider) {
            (Some((p, k)), _) => (p, Some(k)),
            (None, Some(p)) => (p, detection.kind),
            (None, None) => {
                reports.push(report(Outcome::Skipped {
                    why: "not a known API key variable".to_owned(),
                }));
                continue;
            }
        };
        let label = format!("{var} ({file})");
        if dry_run {
            reports.push(report(Outcome::WouldAdd {
                label,
                hint: detection.hint,
            }));
            continue;
        }
        let new = NewCredential {
            provider: Some(provider),
            kind,
            label: label.clone(),
            profile: profile.map(str::to_owned),
            ..NewCredential::default()
        };
        match vault.add(new, secret, now).await {
            Ok(c) => reports.push(report(Outcome::Added {
                id: c.id,
                label: c.label,
                hint: c.hint,
            })),
            Err(Error::Duplicate { label, .. }) => {
                reports.push(report(Outcome::Duplicate { label }))
            }
            Err(e) => reports.push(report(Outcome::Skipped { why: e.to_string() })),
        }
    }
    Ok(reports)
}

/// Rewrites the file: each line whose key is now in the vault becomes a comment naming where
/// it went. Other lines, the file's line endings and its permissions stay as they were.
pub fn rewrite(path: &Path, reports: &[LineReport]) -> Result<usize> {
    let real = cleanup_target(path)?;
    let text = std::fs::read_to_string(&real).map_err(|e| Error::io(path, &e))?;
    let mut replaced = 0;
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let ending = if line.ends_with("\r\n") {
            "\r\n"
        } else if line.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        match reports.iter().find(|r| r.line == i + 1 && r.stored()) {
            Some(r) => {
                let label = match &r.outcome {
                    Outcome::Added { label, .. } | Outcome::Duplicate { label } => label.as_str(),
                    _ => "",
                };
                out.push_str(&format!(
                    "# {} is in Keyledger as \"{label}\"; `keyledger run -- CMD` gives it to CMD{ending}",
                    r.var
                ));
                replaced += 1;
            }
            None => out.push_str(line),
        }
    }
    crate::files::rewrite_atomically(&real, out.as_bytes())?;
    Ok(replaced)
}

/// Deletes the file once its keys are in the vault: the real file, and the symlink that named it.
pub fn delete(path: &Path) -> Result<()> {
    let real = cleanup_target(path)?;
    std::fs::remove_file(&real).map_err(|e| Error::io(&real, &e))?;
    if real != path && path.is_symlink() {
        std::fs::remove_file(path).map_err(|e| Error::io(path, &e))?;
    }
    Ok(())
}

/// The file a rewrite or delete changes: a symlink is followed to the file that holds the keys,
/// and a file with other hard links is refused (its keys would stay under the other names).
/// Call it before importing when a cleanup will follow, so nothing is half done.
pub fn cleanup_target(path: &Path) -> Result<PathBuf> {
    let real = std::fs::canonicalize(path).map_err(|e| Error::io(path, &e))?;
    let meta = std::fs::metadata(&real).map_err(|e| Error::io(&real, &e))?;
    if !meta.is_file() {
        return Err(Error::invalid(format!(
            "{} is not a regular file; point to the .env file itself",
            path.display()
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(Error::invalid(format!(
                "{} has {} hard links, so its keys would stay in the other copies; \
                 remove the other links (find / -samefile {}) or edit the file by hand",
                path.display(),
                meta.nlink(),
                real.display()
            )));
        }
    }
    Ok(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &str = "OPENAI_API_KEY=sk-proj-abcdef0123456789abcdef\nOTHER=1\n";

    fn stored_line_one() -> Vec<LineReport> {
        vec![LineReport {
            line: 1,
            var: "OPENAI_API_KEY".into(),
            outcome: Outcome::Duplicate {
                label: "work".into(),
            },
        }]
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_env_is_rewritten_in_the_real_file_and_the_link_stays() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("secrets.env");
        std::fs::write(&real, KEYS).unwrap();
        let link = dir.path().join(".env");
        std::os::unix::fs::symlink(&real, &link).unwrap();

        assert_eq!(rewrite(&link, &stored_line_one()).unwrap(), 1);

        assert!(link.is_symlink(), "the link is still a link");
        let text = std::fs::read_to_string(&real).unwrap();
        assert!(!text.contains("sk-proj-"), "{text}");
        assert!(text.contains("OTHER=1"));
    }

    #[cfg(unix)]
    #[test]
    fn deleting_a_symlinked_env_deletes_the_file_that_holds_the_keys() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("secrets.env");
        std::fs::write(&real, KEYS).unwrap();
        let link = dir.path().join(".env");
        std::os::unix::fs::symlink(&real, &link).unwrap();

        delete(&link).unwrap();

        assert!(!real.exists(), "the keys are gone");
        assert!(!link.is_symlink(), "no dangling link is left");
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_linked_env_is_refused_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let one = dir.path().join(".env");
        std::fs::write(&one, KEYS).unwrap();
        let other = dir.path().join("copy.env");
        std::fs::hard_link(&one, &other).unwrap();

        for err in [
            rewrite(&one, &stored_line_one()).unwrap_err(),
            delete(&one).unwrap_err(),
        ] {
            assert_eq!(err.code(), "invalid_input");
            assert!(err.to_string().contains("has 2 hard links"), "{err}");
        }
        assert_eq!(std::fs::read_to_string(&one).unwrap(), KEYS);
        assert_eq!(std::fs::read_to_string(&other).unwrap(), KEYS);
    }

    #[test]
    fn a_line_that_does_not_parse_is_named_never_echoed() {
        for line in [
            "sk-proj-abcdef0123456789abcdef",
            "OPENAI_API_KEY sk-proj-abcdef0123456789",
            "OPENAI_API_KEY: sk-proj-abcdef0123456789",
            "\"OPENAI_API_KEY\": \"sk-proj-abcdef0123456789\"",
        ] {
            let got = assignments(line);
            assert_eq!(got.len(), 1, "{line}");
            assert_eq!(got[0].1, "(unreadable line)", "{line}");
            assert!(got[0].2.is_none());
        }
        let broken = assignments("export BROKEN_KEY=\"sk-proj-unterminated");
        assert_eq!(broken[0].1, "BROKEN_KEY", "a name before '=' is kept");
    }
}
