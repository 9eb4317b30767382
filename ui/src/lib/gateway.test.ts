import { describe, expect, it } from 'vitest';
import type { GatewayStatus, LimitFigure } from './bindings';
import { leftPercent, limitResetText, limitText, portError, sdkBaseUrls, statusText } from './gateway';

const now = new Date('2026-12-06T10:00:00Z');
const fig = (over: Partial<LimitFigure> = {}): LimitFigure => ({
  what: 'requests',
  remaining: 412,
  limit: 500,
  resets_at: null,
  ...over,
});

describe('gateway words', () => {
  it('says how much of a limit is left', () => {
    expect(limitText(fig())).toBe('412 of 500 requests left');
    expect(limitText(fig({ what: 'input tokens', remaining: 39000, limit: 40000 }))).toBe(
      '39,000 of 40,000 input tokens left',
    );
    expect(leftPercent(fig())).toBe(82);
    expect(leftPercent(fig({ limit: 0 }))).toBe(0);
  });

  it('says when a limit starts again, in seconds when it is soon', () => {
    expect(limitResetText(fig(), now)).toBe('');
    expect(limitResetText(fig({ resets_at: '2026-12-06T10:00:12Z' }), now)).toBe('resets in 12 s');
    expect(limitResetText(fig({ resets_at: '2026-12-06T10:05:30Z' }), now)).toBe('resets in 6 min');
    expect(limitResetText(fig({ resets_at: '2026-12-06T09:59:00Z' }), now)).toBe('reset since');
    expect(limitResetText(fig({ resets_at: '2026-12-06T13:00:00Z' }), now)).toMatch(/^resets \d\d:\d\d$/);
  });

  it('sums up the counters, naming only what happened', () => {
    const s: GatewayStatus = {
      started_at: '2026-12-06T09:14:00Z',
      requests: 12,
      metered: 10,
      malformed: 1,
      cut_short: 0,
      refused: 1,
      upstream_errors: 0,
    };
    expect(statusText(s, now)).toMatch(/^12 requests since \d\d:\d\d: 10 metered, 1 malformed answer, 1 refused$/);
    expect(statusText({ ...s, requests: 1, metered: 1, malformed: 0, refused: 0 }, now)).toMatch(
      /^1 request since .*: 1 metered$/,
    );
  });

  it('gives each SDK its base URL', () => {
    expect(sdkBaseUrls('http://127.0.0.1:8787')[0]).toEqual({ sdk: 'OpenAI', base: 'http://127.0.0.1:8787/openai/v1' });
  });

  it('checks the port', () => {
    expect(portError('8787')).toBeNull();
    expect(portError(' 65535 ')).toBeNull();
    expect(portError('80')).toBe('Choose a port from 1024 to 65535.');
    expect(portError('70000')).toBe('Choose a port from 1024 to 65535.');
    expect(portError('abc')).toBe('Enter a port number, such as 8787.');
    expect(portError('')).toBe('Enter a port number, such as 8787.');
  });
});
