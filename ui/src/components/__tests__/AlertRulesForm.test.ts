import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import AlertRulesForm from '../AlertRulesForm.svelte';
import type { AlertSettings } from '../../lib/bindings';
import { toasts } from '../../lib/toasts.svelte';
import { alertSettings, heldIPC, recordIPC, type Handler } from '../../test/fixtures';
import { retype } from '../../test/typing';
import { failFirstLoadThenRetry, resetAfterEach } from '../../test/views';

const SETTINGS = alertSettings({ rotation_off: ['key-old', 'key-ci'] });

/** What Rust answers: the settings sorted and without duplicates. */
const tidy = (s: AlertSettings): AlertSettings => ({
  ...s,
  expiry_days: [...new Set(s.expiry_days)].sort((a, b) => b - a),
  budget_thresholds: [...new Set(s.budget_thresholds)].sort((a, b) => a - b),
});

function setup(
  handler: Handler = (cmd, args) =>
    cmd === 'alert_settings_set' ? tidy((args as { settings: AlertSettings }).settings) : null,
  settings = SETTINGS,
) {
  const calls = recordIPC((cmd, args) => (cmd === 'alert_settings' ? settings : handler(cmd, args)));
  const onsaved = vi.fn();
  render(AlertRulesForm, { onsaved });
  const sent = () => calls.filter((c) => c.cmd === 'alert_settings_set').map((c) => c.args);
  return { calls, sent, onsaved };
}

const field = (testid: string) => screen.getByTestId(testid) as HTMLInputElement;
const save = () => screen.getByTestId('rules-save');
const fieldError = (name: string) => document.querySelector(`.rules-form .field-error[data-field="${name}"]`);
const loaded = () => waitFor(() => expect(field('rules-expiry')).toHaveValue('30, 7, 1'));

resetAfterEach();

