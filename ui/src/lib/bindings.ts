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
hint: string, created_at: string, expires_at: string | null, expires_source: ExpirySource | null, token_issuer: string | null, token_scope: string | null, status: Status, last_checked_at: string | null, notes: string, };

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

export type Action = "add" | "reveal" | "copy" | "delete" | "reconcile" | "check";

export type AuditEvent = { id: number, at: string, action: string, credential_id: string | null, label: string, 
/**
 * `ok`, or the error code of what went wrong.
 */
outcome: string, 
/**
 * `cli` or `app`.
 */
actor: string, };

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

export type ErrorPayload = { code: string, message: string, };

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
priced: boolean, };

export type UsageReport = { from: string, to: string, by: GroupBy, rows: Array<UsageRow>, total: UsageRow, };

export type ModelPrice = { model: string, provider: string, input: string, output: string, cache_read: string | null, cache_write: string | null, 
/**
 * `vendored` (LiteLLM) or `override` (set by the user).
 */
origin: string, };

export type PriceInput = { model: string, 
/**
 * The provider the model belongs to, e.g. `openai`.
 */
provider: string, input: string, output: string, cache_read: string | null, cache_write: string | null, };
