// Generated from Rust by keyledger_core::bindings. Do not edit: run
// `KEYLEDGER_UPDATE_BINDINGS=1 cargo test -p keyledger-core --test bindings`.

export type Provider = "openai" | "anthropic" | "openrouter" | "gemini" | "groq" | "xai" | "deepseek" | "mistral" | "other";

export type Kind = "api" | "admin" | "token";

export type ExpirySource = "manual" | "token" | "provider";

export type Status = "pending" | "unknown" | "valid" | "invalid" | "secret_missing";

export type Credential = { id: string, provider: Provider, kind: Kind, label: string, profile: string, base_url: string | null, 
/**
 * The masked key, e.g. `sk-proj-…a1B2`.
 */
hint: string, created_at: string, expires_at: string | null, expires_source: ExpirySource | null, token_issuer: string | null, token_scope: string | null, status: Status, last_checked_at: string | null, notes: string, 
/**
 * When the secret was last replaced in place (`None`: never rotated).
 */
rotated_at: string | null, };

export type NewCredential = { 
/**
 * `None` means "detect from the key"; an ambiguous key then needs an explicit provider.
 */
provider: Provider | null, kind: Kind | null, label: string, profile: string | null, base_url: string | null, 
/**
 * A date (YYYY-MM-DD); the key counts as expired at the end of that day, UTC.
 */
expires_on: string | null, notes: string | null, };

export type TokenInfo = { expires_at: string | null, issued_at: string | null, issuer: string | null, scope: string | null, };

export type Detection = { provider: Provider | null, candidates: Array<Provider>, kind: Kind | null, 
/**
 * The public prefix that identified the key (kept in the masked hint).
 */
prefix: string, 
/**
 * The masked key as it will be listed.
 */
hint: string, token: TokenInfo | null, 
/**
 * Why the key cannot be stored as typed, if it cannot.
 */
problem: string | null, };

export type Action = "add" | "reveal" | "copy" | "delete" | "reconcile" | "check" | "run" | "rotate" | "export" | "restore" | "token_issue" | "token_revoke";

export type AuditEvent = { id: number, at: string, action: string, credential_id: string | null, label: string, 
/**
 * `ok`, or the error code of what went wrong.
 */
outcome: string, 
/**
 * `cli` or `app`.
 */
actor: string, 
/**
 * What it was about beyond the key (the command a `run` started), if anything.
 */
detail: string | null, };

export type ReconcileReport = { 
/**
 * Credentials whose keychain item has disappeared (now `secret_missing`).
 */
missing: Array<string>, 
/**
 * Credentials whose keychain item is back.
 */
restored: Array<string>, 
/**
 * Interrupted adds that were completed (the keychain item was written).
 */
completed: number, 
/**
 * Interrupted adds that were dropped (the keychain item was never written).
 */
dropped: number, };

export type ErrorPayload = { 
/**
 * One of [`CODES`].
 */
code: ErrorCode, message: string, credential_id?: string, };

export type CheckStatus = "valid" | "invalid" | "rate_limited" | "unreachable" | "unsupported";

export type Probe = { status: CheckStatus, http_status: number | null, latency_ms: number, message: string, 
/**
 * The latest rate-limit headers of the answer (`x-ratelimit-*`, `anthropic-ratelimit-*`,
 * `retry-after`), when present.
 */
rate_limits: { [key in string]: string }, };

export type CheckOutcome = { credential: Credential, probe: Probe, };

export type PollStatus = "ok" | "failed" | "skipped";

export type SourceOutcome = { source: string, credential_id: string, label: string, provider: Provider, status: PollStatus, 
/**
 * Buckets written (new or updated).
 */
buckets: number, message: string, };

export type PollProgress = { done: number, total: number, outcome: SourceOutcome, };

export type PollState = { source: string, credential_id: string, cursor: string | null, last_attempt_at: string | null, last_success_at: string | null, last_error: string | null, };

export type GroupBy = "hour" | "day" | "provider" | "credential" | "model";