describe('AlertRulesForm', () => {
  it('shows the stored settings, with Save disabled until something changes', async () => {
    setup(undefined, { ...SETTINGS, spike_floor_micros: 1_234_567, time_zone: 'Europe/Berlin' });
    await loaded();
    expect(field('rules-thresholds')).toHaveValue('50, 80, 100');
    expect(field('rules-rotation')).toHaveValue('90');
    expect(field('rules-spike-multiplier')).toHaveValue('3');
    expect(field('rules-spike-floor')).toHaveValue('1.234567');
    expect(field('rules-timezone')).toHaveValue('Europe/Berlin');
    expect(field('rules-timezone')).toHaveAttribute('placeholder', 'System time zone');
    expect(field('rules-notify')).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Desktop notifications' })).toBe(field('rules-notify'));
    expect(save()).toBeDisabled();

    await fireEvent.input(field('rules-rotation'), { target: { value: '30' } });
    expect(save()).not.toBeDisabled();
    expect(screen.getByTestId('rules-unsaved')).toBeInTheDocument();
    // Back to what is stored: nothing to save.
    await fireEvent.input(field('rules-rotation'), { target: { value: '90' } });
    expect(save()).toBeDisabled();
  });

  it('saves the full settings (floor in exact micro-dollars, rotation_off kept) and shows the tidied answer', async () => {
    const user = userEvent.setup();
    const { sent, onsaved } = setup();
    await loaded();
    await retype(user, {
      'rules-expiry': '7, 30, 7',
      'rules-thresholds': '100, 75',
      'rules-rotation': '0',
      'rules-spike-multiplier': '5',
      'rules-spike-floor': '$2.50',
    });
    await user.type(field('rules-timezone'), 'America/New_York');
    await user.click(save());

    await waitFor(() => expect(sent()).toHaveLength(1));
    expect(sent()[0]).toEqual({
      settings: {
        expiry_days: [7, 30, 7],
        budget_thresholds: [100, 75],
        rotation_days: 0,
        rotation_off: ['key-old', 'key-ci'],
        spike_multiplier: 5,
        spike_floor_micros: 2_500_000,
        notify: true,
        time_zone: 'America/New_York',
        plan_reset: false,
      },
    });
    // The answer from Rust is what the form shows now.
    await waitFor(() => expect(field('rules-expiry')).toHaveValue('30, 7'));
    expect(field('rules-thresholds')).toHaveValue('75, 100');
    expect(field('rules-spike-floor')).toHaveValue('2.50');
    expect(save()).toBeDisabled();
    expect(toasts.items.map((t) => [t.text, t.tone])).toEqual([['Alert rules saved', 'success']]);
    expect(onsaved).toHaveBeenCalledWith(
      expect.objectContaining({ expiry_days: [30, 7], spike_floor_micros: 2_500_000 }),
    );
  });

  it('converts the floor exactly and sends an empty time zone as null', async () => {
    const user = userEvent.setup();
    const { sent } = setup(undefined, { ...SETTINGS, time_zone: 'Europe/Berlin' });
    await waitFor(() => expect(field('rules-timezone')).toHaveValue('Europe/Berlin'));
    await user.clear(field('rules-timezone'));
    await user.clear(field('rules-spike-floor'));
    // 0.1 + 0.2 style float sums would drift; this must be exact.
    await user.type(field('rules-spike-floor'), '1234.567891{Enter}');
    await waitFor(() => expect(sent()).toHaveLength(1));
    const settings = (sent()[0] as { settings: AlertSettings }).settings;
    expect(settings.spike_floor_micros).toBe(1_234_567_891);
    expect(settings.time_zone).toBeNull();
  });

  it('turns desktop notifications off, saying alerts still appear here, and saves with Enter', async () => {
    const { sent } = setup();
    await loaded();
    const toggle = field('rules-notify');
    expect(screen.getByTestId('rules-notify-state')).toHaveTextContent('Notify when an alert fires');
    await fireEvent.click(toggle);
    expect(toggle).not.toBeChecked();
    expect(screen.getByTestId('rules-notify-state')).toHaveTextContent('Do not notify (alerts still appear here)');
    expect(toggle).toHaveAccessibleDescription('Do not notify (alerts still appear here)');
    expect(save()).not.toBeDisabled();
    await fireEvent.keyDown(toggle, { key: 'Enter' });
    await waitFor(() => expect(sent()).toEqual([{ settings: { ...SETTINGS, notify: false } }]));
    await waitFor(() => expect(field('rules-notify')).not.toBeChecked());
    expect(save()).toBeDisabled();
  });

  it('asks to be told when a plan window resets', async () => {
    const { sent } = setup();
    await loaded();
    const toggle = field('rules-plan-reset');
    expect(toggle).not.toBeChecked();
    expect(toggle).toHaveAccessibleName('Plan windows');
    await fireEvent.click(toggle);
    await fireEvent.click(save());
    await waitFor(() => expect(sent()).toEqual([{ settings: { ...SETTINGS, plan_reset: true } }]));
  });

  it('validates each field inline and does not save', async () => {
    const user = userEvent.setup();
    const { sent } = setup();
    await loaded();
    await retype(user, {
      'rules-spike-multiplier': '1',
      'rules-spike-floor': '1.2345678',
      'rules-expiry': '400',
      'rules-thresholds': '0',
      'rules-rotation': '-1',
    });
    await user.type(field('rules-timezone'), 'Mars Olympus');
    await user.click(save());

    const errors = {
      multiplier: 'whole number from 2 to 100',
      floor: 'at most 6 decimals',
      expiry: 'days from 1 to 365',
      thresholds: 'percentages from 1 to 1000',
      rotation: '0 turns the reminder off',
      timezone: 'IANA time zone name',
    };
    for (const [name, text] of Object.entries(errors)) expect(fieldError(name), name).toHaveTextContent(text);
    expect(field('rules-spike-floor')).toHaveAttribute('aria-invalid', 'true');
    expect(field('rules-spike-floor')).toHaveAttribute('aria-describedby', 'rules-floor-error');
    expect(document.activeElement).toBe(field('rules-expiry'));
    expect(sent()).toEqual([]);

    await retype(user, { 'rules-spike-floor': '-1' });
    expect(fieldError('floor')).toHaveTextContent('The spike floor cannot be negative.');
  });

  it('shows the Rust error as a form error and keeps the changes', async () => {
    const user = userEvent.setup();
    setup((cmd) => {
      if (cmd === 'alert_settings_set') {
        throw {
          code: 'invalid_input',
          message: "'Mars/Olympus' is not a time zone; use an IANA name such as Europe/Berlin",
        };
      }
      return null;
    });
    await loaded();
    await user.type(field('rules-timezone'), 'Mars/Olympus{Enter}');
    expect(await screen.findByTestId('rules-form-error')).toHaveTextContent("'Mars/Olympus' is not a time zone");
    expect(field('rules-timezone')).toHaveValue('Mars/Olympus');
    expect(save()).not.toBeDisabled();
    expect(toasts.items).toEqual([]);
  });

  it('discards the changes', async () => {
    setup();
    await loaded();
    await fireEvent.input(field('rules-expiry'), { target: { value: '14' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(field('rules-expiry')).toHaveValue('30, 7, 1');
    expect(save()).toBeDisabled();
  });

  it('shows a loading state, then an error with a retry', async () => {
    const held = heldIPC('alert_settings', SETTINGS);
    render(AlertRulesForm);
    expect(screen.getByTestId('rules-loading')).toBeInTheDocument();
    await failFirstLoadThenRetry(held, 'rules-error');
    await loaded();
    expect(screen.queryByTestId('rules-error')).toBeNull();
  });

  it('turns the rotation reminder back on for the keys it was turned off for', async () => {
    const { sent } = setup();
    await loaded();
    const note = screen.getByTestId('rules-rotation-off');
    expect(note).toHaveTextContent('Off for 2 keys');
    expect(save()).toBeDisabled();
    await fireEvent.click(within(note).getByRole('button', { name: 'Turn back on' }));
    expect(screen.queryByTestId('rules-rotation-off')).toBeNull();
    await fireEvent.click(save());
    await waitFor(() => expect(sent()).toHaveLength(1));
    expect((sent()[0] as { settings: AlertSettings }).settings.rotation_off).toEqual([]);
  });
});
