// The Dashboard tab through the whole app: which tab the window opens on, the tab's links, and the
// keys' sparklines.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import App from '../../App.svelte';
import { credential, recordIPC, summary as baseSummary, type Handler } from '../../test/fixtures';
import type { Credential, Sparkline, Summary } from '../../lib/bindings';
import { resetAfterEach } from '../../test/views';

const okReconcile = { missing: [], restored: [], completed: 0, dropped: 0 };

const KEYS: Credential[] = [
  credential({ id: 'key-1', label: 'Work laptop' }),
  credential({ id: 'key-2', label: 'CI' }),
  credential({ id: 'key-3', label: 'Side project' }),
];

/** $20 this month so far, CI the top key, and no budget set. */
const summary = (over: Partial<Summary> = {}): Summary =>
  baseSummary({
    month_to_date: { micros: 20_000_000, unpriced: false },
    top_key: { key: 'key-2', label: 'CI', micros: 15_000_000 },
    budget: null,
    ...over,
  });

const EMPTY_CHART = {
  data: {
    metric: 'cost',
    by: 'provider',
    granularity: 'day',
    from: '2026-10-25',
    to: '2026-11-23',
    time_zone: 'Europe/Berlin',
    buckets: [],
    series: [],
    total: 0,
    any_unpriced: false,
  },
  svg: '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="320"><text>No usage in this range yet</text><g class="hover-targets"></g></svg>',
};

const EMPTY_MONTH = {
  data: {
    month: '2026-11',
    time_zone: 'Europe/Berlin',
    days: [],
    actual: [],
    forecast: [],
    budget_micros: null,
    spent_micros: 0,
    forecast_micros: null,
    any_unpriced: false,
  },
  svg: '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="320"><g class="hover-targets"></g></svg>',
};

function setup(
  answer: () => unknown,
  extra: Handler = () => null,
  options: { keys?: Credential[]; sparklines?: () => Sparkline[] } = {},
) {
  const calls = recordIPC(
    (cmd, args) => {
      if (cmd === 'reconcile') return okReconcile;
      if (cmd === 'list_credentials') return options.keys ?? KEYS;
      if (cmd === 'poll_status') return [];
      if (cmd === 'dashboard_summary') return answer();
      if (cmd === 'key_sparklines') return options.sparklines?.() ?? [];
      if (cmd === 'chart_view') return EMPTY_CHART;
      if (cmd === 'month_view') return EMPTY_MONTH;
      if (cmd === 'alert_list' || cmd === 'audit_log') return [];
      return extra(cmd, args);
    },
    { shouldMockEvents: true },
  );
  render(App);
  const count = (cmd: string) => calls.filter((c) => c.cmd === cmd).length;
  return { calls, count };
}

const selected = () =>
  screen
    .getAllByRole('tab')
    .filter((t) => t.getAttribute('aria-selected') === 'true')
    .map((t) => t.getAttribute('data-testid'));

resetAfterEach();

