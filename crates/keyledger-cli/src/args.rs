//! The command line grammar of `keyledger`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use keyledger_core::chart::theme::Theme;
use keyledger_core::chart::{Dim, Granularity, Metric, RangeSpec};
use keyledger_core::config::DATA_DIR_ENV;
use keyledger_core::credential::{parse_date, Kind, Provider};
use keyledger_core::usage::GroupBy;

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
        /// Only the keys of this profile.
        #[arg(long)]
        profile: Option<String>,
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
    /// Ask the providers whether keys are still accepted (valid, invalid, rate limited, unreachable).
    Check {
        /// The id (or its first characters) of the key to check.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<String>,
        /// Check every stored key.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
        /// Seconds to wait for each provider.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
    },
    /// Poll every usage source once (admin keys' usage APIs) into the spend ledger.
    Poll {
        #[arg(long)]
        json: bool,
        /// Seconds to wait for each request.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// Show tokens and cost from the spend ledger (default: this month so far, by day).
    Usage(UsageArgs),
    /// Show or change token prices (USD per million tokens).
    #[command(subcommand)]
    Price(PriceCommand),
    /// Draw a chart of spend or tokens over time to an SVG or PNG file (or its data as CSV).
    Chart(ChartArgs),
    /// Run a program with your keys in its environment (OPENAI_API_KEY, …); nothing is printed.
    Run {
        /// Only the keys of this profile (default: the default profile, if one is set).
        #[arg(long)]
        profile: Option<String>,
        /// Only these providers, e.g. openai,anthropic.
        #[arg(long, value_delimiter = ',', value_name = "PROVIDER,...")]
        only: Vec<String>,
        /// Put this key under this name, e.g. OPENAI_API_KEY=0193a5b2 (repeatable).
        #[arg(long = "map", value_name = "VAR=ID")]
        maps: Vec<String>,
        /// Hand admin keys too (OPENAI_ADMIN_KEY, ANTHROPIC_ADMIN_KEY); without it an admin
        /// key goes in only when named with --map.
        #[arg(long)]
        admin: bool,
        /// Meter every request: the program talks to a gateway started for its life, with local
        /// tokens instead of the keys (revoked when it ends); run waits for it.
        #[arg(long)]
        meter: bool,
        /// The program and its arguments, after `--`.
        #[arg(last = true, required = true, value_name = "CMD")]
        command: Vec<std::ffi::OsString>,
    },
    /// Import the API keys of a .env file (values are never printed).
    ImportEnv {
        file: PathBuf,
        /// Put the keys in this profile.
        #[arg(long)]
        profile: Option<String>,
        /// Only say what would be imported.
        #[arg(long, conflicts_with = "rewrite")]
        dry_run: bool,
        /// Afterwards, replace each stored key's line in the file by a comment.
        #[arg(long)]
        rewrite: bool,
        #[arg(long)]
        json: bool,
    },
    /// Replace a key's secret with a new one read from standard input; the keychain item is
    /// updated in place and the old key's fingerprint kept in its history.
    Rotate {
        /// The id, or the first characters of it.
        id: String,
        /// The new key's expiry date, YYYY-MM-DD (the old expiry does not carry over).
        #[arg(long, value_parser = parse_expiry, value_name = "YYYY-MM-DD")]
        expires: Option<NaiveDate>,
        /// Alert a day later as a reminder to revoke the old key at the provider.
        #[arg(long)]
        remind_revoke: bool,
        #[arg(long)]
        json: bool,
    },
    /// Write every key, secret included, to a file encrypted with a passphrase (age, scrypt).
    /// The passphrase is asked twice on a terminal, or read from the first line of stdin.
    Export {
        /// The backup file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// Add the keys of an encrypted backup that are not stored yet (passphrase as for export).
    ImportBackup {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// List profiles, or set the default one (where new keys go; what `run` uses).
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Read Claude Code and Codex logs into the spend ledger (only what is new since last time).
    ImportLogs {
        /// Read this Claude Code projects folder instead of the configured sources (repeatable).
        #[arg(long = "claude", value_name = "DIR")]
        claude: Vec<PathBuf>,
        /// Read this Codex sessions folder instead of the configured sources (repeatable).
        #[arg(long = "codex", value_name = "DIR")]
        codex: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Show or change where agent logs are read from.
    #[command(subcommand)]
    LogSources(LogSourcesCommand),
    /// Run the alert rules and show the alerts that ask for attention (or all with --all).
    Alerts(AlertsArgs),
    /// Run the local metering gateway: programs talk to it instead of the provider, with a local
    /// token for a key; it forwards with the real key and records each answer's tokens. The
    /// first line printed is its base URL.
    Gateway {
        #[command(subcommand)]
        token: Option<GatewayCommand>,
        /// The port on 127.0.0.1 (and ::1); 0 picks a free one.
        #[arg(long, default_value_t = 8787)]
        port: u16,
    },
    /// Show how full your plans' 5-hour and weekly windows are (Codex, Claude) and when they
    /// reset; `limits enable claude` asks Claude for its own figures.
    Limits {
        #[command(subcommand)]
        switch: Option<LimitsSwitch>,
        #[arg(long)]
        json: bool,
    },
    /// Show, set or remove budgets (USD and/or tokens, per day or calendar month).
    #[command(subcommand)]
    Budget(BudgetCommand),
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AlertsArgs {
    #[command(subcommand)]
    pub action: Option<AlertAction>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Also show acknowledged and snoozed alerts.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Subcommand)]
pub enum AlertAction {
    /// Acknowledge an alert: it leaves the list and does not come back.
    Ack { id: i64 },
    /// Hide an alert for a while; it then asks for attention again.
    Snooze {
        id: i64,
        /// How long, in hours (1 to 720).
        #[arg(long, default_value_t = 24)]
        hours: i64,
    },
    /// No more rotation reminders for the key of this rotation alert (and acknowledge it).
    DontRemind { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// The profiles with their number of keys; the default one is marked.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show the default profile, set it to NAME, or clear it with --clear.
    Default {
        #[arg(conflicts_with = "clear")]
        name: Option<String>,
        /// No default: new keys go to "default", and `run` takes keys of every profile.
        #[arg(long)]
        clear: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LogSourcesCommand {
    /// List the folders read, and whether each agent is on.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Read this agent's logs (claude or codex).
    Enable { agent: String },
    /// Stop reading this agent's logs (what was read stays in the ledger).
    Disable { agent: String },
    /// Also read this folder for the agent.
    Add { agent: String, dir: String },
    /// Stop reading a folder added before.
    Rm { agent: String, dir: String },
}

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    /// List budgets with what was spent in the current period.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Set the budget of a scope and period (replacing one already set for them).
    Set {
        /// all, provider:NAME (e.g. provider:openai) or key:ID.
        scope: String,
        /// day or month (calendar month in your time zone).
        #[arg(long, default_value = "month")]
        period: String,
        /// The limit in USD, e.g. 50 or 12.50.
        #[arg(long, value_name = "USD")]
        usd: Option<String>,
        /// A token quota (input, output and cache tokens together).
        #[arg(long)]
        tokens: Option<i64>,
        /// Alert at these percentages (default: the alert settings', 50,80,100).
        #[arg(long, value_delimiter = ',', value_name = "PERCENT,...")]
        thresholds: Option<Vec<u32>>,
    },
    /// Remove a budget.
    Rm {
        /// The id, or its first characters.
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// The file to write: .svg, .png, or .csv for the data behind the chart.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// 7d, 30d, 90d, 12m (months), or YYYY-MM-DD..YYYY-MM-DD, in your time zone.
    #[arg(long, default_value = "30d", value_parser = parse_range)]
    pub range: RangeSpec,
    /// One series per provider, credential or model, or one for all (total).
    #[arg(long, default_value = "provider", value_parser = parse_dim)]
    pub by: Dim,
    /// cost (USD) or tokens (with --by total: input and output).
    #[arg(long, default_value = "cost", value_parser = parse_metric)]
    pub metric: Metric,
    /// Bar length: day, week or month (default: what fits the range).
    #[arg(long, value_parser = parse_granularity)]
    pub granularity: Option<Granularity>,
    /// Instead: this month's spend summed up day by day, against the all-keys monthly budget,
    /// with the pace to the month's end dashed.
    #[arg(long, conflicts_with_all = ["range", "by", "metric", "granularity"])]
    pub month_to_date: bool,
    /// light or dark.
    #[arg(long, default_value = "light", value_parser = parse_theme)]
    pub theme: Theme,
    #[arg(long, default_value_t = 1200)]
    pub width: u32,
    #[arg(long, default_value_t = 600)]
    pub height: u32,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

fn parse_range(s: &str) -> Result<RangeSpec, String> {
    s.parse().map_err(|e: keyledger_core::Error| e.to_string())
}

fn parse_dim(s: &str) -> Result<Dim, String> {
    s.parse().map_err(|e: keyledger_core::Error| e.to_string())
}

fn parse_metric(s: &str) -> Result<Metric, String> {
    s.parse().map_err(|e: keyledger_core::Error| e.to_string())
}

fn parse_theme(s: &str) -> Result<Theme, String> {
    s.parse().map_err(|e: keyledger_core::Error| e.to_string())
}

fn parse_granularity(s: &str) -> Result<Granularity, String> {
    match s {
        "day" => Ok(Granularity::Day),
        "week" => Ok(Granularity::Week),
        "month" => Ok(Granularity::Month),
        _ => Err(format!("'{s}' is not day, week or month")),
    }
}

#[derive(Debug, Args)]
pub struct UsageArgs {
    /// 7d, 30d, 90d, 12m or YYYY-MM-DD..YYYY-MM-DD (UTC days), instead of --from and --to.
    #[arg(long, value_parser = parse_range, conflicts_with_all = ["from", "to"])]
    pub range: Option<RangeSpec>,
    /// First day, YYYY-MM-DD (UTC; default: the first of this month).
    #[arg(long, value_parser = parse_expiry, value_name = "YYYY-MM-DD")]
    pub from: Option<NaiveDate>,
    /// Last day, YYYY-MM-DD, inclusive (default: today).
    #[arg(long, value_parser = parse_expiry, value_name = "YYYY-MM-DD")]
    pub to: Option<NaiveDate>,
    /// Group rows by hour (UTC; a finer view, not added to totals), day, provider, credential
    /// or model.
    #[arg(long, default_value = "day", value_parser = parse_group)]
    pub by: GroupBy,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV.
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Subcommand)]
pub enum PriceCommand {
    /// List known prices (vendored from LiteLLM, and your overrides).
    List {
        /// Only models whose name contains this text.
        filter: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set your own price for a model; past usage of that model is re-priced.
    Set {
        model: String,
        /// USD per million input tokens.
        #[arg(long)]
        input: String,
        /// USD per million output tokens.
        #[arg(long)]
        output: String,
        /// USD per million cached input tokens (default: the input price).
        #[arg(long)]
        cache_read: Option<String>,
        /// USD per million cache-write tokens (default: the input price).
        #[arg(long)]
        cache_write: Option<String>,
        /// The provider the model belongs to.
        #[arg(long, value_parser = parse_provider, default_value = "other")]
        provider: Provider,
    },
    /// Remove your price for a model (back to the vendored price, or unpriced).
    Unset { model: String },
    /// Make every price in a file your own: LiteLLM's model_prices_and_context_window.json or
    /// a Keyledger price table. One bad price refuses the whole file.
    Import {
        /// The JSON file.
        file: PathBuf,
    },
}

fn parse_group(s: &str) -> Result<GroupBy, String> {
    s.parse().map_err(|e: keyledger_core::Error| e.to_string())
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

#[derive(Debug, Subcommand)]
pub enum LimitsSwitch {
    /// Read Claude's own figures with Claude Code's login (off by default; polled at most every
    /// 5 minutes; the login is read when needed and never stored).
    Enable {
        /// Only `claude` has an endpoint to switch.
        source: String,
    },
    /// Stop asking Claude; its windows are estimated from Claude Code's logs instead.
    Disable { source: String },
}

#[derive(Debug, Subcommand)]
pub enum GatewayCommand {
    /// Issue a long-lived local token for key ID (printed once; only its hash is kept), or
    /// list and revoke them.
    Token(TokenArgs),
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct TokenArgs {
    #[command(subcommand)]
    pub action: Option<TokenCommand>,
    /// The key's id, or the first characters of it.
    pub id: Option<String>,
    #[arg(long)]
    pub label: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Issue a token (what `gateway token ID` does).
    #[command(hide = true)]
    Issue {
        id: String,
        #[arg(long)]
        label: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the live local tokens (never the tokens themselves).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a local token by its id.
    Rm { token_id: String },
}
