//! `keyledger`: the vault from a terminal. Parses arguments, calls core, prints; nothing more.

mod alerts;
mod args;
mod check;
mod gateway;
mod keys;
mod limits;
mod logs;
mod meter;
mod moves;
mod output;
mod read_secret;
mod run;
mod spend;

use keyledger_core::text::printable;
use std::process::ExitCode;

use clap::Parser;
use keyledger_core::audit::Actor;
use keyledger_core::config::Config;
use keyledger_core::vault::Vault;
use keyledger_core::{clock, logging, Error};

use args::{Cli, Command};

type CmdResult = Result<(), Failure>;

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
            eprintln!("error: cannot start: {}", printable(&e.to_string(), true));
            return ExitCode::from(EXIT_RUNTIME);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {}", printable(&message, true));
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::Core(err)) => {
            let hint = match err {
                Error::Exists(_) => " (--force replaces it)",
                _ => "",
            };
            eprintln!("error: {}{hint}", printable(&err.to_string(), true));
            ExitCode::from(EXIT_RUNTIME)
        }
    }
}

/// Why a command failed: the user's invocation (exit 2) or the work itself (exit 1).
#[derive(Debug)]
pub enum Failure {
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
    let result = match cli.command {
        Command::Add(args) => keys::add(&vault, args).await,
        Command::List { json, profile } => keys::list(&vault, json, profile.as_deref()).await,
        Command::Show { id, json } => keys::show(&vault, &id, json).await,
        Command::Reveal { id } => keys::reveal(&vault, &id).await,
        Command::Rm { id, yes } => keys::rm(&vault, &id, yes).await,
        Command::Audit { json, limit } => keys::audit(&vault, json, limit).await,
        Command::Check {
            id,
            all: _,
            json,
            timeout,
        } => check::run(&vault, id.as_deref(), json, timeout).await,
        Command::Poll { json, timeout } => spend::poll(&vault, json, timeout).await,
        Command::Usage(args) => spend::usage(&vault, args).await,
        Command::Price(command) => spend::price(&vault, command).await,
        Command::Chart(args) => spend::chart(&vault, args).await,
        Command::Run {
            profile,
            only,
            maps,
            admin,
            meter,
            command,
        } => run::run(&vault, profile, only, maps, admin, meter, command).await,
        Command::ImportEnv {
            file,
            profile,
            dry_run,
            rewrite,
            json,
        } => keys::import_env(&vault, &file, profile.as_deref(), dry_run, rewrite, json).await,
        Command::Rotate {
            id,
            expires,
            remind_revoke,
            json,
        } => moves::rotate(&vault, &id, expires, remind_revoke, json).await,
        Command::Export { out, force, json } => moves::export(&vault, &out, force, json).await,
        Command::ImportBackup { file, json } => moves::import_backup(&vault, &file, json).await,
        Command::Profile(command) => moves::profile(&vault, command).await,
        Command::ImportLogs {
            claude,
            codex,
            json,
        } => logs::import(&vault, claude, codex, json).await,
        Command::LogSources(command) => logs::sources(&vault, command).await,
        Command::Alerts(args) => alerts::alerts(&vault, args).await,
        Command::Gateway { token: None, port } => gateway::serve(&vault, port).await,
        Command::Gateway {
            token: Some(args::GatewayCommand::Token(command)),
            port: _,
        } => gateway::token(&vault, command).await,
        Command::Limits { switch: None, json } => limits::show(&vault, json).await,
        Command::Limits {
            switch: Some(switch),
            json: _,
        } => limits::switch(&vault, switch).await,
        Command::Budget(command) => alerts::budget(&vault, command).await,
    };
    vault.store().close().await;
    result
}
