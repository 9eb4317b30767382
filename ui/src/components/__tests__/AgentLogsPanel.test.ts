import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import AgentLogsPanel from '../AgentLogsPanel.svelte';
import type { IngestReport, LogSources, LogSourcesView, SourceDir } from '../../lib/bindings';
import { toasts } from '../../lib/toasts.svelte';
import { ingestReport, recordIPC, type Handler } from '../../test/fixtures';
import { resetWindow } from '../../test/reset';
import { usagePeriod } from '../../lib/state/usagePeriod.svelte';

const HOME = '/home/me';

function settings(over: Partial<LogSources> = {}): LogSources {
  return { claude_code: true, codex: true, extra_claude_code: [], extra_codex: [], ...over };
}

/** The view Rust answers for `s`: the defaults (found or not), then the added folders. */
function viewOf(s: LogSources, found: { claude?: boolean; codex?: boolean } = {}): LogSourcesView {
  const dirs: SourceDir[] = [];
  if (s.claude_code) {
    dirs.push({ agent: 'claude-code', path: `${HOME}/.claude/projects`, default: true, exists: found.claude ?? true });
    dirs.push({ agent: 'claude-code', path: `${HOME}/.config/claude/projects`, default: true, exists: false });
    for (const path of s.extra_claude_code) dirs.push({ agent: 'claude-code', path, default: false, exists: true });
  }
  if (s.codex) {
    dirs.push({ agent: 'codex', path: `${HOME}/.codex/sessions`, default: true, exists: found.codex ?? true });
    for (const path of s.extra_codex) dirs.push({ agent: 'codex', path, default: false, exists: true });
  }
  return { settings: s, dirs, last: null };
}

const NOW = new Date('2026-11-24T12:00:00Z');

function setup(handler: Handler, props: { onimported?: () => void } = {}) {
  const calls = recordIPC(handler, { shouldMockEvents: true });
  render(AgentLogsPanel, { now: NOW, ...props });
  const sent = () =>
    calls.filter((c) => c.cmd === 'log_sources_set').map((c) => (c.args as { settings: LogSources }).settings);
  return { calls, sent };
}

/** A backend keeping the settings: `log_sources_set` stores them (unless `reject` says why not). */
function backend(initial: LogSources, reject: (s: LogSources) => string | null = () => null): Handler {
  let current = initial;
  return (cmd, args) => {
    if (cmd === 'log_sources') return viewOf(current);
    if (cmd === 'log_sources_set') {
      const next = (args as { settings: LogSources }).settings;
      const why = reject(next);
      if (why) throw { code: 'invalid_input', message: why };
      current = next;
      return viewOf(current);
    }
    return null;
  };
}

/** A backend with the default sources whose `logs_import` answers `report()` (which may throw, or be a promise). */
function importing(report: () => unknown): Handler {
  return (cmd) => {
    if (cmd === 'log_sources') return viewOf(settings());
    if (cmd === 'logs_import') return report();
    return null;
  };
}

const dirRows = (agent: string) =>
  Array.from(document.querySelectorAll<HTMLElement>(`[data-testid=logs-dir][data-agent="${agent}"]`));

afterEach(resetWindow);

