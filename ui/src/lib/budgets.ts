// Budgets and alert rules in the UI: parsing what is typed (checks that mirror keyledger-core's
// NewBudget::validate and AlertSettings::validated), and the words and tones of a budget's status.
// Money is handled as exact decimal strings and integer micro-dollars, never as float sums.
import type { AlertSettings, Budget, BudgetStatus, Credential, NewBudget, Provider } from './bindings';
import {
  MAX_EXPIRY_DAYS,
  MAX_ROTATION_DAYS,
  MAX_SPIKE_MULTIPLIER,
  MAX_THRESHOLD,
  MIN_SPIKE_MULTIPLIER,
} from './bindings';
import { formatCount, formatUsd } from './money';
import { longMonth } from './months';
import { PROVIDERS, providerName } from './providers';

export const DEFAULT_THRESHOLDS = [50, 80, 100];
// The limits come from Rust (keyledger_core::limits, through the generated bindings).
export { MAX_EXPIRY_DAYS, MAX_ROTATION_DAYS, MAX_SPIKE_MULTIPLIER, MAX_THRESHOLD, MIN_SPIKE_MULTIPLIER };

const MICROS_PER_USD = 1_000_000n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Rust rejects amounts of a trillion dollars and more. */
const TRILLION_MICROS = 1_000_000_000_000n * MICROS_PER_USD;

/** "50, 80, 100" — how number lists are written in the forms. */
export const formatList = (values: number[]): string => values.join(', ');

// ---------------------------------------------------------------------------------------------
// Parsing typed values

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** "1,234.50" → "1234.50"; commas are only accepted as thousands separators (never as a decimal comma). */
function ungroup(text: string): string | null {
  if (!text.includes(',')) return text;
  return /^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text) ? text.replace(/,/g, '') : null;
}

/**
 * A USD amount typed by the user ("$2.50", "1,000", ".5") as exact micro-dollars, or null when
 * it is not a plain non-negative decimal with at most six decimals.
 */
export function usdToMicros(raw: string): bigint | null {
  const text = ungroup(raw.trim().replace(/^\$\s*/, ''));
  if (text === null) return null;
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const frac = m[2] ?? '';
  if (frac.length > 6) return null;
  return BigInt(m[1] || '0') * MICROS_PER_USD + BigInt(frac.padEnd(6, '0'));
}

/** Micro-dollars as a USD decimal without the sign: 2500000 → "2.50", 1234567 → "1.234567", 0 → "0.00". */
export function microsToUsd(micros: number | bigint): string {
  const m = BigInt(micros);
  const negative = m < 0n;
  const abs = negative ? -m : m;
  const whole = (abs / MICROS_PER_USD).toString();
  const frac = (abs % MICROS_PER_USD).toString().padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** A whole number typed with optional thousands separators ("1,000,000", "1 000 000", "1_000_000"). */
function parseWhole(raw: string): number | null {
  const text = raw.trim().replace(/[,\s_]/g, '');
  if (!/^\d+$/.test(text)) return null;
  const n = BigInt(text);
  return n > MAX_SAFE ? null : Number(n);
}

/** A comma (or space) separated list of whole numbers, each optionally followed by `%`. */
function parseIntList(raw: string, unit: '%' | ''): number[] | null {
  const parts = raw
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const values: number[] = [];
  for (const part of parts) {
    const digits = unit === '%' ? part.replace(/%$/, '') : part;
    if (!/^\d+$/.test(digits)) return null;
    const n = Number(digits);
    if (!Number.isSafeInteger(n)) return null;
    values.push(n);
  }
  return values;
}

export const THRESHOLDS_MESSAGE = `Thresholds are percentages from 1 to ${MAX_THRESHOLD}, e.g. 50, 80, 100.`;

/** Budget thresholds: at least one percentage from 1 to 1000 (Rust sorts them and drops duplicates). */
export function parseThresholds(raw: string): Parsed<number[]> {
  const values = parseIntList(raw, '%');
  if (values === null || values.some((p) => p < 1 || p > MAX_THRESHOLD)) return fail(THRESHOLDS_MESSAGE);
  if (values.length === 0) return fail(`Give at least one threshold, e.g. 50, 80, 100.`);
  return ok(values);
}

/** A budget's USD limit: empty means none; otherwise a positive amount under a trillion dollars. */
export function parseBudgetUsd(raw: string): Parsed<string | null> {
  const text = raw.trim();
  if (text === '') return ok(null);
  if (text.startsWith('-')) return fail('The amount must be more than $0.');
  const micros = usdToMicros(text);
  if (micros === null) return fail('Give an amount in USD, e.g. 50 or 12.50 (at most 6 decimals).');
  if (micros <= 0n) return fail('The amount must be more than $0.');
  if (micros >= TRILLION_MICROS) return fail('The amount must be less than a trillion dollars.');
  return ok(plainUsd(text));
}

/** A valid typed amount as the plain decimal Rust reads: "$1,250." → "1250", ".5" → "0.5". */
function plainUsd(text: string): string {
  const plain = (ungroup(text.replace(/^\$\s*/, '')) ?? '').replace(/\.$/, '');
  return plain.startsWith('.') ? `0${plain}` : plain;
}

/** A budget's token quota: empty means none; otherwise a positive whole number. */
export function parseTokenQuota(raw: string): Parsed<number | null> {
  if (raw.trim() === '') return ok(null);
  const n = parseWhole(raw);
  if (n === null) return fail('Give a whole number of tokens, e.g. 1,000,000.');
  if (n <= 0) return fail('The token quota must be more than 0.');
  return ok(n);
}

// ---------------------------------------------------------------------------------------------
// The budget form

export type BudgetField = 'scope' | 'amount' | 'tokens' | 'limit' | 'thresholds';
export type BudgetErrors = Partial<Record<BudgetField, string>>;

export interface BudgetFormValues {
  scope: string;
  period: 'month' | 'day';
  amount: string;
  tokens: string;
  thresholds: string;
}

/** The stored form of a scope: `all`, `provider:openai`, `key:<id>`. */
export function scopeKey(scope: Budget['scope']): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'provider':
      return `provider:${scope.value}`;
    case 'credential':
      return `key:${scope.value}`;
  }
}

