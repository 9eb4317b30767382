// Pure helpers for the local agent logs: names, checks of what Rust sent, and the sentences shown.
import type { Agent, IngestProgress, IngestReport, LogSources, LogSourcesView, SourceDir } from './bindings';
import { formatBytes, formatDaySpan } from './format';
import type { DateRange } from './period';
import { formatCount } from './money';

export const AGENTS: Agent[] = ['claude-code', 'codex'];

const NAMES: Record<Agent, string> = { 'claude-code': 'Claude Code', codex: 'Codex' };

export function agentName(agent: Agent): string {
  return NAMES[agent] ?? agent;
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function isLogSourcesView(value: unknown): value is LogSourcesView {
  if (!isObject(value) || !isObject(value.settings) || !Array.isArray(value.dirs)) return false;
  const s = value.settings;
  return (
    typeof s.claude_code === 'boolean' &&
    typeof s.codex === 'boolean' &&
    isStrings(s.extra_claude_code) &&
    isStrings(s.extra_codex) &&
    value.dirs.every((d) => isObject(d) && typeof d.path === 'string' && typeof d.agent === 'string')
  );
}

/** `value` is an object whose `keys` are all finite numbers. */
const hasCounts = (value: unknown, keys: string[]): value is Record<string, unknown> =>
  isObject(value) && keys.every((k) => isCount(value[k]));

export function isIngestReport(value: unknown): value is IngestReport {
  return (
    hasCounts(value, ['files_seen', 'files_read', 'bytes_read', 'requests', 'duplicates', 'malformed_lines']) &&
    isStrings(value.unpriced_models) &&
    isStrings(value.problems)
  );
}

export function isIngestProgress(value: unknown): value is IngestProgress {
  return hasCounts(value, ['files_done', 'files_total', 'bytes_done', 'bytes_total']);
}

/** Whether the agent's logs are read. */
export function agentEnabled(settings: LogSources, agent: Agent): boolean {
  return agent === 'claude-code' ? settings.claude_code : settings.codex;
}

/** The folders the user added for the agent. */
export function extraDirs(settings: LogSources, agent: Agent): string[] {
  return agent === 'claude-code' ? settings.extra_claude_code : settings.extra_codex;
}

/** The whole settings with the agent switched on or off. */
export function withEnabled(settings: LogSources, agent: Agent, on: boolean): LogSources {
  return agent === 'claude-code' ? { ...settings, claude_code: on } : { ...settings, codex: on };
}

/** The whole settings with the agent's added folders replaced. */
export function withExtraDirs(settings: LogSources, agent: Agent, dirs: string[]): LogSources {
  return agent === 'claude-code' ? { ...settings, extra_claude_code: dirs } : { ...settings, extra_codex: dirs };
}

/**
 * The folders shown under an agent: those Rust resolved (defaults and added) while it is on; while it
 * is off Rust lists none, so its added folders come from the settings (whether they exist is unknown).
 */
export function agentDirs(view: LogSourcesView, agent: Agent): (SourceDir & { known: boolean })[] {
  if (agentEnabled(view.settings, agent)) {
    return view.dirs.filter((d) => d.agent === agent).map((d) => ({ ...d, known: true }));
  }
  return extraDirs(view.settings, agent).map((path) => ({ agent, path, default: false, exists: true, known: false }));
}

/** True when no folder to read exists (none configured, or every one missing). */
export function noLogsFound(view: LogSourcesView): boolean {
  return view.dirs.every((d) => !d.exists);
}

/** How far an import is, 0–100, by bytes (by files when there are no bytes to read). */
export function progressPercent(p: IngestProgress): number {
  const ratio =
    p.bytes_total > 0 ? p.bytes_done / p.bytes_total : p.files_total > 0 ? p.files_done / p.files_total : 0;
  return Math.max(0, Math.min(100, Math.round(ratio * 100)));
}

/** "12 of 340 files · 45 MB of 1.2 GB". */
export function progressText(p: IngestProgress): string {
  const files = `${formatCount(p.files_done)} of ${plural(p.files_total, 'file', 'files')}`;
  return `${files} · ${formatBytes(p.bytes_done)} of ${formatBytes(p.bytes_total)}`;
}

/**
 * "Read 3 of 120 files (4.2 MB): 57 new requests from 3–19 Oct, 3 already counted, 1 malformed line
 * skipped.", or "Nothing new since the last read." when no file had anything new.
 */
export function ingestSummary(r: IngestReport, now: Date = new Date()): string {
  if (r.files_read === 0) return 'Nothing new since the last read.';
  const span = importedSpan(r);
  const counted = plural(r.requests, 'new request', 'new requests');
  const parts = [
    r.requests === 0 ? 'no new requests' : span ? `${counted} from ${formatDaySpan(span.from, span.to, now)}` : counted,
  ];
  if (r.duplicates > 0) parts.push(`${formatCount(r.duplicates)} already counted`);
  if (r.malformed_lines > 0) parts.push(`${plural(r.malformed_lines, 'malformed line', 'malformed lines')} skipped`);
  const read = `Read ${formatCount(r.files_read)} of ${plural(r.files_seen, 'file', 'files')}`;
  return `${read} (${formatBytes(r.bytes_read)}): ${parts.join(', ')}.`;
}

/** The UTC days the report's new requests fall on, when it counted any. */
export function importedSpan(r: IngestReport): DateRange | null {
  if (r.requests === 0 || !r.first_day || !r.last_day) return null;
  return { from: r.first_day, to: r.last_day };
}

/** Whether report `a` ended after report `b` (a report without a time is the older). */
export function isNewer(a: IngestReport, b: IngestReport): boolean {
  return (a.at ?? '') > (b.at ?? '');
}

/** "No price known for X, Y — their usage shows as unpriced; set a price in the Prices tab." */
export function unpricedText(models: string[]): string | null {
  if (models.length === 0) return null;
  const whose = models.length === 1 ? 'its' : 'their';
  return `No price known for ${models.join(', ')} — ${whose} usage shows as unpriced; set a price in the Prices tab.`;
}
