import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import UsageView from '../UsageView.svelte';
import { credential, recordIPC, type Handler } from '../../test/fixtures';
import type { GroupBy, PollState, SourceOutcome, UsageReport, UsageRow } from '../../lib/bindings';
import { toasts } from '../../lib/toasts.svelte';
import { resetAfterEach } from '../../test/views';

// 23 Nov 2026, local noon: "This month" is 2026-11-01 … 2026-11-23 in any time zone.
const NOW = new Date(2026, 10, 23, 12, 0);

function row(over: Partial<UsageRow> = {}): UsageRow {
  return {
    key: '2026-11-20',
    input_tokens: 1234567,
    output_tokens: 89012,
    cached_tokens: 4500,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    requests: 1520,
    cost_usd: '6.350000',
    priced: true,
    estimate_usd: null,
    billed_usd: null,
    drift_pct: null,
    in_bill_estimate_usd: null,
    ...over,
  };
}

function report(rows: UsageRow[], by: GroupBy = 'day', total: Partial<UsageRow> = {}): UsageReport {
  return { from: '2026-11-01', to: '2026-11-23', by, rows, total: row({ key: 'total', ...total }) };
}

function setup(handler: Handler, props: { lastPass?: SourceOutcome[] | null; onpolled?: () => void } = {}) {
  const calls = recordIPC((cmd, args) => (cmd === 'poll_status' ? [] : handler(cmd, args)), { shouldMockEvents: true });
  render(UsageView, {
    credentials: [credential({ id: 'cred-1', label: 'OpenAI admin', kind: 'admin' })],
    lastPass: props.lastPass ?? null,
    now: NOW,
    onpolled: props.onpolled,
  });
  const reports = () => calls.filter((c) => c.cmd === 'usage_report').map((c) => c.args);
  const last = () => {
    const all = reports();
    return all[all.length - 1];
  };
  return { calls, reports, last };
}

resetAfterEach();