export function budgetForm(budget: Budget | null, thresholds: number[] = DEFAULT_THRESHOLDS): BudgetFormValues {
  if (!budget) return { scope: 'all', period: 'month', amount: '', tokens: '', thresholds: formatList(thresholds) };
  return {
    scope: scopeKey(budget.scope),
    period: budget.period,
    amount: budget.amount_usd === null ? '' : trimUsd(budget.amount_usd),
    tokens: budget.token_quota === null ? '' : formatCount(budget.token_quota),
    thresholds: formatList(budget.thresholds),
  };
}

/** "50.000000" → "50", "12.500000" → "12.50": a stored amount as one would type it. */
export function trimUsd(decimal: string): string {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m) return decimal;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac === '' ? m[1] : `${m[1]}.${frac.padEnd(2, '0')}`;
}

export function validateBudgetForm(v: BudgetFormValues): BudgetErrors {
  const errors: BudgetErrors = {};
  if (v.scope === '') errors.scope = 'Choose what the budget covers.';
  const amount = parseBudgetUsd(v.amount);
  const tokens = parseTokenQuota(v.tokens);
  if (!amount.ok) errors.amount = amount.error;
  if (!tokens.ok) errors.tokens = tokens.error;
  if (amount.ok && tokens.ok && amount.value === null && tokens.value === null) {
    errors.limit = 'Give an amount in USD, a token quota, or both.';
  }
  const thresholds = parseThresholds(v.thresholds);
  if (!thresholds.ok) errors.thresholds = thresholds.error;
  return errors;
}

/** The `input` of `budget_set`; call only once validateBudgetForm found nothing. */
export function toNewBudget(v: BudgetFormValues): NewBudget {
  const amount = parseBudgetUsd(v.amount);
  const tokens = parseTokenQuota(v.tokens);
  const thresholds = parseThresholds(v.thresholds);
  return {
    scope: v.scope,
    period: v.period,
    amount_usd: amount.ok ? amount.value : null,
    token_quota: tokens.ok ? tokens.value : null,
    thresholds: thresholds.ok ? thresholds.value : null,
  };
}

export interface ScopeOption {
  value: string;
  label: string;
}

export interface ScopeOptions {
  all: ScopeOption;
  providers: ScopeOption[];
  keys: ScopeOption[];
}

/** All keys, each provider with at least one stored key (in the usual order), and each key. */
export function scopeOptions(credentials: Credential[]): ScopeOptions {
  const have = new Set<Provider>(credentials.map((c) => c.provider));
  return {
    all: { value: 'all', label: 'All keys' },
    providers: PROVIDERS.filter((p) => have.has(p)).map((p) => ({ value: `provider:${p}`, label: providerName(p) })),
    keys: [...credentials]
      .sort((a, b) => a.label.localeCompare(b.label))
      .map((c) => ({ value: `key:${c.id}`, label: `${c.label} (${providerName(c.provider)})` })),
  };
}

