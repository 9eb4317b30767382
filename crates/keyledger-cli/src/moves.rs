//! The commands that move keys: rotate, export, import-backup, and profiles.

use std::io::IsTerminal;
use std::path::Path;

use chrono::NaiveDate;
use keyledger_core::backup::{self, Restored};
use keyledger_core::rotation::RotateOptions;
use keyledger_core::vault::Vault;
use keyledger_core::{clock, profiles};

use crate::args::ProfileCommand;
use crate::{output, read_secret, CmdResult};

pub async fn rotate(
    vault: &Vault,
    id: &str,
    expires: Option<NaiveDate>,
    remind_revoke: bool,
    json: bool,
) -> CmdResult {
    let c = vault.resolve(id).await?;
    if std::io::stdin().is_terminal() {
        eprintln!("New key for \"{}\" (now {}).", c.label, c.hint);
    }
    let secret = read_secret::from_stdin()?;
    let options = RotateOptions {
        expires_on: expires,
        remind_revoke,
    };
    let out = vault.rotate(&c.id, secret, &options, clock::now()).await?;
    keyledger_core::alerts::evaluate(vault.store(), clock::now()).await?;
    if json {
        output::json(&out);
    } else {
        eprintln!(
            "Rotated \"{}\": {} → {}. Its age starts again today.",
            out.credential.label, out.old_hint, out.credential.hint
        );
        eprintln!(
            "The old key still works until you revoke it at {}{}.",
            out.credential.provider.display_name(),
            if remind_revoke {
                " (an alert will remind you tomorrow)"
            } else {
                ""
            }
        );
    }
    Ok(())
}

pub async fn export(vault: &Vault, out: &Path, force: bool, json: bool) -> CmdResult {
    let passphrase = read_secret::passphrase(true)?;
    let report = backup::export(vault, &passphrase, out, force, clock::now()).await?;
    if json {
        output::json(&report);
        return Ok(());
    }
    eprintln!(
        "Wrote {} key(s) to {}, encrypted with your passphrase.",
        report.written, report.path
    );
    eprintln!("Keep the passphrase safe: without it the backup cannot be opened.");
    for label in &report.missing {
        eprintln!("Left out \"{label}\": its secret is no longer in the keychain.");
    }
    Ok(())
}

pub async fn import_backup(vault: &Vault, file: &Path, json: bool) -> CmdResult {
    let passphrase = read_secret::passphrase(false)?;
    let report = backup::restore(vault, &passphrase, file, clock::now()).await?;
    keyledger_core::alerts::evaluate(vault.store(), clock::now()).await?;
    if json {
        output::json(&report);
        return Ok(());
    }
    let mut added = 0;
    for k in &report.keys {
        match k {
            Restored::Added { id, label, hint } => {
                added += 1;
                println!("added \"{label}\" ({hint}) as {id}");
            }
            Restored::Skipped { label, existing } => {
                println!("skipped \"{label}\": already stored as \"{existing}\"");
            }
            Restored::RotatedAway {
                label,
                existing,
                rotated_at,
            } => {
                println!(
                    "skipped \"{label}\": \"{existing}\" was rotated away from this key on {}",
                    rotated_at.format("%Y-%m-%d")
                );
            }
            Restored::Failed { label, message } => {
                println!("failed \"{label}\": {message}");
            }
        }
    }
    eprintln!(
        "Added {added} of the {} key(s) in the backup.",
        report.keys.len()
    );
    Ok(())
}

pub async fn profile(vault: &Vault, command: ProfileCommand) -> CmdResult {
    let store = vault.store();
    match command {
        ProfileCommand::List { json } => {
            let p = profiles::list(store).await?;
            if json {
                output::json(&p);
            } else if p.profiles.is_empty() {
                println!(
                    "No profiles yet: keys go to \"default\" unless `add --profile` names one."
                );
            } else {
                let rows: Vec<Vec<String>> = p
                    .profiles
                    .iter()
                    .map(|s| {
                        vec![
                            s.name.clone(),
                            s.keys.to_string(),
                            if s.is_default { "yes" } else { "" }.to_owned(),
                        ]
                    })
                    .collect();
                output::table(&["PROFILE", "KEYS", "DEFAULT"], &rows);
            }
        }
        ProfileCommand::Default {
            name: None,
            clear: false,
        } => match profiles::default_profile(store).await? {
            Some(d) => println!("{d}"),
            None => eprintln!(
                "No default profile: new keys go to \"default\" and `run` takes every profile."
            ),
        },
        ProfileCommand::Default { name, clear } => {
            let set =
                profiles::set_default(store, name.as_deref().filter(|_| !clear), clock::now())
                    .await?;
            match set.default {
                Some(d) => eprintln!("New keys now go to \"{d}\", and `run` uses its keys."),
                None => eprintln!("No default profile any more."),
            }
        }
    }
    Ok(())
}
