// The dashboard's words and numbers: chart specs from the controls, amounts, the comparison with
// last month, what the hover overlay lists, sparkline geometry and export file names.
// Money arrives as integer micro-dollars; it is only formatted here, never turned into float dollars.
import type { Amount, ChartData, ChartSpec, Dim, Metric, MonthToDate, RangeSpec, Summary } from './bindings';
import type { ChartFormat } from './files';
import { formatCount, formatMicros } from './money';
import { longMonth, SHORT_MONTHS } from './months';
import { ymd, type DateRange } from './period';

/** The range buttons of the main chart. */
export type RangeChoice = '7d' | '30d' | '90d' | '12m' | 'custom';

export const RANGES: { value: RangeChoice; label: string; title: string }[] = [
  { value: '7d', label: '7 d', title: 'The last 7 days' },
  { value: '30d', label: '30 d', title: 'The last 30 days' },
  { value: '90d', label: '90 d', title: 'The last 90 days' },
  { value: '12m', label: '12 m', title: 'The last 12 months' },
  { value: 'custom', label: 'Custom', title: 'Choose the first and last day' },
];

/** The grouping buttons: `testid` is what the tests (and e2e) find them by. */
export const GROUPS: { value: Dim; label: string; testid: string }[] = [
  { value: 'provider', label: 'Provider', testid: 'by-provider' },
  { value: 'credential', label: 'Key', testid: 'by-key' },
  { value: 'model', label: 'Model', testid: 'by-model' },
  { value: 'total', label: 'Total', testid: 'by-total' },
];

export const METRICS: { value: Metric; label: string }[] = [
  { value: 'cost', label: 'Cost' },
  { value: 'tokens', label: 'Tokens' },
];

/** A bucket's size, as the heading of the table's first column: "Day", "Week", "Month". */
export const GRANULARITY_NAMES = { day: 'Day', week: 'Week', month: 'Month' } as const;

/** The height of the charts in the window, in pixels. */
export const CHART_HEIGHT = 320;

/** The size of exported PNG and SVG files (Rust adds a title to them). */
export const EXPORT_SIZE = { width: 1200, height: 600 } as const;

/** The custom range offered first: the last 30 days up to `now`, local calendar. */
export function defaultCustomRange(now: Date): DateRange {
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  return { from: ymd(new Date(y, m, d - 29)), to: ymd(new Date(y, m, d)) };
}

/** What Rust reads as the range: `90d` → the last 90 days, `12m` → the last 12 months. */
export function rangeSpec(choice: RangeChoice, custom: DateRange): RangeSpec {
  switch (choice) {
    case '7d':
      return { kind: 'days', days: 7 };
    case '30d':
      return { kind: 'days', days: 30 };
    case '90d':
      return { kind: 'days', days: 90 };
    case '12m':
      return { kind: 'months', months: 12 };
    case 'custom':
      return { kind: 'custom', from: custom.from, to: custom.to };
  }
}

/** The main chart's spec; Rust picks the bucket size (day, week or month) for the range. */
export function chartSpec(choice: RangeChoice, custom: DateRange, by: Dim, metric: Metric): ChartSpec {
  return { range: rangeSpec(choice, custom), by, metric, granularity: null };
}

