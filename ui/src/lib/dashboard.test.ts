import { describe, expect, it } from 'vitest';
import type { MonthToDate, Summary } from './bindings';
import {
  amountDisplay,
  amountText,
  bucketDetail,
  bucketSentence,
  chartFileName,
  chartSpec,
  compareLastMonth,
  dayLabel,
  defaultCustomRange,
  monthDay,
  monthFileName,
  monthLine,
  monthName,
  rangeSpec,
  rangeText,
  sparkPoints,
  withoutHoverTitles,
} from './dashboard';
import { chartData, summary as baseSummary } from '../test/fixtures';

const CUSTOM = { from: '2026-11-01', to: '2026-11-23' };

/** $123 this month against $100 by this day last month, and $150 in all of it. */
const summary = (over: Partial<Summary> = {}): Summary =>
  baseSummary({
    month_to_date: { micros: 123_000_000, unpriced: false },
    last_month_total: { micros: 150_000_000, unpriced: false },
    ...over,
  });

describe('chart specs', () => {
  it('maps the range buttons to what Rust reads', () => {
    expect(rangeSpec('7d', CUSTOM)).toEqual({ kind: 'days', days: 7 });
    expect(rangeSpec('30d', CUSTOM)).toEqual({ kind: 'days', days: 30 });
    expect(rangeSpec('90d', CUSTOM)).toEqual({ kind: 'days', days: 90 });
    expect(rangeSpec('12m', CUSTOM)).toEqual({ kind: 'months', months: 12 });
    expect(rangeSpec('custom', CUSTOM)).toEqual({ kind: 'custom', from: '2026-11-01', to: '2026-11-23' });
    expect(chartSpec('30d', CUSTOM, 'credential', 'tokens')).toEqual({
      range: { kind: 'days', days: 30 },
      by: 'credential',
      metric: 'tokens',
      granularity: null,
    });
  });

  it('offers the last 30 days as the first custom range, and words the ranges', () => {
    expect(defaultCustomRange(new Date(2026, 10, 23, 12))).toEqual({ from: '2026-10-25', to: '2026-11-23' });
    expect(rangeText('90d', CUSTOM)).toBe('last 90 days');
    expect(rangeText('12m', CUSTOM)).toBe('last 12 months');
    expect(rangeText('custom', CUSTOM)).toBe('1 Nov 2026 – 23 Nov 2026');
    expect(dayLabel('2026-11-02')).toBe('2 Nov');
    expect(monthName('2026-11')).toBe('November 2026');
  });
});

describe('amounts and the comparison with last month', () => {
  it('never shows $0 for spend with no known price', () => {
    expect(amountDisplay({ micros: 0, unpriced: true })).toEqual({ amount: null, unpriced: true });
    expect(amountDisplay({ micros: 1_500_000, unpriced: true })).toEqual({ amount: '$1.50', unpriced: true });
    expect(amountDisplay({ micros: 0, unpriced: false })).toEqual({ amount: '$0.00', unpriced: false });
    expect(amountText({ micros: 0, unpriced: true })).toBe('unpriced');
    expect(amountText({ micros: 1_500_000, unpriced: true })).toBe('$1.50 + unpriced');
    expect(amountText({ micros: 0, unpriced: false })).toBe('$0.00');
  });

  it('gives the change in whole percent, up or down', () => {
    expect(compareLastMonth(summary())).toEqual({
      value: '+23\u00a0%',
      text: 'vs the same days last month ($100.00)',
      direction: 'up',
    });
    expect(compareLastMonth(summary({ month_to_date: { micros: 50_000_000, unpriced: false } })).value).toBe(
      '\u221250\u00a0%',
    );
    expect(compareLastMonth(summary({ month_to_date: { micros: 100_000_000, unpriced: false } }))).toMatchObject({
      value: '0\u00a0%',
      direction: 'same',
    });
  });

  it('says "new" against less than a dollar, and groups the digits of a large change', () => {
    const base = (micros: number) => summary({ last_month_same_days: { micros, unpriced: false } });
    expect(compareLastMonth(base(999_999))).toMatchObject({ value: 'new', direction: 'up' });
    expect(compareLastMonth({ ...base(8_810_000), month_to_date: { micros: 2_127_540_000, unpriced: false } }).value).toBe(
      '+24,049\u00a0%',
    );
  });

  it('does not divide by zero when last month had nothing by this day', () => {
    const none = { micros: 0, unpriced: false };
    expect(compareLastMonth(summary({ last_month_same_days: none, last_month_total: none }))).toEqual({
      value: '—',
      text: 'No spend last month',
      direction: 'none',
    });
    expect(compareLastMonth(summary({ last_month_same_days: none })).text).toBe(
      'No spend in the same days last month ($150.00 in all)',
    );
    expect(compareLastMonth(summary({ last_month_same_days: { micros: 0, unpriced: true } })).text).toBe(
      'Nothing priced in the same days last month',
    );
  });
});

