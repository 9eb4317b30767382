// Test data and IPC mocks shared by the tests: each builder takes the fields a test cares about.
import { mockIPC, type MockIPCOptions } from '@tauri-apps/api/mocks';
import type {
  Alert,
  AlertSettings,
  Budget,
  BudgetStatus,
  ChartData,
  Credential,
  Detection,
  IngestReport,
  Summary,
} from '../lib/bindings';

export function detection(over: Partial<Detection> = {}): Detection {
  return {
    provider: null,
    candidates: [],
    kind: null,
    prefix: '',
    hint: '••••••••',
    token: null,
    problem: null,
    ...over,
  };
}

export function credential(over: Partial<Credential> = {}): Credential {
  return {
    id: '0193a5b2-7c4d-7e8f-9a0b-123456789abc',
    provider: 'openai',
    kind: 'api',
    label: 'Work laptop',
    profile: 'default',
    base_url: null,
    hint: 'sk-proj-…a1B2',
    created_at: '2026-11-23T17:00:00Z',
    expires_at: null,
    expires_source: null,
    token_issuer: null,
    token_scope: null,
    status: 'unknown',
    last_checked_at: null,
    notes: '',
    rotated_at: null,
    ...over,
  };
}

/** A budget alert fired on 23 Nov 2026 at 10:00 local time, still active. */
export function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 1,
    rule: 'budget',
    scope: 'all',
    period: '2026-11',
    threshold: '80',
    credential_id: null,
    severity: 'warning',
    title: 'Monthly budget 80% used',
    body: '$40.00 of $50.00 spent in November.',
    fired_at: new Date(2026, 10, 23, 10, 0).toISOString(),
    acknowledged_at: null,
    snoozed_until: null,
    ...over,
  };
}

/** The default alert rules. */
export function alertSettings(over: Partial<AlertSettings> = {}): AlertSettings {
  return {
    expiry_days: [30, 7, 1],
    budget_thresholds: [50, 80, 100],
    rotation_days: 90,
    rotation_off: [],
    spike_multiplier: 3,
    spike_floor_micros: 1_000_000,
    notify: true,
    time_zone: null,
    plan_reset: false,
    ...over,
  };
}

/** $50 a month for all keys, alerting at 50, 80 and 100 %. */
export function budget(over: Partial<Budget> = {}): Budget {
  return {
    id: 'b1',
    scope: { kind: 'all' },
    period: 'month',
    amount_usd: '50.000000',
    token_quota: null,
    thresholds: [50, 80, 100],
    created_at: '2026-11-01T00:00:00Z',
    ...over,
  };
}

/** `budget(b)` in November 2026: $9 spent (18 %), no forecast. */
export function budgetStatus(over: Partial<BudgetStatus> = {}, b: Partial<Budget> = {}): BudgetStatus {
  return {
    budget: budget(b),
    label: 'all keys',
    period: '2026-11',
    spent_usd: '9.000000',
    unpriced: false,
    tokens: 0,
    percent: 18,
    forecast_usd: null,
    ...over,
  };
}

/** An agent-log import that read 3 of 120 files (4.2 MB): 57 new requests, 3 duplicates, 1 malformed line. */
export function ingestReport(over: Partial<IngestReport> = {}): IngestReport {
  return {
    at: '2026-11-24T12:00:00Z',
    first_day: '2026-11-20',
    last_day: '2026-11-23',
    files_seen: 120,
    files_read: 3,
    bytes_read: 4_200_000,
    requests: 57,
    duplicates: 3,
    plan_readings: 0,
    malformed_lines: 1,
    unpriced_models: [],
    problems: [],
    ...over,
  };
}

/** November 2026 so far: $12.34 today (part unpriced), $123.45 this month, on pace for $300. */
export function summary(over: Partial<Summary> = {}): Summary {
  return {
    time_zone: 'Europe/Berlin',
    has_usage: true,
    today: { micros: 12_340_000, unpriced: true },
    month: '2026-11',
    month_to_date: { micros: 123_450_000, unpriced: false },
    forecast_micros: 300_000_000,
    last_month_same_days: { micros: 100_000_000, unpriced: false },
    last_month_total: { micros: 180_000_000, unpriced: false },
    top_key: { key: 'key-1', label: 'Work laptop', micros: 80_000_000 },
    top_model: { key: 'gpt-5', label: 'gpt-5', micros: 70_000_000 },
    budget: { amount_micros: 200_000_000, spent_micros: 123_450_000, percent: 61 },
    ...over,
  };
}

/** Three days, two series: OpenAI on days 0 and 2, Anthropic on day 0 and unpriced usage on day 1. */
export function chartData(over: Partial<ChartData> = {}): ChartData {
  return {
    metric: 'cost',
    by: 'provider',
    granularity: 'day',
    from: '2026-11-10',
    to: '2026-11-12',
    time_zone: 'Europe/Berlin',
    buckets: [
      { start: '2026-11-10', end: '2026-11-10', label: '10 Nov' },
      { start: '2026-11-11', end: '2026-11-11', label: '11 Nov' },
      { start: '2026-11-12', end: '2026-11-12', label: '12 Nov' },
    ],
    series: [
      { key: 'openai', label: 'OpenAI', values: [1_230_000, 0, 500_000], unpriced: [false, false, false] },
      { key: 'anthropic', label: 'Anthropic', values: [2_000_000, 0, 0], unpriced: [false, true, false] },
    ],
    total: 3_730_000,
    any_unpriced: true,
    ...over,
  };
}

/** Answers one IPC command: what Rust would return (or throw). */
export type Handler = (cmd: string, args: unknown) => unknown;

export interface Call {
  cmd: string;
  args: unknown;
}

/** Mocks the IPC with `handler`; the list returned fills with every call made. */
export function recordIPC(handler: Handler, options?: MockIPCOptions): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return handler(cmd, args);
  }, options);
  return calls;
}

/**
 * Mocks the IPC so that each call of `cmd` waits until the test runs `pending[i]()`: it then fails with
 * "the database is busy", or answers `value` once `recover()` was called. Other commands answer null.
 */
export function heldIPC(cmd: string, value: unknown) {
  let fail = true;
  const pending: (() => void)[] = [];
  mockIPC((c) =>
    c === cmd
      ? new Promise((resolve, reject) =>
          pending.push(() => (fail ? reject({ code: 'storage', message: 'the database is busy' }) : resolve(value))),
        )
      : null,
  );
  return {
    pending,
    recover: () => {
      fail = false;
    },
  };
}
