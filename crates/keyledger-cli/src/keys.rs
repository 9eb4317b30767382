//! The key commands: add, list, show, reveal, rm, audit.

use std::io::IsTerminal;

use keyledger_core::clock;
use keyledger_core::credential::NewCredential;
use keyledger_core::profiles;
use keyledger_core::vault::Vault;

use crate::args::AddArgs;
use crate::{output, read_secret, CmdResult, Failure};

pub async fn add(vault: &Vault, a: AddArgs) -> CmdResult {
    let secret = read_secret::from_stdin()?;
    let new = NewCredential {
        provider: a.provider,
        kind: a.kind,
        label: a.label,
        profile: a.profile,
        base_url: a.base_url,
        expires_on: a.expires,
        notes: a.notes,
    };
    let added = vault.add(new, secret, clock::now()).await?;
    println!("{}", added.id);
    eprintln!(
        "Added {} key \"{}\" ({}).",
        added.provider.display_name(),
        added.label,
        added.hint
    );
    Ok(())
}

pub async fn list(vault: &Vault, json: bool, profile: Option<&str>) -> CmdResult {
    vault.reconcile(clock::now()).await?;
    let mut list = vault.list().await?;
    if let Some(p) = profile {
        let known = profiles::list(vault.store()).await?;
        if !known.profiles.iter().any(|k| k.name == p) {
            let names: Vec<String> = known.profiles.into_iter().map(|k| k.name).collect();
            return Err(Failure::Core(keyledger_core::Error::invalid(format!(
                "there is no profile '{p}'; profiles: {}",
                if names.is_empty() {
                    "none yet".to_owned()
                } else {
                    names.join(", ")
                }
            ))));
        }
        list.retain(|c| c.profile == p);
    }
    if json {
        output::json(&list);
    } else {
        output::credential_table(&list, clock::now());
    }
    Ok(())
}

pub async fn show(vault: &Vault, id: &str, json: bool) -> CmdResult {
    let c = vault.resolve(id).await?;
    let rotations = vault.rotations(&c.id).await?;
    if json {
        output::json(&c);
    } else {
        output::credential_details(&c, &rotations, clock::now());
    }
    Ok(())
}

pub async fn reveal(vault: &Vault, id: &str) -> CmdResult {
    let (_, secret) = vault.reveal(id, clock::now()).await?;
    println!("{}", secret.expose());
    Ok(())
}

pub async fn rm(vault: &Vault, id: &str, yes: bool) -> CmdResult {
    let c = vault.resolve(id).await?;
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::Usage(format!(
                "refusing to delete \"{}\" without confirmation; pass --yes",
                c.label
            )));
        }
        if !read_secret::confirm(&format!(
            "Delete \"{}\" ({}) from the keychain and Keyledger? [y/N] ",
            c.label, c.hint
        ))? {
            eprintln!("Nothing deleted.");
            return Ok(());
        }
    }
    let gone = vault.delete(&c.id, clock::now()).await?;
    eprintln!("Deleted \"{}\" ({}).", gone.label, gone.hint);
    Ok(())
}

pub async fn audit(vault: &Vault, json: bool, limit: i64) -> CmdResult {
    let events = vault.audit(limit).await?;
    if json {
        output::json(&events);
    } else {
        output::audit_table(&events);
    }
    Ok(())
}

/// `import-env`: one line of outcome per variable, never a value; optionally the file rewritten.
pub async fn import_env(
    vault: &Vault,
    file: &std::path::Path,
    profile: Option<&str>,
    dry_run: bool,
    rewrite: bool,
    json: bool,
) -> CmdResult {
    use keyledger_core::envfile::{self, Outcome};
    if rewrite {
        envfile::cleanup_target(file)?;
    }
    let reports = envfile::import(vault, file, profile, dry_run, clock::now()).await?;
    if json {
        output::json(&reports);
    } else {
        for r in &reports {
            let what = match &r.outcome {
                Outcome::Added { label, hint, .. } => format!("added as \"{label}\" ({hint})"),
                Outcome::WouldAdd { label, hint } => {
                    format!("would be added as \"{label}\" ({hint})")
                }
                Outcome::Duplicate { label } => format!("already stored as \"{label}\""),
                Outcome::Skipped { why } => format!("skipped: {why}"),
            };
            println!("line {}: {} {what}", r.line, r.var);
        }
        if reports.is_empty() {
            println!("No variables in {}.", file.display());
        }
    }
    if rewrite {
        let n = envfile::rewrite(file, &reports)?;
        eprintln!(
            "{n} line(s) of {} now point to Keyledger instead of holding a key.",
            file.display()
        );
    } else if !dry_run && reports.iter().any(|r| r.stored()) {
        eprintln!(
            "The keys are still in {} too: delete it, or run again with --rewrite to replace them by comments.",
            file.display()
        );
    }
    Ok(())
}