/** "2026-11-12" → "12 Nov" (the day's label in the charts), without time-zone shifts. */
export function dayLabel(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${Number(m[3])} ${SHORT_MONTHS[Number(m[2]) - 1]}` : day;
}

/** "2026-11" → "November 2026". */
export function monthName(month: string): string {
  return longMonth(month) ?? month;
}

/** "last 30 days", "last 12 months", "12 Nov 2026 – 23 Nov 2026". */
export function rangeText(choice: RangeChoice, custom: DateRange): string {
  switch (choice) {
    case '7d':
      return 'last 7 days';
    case '30d':
      return 'last 30 days';
    case '90d':
      return 'last 90 days';
    case '12m':
      return 'last 12 months';
    case 'custom': {
      const long = (d: string) => {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
        return m ? `${dayLabel(d)} ${m[1]}` : d;
      };
      return `${long(custom.from)} – ${long(custom.to)}`;
    }
  }
}

const BY_TEXT: Record<Dim, string> = {
  total: 'in total',
  provider: 'by provider',
  credential: 'by key',
  model: 'by model',
};

/** "by provider", "by key"… */
export const byText = (by: Dim): string => BY_TEXT[by];

/** A value of the chart's metric: "$1.23", or "1,234 tokens" (`unit` false: "1,234"). */
export function metricValue(metric: Metric, value: number, unit = true): string {
  if (metric === 'cost') return formatMicros(value);
  return unit ? `${formatCount(value)} tokens` : formatCount(value);
}

export interface AmountDisplay {
  /** "$6.35"; null when nothing of it is priced (some usage, no known price): never "$0.00" then. */
  amount: string | null;
  /** Part or all of the spend has no known price. */
  unpriced: boolean;
}

export function amountDisplay(a: Pick<Amount, 'micros' | 'unpriced'>): AmountDisplay {
  if (a.unpriced && a.micros === 0) return { amount: null, unpriced: true };
  return { amount: formatMicros(a.micros), unpriced: a.unpriced };
}

/** An amount in words, for labels: "$1.50", "$1.50 + unpriced", or "unpriced" (never "$0.00" then). */
export function amountText(a: Pick<Amount, 'micros' | 'unpriced'>): string {
  const d = amountDisplay(a);
  if (d.amount === null) return 'unpriced';
  return d.unpriced ? `${d.amount} + unpriced` : d.amount;
}

export interface Comparison {
  /** "+23 %", "−12 %", "0 %", or "—" when there is nothing to compare with. */
  value: string;
  /** The sentence under it. */
  text: string;
  direction: 'up' | 'down' | 'same' | 'none';
}

const NBSP = '\u00a0';
/** The smallest base a percent change is shown against: $1. */
const MIN_PERCENT_BASE_MICROS = 1_000_000;

/** This month so far against the same days of last month, without dividing by zero. */
export function compareLastMonth(s: Summary): Comparison {
  const now = s.month_to_date.micros;
  const before = s.last_month_same_days.micros;
  if (before <= 0) {
    if (s.last_month_same_days.unpriced) {
      return { value: '—', text: 'Nothing priced in the same days last month', direction: 'none' };
    }
    if (s.last_month_total.micros > 0) {
      return {
        value: '—',
        text: `No spend in the same days last month (${formatMicros(s.last_month_total.micros)} in all)`,
        direction: 'none',
      };
    }
    return { value: '—', text: 'No spend last month', direction: 'none' };
  }
  const text = `vs the same days last month (${formatMicros(before)})`;
  // A change against less than a dollar says little (+24,048 % of $0.01): "new" instead.
  if (before < MIN_PERCENT_BASE_MICROS) {
    return { value: 'new', text, direction: now > before ? 'up' : now < before ? 'down' : 'same' };
  }
  const percent = Math.round(((now - before) * 100) / before);
  if (percent > 0) return { value: `+${formatCount(percent)}${NBSP}%`, text, direction: 'up' };
  if (percent < 0) return { value: `\u2212${formatCount(-percent)}${NBSP}%`, text, direction: 'down' };
  return { value: `0${NBSP}%`, text, direction: 'same' };
}

export interface BucketRow {
  key: string;
  label: string;
  color: string;
  /** The formatted value; null when it is 0 and unpriced (unknown, never "$0"). */
  value: string | null;
  unpriced: boolean;
}

export interface BucketDetail {
  label: string;
  /** The series with something in this bucket, in the chart's order. */
  rows: BucketRow[];
  total: string | null;
  totalUnpriced: boolean;
}

/** What bucket `i` of a chart holds, for the hover overlay; `colors` are the series' colours in Rust's drawing. */
export function bucketDetail(data: ChartData, i: number, colors: string[]): BucketDetail {
  const rows: BucketRow[] = [];
  let sum = 0;
  let anyUnpriced = false;
  data.series.forEach((s, k) => {
    const v = s.values[i] ?? 0;
    const unpriced = data.metric === 'cost' && (s.unpriced[i] ?? false);
    sum += v;
    anyUnpriced ||= unpriced;
    if (v === 0 && !unpriced) return;
    rows.push({
      key: s.key,
      label: s.label,
      color: colors[k] ?? 'currentColor',
      value: v === 0 && unpriced ? null : metricValue(data.metric, v),
      unpriced,
    });
  });
  return {
    label: data.buckets[i]?.label ?? '',
    rows,
    total: sum === 0 && anyUnpriced ? null : metricValue(data.metric, sum),
    totalUnpriced: anyUnpriced,
  };
}

/** Bucket `i` in one sentence, for screen readers: "12 Nov: OpenAI $1.23, Anthropic + unpriced; total $1.23 + unpriced". */
export function bucketSentence(d: BucketDetail): string {
  const part = (value: string | null, unpriced: boolean) =>
    value === null ? 'unpriced' : unpriced ? `${value} + unpriced` : value;
  if (d.rows.length === 0) return `${d.label}: no usage`;
  const rows = d.rows.map((r) => `${r.label} ${part(r.value, r.unpriced)}`).join(', ');
  return `${d.label}: ${rows}; total ${part(d.total, d.totalUnpriced)}`;
}

/** The sum of one series over the whole range (integers: exact). */
export const seriesTotal = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** The total of bucket `i` across the series. */
export const bucketTotal = (data: ChartData, i: number): number =>
  data.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0);

export interface MonthDay {
  label: string;
  /** Spent from the month's first day up to this day; null for days to come. */
  actual: string | null;
  /** About this much by this day at the pace so far; null before today. */
  forecast: string | null;
  budget: string | null;
}

/** Day `i` of the month chart, for its overlay. */
export function monthDay(m: MonthToDate, i: number): MonthDay {
  const actual = m.actual[i];
  const forecast = m.forecast[i];
  return {
    label: dayLabel(m.days[i] ?? ''),
    actual: actual === null || actual === undefined ? null : formatMicros(actual),
    forecast: forecast === null || forecast === undefined || (actual !== null && actual !== undefined) ? null : formatMicros(forecast),
    budget: m.budget_micros === null ? null : formatMicros(m.budget_micros),
  };
}

export function monthDaySentence(d: MonthDay): string {
  if (d.actual !== null) return `${d.label}: ${d.actual} spent so far this month`;
  if (d.forecast !== null) return `${d.label}: about ${d.forecast} at this pace`;
  return `${d.label}: still to come`;
}

/** "$12.30 spent · ≈ $40.00 by month end · budget $50.00" (the parts that are known). */
export function monthLine(m: MonthToDate): string {
  const parts = [`${formatMicros(m.spent_micros)} spent`];
  if (m.forecast_micros !== null) parts.push(`≈ ${formatMicros(m.forecast_micros)} by month end`);
  if (m.budget_micros !== null) parts.push(`budget ${formatMicros(m.budget_micros)}`);
  return parts.join(' · ');
}

/**
 * A sparkline's line and the area under it, as SVG points within `width` × `height` (1 px inset),
 * scaled to the largest value; all zeros draw a flat line along the bottom.
 */
export function sparkPoints(values: number[], width: number, height: number): { line: string; area: string } {
  const n = values.length;
  if (n === 0) return { line: '', area: '' };
  const max = Math.max(0, ...values);
  const bottom = height - 1;
  const y = (v: number) => (max > 0 ? bottom - (Math.max(0, v) / max) * (height - 2) : bottom);
  const round = (v: number) => Math.round(v * 10) / 10;
  const xs = n === 1 ? [1, width - 1] : values.map((_, i) => 1 + (i * (width - 2)) / (n - 1));
  const ys = n === 1 ? [y(values[0]), y(values[0])] : values.map(y);
  const pts = xs.map((x, i) => `${round(x)},${round(ys[i])}`);
  const line = pts.join(' ');
  const area = `${round(xs[0])},${bottom} ${line} ${round(xs[xs.length - 1])},${bottom}`;
  return { line, area };
}

/** "keyledger-spend-30d.png", "keyledger-tokens-2026-11-01-to-2026-11-23.csv". */
export function chartFileName(choice: RangeChoice, custom: DateRange, metric: Metric, format: ChartFormat): string {
  const what = metric === 'cost' ? 'spend' : 'tokens';
  const range = choice === 'custom' ? `${custom.from}-to-${custom.to}` : choice;
  return `keyledger-${what}-${range}.${format}`;
}

/** "keyledger-month-2026-11.png". */
export function monthFileName(month: string, format: ChartFormat): string {
  return `keyledger-month-${month || 'this'}.${format}`;
}

/**
 * The drawing without its hover targets' `<title>`s: the overlay shows the same (and more), and the
 * webview's own tooltip would pop up over it.
 */
export function withoutHoverTitles(svg: string): string {
  const at = svg.indexOf('<g class="hover-targets">');
  if (at < 0) return svg;
  return svg.slice(0, at) + svg.slice(at).replace(/<title>[\s\S]*?<\/title>/g, '');
}