describe('UsageView', () => {
  it('asks for this month by day and renders rows and the total', async () => {
    const { reports } = setup((cmd) =>
      cmd === 'usage_report'
        ? report([row(), row({ key: '2026-11-21', cost_usd: '0.004', input_tokens: 999 })], 'day', {
            input_tokens: 1235566,
            cost_usd: '6.354000',
          })
        : null,
    );
    const rows = await screen.findAllByTestId('usage-row');
    expect(reports()).toEqual([{ from: '2026-11-01', to: '2026-11-23', by: 'day' }]);
    expect(rows).toHaveLength(2);
    const cells = within(rows[0]).getAllByRole('cell').map((c) => c.textContent?.trim());
    expect(within(rows[0]).getByRole('rowheader')).toHaveTextContent('20 Nov 2026');
    expect(cells).toEqual(['1,234,567', '89,012', '4,500', '1,520', '$6.35']);
    expect(within(rows[1]).getByTestId('cost')).toHaveTextContent('<$0.01');
    const total = screen.getByTestId('usage-total');
    expect(total).toHaveTextContent('Total');
    expect(total).toHaveTextContent('1,235,566');
    expect(within(total).getByTestId('cost')).toHaveTextContent('$6.35');
  });

  it('shows unpriced costs, never $0', async () => {
    setup((cmd) =>
      cmd === 'usage_report'
        ? report(
            [
              row({ key: 'gpt-5-mini', cost_usd: null, priced: false }),
              row({ key: 'gpt-4.1', cost_usd: '6.350000', priced: false }),
            ],
            'model',
            { cost_usd: '6.350000', priced: false },
          )
        : null,
    );
    const rows = await screen.findAllByTestId('usage-row');
    const unpriced = within(rows[0]).getByTestId('cost');
    expect(unpriced).toHaveTextContent(/^unpriced$/);
    expect(unpriced.textContent).not.toContain('$');
    expect(within(unpriced).getByTitle('No price is known for this model — set one with keyledger price set')).toBeInTheDocument();
    expect(within(rows[1]).getByTestId('cost')).toHaveTextContent('$6.35 + unpriced');
    expect(within(screen.getByTestId('usage-total')).getByTestId('cost')).toHaveTextContent('$6.35 + unpriced');
  });

  it('shows the agent logs\' estimate beside a bill, with the drift, without adding it', async () => {
    setup((cmd) =>
      cmd === 'usage_report'
        ? report(
            [
              row({ key: 'anthropic', cost_usd: '2.030000', estimate_usd: '1.800000', billed_usd: '2.000000', drift_pct: '-10.0' }),
              row({ key: 'openai', cost_usd: '1.000000' }),
            ],
            'provider',
            { cost_usd: '3.030000', estimate_usd: '1.800000', billed_usd: '2.000000', drift_pct: '-10.0' },
          )
        : null,
    );
    const rows = await screen.findAllByTestId('usage-row');
    const billed = within(rows[0]).getByTestId('cost');
    expect(billed).toHaveTextContent('$2.03');
    expect(within(billed).getByTestId('estimate')).toHaveTextContent('est. $1.80 (−10.0 %)');
    expect(within(billed).getByTestId('estimate')).toHaveAttribute('title', expect.stringContaining('the bill of $2.00'));
    expect(within(rows[1]).queryByTestId('estimate')).toBeNull();
    expect(within(screen.getByTestId('usage-total')).getByTestId('cost')).toHaveTextContent('$3.03 est. $1.80 (−10.0 %)');
  });

  it('shows usage a bill covers without naming it as part of the bill, with its estimate', async () => {
    setup((cmd) =>
      cmd === 'usage_report'
        ? report([row({ key: 'gpt-4.1-2025-04-14', cost_usd: '0.000000', in_bill_estimate_usd: '0.408000' })], 'model')
        : null,
    );
    const [only] = await screen.findAllByTestId('usage-row');
    const cost = within(only).getByTestId('cost');
    expect(cost).toHaveTextContent('$0.00 in the bill · est. $0.41');
    expect(within(cost).getByTestId('in-bill')).toHaveAttribute('title', expect.stringContaining('counted once, in the bill'));
  });

  it('shows the empty state with a Poll now button', async () => {
    setup((cmd) => (cmd === 'usage_report' ? report([], 'day', { cost_usd: null, priced: true }) : null));
    const empty = await screen.findByTestId('usage-empty');
    expect(empty).toHaveTextContent('No usage yet');
    expect(empty).toHaveTextContent('sk-admin-');
    expect(empty).toHaveTextContent('sk-ant-admin01-');
    expect(empty).toHaveTextContent('every 15 minutes');
    expect(within(empty).getByTestId('poll-now-empty')).toHaveTextContent('Poll now');
    expect(screen.queryByTestId('usage-table')).toBeNull();
  });

  it('shows hours in local time and its own empty state', async () => {
    const hour = new Date(2026, 10, 22, 23).toISOString();
    const { last } = setup((cmd, args) => {
      if (cmd !== 'usage_report') return null;
      const by = (args as { by: GroupBy }).by;
      return by === 'hour' && (args as { from: string }).from === '2026-11-01'
        ? report([row({ key: hour })], 'hour')
        : report(by === 'hour' ? [] : [row({ key: '2026-11-22' })], by);
    });
    await screen.findAllByTestId('usage-row');
    await fireEvent.click(screen.getByTestId('group-hour'));
    await waitFor(() => expect(last()).toMatchObject({ by: 'hour' }));
    expect(await screen.findByText('22 Nov 2026, 23:00')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Hour (local)' })).toBeInTheDocument();
  });

  it('says where hours come from when there are none', async () => {
    setup((cmd, args) =>
      cmd === 'usage_report' ? report([], (args as { by: GroupBy }).by, { cost_usd: null, priced: true }) : null,
    );
    await screen.findByTestId('usage-empty');
    await fireEvent.click(screen.getByTestId('group-hour'));
    await waitFor(() => expect(screen.getByTestId('usage-empty')).toHaveTextContent('No hourly usage in this period'));
    expect(screen.getByTestId('usage-empty')).toHaveTextContent('Group by day');
  });

  it('shows an error with a retry', async () => {
    let fail = true;
    setup((cmd) => {
      if (cmd !== 'usage_report') return null;
      if (fail) throw { code: 'storage', message: 'the database is busy' };
      return report([row()]);
    });
    const error = await screen.findByTestId('usage-error');
    expect(error).toHaveTextContent('the database is busy');
    fail = false;
    await fireEvent.click(within(error).getByRole('button', { name: /retry/i }));
    expect(await screen.findAllByTestId('usage-row')).toHaveLength(1);
  });

  it('asks again with the chosen group-by', async () => {
    const { reports, last } = setup((cmd, args) =>
      cmd === 'usage_report' ? report([row({ key: 'k' })], (args as { by: GroupBy }).by) : null,
    );
    await screen.findAllByTestId('usage-row');
    expect(screen.getByTestId('group-day')).toHaveAttribute('aria-pressed', 'true');
    await fireEvent.click(screen.getByTestId('group-model'));
    await waitFor(() => expect(last()).toEqual({ from: '2026-11-01', to: '2026-11-23', by: 'model' }));
    expect(screen.getByTestId('group-model')).toHaveAttribute('aria-pressed', 'true');
    await fireEvent.click(screen.getByTestId('group-credential'));
    await waitFor(() => expect(last()).toMatchObject({ by: 'credential' }));
    await fireEvent.click(screen.getByTestId('group-provider'));
    await waitFor(() => expect(last()).toMatchObject({ by: 'provider' }));
    expect(reports()).toHaveLength(4);
  });

  it('changes the period, including a custom range', async () => {
    const { reports, last } = setup((cmd) => (cmd === 'usage_report' ? report([row()]) : null));
    await screen.findAllByTestId('usage-row');
    await fireEvent.change(screen.getByTestId('usage-period'), { target: { value: 'last_month' } });
    await waitFor(() => expect(last()).toEqual({ from: '2026-10-01', to: '2026-10-31', by: 'day' }));
    await fireEvent.change(screen.getByTestId('usage-period'), { target: { value: 'custom' } });
    const from = document.getElementById('usage-from') as HTMLInputElement;
    const to = document.getElementById('usage-to') as HTMLInputElement;
    expect(from.value).toBe('2026-11-01');
    await fireEvent.input(from, { target: { value: '2026-09-05' } });
    await fireEvent.input(to, { target: { value: '2026-09-10' } });
    await waitFor(() => expect(last()).toEqual({ from: '2026-09-05', to: '2026-09-10', by: 'day' }));
    const count = reports().length;
    await fireEvent.input(from, { target: { value: '2026-09-20' } });
    expect(await screen.findByTestId('usage-range-error')).toHaveTextContent('The start date is after the end date.');
    expect(reports()).toHaveLength(count);
  });

  it('polls now with progress, then summarises and reloads', async () => {
    let finish: (v: SourceOutcome[]) => void = () => {};
    const outcome = (status: SourceOutcome['status'], i: number): SourceOutcome => ({
      source: 'openai_usage',
      credential_id: `cred-${i}`,
      label: `Key ${i}`,
      provider: 'openai',
      status,
      buckets: 3,
      message: status === 'failed' ? 'HTTP 500' : '',
    });
    const onpolled = vi.fn();
    const { reports } = setup(
      (cmd) => {
        if (cmd === 'usage_report') return report([row()]);
        if (cmd === 'poll_now') return new Promise<SourceOutcome[]>((resolve) => (finish = resolve));
        return null;
      },
      { onpolled },
    );
    await screen.findAllByTestId('usage-row');
    const button = screen.getByTestId('poll-now');
    await fireEvent.click(button);
    await waitFor(() => expect(button).toBeDisabled());
    await emit('poll-progress', { done: 2, total: 5, outcome: outcome('ok', 2) });
    await waitFor(() => expect(button).toHaveTextContent('Polling 2 of 5…'));
    const outcomes = [outcome('ok', 1), outcome('ok', 2), outcome('failed', 3)];
    finish(outcomes);
    await waitFor(() => expect(button).not.toBeDisabled());
    expect(button).toHaveTextContent('Poll now');
    expect(toasts.items.map((t) => [t.text, t.tone])).toEqual([['3 sources polled, 1 failed', 'error']]);
    expect(onpolled).toHaveBeenCalledWith(outcomes);
    await waitFor(() => expect(reports()).toHaveLength(2));
  });

  it('lists the sources with their label, last success, errors and skipped keys', async () => {
    const status: PollState[] = [
      {
        source: 'openai_usage',
        credential_id: 'cred-1',
        cursor: null,
        last_attempt_at: new Date(NOW.getTime() - 5 * 60_000).toISOString(),
        last_success_at: new Date(NOW.getTime() - 5 * 60_000).toISOString(),
        last_error: 'the admin key was rejected (HTTP 401)',
      },
    ];
    const skipped: SourceOutcome = {
      source: 'openai_usage',
      credential_id: 'cred-2',
      label: 'Project key',
      provider: 'openai',
      status: 'skipped',
      buckets: 0,
      message: "this is a project key — OpenAI's usage API needs an admin key (sk-admin-…)",
    };
    mockIPC((cmd) => {
      if (cmd === 'poll_status') return status;
      if (cmd === 'usage_report') return report([]);
      return null;
    });
    render(UsageView, {
      credentials: [credential({ id: 'cred-1', label: 'OpenAI admin', kind: 'admin' })],
      lastPass: [skipped],
      now: NOW,
    });
    const panel = screen.getByTestId('poll-sources');
    const line = await within(panel).findByTestId('poll-source');
    expect(line).toHaveTextContent('OpenAI admin');
    expect(line).toHaveTextContent('last success 5 min ago');
    expect(within(line).getByTestId('poll-error')).toHaveTextContent('the admin key was rejected (HTTP 401)');
    const skip = within(panel).getByTestId('poll-skipped');
    expect(skip).toHaveTextContent('Project key');
    expect(skip).toHaveTextContent('this is a project key — OpenAI');
  });
});
