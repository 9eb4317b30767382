import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { recordIPC } from '../test/fixtures';
import { api } from './api';
import { FIRST_QUESTIONS, askFirst, firstAnswers, takeFirst } from './first';

afterEach(() => {
  // Whatever a test left asked is handed out, so the next one starts with none.
  for (const cmd of FIRST_QUESTIONS) void takeFirst(cmd)?.catch(() => {});
  clearMocks();
  vi.useRealTimers();
});

const summary = { has_usage: true };

/** Node's process, where an unhandled rejection is reported (the tests run in Node). */
type Listener = (reason: unknown) => void;
const node = (globalThis as unknown as { process: { on(e: string, f: Listener): void; off(e: string, f: Listener): void } }).process;

describe('the first screen asked early', () => {
  it('asks the keychain check, the key list and the summary once, and the app takes each answer instead of asking again', async () => {
    const calls = recordIPC((cmd) => (cmd === 'list_credentials' ? [] : cmd === 'reconcile' ? { missing: [] } : summary));
    askFirst();
    askFirst();
    await firstAnswers(1000);
    expect(calls.map((c) => c.cmd).sort()).toEqual(['dashboard_summary', 'list_credentials', 'reconcile']);

    expect(await api.dashboardSummary()).toEqual(summary);
    expect(await api.listCredentials()).toEqual([]);
    expect(await api.reconcile()).toEqual({ missing: [] });
    expect(calls).toHaveLength(3);

    // Taken once: a later call asks anew (a refresh must see new data).
    await api.dashboardSummary();
    expect(calls.map((c) => c.cmd).filter((c) => c === 'dashboard_summary')).toHaveLength(2);
  });

  it('hands a failed answer to the app as the error the command gave, not as an unhandled rejection', async () => {
    const unhandled = vi.fn();
    node.on('unhandledRejection', unhandled);
    try {
      const calls = recordIPC((cmd) => {
        if (cmd === 'dashboard_summary') throw { code: 'storage', message: 'the database is busy' };
        return [];
      });
      askFirst();
      // The failure lands before anyone waits for the answers.
      await vi.waitFor(() => expect(calls).toHaveLength(3));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
      await expect(api.dashboardSummary()).rejects.toEqual({ code: 'storage', message: 'the database is busy' });
    } finally {
      node.off('unhandledRejection', unhandled);
    }
  });

  it('does not hold the window back for an answer that is slow', async () => {
    vi.useFakeTimers();
    recordIPC((cmd) => (cmd === 'dashboard_summary' ? new Promise(() => {}) : []));
    askFirst();
    let settled = false;
    void firstAnswers(250).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(200);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(60);
    expect(settled).toBe(true);
  });

  it('leaves every call to the IPC when nothing was asked early (a window opened by tests)', async () => {
    const calls = recordIPC(() => summary);
    expect(takeFirst('dashboard_summary')).toBeUndefined();
    await api.dashboardSummary();
    expect(calls).toHaveLength(1);
  });
});