// ---------------------------------------------------------------------------------------------
// A budget's status in words

/** "This month (November 2026)" for `2026-11`, "Today" for a day. */
export function periodText(s: Pick<BudgetStatus, 'period'> & { budget: Pick<Budget, 'period'> }): string {
  if (s.budget.period === 'day') return 'Today';
  const month = longMonth(s.period);
  return month ? `This month (${month})` : 'This month';
}

/** What a budget covers, capitalised: "All keys", "OpenAI", "Work laptop". */
export function coversText(s: Pick<BudgetStatus, 'label'>): string {
  return s.label === '' ? '—' : s.label.charAt(0).toUpperCase() + s.label.slice(1);
}

/** The kind of scope, in words, shown under what it covers. */
export function scopeKindText(scope: Budget['scope']): string {
  switch (scope.kind) {
    case 'all':
      return 'Every key';
    case 'provider':
      return 'Every key of this provider';
    case 'credential':
      return 'One key';
  }
}

/** "$50.00", "1,000,000 tokens" or "$50.00 · 1,000,000 tokens". */
export function limitText(b: Pick<Budget, 'amount_usd' | 'token_quota'>): string {
  const parts: string[] = [];
  if (b.amount_usd !== null) parts.push(formatUsd(b.amount_usd));
  if (b.token_quota !== null) parts.push(`${formatCount(b.token_quota)} tokens`);
  return parts.length === 0 ? '—' : parts.join(' · ');
}

const isZero = (decimal: string): boolean => /^\$?0*(\.0*)?$/.test(decimal.trim());

/**
 * The spend so far: the priced amount and whether part of it is unknown. An unpriced spend with
 * nothing priced has no amount (it is not $0).
 */
export function spentDisplay(s: Pick<BudgetStatus, 'spent_usd' | 'unpriced'>): {
  amount: string | null;
  unpriced: boolean;
} {
  if (s.unpriced && isZero(s.spent_usd)) return { amount: null, unpriced: true };
  return { amount: formatUsd(s.spent_usd), unpriced: s.unpriced };
}

export type Tone = 'ok' | 'warn' | 'danger';

/** Under 80 %: neutral; 80–99 %: amber; 100 % and more: danger. */
export function percentTone(percent: number): Tone {
  if (percent >= 100) return 'danger';
  if (percent >= 80) return 'warn';
  return 'ok';
}

/** The bar's width: the real share, capped at the full bar. */
export const barWidth = (percent: number): number => Math.max(0, Math.min(100, percent));

/** Compares two USD decimal strings exactly: negative, zero or positive like a comparator. */
export function compareUsd(a: string, b: string): number {
  const x = decimalMicros(a);
  const y = decimalMicros(b);
  if (x === null || y === null) return 0;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A decimal string from Rust (any number of decimals, truncated to micro-dollars). */
function decimalMicros(decimal: string): bigint | null {
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m) return null;
  const v = BigInt(m[2]) * MICROS_PER_USD + BigInt((m[3] ?? '').slice(0, 6).padEnd(6, '0'));
  return m[1] ? -v : v;
}

/** The month-end pace's tone: danger once over the limit, amber when the pace reaches it. */
export function forecastTone(
  s: Pick<BudgetStatus, 'forecast_usd' | 'percent'> & { budget: Pick<Budget, 'amount_usd'> },
): Tone {
  if (s.forecast_usd === null || s.budget.amount_usd === null) return 'ok';
  if (compareUsd(s.forecast_usd, s.budget.amount_usd) < 0) return 'ok';
  return s.percent >= 100 ? 'danger' : 'warn';
}

/** "Alerts at 50 · 80 · 100 %". */
export function thresholdsText(thresholds: number[]): string {
  return thresholds.length === 0 ? 'No alerts' : `Alerts at ${thresholds.join(' · ')} %`;
}

// ---------------------------------------------------------------------------------------------
// The alert rules form

export type RulesField = 'expiry' | 'thresholds' | 'rotation' | 'multiplier' | 'floor' | 'timezone';
export type RulesErrors = Partial<Record<RulesField, string>>;

export interface RulesFormValues {
  expiry: string;
  thresholds: string;
  rotation: string;
  multiplier: string;
  floor: string;
  timezone: string;
  notify: boolean;
  /** Also tell when a plan window that was at least half used resets. */
  planReset: boolean;
  /** How many keys have the rotation reminder off; set to 0 to turn it back on for all. */
  rotationOff: number;
}