describe('AgentLogsPanel', () => {
  it('shows a skeleton while loading, then each agent with its folders and their tags', async () => {
    let answer: (v: LogSourcesView) => void = () => {};
    setup((cmd) => (cmd === 'log_sources' ? new Promise((resolve) => (answer = resolve)) : null));
    expect(screen.getByRole('heading', { name: 'Local agent logs' })).toBeInTheDocument();
    expect(screen.getByTestId('agent-logs')).toHaveTextContent('keeps that usage after the agents delete their logs');
    expect(screen.getByTestId('logs-loading')).toBeInTheDocument();

    answer(viewOf(settings({ extra_codex: ['/mnt/work/codex'] })));
    await waitFor(() => expect(dirRows('claude-code')).toHaveLength(2));
    expect(screen.queryByTestId('logs-loading')).toBeNull();

    const [found, missing] = dirRows('claude-code');
    expect(within(found).getByText('/home/me/.claude/projects').tagName).toBe('CODE');
    expect(within(found).getByTestId('logs-dir-tag')).toHaveTextContent('default');
    expect(within(found).queryByTestId('logs-dir-missing')).toBeNull();
    expect(within(found).queryByTestId('logs-remove-dir')).toBeNull();
    expect(within(missing).getByTestId('logs-dir-missing')).toHaveTextContent('not found');

    const codex = dirRows('codex');
    expect(codex.map((r) => r.dataset.path)).toEqual(['/home/me/.codex/sessions', '/mnt/work/codex']);
    expect(within(codex[1]).getByTestId('logs-dir-tag')).toHaveTextContent('added');
    expect(within(codex[1]).getByTestId('logs-remove-dir')).toHaveAccessibleName('Stop reading /mnt/work/codex');

    expect(screen.getByTestId('logs-toggle-claude-code')).toBeChecked();
    expect(screen.getByTestId('logs-toggle-codex')).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Claude Code' })).toBe(screen.getByTestId('logs-toggle-claude-code'));
    expect(screen.queryByTestId('logs-empty')).toBeNull();
  });

  it('turns an agent off by sending the whole settings with its flag flipped', async () => {
    const start = settings({ extra_claude_code: ['/mnt/claude'], extra_codex: ['/mnt/codex'] });
    const { sent } = setup(backend(start));
    await waitFor(() => expect(dirRows('codex')).toHaveLength(2));

    await fireEvent.click(screen.getByTestId('logs-toggle-codex'));
    await waitFor(() => expect(sent()).toEqual([{ ...start, codex: false }]));
    await waitFor(() => expect(screen.getByTestId('logs-toggle-codex')).not.toBeChecked());
    expect(screen.getByTestId('logs-state-codex')).toHaveTextContent('Off — not read');
    // Its added folder stays listed (and removable); the defaults are not read.
    expect(dirRows('codex').map((r) => r.dataset.path)).toEqual(['/mnt/codex']);
    expect(screen.queryByTestId('logs-add-dir-codex')).toBeNull();
    expect(toasts.items.map((t) => t.text)).toEqual(['No longer reading Codex logs']);

    await fireEvent.click(screen.getByTestId('logs-toggle-claude-code'));
    await waitFor(() => expect(sent()[1]).toEqual({ ...start, codex: false, claude_code: false }));
  });

  it('puts the switch back and says why when the change is refused', async () => {
    setup(backend(settings(), () => 'could not store the settings: disk full'));
    const toggle = await screen.findByTestId('logs-toggle-claude-code');
    await fireEvent.click(toggle);
    await waitFor(() => expect(toasts.items.map((t) => t.text)).toEqual(['could not store the settings: disk full']));
    expect(toggle).toBeChecked();
  });

  it('adds a folder with Enter, appended to the added ones', async () => {
    const { sent } = setup(backend(settings({ extra_claude_code: ['/mnt/a'] })));
    const input = (await screen.findByTestId('logs-add-dir-claude-code')) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: '  /mnt/b  ' } });
    await fireEvent.submit(input.form!);
    await waitFor(() => expect(sent()).toEqual([settings({ extra_claude_code: ['/mnt/a', '/mnt/b'] })]));
    await waitFor(() => expect(dirRows('claude-code').map((r) => r.dataset.path)).toContain('/mnt/b'));
    expect(input.value).toBe('');
    expect(screen.queryByTestId('logs-add-dir-error')).toBeNull();
  });

  it("shows Rust's reason under the field when a folder is refused, keeping the typed text", async () => {
    const why = "give the folder as an absolute path (e.g. /home/me/.claude/projects), not 'logs'";
    const { sent } = setup(backend(settings(), (s) => (s.extra_codex.includes('logs') ? why : null)));
    const input = (await screen.findByTestId('logs-add-dir-codex')) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'logs' } });
    await fireEvent.click(screen.getByTestId('logs-add-dir-codex-submit'));
    const error = await screen.findByTestId('logs-add-dir-error');
    expect(error).toHaveTextContent(why);
    expect(error).toHaveAttribute('role', 'alert');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('aria-describedby', error.id);
    expect(input.value).toBe('logs');
    expect(sent()).toEqual([settings({ extra_codex: ['logs'] })]);
    expect(dirRows('codex')).toHaveLength(1);

    // Typing again clears the message.
    await fireEvent.input(input, { target: { value: '/mnt/codex' } });
    expect(screen.queryByTestId('logs-add-dir-error')).toBeNull();
  });

  it('removes an added folder', async () => {
    const { sent } = setup(backend(settings({ extra_claude_code: ['/mnt/a', '/mnt/b'] })));
    await waitFor(() => expect(dirRows('claude-code')).toHaveLength(4));
    const row = dirRows('claude-code').find((r) => r.dataset.path === '/mnt/a')!;
    await fireEvent.click(within(row).getByTestId('logs-remove-dir'));
    await waitFor(() => expect(sent()).toEqual([settings({ extra_claude_code: ['/mnt/b'] })]));
    await waitFor(() => expect(dirRows('claude-code').map((r) => r.dataset.path)).not.toContain('/mnt/a'));
    expect(document.activeElement).toBe(screen.getByTestId('logs-add-dir-claude-code'));
  });

  it('imports now: progress from ingest-progress events, then the result', async () => {
    let answer: (v: IngestReport) => void = () => {};
    const onimported = vi.fn();
    const { calls } = setup(
      importing(() => new Promise((resolve) => (answer = resolve))),
      { onimported },
    );
    await waitFor(() => expect(dirRows('codex')).toHaveLength(1));
    const button = screen.getByTestId('logs-import');
    expect(button).toHaveTextContent('Import now');
    await fireEvent.click(button);
    await waitFor(() => expect(button).toHaveTextContent('Importing…'));
    expect(button).toBeDisabled();
    expect(calls.filter((c) => c.cmd === 'logs_import')).toHaveLength(1);

    const GB = 1_000_000_000;
    await emit('ingest-progress', { files_done: 12, files_total: 340, bytes_done: 45_000_000, bytes_total: 1.2 * GB });
    await waitFor(() =>
      expect(screen.getByTestId('logs-progress')).toHaveTextContent('12 of 340 files · 45 MB of 1.2 GB'),
    );
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '4');

    await emit('ingest-progress', { files_done: 200, files_total: 340, bytes_done: 0.6 * GB, bytes_total: 1.2 * GB });
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50'));

    answer(ingestReport());
    await waitFor(() => expect(button).toHaveTextContent('Import now'));
    expect(button).not.toBeDisabled();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('logs-summary').textContent).toBe(
      'Read 3 of 120 files (4.2 MB): 57 new requests from 20–23 Nov, 3 already counted, 1 malformed line skipped.',
    );
    expect(onimported).toHaveBeenCalledTimes(1);
  });

  it('uses the singular and leaves out what did not happen', async () => {
    const onimported = vi.fn();
    setup(
      importing(() =>
        ingestReport({ files_seen: 1, files_read: 1, bytes_read: 900, requests: 1, duplicates: 0, malformed_lines: 0 }),
      ),
      { onimported },
    );
    await fireEvent.click(await screen.findByTestId('logs-import'));
    await waitFor(() =>
      expect(screen.getByTestId('logs-summary').textContent).toBe('Read 1 of 1 file (900 B): 1 new request from 20–23 Nov.'),
    );
    expect(onimported).toHaveBeenCalledTimes(1);
  });

  it('says when nothing is new, and does not reload the usage', async () => {
    const onimported = vi.fn();
    setup(
      importing(() =>
        ingestReport({ files_read: 0, bytes_read: 0, requests: 0, duplicates: 0, malformed_lines: 0 }),
      ),
      { onimported },
    );
    await fireEvent.click(await screen.findByTestId('logs-import'));
    await waitFor(() => expect(screen.getByTestId('logs-summary').textContent).toBe('Nothing new since the last read.'));
    expect(screen.queryByTestId('logs-unpriced')).toBeNull();
    expect(onimported).not.toHaveBeenCalled();
  });

  it('lists the models with no price and the problems', async () => {
    setup(
      importing(() =>
        ingestReport({
          unpriced_models: ['gpt-9-codex', 'claude-next'],
          problems: ['/home/me/.codex/sessions/x.jsonl: permission denied'],
        }),
      ),
    );
    await fireEvent.click(await screen.findByTestId('logs-import'));
    const unpriced = await screen.findByTestId('logs-unpriced');
    expect(unpriced.textContent).toBe(
      'No price known for gpt-9-codex, claude-next — their usage shows as unpriced; set a price in the Prices tab.',
    );
    const problems = screen.getAllByTestId('logs-problem');
    expect(problems.map((p) => p.textContent)).toEqual(['/home/me/.codex/sessions/x.jsonl: permission denied']);
  });

  it('shows the progress and result of an import started elsewhere', async () => {
    const onimported = vi.fn();
    setup((cmd) => (cmd === 'log_sources' ? viewOf(settings()) : null), { onimported });
    await waitFor(() => expect(dirRows('codex')).toHaveLength(1));
    await waitFor(async () => {
      await emit('ingest-progress', { files_done: 1, files_total: 2, bytes_done: 1500, bytes_total: 3000 });
      expect(screen.getByTestId('logs-progress')).toHaveTextContent('1 of 2 files · 1.5 KB of 3 KB');
    });
    expect(screen.getByTestId('logs-import')).toBeDisabled();
    expect(screen.getByTestId('logs-import')).toHaveTextContent('Importing…');

    await emit(
      'ingest-finished',
      ingestReport({ files_seen: 2, files_read: 2, bytes_read: 3000, requests: 2, duplicates: 0, malformed_lines: 2 }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('logs-summary').textContent).toBe(
        'Read 2 of 2 files (3 KB): 2 new requests from 20–23 Nov, 2 malformed lines skipped.',
      ),
    );
    expect(screen.queryByTestId('logs-progress')).toBeNull();
    expect(screen.getByTestId('logs-import')).not.toBeDisabled();
    // The app reloads the usage on `ingest-finished` itself.
    expect(onimported).not.toHaveBeenCalled();
  });

  it('shows what the read before the panel opened brought', async () => {
    const last = ingestReport({ files_read: 1, requests: 1, duplicates: 0, malformed_lines: 0 });
    setup((cmd) => (cmd === 'log_sources' ? { ...viewOf(settings()), last } : null));
    await waitFor(() => expect(screen.getByTestId('logs-result')).toHaveTextContent('1 new request'));
  });

  it('keeps the last import shown when a read elsewhere finds nothing new', async () => {
    const last = ingestReport({ requests: 1204, duplicates: 0, malformed_lines: 0 });
    setup((cmd) => (cmd === 'log_sources' ? { ...viewOf(settings()), last } : null));
    await waitFor(() => expect(screen.getByTestId('logs-summary')).toHaveTextContent('1,204 new requests'));
    await emit('ingest-finished', ingestReport({ files_read: 0, requests: 0, duplicates: 0, malformed_lines: 0 }));
    await emit('ingest-finished', ingestReport({ files_read: 2, requests: 0, duplicates: 5, malformed_lines: 0 }));
    expect(screen.getByTestId('logs-summary')).toHaveTextContent('1,204 new requests from 20–23 Nov');
  });

  it('shows an import made by the CLI once the database says it changed', async () => {
    let last: IngestReport | null = null;
    setup((cmd) => (cmd === 'log_sources' ? { ...viewOf(settings()), last } : null));
    await waitFor(() => expect(dirRows('codex')).toHaveLength(1));
    expect(screen.queryByTestId('logs-summary')).toBeNull();
    last = ingestReport({ requests: 31, duplicates: 0, malformed_lines: 0 });
    await emit('data-changed', null);
    await waitFor(() => expect(screen.getByTestId('logs-summary')).toHaveTextContent('31 new requests'));
  });

  it('offers to show the days an import brought when the usage shows other days', async () => {
    const october = ingestReport({ requests: 1204, first_day: '2026-10-03', last_day: '2026-10-19' });
    setup((cmd) => (cmd === 'log_sources' ? { ...viewOf(settings()), last: october } : null));
    const show = await screen.findByTestId('logs-show-period');
    expect(screen.getByTestId('logs-summary')).toHaveTextContent('1,204 new requests from 3–19 Oct');
    expect(show).toHaveTextContent('Show that period');
    await fireEvent.click(show);
    expect(usagePeriod.period).toBe('custom');
    expect(usagePeriod.range(NOW)).toEqual({ from: '2026-10-03', to: '2026-10-19' });
    await waitFor(() => expect(screen.queryByTestId('logs-show-period')).toBeNull());
  });

  it('shows why an import failed', async () => {
    setup(
      importing(() => {
        throw { code: 'database', message: 'the ledger is locked' };
      }),
    );
    await fireEvent.click(await screen.findByTestId('logs-import'));
    expect(await screen.findByTestId('logs-import-error')).toHaveTextContent('the ledger is locked');
    expect(screen.getByTestId('logs-import')).not.toBeDisabled();
  });

  it('hints where the agents write when no folder exists', async () => {
    setup((cmd) => (cmd === 'log_sources' ? viewOf(settings(), { claude: false, codex: false }) : null));
    const hint = await screen.findByTestId('logs-empty');
    expect(hint).toHaveTextContent(
      'No agent logs found yet — Claude Code writes to ~/.claude/projects, Codex to ~/.codex/sessions.',
    );
    // The folders are still listed, so one can be added.
    expect(dirRows('claude-code')).toHaveLength(2);
    expect(screen.getByTestId('logs-add-dir-claude-code')).toBeInTheDocument();
  });

  it('shows the error with a Retry that loads again', async () => {
    let fail = true;
    const { calls } = setup((cmd) => {
      if (cmd !== 'log_sources') return null;
      if (fail) throw { code: 'database', message: 'the settings cannot be read' };
      return viewOf(settings());
    });
    const error = await screen.findByTestId('logs-error');
    expect(error).toHaveTextContent('Could not load the agent log folders');
    expect(error).toHaveTextContent('the settings cannot be read');
    fail = false;
    await fireEvent.click(within(error).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(dirRows('codex')).toHaveLength(1));
    expect(screen.queryByTestId('logs-error')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'log_sources')).toHaveLength(2);
  });

  it('shows the error state, without throwing, when Rust answers nothing', async () => {
    setup(() => null);
    expect(await screen.findByTestId('logs-error')).toHaveTextContent('Could not load the agent log folders');
    expect(screen.getByTestId('logs-import')).toBeInTheDocument();
  });
});
