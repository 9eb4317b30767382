// The Limits tab: each plan window with its bar, reset and source; the estimate without a percent;
// the empty state; Claude's switch and the problem it reports.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import LimitsTab from '../LimitsTab.svelte';
import { recordIPC } from '../../test/fixtures';
import { resetWindow } from '../../test/reset';
import type { EndpointStatus, PlanView, PlanWindow } from '../../lib/bindings';

afterEach(resetWindow);

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

function planWindow(over: Partial<PlanWindow>): PlanWindow {
  return {
    source: 'codex',
    window: '5h',
    window_minutes: 300,
    used_percent: 62.4,
    out_of_range: false,
    resets_at: inMinutes(72),
    observed_at: inMinutes(-3),
    origin: 'log',
    plan: 'plus',
    stale: false,
    block: null,
    history: [],
    full_at: null,
    ...over,
  };
}

const off: EndpointStatus = { enabled: false, last_success_at: null, next_poll_at: null, problem: null };

describe('LimitsTab', () => {
  it('lists each window with how full it is, when it resets and where the figure came from', async () => {
    const view: PlanView = {
      windows: [
        planWindow({ full_at: inMinutes(47), history: [{ at: inMinutes(-60), used_percent: 20 }, { at: inMinutes(-3), used_percent: 62.4 }] }),
        planWindow({
          source: 'claude',
          used_percent: null,
          origin: 'estimate',
          plan: null,
          block: {
            start: inMinutes(-60),
            end: inMinutes(240),
            tokens: 123456,
            requests: 9,
            cost_micros: 2_500_000,
            unpriced: false,
            last_hour: inMinutes(-30),
            active: true,
            limit_resets_at: null,
          },
        }),
      ],
      claude: off,
    };
    recordIPC((cmd) => (cmd === 'plan_windows' ? view : null));
    render(LimitsTab);
    const rows = await screen.findAllByTestId('plan-window');
    expect(rows).toHaveLength(2);
    const codex = within(rows[0]);
    expect(codex.getByTestId('plan-title').textContent).toBe('Codex · 5-hour');
    expect(codex.getByTestId('plan-percent').textContent).toBe('62%');
    expect(codex.getByRole('progressbar', { name: 'Codex · 5-hour window used' })).toHaveAttribute('aria-valuenow', '62');
    expect(codex.getByTestId('plan-resets').textContent).toMatch(/^resets .* \(in 1 h 1[12] min\)$/);
    expect(codex.getByTestId('plan-origin').textContent).toBe('from Codex’s session log');
    expect(codex.getByTestId('plan-pace').textContent).toMatch(/^At this pace it is full at .*, 2[45] min before it resets\.$/);
    expect(codex.getByRole('img', { name: /from 20% to 62%/ })).toBeInTheDocument();
    const claude = within(rows[1]);
    expect(claude.queryByRole('progressbar')).toBeNull();
    expect(claude.getByTestId('plan-estimate').textContent).toMatch(/~123,456 tokens, \$2\.50\s+so far in this block/);
    expect(claude.getByTestId('plan-origin').textContent).toBe('estimate from Claude Code’s logs');
  });

  it('says what to do when no window was seen, and turns Claude’s figures on', async () => {
    const calls = recordIPC((cmd, args) => {
      if (cmd === 'plan_windows') return { windows: [], claude: off } satisfies PlanView;
      if (cmd === 'plan_claude_set') {
        const on = (args as { enabled: boolean }).enabled;
        const problem = 'Claude Code’s login has expired; open Claude Code to refresh its login';
        return { windows: [], claude: { ...off, enabled: on, problem } } satisfies PlanView;
      }
      return null;
    });
    render(LimitsTab);
    expect((await screen.findByTestId('limits-empty')).textContent).toContain('No plan windows seen yet');
    const toggle = screen.getByRole('switch', { name: 'Ask Claude for its own figures' });
    expect(toggle).not.toBeChecked();
    await fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByTestId('claude-endpoint-problem').textContent).toContain('open Claude Code'));
    expect(calls.find((c) => c.cmd === 'plan_claude_set')?.args).toEqual({ enabled: true });
    expect(screen.getByRole('switch')).toBeChecked();
  });

  it('shows why the limits could not be loaded, with a Retry', async () => {
    let fail = true;
    recordIPC((cmd) => {
      if (cmd !== 'plan_windows') return null;
      if (fail) throw { code: 'storage', message: 'the database is busy' };
      return { windows: [planWindow({ stale: true })], claude: off } satisfies PlanView;
    });
    render(LimitsTab);
    expect((await screen.findByTestId('limits-error')).textContent).toContain('the database is busy');
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: /Retry/ }));
    const row = await screen.findByTestId('plan-window');
    expect(within(row).getByTestId('plan-resets').textContent).toBe('reset since; waiting for new data');
  });
});
