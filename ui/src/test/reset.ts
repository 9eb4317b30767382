// What a component test leaves behind, undone after each test: the IPC mock, the toasts and fake timers.
import { clearMocks } from '@tauri-apps/api/mocks';
import { vi } from 'vitest';
import { clearToasts } from '../lib/toasts.svelte';

/** For `afterEach`: no IPC mock, no toast, real timers. */
export function resetWindow(): void {
  clearMocks();
  clearToasts();
  vi.useRealTimers();
}
