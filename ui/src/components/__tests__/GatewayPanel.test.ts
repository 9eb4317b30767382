// The gateway section of the Usage tab: off by default with what to do; switched on, the URL and
// counters; each key's requests today and its rate limits in words; a bad port refused here; a
// port Rust could not listen on shown as the problem.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import GatewayPanel from '../GatewayPanel.svelte';
import { recordIPC } from '../../test/fixtures';
import { resetWindow } from '../../test/reset';
import type { GatewaySettings, GatewayView, KeyTraffic } from '../../lib/bindings';

afterEach(resetWindow);

const off: GatewayView = {
  settings: { enabled: false, port: 8787 },
  url: null,
  problem: null,
  status: null,
  keys: [],
};

const traffic: KeyTraffic = {
  credential_id: 'c1',
  label: 'Groq work',
  provider: 'groq',
  requests: 3,
  tokens: 1234,
  cost_micros: 2_500_000,
  unpriced_requests: 0,
  limits: [{ what: 'requests', remaining: 412, limit: 500, resets_at: new Date(Date.now() + 12_000).toISOString() }],
  limits_seen_at: new Date().toISOString(),
};

function on(settings: GatewaySettings): GatewayView {
  return {
    settings,
    url: `http://127.0.0.1:${settings.port}`,
    problem: null,
    status: {
      started_at: new Date().toISOString(),
      requests: 4,
      metered: 3,
      malformed: 1,
      cut_short: 0,
      refused: 0,
      upstream_errors: 0,
    },
    keys: [traffic],
  };
}

describe('GatewayPanel', () => {
  it('is off by default and says what switching it on does', async () => {
    recordIPC((cmd) => (cmd === 'gateway_view' ? off : null));
    render(GatewayPanel);
    expect((await screen.findByTestId('gateway-empty')).textContent).toContain('Switch the gateway on');
    expect(screen.getByRole('switch', { name: 'Run the gateway while Keyledger runs' })).not.toBeChecked();
    expect(screen.queryByTestId('gateway-url')).toBeNull();
  });

  it('switched on, shows the URL, the counters and each key’s requests and limits', async () => {
    const calls = recordIPC((cmd, args) => {
      if (cmd === 'gateway_view') return off;
      if (cmd === 'gateway_set') return on((args as { settings: GatewaySettings }).settings);
      return null;
    });
    render(GatewayPanel);
    await fireEvent.click(await screen.findByRole('switch'));
    await waitFor(() => expect(screen.getByTestId('gateway-url')).toHaveValue('http://127.0.0.1:8787'));
    expect(calls.find((c) => c.cmd === 'gateway_set')?.args).toEqual({ settings: { enabled: true, port: 8787 } });
    expect(screen.getByTestId('gateway-status').textContent).toMatch(/^4 requests since .*: 3 metered, 1 malformed answer$/);
    const row = within(screen.getByTestId('gateway-key'));
    expect(row.getByTestId('gateway-today').textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '3 requests today · 1,234 tokens · $2.50',
    );
    const limit = row.getByTestId('gateway-limit');
    expect(limit.textContent).toMatch(/412 of 500 requests left\s*resets in 1[0-3] s/);
    expect(within(limit).getByRole('progressbar', { name: 'Groq work: requests used' })).toHaveAttribute('aria-valuenow', '18');
  });

  it('refuses a port outside 1024–65535 before asking Rust, and shows why Rust could not listen', async () => {
    const calls = recordIPC((cmd, args) => {
      if (cmd === 'gateway_view') return { ...off, settings: { enabled: true, port: 8787 } };
      if (cmd === 'gateway_set') {
        const s = (args as { settings: GatewaySettings }).settings;
        return { ...off, settings: s, problem: `the gateway cannot listen on 127.0.0.1:${s.port}: Address in use; choose another port` };
      }
      return null;
    });
    render(GatewayPanel);
    const port = await screen.findByLabelText('Port');
    await fireEvent.input(port, { target: { value: '80' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Use this port' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose a port from 1024 to 65535.');
    expect(port).toHaveFocus();
    expect(calls.some((c) => c.cmd === 'gateway_set')).toBe(false);

    await fireEvent.input(port, { target: { value: '9000' } });
    await fireEvent.submit(port.closest('form')!);
    await waitFor(() => expect(screen.getByTestId('gateway-problem').textContent).toContain('127.0.0.1:9000'));
    expect(calls.find((c) => c.cmd === 'gateway_set')?.args).toEqual({ settings: { enabled: true, port: 9000 } });
  });

  it('shows why the gateway could not be loaded, with a Retry', async () => {
    let fail = true;
    recordIPC((cmd) => {
      if (cmd !== 'gateway_view') return null;
      if (fail) throw { code: 'database', message: 'the database is busy' };
      return off;
    });
    render(GatewayPanel);
    expect((await screen.findByTestId('gateway-error')).textContent).toContain('the database is busy');
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: /Retry/ }));
    expect(await screen.findByTestId('gateway-empty')).toBeInTheDocument();
  });
});
