import { describe, expect, it } from 'vitest';
import {
  detectionSummary,
  expiryInfo,
  formatBytes,
  formatDate,
  datePreview,
  formatDateTime,
  formatDaySpan,
  formatHour,
  formatPlainDate,
  isOkOutcome,
  relativeTime,
  shortId,
} from './format';
import { local } from '../test/dates';
import { detection } from '../test/fixtures';

/** The moment the expiries and relative times are seen from. */
const now = local(2026, 11, 23, 18, 4);

describe('formatDate / formatDateTime', () => {
  it('formats in local time', () => {
    expect(formatDate(local(2027, 1, 31))).toBe('31 Jan 2027');
    expect(formatDateTime(local(2026, 11, 23, 18, 4))).toBe('23 Nov 2026, 18:04');
    expect(formatDateTime(local(2026, 9, 3, 7, 9))).toBe('3 Sep 2026, 07:09');
  });
  it('accepts ISO strings and rejects junk', () => {
    expect(formatDate(local(2027, 1, 31).toISOString())).toBe('31 Jan 2027');
    expect(formatDate('not a date')).toBe('—');
  });
  it('shows an hour bucket at its local start', () => {
    expect(formatHour(local(2026, 11, 22, 23).toISOString())).toBe('22 Nov 2026, 23:00');
    expect(formatHour('junk')).toBe('junk');
  });
  it('formats a plain YYYY-MM-DD date without shifting it', () => {
    expect(formatPlainDate('2027-01-31')).toBe('31 Jan 2027');
  });
  it('says a typed date in words, so its order is never in doubt', () => {
    const now = new Date(2026, 11, 5, 15, 0);
    expect(datePreview('2026-12-05', now)).toBe('Sat 5 Dec 2026 · today');
    expect(datePreview('2026-12-06', now)).toBe('Sun 6 Dec 2026 · tomorrow');
    expect(datePreview('2027-12-05', now)).toBe('Sun 5 Dec 2027 · in 365 days');
    expect(datePreview('2026-11-30', now)).toBe('Mon 30 Nov 2026 · 5 days ago');
    expect(datePreview('', now)).toBeNull();
    expect(datePreview('2026-12', now)).toBeNull();
  });
  it('formats a span of days as short as it stays clear', () => {
    const now = new Date(2026, 10, 24);
    expect(formatDaySpan('2026-10-03', '2026-10-19', now)).toBe('3–19 Oct');
    expect(formatDaySpan('2026-09-28', '2026-10-04', now)).toBe('28 Sep – 4 Oct');
    expect(formatDaySpan('2026-10-03', '2026-10-03', now)).toBe('3 Oct');
    expect(formatDaySpan('2025-10-03', '2025-10-19', now)).toBe('3–19 Oct 2025');
    expect(formatDaySpan('2025-12-28', '2026-01-04', now)).toBe('28 Dec 2025 – 4 Jan 2026');
    expect(formatDaySpan('junk', 'junk', now)).toBe('junk');
  });
});

describe('expiryInfo', () => {
  it('shows the date and days left', () => {
    const info = expiryInfo(local(2027, 1, 31, 23, 59).toISOString(), now);
    expect(info.text).toBe('31 Jan 2027 · 69 days');
    expect(info.tone).toBe('ok');
    expect(info.days).toBe(69);
    expect(info.relative).toBe('69 days left');
  });
  it.each([
    [local(2026, 11, 30, 19, 0), { text: '30 Nov 2026 · 7 days', tone: 'soon' }],
    [local(2026, 12, 1, 19, 0), { tone: 'ok' }],
    [local(2026, 11, 24, 19, 0), { text: '24 Nov 2026 · 1 day' }],
    [local(2026, 11, 23, 23, 0), { text: '23 Nov 2026 · under a day' }],
  ])('is amber at 7 days or fewer: %s', (at, shown) => expect(expiryInfo(at.toISOString(), now)).toMatchObject(shown));
  it.each([
    [local(2026, 11, 20, 17, 0), { text: 'expired 3 days ago', tone: 'expired' }],
    [local(2026, 11, 22, 17, 0), { text: 'expired 1 day ago' }],
    [local(2026, 11, 23, 9, 0), { text: 'expired today' }],
  ])('says how long ago an expired key expired, in red: %s', (at, shown) =>
    expect(expiryInfo(at.toISOString(), now)).toMatchObject(shown),
  );
  it('handles no expiry', () => {
    expect(expiryInfo(null, now)).toMatchObject({ tone: 'none', days: null });
  });
});

