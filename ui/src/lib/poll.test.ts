import { describe, expect, it } from 'vitest';
import type { PollState, PollStatus, SourceOutcome } from './bindings';
import { keyPolls, pollSummary } from './poll';

const outcome = (status: PollStatus, i = 0): SourceOutcome => ({
  source: `openai_usage`,
  credential_id: `id-${i}`,
  label: `Key ${i}`,
  provider: 'openai',
  status,
  buckets: 0,
  message: '',
});

describe('pollSummary', () => {
  it('counts polled and failed sources', () => {
    expect(pollSummary([outcome('ok', 1), outcome('ok', 2), outcome('failed', 3)])).toEqual({
      text: '3 sources polled, 1 failed',
      tone: 'error',
    });
    expect(pollSummary([outcome('ok')])).toEqual({ text: '1 source polled', tone: 'success' });
  });
  it('counts skipped sources apart', () => {
    expect(pollSummary([outcome('ok', 1), outcome('skipped', 2)]).text).toBe('1 source polled, 1 skipped');
    expect(pollSummary([outcome('skipped', 2)])).toEqual({ text: '0 sources polled, 1 skipped', tone: 'info' });
  });
  it('explains an empty pass', () => {
    expect(pollSummary([]).tone).toBe('info');
  });
});

describe('keyPolls', () => {
  const state = (source: string, credential_id: string, at: string | null, error: string | null = null): PollState => ({
    source,
    credential_id,
    cursor: null,
    last_attempt_at: at,
    last_success_at: error ? null : at,
    last_error: error,
  });

  it('gives each credential its latest attempt and its latest error', () => {
    const polls = keyPolls([
      state('openai_usage', 'a', '2026-11-23T10:00:00Z', 'HTTP 500'),
      state('openai_costs', 'a', '2026-11-23T12:00:00Z'),
      state('anthropic_usage', 'b', '2026-11-23T11:00:00Z'),
    ]);
    expect(polls.get('a')).toEqual({ at: '2026-11-23T12:00:00Z', error: 'HTTP 500' });
    expect(polls.get('b')).toEqual({ at: '2026-11-23T11:00:00Z', error: null });
  });

  it('leaves out credentials never attempted', () => {
    expect(keyPolls([state('openai_usage', 'a', null)]).size).toBe(0);
  });
});