describe('App: the Dashboard tab', () => {
  it('opens on the dashboard when there is usage, without showing the keys first', async () => {
    let resolve: (s: Summary) => void = () => {};
    const { count } = setup(() => new Promise<Summary>((r) => (resolve = r)));
    await waitFor(() => expect(count('dashboard_summary')).toBe(1));
    await waitFor(() => expect(count('list_credentials')).toBe(1));
    // Undecided: neither the keys nor the dashboard, and no tab selected yet.
    expect(screen.getByTestId('start-loading')).toBeInTheDocument();
    expect(screen.queryByRole('tabpanel')).toBeNull();
    expect(selected()).toEqual([]);

    resolve(summary());
    const panel = await screen.findByRole('tabpanel');
    expect(panel).toHaveAttribute('id', 'panel-dashboard');
    expect(selected()).toEqual(['tab-dashboard']);
    expect(screen.getByTestId('tab-dashboard')).toHaveAttribute('tabindex', '0');
    expect(screen.getByTestId('tab-keys')).toHaveAttribute('tabindex', '-1');
    expect(within(panel).getByRole('heading', { level: 1 })).toHaveTextContent('Dashboard');
    expect(await within(panel).findByTestId('card-month')).toHaveTextContent('$20.00');
    expect(within(panel).getByTestId('main-chart')).toBeInTheDocument();
    expect(within(panel).getByTestId('month-chart')).toBeInTheDocument();
    expect(screen.queryByTestId('credential-row')).toBeNull();
  });

  it('opens on Keys when there is no usage yet', async () => {
    setup(() => summary({ has_usage: false }));
    expect(await screen.findAllByTestId('credential-row')).toHaveLength(3);
    expect(selected()).toEqual(['tab-keys']);
    expect(screen.getByRole('tabpanel')).toHaveAttribute('id', 'panel-keys');
  });

  it('opens on Keys when the summary cannot be read', async () => {
    setup(() => {
      throw { code: 'storage', message: 'the database is busy' };
    });
    expect(await screen.findAllByTestId('credential-row')).toHaveLength(3);
    expect(selected()).toEqual(['tab-keys']);
    // The dashboard says so when opened.
    await fireEvent.click(screen.getByTestId('tab-dashboard'));
    expect(await screen.findByTestId('dashboard-error')).toHaveTextContent('the database is busy');
  });

  it('moves between the tabs with the arrow keys, the dashboard first', async () => {
    setup(() => summary());
    await screen.findByTestId('card-today');
    const dashboard = screen.getByTestId('tab-dashboard');
    dashboard.focus();
    await fireEvent.keyDown(dashboard, { key: 'ArrowRight' });
    expect(selected()).toEqual(['tab-keys']);
    expect(document.activeElement).toBe(screen.getByTestId('tab-keys'));
    await fireEvent.keyDown(screen.getByTestId('tab-keys'), { key: 'ArrowLeft' });
    expect(selected()).toEqual(['tab-dashboard']);
    await fireEvent.keyDown(screen.getByTestId('tab-dashboard'), { key: 'ArrowLeft' });
    expect(selected()).toEqual(['tab-audit']);
  });

  it('reloads the dashboard when it is shown again and when a poll pass brings usage', async () => {
    const { count } = setup(() => summary());
    await screen.findByTestId('card-today');
    // Once, to choose the tab: the dashboard shows that summary rather than loading it again.
    // The charts are asked for once the dashboard has mounted (its own loads would have started).
    await waitFor(() => expect(count('chart_view')).toBeGreaterThan(0));
    expect(count('dashboard_summary')).toBe(1);
    await waitFor(async () => {
      await emit('poll-finished', []);
      expect(count('dashboard_summary')).toBe(2);
    });
    await fireEvent.click(screen.getByTestId('tab-keys'));
    await fireEvent.click(screen.getByTestId('tab-dashboard'));
    await waitFor(() => expect(count('dashboard_summary')).toBe(3));
    await fireEvent.click(screen.getByTestId('dashboard-refresh'));
    await waitFor(() => expect(count('dashboard_summary')).toBe(4));
  });

  it('shows the top key in the Keys tab, and opens Alerts to set a budget', async () => {
    setup(() => summary());
    await fireEvent.click(await screen.findByTestId('top-key-link'));
    expect(selected()).toEqual(['tab-keys']);
    await waitFor(() =>
      expect(document.querySelector('[data-testid=credential-row][data-id="key-2"]')).toHaveAttribute(
        'data-highlighted',
        'true',
      ),
    );
    await fireEvent.click(screen.getByTestId('tab-dashboard'));
    await fireEvent.click(await screen.findByTestId('budget-set-link'));
    expect(selected()).toEqual(['tab-alerts']);
  });

  it('points to the next step when there is no usage: add a key, poll, or read agent logs', async () => {
    setup(() => summary({ has_usage: false }), (cmd) => {
      if (cmd === 'usage_report') {
        const total = { key: '', input_tokens: 0, output_tokens: 0, cached_tokens: 0, cache_write_tokens: 0, reasoning_tokens: 0, requests: 0, cost_usd: null, priced: true };
        return { from: '2026-11-01', to: '2026-11-23', by: 'day', rows: [], total };
      }
      if (cmd === 'log_sources') {
        return { settings: { claude_code: true, codex: true, extra_claude_code: [], extra_codex: [] }, dirs: [] };
      }
      return null;
    });
    await screen.findAllByTestId('credential-row');
    await fireEvent.click(screen.getByTestId('tab-dashboard'));
    const empty = await screen.findByTestId('dashboard-empty');
    await fireEvent.click(within(empty).getByTestId('dashboard-add-key'));
    expect(selected()).toEqual(['tab-keys']);
    expect(document.getElementById('secret')).not.toBeNull();
    await fireEvent.keyDown(document.getElementById('secret')!, { key: 'Escape' });

    await fireEvent.click(screen.getByTestId('tab-dashboard'));
    await fireEvent.click(await screen.findByTestId('dashboard-poll'));
    expect(selected()).toEqual(['tab-usage']);
    expect(screen.getByTestId('poll-now')).toBeInTheDocument();

    await fireEvent.click(screen.getByTestId('tab-dashboard'));
    await fireEvent.click(await screen.findByTestId('dashboard-logs'));
    expect(selected()).toEqual(['tab-usage']);
    expect(await screen.findByTestId('agent-logs')).toBeInTheDocument();
  });
});

