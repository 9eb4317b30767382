import { describe, expect, it } from 'vitest';
import { longMonth, LONG_MONTHS, SHORT_MONTHS } from './months';

describe('month names', () => {
  it('has twelve of each, the short ones the long ones cut', () => {
    expect(LONG_MONTHS).toHaveLength(12);
    expect(SHORT_MONTHS).toEqual(LONG_MONTHS.map((m) => m.slice(0, 3)));
  });

  it('names a YYYY-MM month, and nothing else', () => {
    expect(longMonth('2026-11')).toBe('November 2026');
    expect(longMonth('2027-01')).toBe('January 2027');
    expect(longMonth('2026-13')).toBeNull();
    expect(longMonth('2026-00')).toBeNull();
    expect(longMonth('2026-11-24')).toBeNull();
    expect(longMonth('')).toBeNull();
  });
});
