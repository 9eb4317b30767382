//! `keyledger`: the vault from a terminal. Parses arguments, calls core, prints; nothing more.

mod args;
mod output;
mod read_secret;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use keyledger_core::audit::Actor;
use keyledger_core::config::Config;
use keyledger_core::credential::NewCredential;
use keyledger_core::vault::Vault;
use keyledger_core::{clock, logging, Error};

use args::{Cli, Command};

/// Exit status for a runtime failure; clap uses 2 for usage errors.
const EXIT_RUNTIME: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::from(EXIT_RUNTIME);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::Core(err)) => {
            eprintln!("error: {err}");
            ExitCode::from(EXIT_RUNTIME)
        }
    }
}

enum Failure {
    Usage(String),
    Core(Error),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Core(err)
    }
}

async fn run(cli: Cli) -> Result<(), Failure> {
    let config = Config::resolve(cli.data_dir)?;
    logging::init(&config, "cli")?;
    let vault = Vault::open(&config, Actor::Cli, clock::now()).await?;
    match cli.command {
        Command::Add(a) => {
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
        }
        Command::List { json } => {
            vault.reconcile(clock::now()).await?;
            let list = vault.list().await?;
            if json {
                output::json(&list);
            } else {
                output::credential_table(&list, clock::now());
            }
        }
        Command::Show { id, json } => {
            let c = vault.resolve(&id).await?;
            if json {
                output::json(&c);
            } else {
                output::credential_details(&c, clock::now());
            }
        }
        Command::Reveal { id } => {
            let (_, secret) = vault.reveal(&id, clock::now()).await?;
            println!("{}", secret.expose());
        }
        Command::Rm { id, yes } => {
            let c = vault.resolve(&id).await?;
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
        }
        Command::Audit { json, limit } => {
            let events = vault.audit(limit).await?;
            if json {
                output::json(&events);
            } else {
                output::audit_table(&events);
            }
        }
    }
    vault.store().close().await;
    Ok(())
}
