// Plan windows (Codex's and Claude's 5-hour and weekly limits) in words: the window's name, where
// its figure came from, when it resets (local time), the pace forecast and the history's line.
import type { PlanOrigin, PlanWindow, Point } from './bindings';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `5h` → "5-hour", `weekly` → "weekly", `seven_day_opus` → "weekly Opus". */
export function windowLabel(window: string): string {
  switch (window) {
    case '5h':
      return '5-hour';
    case 'seven_day_opus':
      return 'weekly Opus';
    case 'seven_day_sonnet':
      return 'weekly Sonnet';
    default:
      return window.replaceAll('_', ' ');
  }
}

/** "Claude · 5-hour". */
export function windowTitle(w: Pick<PlanWindow, 'source' | 'window'>): string {
  return `${w.source === 'claude' ? 'Claude' : 'Codex'} · ${windowLabel(w.window)}`;
}

/** Where a figure came from, as the view says it. */
export function originText(origin: PlanOrigin, source: PlanWindow['source']): string {
  switch (origin) {
    case 'endpoint':
      return 'Claude’s own figure';
    case 'log':
      return source === 'codex' ? 'from Codex’s session log' : 'from Claude Code’s log';
    case 'estimate':
      return 'estimate from Claude Code’s logs';
  }
}

/** A local time: "14:05" today, "Tue 09:04" on another day within a week, else "8 Dec 09:04". */
export function clockTime(value: string | Date, now: Date): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '—';
  const hm = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  const sameDay = d.toDateString() === now.toDateString();
  if (sameDay) return hm;
  if (Math.abs(d.getTime() - now.getTime()) < 6 * 86_400_000) return `${DAYS[d.getDay()]} ${hm}`;
  return `${d.getDate()} ${d.toLocaleString('en-GB', { month: 'short' })} ${hm}`;
}

/** A span for people, to the minute: "1 h 12 min", "3 d 4 h", "25 min", "<1 min" (as Rust says it). */
export function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 1440) return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor(minutes / 60) % 24;
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/** "resets 14:05 (in 1 h 12 min)", or, once the reset passed, that the figure waits for new data. */
export function resetsText(w: Pick<PlanWindow, 'resets_at' | 'stale'>, now: Date): string {
  if (w.stale) return 'reset since; waiting for new data';
  if (!w.resets_at) return 'reset time unknown';
  const at = new Date(w.resets_at);
  return `resets ${clockTime(at, now)} (in ${span(at.getTime() - now.getTime())})`;
}

/** The whole percent used, rounded down (a window is never said to be full before it is). */
export function wholePercent(used: number): number {
  return Math.max(0, Math.min(100, Math.floor(used)));
}

/** "62%". */
export function percentText(used: number): string {
  return `${wholePercent(used)}%`;
}

/** "At this pace it is full at 13:40, 25 min before it resets." — or null without a forecast. */
export function paceText(w: Pick<PlanWindow, 'full_at' | 'resets_at'>, now: Date): string | null {
  if (!w.full_at || !w.resets_at) return null;
  const full = new Date(w.full_at);
  const before = new Date(w.resets_at).getTime() - full.getTime();
  return `At this pace it is full at ${clockTime(full, now)}, ${span(before)} before it resets.`;
}

/**
 * The history as an SVG polyline in a `width`×`height` box: x from the window's start (its reset
 * minus its length) to its reset, y from 0 % (bottom) to 100 % (top). Empty under two points.
 */
export function historyPoints(
  history: Point[],
  resetsAt: string | null,
  minutes: number | null,
  width: number,
  height: number,
): string {
  if (history.length < 2 || !resetsAt || !minutes) return '';
  const end = new Date(resetsAt).getTime();
  const start = end - minutes * 60_000;
  const x = (at: string) => ((Math.min(end, Math.max(start, new Date(at).getTime())) - start) / (end - start)) * width;
  const y = (used: number) => height - (Math.max(0, Math.min(100, used)) / 100) * height;
  return history.map((p) => `${x(p.at).toFixed(1)},${y(p.used_percent).toFixed(1)}`).join(' ');
}
