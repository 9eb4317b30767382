import { describe, expect, it } from 'vitest';
import formats from '../../../tests/formats.json';
import { costDisplay, estimateDisplay, inBillDisplay, formatCount, formatMicros, formatPrice, formatUsd } from './money';

describe('formatUsd', () => {
  it.each([
    ['6.350000', '$6.35'],
    ['6', '$6.00'],
    ['6.3', '$6.30'],
    ['0.01', '$0.01'],
    ['1234567.891', '$1,234,567.89'],
  ])('formats the decimal string %s to the cent: %s', (usd, text) => expect(formatUsd(usd)).toBe(text));
  it.each([
    ['1.005', '$1.01'],
    ['1.00499999', '$1.00'],
    ['999.995', '$1,000.00'],
    ['0.015', '$0.02'],
  ])('rounds %s half up without floating point error: %s', (usd, text) => expect(formatUsd(usd)).toBe(text));
  it.each([
    ['0.004', '<$0.01'],
    ['0.009999', '<$0.01'],
    ['0.000001', '<$0.01'],
    ['0.000000', '$0.00'],
    ['0', '$0.00'],
  ])('says "<$0.01" below one cent, and $0.00 only for a real zero: %s is %s', (usd, text) =>
    expect(formatUsd(usd)).toBe(text),
  );
  it.each([
    ['-2.5', '-$2.50'],
    ['abc', '—'],
    ['1e3', '—'],
  ])('keeps a sign and rejects junk: %s is %s', (usd, text) => expect(formatUsd(usd)).toBe(text));
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
    [-45000, '-45,000'],
  ])('adds thousands separators: %s is %s', (count, text) => expect(formatCount(count)).toBe(text));
});

describe('formatMicros', () => {
  it('shows money exactly as the CLI, the tray and notifications do (tests/formats.json)', () => {
    for (const [micros, text] of formats.usd as [number, string][]) expect(formatMicros(micros)).toBe(text);
  });
});

describe('costDisplay', () => {
  it('never shows $0 for an unknown price', () => {
    expect(costDisplay({ cost_usd: null, priced: false })).toEqual({
      text: 'unpriced',
      amount: null,
      unpriced: true,
      unknown: true,
    });
  });
  it('marks a partly priced cost', () => {
    expect(costDisplay({ cost_usd: '6.350000', priced: false }).text).toBe('$6.35 + unpriced');
  });
  it('shows a fully priced cost as is', () => {
    expect(costDisplay({ cost_usd: '6.350000', priced: true })).toMatchObject({ text: '$6.35', unpriced: false });
  });
});

describe('estimateDisplay', () => {
  it('shows the logs\' estimate beside the bill with its drift', () => {
    const shown = estimateDisplay({ estimate_usd: '1.800000', billed_usd: '2.000000', drift_pct: '-10.0' });
    expect(shown?.text).toBe('est. $1.80 (−10.0 %)');
    expect(shown?.title).toContain('the cost counts the bill of $2.00');
    expect(estimateDisplay({ estimate_usd: '2.100000', billed_usd: '2.000000', drift_pct: '+5.0' })?.text).toBe(
      'est. $2.10 (+5.0 %)',
    );
  });
  it('says nothing when nothing was estimated, and leaves the drift out without a bill', () => {
    expect(estimateDisplay({ estimate_usd: null, billed_usd: null, drift_pct: null })).toBeNull();
    expect(estimateDisplay({ estimate_usd: '1.000000', billed_usd: '0.000000', drift_pct: null })?.text).toBe(
      'est. $1.00',
    );
  });
});

describe('inBillDisplay', () => {
  it('says the usage is in the bill, with what token prices say', () => {
    expect(inBillDisplay({ in_bill_estimate_usd: '0.408000' })?.text).toBe('in the bill · est. $0.41');
    expect(inBillDisplay({ in_bill_estimate_usd: null })).toBeNull();
  });
});

describe('formatPrice', () => {
  it.each([
    ['2.5', '$2.50'],
    ['10', '$10.00'],
    ['0.0375', '$0.0375'],
    ['15.625000', '$15.625'],
    ['1250.000000', '$1,250.00'],
    ['0', '$0.00'],
    ['007.10', '$7.10'],
  ])('keeps every significant digit of %s, with at least cents: %s', (price, text) =>
    expect(formatPrice(price)).toBe(text),
  );
  it.each(['ten', '1e3'])('rejects junk: %s', (price) => expect(formatPrice(price)).toBe('—'));
});

describe('formatMicros', () => {
  it.each([
    [1_234_560_000, '$1,234.56'],
    [6_350_000, '$6.35'],
    [1_005_000, '$1.01'],
    [999_995_000, '$1,000.00'],
    [-2_500_000, '-$2.50'],
  ])('formats integer micro-dollars exactly, to the cent: %s is %s', (micros, text) =>
    expect(formatMicros(micros)).toBe(text),
  );
  it.each([
    [4_000, '<$0.01'],
    [1, '<$0.01'],
    [0, '$0.00'],
    [1.5, '—'],
    [Number.NaN, '—'],
  ])('says "<$0.01" below a cent and "$0.00" only for zero; rejects non-integers: %s is %s', (micros, text) =>
    expect(formatMicros(micros)).toBe(text),
  );
});
