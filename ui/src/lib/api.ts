// Every call the UI makes into the Rust side goes through this module.
// Command and argument names must match the `#[tauri::command]` functions exactly.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { askedOrAsk } from './first';
import type {
  About,
  Alert,
  AlertSettings,
  AuditEvent,
  Budget,
  BudgetStatus,
  BarsView,
  ChartSpec,
  Look,
  MonthView,
  Sparkline,
  Summary,
  IngestProgress,
  IngestReport,
  LineReport,
  LogSources,
  LogSourcesView,
  CheckOutcome,
  Credential,
  Detection,
  ErrorPayload,
  ExportReport,
  GroupBy,
  ModelPrice,
  NewBudget,
  NewCredential,
  PollProgress,
  PollState,
  PriceInput,
  PlanView,
  GatewaySettings,
  GatewayView,
  Profiles,
  ReconcileReport,
  RestoreReport,
  RotateOptions,
  RotateOutcome,
  Rotation,
  SourceOutcome,
  UsageReport,
} from './bindings';

/** True for the `{ code, message }` object every Keyledger command rejects with. */
export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).code === 'string' &&
    typeof (value as Record<string, unknown>).message === 'string'
  );
}

export const GENERIC_ERROR = 'Something went wrong talking to Keyledger. Please try again.';