describe('App: sparklines in the key list', () => {
  const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-testid=credential-row][data-id="${id}"]`)!;

  it('draws the last 30 days of the keys that spent, and nothing for the others', async () => {
    const values = Array.from({ length: 30 }, (_, i) => (i % 3) * 1_000_000);
    setup(
      () => summary({ has_usage: false }),
      () => null,
      {
        sparklines: () => [
          { credential_id: 'key-1', values, total: 12_340_000, unpriced: false },
          { credential_id: 'key-3', values: values.map(() => 0).fill(2_000_000, 29), total: 2_000_000, unpriced: false },
        ],
      },
    );
    await waitFor(() => expect(within(rowOf('key-1')).getByTestId('sparkline')).toBeInTheDocument());
    const line = within(rowOf('key-1')).getByTestId('sparkline');
    expect(line).toHaveAttribute('aria-label', 'Last 30 days: $12.34');
    expect(line.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(30);
    expect(within(rowOf('key-1')).getByTestId('spend-total')).toHaveTextContent('$12.34');
    expect(within(rowOf('key-3')).getByTestId('sparkline')).toHaveAttribute('aria-label', 'Last 30 days: $2.00');
    expect(within(rowOf('key-2')).queryByTestId('sparkline')).toBeNull();
    expect(screen.getByRole('columnheader', { name: 'Last 30 days' })).toBeInTheDocument();
    expect(screen.queryByTestId('unpriced')).toBeNull();
  });

  it('never shows unpriced spend as $0: the amount + unpriced, or unpriced alone', async () => {
    setup(
      () => summary({ has_usage: false }),
      () => null,
      {
        sparklines: () => [
          { credential_id: 'key-1', values: Array(30).fill(0).fill(1_500_000, 29), total: 1_500_000, unpriced: true },
          { credential_id: 'key-2', values: Array(30).fill(0), total: 0, unpriced: true },
        ],
      },
    );
    await waitFor(() => expect(within(rowOf('key-1')).getByTestId('sparkline')).toBeInTheDocument());
    expect(within(rowOf('key-1')).getByTestId('sparkline')).toHaveAttribute('aria-label', 'Last 30 days: $1.50 + unpriced');
    const some = within(rowOf('key-1')).getByTestId('spend-total');
    expect(some).toHaveTextContent('$1.50 + unpriced');
    expect(within(some).getByTestId('unpriced')).toHaveTextContent('+ unpriced');

    expect(within(rowOf('key-2')).getByTestId('sparkline')).toHaveAttribute('aria-label', 'Last 30 days: unpriced');
    const none = within(rowOf('key-2')).getByTestId('spend-total');
    expect(none).not.toHaveTextContent('$');
    expect(within(none).getByTestId('unpriced')).toHaveTextContent(/^unpriced$/);
  });

  it('leaves the column out while no key has spent, and fills it in after a poll pass', async () => {
    let lines: Sparkline[] = [];
    const { count } = setup(() => summary({ has_usage: false }), () => null, { sparklines: () => lines });
    await screen.findAllByTestId('credential-row');
    await waitFor(() => expect(count('key_sparklines')).toBe(1));
    expect(screen.queryByTestId('sparkline')).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Last 30 days' })).toBeNull();

    lines = [{ credential_id: 'key-2', values: Array(30).fill(100_000), total: 3_000_000, unpriced: false }];
    await waitFor(async () => {
      await emit('poll-finished', []);
      expect(within(rowOf('key-2')).getByTestId('sparkline')).toHaveAttribute('aria-label', 'Last 30 days: $3.00');
    });
    expect(screen.getAllByTestId('sparkline')).toHaveLength(1);
  });
});
