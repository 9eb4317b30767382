import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import AlertsView from '../AlertsView.svelte';
import { alert, credential, recordIPC, type Handler } from '../../test/fixtures';
import type { Alert } from '../../lib/bindings';
import { toasts } from '../../lib/toasts.svelte';
import { resetAfterEach } from '../../test/views';

// Local times, so the expected text is the same in every time zone.
const NOW = new Date(2026, 10, 23, 12, 0);
const local = (day: number, hour: number) => new Date(2026, 10, day, hour, 0).toISOString();

const KEY = credential({ id: 'key-1', label: 'Work laptop' });
const EXPIRY = alert({
  id: 3,
  rule: 'expiry',
  severity: 'critical',
  credential_id: 'key-1',
  title: 'Work laptop expires tomorrow',
  body: 'Rotate it before 24 Nov 2026.',
  fired_at: local(23, 10),
});
const BUDGET = alert({ id: 2, fired_at: local(22, 9) });
const ROTATION = alert({
  id: 1,
  rule: 'rotation',
  severity: 'info',
  credential_id: 'gone-key',
  title: 'Old laptop is 200 days old',
  body: 'Consider rotating it.',
  fired_at: local(20, 8),
});
const ACTIVE = [EXPIRY, BUDGET, ROTATION];

/** `handler` answers a command, or returns undefined for the default (the lists above, null otherwise). */
function setup(handler: Handler = () => undefined, active: Alert[] = ACTIVE, history: Alert[] = ACTIVE) {
  const calls = recordIPC((cmd, args) => {
    const answer = handler(cmd, args);
    if (cmd === 'alert_list' && answer === undefined) return (args as { all: boolean }).all ? history : active;
    return answer ?? null;
  });
  const onopenkey = vi.fn();
  const onchanged = vi.fn();
  const view = render(AlertsView, { credentials: [KEY], version: 0, now: NOW, onopenkey, onchanged });
  const lists = () => calls.filter((c) => c.cmd === 'alert_list').map((c) => c.args);
  return { calls, lists, onopenkey, onchanged, view };
}

const rows = () => screen.queryAllByTestId('alert-row');
const rowOf = (id: number) => rows().find((r) => r.dataset.id === String(id))!;

resetAfterEach();