export type UsageRow = { 
/**
 * The group: an hour (`2026-11-22T14:00:00Z`, UTC), a date (YYYY-MM-DD), a provider, a
 * credential label or a model.
 */
key: string, input_tokens: number, output_tokens: number, cached_tokens: number, cache_write_tokens: number, reasoning_tokens: number, requests: number, 
/**
 * The priced part of the cost in USD as an exact decimal string; `None` when none of the
 * usage in the row has a known price (unknown, not $0).
 */
cost_usd: string | null, 
/**
 * False when some of the usage in this row has no known price (its cost is missing).
 */
priced: boolean, 
/**
 * On the days a provider billed (its cost report), what the agent logs estimated for that
 * provider: shown beside the bill, never added to `cost_usd`. `None` when there is none.
 */
estimate_usd: string | null, 
/**
 * What the provider billed on those same days (part of `cost_usd`).
 */
billed_usd: string | null, 
/**
 * The estimate's drift from the bill in percent, signed, one decimal (`"+4.2"`).
 */
drift_pct: string | null, 
/**
 * What token prices say for usage in this row that a provider's bill covers without
 * naming it: counted as part of the bill (not in `cost_usd` again), shown as an estimate.
 */
in_bill_estimate_usd: string | null, };

export type UsageReport = { from: string, to: string, by: GroupBy, rows: Array<UsageRow>, total: UsageRow, };

export type ModelPrice = { model: string, provider: string, input: string, output: string, cache_read: string | null, cache_write: string | null, 
/**
 * Where the price came from: the LiteLLM release (`litellm 1.80.0`) or `override` (set
 * by the user).
 */
source: string, };

export type PriceInput = { model: string, 
/**
 * The provider the model belongs to, e.g. `openai`.
 */
provider: string, input: string, output: string, cache_read: string | null, cache_write: string | null, };

export type Rule = "expiry" | "budget" | "forecast" | "quota" | "rotation" | "invalid" | "spike" | "revoke_old" | "plan_window";

export type Severity = "info" | "warning" | "critical";

export type Alert = { id: number, rule: Rule, scope: string, period: string, threshold: string, credential_id: string | null, severity: Severity, title: string, body: string, fired_at: string, acknowledged_at: string | null, snoozed_until: string | null, };

export type AlertSettings = { 
/**
 * Warn this many days before a key expires (and again once it has expired).
 */
expiry_days: Array<number>, 
/**
 * Thresholds (percent) of a new budget, and of provider-side caps.
 */
budget_thresholds: Array<number>, 
/**
 * Remind to rotate keys older than this; 0 turns the rule off.
 */
rotation_days: number, 
/**
 * Keys for which the rotation reminder is off.
 */
rotation_off: Array<string>, 
/**
 * A day costs more than this many times the trailing 14-day mean…
 */
spike_multiplier: number, 
/**
 * …and more than this (micro-dollars): a spike.
 */
spike_floor_micros: number, 
/**
 * False = "do not notify": alerts still show in the alert centre.
 */
notify: boolean, 
/**
 * An IANA time zone for days and months (`None` = the system's).
 */
time_zone: string | null, 
/**
 * Also tell when a plan window that was at least half used has reset.
 */
plan_reset: boolean, };

export type BudgetScope = { "kind": "all" } | { "kind": "provider", "value": Provider } | { "kind": "credential", "value": string };

export type BudgetPeriod = "day" | "month";

export type Budget = { id: string, scope: BudgetScope, period: BudgetPeriod, 
/**
 * The limit in USD as an exact decimal string, if there is one.
 */
amount_usd: string | null, token_quota: number | null, 
/**
 * Percentages at which it alerts, ascending.
 */
thresholds: Array<number>, created_at: string, };

export type NewBudget = { 
/**
 * `all`, `provider:NAME` or `key:ID`.
 */
scope: string, 
/**
 * `day` or `month`.
 */
period: string, 
/**
 * USD, e.g. `50` or `12.50`.
 */
amount_usd: string | null, token_quota: number | null, 
/**
 * Percentages; `None` = the settings' defaults.
 */
thresholds: Array<number> | null, };