describe('detectionSummary', () => {
  const base = detection();

  it('names a detected provider and kind', () => {
    expect(detectionSummary({ ...base, provider: 'openai', candidates: ['openai'], kind: 'api' })).toEqual({
      text: 'Detected: OpenAI · API key',
      tone: 'ok',
    });
    expect(detectionSummary({ ...base, provider: 'gemini', kind: 'api' }).text).toBe(
      'Detected: Google Gemini · API key',
    );
    expect(detectionSummary({ ...base, provider: 'anthropic', kind: 'admin' }).text).toBe(
      'Detected: Anthropic · Admin key',
    );
  });
  it('lists the candidates of an ambiguous key', () => {
    expect(detectionSummary({ ...base, candidates: ['openai', 'deepseek'], kind: 'api' })).toEqual({
      text: 'Could be OpenAI or DeepSeek — choose below',
      tone: 'warn',
    });
    expect(detectionSummary({ ...base, candidates: ['openai', 'deepseek', 'xai'] }).text).toBe(
      'Could be OpenAI, DeepSeek or xAI — choose below',
    );
  });
  it('says when the provider is not recognised', () => {
    expect(detectionSummary(base).text).toBe('Provider not recognised — choose below');
  });
});

describe('shortId', () => {
  it('keeps 8 characters', () => {
    expect(shortId('0193a5b2-7c4d-7e8f-9a0b-123456789abc')).toBe('0193a5b2');
    expect(shortId(null)).toBe('—');
  });
});

describe('isOkOutcome', () => {
  it.each([
    ['ok', true],
    ['valid', true],
    ['invalid', false],
    ['keychain_locked', false],
  ])('treats ok and a valid check as good news, error codes and invalid as bad: %s is %s', (outcome, ok) =>
    expect(isOkOutcome(outcome)).toBe(ok),
  );
});

describe('relativeTime', () => {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it('says how long ago', () => {
    expect(relativeTime(ago(20_000), now)).toBe('just now');
    expect(relativeTime(ago(5 * 60_000).toISOString(), now)).toBe('5 min ago');
    expect(relativeTime(ago(59 * 60_000), now)).toBe('59 min ago');
    expect(relativeTime(ago(3 * 3_600_000), now)).toBe('3 h ago');
    expect(relativeTime(ago(30 * 3_600_000), now)).toBe('yesterday');
    expect(relativeTime(ago(4 * 86_400_000), now)).toBe('4 days ago');
    expect(relativeTime(local(2026, 9, 3), now)).toBe('3 Sep 2026');
  });
  it('handles the future and junk', () => {
    expect(relativeTime(new Date(now.getTime() + 10 * 60_000), now)).toBe('in 10 min');
    expect(relativeTime('nope', now)).toBe('—');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1500, '1.5 KB'],
    [3000, '3 KB'],
    [4_200_000, '4.2 MB'],
    [45_000_000, '45 MB'],
    [1_200_000_000, '1.2 GB'],
  ])('uses decimal units, one decimal under 10: %s is %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it('carries over to the next unit when rounding reaches 1000', () => {
    expect(formatBytes(999_700)).toBe('1 MB');
  });

  it.each([-1, Number.NaN])('shows a dash for nonsense: %s', (bytes) => expect(formatBytes(bytes)).toBe('—'));
});
