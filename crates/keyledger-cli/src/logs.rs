//! `import-logs` (Claude Code and Codex logs into the ledger, with a progress bar on a
//! terminal) and `log-sources` (which folders are read).

use std::io::IsTerminal;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use keyledger_core::agent_logs::{
    configured_dirs, ingest, load_sources, save_sources, Agent, IngestReport, SourceDir,
};
use keyledger_core::clock;
use keyledger_core::vault::Vault;

use crate::args::LogSourcesCommand;
use crate::{output, CmdResult, Failure};

pub async fn import(
    vault: &Vault,
    claude: Vec<PathBuf>,
    codex: Vec<PathBuf>,
    json: bool,
) -> CmdResult {
    let given = |agent, dirs: Vec<PathBuf>| {
        dirs.into_iter().map(move |path| SourceDir {
            agent,
            exists: path.is_dir(),
            path,
            default: false,
        })
    };
    let dirs: Vec<SourceDir> = if claude.is_empty() && codex.is_empty() {
        configured_dirs(&load_sources(vault.store()).await?)
    } else {
        given(Agent::ClaudeCode, claude)
            .chain(given(Agent::Codex, codex))
            .collect()
    };
    if let Some(missing) = dirs.iter().find(|d| !d.exists && !d.default) {
        return Err(Failure::Usage(format!(
            "{} is not a folder",
            missing.path.display()
        )));
    }
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {binary_bytes}/{binary_total_bytes} · {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let shown = bar.clone();
    let report = ingest(vault.store(), &dirs, clock::now(), move |p| {
        if let Some(bar) = &shown {
            bar.set_length(p.bytes_total);
            bar.set_position(p.bytes_done);
            bar.set_message(format!("{} of {} files", p.files_done, p.files_total));
        }
    })
    .await?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if json {
        output::json(&report);
    } else {
        summary(&report, &dirs);
    }
    crate::alerts::run_rules(vault).await
}

fn summary(r: &IngestReport, dirs: &[SourceDir]) {
    if dirs.iter().all(|d| !d.exists) {
        println!("No agent logs found (looked in {}).", list(dirs));
        return;
    }
    println!(
        "Read {} of {} files ({} bytes): {} new requests, {} already counted, {} malformed lines skipped.",
        r.files_read, r.files_seen, r.bytes_read, r.requests, r.duplicates, r.malformed_lines
    );
    if !r.unpriced_models.is_empty() {
        println!(
            "No price known for {} — their usage shows as unpriced (`keyledger price set` adds one).",
            r.unpriced_models.join(", ")
        );
    }
    for p in &r.problems {
        eprintln!("warning: {p}");
    }
}

fn list(dirs: &[SourceDir]) -> String {
    let names: Vec<String> = dirs.iter().map(|d| d.path.display().to_string()).collect();
    if names.is_empty() {
        "no folders: both agents are off".to_owned()
    } else {
        names.join(", ")
    }
}

fn agent(name: &str) -> Result<Agent, Failure> {
    Agent::parse(name)
        .ok_or_else(|| Failure::Usage(format!("'{name}' is not an agent; use claude or codex")))
}

pub async fn sources(vault: &Vault, command: LogSourcesCommand) -> CmdResult {
    let store = vault.store();
    let mut sources = load_sources(store).await?;
    let changed = match command {
        LogSourcesCommand::List { json } => {
            let dirs = configured_dirs(&sources);
            if json {
                output::json(&dirs);
            } else {
                for a in [Agent::ClaudeCode, Agent::Codex] {
                    let state = if sources.enabled(a) { "on" } else { "off" };
                    println!("{}: {state}", a.display_name());
                    for d in dirs.iter().filter(|d| d.agent == a) {
                        let how = if d.default { "default" } else { "added" };
                        let found = if d.exists { "" } else { " (not found)" };
                        println!("  {} [{how}]{found}", d.path.display());
                    }
                }
            }
            false
        }
        LogSourcesCommand::Enable { agent: a } => {
            sources.set_enabled(agent(&a)?, true);
            true
        }
        LogSourcesCommand::Disable { agent: a } => {
            sources.set_enabled(agent(&a)?, false);
            true
        }
        LogSourcesCommand::Add { agent: a, dir } => {
            sources.add_dir(agent(&a)?, &dir)?;
            true
        }
        LogSourcesCommand::Rm { agent: a, dir } => {
            sources.remove_dir(agent(&a)?, &dir)?;
            true
        }
    };
    if changed {
        save_sources(store, &sources, clock::now()).await?;
        eprintln!("Saved. `keyledger log-sources list` shows the folders read.");
    }
    Ok(())
}