export type BudgetStatus = { budget: Budget, 
/**
 * What it covers, in words: "all keys", "OpenAI", a key's label.
 */
label: string, 
/**
 * The current period: `2026-11` or `2026-11-24`.
 */
period: string, spent_usd: string, 
/**
 * Some usage in the period has no known price: the spend is a lower bound.
 */
unpriced: boolean, tokens: number, 
/**
 * Share of the USD limit (or, without one, of the token quota) used, in percent.
 */
percent: number, 
/**
 * The month-end spend at this pace (monthly budgets with a USD limit, after a few days).
 */
forecast_usd: string | null, };

export type Agent = "claude-code" | "codex";

export type LogSources = { claude_code: boolean, codex: boolean, 
/**
 * Extra folders to read, besides the defaults.
 */
extra_claude_code: Array<string>, extra_codex: Array<string>, };

export type SourceDir = { agent: Agent, path: string, 
/**
 * Found by default (not added by the user).
 */
default: boolean, exists: boolean, };

export type LogSourcesView = { settings: LogSources, dirs: Array<SourceDir>, 
/**
 * The latest read that counted requests, by the window or the CLI; none before the first.
 */
last: IngestReport | null, };

export type IngestReport = { 
/**
 * When the pass ended (absent in a report of a version that did not say).
 */
at: string | null, 
/**
 * The UTC days of the first and last request counted for the first time, so a view can
 * offer to show that period.
 */
first_day: string | null, last_day: string | null, files_seen: number, 
/**
 * Files that had new bytes (or were re-read because they shrank or were replaced).
 */
files_read: number, bytes_read: number, 
/**
 * Requests counted for the first time.
 */
requests: number, 
/**
 * Requests already counted (the same message logged again).
 */
duplicates: number, 
/**
 * Plan-window readings seen (Codex's 5-hour and weekly limits), new or not.
 */
plan_readings: number, 
/**
 * Lines that are not JSON (skipped; a torn last line waits for the next pass instead).
 */
malformed_lines: number, 
/**
 * Models with no known price: their usage is counted, its cost shown as unpriced.
 */
unpriced_models: Array<string>, 
/**
 * Files or folders that could not be read, with why.
 */
problems: Array<string>, };

export type PlanSource = "codex" | "claude";

export type PlanOrigin = "log" | "endpoint" | "estimate";

export type Block = { start: string, end: string, tokens: number, requests: number, cost_micros: number, unpriced: boolean, 
/**
 * The start of its last hour with requests.
 */
last_hour: string, 
/**
 * The block's time is not over yet.
 */
active: boolean, 
/**
 * Claude said its limit was reached in this block; when it resets, as Claude said.
 */
limit_resets_at: string | null, };

export type Point = { at: string, used_percent: number, };

export type PlanWindow = { source: PlanSource, window: string, window_minutes: number | null, 
/**
 * How full the window is, 0–100, as the provider said; none for an estimate.
 */
used_percent: number | null, out_of_range: boolean, resets_at: string | null, observed_at: string, origin: PlanOrigin, plan: string | null, 
/**
 * The window reset after the figure was seen ("reset since; waiting for new data").
 */
stale: boolean, 
/**
 * For an estimate: the 5-hour block it comes from.
 */
block: Block | null, 
/**
 * How the window filled over its current period, oldest first (at most [`HISTORY_POINTS`]).
 */
history: Array<Point>, 
/**
 * At the pace of its last readings, when the window is full, if that is before it resets.
 */
full_at: string | null, };

export type EndpointStatus = { enabled: boolean, last_success_at: string | null, next_poll_at: string | null, problem: string | null, };

export type PlanView = { windows: Array<PlanWindow>, claude: EndpointStatus, };

export type IngestProgress = { files_done: number, files_total: number, bytes_done: number, bytes_total: number, };

export type RotateOptions = { 
/**
 * The new key's expiry (YYYY-MM-DD), when the provider gave it one. A JWT's own expiry is
 * read from it; the old key's expiry never carries over.
 */
expires_on: string | null, 
/**
 * Raise an alert a day later reminding to revoke the old key at the provider.
 */
remind_revoke: boolean, };

export type RotateOutcome = { credential: Credential, 
/**
 * The masked form of the key that was replaced.
 */
old_hint: string, };

export type Rotation = { id: number, credential_id: string, 
/**
 * The masked form of the key that was replaced.
 */
old_hint: string, new_hint: string, rotated_at: string, 
/**
 * The user asked to be reminded to revoke the old key.
 */
remind_revoke: boolean, };

