import { describe, expect, it } from 'vitest';
import { countsText, plural } from './counts';

describe('counts', () => {
  it('uses the singular for one only', () => {
    expect(plural(0, 'key', 'keys')).toBe('0 keys');
    expect(plural(1, 'key', 'keys')).toBe('1 key');
    expect(plural(2, 'line', 'lines')).toBe('2 lines');
  });

  it('leaves out the counts that are zero', () => {
    expect(countsText('Added 2 keys', [[1, 'already stored'], [0, 'failed'], [3, 'skipped']])).toBe(
      'Added 2 keys, 1 already stored, 3 skipped',
    );
    expect(countsText('Added no keys', [[0, 'already stored']])).toBe('Added no keys');
  });
});
