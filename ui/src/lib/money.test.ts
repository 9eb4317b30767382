import { describe, expect, it } from 'vitest';
import formats from '../../../tests/formats.json';
import { costDisplay, estimateDisplay, inBillDisplay, formatCount, formatMicros, formatPrice, formatUsd } from './money';

describe('formatUsd', () => {
  it('formats decimal strings to the cent', () => {
    expect(formatUsd('6.350000')).toBe('$6.35');
    expect(formatUsd('6')).toBe('$6.00');
    expect(formatUsd('6.3')).toBe('$6.30');
    expect(formatUsd('0.01')).toBe('$0.01');
    expect(formatUsd('1234567.891')).toBe('$1,234,567.89');
  });
  it('rounds half up without floating point error', () => {
    expect(formatUsd('1.005')).toBe('$1.01');
    expect(formatUsd('1.00499999')).toBe('$1.00');
    expect(formatUsd('999.995')).toBe('$1,000.00');
    expect(formatUsd('0.015')).toBe('$0.02');
  });
  it('says "<$0.01" below one cent, and $0.00 only for a real zero', () => {
    expect(formatUsd('0.004')).toBe('<$0.01');
    expect(formatUsd('0.009999')).toBe('<$0.01');
    expect(formatUsd('0.000001')).toBe('<$0.01');
    expect(formatUsd('0.000000')).toBe('$0.00');
    expect(formatUsd('0')).toBe('$0.00');
  });
  it('keeps a sign and rejects junk', () => {
    expect(formatUsd('-2.5')).toBe('-$2.50');
    expect(formatUsd('abc')).toBe('—');
    expect(formatUsd('1e3')).toBe('—');
  });
});

describe('formatCount', () => {
  it('adds thousands separators', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-45000)).toBe('-45,000');
  });
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
  it('keeps every significant digit, with at least cents', () => {
    expect(formatPrice('2.5')).toBe('$2.50');
    expect(formatPrice('10')).toBe('$10.00');
    expect(formatPrice('0.0375')).toBe('$0.0375');
    expect(formatPrice('15.625000')).toBe('$15.625');
    expect(formatPrice('1250.000000')).toBe('$1,250.00');
    expect(formatPrice('0')).toBe('$0.00');
    expect(formatPrice('007.10')).toBe('$7.10');
  });
  it('rejects junk', () => {
    expect(formatPrice('ten')).toBe('—');
    expect(formatPrice('1e3')).toBe('—');
  });
});

describe('formatMicros', () => {
  it('formats integer micro-dollars exactly, to the cent', () => {
    expect(formatMicros(1_234_560_000)).toBe('$1,234.56');
    expect(formatMicros(6_350_000)).toBe('$6.35');
    expect(formatMicros(1_005_000)).toBe('$1.01');
    expect(formatMicros(999_995_000)).toBe('$1,000.00');
    expect(formatMicros(-2_500_000)).toBe('-$2.50');
  });
  it('says "<$0.01" below a cent and "$0.00" only for zero; rejects non-integers', () => {
    expect(formatMicros(4_000)).toBe('<$0.01');
    expect(formatMicros(1)).toBe('<$0.01');
    expect(formatMicros(0)).toBe('$0.00');
    expect(formatMicros(1.5)).toBe('—');
    expect(formatMicros(Number.NaN)).toBe('—');
  });
});
