//! `keyledger run`: starts a program with the chosen keys in its environment — read from the
//! keychain once each, never printed, never written to a file — and becomes that program, so its
//! exit status, signals and standard streams are the program's own. With `--meter` the keys stay
//! home: see `crate::meter`.

use std::ffi::OsString;
use std::process::Command;

use keyledger_core::credential::Provider;
use keyledger_core::profiles;
use keyledger_core::run::{base_url_var, choose, parse_map, Choice};
use keyledger_core::vault::Vault;
use keyledger_core::{clock, Error};

use crate::{CmdResult, Failure};

pub async fn run(
    vault: &Vault,
    profile: Option<String>,
    only: Vec<String>,
    maps: Vec<String>,
    admin: bool,
    meter: bool,
    command: Vec<OsString>,
) -> CmdResult {
    let only = only
        .iter()
        .map(|p| p.trim().parse::<Provider>())
        .collect::<Result<Vec<_>, Error>>()?;
    let maps = maps
        .iter()
        .map(|m| parse_map(m))
        .collect::<Result<Vec<_>, Error>>()?;
    let profile = match profile {
        Some(p) => Some(p),
        None => profiles::default_profile(vault.store()).await?,
    };
    let choice = Choice {
        profile,
        only,
        maps,
        admin,
    };
    let handed = choose(&vault.list().await?, &choice)?;
    if handed.is_empty() {
        return Err(Failure::Core(Error::invalid(
            "no key matches; `keyledger list` shows your keys and their profiles",
        )));
    }
    let (program, args) = command
        .split_first()
        .ok_or_else(|| Failure::Usage("give the program to run after --".to_owned()))?;
    let name = std::path::Path::new(program)
        .file_name()
        .map_or_else(|| program.to_string_lossy(), |n| n.to_string_lossy())
        .into_owned();
    if meter {
        return crate::meter::run(vault, &handed, program, args, &name).await;
    }
    let credentials: Vec<_> = handed.iter().map(|h| h.credential.clone()).collect();
    let secrets = vault
        .secrets_for_run(&credentials, &name, clock::now())
        .await?;
    let mut cmd = Command::new(program);
    cmd.args(args);
    for (h, secret) in handed.iter().zip(&secrets) {
        for var in &h.vars {
            cmd.env(var, secret.expose());
        }
        if let (Some(var), Some(url)) = (
            base_url_var(h.credential.provider),
            h.credential.base_url.as_deref(),
        ) {
            cmd.env(var, url);
        }
    }
    vault.store().close().await;
    become_program(cmd, &name)
}

/// Replaces this process with the program (Unix): its exit status and signals are its own.
#[cfg(unix)]
fn become_program(mut cmd: Command, name: &str) -> CmdResult {
    use std::os::unix::process::CommandExt;
    let e = cmd.exec();
    Err(Failure::Core(Error::invalid(format!(
        "cannot start {name}: {e}"
    ))))
}

/// Elsewhere: runs the program and exits with its status.
#[cfg(not(unix))]
fn become_program(mut cmd: Command, name: &str) -> CmdResult {
    let status = cmd
        .status()
        .map_err(|e| Failure::Core(Error::invalid(format!("cannot start {name}: {e}"))))?;
    std::process::exit(status.code().unwrap_or(1));
}