export type EnvOutcome = { "outcome": "added", id: string, label: string, hint: string, } | { "outcome": "would_add", label: string, hint: string, } | { "outcome": "duplicate", label: string, } | { "outcome": "skipped", why: string, };

export type LineReport = { line: number, var: string, } & ({ "outcome": "added", id: string, label: string, hint: string, } | { "outcome": "would_add", label: string, hint: string, } | { "outcome": "duplicate", label: string, } | { "outcome": "skipped", why: string, });

export type ExportReport = { 
/**
 * Keys in the backup.
 */
written: number, 
/**
 * Labels of keys left out because the keychain no longer holds their secret.
 */
missing: Array<string>, path: string, };

export type Restored = { "outcome": "added", id: string, label: string, hint: string, } | { "outcome": "skipped", label: string, existing: string, } | { "outcome": "rotated_away", label: string, existing: string, rotated_at: string, } | { "outcome": "failed", label: string, message: string, };

export type RestoreReport = { 
/**
 * When the backup was made.
 */
created_at: string, keys: Array<Restored>, };

export type ProfileSummary = { name: string, keys: number, is_default: boolean, };

export type Profiles = { 
/**
 * The default profile as set, or `None` (keys then go to "default", and `run` takes all).
 */
default: string | null, 
/**
 * Every profile with keys, plus the default one even while it has none; by name.
 */
profiles: Array<ProfileSummary>, };

export type Metric = "cost" | "tokens";

export type Dim = "total" | "provider" | "credential" | "model";

export type Granularity = "day" | "week" | "month";

export type RangeSpec = { "kind": "days", days: number, } | { "kind": "months", months: number, } | { "kind": "custom", from: string, to: string, };

export type ChartSpec = { range: RangeSpec, by: Dim, metric: Metric, granularity: Granularity | null, };

export type Bucket = { start: string, 
/**
 * The last day, inclusive.
 */
end: string, 
/**
 * `12 Nov`, `w/c 10 Nov`, `Nov 2026`.
 */
label: string, };

export type Series = { 
/**
 * The group's identity (a provider, credential id, model) or `other`, `input`, `output`.
 */
key: string, label: string, 
/**
 * Micro-dollars or tokens, per bucket.
 */
values: Array<number>, 
/**
 * Per bucket: some of the usage has no known price, so the cost is a lower bound (or
 * unknown when the value is 0) — never read as $0.
 */
unpriced: Array<boolean>, };

export type ChartData = { metric: Metric, by: Dim, granularity: Granularity, from: string, to: string, 
/**
 * The IANA zone whose calendar the buckets follow.
 */
time_zone: string, buckets: Array<Bucket>, 
/**
 * Largest first; groups beyond the first few are summed as "Other".
 */
series: Array<Series>, total: number, 
/**
 * Some usage in the range has no known price.
 */
any_unpriced: boolean, };

export type MonthToDate = { 
/**
 * `2026-11`.
 */
month: string, time_zone: string, 
/**
 * Every day of the month.
 */
days: Array<string>, 
/**
 * Spend summed up to each day so far; `null` for days to come.
 */
actual: Array<number | null>, 
/**
 * From today to the month's end at the pace so far; `null` before today, or all `null`
 * in the first days, when there is no pace yet.
 */
forecast: Array<number | null>, budget_micros: number | null, spent_micros: number, forecast_micros: number | null, any_unpriced: boolean, };

export type Theme = "light" | "dark";

export type Look = { width: number, height: number, theme: Theme, title: string | null, };

export type Amount = { micros: number, unpriced: boolean, };

export type Top = { 
/**
 * A credential id (or provider-side account), or the model.
 */
key: string, label: string, micros: number, };

export type BudgetCard = { amount_micros: number, spent_micros: number, 
/**
 * Whole percent, rounded down.
 */
percent: number, };

export type Summary = { time_zone: string, 
/**
 * Whether the ledger holds any usage at all (else the window shows how to get some).
 */
has_usage: boolean, today: Amount, 
/**
 * `2026-11`.
 */
month: string, month_to_date: Amount, 
/**
 * At this pace, the month's spend; `None` in its first days.
 */
forecast_micros: number | null, 
/**
 * Last month, from its first day to the same day of the month as today.
 */
last_month_same_days: Amount, last_month_total: Amount, top_key: Top | null, top_model: Top | null, budget: BudgetCard | null, };