/** Turns any rejection into an ErrorPayload; unknown shapes get a generic message. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (isErrorPayload(err)) {
    const id = (err as { credential_id?: unknown }).credential_id;
    return typeof id === 'string' ? { code: err.code, message: err.message, credential_id: id } : { code: err.code, message: err.message };
  }
  return { code: 'unknown', message: GENERIC_ERROR };
}

export const api = {
  listCredentials: (): Promise<Credential[]> => askedOrAsk<Credential[]>('list_credentials'),

  detectKey: (secret: string): Promise<Detection> => invoke<Detection>('detect_key', { secret }),

  addCredential: (secret: string, input: NewCredential): Promise<Credential> =>
    invoke<Credential>('add_credential', { secret, input }),

  revealSecret: (id: string): Promise<string> => invoke<string>('reveal_secret', { id }),

  copySecret: (id: string): Promise<null> => invoke<null>('copy_secret', { id }),

  deleteCredential: (id: string): Promise<null> => invoke<null>('delete_credential', { id }),

  auditLog: (limit: number): Promise<AuditEvent[]> => invoke<AuditEvent[]>('audit_log', { limit }),

  reconcile: (): Promise<ReconcileReport> => askedOrAsk<ReconcileReport>('reconcile'),

  /** Asks the provider whether the key is still accepted; returns the updated credential. */
  checkCredential: (id: string): Promise<CheckOutcome> => invoke<CheckOutcome>('check_credential', { id }),

  /** One pass over every usage source (emits `poll-progress` while it runs). */
  pollNow: (): Promise<SourceOutcome[]> => invoke<SourceOutcome[]>('poll_now'),

  pollStatus: (): Promise<PollState[]> => invoke<PollState[]>('poll_status'),

  /** `from` and `to` are inclusive UTC days, YYYY-MM-DD. */
  usageReport: (from: string, to: string, by: GroupBy): Promise<UsageReport> =>
    invoke<UsageReport>('usage_report', { from, to, by }),

  /** Every known price (USD per million tokens, decimal strings): LiteLLM's table with the user's prices on top. */
  listPrices: (): Promise<ModelPrice[]> => invoke<ModelPrice[]>('price_list'),

  /** Sets the user's price of a model; resolves to the number of usage buckets re-priced. */
  setPrice: (input: PriceInput): Promise<number> => invoke<number>('price_set', { input }),

  /** Removes the user's price of a model; resolves to the number of usage buckets re-priced. */
  unsetPrice: (model: string): Promise<number> => invoke<number>('price_unset', { model }),

  /** Alerts newest first: those asking for attention, or (all) every one ever shown. */
  listAlerts: (all: boolean): Promise<Alert[]> => invoke<Alert[]>('alert_list', { all }),

  /** Acknowledges an alert: it leaves the active list for good. */
  ackAlert: (id: number): Promise<Alert> => invoke<Alert>('alert_ack', { id }),

  /** Hides an alert for `hours` (1–720); it then asks for attention (and notifies) again. */
  snoozeAlert: (id: number, hours: number): Promise<Alert> => invoke<Alert>('alert_snooze', { id, hours }),

  /** Turns the rotation reminder off for the key a rotation alert is about, and acknowledges it. */
  rotationReminderOff: (id: number): Promise<Alert> => invoke<Alert>('alert_rotation_off', { id }),

  /** Every budget with what was spent in its current period. */
  listBudgets: (): Promise<BudgetStatus[]> => invoke<BudgetStatus[]>('budget_list'),

  /** Sets the budget of a scope and period (replacing one set for them); the rules run at once. */
  setBudget: (input: NewBudget): Promise<Budget> => invoke<Budget>('budget_set', { input }),

  removeBudget: (id: string): Promise<Budget> => invoke<Budget>('budget_remove', { id }),

  alertSettings: (): Promise<AlertSettings> => invoke<AlertSettings>('alert_settings'),

  /** Reads what is new in the agent logs now (emits `ingest-progress` while it runs). */
  importLogs: (): Promise<IngestReport> => invoke<IngestReport>('logs_import'),

  /** Where agent logs are read from: the settings and the folders they resolve to. */
  logSources: (): Promise<LogSourcesView> => invoke<LogSourcesView>('log_sources'),

  /** Stores the sources (added folders must be absolute and exist), then watches and reads them. */
  setLogSources: (settings: LogSources): Promise<LogSourcesView> =>
    invoke<LogSourcesView>('log_sources_set', { settings }),

  /** Whether Keyledger starts when the user logs in. */
  startAtLogin: (): Promise<boolean> => invoke<boolean>('start_at_login'),

  /** Turns start-at-login on or off; resolves to the new state. */
  setStartAtLogin: (enabled: boolean): Promise<boolean> => invoke<boolean>('set_start_at_login', { enabled }),

  /** Ends Keyledger (closing the window leaves it running in the tray). */
  quit: (): Promise<null> => invoke<null>('quit'),

  /** Keyledger's version, data folder, and the price table it bundles with its licence. */
  about: (): Promise<About> => invoke<About>('about'),

  /** Stores the alert rules' settings (checked and tidied by Rust) and runs the rules under them. */
  setAlertSettings: (settings: AlertSettings): Promise<AlertSettings> =>
    invoke<AlertSettings>('alert_settings_set', { settings }),

  /**
   * Replaces a key's secret in place (same id, usage history and budgets; its age restarts).
   * Rejects with `invalid_input` when the new key is the one already held or belongs to another
   * provider, and `duplicate` when another stored key holds it.
   */
  rotateCredential: (id: string, secret: string, options: RotateOptions): Promise<RotateOutcome> =>
    invoke<RotateOutcome>('rotate_credential', { id, secret, options }),

  /** The rotations of a key, newest first (masked hints only). */
  rotationHistory: (id: string): Promise<Rotation[]> => invoke<Rotation[]>('rotation_history', { id }),

  /**
   * What importing a .env file would do, line by line (a dry run: nothing is written). `path` must be
   * absolute or start with `~/`; `profile` null means the default profile. Never returns a value.
   */
  envPreview: (path: string, profile: string | null): Promise<LineReport[]> =>
    invoke<LineReport[]>('env_preview', { path, profile }),

  /** Imports the keys of a .env file into the keychain; resolves to what happened to each line. */
  envImport: (path: string, profile: string | null): Promise<LineReport[]> =>
    invoke<LineReport[]>('env_import', { path, profile }),

  /**
   * After an import, or a preview whose keys are all stored already: replaces the lines of the stored
   * keys by comments, or (`del`) deletes the file.
   * Resolves to the number of lines replaced (0 when the file was deleted).
   */
  envCleanup: (path: string, del: boolean): Promise<number> => invoke<number>('env_cleanup', { path, delete: del }),

  /**
   * Writes every key, secrets included, to an encrypted backup (takes about a second by design).
   * Rejects with `invalid_input` for a passphrase under 12 characters, and `exists` when the file
   * exists and `overwrite` is false.
   */
  backupExport: (path: string, passphrase: string, overwrite: boolean): Promise<ExportReport> =>
    invoke<ExportReport>('backup_export', { path, passphrase, overwrite }),

  /**
   * Adds the keys of an encrypted backup (keys already stored, or rotated away from, are skipped). Rejects with
   * `wrong_passphrase`, `damaged_backup` or `io`, and then changes nothing.
   */
  backupRestore: (path: string, passphrase: string): Promise<RestoreReport> =>
    invoke<RestoreReport>('backup_restore', { path, passphrase }),

  /**
   * The dashboard's cards, in the user's time zone: today, this month (with its pace to the month's
   * end), the same days of last month, the top key and model this month, and the all-keys monthly
   * budget. `has_usage` is false while the ledger holds no usage at all. Money is integer micro-dollars.
   */
  dashboardSummary: (): Promise<Summary> => askedOrAsk<Summary>('dashboard_summary'),

  /** Each key's spend per day over the last 30 days (oldest first, ending today); keys without spend are absent. */
  keySparklines: (): Promise<Sparkline[]> => invoke<Sparkline[]>('key_sparklines'),

  /** The numbers of a chart and its SVG, drawn by Rust at `look`'s size and theme. */
  chartView: (spec: ChartSpec, look: Look): Promise<BarsView> =>
    invoke<BarsView>('chart_view', { spec, look }),

  /** This month's cumulative spend, its pace to the month's end and the budget, with its SVG. */
  monthView: (look: Look): Promise<MonthView> => invoke<MonthView>('month_view', { look }),

  /**
   * Writes a chart to `path` (absolute): its extension picks PNG, SVG or CSV (the numbers behind it).
   * `spec` null writes this month's chart. Resolves to a sentence saying what was written. Rejects
   * with `exists` when the file exists and `overwrite` is false.
   */
  chartExport: (path: string, spec: ChartSpec | null, look: Look, overwrite: boolean): Promise<string> =>
    invoke<string>('chart_export', { path, spec, look, overwrite }),

  /** The plans' 5-hour and weekly windows (Codex, Claude) and Claude's endpoint switch. */
  planWindows: (): Promise<PlanView> => invoke<PlanView>('plan_windows'),

  /** Turns Claude's own figures on (asking at once) or off. */
  setClaudeEndpoint: (enabled: boolean): Promise<PlanView> => invoke<PlanView>('plan_claude_set', { enabled }),

  /** The metering gateway: its switch and port, URL or problem, counters and today's traffic per key. */
  gatewayView: (): Promise<GatewayView> => invoke<GatewayView>('gateway_view'),

  /** Stores the gateway's switch and port, and starts, stops or moves it. */
  setGateway: (settings: GatewaySettings): Promise<GatewayView> => invoke<GatewayView>('gateway_set', { settings }),

  /** The profiles in use with their key counts, and the default one. */
  listProfiles: (): Promise<Profiles> => invoke<Profiles>('profile_list'),

  /** Sets the default profile (new keys go there; the app starts on it), or clears it with null. */
  setDefaultProfile: (name: string | null): Promise<Profiles> => invoke<Profiles>('profile_set_default', { name }),
};

