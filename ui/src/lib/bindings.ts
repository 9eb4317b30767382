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
