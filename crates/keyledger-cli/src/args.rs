//! The command line grammar of `keyledger`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use keyledger_core::config::DATA_DIR_ENV;
use keyledger_core::credential::{parse_date, Kind, Provider};

/// Keyledger: API keys in the system keychain, and what they cost.
#[derive(Debug, Parser)]
#[command(name = "keyledger", version, about)]
pub struct Cli {
    /// Data directory (default: the OS data directory, e.g. ~/.local/share/keyledger).
    #[arg(long, global = true, env = DATA_DIR_ENV, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a key. The key is read from standard input (hidden prompt on a terminal), never argv.
    Add(AddArgs),
    /// List stored keys, masked.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one key's details, masked.
    Show {
        /// The id, or the first characters of it.
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Print a key in clear on standard output (recorded in the audit log).
    Reveal {
        /// The id, or the first characters of it.
        id: String,
    },
    /// Delete a key from the keychain and Keyledger.
    Rm {
        /// The id, or the first characters of it.
        id: String,
        /// Do not ask for confirmation.
        #[arg(long, short)]
        yes: bool,
    },
    /// Show the audit log: adds, reveals, copies and deletions.
    Audit {
        #[arg(long)]
        json: bool,
        /// How many of the newest events to show.
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Provider (openai, anthropic, openrouter, gemini, groq, xai, deepseek, mistral, other);
    /// detected from the key when left out.
    #[arg(long, value_parser = parse_provider)]
    pub provider: Option<Provider>,
    /// A name for the key, e.g. "work laptop".
    #[arg(long)]
    pub label: String,
    /// api, admin or token; detected from the key when left out.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// A profile such as dev or prod.
    #[arg(long)]
    pub profile: Option<String>,
    /// Expiry date, YYYY-MM-DD (a JWT's own expiry is used when left out).
    #[arg(long, value_parser = parse_expiry, value_name = "YYYY-MM-DD")]
    pub expires: Option<NaiveDate>,
    /// Base URL of the API, for proxies and compatible gateways.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Free-form notes.
    #[arg(long)]
    pub notes: Option<String>,
}

fn parse_provider(s: &str) -> Result<Provider, String> {
    s.parse().map_err(|e: keyledger_core::Error| e.to_string())
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse().map_err(|e: keyledger_core::Error| e.to_string())
}

fn parse_expiry(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).map_err(|e| e.to_string())
}
