import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import DashboardView from '../DashboardView.svelte';
import { chartData, credential, recordIPC, summary, type Handler } from '../../test/fixtures';
import type { ChartData, ChartSpec, Look, MonthToDate, Summary } from '../../lib/bindings';
import { files } from '../../lib/files';
import { toasts } from '../../lib/toasts.svelte';
import { resetWindow } from '../../test/reset';

vi.mock('../../lib/files', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/files')>()),
  files: { pickFile: vi.fn(), pickSaveFile: vi.fn() },
}));

function month(over: Partial<MonthToDate> = {}): MonthToDate {
  return {
    month: '2026-11',
    time_zone: 'Europe/Berlin',
    days: ['2026-11-01', '2026-11-02', '2026-11-03'],
    actual: [1_000_000, 2_500_000, null],
    forecast: [null, 2_500_000, 3_750_000],
    budget_micros: 50_000_000,
    spent_micros: 2_500_000,
    forecast_micros: 3_750_000,
    any_unpriced: false,
    ...over,
  };
}

/** A drawing like Rust's: a background, then one transparent hover target per bucket. */
function fakeSvg(n: number, marker = 'chart'): string {
  const targets = Array.from(
    { length: n },
    (_, i) =>
      `<rect data-bucket="${i}" x="${60 + i * 200}" y="20" width="200" height="260" fill="#000" fill-opacity="0"><title>bucket ${i}</title></rect>`,
  ).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="320" viewBox="0 0 720 320" data-marker="${marker}"><rect width="720" height="320" fill="#fff"/><g class="hover-targets">${targets}</g></svg>`;
}

/** The series' colours as Rust reports them with the drawing. */
const COLORS = ['#0072b2', '#e69f00', '#009e73'];
const SPEC_30D: ChartSpec = { range: { kind: 'days', days: 30 }, by: 'provider', metric: 'cost', granularity: null };
const LOOK: Look = { width: 720, height: 320, theme: 'light', title: null };

interface Props {
  version?: number;
  onopenkey?: (id: string) => void;
  onopenalerts?: () => void;
  onaddkey?: () => void;
  onopenusage?: () => void;
  onopenlogs?: () => void;
}

function setup(
  options: { summary?: Summary; chart?: ChartData; month?: MonthToDate; extra?: Handler; props?: Props } = {},
) {
  const calls = recordIPC((cmd, args) => {
    if (cmd === 'dashboard_summary') return options.summary ?? summary();
    if (cmd === 'chart_view') {
      const data = options.chart ?? chartData();
      return { data, colors: data.series.map((_, k) => COLORS[k]), svg: fakeSvg(data.buckets.length) };
    }
    if (cmd === 'month_view') {
      const data = options.month ?? month();
      return { data, svg: fakeSvg(data.days.length, 'month') };
    }
    return options.extra?.(cmd, args) ?? null;
  });
  const result = render(DashboardView, {
    credentials: [credential({ id: 'key-1', label: 'Work laptop' }), credential({ id: 'admin-1', kind: 'admin' })],
    ...options.props,
  });
  const argsOf = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  const lastChart = () => {
    const all = argsOf('chart_view') as { spec: ChartSpec; look: Look }[];
    return all[all.length - 1];
  };
  return { calls, argsOf, lastChart, ...result };
}

const mainChart = () => screen.getByTestId('main-chart');
const monthChart = () => screen.getByTestId('month-chart');

/** Waits until the main chart shows its drawing. */
async function drawn(card: () => HTMLElement = mainChart) {
  await waitFor(() => expect(card().querySelector('[data-bucket="0"]')).not.toBeNull());
}

beforeEach(() => {
  vi.mocked(files.pickSaveFile).mockReset();
});

afterEach(() => {
  resetWindow();
  vi.unstubAllGlobals();
});

describe('DashboardView: cards', () => {
  it('shows today, the month with its forecast, last month, the top key and model, and the budget', async () => {
    setup();
    const today = await screen.findByTestId('card-today');
    expect(within(today).getByTestId('today-value')).toHaveTextContent('$12.34');
    // Part of today has no known price: tagged, with an explanation.
    const tag = within(today).getByTestId('unpriced');
    expect(tag).toHaveTextContent('+ unpriced');
    expect(tag.title).toMatch(/no known price/);

    const month = screen.getByTestId('card-month');
    expect(within(month).getByTestId('month-value')).toHaveTextContent('$123.45');
    expect(within(month).queryByTestId('unpriced')).toBeNull();
    expect(within(month).getByTestId('month-forecast')).toHaveTextContent('≈ $300.00 by month end');

    const versus = screen.getByTestId('card-vs-last-month');
    expect(within(versus).getByTestId('versus-value')).toHaveTextContent('+23 %');
    expect(within(versus).getByTestId('versus-text')).toHaveTextContent('vs the same days last month ($100.00)');

    const topKey = screen.getByTestId('card-top-key');
    expect(topKey).toHaveTextContent('$80.00');
    expect(topKey).toHaveTextContent('Work laptop');
    const topModel = screen.getByTestId('card-top-model');
    expect(topModel).toHaveTextContent('$70.00');
    expect(topModel).toHaveTextContent('gpt-5');

    const budget = screen.getByTestId('card-budget');
    expect(within(budget).getByTestId('budget-text')).toHaveTextContent('$123.45 of $200.00 · 61 %');
    expect(within(budget).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '61');
  });

  it('says when there is nothing to compare with, no forecast yet, no budget, and unknown spend', async () => {
    const onopenalerts = vi.fn();
    setup({
      summary: summary({
        today: { micros: 0, unpriced: true },
        forecast_micros: null,
        last_month_same_days: { micros: 0, unpriced: false },
        last_month_total: { micros: 0, unpriced: false },
        top_key: null,
        top_model: null,
        budget: null,
      }),
      props: { onopenalerts },
    });
    const today = await screen.findByTestId('card-today');
    // Nothing priced today: "unpriced", never "$0.00".
    expect(within(today).getByTestId('today-value')).toHaveTextContent(/^unpriced$/);
    expect(today).not.toHaveTextContent('$0');
    expect(screen.getByTestId('card-month')).toHaveTextContent('November 2026 so far');
    expect(screen.queryByTestId('month-forecast')).toBeNull();
    expect(within(screen.getByTestId('card-vs-last-month')).getByTestId('versus-text')).toHaveTextContent(
      'No spend last month',
    );
    expect(screen.getByTestId('card-vs-last-month')).not.toHaveTextContent('%');
    expect(screen.getByTestId('card-top-key')).toHaveTextContent('No spend this month');
    expect(screen.getByTestId('card-top-model')).toHaveTextContent('No spend this month');
    const budget = screen.getByTestId('card-budget');
    expect(budget).toHaveTextContent('No monthly budget');
    await fireEvent.click(within(budget).getByTestId('budget-set-link'));
    expect(onopenalerts).toHaveBeenCalledTimes(1);
  });

  it('shows a drop against last month, and spend that started late last month', async () => {
    const { unmount } = setup({ summary: summary({ month_to_date: { micros: 75_000_000, unpriced: false } }) });
    const value = await screen.findByTestId('versus-value');
    expect(value).toHaveTextContent('−25 %');
    unmount();
    setup({
      summary: summary({
        last_month_same_days: { micros: 0, unpriced: false },
        last_month_total: { micros: 42_000_000, unpriced: false },
      }),
    });
    expect(await screen.findByTestId('versus-text')).toHaveTextContent(
      'No spend in the same days last month ($42.00 in all)',
    );
  });

  it('opens the top key in the Keys tab when it is a stored key', async () => {
    const onopenkey = vi.fn();
    setup({ props: { onopenkey } });
    await fireEvent.click(await screen.findByTestId('top-key-link'));
    expect(onopenkey).toHaveBeenCalledWith('key-1');
  });

  it('shows the top key as text when it is not a stored key', async () => {
    setup({
      summary: summary({ top_key: { key: 'org-account', label: 'OpenAI org', micros: 1_000_000 } }),
      props: { onopenkey: vi.fn() },
    });
    expect(await screen.findByTestId('card-top-key')).toHaveTextContent('OpenAI org');
    expect(screen.queryByTestId('top-key-link')).toBeNull();
  });
});

describe('DashboardView: loading, errors and the empty state', () => {
  it('shows skeletons while the summary loads, then an error with a working retry', async () => {
    let fail = true;
    let answer: () => void = () => {};
    recordIPC((cmd) => {
      if (cmd === 'dashboard_summary') {
        return new Promise((resolve, reject) => {
          answer = () => (fail ? reject({ code: 'storage', message: 'the database is busy' }) : resolve(summary()));
        });
      }
      if (cmd === 'chart_view') {
        const data = chartData();
        return { data, colors: data.series.map((_, k) => COLORS[k]), svg: fakeSvg(3) };
      }
      if (cmd === 'month_view') return { data: month(), svg: fakeSvg(3) };
      return null;
    });
    render(DashboardView, { credentials: [] });
    expect(screen.getByTestId('dashboard-loading')).toHaveAttribute('aria-busy', 'true');
    answer();
    const error = await screen.findByTestId('dashboard-error');
    expect(error).toHaveTextContent('the database is busy');
    fail = false;
    await fireEvent.click(within(error).getByRole('button', { name: /retry/i }));
    answer();
    expect(await screen.findByTestId('card-today')).toBeInTheDocument();
    expect(screen.queryByTestId('dashboard-error')).toBeNull();
  });

  it('explains how to get usage when there is none, without drawing charts', async () => {
    const onaddkey = vi.fn();
    const onopenusage = vi.fn();
    const onopenlogs = vi.fn();
    const calls = recordIPC((cmd) => (cmd === 'dashboard_summary' ? summary({ has_usage: false }) : null));
    render(DashboardView, { credentials: [credential()], onaddkey, onopenusage, onopenlogs });
    const empty = await screen.findByTestId('dashboard-empty');
    expect(empty).toHaveTextContent('No usage yet');
    expect(empty).toHaveTextContent('Poll now');
    expect(screen.queryByTestId('main-chart')).toBeNull();
    expect(calls.some((c) => c.cmd === 'chart_view' || c.cmd === 'month_view')).toBe(false);

    await fireEvent.click(within(empty).getByTestId('dashboard-add-key'));
    expect(onaddkey).toHaveBeenCalledTimes(1);
    await fireEvent.click(within(empty).getByTestId('dashboard-poll'));
    expect(onopenusage).toHaveBeenCalledTimes(1);
    await fireEvent.click(within(empty).getByTestId('dashboard-logs'));
    expect(onopenlogs).toHaveBeenCalledTimes(1);
  });

  it('offers no "add an admin key" when one is stored already', async () => {
    recordIPC((cmd) => (cmd === 'dashboard_summary' ? summary({ has_usage: false }) : null));
    render(DashboardView, { credentials: [credential({ kind: 'admin' })], onaddkey: vi.fn(), onopenusage: vi.fn() });
    const empty = await screen.findByTestId('dashboard-empty');
    expect(within(empty).queryByTestId('dashboard-add-key')).toBeNull();
    expect(within(empty).getByTestId('dashboard-poll')).toBeInTheDocument();
  });

  it('reloads the summary and both charts when the usage changes', async () => {
    const { argsOf, rerender } = setup({ props: { version: 0 } });
    await drawn();
    await drawn(monthChart);
    expect(argsOf('dashboard_summary')).toHaveLength(1);
    expect(argsOf('chart_view')).toHaveLength(1);
    expect(argsOf('month_view')).toHaveLength(1);
    await rerender({ version: 1 });
    await waitFor(() => expect(argsOf('dashboard_summary')).toHaveLength(2));
    await waitFor(() => expect(argsOf('chart_view')).toHaveLength(2));
    await waitFor(() => expect(argsOf('month_view')).toHaveLength(2));
  });
});

describe('DashboardView: the spend chart', () => {
  it('asks for the last 30 days by provider, in cost, at the measured width, and shows the drawing', async () => {
    const { argsOf } = setup();
    await drawn();
    expect(argsOf('chart_view')).toEqual([{ spec: SPEC_30D, look: LOOK }]);
    expect(screen.getByTestId('range-30d')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('by-provider')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('metric-cost')).toHaveAttribute('aria-pressed', 'true');
    const svg = screen.getByTestId('chart-svg');
    expect(svg.querySelector('svg')).toHaveAttribute('data-marker', 'chart');
    expect(svg.querySelectorAll('[data-bucket]')).toHaveLength(3);
    // The overlay replaces the targets' native tooltips.
    expect(svg.querySelector('[data-bucket] title')).toBeNull();
    expect(svg).toHaveAttribute('role', 'img');
    expect(svg).toHaveAttribute('tabindex', '0');
    expect(svg.getAttribute('aria-label')).toContain('last 30 days, by provider: $3.73 + unpriced in all');
  });

  it('asks again with the range, grouping and measure chosen', async () => {
    const { lastChart } = setup();
    await drawn();
    await fireEvent.click(screen.getByTestId('range-90d'));
    await waitFor(() => expect(lastChart().spec.range).toEqual({ kind: 'days', days: 90 }));
    await fireEvent.click(screen.getByTestId('range-7d'));
    await waitFor(() => expect(lastChart().spec.range).toEqual({ kind: 'days', days: 7 }));
    await fireEvent.click(screen.getByTestId('range-12m'));
    await waitFor(() => expect(lastChart().spec.range).toEqual({ kind: 'months', months: 12 }));
    await fireEvent.click(screen.getByTestId('by-key'));
    await waitFor(() => expect(lastChart().spec.by).toBe('credential'));
    await fireEvent.click(screen.getByTestId('by-model'));
    await waitFor(() => expect(lastChart().spec.by).toBe('model'));
    await fireEvent.click(screen.getByTestId('by-total'));
    await waitFor(() => expect(lastChart().spec.by).toBe('total'));
    await fireEvent.click(screen.getByTestId('metric-tokens'));
    await waitFor(() =>
      expect(lastChart().spec).toEqual({ range: { kind: 'months', months: 12 }, by: 'total', metric: 'tokens', granularity: null }),
    );
    expect(screen.getByTestId('metric-tokens')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('metric-cost')).toHaveAttribute('aria-pressed', 'false');
  });

  it('names the card after the measure: Spend over time, or Tokens over time', async () => {
    setup();
    await drawn();
    expect(screen.getByTestId('main-chart-title')).toHaveTextContent(/^Spend over time$/);
    expect(screen.getByRole('region', { name: 'Spend over time' })).toBe(mainChart());
    expect(within(mainChart()).getByTestId('export-png')).toHaveAccessibleName('Export the spend chart as PNG');
    await fireEvent.click(screen.getByTestId('metric-tokens'));
    expect(screen.getByTestId('main-chart-title')).toHaveTextContent(/^Tokens over time$/);
    expect(screen.getByRole('region', { name: 'Tokens over time' })).toBe(mainChart());
    expect(screen.queryByRole('region', { name: 'Spend over time' })).toBeNull();
    expect(within(mainChart()).getByTestId('export-png')).toHaveAccessibleName('Export the tokens chart as PNG');
  });

  it('applies a custom range once both days are valid and in order', async () => {
    const { lastChart, argsOf } = setup();
    await drawn();
    expect(screen.queryByTestId('range-from')).toBeNull();
    await fireEvent.click(screen.getByTestId('range-custom'));
    const from = screen.getByTestId('range-from') as HTMLInputElement;
    const to = screen.getByTestId('range-to') as HTMLInputElement;
    await waitFor(() => expect(lastChart().spec.range.kind).toBe('custom'));

    await fireEvent.change(from, { target: { value: '2026-11-01' } });
    await fireEvent.change(to, { target: { value: '2026-11-20' } });
    await waitFor(() => expect(lastChart().spec.range).toEqual({ kind: 'custom', from: '2026-11-01', to: '2026-11-20' }));

    // The start after the end: said, and not asked for.
    const before = argsOf('chart_view').length;
    await fireEvent.change(from, { target: { value: '2026-11-25' } });
    expect(screen.getByTestId('range-error')).toHaveTextContent('The start date is after the end date.');
    expect(from).toHaveAttribute('aria-invalid', 'true');
    await new Promise((r) => setTimeout(r, 20));
    expect(argsOf('chart_view')).toHaveLength(before);
    expect(lastChart().spec.range).toEqual({ kind: 'custom', from: '2026-11-01', to: '2026-11-20' });
  });

  it('shows what a bar holds on hover: each series, unpriced usage tagged, and the total', async () => {
    setup();
    await drawn();
    const svg = screen.getByTestId('chart-svg');
    expect(screen.queryByTestId('chart-tooltip')).toBeNull();

    await fireEvent.pointerMove(svg.querySelector('[data-bucket="0"]')!);
    let tip = screen.getByTestId('chart-tooltip');
    expect(tip).toHaveTextContent('10 Nov');
    const rows = within(tip).getAllByTestId('tooltip-row');
    expect(rows.map((r) => r.getAttribute('data-series'))).toEqual(['openai', 'anthropic']);
    expect(rows[0]).toHaveTextContent('OpenAI');
    expect(rows[0]).toHaveTextContent('$1.23');
    expect(rows[1]).toHaveTextContent('Anthropic');
    expect(rows[1]).toHaveTextContent('$2.00');
    const dots = rows.map((r) => (r.querySelector('.dot') as HTMLElement).style.background);
    expect(dots).toEqual(['rgb(0, 114, 178)', 'rgb(230, 159, 0)']);
    expect(within(tip).getByTestId('tooltip-total')).toHaveTextContent('Total $3.23');
    expect(svg.querySelector('[data-bucket="0"]')).toHaveAttribute('data-active');

    // A day with only unpriced usage: tagged, never "$0".
    await fireEvent.pointerMove(svg.querySelector('[data-bucket="1"]')!);
    tip = screen.getByTestId('chart-tooltip');
    expect(tip).toHaveTextContent('11 Nov');
    const unpriced = within(tip).getAllByTestId('tooltip-row');
    expect(unpriced).toHaveLength(1);
    expect(unpriced[0]).toHaveTextContent('Anthropic');
    expect(within(unpriced[0]).getByTestId('unpriced')).toHaveTextContent(/^unpriced$/);
    expect(within(tip).getByTestId('tooltip-total')).toHaveTextContent(/^Total unpriced$/);
    expect(tip).not.toHaveTextContent('$0');
    expect(svg.querySelector('[data-bucket="0"]')).not.toHaveAttribute('data-active');

    await fireEvent.pointerLeave(svg);
    expect(screen.queryByTestId('chart-tooltip')).toBeNull();
  });

  it('tags a priced amount with "+ unpriced" when part of the bucket has no price', async () => {
    const data = chartData();
    data.series[0].unpriced = [true, false, false];
    setup({ chart: data });
    await drawn();
    await fireEvent.pointerMove(screen.getByTestId('chart-svg').querySelector('[data-bucket="0"]')!);
    const tip = screen.getByTestId('chart-tooltip');
    const openai = within(tip).getAllByTestId('tooltip-row')[0];
    expect(openai).toHaveTextContent('$1.23');
    expect(within(openai).getByTestId('unpriced')).toHaveTextContent('+ unpriced');
    expect(within(tip).getByTestId('tooltip-total')).toHaveTextContent('$3.23 + unpriced');
  });

  it('walks the bars with the arrow keys and hides the overlay with Escape', async () => {
    setup();
    await drawn();
    const svg = screen.getByTestId('chart-svg');
    svg.focus();
    await fireEvent.keyDown(svg, { key: 'ArrowRight' });
    expect(screen.getByTestId('chart-tooltip')).toHaveTextContent('10 Nov');
    expect(screen.getByTestId('chart-tooltip')).toHaveAttribute('data-bucket', '0');
    await fireEvent.keyDown(svg, { key: 'ArrowRight' });
    await fireEvent.keyDown(svg, { key: 'ArrowRight' });
    expect(screen.getByTestId('chart-tooltip')).toHaveTextContent('12 Nov');
    // Stops at the last bar.
    await fireEvent.keyDown(svg, { key: 'ArrowRight' });
    expect(screen.getByTestId('chart-tooltip')).toHaveAttribute('data-bucket', '2');
    expect(svg.querySelector('[data-bucket="2"]')).toHaveAttribute('data-active');
    await fireEvent.keyDown(svg, { key: 'ArrowLeft' });
    expect(screen.getByTestId('chart-tooltip')).toHaveTextContent('11 Nov');
    // Announced to screen readers too.
    expect(screen.getByTestId('main-chart').querySelector('[aria-live]')).toHaveTextContent(
      '11 Nov: Anthropic unpriced; total unpriced',
    );
    await fireEvent.keyDown(svg, { key: 'Escape' });
    expect(screen.queryByTestId('chart-tooltip')).toBeNull();
    // From nothing, ArrowLeft starts at the last bar.
    await fireEvent.keyDown(svg, { key: 'ArrowLeft' });
    expect(screen.getByTestId('chart-tooltip')).toHaveAttribute('data-bucket', '2');
  });

  it('shows the same numbers as a table', async () => {
    setup();
    await drawn();
    expect(screen.queryByTestId('chart-table')).toBeNull();
    const toggle = screen.getByTestId('chart-table-toggle');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const table = screen.getByTestId('chart-table');
    const head = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent?.trim());
    expect(head).toEqual(['Day', 'OpenAI', 'Anthropic', 'Total']);
    const rows = within(table).getAllByTestId('chart-table-row');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByRole('rowheader')).toHaveTextContent('10 Nov');
    expect(within(rows[0]).getAllByRole('cell').map((c) => c.textContent?.trim())).toEqual(['$1.23', '$2.00', '$3.23']);
    const day2 = within(rows[1]).getAllByRole('cell');
    expect(day2[0]).toHaveTextContent('$0.00');
    expect(day2[1]).toHaveTextContent(/^unpriced$/);
    expect(day2[2]).toHaveTextContent(/^unpriced$/);
    await fireEvent.click(toggle);
    expect(screen.queryByTestId('chart-table')).toBeNull();
  });

  it('shows an error with a retry when the chart cannot be drawn', async () => {
    let fail = true;
    recordIPC((cmd) => {
      if (cmd === 'dashboard_summary') return summary();
      if (cmd === 'chart_view') {
        if (fail) throw { code: 'invalid_input', message: 'the range is too long' };
        return { data: chartData(), svg: fakeSvg(3) };
      }
      if (cmd === 'month_view') return { data: month(), svg: fakeSvg(3) };
      return null;
    });
    render(DashboardView, { credentials: [] });
    const error = await screen.findByTestId('main-chart-error');
    expect(error).toHaveTextContent('the range is too long');
    fail = false;
    await fireEvent.click(within(error).getByRole('button', { name: /retry/i }));
    await drawn();
    expect(screen.queryByTestId('main-chart-error')).toBeNull();
  });

  it('draws in the dark theme when the system is dark, and again when it switches', async () => {
    let listener: ((e: { matches: boolean }) => void) | null = null;
    vi.stubGlobal(
      'matchMedia',
      vi.fn((query: string) => ({
        matches: query === '(prefers-color-scheme: dark)',
        media: query,
        addEventListener: (_: string, fn: (e: { matches: boolean }) => void) => (listener = fn),
        removeEventListener: () => (listener = null),
      })),
    );
    const { lastChart, argsOf } = setup();
    await drawn();
    expect(lastChart().look.theme).toBe('dark');
    expect((argsOf('month_view')[0] as { look: Look }).look.theme).toBe('dark');
    expect(listener).not.toBeNull();
    listener!({ matches: false });
    await waitFor(() => expect(lastChart().look.theme).toBe('light'));
    await waitFor(() => {
      const months = argsOf('month_view') as { look: Look }[];
      expect(months[months.length - 1].look.theme).toBe('light');
    });
  });
});

describe('DashboardView: this month', () => {
  it('shows the month so far, its pace and the budget, with an overlay per day', async () => {
    const { argsOf } = setup();
    await drawn(monthChart);
    expect(argsOf('month_view')).toEqual([{ look: LOOK }]);
    expect(within(monthChart()).getByTestId('month-summary')).toHaveTextContent(
      '$2.50 spent · ≈ $3.75 by month end · budget $50.00',
    );
    const svg = within(monthChart()).getByTestId('month-svg');
    expect(svg.querySelector('svg')).toHaveAttribute('data-marker', 'month');
    await fireEvent.pointerMove(svg.querySelector('[data-bucket="1"]')!);
    const tip = within(monthChart()).getByTestId('chart-tooltip');
    expect(tip).toHaveTextContent('2 Nov');
    expect(tip).toHaveTextContent('Spent so far$2.50');
    expect(tip).toHaveTextContent('Budget$50.00');
    svg.focus();
    await fireEvent.keyDown(svg, { key: 'ArrowRight' });
    expect(within(monthChart()).getByTestId('chart-tooltip')).toHaveTextContent('3 Nov');
    expect(within(monthChart()).getByTestId('chart-tooltip')).toHaveTextContent('At this pace≈ $3.75');
  });

  it('leaves out the pace and the budget when there are none, and tags unpriced usage', async () => {
    setup({ month: month({ forecast_micros: null, budget_micros: null, any_unpriced: true }) });
    await drawn(monthChart);
    const line = within(monthChart()).getByTestId('month-summary');
    expect(line).toHaveTextContent(/^\$2\.50 spent \+ unpriced$/);
  });
});

describe('DashboardView: exports', () => {
  it('exports the spend chart where the user chooses, with its spec', async () => {
    vi.mocked(files.pickSaveFile).mockResolvedValueOnce('/home/me/charts/spend.png');
    const { argsOf } = setup({
      extra: (cmd) => (cmd === 'chart_export' ? '2026-10-14 to 2026-11-12: $3.73 + unpriced usage' : null),
    });
    await drawn();
    await fireEvent.click(screen.getByTestId('range-90d'));
    await fireEvent.click(within(mainChart()).getByTestId('export-png'));
    await waitFor(() => expect(argsOf('chart_export')).toHaveLength(1));
    const options = vi.mocked(files.pickSaveFile).mock.calls[0][0];
    expect(options?.defaultPath).toBe('keyledger-spend-90d.png');
    expect(options?.filters).toEqual([{ name: 'PNG image', extensions: ['png'] }]);
    expect(argsOf('chart_export')[0]).toEqual({
      path: '/home/me/charts/spend.png',
      spec: { ...SPEC_30D, range: { kind: 'days', days: 90 } },
      look: { width: 1200, height: 600, theme: 'light', title: null },
      overwrite: true,
    });
    await waitFor(() => expect(toasts.items.map((t) => t.text)).toHaveLength(1));
    expect(toasts.items[0]).toMatchObject({ tone: 'success' });
    expect(toasts.items[0].text).toContain('/home/me/charts/spend.png');
    expect(toasts.items[0].text).toContain('2026-10-14 to 2026-11-12: $3.73 + unpriced usage');
  });

  it("exports this month's chart with a null spec", async () => {
    vi.mocked(files.pickSaveFile).mockResolvedValueOnce('/home/me/month.csv');
    const { argsOf } = setup({ extra: (cmd) => (cmd === 'chart_export' ? 'this month so far: $2.50' : null) });
    await drawn(monthChart);
    await fireEvent.click(within(monthChart()).getByTestId('export-csv'));
    await waitFor(() => expect(argsOf('chart_export')).toHaveLength(1));
    expect(vi.mocked(files.pickSaveFile).mock.calls[0][0]?.defaultPath).toBe('keyledger-month-2026-11.csv');
    expect(argsOf('chart_export')[0]).toMatchObject({ path: '/home/me/month.csv', spec: null, overwrite: true });
  });

  it('does nothing when the chooser is cancelled, and shows why an export failed', async () => {
    vi.mocked(files.pickSaveFile).mockResolvedValueOnce(null);
    const { argsOf } = setup({
      extra: (cmd) => {
        if (cmd === 'chart_export') throw { code: 'io', message: 'cannot write /readonly/spend.svg' };
        return null;
      },
    });
    await drawn();
    await fireEvent.click(within(mainChart()).getByTestId('export-svg'));
    await waitFor(() => expect(files.pickSaveFile).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(argsOf('chart_export')).toHaveLength(0);
    expect(toasts.items).toHaveLength(0);
    expect(within(mainChart()).getByTestId('export-svg')).not.toBeDisabled();

    vi.mocked(files.pickSaveFile).mockResolvedValueOnce('/readonly/spend.svg');
    await fireEvent.click(within(mainChart()).getByTestId('export-svg'));
    await waitFor(() => expect(toasts.items.map((t) => t.text)).toEqual(['cannot write /readonly/spend.svg']));
    expect(toasts.items[0].tone).toBe('error');
  });

  it('says what to do when the file exists (by its error code, not its message)', async () => {
    vi.mocked(files.pickSaveFile).mockResolvedValueOnce('/home/me/spend.csv');
    setup({
      extra: (cmd) => {
        if (cmd === 'chart_export') {
          throw { code: 'exists', message: '/home/me/spend.csv already exists; choose another file name, or allow replacing it' };
        }
        return null;
      },
    });
    await drawn();
    await fireEvent.click(within(mainChart()).getByTestId('export-csv'));
    await waitFor(() =>
      expect(toasts.items.map((t) => t.text)).toEqual(['That file already exists: choose another name.']),
    );
    expect(toasts.items[0].tone).toBe('error');
  });
});
