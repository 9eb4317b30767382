import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import LoginItemSwitch from '../LoginItemSwitch.svelte';
import { toasts } from '../../lib/toasts.svelte';
import { resetAfterEach } from '../../test/views';

resetAfterEach();

describe('LoginItemSwitch', () => {
  it('shows the stored state and turns start-at-login on', async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'start_at_login') return false;
      if (cmd === 'set_start_at_login') {
        calls.push(args);
        return true;
      }
      return null;
    });
    render(LoginItemSwitch);
    const input = screen.getByTestId('login-item') as HTMLInputElement;
    await waitFor(() => expect(input).not.toBeDisabled());
    expect(input.checked).toBe(false);
    await fireEvent.click(input);
    await waitFor(() => expect(calls).toEqual([{ enabled: true }]));
    await waitFor(() => expect(input.checked).toBe(true));
    expect(toasts.items.map((t) => t.text)).toEqual(['Keyledger starts when you log in']);
  });

  it('goes back and says why when the login items cannot be changed', async () => {
    mockIPC((cmd) => {
      if (cmd === 'start_at_login') return true;
      if (cmd === 'set_start_at_login') throw { code: 'io', message: 'cannot use the login items: read-only' };
      return null;
    });
    render(LoginItemSwitch);
    const input = screen.getByTestId('login-item') as HTMLInputElement;
    await waitFor(() => expect(input.checked).toBe(true));
    await fireEvent.click(input);
    await waitFor(() => expect(toasts.items.map((t) => t.tone)).toEqual(['error']));
    expect(input.checked).toBe(true);
  });

  it('stays disabled when the login items cannot be read', async () => {
    mockIPC((cmd) => {
      if (cmd === 'start_at_login') throw { code: 'io', message: 'nope' };
      return null;
    });
    render(LoginItemSwitch);
    await waitFor(() => expect(screen.getByTestId('login-item')).toBeDisabled());
  });
});
