// Report periods. Ranges are inclusive and use the user's LOCAL calendar (a "month" is the
// local month), written as YYYY-MM-DD for `usage_report`, which reads them as UTC days.
export type Period = 'this_month' | 'last_7' | 'last_30' | 'last_month' | 'custom';

export interface DateRange {
  from: string;
  to: string;
}

export const PERIODS: { value: Period; label: string }[] = [
  { value: 'this_month', label: 'This month' },
  { value: 'last_7', label: 'Last 7 days' },
  { value: 'last_30', label: 'Last 30 days' },
  { value: 'last_month', label: 'Last month' },
  { value: 'custom', label: 'Custom' },
];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The local calendar date of `d` as YYYY-MM-DD. */
export function ymd(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isYmd(value: string): boolean {
  const m = YMD.exec(value);
  if (!m) return false;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getFullYear() === Number(m[1]) && d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]);
}

/** `{from, to}` of a preset period as seen at `now` (local time). */
export function periodRange(period: Exclude<Period, 'custom'>, now: Date): DateRange {
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  const today = ymd(new Date(y, m, d));
  switch (period) {
    case 'this_month':
      return { from: ymd(new Date(y, m, 1)), to: today };
    case 'last_7':
      return { from: ymd(new Date(y, m, d - 6)), to: today };
    case 'last_30':
      return { from: ymd(new Date(y, m, d - 29)), to: today };
    case 'last_month':
      // Day 0 of this month is the last day of the previous one.
      return { from: ymd(new Date(y, m - 1, 1)), to: ymd(new Date(y, m, 0)) };
  }
}

/** Why a custom range cannot be used, or null when it can. */
export function rangeProblem(range: DateRange): string | null {
  if (!isYmd(range.from) || !isYmd(range.to)) return 'Choose both a start and an end date.';
  if (range.from > range.to) return 'The start date is after the end date.';
  return null;
}
