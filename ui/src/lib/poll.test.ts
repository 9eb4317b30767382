import { describe, expect, it } from 'vitest';
import type { PollStatus, SourceOutcome } from './bindings';
import { pollSummary } from './poll';

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
