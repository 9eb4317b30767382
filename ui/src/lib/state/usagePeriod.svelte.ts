// The period the Usage tab shows, held here so other views can move it: the agent-log panel's
// "Show that period" sets it to the days an import brought.
import { periodRange, type DateRange, type Period } from '../period';

class UsagePeriod {
  period = $state<Period>('this_month');
  /** The custom range (YYYY-MM-DD); empty until the Usage tab first opens. */
  customFrom = $state('');
  customTo = $state('');

  /** Starts the custom range at the month shown at `now`, once. */
  init(now: Date) {
    if (this.customFrom !== '') return;
    const month = periodRange('this_month', now);
    this.customFrom = month.from;
    this.customTo = month.to;
  }

  /** The range shown at `now`. */
  range(now: Date): DateRange {
    return this.period === 'custom' ? { from: this.customFrom, to: this.customTo } : periodRange(this.period, now);
  }

  /** Whether every day of `span` is shown at `now`. */
  covers(span: DateRange, now: Date): boolean {
    const shown = this.range(now);
    return shown.from <= span.from && span.to <= shown.to;
  }

  /** Back to "This month" and no custom range (a fresh window; tests). */
  reset() {
    this.period = 'this_month';
    this.customFrom = '';
    this.customTo = '';
  }

  /** Shows exactly `span`. */
  show(span: DateRange) {
    this.period = 'custom';
    this.customFrom = span.from;
    this.customTo = span.to;
  }
}

export const usagePeriod = new UsagePeriod();
