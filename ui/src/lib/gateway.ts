// The metering gateway in words: a key's rate-limit figures ("412 of 500 requests left"), when
// they start again, the gateway's counters, the base URL each SDK takes, and the port's check.
import type { GatewayStatus, LimitFigure } from './bindings';
import { clockTime } from './plan';

/** "412 of 500 requests left". */
export function limitText(f: LimitFigure): string {
  return `${f.remaining.toLocaleString('en-US')} of ${f.limit.toLocaleString('en-US')} ${f.what} left`;
}

/** "resets in 12 s", "resets 14:05", "reset since", or "" when the provider did not say. */
export function limitResetText(f: LimitFigure, now: Date): string {
  if (!f.resets_at) return '';
  const at = new Date(f.resets_at);
  const ms = at.getTime() - now.getTime();
  if (Number.isNaN(ms)) return '';
  if (ms <= 0) return 'reset since';
  if (ms < 60_000) return `resets in ${Math.ceil(ms / 1000)} s`;
  if (ms < 3_600_000) return `resets in ${Math.ceil(ms / 60_000)} min`;
  return `resets ${clockTime(at, now)}`;
}

/** The share of a limit still left, 0–100, for its bar. */
export function leftPercent(f: LimitFigure): number {
  return f.limit > 0 ? Math.round((f.remaining / f.limit) * 100) : 0;
}

/** "12 requests since 09:14: 10 metered, 1 malformed answer" — the words Rust's summary uses. */
export function statusText(s: GatewayStatus, now: Date): string {
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  const parts = [`${s.metered.toLocaleString('en-US')} metered`];
  const extra: [number, string, string][] = [
    [s.malformed, 'malformed answer', 'malformed answers'],
    [s.cut_short, 'cut short', 'cut short'],
    [s.upstream_errors, 'provider error', 'provider errors'],
    [s.refused, 'refused', 'refused'],
  ];
  for (const [n, one, many] of extra) if (n > 0) parts.push(plural(n, one, many));
  return `${plural(s.requests, 'request', 'requests')} since ${clockTime(s.started_at, now)}: ${parts.join(', ')}`;
}

/** The base URL each SDK is given, under the gateway's URL. */
export function sdkBaseUrls(url: string): { sdk: string; base: string }[] {
  return [
    { sdk: 'OpenAI', base: `${url}/openai/v1` },
    { sdk: 'Anthropic', base: `${url}/anthropic` },
    { sdk: 'Gemini', base: `${url}/gemini` },
    { sdk: 'OpenRouter', base: `${url}/openrouter/api/v1` },
  ];
}

/** Why `text` is not a port the gateway can use, or null when it is one. */
export function portError(text: string): string | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'Enter a port number, such as 8787.';
  const n = Number(t);
  if (n < 1024 || n > 65535) return 'Choose a port from 1024 to 65535.';
  return null;
}