export function rulesForm(s: AlertSettings): RulesFormValues {
  return {
    expiry: formatList(s.expiry_days),
    thresholds: formatList(s.budget_thresholds),
    rotation: String(s.rotation_days),
    multiplier: String(s.spike_multiplier),
    floor: microsToUsd(s.spike_floor_micros),
    timezone: s.time_zone ?? '',
    notify: s.notify,
    planReset: s.plan_reset,
    rotationOff: s.rotation_off.length,
  };
}

/** True when the two forms would save different settings (or differ in what is typed). */
export function rulesChanged(a: RulesFormValues, b: RulesFormValues): boolean {
  return (Object.keys(a) as (keyof RulesFormValues)[]).some((k) =>
    typeof a[k] === 'string' ? (a[k] as string).trim() !== (b[k] as string).trim() : a[k] !== b[k],
  );
}

function parseExpiry(raw: string): Parsed<number[]> {
  const values = parseIntList(raw, '');
  if (values === null || values.some((d) => d < 1 || d > MAX_EXPIRY_DAYS)) {
    return fail(`Expiry warnings are days from 1 to ${MAX_EXPIRY_DAYS}, e.g. 30, 7, 1.`);
  }
  return ok(values);
}

function parseRotation(raw: string): Parsed<number> {
  const n = parseWhole(raw);
  if (n === null || n > MAX_ROTATION_DAYS) {
    return fail(`Give a number of days from 0 to ${MAX_ROTATION_DAYS} (0 turns the reminder off).`);
  }
  return ok(n);
}

function parseMultiplier(raw: string): Parsed<number> {
  const n = parseWhole(raw.trim().replace(/[×x]$/i, ''));
  if (n === null || n < MIN_SPIKE_MULTIPLIER || n > MAX_SPIKE_MULTIPLIER) {
    return fail(`The multiplier is a whole number from ${MIN_SPIKE_MULTIPLIER} to ${MAX_SPIKE_MULTIPLIER}.`);
  }
  return ok(n);
}

function parseFloor(raw: string): Parsed<number> {
  if (/^\s*-/.test(raw)) return fail('The spike floor cannot be negative.');
  const micros = usdToMicros(raw);
  if (micros === null) return fail('Give an amount in USD, e.g. 1.00 (at most 6 decimals).');
  if (micros > MAX_SAFE) return fail('The amount is too large.');
  return ok(Number(micros));
}

function parseTimeZone(raw: string): Parsed<string | null> {
  const name = raw.trim();
  if (name === '') return ok(null);
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) {
    return fail('Use an IANA time zone name such as Europe/Berlin, or leave it empty for the system time zone.');
  }
  return ok(name);
}

export function validateRulesForm(v: RulesFormValues): RulesErrors {
  const parsed: Record<RulesField, Parsed<unknown>> = {
    expiry: parseExpiry(v.expiry),
    thresholds: parseThresholds(v.thresholds),
    rotation: parseRotation(v.rotation),
    multiplier: parseMultiplier(v.multiplier),
    floor: parseFloor(v.floor),
    timezone: parseTimeZone(v.timezone),
  };
  const errors: RulesErrors = {};
  for (const [field, p] of Object.entries(parsed) as [RulesField, Parsed<unknown>][]) {
    if (!p.ok) errors[field] = p.error;
  }
  return errors;
}

/**
 * The settings to store: the form's values over the loaded settings, so fields the form does not
 * show (the keys whose rotation reminder is off) are kept as they are. Call only once
 * validateRulesForm found nothing.
 */
export function toAlertSettings(v: RulesFormValues, base: AlertSettings): AlertSettings {
  const value = <T>(p: Parsed<T>, fallback: T): T => (p.ok ? p.value : fallback);
  return {
    ...base,
    expiry_days: value(parseExpiry(v.expiry), base.expiry_days),
    budget_thresholds: value(parseThresholds(v.thresholds), base.budget_thresholds),
    rotation_days: value(parseRotation(v.rotation), base.rotation_days),
    spike_multiplier: value(parseMultiplier(v.multiplier), base.spike_multiplier),
    spike_floor_micros: value(parseFloor(v.floor), base.spike_floor_micros),
    notify: v.notify,
    plan_reset: v.planReset,
    time_zone: value(parseTimeZone(v.timezone), base.time_zone),
    rotation_off: v.rotationOff === 0 ? [] : base.rotation_off,
  };
}

/** IANA zone names this runtime knows, for suggestions (empty where Intl cannot list them). */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}
