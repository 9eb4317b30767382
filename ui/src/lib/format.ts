// Pure formatting helpers: dates in the user's LOCAL time zone, expiry, detection summaries.
import type { Detection } from './bindings';
import { kindName, providerName } from './providers';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function toDate(value: string | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "31 Jan 2027" in local time. */
export function formatDate(value: string | Date): string {
  const d = toDate(value);
  if (!d) return '—';
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** "23 Nov 2026, 18:04" in local time. */
export function formatDateTime(value: string | Date): string {
  const d = toDate(value);
  if (!d) return '—';
  return `${formatDate(d)}, ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** An hour bucket ("2026-11-22T23:00:00Z") as its local start: "23 Nov 2026, 00:00". */
export function formatHour(value: string): string {
  return toDate(value) ? formatDateTime(value) : value;
}

/** A YYYY-MM-DD date (from `<input type=date>`) shown as "31 Jan 2027", without time-zone shifts. */
export function formatPlainDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/**
 * Two YYYY-MM-DD days as a span: "3–19 Oct", "28 Sep – 4 Oct", "3 Oct"; the year is written when
 * it is not `now`'s or the span crosses one: "28 Dec 2025 – 4 Jan 2026".
 */
export function formatDaySpan(from: string, to: string, now: Date = new Date()): string {
  const parse = (ymd: string) => /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return from === to ? from : `${from} – ${to}`;
  const [ya, ma, da] = [a[1], MONTHS[Number(a[2]) - 1], Number(a[3])];
  const [yb, mb, db] = [b[1], MONTHS[Number(b[2]) - 1], Number(b[3])];
  if (ya !== yb) return `${da} ${ma} ${ya} – ${db} ${mb} ${yb}`;
  const year = Number(ya) === now.getFullYear() ? '' : ` ${ya}`;
  if (from === to) return `${da} ${ma}${year}`;
  if (ma === mb) return `${da}–${db} ${ma}${year}`;
  return `${da} ${ma} – ${db} ${mb}${year}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * A date from a date field in the app's own words — "Sat 5 Dec 2026 · in 365 days" — shown under the
 * field, whose own order (05/12 or 12/05) follows the system's locale; null until a whole date is given.
 */
export function datePreview(ymd: string, now: Date = new Date()): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return null;
  const day = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const days = Math.round((day.getTime() - today.getTime()) / 86_400_000);
  const relative =
    days === 0
      ? 'today'
      : days === 1
        ? 'tomorrow'
        : days === -1
          ? 'yesterday'
          : days > 0
            ? `in ${days} days`
            : `${-days} days ago`;
  return `${WEEKDAYS[day.getDay()]} ${formatPlainDate(ymd)} · ${relative}`;
}

export type ExpiryTone = 'none' | 'ok' | 'soon' | 'expired';

export interface ExpiryInfo {
  /** The full line, e.g. "31 Jan 2027 · 69 days" or "expired 3 days ago". */
  text: string;
  tone: ExpiryTone;
  /** Whole days left (negative once expired), like Credential::days_left in Rust. */
  days: number | null;
  /** The local date, e.g. "31 Jan 2027". */
  date: string;
  /** The relative part alone: "69 days left", "expired 3 days ago". */
  relative: string;
}

/** Days at or under which an expiry is shown in amber. */
export const SOON_DAYS = 7;

export function expiryInfo(expiresAt: string | null, now: Date = new Date()): ExpiryInfo {
  const none: ExpiryInfo = { text: 'No expiry', tone: 'none', days: null, date: '', relative: '' };
  if (!expiresAt) return none;
  const at = toDate(expiresAt);
  if (!at) return none;
  const date = formatDate(at);
  const diff = at.getTime() - now.getTime();
  const days = Math.floor(diff / DAY_MS);
  if (diff <= 0) {
    const ago = Math.floor(-diff / DAY_MS);
    const text =
      ago === 0 ? 'expired today' : ago === 1 ? 'expired 1 day ago' : `expired ${ago} days ago`;
    return { text, tone: 'expired', days, date, relative: text };
  }
  const left = days === 0 ? 'under a day' : days === 1 ? '1 day' : `${days} days`;
  return {
    text: `${date} · ${left}`,
    tone: days <= SOON_DAYS ? 'soon' : 'ok',
    days,
    date,
    relative: days === 0 ? 'under a day left' : `${left} left`,
  };
}

/** The first 8 characters of an id. */
export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '—';
}

export interface DetectionSummary {
  text: string;
  tone: 'ok' | 'warn';
}

/** One sentence saying what the typed key looks like (the `problem`, if any, is shown apart). */
export function detectionSummary(d: Detection): DetectionSummary {
  if (d.provider) {
    return { text: `Detected: ${providerName(d.provider)} · ${kindName(d.kind)}`, tone: 'ok' };
  }
  const candidates = d.candidates.filter((c) => c !== 'other');
  if (candidates.length >= 2) {
    const names = candidates.map(providerName);
    const list =
      names.length === 2
        ? `${names[0]} or ${names[1]}`
        : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
    return { text: `Could be ${list} — choose below`, tone: 'warn' };
  }
  if (candidates.length === 1) {
    return { text: `Detected: ${providerName(candidates[0])} · ${kindName(d.kind)}`, tone: 'ok' };
  }
  return { text: 'Provider not recognised — choose below', tone: 'warn' };
}

/** "ok" or an error code, for audit outcome cells. */
/** Outcomes that are good news: `ok`, and a check that found the key `valid`. */
export function isOkOutcome(outcome: string): boolean {
  return outcome === 'ok' || outcome === 'valid';
}

/**
 * How long ago `value` was, relative to `now`: "just now", "5 min ago", "3 h ago",
 * "yesterday", "4 days ago", then the local date. Future times read "in 5 min".
 */
export function relativeTime(value: string | Date, now: Date = new Date()): string {
  const d = toDate(value);
  if (!d) return '—';
  const diff = now.getTime() - d.getTime();
  const future = diff < 0;
  const abs = Math.abs(diff);
  const say = (s: string) => (future ? `in ${s}` : `${s} ago`);
  if (abs < 60_000) return 'just now';
  const min = Math.floor(abs / 60_000);
  if (min < 60) return say(`${min} min`);
  const hours = Math.floor(min / 60);
  if (hours < 24) return say(`${hours} h`);
  const days = Math.floor(hours / 24);
  if (days === 1) return future ? 'tomorrow' : 'yesterday';
  if (days < 30) return say(`${days} days`);
  return formatDate(d);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** A size in decimal units: "512 B", "4.2 MB", "45 MB", "1.2 GB" (one decimal under 10, none above). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let unit = 0;
  let value = bytes;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  let shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 999.6 KB rounds to 1000 KB: say 1 MB instead.
  if (shown >= 1000 && unit < BYTE_UNITS.length - 1) {
    shown = 1;
    unit += 1;
  }
  return `${shown} ${BYTE_UNITS[unit]}`;
}
