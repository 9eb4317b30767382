// Helpers for the tests of views that load from Rust: a clean slate after each test, and a first
// load that fails (held by fixtures' heldIPC) followed by Retry.
import { afterEach, expect } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import { clearToasts } from '../lib/toasts.svelte';
import type { heldIPC } from './fixtures';

/** Clears the IPC mocks and the toasts after each test of the file. */
export function resetAfterEach(): void {
  afterEach(() => {
    clearMocks();
    clearToasts();
  });
}

/**
 * Fails the view's first load (held by `heldIPC`), checks the error it shows (`errorTestid`), then
 * presses its Retry and lets the second load through. Returns the error element.
 */
export async function failFirstLoadThenRetry(held: ReturnType<typeof heldIPC>, errorTestid: string) {
  const { pending, recover } = held;
  await waitFor(() => expect(pending).toHaveLength(1));
  pending[0]();
  const error = await screen.findByTestId(errorTestid);
  expect(error).toHaveTextContent('the database is busy');
  recover();
  await fireEvent.click(within(error).getByRole('button', { name: /retry/i }));
  await waitFor(() => expect(pending).toHaveLength(2));
  pending[1]();
  return error;
}