/** Names of the events the Rust side emits. */
export const EVENTS = {
  pollProgress: 'poll-progress',
  pollFinished: 'poll-finished',
  /** Alerts fired, woke, were acknowledged or snoozed: reload the alert centre and its badge. */
  alertsChanged: 'alerts-changed',
  /** Agent-log import progress (files and bytes). */
  ingestProgress: 'ingest-progress',
  /** An agent-log import finished: payload is the IngestReport. */
  ingestFinished: 'ingest-finished',
  /** A notification or the tray asked to show a key: payload is the credential id. */
  openCredential: 'open-credential',
  /** The database was written by another connection (the CLI, another instance, a poll). */
  dataChanged: 'data-changed',
} as const;

/** Subscriptions to Rust events; each resolves to the function that unsubscribes. */
export const events = {
  onPollProgress: (handler: (p: PollProgress) => void): Promise<UnlistenFn> =>
    listen<PollProgress>(EVENTS.pollProgress, (e) => handler(e.payload)),

  onPollFinished: (handler: (outcomes: SourceOutcome[]) => void): Promise<UnlistenFn> =>
    listen<SourceOutcome[]>(EVENTS.pollFinished, (e) => handler(e.payload)),

  onIngestProgress: (handler: (p: IngestProgress) => void): Promise<UnlistenFn> =>
    listen<IngestProgress>(EVENTS.ingestProgress, (e) => handler(e.payload)),

  onIngestFinished: (handler: (r: IngestReport) => void): Promise<UnlistenFn> =>
    listen<IngestReport>(EVENTS.ingestFinished, (e) => handler(e.payload)),

  onAlertsChanged: (handler: () => void): Promise<UnlistenFn> => listen<null>(EVENTS.alertsChanged, () => handler()),

  onOpenCredential: (handler: (id: string) => void): Promise<UnlistenFn> =>
    listen<string>(EVENTS.openCredential, (e) => handler(e.payload)),

  onDataChanged: (handler: () => void): Promise<UnlistenFn> => listen<null>(EVENTS.dataChanged, () => handler()),
};

/**
 * Subscribes now and returns a synchronous cleanup that also works when it runs before the
 * subscription has resolved (e.g. a component destroyed right after mounting).
 */
export function subscribe(start: () => Promise<UnlistenFn>): () => void {
  let stopped = false;
  let unlisten: UnlistenFn | null = null;
  // Unsubscribing must never throw (it runs while components are torn down).
  const safely = (fn: UnlistenFn) => {
    try {
      Promise.resolve(fn() as unknown).catch(() => {});
    } catch {
      // Already gone.
    }
  };
  start()
    .then((fn) => {
      if (stopped) safely(fn);
      else unlisten = fn;
    })
    .catch(() => {
      // Not running inside Tauri (or events are unavailable): nothing to unsubscribe.
    });
  return () => {
    stopped = true;
    if (unlisten) safely(unlisten);
    unlisten = null;
  };
}