describe('the hover overlay', () => {
  // The first two of the three days: OpenAI on the first, unpriced usage of other models on both.
  const data = chartData({
    to: '2026-11-11',
    time_zone: 'UTC',
    buckets: chartData().buckets.slice(0, 2),
    series: [
      { key: 'openai', label: 'OpenAI', values: [1_230_000, 0], unpriced: [false, false] },
      { key: 'other', label: 'Other', values: [500_000, 0], unpriced: [true, true] },
    ],
    total: 1_730_000,
  });

  it('lists the series with something in the bucket, their colours and the total', () => {
    const d = bucketDetail(data, 0, ['#0072b2', '#9aa1ad']);
    expect(d).toEqual({
      label: '10 Nov',
      rows: [
        { key: 'openai', label: 'OpenAI', color: '#0072b2', value: '$1.23', unpriced: false },
        { key: 'other', label: 'Other', color: '#9aa1ad', value: '$0.50', unpriced: true },
      ],
      total: '$1.73',
      totalUnpriced: true,
    });
    expect(bucketSentence(d)).toBe('10 Nov: OpenAI $1.23, Other $0.50 + unpriced; total $1.73 + unpriced');
    const unknown = bucketDetail(data, 1, ['#56b4e9', '#6b7280']);
    expect(unknown.rows).toEqual([{ key: 'other', label: 'Other', color: '#6b7280', value: null, unpriced: true }]);
    expect(unknown.total).toBeNull();
    expect(bucketSentence(unknown)).toBe('11 Nov: Other unpriced; total unpriced');
  });

  it('describes a day of the month: spent so far, the pace after today, the budget', () => {
    const m: MonthToDate = {
      month: '2026-11',
      time_zone: 'UTC',
      days: ['2026-11-01', '2026-11-02', '2026-11-03'],
      actual: [1_000_000, 2_000_000, null],
      forecast: [null, 2_000_000, 3_000_000],
      budget_micros: null,
      spent_micros: 2_000_000,
      forecast_micros: 3_000_000,
      any_unpriced: false,
    };
    expect(monthDay(m, 1)).toEqual({ label: '2 Nov', actual: '$2.00', forecast: null, budget: null });
    expect(monthDay(m, 2)).toEqual({ label: '3 Nov', actual: null, forecast: '$3.00', budget: null });
    expect(monthLine(m)).toBe('$2.00 spent · ≈ $3.00 by month end');
    expect(monthLine({ ...m, forecast_micros: null, budget_micros: 10_000_000 })).toBe('$2.00 spent · budget $10.00');
  });
});

describe('sparklines and file names', () => {
  it('scales the line to the busiest day, inside the box', () => {
    const { line, area } = sparkPoints([0, 5, 10], 72, 20);
    expect(line).toBe('1,19 36,10 71,1');
    expect(area).toBe('1,19 1,19 36,10 71,1 71,19');
  });

  it('draws all zeros (or a single day) as a flat line', () => {
    expect(sparkPoints([0, 0, 0], 72, 20).line).toBe('1,19 36,19 71,19');
    expect(sparkPoints([7], 72, 20).line).toBe('1,1 71,1');
    expect(sparkPoints([], 72, 20)).toEqual({ line: '', area: '' });
  });

  it('names exports after what they hold', () => {
    expect(chartFileName('30d', CUSTOM, 'cost', 'png')).toBe('keyledger-spend-30d.png');
    expect(chartFileName('custom', CUSTOM, 'tokens', 'csv')).toBe('keyledger-tokens-2026-11-01-to-2026-11-23.csv');
    expect(monthFileName('2026-11', 'svg')).toBe('keyledger-month-2026-11.svg');
  });
});

describe('withoutHoverTitles', () => {
  it("drops the hover targets' titles (the overlay replaces them) and keeps the rest", () => {
    const svg =
      '<svg><title>Chart</title><rect/><g class="hover-targets"><rect data-bucket="0"><title>12 Nov: OpenAI $1.23</title></rect><rect data-bucket="1"><title>13 Nov</title></rect></g></svg>';
    expect(withoutHoverTitles(svg)).toBe(
      '<svg><title>Chart</title><rect/><g class="hover-targets"><rect data-bucket="0"></rect><rect data-bucket="1"></rect></g></svg>',
    );
    expect(withoutHoverTitles('<svg><title>x</title></svg>')).toBe('<svg><title>x</title></svg>');
  });
});
