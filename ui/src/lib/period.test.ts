import { describe, expect, it } from 'vitest';
import { isYmd, periodRange, rangeProblem, ymd } from './period';

// Built from local components so the tests pass in any time zone.
const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min);

describe('periodRange', () => {
  it('this month runs from the 1st of the local month to today', () => {
    expect(periodRange('this_month', local(2026, 11, 23))).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(periodRange('this_month', local(2026, 11, 1, 0, 5))).toEqual({ from: '2026-11-01', to: '2026-11-01' });
  });
  it('uses the local calendar near midnight', () => {
    expect(periodRange('this_month', local(2026, 12, 31, 23, 59))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodRange('this_month', local(2027, 1, 1, 0, 1))).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });
  it('last 7 and 30 days include today', () => {
    expect(periodRange('last_7', local(2026, 11, 23))).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(periodRange('last_7', local(2026, 3, 3))).toEqual({ from: '2026-02-25', to: '2026-03-03' });
    expect(periodRange('last_30', local(2026, 11, 23))).toEqual({ from: '2026-10-25', to: '2026-11-23' });
  });
  it('last month is the whole previous calendar month', () => {
    expect(periodRange('last_month', local(2026, 11, 23))).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(periodRange('last_month', local(2027, 1, 15))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodRange('last_month', local(2028, 3, 1))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

describe('ymd / isYmd / rangeProblem', () => {
  it('writes local dates', () => {
    expect(ymd(local(2026, 9, 3))).toBe('2026-09-03');
  });
  it('accepts only real dates', () => {
    expect(isYmd('2026-02-28')).toBe(true);
    expect(isYmd('2026-02-30')).toBe(false);
    expect(isYmd('2026-2-3')).toBe(false);
    expect(isYmd('')).toBe(false);
  });
  it('explains a bad custom range', () => {
    expect(rangeProblem({ from: '2026-11-01', to: '2026-11-30' })).toBeNull();
    expect(rangeProblem({ from: '2026-11-01', to: '2026-11-01' })).toBeNull();
    expect(rangeProblem({ from: '2026-12-01', to: '2026-11-30' })).toBe('The start date is after the end date.');
    expect(rangeProblem({ from: '', to: '2026-11-30' })).toBe('Choose both a start and an end date.');
  });
});