export type Sparkline = { credential_id: string, values: Array<number>, total: number, 
/**
 * Some of the key's usage has no known price: the total is a lower bound (or unknown at 0).
 */
unpriced: boolean, };

export type BarsView = { data: ChartData, 
/**
 * `#rrggbb` per series, in the order of `data.series`.
 */
colors: Array<string>, svg: string, };

export type MonthView = { data: MonthToDate, svg: string, };

export type GatewaySettings = { enabled: boolean, port: number, };

export type GatewayStatus = { started_at: string, 
/**
 * Every request that reached the gateway.
 */
requests: number, 
/**
 * Answers whose tokens were read and recorded.
 */
metered: number, 
/**
 * Answers from a usage-reporting endpoint whose usage could not be read (broken JSON or
 * SSE): forwarded untouched, recorded with unknown tokens.
 */
malformed: number, 
/**
 * Answers the client left (or the provider broke off) before their usage came: recorded
 * with unknown tokens.
 */
cut_short: number, 
/**
 * Requests the gateway refused itself.
 */
refused: number, 
/**
 * Error answers from the provider, passed through unchanged.
 */
upstream_errors: number, };

export type LimitFigure = { 
/**
 * What is limited: "requests", "tokens", "input tokens" or "output tokens".
 */
what: string, remaining: number, limit: number, 
/**
 * When the provider said the figure starts again, if it said.
 */
resets_at: string | null, };

export type KeyTraffic = { 
/**
 * None for a key not stored here (passed through, recorded by its masked form).
 */
credential_id: string | null, label: string, provider: Provider, requests: number, 
/**
 * Input, output and cache tokens.
 */
tokens: number, 
/**
 * What the priced requests cost, micro-dollars.
 */
cost_micros: number, 
/**
 * Requests whose cost is unknown: an unpriced model, or tokens the answer did not give.
 */
unpriced_requests: number, limits: Array<LimitFigure>, 
/**
 * When the figures were seen.
 */
limits_seen_at: string | null, };

export type GatewayView = { settings: GatewaySettings, 
/**
 * The base URL to paste into tools, while the gateway runs.
 */
url: string | null, 
/**
 * Why the gateway is not running although it is switched on.
 */
problem: string | null, 
/**
 * How it has fared since it started, while it runs.
 */
status: GatewayStatus | null, 
/**
 * Today's traffic per key (the user's local day), busiest first; then keys with rate-limit
 * figures but no traffic today.
 */
keys: Array<KeyTraffic>, };

export type BundledPrices = { 
/**
 * Where it comes from and under which licence, in one sentence.
 */
source: string, 
/**
 * The LiteLLM releases it was built from, newest first.
 */
releases: Array<string>, models: number, 
/**
 * The licence's whole text.
 */
licence: string, };

export type About = { version: string, 
/**
 * The folder holding the database, the logs and the settings.
 */
data_dir: string, database: string, prices: BundledPrices, };

/**
 * The code of an ErrorPayload: what the window switches on, never the message. "unknown" is
 * the window's own, for a rejection that did not come from Keyledger.
 */
export type ErrorCode = "invalid_input" | "not_found" | "ambiguous_id" | "duplicate" | "keychain_unavailable" | "keychain_locked" | "secret_missing" | "database" | "provider" | "io" | "exists" | "wrong_passphrase" | "damaged_backup" | "newer_database" | "unknown";

// The limits Rust checks inputs against (keyledger_core::limits).
export const MAX_SECRET_BYTES = 16384;
export const MAX_LABEL_CHARS = 100;
export const MAX_PROFILE_CHARS = 40;
export const MAX_NOTES_CHARS = 2000;
export const MAX_THRESHOLD = 1000;
export const MAX_EXPIRY_DAYS = 365;
export const MAX_ROTATION_DAYS = 3650;
export const MIN_SPIKE_MULTIPLIER = 2;
export const MAX_SPIKE_MULTIPLIER = 100;
export const MIN_PASSPHRASE_CHARS = 12;
