import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks } from '@tauri-apps/api/mocks';
import RotateDialog from '../RotateDialog.svelte';
import { credential, recordIPC, type Handler } from '../../test/fixtures';
import type { RotateOutcome, Rotation } from '../../lib/bindings';

const KEY = credential({ id: 'key-1', label: 'Work laptop', hint: 'sk-proj-…a1B2' });
const NEW_SECRET = 'sk-proj-NEWNEWNEWNEWNEWNEWNEWNEWc3D4';
const OUTCOME: RotateOutcome = {
  credential: { ...KEY, hint: 'sk-proj-…c3D4', rotated_at: '2026-11-23T12:00:00Z' },
  old_hint: 'sk-proj-…a1B2',
};

/** `handler` answers a command, or returns undefined for the default (no history, the outcome above). */
function setup(handler: Handler = () => undefined) {
  const calls = recordIPC((cmd, args) => {
    const answer = handler(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === 'rotation_history') return [];
    if (cmd === 'rotate_credential') return OUTCOME;
    return null;
  });
  const onclose = vi.fn();
  const onrotated = vi.fn();
  render(RotateDialog, { credential: KEY, onclose, onrotated });
  const field = (testid: string) => screen.getByTestId(testid) as HTMLInputElement;
  const rotations = () => calls.filter((c) => c.cmd === 'rotate_credential');
  return { calls, onclose, onrotated, field, rotations };
}

afterEach(() => {
  clearMocks();
});

describe('RotateDialog', () => {
  it('shows the key, focuses the new key field and reminds by default', async () => {
    const { field, calls } = setup();
    const dialog = screen.getByTestId('rotate-dialog');
    expect(within(dialog).getByRole('heading', { level: 2 })).toHaveTextContent('Rotate “Work laptop”');
    expect(screen.getByTestId('rotate-current')).toHaveTextContent('sk-proj-…a1B2');
    await waitFor(() => expect(document.activeElement).toBe(field('rotate-secret')));
    expect(field('rotate-secret')).toHaveAttribute('type', 'password');
    expect(field('rotate-secret')).toHaveAttribute('autocomplete', 'off');
    expect(field('rotate-remind')).toBeChecked();
    expect(field('rotate-expires')).toHaveValue('');
    expect(dialog).toHaveTextContent(
      'The keychain item is updated in place; usage history stays with this key; its age restarts.',
    );
    await waitFor(() => expect(calls.find((c) => c.cmd === 'rotation_history')?.args).toEqual({ id: 'key-1' }));
    expect(screen.queryByTestId('rotate-history')).toBeNull();
  });

  it('does not call Rust without a new key', async () => {
    const { field, rotations, onrotated } = setup();
    await fireEvent.click(screen.getByTestId('rotate-save'));
    expect(document.querySelector('.field-error[data-field="secret"]')).toHaveTextContent('Paste the new key.');
    expect(field('rotate-secret')).toHaveAttribute('aria-invalid', 'true');
    await fireEvent.input(field('rotate-secret'), { target: { value: 'sk-proj with spaces' } });
    await fireEvent.click(screen.getByTestId('rotate-save'));
    expect(document.querySelector('.field-error[data-field="secret"]')).toHaveTextContent(/spaces/);
    expect(rotations()).toHaveLength(0);
    expect(onrotated).not.toHaveBeenCalled();
  });

  it('rotates with the new key, its expiry and the reminder choice; busy while it runs', async () => {
    let release: () => void = () => {};
    const { field, rotations, onrotated } = setup((cmd) =>
      cmd === 'rotate_credential' ? new Promise((resolve) => (release = () => resolve(OUTCOME))) : undefined,
    );
    await fireEvent.input(field('rotate-secret'), { target: { value: `  ${NEW_SECRET} ` } });
    await fireEvent.input(field('rotate-expires'), { target: { value: '2027-03-31' } });
    await fireEvent.click(field('rotate-remind'));
    expect(field('rotate-remind')).not.toBeChecked();
    await fireEvent.click(screen.getByTestId('rotate-save'));
    await waitFor(() => expect(screen.getByTestId('rotate-save')).toBeDisabled());
    expect(screen.getByTestId('rotate-save')).toHaveTextContent('Rotating…');
    expect(rotations().map((c) => c.args)).toEqual([
      { id: 'key-1', secret: NEW_SECRET, options: { expires_on: '2027-03-31', remind_revoke: false } },
    ]);
    release();
    await waitFor(() => expect(onrotated).toHaveBeenCalledWith(OUTCOME));
    // The secret does not stay in the form.
    expect(field('rotate-secret')).toHaveValue('');
  });

  it('submits with Enter from the key field', async () => {
    const user = userEvent.setup();
    const { field, rotations, onrotated } = setup();
    await waitFor(() => expect(document.activeElement).toBe(field('rotate-secret')));
    await user.keyboard(`${NEW_SECRET}{Enter}`);
    await waitFor(() => expect(onrotated).toHaveBeenCalledTimes(1));
    expect(rotations()[0].args).toEqual({
      id: 'key-1',
      secret: NEW_SECRET,
      options: { expires_on: null, remind_revoke: true },
    });
  });

  it('shows the reason Rust refused the key and stays open', async () => {
    const message = 'this looks like an Anthropic key, but "Work laptop" is an OpenAI key; add it as a new key instead';
    const { field, onrotated } = setup((cmd) => {
      if (cmd === 'rotate_credential') throw { code: 'invalid_input', message };
      return undefined;
    });
    await fireEvent.input(field('rotate-secret'), { target: { value: 'sk-ant-api03-abcdefghijklmnop' } });
    await fireEvent.click(screen.getByTestId('rotate-save'));
    expect(await screen.findByTestId('rotate-error')).toHaveTextContent(message);
    expect(onrotated).not.toHaveBeenCalled();
    expect(screen.getByTestId('rotate-save')).not.toBeDisabled();
    expect(field('rotate-secret')).toHaveValue('sk-ant-api03-abcdefghijklmnop');
  });

  it('lists the earlier rotations, newest first', async () => {
    const history: Rotation[] = [
      {
        id: 2,
        credential_id: 'key-1',
        old_hint: 'sk-proj-…x9Y8',
        new_hint: 'sk-proj-…a1B2',
        rotated_at: new Date(2026, 10, 20, 9, 0).toISOString(),
        remind_revoke: true,
      },
      {
        id: 1,
        credential_id: 'key-1',
        old_hint: 'sk-proj-…q1W2',
        new_hint: 'sk-proj-…x9Y8',
        rotated_at: new Date(2026, 4, 2, 9, 0).toISOString(),
        remind_revoke: false,
      },
    ];
    setup((cmd) => (cmd === 'rotation_history' ? history : undefined));
    const section = await screen.findByTestId('rotate-history');
    expect(section).toHaveTextContent('Rotated 2× · last on 20 Nov 2026');
    const rows = within(section).getAllByTestId('rotate-history-row');
    expect(rows.map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'sk-proj-…x9Y8 → replaced by sk-proj-…a1B2 20 Nov 2026',
      'sk-proj-…q1W2 → replaced by sk-proj-…x9Y8 2 May 2026',
    ]);
  });

  it('closes on Escape and forgets the typed key', async () => {
    const { field, onclose } = setup();
    await fireEvent.input(field('rotate-secret'), { target: { value: NEW_SECRET } });
    await fireEvent.keyDown(field('rotate-secret'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(field('rotate-secret')).toHaveValue('');
  });
});
