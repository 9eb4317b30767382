import { describe, expect, it } from 'vitest';
import { checkToast } from './check';

describe('checkToast', () => {
  it('names the key and uses the CLI\'s status words', () => {
    expect(checkToast('Work laptop', { status: 'valid', message: 'the provider accepts this key' })).toEqual({
      text: 'Work laptop: valid — the provider accepts this key',
      tone: 'success',
    });
    expect(checkToast('CI', { status: 'unreachable', message: 'cannot reach http://x: nothing answers there' })).toEqual({
      text: 'CI: unreachable — cannot reach http://x: nothing answers there',
      tone: 'error',
    });
    expect(checkToast('Bot', { status: 'rate_limited', message: '' }).text).toBe('Bot: rate limited');
    expect(checkToast('Other', { status: 'unsupported', message: 'no check' }).tone).toBe('info');
  });
});
