import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import { alert, credential, recordIPC, type Handler } from '../../test/fixtures';
import { emit } from '@tauri-apps/api/event';
import type { AuditEvent, CheckOutcome, Credential, PollState } from '../../lib/bindings';
import { resetWindow } from '../../test/reset';

const okReconcile = { missing: [], restored: [], completed: 0, dropped: 0 };

function setup(list: Credential[], extra: Handler = () => null) {
  const calls = recordIPC((cmd, args) => {
    if (cmd === 'reconcile') return okReconcile;
    if (cmd === 'list_credentials') return list;
    if (cmd === 'poll_status') return [];
    return extra(cmd, args);
  });
  render(App);
  return { calls };
}

afterEach(resetWindow);

describe('App', () => {
  it('shows the empty state when there are no keys', async () => {
    const { calls } = setup([]);
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('No keys yet');
    expect(within(empty).getByTestId('empty-add-button')).toHaveTextContent('Add your first key');
    expect(calls.map((c) => c.cmd).slice(0, 3).sort()).toEqual(['dashboard_summary', 'list_credentials', 'reconcile']);
  });

  it('opens the add form from the top bar', async () => {
    setup([]);
    await screen.findByTestId('empty-state');
    await fireEvent.click(screen.getByTestId('add-button'));
    expect(document.getElementById('secret')).not.toBeNull();
  });

  it('shows a banner when reconcile fails and still lists the keys', async () => {
    mockIPC((cmd) => {
      if (cmd === 'reconcile') throw { code: 'keychain_locked', message: 'the system keychain is locked; unlock it' };
      if (cmd === 'list_credentials') return [credential()];
      if (cmd === 'poll_status') return [];
      return null;
    });
    render(App);
    expect(await screen.findByTestId('banner')).toHaveTextContent('the system keychain is locked; unlock it');
    expect(await screen.findAllByTestId('credential-row')).toHaveLength(1);
  });

  it('reads the keys again when the keychain check, answering after the list, finds one missing', async () => {
    let reconciled = false;
    let answer: (r: unknown) => void = () => {};
    mockIPC((cmd) => {
      if (cmd === 'reconcile') return new Promise((r) => (answer = r));
      if (cmd === 'list_credentials') return [credential({ status: reconciled ? 'secret_missing' : 'valid' })];
      if (cmd === 'poll_status') return [];
      return null;
    });
    render(App);
    const row = await screen.findByTestId('credential-row');
    expect(within(row).getByTestId('status')).not.toHaveTextContent('secret missing');
    reconciled = true;
    answer({ ...okReconcile, missing: ['k'] });
    expect(await screen.findByTestId('banner')).toHaveTextContent('1 key is missing from the keychain');
    await waitFor(() => expect(within(screen.getByTestId('credential-row')).getByTestId('status')).toHaveTextContent('secret missing'));
  });

  it('renders a credential row with its hooks', async () => {
    const c = credential({ status: 'secret_missing', provider: 'anthropic', hint: 'sk-ant-…zz99' });
    setup([c]);
    const row = await screen.findByTestId('credential-row');
    expect(row).toHaveAttribute('data-id', c.id);
    expect(within(row).getByTestId('label')).toHaveTextContent('Work laptop');
    expect(within(row).getByTestId('hint')).toHaveTextContent('sk-ant-…zz99');
    expect(within(row).getByTestId('provider')).toHaveTextContent('Anthropic');
    const status = within(row).getByTestId('status');
    expect(status).toHaveTextContent('secret missing');
    expect(status).toHaveAttribute('title', 'the keychain no longer holds this key; delete it and add it again');
  });

  it('reveals a key for 10 seconds with a countdown, then masks it again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const c = credential();
    const { calls } = setup([c], (cmd) => (cmd === 'reveal_secret' ? 'sk-proj-THE-CLEAR-KEY' : null));
    const row = await screen.findByTestId('credential-row');
    await fireEvent.click(within(row).getByTestId('reveal'));
    await waitFor(() => expect(within(row).getByTestId('hint')).toHaveTextContent('sk-proj-THE-CLEAR-KEY'));
    expect(calls.find((x) => x.cmd === 'reveal_secret')?.args).toEqual({ id: c.id });
    expect(within(row).getByTestId('countdown')).toHaveTextContent('hides in 10s');
    await vi.advanceTimersByTimeAsync(3000);
    expect(within(row).getByTestId('countdown')).toHaveTextContent('hides in 7s');
    await vi.advanceTimersByTimeAsync(7500);
    expect(within(row).getByTestId('hint')).toHaveTextContent('sk-proj-…a1B2');
    expect(row.textContent).not.toContain('THE-CLEAR-KEY');
  });

  it('copies through Rust and shows a toast', async () => {
    const c = credential();
    const { calls } = setup([c]);
    const row = await screen.findByTestId('credential-row');
    await fireEvent.click(within(row).getByTestId('copy'));
    expect(await screen.findByTestId('toast')).toHaveTextContent('Copied — the clipboard clears in 30 s');
    expect(calls.find((x) => x.cmd === 'copy_secret')?.args).toEqual({ id: c.id });
  });

  it('shows the error message of a failed action in a toast', async () => {
    setup([credential()], (cmd) => {
      if (cmd === 'reveal_secret') throw { code: 'secret_missing', message: 'the secret of "Work laptop" is missing' };
      return null;
    });
    const row = await screen.findByTestId('credential-row');
    await fireEvent.click(within(row).getByTestId('reveal'));
    expect(await screen.findByTestId('toast')).toHaveTextContent('the secret of "Work laptop" is missing');
  });

  it('asks before deleting; Escape cancels, confirm deletes', async () => {
    const c = credential();
    const { calls } = setup([c]);
    const row = await screen.findByTestId('credential-row');
    await fireEvent.click(within(row).getByTestId('delete'));
    const dialog = await screen.findByTestId('delete-dialog');
    expect(dialog).toHaveTextContent('Work laptop');
    // Focus starts on Cancel, so Enter alone does not delete.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('cancel-delete')));
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('delete-dialog')).toBeNull();
    expect(calls.some((x) => x.cmd === 'delete_credential')).toBe(false);

    await fireEvent.click(within(row).getByTestId('delete'));
    await fireEvent.click(await screen.findByTestId('confirm-delete'));
    await waitFor(() => expect(calls.find((x) => x.cmd === 'delete_credential')?.args).toEqual({ id: c.id }));
    expect(await screen.findByTestId('toast')).toHaveTextContent('Deleted Work laptop');
  });

  it('lists audit events on the audit tab', async () => {
    const events: AuditEvent[] = [
      { id: 2, at: '2026-11-23T18:04:00Z', action: 'reveal', credential_id: '0193a5b2-7c4d', label: 'Work', outcome: 'ok', actor: 'app', detail: null },
      { id: 1, at: '2026-11-23T18:00:00Z', action: 'copy', credential_id: '0193a5b2-7c4d', label: 'Work', outcome: 'secret_missing', actor: 'cli', detail: null },
    ];
    const { calls } = setup([], (cmd) => (cmd === 'audit_log' ? events : null));
    await screen.findByTestId('empty-state');
    await fireEvent.click(screen.getByTestId('tab-audit'));
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('0193a5b2');
    expect(rows[1]).toHaveTextContent('secret_missing');
    expect(calls.find((x) => x.cmd === 'audit_log')?.args).toEqual({ limit: 200 });
  });

  it('checks a key: spinner while running, then the new status and a toast', async () => {
    const c = credential();
    let answer: (v: CheckOutcome) => void = () => {};
    const { calls } = setup([c], (cmd) =>
      cmd === 'check_credential' ? new Promise<CheckOutcome>((resolve) => (answer = resolve)) : null,
    );
    const row = await screen.findByTestId('credential-row');
    expect(within(row).queryByTestId('last-checked')).toBeNull();
    const button = within(row).getByTestId('check');
    expect(button).toHaveTextContent('Check');
    await fireEvent.click(button);
    await waitFor(() => expect(within(row).getByTestId('check-spinner')).toBeInTheDocument());
    expect(button).toBeDisabled();
    expect(calls.find((x) => x.cmd === 'check_credential')?.args).toEqual({ id: c.id });
    answer({
      credential: { ...c, status: 'invalid', last_checked_at: new Date(Date.now() - 2 * 60_000).toISOString() },
      probe: { status: 'invalid', http_status: 401, latency_ms: 120, message: 'OpenAI rejected the key (HTTP 401)', rate_limits: {} },
    });
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent(`${c.label}: invalid — OpenAI rejected the key (HTTP 401)`);
    expect(toast).toHaveAttribute('role', 'alert');
    const status = within(screen.getByTestId('credential-row')).getByTestId('status');
    expect(status).toHaveAttribute('data-status', 'invalid');
    expect(within(screen.getByTestId('credential-row')).getByTestId('last-checked')).toHaveTextContent('checked just now');
    expect(within(screen.getByTestId('credential-row')).queryByTestId('check-spinner')).toBeNull();
  });

  it('shows an unreachable check on the row in the CLI\'s words, naming the key in the toast', async () => {
    const c = credential({ label: 'Local proxy' });
    setup([c], (cmd) =>
      cmd === 'check_credential'
        ? {
            credential: c,
            probe: {
              status: 'unreachable',
              http_status: null,
              latency_ms: 3,
              message: 'cannot reach http://127.0.0.1:9: nothing answers there (connection refused)',
              rate_limits: {},
            },
          }
        : null,
    );
    const row = await screen.findByTestId('credential-row');
    await fireEvent.click(within(row).getByTestId('check'));
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent('Local proxy: unreachable — cannot reach http://127.0.0.1:9: nothing answers there');
    const status = within(screen.getByTestId('credential-row')).getByTestId('status');
    expect(status).toHaveAttribute('data-status', 'unreachable');
    expect(status).toHaveTextContent('unreachable');
    expect(within(screen.getByTestId('credential-row')).getByTestId('last-checked')).toHaveTextContent('checked just now');
  });

  it('has Dashboard first, then Keys, Usage, Limits, Alerts, Prices and Audit log', async () => {
    const { calls } = setup([], (cmd) => {
      if (cmd === 'usage_report') {
        const total = { key: '', input_tokens: 0, output_tokens: 0, cached_tokens: 0, cache_write_tokens: 0, reasoning_tokens: 0, requests: 0, cost_usd: null, priced: true };
        return { from: '2026-11-01', to: '2026-11-23', by: 'day', rows: [], total };
      }
      return null;
    });
    await screen.findByTestId('empty-state');
    const tabs = screen.getAllByRole('tab').map((t) => t.getAttribute('data-testid'));
    expect(tabs).toEqual(['tab-dashboard', 'tab-keys', 'tab-usage', 'tab-limits', 'tab-alerts', 'tab-prices', 'tab-audit']);
    await fireEvent.click(screen.getByTestId('tab-usage'));
    expect(await screen.findByTestId('usage-empty')).toHaveTextContent('No usage yet');
    expect(screen.getByTestId('poll-sources')).toBeInTheDocument();
    expect(calls.find((x) => x.cmd === 'usage_report')?.args).toMatchObject({ by: 'day' });
  });

  it('shows the local agent logs in the Usage tab and reloads the usage when an import counted requests', async () => {
    const calls: string[] = [];
    const zero = { input_tokens: 0, output_tokens: 0, cached_tokens: 0, cache_write_tokens: 0, reasoning_tokens: 0 };
    const total = { key: '', ...zero, requests: 0, cost_usd: null, priced: true };
    mockIPC(
      (cmd) => {
        calls.push(cmd);
        if (cmd === 'reconcile') return okReconcile;
        if (cmd === 'list_credentials') return [];
        if (cmd === 'poll_status') return [];
        if (cmd === 'usage_report') return { from: '2026-11-01', to: '2026-11-23', by: 'day', rows: [], total };
        if (cmd === 'log_sources') {
          return {
            settings: { claude_code: true, codex: true, extra_claude_code: [], extra_codex: [] },
            dirs: [{ agent: 'codex', path: '/home/me/.codex/sessions', default: true, exists: true }],
          };
        }
        return null;
      },
      { shouldMockEvents: true },
    );
    render(App);
    await screen.findByTestId('empty-state');
    await fireEvent.click(screen.getByTestId('tab-usage'));
    const panel = await screen.findByTestId('agent-logs');
    expect(within(panel).getByRole('heading', { name: 'Local agent logs' })).toBeInTheDocument();
    expect(await within(panel).findByTestId('logs-dir')).toHaveAttribute('data-path', '/home/me/.codex/sessions');
    await waitFor(() => expect(calls.filter((c) => c === 'usage_report')).toHaveLength(1));

    const counts = { files_seen: 4, files_read: 0, bytes_read: 0, requests: 0, duplicates: 0, malformed_lines: 0 };
    const report = { ...counts, unpriced_models: [], problems: [] };
    // Nothing new: the usage is not reloaded.
    await waitFor(async () => {
      await emit('ingest-finished', report);
      expect(within(panel).getByTestId('logs-summary')).toHaveTextContent('Nothing new since the last read.');
    });
    expect(calls.filter((c) => c === 'usage_report')).toHaveLength(1);

    await emit('ingest-finished', { ...report, files_read: 2, bytes_read: 2048, requests: 7 });
    await waitFor(() => expect(calls.filter((c) => c === 'usage_report')).toHaveLength(2));
    expect(within(panel).getByTestId('logs-summary')).toHaveTextContent('Read 2 of 4 files (2 KB): 7 new requests.');
  });

  it('reloads the keys when a background poll pass finishes', async () => {
    const calls: string[] = [];
    mockIPC(
      (cmd) => {
        calls.push(cmd);
        if (cmd === 'reconcile') return okReconcile;
        if (cmd === 'list_credentials') return [credential()];
        if (cmd === 'poll_status') return [];
        return null;
      },
      { shouldMockEvents: true },
    );
    render(App);
    await screen.findByTestId('credential-row');
    await waitFor(() => expect(calls.filter((c) => c === 'list_credentials')).toHaveLength(1));
    // Give the subscription a chance to register, then emit.
    await waitFor(async () => {
      await emit('poll-finished', []);
      expect(calls.filter((c) => c === 'list_credentials').length).toBeGreaterThan(1);
    });
  });

  it('shows when each key was last polled and refreshes it after a poll pass', async () => {
    const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
    const state = (over: Partial<PollState>): PollState => ({
      source: 'openai_usage',
      credential_id: 'admin-1',
      cursor: null,
      last_attempt_at: minutesAgo(5),
      last_success_at: minutesAgo(5),
      last_error: null,
      ...over,
    });
    let states = [state({})];
    const calls: string[] = [];
    mockIPC(
      (cmd) => {
        calls.push(cmd);
        if (cmd === 'reconcile') return okReconcile;
        if (cmd === 'list_credentials') return [credential({ id: 'admin-1', kind: 'admin' }), credential({ id: 'api-1' })];
        if (cmd === 'poll_status') return states;
        return null;
      },
      { shouldMockEvents: true },
    );
    render(App);
    const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-testid=credential-row][data-id="${id}"]`)!;
    await waitFor(() => expect(within(rowOf('admin-1')).getByTestId('last-polled')).toHaveTextContent('last polled 5 min ago'));
    expect(within(rowOf('admin-1')).getByTestId('last-polled').title).toMatch(/^Last polled \d+ \w{3} \d{4}, \d{2}:\d{2}$/);
    expect(within(rowOf('api-1')).queryByTestId('last-polled')).toBeNull();
    expect(within(rowOf('api-1')).queryByTestId('poll-error')).toBeNull();

    const error = 'the admin key was rejected (HTTP 401): check it in the OpenAI dashboard';
    states = [state({ last_attempt_at: minutesAgo(0), last_error: error })];
    const polled = calls.filter((c) => c === 'poll_status').length;
    await waitFor(async () => {
      await emit('poll-finished', []);
      expect(calls.filter((c) => c === 'poll_status').length).toBeGreaterThan(polled);
    });
    const failed = await within(rowOf('admin-1')).findByTestId('poll-error');
    expect(failed).toHaveTextContent(error);
    expect(failed.title).toContain(error);
    expect(within(rowOf('admin-1')).queryByTestId('last-polled')).toBeNull();
  });

  it('opens the Prices tab with its explanation', async () => {
    setup([], (cmd) => (cmd === 'price_list' ? [] : null));
    await screen.findByTestId('empty-state');
    await fireEvent.click(screen.getByTestId('tab-prices'));
    const panel = screen.getByRole('tabpanel');
    expect(panel).toHaveTextContent('USD per million tokens');
    expect(panel).toHaveTextContent('never $0');
    expect(await screen.findByTestId('prices-empty')).toBeInTheDocument();
  });

  it('shows the number of active alerts on the Alerts tab and reloads it when they change', async () => {
    let active = [alert({ id: 2 }), alert({ id: 1, severity: 'info' })];
    const calls = recordIPC(
      (cmd) => {
        if (cmd === 'reconcile') return okReconcile;
        if (cmd === 'list_credentials') return [];
        if (cmd === 'poll_status') return [];
        if (cmd === 'alert_list') return active;
        return null;
      },
      { shouldMockEvents: true },
    );
    render(App);
    const badge = await screen.findByTestId('alerts-count');
    expect(badge).toHaveTextContent('2');
    expect(badge).toHaveAttribute('data-tone', 'neutral');
    expect(within(screen.getByTestId('tab-alerts')).getByTestId('alerts-count')).toBe(badge);
    expect(calls.find((c) => c.cmd === 'alert_list')?.args).toEqual({ all: false });

    // A critical alert fires: the badge turns red.
    active = [alert({ id: 3, severity: 'critical' }), ...active];
    await waitFor(async () => {
      await emit('alerts-changed', null);
      expect(screen.getByTestId('alerts-count')).toHaveTextContent('3');
    });
    expect(screen.getByTestId('alerts-count')).toHaveAttribute('data-tone', 'danger');

    await fireEvent.click(screen.getByTestId('tab-alerts'));
    const panel = screen.getByRole('tabpanel');
    expect(panel).toHaveAttribute('id', 'panel-alerts');
    expect(within(panel).getByRole('heading', { level: 1 })).toHaveTextContent('Alerts');
    expect(panel).toHaveTextContent('Checked after every poll and check, and hourly.');
    await waitFor(() => expect(within(panel).getAllByTestId('alert-row')).toHaveLength(3));

    // All acknowledged elsewhere: no badge.
    active = [];
    await waitFor(async () => {
      await emit('alerts-changed', null);
      expect(screen.queryByTestId('alerts-count')).toBeNull();
    });
    expect(await screen.findByTestId('alerts-empty')).toBeInTheDocument();
  });

  it('moves between the tabs with the arrow keys, through Limits and Alerts', async () => {
    setup([], (cmd) => (cmd === 'alert_list' ? [] : null));
    await screen.findByTestId('empty-state');
    screen.getByTestId('tab-usage').focus();
    await fireEvent.click(screen.getByTestId('tab-usage'));
    await fireEvent.keyDown(screen.getByTestId('tab-usage'), { key: 'ArrowRight' });
    expect(screen.getByTestId('tab-limits')).toHaveAttribute('aria-selected', 'true');
    expect(document.activeElement).toBe(screen.getByTestId('tab-limits'));
    await fireEvent.keyDown(screen.getByTestId('tab-limits'), { key: 'ArrowRight' });
    expect(screen.getByTestId('tab-alerts')).toHaveAttribute('aria-selected', 'true');
    expect(document.activeElement).toBe(screen.getByTestId('tab-alerts'));
    await fireEvent.keyDown(screen.getByTestId('tab-alerts'), { key: 'ArrowRight' });
    expect(screen.getByTestId('tab-prices')).toHaveAttribute('aria-selected', 'true');
  });

  it('shows the key of an alert: switches to Keys and highlights its row for a few seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const keys = [credential({ id: 'key-1', label: 'Work laptop' }), credential({ id: 'key-2', label: 'CI' })];
    const expiry = alert({ id: 7, rule: 'expiry', severity: 'critical', credential_id: 'key-2', title: 'CI expires tomorrow' });
    setup(keys, (cmd) => (cmd === 'alert_list' ? [expiry] : null));
    await screen.findAllByTestId('credential-row');
    await fireEvent.click(screen.getByTestId('tab-alerts'));
    const row = await screen.findByTestId('alert-row');
    await fireEvent.click(within(row).getByTestId('alert-open-key'));

    expect(screen.getByTestId('tab-keys')).toHaveAttribute('aria-selected', 'true');
    const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-testid=credential-row][data-id="${id}"]`)!;
    await waitFor(() => expect(rowOf('key-2')).toHaveAttribute('data-highlighted', 'true'));
    expect(rowOf('key-1')).not.toHaveAttribute('data-highlighted');

    await vi.advanceTimersByTimeAsync(4500);
    expect(rowOf('key-2')).not.toHaveAttribute('data-highlighted');
  });

  it('shows a key when a notification asks to (open-credential)', async () => {
    mockIPC(
      (cmd) => {
        if (cmd === 'reconcile') return okReconcile;
        if (cmd === 'list_credentials') return [credential({ id: 'key-1' }), credential({ id: 'key-2', label: 'CI' })];
        if (cmd === 'poll_status') return [];
        if (cmd === 'price_list') return [];
        return null;
      },
      { shouldMockEvents: true },
    );
    render(App);
    await screen.findAllByTestId('credential-row');
    await fireEvent.click(screen.getByTestId('tab-prices'));
    expect(screen.queryByTestId('credential-row')).toBeNull();
    await waitFor(async () => {
      await emit('open-credential', 'key-2');
      expect(screen.getByTestId('tab-keys')).toHaveAttribute('aria-selected', 'true');
    });
    await waitFor(() =>
      expect(document.querySelector('[data-testid=credential-row][data-id="key-2"]')).toHaveAttribute('data-highlighted', 'true'),
    );
  });

  it('opens on the key a notification named when its click built the window (?open=ID), once', async () => {
    history.replaceState(null, '', '/index.html?open=key-2');
    mockIPC(
      (cmd) => {
        if (cmd === 'reconcile') return okReconcile;
        if (cmd === 'list_credentials') return [credential({ id: 'key-1' }), credential({ id: 'key-2', label: 'CI' })];
        if (cmd === 'poll_status') return [];
        return null;
      },
      { shouldMockEvents: true },
    );
    render(App);
    await waitFor(() =>
      expect(document.querySelector('[data-testid=credential-row][data-id="key-2"]')).toHaveAttribute('data-highlighted', 'true'),
    );
    expect(screen.getByTestId('tab-keys')).toHaveAttribute('aria-selected', 'true');
    expect(window.location.search).toBe('');
  });

  it('follows a change made elsewhere (data-changed) without a click', async () => {
    let keys = [credential({ id: 'key-1', label: 'Work laptop' })];
    mockIPC(
      (cmd) => {
        if (cmd === 'reconcile') return okReconcile;
        if (cmd === 'list_credentials') return keys;
        if (cmd === 'poll_status') return [];
        return null;
      },
      { shouldMockEvents: true },
    );
    render(App);
    await screen.findAllByTestId('credential-row');
    keys = [...keys, credential({ id: 'key-2', label: 'Added with the CLI' })];
    // Emitted again until the app listens: polled every 300 ms, longer than the 250 ms the app
    // lets a burst of changes settle before it reads them.
    await waitFor(
      async () => {
        await emit('data-changed', null);
        expect(screen.getAllByTestId('credential-row')).toHaveLength(2);
      },
      { timeout: 4000, interval: 300 },
    );
    expect(screen.getByText('Added with the CLI')).toBeInTheDocument();
  });
});