describe('AlertsView', () => {
  it('lists the active alerts with their severity and local fired time', async () => {
    const { lists } = setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(lists()).toEqual([{ all: false }]);
    expect(rows().map((r) => r.dataset.severity)).toEqual(['critical', 'warning', 'info']);

    const critical = rowOf(3);
    expect(within(critical).getByTestId('alert-severity')).toHaveTextContent('Critical');
    expect(within(critical).getByTestId('alert-title')).toHaveTextContent('Work laptop expires tomorrow');
    expect(critical).toHaveTextContent('Rotate it before 24 Nov 2026.');
    expect(critical).toHaveTextContent('Key expiry');
    const time = within(critical).getByTestId('alert-time');
    expect(time).toHaveTextContent('23 Nov 2026, 10:00');
    expect(time).toHaveTextContent('2 h ago');
    expect(within(rowOf(2)).getByTestId('alert-time')).toHaveTextContent('22 Nov 2026, 09:00');
    expect(within(rowOf(2)).getByTestId('alert-time')).toHaveTextContent('yesterday');
    expect(within(rowOf(1)).getByTestId('alert-severity')).toHaveTextContent('Info');
    // The active list shows no history state.
    expect(within(critical).queryByTestId('alert-state')).toBeNull();
  });

  it('acknowledges an alert: the row leaves at once and alert_ack gets its id', async () => {
    const { calls, onchanged } = setup((cmd, args) =>
      cmd === 'alert_ack' ? { ...BUDGET, acknowledged_at: new Date().toISOString(), id: (args as { id: number }).id } : undefined,
    );
    await waitFor(() => expect(rows()).toHaveLength(3));
    await fireEvent.click(within(rowOf(2)).getByTestId('alert-ack'));
    expect(rows().map((r) => r.dataset.id)).toEqual(['3', '1']);
    // The keyboard keeps its place: focus moves to the next alert.
    await waitFor(() => expect(document.activeElement).toBe(within(rowOf(1)).getByTestId('alert-snooze')));
    await waitFor(() => expect(onchanged).toHaveBeenCalledTimes(1));
    expect(calls.find((c) => c.cmd === 'alert_ack')?.args).toEqual({ id: 2 });
    expect(toasts.items.map((t) => t.text)).toEqual(['Acknowledged: Monthly budget 80% used']);
    expect(toasts.items[0].tone).toBe('success');
  });

  it("turns the rotation reminder off for a key from its alert", async () => {
    const { calls, onchanged } = setup((cmd) =>
      cmd === 'alert_rotation_off' ? { ...ROTATION, acknowledged_at: new Date().toISOString() } : undefined,
    );
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(within(rowOf(2)).queryByTestId('alert-rotation-off')).toBeNull();
    await fireEvent.click(within(rowOf(1)).getByTestId('alert-rotation-off'));
    expect(rows().map((r) => r.dataset.id)).toEqual(['3', '2']);
    await waitFor(() => expect(onchanged).toHaveBeenCalledTimes(1));
    expect(calls.find((c) => c.cmd === 'alert_rotation_off')?.args).toEqual({ id: 1 });
    expect(toasts.items.map((t) => t.text)).toEqual(['No more rotation reminders for this key']);
  });

  it('snoozes an alert for a day from its menu', async () => {
    const until = local(25, 14);
    const { calls, onchanged } = setup((cmd) => (cmd === 'alert_snooze' ? { ...EXPIRY, snoozed_until: until } : undefined));
    await waitFor(() => expect(rows()).toHaveLength(3));
    const trigger = within(rowOf(3)).getByTestId('alert-snooze');
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('menu')).toBeNull();

    // Opens, focuses the first choice; Escape closes and gives the focus back.
    await fireEvent.click(trigger);
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    const menu = screen.getByRole('menu');
    expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent?.trim())).toEqual(['1 hour', '1 day', '1 week']);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('snooze-1h')));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByTestId('snooze-24h'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(calls.some((c) => c.cmd === 'alert_snooze')).toBe(false);

    // Keyboard open from the button, then choose a day.
    await fireEvent.keyDown(trigger, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('snooze-1h')));
    await fireEvent.click(screen.getByTestId('snooze-24h'));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(rows().map((r) => r.dataset.id)).toEqual(['2', '1']);
    await waitFor(() => expect(onchanged).toHaveBeenCalledTimes(1));
    expect(calls.find((c) => c.cmd === 'alert_snooze')?.args).toEqual({ id: 3, hours: 24 });
    expect(toasts.items.map((t) => t.text)).toEqual(['Snoozed until 25 Nov 2026, 14:00']);
  });

  it('closes the snooze menu on a click elsewhere', async () => {
    setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    await fireEvent.click(within(rowOf(2)).getByTestId('alert-snooze'));
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await fireEvent.pointerDown(document.body);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('offers Show key only for a key that still exists', async () => {
    const { onopenkey } = setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(within(rowOf(2)).queryByTestId('alert-open-key')).toBeNull(); // no key
    expect(within(rowOf(1)).queryByTestId('alert-open-key')).toBeNull(); // a deleted key
    const show = within(rowOf(3)).getByTestId('alert-open-key');
    expect(show).toHaveAccessibleName('Show the key Work laptop');
    await fireEvent.click(show);
    expect(onopenkey).toHaveBeenCalledWith('key-1');
  });

  it('switches between the active alerts and the history', async () => {
    const history = [
      alert({ id: 5, title: 'Acknowledged one', acknowledged_at: local(23, 11) }),
      alert({ id: 4, title: 'Snoozed one', snoozed_until: local(25, 14) }),
      alert({ id: 6, title: 'Woke up again', snoozed_until: local(23, 11) }),
    ];
    const { lists } = setup(() => undefined, ACTIVE, history);
    await waitFor(() => expect(rows()).toHaveLength(3));
    const active = screen.getByTestId('alerts-filter-active');
    const all = screen.getByTestId('alerts-filter-all');
    expect(active).toHaveAttribute('aria-pressed', 'true');
    expect(all).toHaveAttribute('aria-pressed', 'false');

    await fireEvent.click(all);
    expect(all).toHaveAttribute('aria-pressed', 'true');
    expect(active).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(rows().map((r) => r.dataset.id)).toEqual(['5', '4', '6']));
    expect(lists()).toEqual([{ all: false }, { all: true }]);
    expect(within(rowOf(5)).getByTestId('alert-state')).toHaveTextContent('Acknowledged 23 Nov 2026, 11:00');
    expect(within(rowOf(5)).queryByTestId('alert-ack')).toBeNull();
    expect(within(rowOf(4)).getByTestId('alert-state')).toHaveTextContent('Snoozed until 25 Nov 2026, 14:00');
    expect(within(rowOf(6)).getByTestId('alert-state')).toHaveTextContent('Active');

    await fireEvent.click(active);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(lists()).toEqual([{ all: false }, { all: true }, { all: false }]);
  });

  it('says when nothing needs attention, and when there is no history', async () => {
    setup(() => undefined, [], []);
    const empty = await screen.findByTestId('alerts-empty');
    expect(empty).toHaveTextContent('No alerts need your attention');
    expect(empty).toHaveTextContent(
      'expiring keys, budgets, provider limits, key rotation age, old keys to revoke after a rotation, rejected keys and spend spikes',
    );
    expect(empty).toHaveTextContent('budgets and alert rules below');

    await fireEvent.click(screen.getByTestId('alerts-filter-all'));
    await waitFor(() => expect(screen.getByTestId('alerts-empty')).toHaveTextContent('No alerts yet'));
  });

  it('names the reminder to revoke a rotated key, without the rotation reminder action', async () => {
    const revoke = alert({
      id: 9,
      rule: 'revoke_old',
      severity: 'info',
      credential_id: 'key-1',
      title: 'Revoke the old key of “Work laptop”',
      fired_at: local(23, 9),
    });
    setup(() => undefined, [revoke], [revoke]);
    const row = await screen.findByTestId('alert-row');
    expect(row).toHaveTextContent('Revoke old key');
    expect(within(row).getByTestId('alert-title')).toHaveTextContent('Revoke the old key of “Work laptop”');
    expect(within(row).getByTestId('alert-open-key')).toBeInTheDocument();
    expect(within(row).queryByTestId('alert-rotation-off')).toBeNull();
  });

  it('treats a missing list as empty', async () => {
    setup(() => null);
    expect(await screen.findByTestId('alerts-empty')).toHaveTextContent('No alerts need your attention');
  });

  it('shows an error with Retry when the list cannot be read', async () => {
    let fail = true;
    const { lists } = setup((cmd) => {
      if (cmd === 'alert_list' && fail) throw { code: 'store', message: 'the database is locked' };
      return undefined;
    });
    const error = await screen.findByTestId('alerts-error');
    expect(error).toHaveTextContent('Could not load the alerts');
    expect(error).toHaveTextContent('the database is locked');
    fail = false;
    await fireEvent.click(within(error).getByRole('button', { name: /Retry/ }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.queryByTestId('alerts-error')).toBeNull();
    expect(lists()).toHaveLength(2);
  });

  it('puts the alert back when acknowledging fails', async () => {
    const { lists, onchanged } = setup((cmd) => {
      if (cmd === 'alert_ack') throw { code: 'not_found', message: 'no alert 2' };
      return undefined;
    });
    await waitFor(() => expect(rows()).toHaveLength(3));
    await fireEvent.click(within(rowOf(2)).getByTestId('alert-ack'));
    await waitFor(() => expect(toasts.items.map((t) => t.text)).toEqual(['no alert 2']));
    expect(toasts.items[0].tone).toBe('error');
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(lists()).toHaveLength(2);
    expect(onchanged).not.toHaveBeenCalled();
  });

  it('reloads when the version changes', async () => {
    const { lists, view } = setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    await view.rerender({ version: 1 });
    await waitFor(() => expect(lists()).toHaveLength(2));
  });
});
